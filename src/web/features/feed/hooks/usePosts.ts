import { type InfiniteData, type QueryClient, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FeedSort, Reaction, ReportReason } from '../../../../shared/social.js';
import { feedApi, feedUrls, type FeedPage, type NewPost, type PostView } from '../api.js';

type FeedData = InfiniteData<FeedPage, string | undefined>;

export const feedKey = (url: string, sort?: FeedSort) => ['feed', url, sort ?? null] as const;
export const postKey = (id: string) => ['post', id] as const;

/** One feed, page by page (keyset cursors). */
export function usePostFeed(url: string, sort?: FeedSort) {
  return useInfiniteQuery({
    queryKey: feedKey(url, sort),
    queryFn: ({ pageParam }) => feedApi.feed(url, pageParam, sort),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function usePost(id: string) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: postKey(id),
    queryFn: () => feedApi.post(id),
    // a post already on screen in a feed shows at once while the fresh copy loads
    placeholderData: () => findPost(qc, id),
  });
}

/** The newest copy of a post in any cached feed. */
export function findPost(qc: QueryClient, id: string): PostView | undefined {
  const single = qc.getQueryData<PostView>(postKey(id));
  if (single) {
    return single;
  }
  for (const [, data] of qc.getQueriesData<FeedData>({ queryKey: ['feed'] })) {
    for (const page of data?.pages ?? []) {
      const hit = page.items.find((p) => p.id === id);
      if (hit) {
        return hit;
      }
    }
  }
  return undefined;
}

/** Applies a change to every cached copy of a post (feeds, the post page, shares of it). */
export function updatePost(qc: QueryClient, id: string, fn: (p: PostView) => PostView): void {
  qc.setQueryData<PostView>(postKey(id), (old) => (old ? fn(old) : old));
  qc.setQueriesData<FeedData>({ queryKey: ['feed'] }, (data) => {
    if (!data) {
      return data;
    }
    let changed = false;
    const pages = data.pages.map((page) => {
      if (!page.items.some((p) => p.id === id)) {
        return page;
      }
      changed = true;
      return { ...page, items: page.items.map((p) => (p.id === id ? fn(p) : p)) };
    });
    return changed ? { ...data, pages } : data;
  });
}

export function storePost(qc: QueryClient, post: PostView): void {
  updatePost(qc, post.id, () => post);
}

/** Takes a post off every feed, e.g. after it was deleted. */
export function dropPost(qc: QueryClient, id: string): void {
  qc.removeQueries({ queryKey: postKey(id), exact: true });
  qc.setQueriesData<FeedData>({ queryKey: ['feed'] }, (data) =>
    data ? { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.filter((p) => p.id !== id) })) } : data,
  );
}

/** Puts a new post at the top of the feeds it belongs to, so the author sees it at once. */
export function prependPost(qc: QueryClient, post: PostView, authorId: string): void {
  const urls = new Set([feedUrls.home, feedUrls.person(authorId)]);
  if (post.community) {
    urls.add(feedUrls.community(post.community.id));
    urls.add(feedUrls.community(post.community.slug));
  }
  for (const [key, data] of qc.getQueriesData<FeedData>({ queryKey: ['feed'] })) {
    const url = key[1] as string;
    const sort = key[2] as FeedSort | null;
    if (!data || !urls.has(url) || sort === 'top') {
      continue;
    }
    const [first, ...rest] = data.pages;
    if (first && !first.items.some((p) => p.id === post.id)) {
      qc.setQueryData<FeedData>(key, { ...data, pages: [{ ...first, items: [post, ...first.items] }, ...rest] });
    }
  }
  void qc.invalidateQueries({ queryKey: ['feed'], refetchType: 'none' });
}

/** The counts after the viewer changes their reaction from `mine` to `next`. */
export function withReaction<
  T extends { reactionCounts: Partial<Record<Reaction, number>>; reactionCount: number; myReaction: Reaction | null },
>(item: T, next: Reaction | null): T {
  const counts = { ...item.reactionCounts };
  let total = item.reactionCount;
  if (item.myReaction) {
    const left = (counts[item.myReaction] ?? 1) - 1;
    if (left > 0) {
      counts[item.myReaction] = left;
    } else {
      delete counts[item.myReaction];
    }
    total -= 1;
  }
  if (next) {
    counts[next] = (counts[next] ?? 0) + 1;
    total += 1;
  }
  return { ...item, reactionCounts: counts, reactionCount: Math.max(0, total), myReaction: next };
}

/** Fetches the post again and puts the fresh copy everywhere; drops it when it is gone. */
export async function refreshPost(qc: QueryClient, id: string): Promise<void> {
  try {
    storePost(qc, await feedApi.post(id));
  } catch (err) {
    if (err && typeof err === 'object' && 'status' in err && err.status === 404) {
      dropPost(qc, id);
    }
  }
}

export function usePostReaction(post: PostView) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (kind: Reaction | null) => feedApi.react('posts', post.id, kind),
    onMutate: (kind) => updatePost(qc, post.id, (p) => withReaction(p, kind)),
    onSuccess: (state) => {
      if (state && typeof state === 'object' && 'reactionCount' in state) {
        updatePost(qc, post.id, (p) => ({ ...p, ...state }));
      }
    },
    onError: () => void refreshPost(qc, post.id),
  });
}

export function useBookmark(post: PostView) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (on: boolean) => feedApi.bookmark(post.id, on),
    onMutate: (on) => updatePost(qc, post.id, (p) => ({ ...p, bookmarked: on })),
    onError: () => void refreshPost(qc, post.id),
    onSettled: () => void qc.invalidateQueries({ queryKey: feedKey(feedUrls.bookmarks), refetchType: 'none' }),
  });
}

export function usePin(post: PostView) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (on: boolean) => feedApi.pin(post.id, on),
    onSuccess: (_res, on) => {
      updatePost(qc, post.id, (p) => ({ ...p, pinned: on }));
      // pinned posts move to the top of their community's feed
      void qc.invalidateQueries({ queryKey: ['feed'] });
    },
  });
}

export function useDeletePost() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => feedApi.remove(id),
    onSuccess: (_res, id) => dropPost(qc, id),
  });
}

export function useEditPost(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { body: string; attachmentIds?: string[]; internalOnly?: boolean }) => feedApi.update(id, body),
    onSuccess: (post) => {
      storePost(qc, post);
      void qc.invalidateQueries({ queryKey: ['revisions', id] });
    },
  });
}

export function useCreatePost(authorId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewPost) => feedApi.create(body),
    onSuccess: (post, input) => {
      prependPost(qc, post, authorId);
      if (input.sharedPostId) {
        updatePost(qc, input.sharedPostId, (p) => ({ ...p, shareCount: p.shareCount + 1 }));
      }
    },
  });
}

export function useReport() {
  return useMutation({
    mutationFn: (body: { postId?: string; commentId?: string; reason: ReportReason; note?: string }) => feedApi.report(body),
  });
}

export function useRevisions(id: string, enabled: boolean) {
  return useQuery({ queryKey: ['revisions', id], queryFn: () => feedApi.revisions(id), enabled });
}

/** The communities the viewer may post in, for the "post to" picker. */
export function usePostTargets(enabled = true) {
  return useQuery({
    queryKey: ['feed-targets'],
    queryFn: async () => (await feedApi.myCommunities()).items.filter((c) => c.abilities?.canPost !== false),
    staleTime: 5 * 60_000,
    enabled,
  });
}
