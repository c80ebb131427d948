import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useMe } from '../../auth/hooks/useSession.js';
import { useMyCommunities } from '../../communities/hooks/useCommunities.js';
import { moderationApi, type ReportStatus, type Resolution } from '../api.js';

/**
 * Where the viewer may handle reports: the whole organisation (administrators) and the communities
 * they moderate or own. `can` is false for everyone else, who never see the moderation pages.
 */
export function useModerationScope() {
  const { data: me } = useMe();
  const orgWide = me?.abilities['moderation.admin'] === true;
  const mine = useMyCommunities(Boolean(me));
  const communities = (mine.data ?? []).filter((c) => c.abilities.canModerate && c.membership?.status === 'active');
  return { orgWide, communities, can: orgWide || communities.length > 0, isPending: mine.isPending };
}

export function useReportQueue(communityId: string | undefined, status: ReportStatus, enabled = true) {
  return useInfiniteQuery({
    queryKey: ['moderation', communityId ?? 'org', status],
    queryFn: ({ pageParam }) => moderationApi.queue({ communityId, status }, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export function useResolveReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, note }: { id: string; action: Resolution; note?: string }) => moderationApi.resolve(id, { action, note }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['moderation'] });
      // the content itself changed: feeds show it hidden or without it
      void qc.invalidateQueries({ queryKey: ['feed'] });
      void qc.invalidateQueries({ queryKey: ['post'] });
    },
  });
}
