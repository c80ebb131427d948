/**
 * The feed's view of the realtime connection: events arrive as hints (ids only) and the feed
 * refetches what changed. Without a connection the hooks do nothing and the feed still works.
 */
import { useRealtimeEvent, useWatchPosts, type RealtimeEventMessage } from '../../../realtime/index.js';

export type LiveEvent = RealtimeEventMessage;

/** Calls `handler` for every realtime event that `filter` accepts. */
export function useLiveEvent(filter: (e: LiveEvent) => boolean, handler: (e: LiveEvent) => void): void {
  useRealtimeEvent(filter, handler);
}

/** Asks for comment and reaction events of the posts on screen. */
export function useLiveWatch(postIds: readonly string[]): void {
  useWatchPosts(postIds);
}
