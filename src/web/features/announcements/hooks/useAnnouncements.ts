import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../../api.js';
import type { CommsAudience } from '../../../../shared/comms.js';
import { useRealtimeEvent } from '../../../realtime/hooks.js';
import { refreshPost } from '../../feed/hooks/usePosts.js';
import { announcementsApi, type AnnouncementInput, type Box, type CommsSettingsValues } from '../api.js';

export const ANNOUNCEMENTS_KEY = ['announcements'] as const;
const PINNED_KEY = [...ANNOUNCEMENTS_KEY, 'pinned'] as const;
const detailKey = (id: string) => [...ANNOUNCEMENTS_KEY, 'one', id] as const;
const statsKey = (id: string) => [...ANNOUNCEMENTS_KEY, 'stats', id] as const;
const pendingKey = (id: string) => [...ANNOUNCEMENTS_KEY, 'pending', id] as const;
const SETTINGS_KEY = ['comms-settings'] as const;

const notFound = (err: unknown) => err instanceof ApiError && (err.status === 404 || err.status === 403);

export function useAnnouncementList(box: Box) {
  return useInfiniteQuery({
    queryKey: [...ANNOUNCEMENTS_KEY, 'list', box],
    queryFn: ({ pageParam }) => announcementsApi.list(box, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** What stays on top of home; read again when an announcement is published. */
export function usePinnedAnnouncements() {
  const qc = useQueryClient();
  useRealtimeEvent('announcement.published', () => void qc.invalidateQueries({ queryKey: PINNED_KEY }));
  return useQuery({ queryKey: PINNED_KEY, queryFn: announcementsApi.pinned });
}

export function useAnnouncement(id: string) {
  return useQuery({
    queryKey: detailKey(id),
    queryFn: () => announcementsApi.get(id),
    retry: (count, err) => !notFound(err) && count < 2,
  });
}

/** The sender's counts, per segment, and who is still waiting; read again whenever the counts move. */
export function useAnnouncementStats(id: string, enabled: boolean) {
  const qc = useQueryClient();
  useRealtimeEvent(
    (e) => e.event === 'announcement.stats' && e.payload.announcementId === id,
    () => {
      void qc.invalidateQueries({ queryKey: statsKey(id) });
      void qc.invalidateQueries({ queryKey: pendingKey(id) });
    },
  );
  return useQuery({ queryKey: statsKey(id), queryFn: () => announcementsApi.stats(id), enabled });
}

export function usePendingRecipients(id: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: pendingKey(id),
    queryFn: ({ pageParam }) => announcementsApi.pending(id, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

/** How many people an audience reaches, for the editor (only asked once something is chosen). */
export function useAudienceSize(audience: CommsAudience, enabled: boolean) {
  return useQuery({
    queryKey: [...ANNOUNCEMENTS_KEY, 'audience', audience],
    queryFn: () => announcementsApi.audienceSize(audience),
    enabled,
    staleTime: 30_000,
    retry: false,
  });
}

/** Acknowledges (or marks seen) an announcement, and refreshes where it shows: lists, pinned, its feed card. */
export function useReceipt(kind: 'ack' | 'seen') {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id }: { id: string; postId?: string | null }) => (kind === 'ack' ? announcementsApi.ack(id) : announcementsApi.seen(id)),
    onSuccess: (_r, { id, postId }) => {
      void qc.invalidateQueries({ queryKey: PINNED_KEY });
      void qc.invalidateQueries({ queryKey: [...ANNOUNCEMENTS_KEY, 'list'] });
      if (kind === 'ack') {
        void qc.invalidateQueries({ queryKey: detailKey(id) });
      }
      if (postId) {
        void refreshPost(qc, postId);
      }
    },
  });
}

export function useSaveAnnouncement() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: AnnouncementInput }) =>
      id ? announcementsApi.update(id, input) : announcementsApi.create(input),
    onSuccess: (a) => {
      qc.setQueryData(detailKey(a.id), a);
      void qc.invalidateQueries({ queryKey: [...ANNOUNCEMENTS_KEY, 'list'] });
      void qc.invalidateQueries({ queryKey: PINNED_KEY });
    },
  });
}

export function useCancelAnnouncement() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => announcementsApi.cancel(id),
    onSuccess: (a) => {
      qc.setQueryData(detailKey(a.id), a);
      void qc.invalidateQueries({ queryKey: [...ANNOUNCEMENTS_KEY, 'list'] });
    },
  });
}

export function useRemind() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => announcementsApi.remind(id),
    onSuccess: (_r, id) => void qc.invalidateQueries({ queryKey: statsKey(id) }),
  });
}

export function useCommsSettings() {
  return useQuery({ queryKey: SETTINGS_KEY, queryFn: announcementsApi.settings });
}

export function useSaveCommsSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<CommsSettingsValues>) => announcementsApi.saveSettings(body),
    onSuccess: (s) => qc.setQueryData(SETTINGS_KEY, s),
  });
}
