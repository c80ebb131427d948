import { type InfiniteData, type QueryClient, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MemberRole, MemberStatus } from '../../../../shared/social.js';
import type { Page } from '../../../api.js';
import { useRealtimeEvent } from '../../../realtime/index.js';
import { communitiesApi, type Community, type CommunityFilter, type CommunityPatch, type NewCommunity } from '../api.js';

export const communityKey = (idOrSlug: string) => ['community', idOrSlug.toLowerCase()] as const;
export const membersKey = (id: string) => ['community-members', id] as const;

/** Communities page by page: the viewer's, the ones to discover, or all they can see. */
export function useCommunityList(filter: CommunityFilter, q: string) {
  return useInfiniteQuery({
    queryKey: ['communities', filter, q],
    queryFn: ({ pageParam }) => communitiesApi.list(filter, q, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (prev) => prev,
  });
}

/** One community by id or slug; nothing is asked for an empty one. */
export function useCommunity(idOrSlug: string) {
  return useQuery({ queryKey: communityKey(idOrSlug), queryFn: () => communitiesApi.get(idOrSlug), enabled: idOrSlug !== '' });
}

/** Every community the viewer belongs to (for the navigation and the moderation queue picker). */
export function useMyCommunities(enabled = true) {
  return useQuery({
    queryKey: ['communities', 'mine-all'],
    queryFn: async () => (await communitiesApi.list('mine', '', undefined, 100)).items,
    staleTime: 5 * 60_000,
    enabled,
  });
}

type ListData = InfiniteData<Page<Community>, string | undefined> | Community[];

/**
 * Puts a fresh copy of a community in every cache that shows it, under its id and its slug. Lists on
 * screen keep their cards where they are (a card does not vanish from Discover the moment one joins);
 * they are refetched the next time they are shown.
 */
export function storeCommunity(qc: QueryClient, c: Community): void {
  qc.setQueryData(communityKey(c.id), c);
  qc.setQueryData(communityKey(c.slug), c);
  const swap = (x: Community) => (x.id === c.id ? c : x);
  qc.setQueriesData<ListData>({ queryKey: ['communities'] }, (data) => {
    if (!data) {
      return data;
    }
    if (Array.isArray(data)) {
      return data.map(swap);
    }
    return { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.map(swap) })) };
  });
  void qc.invalidateQueries({ queryKey: ['communities'], refetchType: 'none' });
  void qc.invalidateQueries({ queryKey: ['communities', 'mine-all'] });
  void qc.invalidateQueries({ queryKey: ['feed-targets'] });
}

/** After a change of membership: the community's members, its feed and the composer's places change too. */
function membershipChanged(qc: QueryClient, c: Pick<Community, 'id' | 'slug'>): void {
  void qc.invalidateQueries({ queryKey: ['feed-targets'] });
  void qc.invalidateQueries({ queryKey: membersKey(c.id) });
  void qc.invalidateQueries({ queryKey: ['feed'] });
}

export type MembershipAction = 'join' | 'request' | 'leave';

export function useMembership(c: Pick<Community, 'id' | 'slug'>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (action: MembershipAction) => {
      if (action !== 'leave') {
        return action === 'join' ? communitiesApi.join(c.id) : communitiesApi.request(c.id);
      }
      await communitiesApi.leave(c.id);
      // a secret community is out of sight once left: then there is no fresh copy to show
      return communitiesApi.get(c.id).catch(() => null);
    },
    onSuccess: (fresh) => {
      if (fresh) {
        storeCommunity(qc, fresh);
      } else {
        qc.removeQueries({ queryKey: communityKey(c.id) });
        qc.removeQueries({ queryKey: communityKey(c.slug) });
        void qc.invalidateQueries({ queryKey: ['communities'] });
      }
      membershipChanged(qc, c);
    },
  });
}

export function useCreateCommunity() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewCommunity) => communitiesApi.create(body),
    onSuccess: (c) => storeCommunity(qc, c),
  });
}

export function useUpdateCommunity(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: CommunityPatch) => communitiesApi.update(id, patch),
    onSuccess: (c) => storeCommunity(qc, c),
  });
}

export function useCover(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File | null) => (file ? communitiesApi.uploadCover(id, file) : communitiesApi.removeCover(id)),
    onSuccess: (c) => storeCommunity(qc, c),
  });
}

export function useMembers(id: string, status: MemberStatus, q: string, enabled = true) {
  return useInfiniteQuery({
    queryKey: [...membersKey(id), status, q],
    queryFn: ({ pageParam }) => communitiesApi.members(id, { status, q: q || undefined }, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (prev) => prev,
    enabled,
  });
}

export type MemberAction =
  | { kind: 'approve' | 'ban' | 'unban' | 'remove'; userId: string }
  | { kind: 'role'; userId: string; role: MemberRole }
  | { kind: 'invite'; userIds: string[] };

/** Every moderator's action on members, each followed by a fresh member list and community. */
export function useMemberAction(c: Pick<Community, 'id' | 'slug'>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (a: MemberAction) => {
      switch (a.kind) {
        case 'invite':
          return communitiesApi.invite(c.id, a.userIds);
        case 'role':
          return communitiesApi.setRole(c.id, a.userId, a.role);
        case 'remove':
          return communitiesApi.removeMember(c.id, a.userId);
        case 'approve':
        case 'ban':
        case 'unban':
          return communitiesApi.memberAction(c.id, a.userId, a.kind);
      }
    },
    onSuccess: () => {
      membershipChanged(qc, c);
      // the member count and the requests changed
      void qc.invalidateQueries({ queryKey: communityKey(c.id) });
      void qc.invalidateQueries({ queryKey: communityKey(c.slug) });
      void qc.invalidateQueries({ queryKey: ['communities'], refetchType: 'none' });
    },
  });
}

/**
 * Someone changed the viewer's place in a community (approved, invited, removed, or the viewer in
 * another tab): the community is fetched again and shown fresh wherever it appears.
 */
export function useMembershipLive(): void {
  const qc = useQueryClient();
  useRealtimeEvent('membership.changed', (e) => {
    const id = typeof e.payload.communityId === 'string' ? e.payload.communityId : null;
    void qc.invalidateQueries({ queryKey: ['feed-targets'] });
    void qc.invalidateQueries({ queryKey: ['community-members'] });
    if (!id) {
      void qc.invalidateQueries({ queryKey: ['communities'] });
      return;
    }
    communitiesApi.get(id).then(
      (c) => storeCommunity(qc, c),
      () => {
        // no longer visible (left a secret community, or removed from it)
        qc.removeQueries({ queryKey: communityKey(id) });
        void qc.invalidateQueries({ queryKey: ['communities'] });
      },
    );
  });
}
