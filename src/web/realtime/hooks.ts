import { useContext, useEffect, useRef, useSyncExternalStore } from 'react';
import type { RealtimeEventType } from '../../shared/social.js';
import type { RealtimeEventMessage, RealtimeStatus } from './client.js';
import { RealtimeContext } from './RealtimeProvider.js';

/** Which events a handler wants: one type, several, or any test on the event. */
export type RealtimeFilter = RealtimeEventType | readonly RealtimeEventType[] | ((e: RealtimeEventMessage) => boolean);

function matches(filter: RealtimeFilter, e: RealtimeEventMessage): boolean {
  if (typeof filter === 'function') {
    return filter(e);
  }
  return typeof filter === 'string' ? e.event === filter : filter.includes(e.event);
}

/**
 * Calls the handler for each pushed event that matches, e.g.
 * `useRealtimeEvent('notification.created', () => qc.invalidateQueries({ queryKey: ['notifications'] }))`.
 * The latest handler and filter are used without resubscribing.
 */
export function useRealtimeEvent(filter: RealtimeFilter, handler: (e: RealtimeEventMessage) => void): void {
  const client = useContext(RealtimeContext);
  const latest = useRef({ filter, handler });
  useEffect(() => {
    latest.current = { filter, handler };
  });
  useEffect(() => {
    if (!client) {
      return;
    }
    return client.subscribe((e) => {
      if (matches(latest.current.filter, e)) {
        latest.current.handler(e);
      }
    });
  }, [client]);
}

/** Receives comments and reactions on these posts (those on screen) while the component is mounted. */
export function useWatchPosts(postIds: readonly string[]): void {
  const client = useContext(RealtimeContext);
  const key = [...new Set(postIds)].sort().join(',');
  useEffect(() => {
    if (!client || key === '') {
      return;
    }
    return client.watch(key.split(','));
  }, [client, key]);
}

const idle = (): RealtimeStatus => 'idle';
const never = () => () => undefined;

/** The state of the live connection, for a discreet indicator ("reconnecting…"). */
export function useRealtimeStatus(): RealtimeStatus {
  const client = useContext(RealtimeContext);
  return useSyncExternalStore(client?.onStatus ?? never, client?.getStatus ?? idle, idle);
}
