import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { ApiError, type Page } from '../../../api.js';
import { useMe } from '../../auth/hooks/useSession.js';
import { inboxApi, writerApi, type FeedbackRecipient, type RecipientThread, type ThreadStatus, type WriterThread } from '../api.js';
import { rememberKey, useFeedbackKeys, type StoredKey } from '../keys.js';

const KEY = ['conversations'] as const;
const WRITER = [...KEY, 'writer'] as const;
const INBOX = [...KEY, 'inbox'] as const;

/** The signed-in person's id and their keys in this browser. */
export function useMyKeys(): { userId: string | undefined; keys: StoredKey[] } {
  const { data: me } = useMe();
  const userId = me?.user.id;
  return { userId, keys: useFeedbackKeys(userId) };
}

export function useFeedbackOptions(enabled = true) {
  return useQuery({ queryKey: [...WRITER, 'options'], queryFn: writerApi.options, enabled, staleTime: 60_000 });
}

/**
 * The writer's conversations among the keys this browser holds, and the server ids it learns for them.
 * Keys are named in the query's cache key by their local ids only.
 */
export function useMyThreads() {
  const { userId, keys } = useMyKeys();
  const query = useQuery({
    queryKey: [...WRITER, 'mine', keys.map((k) => k.localId).join(',')],
    queryFn: async () => (await writerApi.mine(keys.map((k) => k.key))).items,
    enabled: userId !== undefined && keys.length > 0,
    refetchOnWindowFocus: true,
  });
  // Remember the server id of keys pasted before it was known (the list shows them by it).
  useEffect(() => {
    if (!userId || !query.data) {
      return;
    }
    for (const item of query.data) {
      if (keys.some((k) => k.key === item.key && k.threadId === null)) {
        rememberKey(userId, item.key, item.threadId);
      }
    }
  }, [userId, keys, query.data]);
  const byKey = new Map((query.data ?? []).map((i) => [i.key, i]));
  const items = keys.flatMap((k) => {
    const item = byKey.get(k.key);
    return item ? [{ ...item, localId: k.localId }] : [];
  });
  items.sort((a, b) => (a.activityOn < b.activityOn ? 1 : a.activityOn > b.activityOn ? -1 : 0));
  return { ...query, items, hasKeys: keys.length > 0, isPending: keys.length > 0 && query.isPending };
}

export function useStartThread() {
  const qc = useQueryClient();
  const { userId } = useMyKeys();
  return useMutation({
    /** The key is remembered in this browser as soon as the server answers. */
    mutationFn: async (body: { recipient: FeedbackRecipient; subject: string; body: string }) => {
      const started = await writerApi.start(body);
      const entry = userId ? rememberKey(userId, started.key, started.threadId) : null;
      return { ...started, localId: entry?.localId ?? null };
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: [...WRITER, 'mine'] }),
  });
}

const writerKey = (localId: string) => [...WRITER, 'thread', localId];

/** One of the writer's conversations, newest messages first loaded; older ones page in. */
export function useWriterThread(entry: StoredKey | undefined) {
  return useInfiniteQuery({
    queryKey: writerKey(entry?.localId ?? ''),
    queryFn: ({ pageParam }) => writerApi.thread(entry!.key, pageParam),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.olderBefore ?? undefined,
    enabled: entry !== undefined,
    retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
    refetchOnWindowFocus: true,
  });
}

function replaceNewest<T>(qc: ReturnType<typeof useQueryClient>, queryKey: readonly unknown[], fresh: T) {
  qc.setQueryData<InfiniteData<T, number | undefined>>(queryKey, { pages: [fresh], pageParams: [undefined] });
}

/** Marks the conversation read once its newest messages were shown. */
export function useMarkWriterRead(entry: StoredKey | undefined, thread: WriterThread | undefined) {
  const qc = useQueryClient();
  const done = useRef<string | null>(null);
  useEffect(() => {
    if (!entry || !thread?.unread || done.current === entry.localId) {
      return;
    }
    done.current = entry.localId;
    void writerApi
      .markRead(entry.key)
      .then(() => qc.invalidateQueries({ queryKey: [...WRITER, 'mine'] }))
      .catch(() => {
        done.current = null;
      });
  }, [entry, thread?.unread, qc]);
}

export function useWriterActions(entry: StoredKey) {
  const qc = useQueryClient();
  const settle = async (fresh: WriterThread) => {
    replaceNewest(qc, writerKey(entry.localId), fresh);
    await qc.invalidateQueries({ queryKey: [...WRITER, 'mine'] });
  };
  return {
    reply: useMutation({ mutationFn: (body: string) => writerApi.reply(entry.key, body), onSuccess: settle }),
    reveal: useMutation({ mutationFn: () => writerApi.reveal(entry.key), onSuccess: settle }),
  };
}

export function useInboxSummary(enabled = true) {
  return useQuery({ queryKey: [...INBOX, 'summary'], queryFn: inboxApi.summary, enabled, refetchOnWindowFocus: true });
}

export function useInbox(status: ThreadStatus, enabled = true) {
  return useInfiniteQuery({
    queryKey: [...INBOX, 'list', status],
    queryFn: ({ pageParam }) => inboxApi.list(status, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: Page<unknown>) => last.nextCursor ?? undefined,
    enabled,
  });
}

const recipientKey = (threadId: string) => [...INBOX, 'thread', threadId];

export function useRecipientThread(threadId: string, enabled = true) {
  const qc = useQueryClient();
  const query = useInfiniteQuery({
    queryKey: recipientKey(threadId),
    queryFn: ({ pageParam }) => inboxApi.thread(threadId, pageParam),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.olderBefore ?? undefined,
    enabled,
    retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
  });
  // Opening a thread marks it read: the inbox and its counts are out of date.
  const loaded = query.data !== undefined;
  useEffect(() => {
    if (loaded) {
      void qc.invalidateQueries({ queryKey: [...INBOX, 'list'] });
      void qc.invalidateQueries({ queryKey: [...INBOX, 'summary'] });
    }
  }, [loaded, qc]);
  return query;
}

export function useRecipientActions(threadId: string) {
  const qc = useQueryClient();
  const settle = async (fresh: RecipientThread) => {
    replaceNewest(qc, recipientKey(threadId), fresh);
    await Promise.all([qc.invalidateQueries({ queryKey: [...INBOX, 'list'] }), qc.invalidateQueries({ queryKey: [...INBOX, 'summary'] })]);
  };
  return {
    reply: useMutation({ mutationFn: (body: string) => inboxApi.reply(threadId, body), onSuccess: settle }),
    close: useMutation({ mutationFn: () => inboxApi.close(threadId), onSuccess: settle }),
    reopen: useMutation({ mutationFn: () => inboxApi.reopen(threadId), onSuccess: settle }),
    escalate: useMutation({ mutationFn: (note: string) => inboxApi.escalate(threadId, note), onSuccess: settle }),
    block: useMutation({ mutationFn: () => inboxApi.block(threadId), onSuccess: settle }),
  };
}
