import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { actionsApi, type ActionFilters, type ActionInput } from '../api.js';

export const ACTIONS_KEY = ['listening-actions'] as const;

/** The actions the reader manages, newest first, a page at a time. */
export function useManagedActions(filters: ActionFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: [...ACTIONS_KEY, 'managed', filters],
    queryFn: ({ pageParam }) => actionsApi.managed(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

/** The actions shared with the reader's groups, most recently shared first. */
export function useSharedActions(limit?: number) {
  return useInfiniteQuery({
    queryKey: [...ACTIONS_KEY, 'shared', limit ?? null],
    queryFn: ({ pageParam }) => actionsApi.shared(pageParam, limit),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Surveys an action can point back to; an empty list when they cannot be read. */
export function useSurveyOptions(enabled: boolean) {
  return useQuery({
    queryKey: [...ACTIONS_KEY, 'surveys'],
    queryFn: async () => (await actionsApi.surveys().catch(() => ({ items: [] }))).items,
    enabled,
    staleTime: 60_000,
  });
}

function useRefresh() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ACTIONS_KEY });
}

/** Writes a new action, or changes one when `id` is given. */
export function useSaveAction() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: ActionInput | Partial<ActionInput> }) =>
      id ? actionsApi.update(id, input) : actionsApi.create(input as ActionInput),
    onSuccess: refresh,
  });
}

export function useShareAction() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => actionsApi.share(id), onSettled: refresh });
}

export function useDeleteAction() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => actionsApi.remove(id), onSettled: refresh });
}
