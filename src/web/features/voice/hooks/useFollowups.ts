import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FollowupDetail, type FollowupFilters, type FollowupPatch, voiceApi } from '../api.js';
import { FEEDBACK_KEY } from './useFeedback.js';

export const FOLLOWUPS_KEY = ['customers', 'followups'] as const;

/** Follow-ups by due date, a page at a time. */
export function useFollowups(filters: FollowupFilters) {
  return useInfiniteQuery({
    queryKey: [...FOLLOWUPS_KEY, 'list', filters],
    queryFn: ({ pageParam }) => voiceApi.followups(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useFollowup(id: string | undefined) {
  return useQuery({
    queryKey: [...FOLLOWUPS_KEY, 'one', id],
    queryFn: () => voiceApi.followup(id!),
    enabled: id !== undefined,
  });
}

/** After a change the server sends the whole follow-up back: show it, then refresh the lists it appears in. */
function useStore() {
  const qc = useQueryClient();
  return (detail: FollowupDetail) => {
    qc.setQueryData([...FOLLOWUPS_KEY, 'one', detail.id], detail);
    void qc.invalidateQueries({ queryKey: [...FOLLOWUPS_KEY, 'list'] });
    void qc.invalidateQueries({ queryKey: FEEDBACK_KEY });
  };
}

export function useUpdateFollowup(id: string) {
  const store = useStore();
  return useMutation({ mutationFn: (patch: FollowupPatch) => voiceApi.updateFollowup(id, patch), onSuccess: store });
}

export function useAddNote(id: string) {
  const store = useStore();
  return useMutation({ mutationFn: (body: string) => voiceApi.addNote(id, body), onSuccess: store });
}
