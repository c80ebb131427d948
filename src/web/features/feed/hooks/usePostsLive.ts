import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { REALTIME_MAX_WATCHED } from '../../../../shared/social.js';
import { commentsKey, repliesKey } from './useComments.js';
import { type LiveEvent, useLiveEvent, useLiveWatch } from './live.js';
import { dropPost, refreshPost } from './usePosts.js';

const pending = new Map<string, ReturnType<typeof setTimeout>>();

/** Several events about one post in a burst become one fetch. */
function refreshSoon(qc: QueryClient, postId: string): void {
  if (pending.has(postId)) {
    return;
  }
  pending.set(
    postId,
    setTimeout(() => {
      pending.delete(postId);
      void refreshPost(qc, postId);
    }, 250),
  );
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** The post an event is about: its channel (`post:<id>`) or its payload. */
export function postIdOf(e: LiveEvent): string | null {
  return e.channel.startsWith('post:') ? e.channel.slice(5) : str(e.payload.postId);
}

/**
 * Keeps the posts on screen current: new comments, reactions, edits and deletions arrive as events
 * and the affected post (and its comments, when open) is fetched again.
 */
export function usePostsLive(postIds: readonly string[]): void {
  const qc = useQueryClient();
  const first = useMemo(() => postIds.slice(0, REALTIME_MAX_WATCHED), [postIds]);
  useLiveWatch(first);
  const watched = useMemo(() => new Set(postIds), [postIds]);
  const filter = useCallback(
    (e: LiveEvent) => {
      const id = postIdOf(e);
      return id !== null && watched.has(id) && e.event !== 'post.created';
    },
    [watched],
  );
  const handler = useCallback(
    (e: LiveEvent) => {
      const postId = postIdOf(e)!;
      switch (e.event) {
        case 'post.deleted':
          dropPost(qc, postId);
          return;
        case 'comment.created':
        case 'comment.updated':
        case 'comment.deleted': {
          void qc.invalidateQueries({ queryKey: commentsKey(postId) });
          const parentId = str(e.payload.parentId);
          if (parentId) {
            void qc.invalidateQueries({ queryKey: repliesKey(parentId) });
          }
          refreshSoon(qc, postId);
          return;
        }
        case 'reaction.changed':
          if (str(e.payload.commentId)) {
            void qc.invalidateQueries({ queryKey: commentsKey(postId) });
            void qc.invalidateQueries({ queryKey: ['replies'] });
          } else {
            refreshSoon(qc, postId);
          }
          return;
        case 'post.created':
        case 'post.updated':
        case 'poll.changed':
          refreshSoon(qc, postId);
          return;
        case 'question.changed':
          void qc.invalidateQueries({ queryKey: commentsKey(postId) });
          refreshSoon(qc, postId);
          return;
        case 'announcement.published':
        case 'announcement.stats':
        case 'urgent.started':
        case 'urgent.ended':
        case 'safety.changed':
        case 'ama.changed':
        case 'event.changed':
        case 'files.changed':
        case 'notification.created':
        case 'notifications.read':
        case 'membership.changed':
        case 'follows.changed':
          return;
      }
    },
    [qc],
  );
  useLiveEvent(filter, handler);
}
