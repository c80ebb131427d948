import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDebouncedValue } from '@mantine/hooks';
import { surveysApi, type Audience, type CheckinInput, type SurveyDetail, type SurveyFilters, type SurveyInput } from '../api.js';
import { audienceIsEmpty } from '../logic.js';

export const SURVEYS_KEY = ['surveys'] as const;

export function useSurveyList(filters: SurveyFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: [...SURVEYS_KEY, 'list', filters],
    queryFn: ({ pageParam }) => surveysApi.list(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export function useSurvey(id: string | undefined) {
  return useQuery({ queryKey: [...SURVEYS_KEY, 'one', id], queryFn: () => surveysApi.get(id!), enabled: !!id });
}

/** After any change, every list and the changed survey are read again. */
function useRefresh() {
  const qc = useQueryClient();
  return (s?: SurveyDetail) => {
    if (s) {
      qc.setQueryData([...SURVEYS_KEY, 'one', s.id], s);
    }
    return qc.invalidateQueries({ queryKey: [...SURVEYS_KEY, 'list'] });
  };
}

export function useCreateSurvey() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: surveysApi.create, onSuccess: refresh });
}

export function useUpdateSurvey() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: ({ id, body }: { id: string; body: SurveyInput }) => surveysApi.update(id, body), onSuccess: refresh });
}

export function useScheduleSurvey() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: surveysApi.schedule, onSuccess: refresh });
}

export function useEndSurvey() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: surveysApi.end, onSuccess: refresh });
}

export function useDeleteSurvey() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: surveysApi.remove, onSuccess: () => refresh() });
}

export function useStartCheckin() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: CheckinInput) => surveysApi.startCheckin(body), onSuccess: refresh });
}

/** How many people an audience invites, asked again shortly after the audience stops changing. */
export function useAudiencePreview(audience: Audience, enabled = true) {
  const [settled] = useDebouncedValue(audience, 300);
  return useQuery({
    queryKey: [...SURVEYS_KEY, 'preview', settled],
    queryFn: () => surveysApi.preview(settled),
    enabled: enabled && !audienceIsEmpty(settled),
    staleTime: 30_000,
  });
}

export function useListeningSettings(enabled = true) {
  return useQuery({ queryKey: [...SURVEYS_KEY, 'settings'], queryFn: surveysApi.settings, enabled });
}

export function useSaveListeningSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: surveysApi.saveSettings,
    onSuccess: (s) => qc.setQueryData([...SURVEYS_KEY, 'settings'], s),
  });
}
