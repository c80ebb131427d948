import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRealtimeEvent } from '../../../realtime/hooks.js';
import { urgentApi } from '../api.js';

export const URGENT_KEY = ['urgent', 'active'] as const;

/**
 * The urgent broadcasts on the person's banner, fetched again the moment one starts, ends or is
 * acknowledged (in this tab or another).
 */
export function useActiveUrgent() {
  const qc = useQueryClient();
  useRealtimeEvent(['urgent.started', 'urgent.ended', 'announcement.stats'], () => {
    void qc.invalidateQueries({ queryKey: URGENT_KEY });
  });
  return useQuery({ queryKey: URGENT_KEY, queryFn: urgentApi.active, staleTime: 30_000, refetchOnWindowFocus: true });
}

function useRefreshAfter() {
  const qc = useQueryClient();
  return async () => {
    await qc.invalidateQueries({ queryKey: URGENT_KEY });
    // The announcement's own views (inbox, pinned, its page) show the same acknowledgement.
    await qc.invalidateQueries({ queryKey: ['announcements'] });
  };
}

export function useAcknowledgeUrgent() {
  const refresh = useRefreshAfter();
  return useMutation({ mutationFn: urgentApi.acknowledge, onSuccess: refresh });
}

export function useEndUrgent() {
  const refresh = useRefreshAfter();
  return useMutation({ mutationFn: urgentApi.end, onSuccess: refresh });
}
