import { EventEmitter } from 'node:events';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { RealtimeEventType } from '../../shared/social.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * A realtime event: a hint that something changed on a channel. Channels name an audience, never a
 * person per member: `community:<id>`, `profile:<userId>` (posts on a profile), `post:<id>` (comments
 * and reactions on one post), `user:<id>` (one person's notifications and memberships).
 */
export interface RealtimeEvent {
  /** Position in the event log; clients resume from the last id they saw. */
  id: number;
  orgId: string;
  channel: string;
  type: RealtimeEventType;
  payload: Record<string, unknown>;
}

export type NewRealtimeEvent = Omit<RealtimeEvent, 'id'>;

/** Carries events between the nodes of one installation. */
export interface Bus {
  publish(events: readonly RealtimeEvent[]): Promise<void>;
  /** Every event published by any node; returns the function that unsubscribes. */
  subscribe(listener: (event: RealtimeEvent) => void): () => void;
  close(): Promise<void>;
}

/** One node: events go straight from the publisher to the listeners of the same process. */
export function localBus(): Bus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish(events) {
      for (const e of events) {
        emitter.emit('event', e);
      }
      return Promise.resolve();
    },
    subscribe(listener) {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
    close() {
      emitter.removeAllListeners();
      return Promise.resolve();
    },
  };
}

/**
 * Writes events to the log inside the caller's transaction, so that they exist exactly when the change
 * does; the caller publishes the returned events on the bus after commit.
 */
export async function recordEvents(db: Executor, events: readonly NewRealtimeEvent[]): Promise<RealtimeEvent[]> {
  if (events.length === 0) {
    return [];
  }
  const rows = await db
    .insertInto('realtimeEvents')
    .values(events.map((e) => ({ orgId: e.orgId, channel: e.channel, type: e.type, payload: JSON.stringify(e.payload) })))
    .returning('id')
    .execute();
  return events.map((e, i) => ({ ...e, id: rows[i]!.id }));
}
