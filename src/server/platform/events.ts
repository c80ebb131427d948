import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
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

/**
 * A word between nodes that is not a realtime event: it has no audience, is never logged and never
 * reaches a client. Caches use it to tell the other nodes what became stale.
 */
export interface Notice {
  /** What a write made stale in the caches of every node (see platform/cache.ts). */
  topic: 'stale';
  orgId: string;
  /** One person's cached reads only; without it, the whole organisation's. */
  userId?: string;
}

/** Carries events between the nodes of one installation. */
export interface Bus {
  publish(events: readonly RealtimeEvent[]): Promise<void>;
  /** Every event published by any node; returns the function that unsubscribes. */
  subscribe(listener: (event: RealtimeEvent) => void): () => void;
  /** Sends a notice to every node, this one first (at most once, like events). */
  notice(notice: Notice): Promise<void>;
  onNotice(listener: (notice: Notice) => void): () => void;
  /**
   * Called when events of other nodes may have been lost (the connection to the other nodes dropped
   * and came back); `since` is when it dropped. Listeners catch up from the event log.
   */
  onGap?(listener: (since: Date) => void): () => void;
  /** Resolves once events of other nodes are being received. */
  ready?(): Promise<void>;
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
    notice(notice) {
      emitter.emit('notice', notice);
      return Promise.resolve();
    },
    onNotice(listener) {
      emitter.on('notice', listener);
      return () => emitter.off('notice', listener);
    },
    close() {
      emitter.removeAllListeners();
      return Promise.resolve();
    },
  };
}

/** Redis needs a moment after reconnecting to subscribe again; the catch-up starts after it. */
const RESUBSCRIBE_GRACE_MS = 1000;

/**
 * Several nodes: one Redis pub/sub channel per installation (`<prefix>realtime`), one message per
 * published batch, on a subscriber connection of its own. The publishing node delivers to its own
 * listeners at once and ignores its echo, so one node keeps working while Redis is away.
 *
 * Pub/sub forgets what it could not deliver; the event log in the database stays the truth, and a gap
 * (the subscriber lost its connection) is reported through `onGap` so that listeners catch up from it.
 */
export function redisBus(publisher: Redis, opts: { prefix: string; log: FastifyBaseLogger }): Bus {
  const channel = `${opts.prefix}realtime`;
  const node = randomUUID();
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const subscriber = publisher.duplicate({ maxRetriesPerRequest: null, connectionName: `${opts.prefix}realtime` });
  let droppedAt: Date | undefined;
  let closed = false;
  let gapTimer: NodeJS.Timeout | undefined;

  const subscribed = subscriber.subscribe(channel).then(
    () => undefined,
    (err: unknown) => opts.log.warn({ err }, 'realtime bus could not subscribe'),
  );
  subscriber.on('error', (err) => opts.log.warn({ err }, 'realtime bus redis error'));
  subscriber.on('close', () => {
    droppedAt ??= new Date();
  });
  subscriber.on('ready', () => {
    const since = droppedAt;
    if (!since || closed) {
      return;
    }
    droppedAt = undefined;
    clearTimeout(gapTimer);
    gapTimer = setTimeout(() => emitter.emit('gap', since), RESUBSCRIBE_GRACE_MS);
    gapTimer.unref();
  });
  subscriber.on('message', (from: string, raw: string) => {
    if (from !== channel) {
      return;
    }
    let message: { n?: unknown; e?: unknown; s?: unknown };
    try {
      message = JSON.parse(raw) as { n?: unknown; e?: unknown; s?: unknown };
    } catch {
      opts.log.warn('realtime bus: malformed message');
      return;
    }
    if (message.n === node) {
      return;
    }
    if (message.s !== undefined) {
      if (isNotice(message.s)) {
        emitter.emit('notice', message.s);
      }
      return;
    }
    if (!Array.isArray(message.e)) {
      return;
    }
    for (const e of message.e as RealtimeEvent[]) {
      emitter.emit('event', e);
    }
  });

  return {
    async publish(events) {
      if (events.length === 0) {
        return;
      }
      for (const e of events) {
        emitter.emit('event', e);
      }
      try {
        await publisher.publish(channel, JSON.stringify({ n: node, e: events }));
      } catch (err) {
        // The change is committed and logged; other nodes' clients get it when they next resume.
        opts.log.warn({ err, count: events.length }, 'realtime bus could not publish');
      }
    },
    subscribe(listener) {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
    async notice(notice) {
      emitter.emit('notice', notice);
      try {
        await publisher.publish(channel, JSON.stringify({ n: node, s: notice }));
      } catch (err) {
        // The other nodes miss it: what they cached expires on its own.
        opts.log.warn({ err }, 'realtime bus could not publish a notice');
      }
    },
    onNotice(listener) {
      emitter.on('notice', listener);
      return () => emitter.off('notice', listener);
    },
    onGap(listener) {
      emitter.on('gap', listener);
      return () => emitter.off('gap', listener);
    },
    ready: () => subscribed,
    async close() {
      closed = true;
      clearTimeout(gapTimer);
      emitter.removeAllListeners();
      await subscriber.quit().catch(() => subscriber.disconnect());
    },
  };
}

function isNotice(v: unknown): v is Notice {
  const n = v as Partial<Notice> | null;
  return (
    typeof n === 'object' &&
    n !== null &&
    n.topic === 'stale' &&
    typeof n.orgId === 'string' &&
    (n.userId === undefined || typeof n.userId === 'string')
  );
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
