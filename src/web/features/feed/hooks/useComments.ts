import { type InfiniteData, type QueryClient, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../api.js';
import type { Reaction } from '../../../../shared/social.js';
import { feedApi, type CommentView } from '../api.js';
import { updatePost, withReaction } from './usePosts.js';

type CommentData = InfiniteData<Page<CommentView>, string | undefined>;

export const commentsKey = (postId: string) => ['comments', postId] as const;
export const repliesKey = (commentId: string) => ['replies', commentId] as const;

/** Top-level comments of a post, oldest first, each with its first replies. */
export function useComments(postId: string, enabled = true) {
  return useInfiniteQuery({
    queryKey: commentsKey(postId),
    queryFn: ({ pageParam }) => feedApi.comments(postId, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

/** All replies to a comment, once the reader asks for more than the first few. */
export function useReplies(commentId: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: repliesKey(commentId),
    queryFn: ({ pageParam }) => feedApi.replies(commentId, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

function mapComment(c: CommentView, id: string, fn: (c: CommentView) => CommentView): CommentView {
  if (c.id === id) {
    return fn(c);
  }
  if (c.replies?.some((r) => r.id === id)) {
    return { ...c, replies: c.replies.map((r) => (r.id === id ? fn(r) : r)) };
  }
  return c;
}

/** Applies a change to every cached copy of a comment. */
export function updateComment(qc: QueryClient, id: string, fn: (c: CommentView) => CommentView): void {
  const apply = (data: CommentData | undefined) =>
    data ? { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map((c) => mapComment(c, id, fn)) })) } : data;
  qc.setQueriesData<CommentData>({ queryKey: ['comments'] }, apply);
  qc.setQueriesData<CommentData>({ queryKey: ['replies'] }, apply);
}

function removeComment(qc: QueryClient, comment: CommentView): void {
  const drop = (data: CommentData | undefined) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            items: page.items
              .filter((c) => c.id !== comment.id)
              .map((c) =>
                c.id === comment.parentId
                  ? { ...c, replies: c.replies?.filter((r) => r.id !== comment.id), replyCount: Math.max(0, c.replyCount - 1) }
                  : c,
              ),
          })),
        }
      : data;
  qc.setQueriesData<CommentData>({ queryKey: commentsKey(comment.postId) }, drop);
  if (comment.parentId) {
    qc.setQueriesData<CommentData>({ queryKey: repliesKey(comment.parentId) }, drop);
  }
}

/** Adds a comment the viewer just wrote, where they will look for it. */
function addComment(qc: QueryClient, comment: CommentView): void {
  if (comment.parentId) {
    const parentId = comment.parentId;
    qc.setQueryData<CommentData>(commentsKey(comment.postId), (data) =>
      data
        ? {
            ...data,
            pages: data.pages.map((page) => ({
              ...page,
              items: page.items.map((c) =>
                c.id === parentId && !c.replies?.some((r) => r.id === comment.id)
                  ? { ...c, replies: [...(c.replies ?? []), comment], replyCount: c.replyCount + 1 }
                  : c,
              ),
            })),
          }
        : data,
    );
    void qc.invalidateQueries({ queryKey: repliesKey(parentId) });
    return;
  }
  qc.setQueryData<CommentData>(commentsKey(comment.postId), (data) => {
    if (!data) {
      return data;
    }
    const pages = [...data.pages];
    const last = pages[pages.length - 1];
    // oldest first: the new comment belongs on the last page, once every page is loaded
    if (last && !last.nextCursor && !pages.some((p) => p.items.some((c) => c.id === comment.id))) {
      pages[pages.length - 1] = { ...last, items: [...last.items, { ...comment, replies: comment.replies ?? [] }] };
    }
    return { ...data, pages };
  });
}

export function useAddComment(postId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { body: string; parentId?: string; attachmentIds?: string[] }) => feedApi.comment(postId, body),
    onSuccess: (comment) => {
      addComment(qc, comment);
      updatePost(qc, postId, (p) => ({ ...p, commentCount: p.commentCount + 1 }));
    },
  });
}

export function useEditComment(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => feedApi.updateComment(id, { body }),
    onSuccess: (fresh) => updateComment(qc, id, (c) => ({ ...fresh, replies: fresh.replies ?? c.replies })),
  });
}

export function useDeleteComment(comment: CommentView) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => feedApi.removeComment(comment.id),
    onSuccess: () => {
      if (comment.replyCount > 0) {
        // a comment with replies stays as a placeholder, so the conversation still reads
        updateComment(qc, comment.id, (c) => ({ ...c, deleted: true, author: null, html: '', body: null, attachments: [] }));
      } else {
        removeComment(qc, comment);
      }
      updatePost(qc, comment.postId, (p) => ({ ...p, commentCount: Math.max(0, p.commentCount - 1) }));
      void qc.invalidateQueries({ queryKey: commentsKey(comment.postId) });
    },
  });
}

export function useCommentReaction(comment: CommentView) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (kind: Reaction | null) => feedApi.react('comments', comment.id, kind),
    onMutate: (kind) => updateComment(qc, comment.id, (c) => withReaction(c, kind)),
    onSuccess: (state) => {
      if (state && typeof state === 'object' && 'reactionCount' in state) {
        updateComment(qc, comment.id, (c) => ({ ...c, ...state }));
      }
    },
    onError: () => void qc.invalidateQueries({ queryKey: commentsKey(comment.postId) }),
  });
}
