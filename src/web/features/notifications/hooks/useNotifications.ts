import { type InfiniteData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { Page } from '../../../api.js';
import { useRealtimeEvent, useRealtimeStatus } from '../../../realtime/index.js';
import { notificationsApi, type NotificationSettings, type NotificationView, type SettingsChange } from '../api.js';

export const COUNT_KEY = ['notifications', 'unread-count'] as const;
const listKey = (unread: boolean, limit: number) => ['notifications', 'list', unread, limit] as const;
const SETTINGS_KEY = ['notification-settings'] as const;

/** Without a live connection the count is asked for once a minute. */
const POLL_MS = 60_000;

/** The unread count for the bell: pushed live, polled only while the live connection is down. */
export function useUnreadCount() {
  const status = useRealtimeStatus();
  return useQuery({
    queryKey: COUNT_KEY,
    queryFn: notificationsApi.unreadCount,
    staleTime: 30_000,
    refetchInterval: status === 'open' ? false : POLL_MS,
    refetchIntervalInBackground: false,
    select: (d) => d.count,
  });
}

/**
 * Keeps the notification caches in step with the server: a new notification or one read elsewhere
 * (another tab, the phone) refreshes the count and the lists. Mounted once, by the app's frame.
 */
export function useNotificationsLive(): void {
  const qc = useQueryClient();
  const status = useRealtimeStatus();
  const was = useRef(status);
  useRealtimeEvent(['notification.created', 'notifications.read'], () => {
    void qc.invalidateQueries({ queryKey: ['notifications'] });
  });
  // back online after a gap: what arrived meanwhile is counted again
  useEffect(() => {
    if (status === 'open' && was.current === 'reconnecting') {
      void qc.invalidateQueries({ queryKey: ['notifications'] });
    }
    was.current = status;
  }, [status, qc]);
}

export function useNotificationList(unread: boolean, limit = 20, enabled = true) {
  return useInfiniteQuery({
    queryKey: listKey(unread, limit),
    queryFn: ({ pageParam }) => notificationsApi.list(unread, pageParam, limit),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

type ListData = InfiniteData<Page<NotificationView>, string | undefined>;

/** Marks some or all as read; the screen changes at once, the server confirms. */
export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (which: { ids: string[] } | { all: true }) => notificationsApi.markRead(which),
    onMutate: (which) => {
      const now = new Date().toISOString();
      const hit = (n: NotificationView) => n.readAt === null && ('all' in which || which.ids.includes(n.id));
      let newlyRead = 0;
      const seen = new Set<string>();
      for (const [key, data] of qc.getQueriesData<ListData>({ queryKey: ['notifications', 'list'] })) {
        if (!data) {
          continue;
        }
        for (const n of data.pages.flatMap((p) => p.items)) {
          if (hit(n) && !seen.has(n.id)) {
            seen.add(n.id);
            newlyRead += 1;
          }
        }
        qc.setQueryData<ListData>(key, {
          ...data,
          pages: data.pages.map((p) => ({ ...p, items: p.items.map((n) => (hit(n) ? { ...n, readAt: now } : n)) })),
        });
      }
      qc.setQueryData<{ count: number }>(COUNT_KEY, (old) =>
        old ? { count: 'all' in which ? 0 : Math.max(0, old.count - newlyRead) } : old,
      );
    },
    onSettled: () => void qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
}

export function useNotificationSettings() {
  return useQuery({ queryKey: SETTINGS_KEY, queryFn: notificationsApi.settings });
}

/** Saves one change at a time; the switch moves at once and moves back if the server refuses. */
export function useSaveNotificationSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (change: SettingsChange) => notificationsApi.saveSettings(change),
    onMutate: async (change) => {
      await qc.cancelQueries({ queryKey: SETTINGS_KEY });
      const before = qc.getQueryData<NotificationSettings>(SETTINGS_KEY);
      if (before) {
        const types = { ...before.types };
        for (const [k, v] of Object.entries(change.types ?? {})) {
          types[k as keyof typeof types] = v;
        }
        qc.setQueryData<NotificationSettings>(SETTINGS_KEY, { digest: change.digest ?? before.digest, types });
      }
      return { before };
    },
    onError: (_err, _change, context) => {
      if (context?.before) {
        qc.setQueryData(SETTINGS_KEY, context.before);
      }
    },
    onSuccess: (fresh) => qc.setQueryData(SETTINGS_KEY, fresh),
  });
}
