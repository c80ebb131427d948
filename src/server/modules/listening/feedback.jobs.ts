import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { RealtimeEvent } from '../../platform/events.js';
import { enqueue, type Handlers } from '../../platform/jobs.js';
import { notify } from '../notifications/notifications.service.js';
import * as q from './feedback.queries.js';

/**
 * Tells recipients of anonymous feedback about new writer messages, in batches whose timing reveals
 * nobody. A writer's message only marks its thread as pending; one `listening.feedback` job, at every
 * quarter of an hour, notifies the recipients of every pending thread together and clears the marks,
 * so a notification says "something arrived in the last quarter of an hour" and nothing sharper. The
 * job re-queues itself under an advisory lock, so several nodes (or a retried run) never fork the chain;
 * each node makes sure a chain exists when it starts.
 */

const EVERY_MS = 15 * 60_000;
/** Threads handled per query; a run goes on until none is pending. */
const BATCH = 1000;

/** The next quarter of an hour strictly after `now`. */
export const nextFeedbackRun = (now: Date) => new Date((Math.floor(now.getTime() / EVERY_MS) + 1) * EVERY_MS);

/** Makes sure the recurring run is queued (called when a node starts its job worker). */
export async function ensureFeedbackSchedule(db: Kysely<DB>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await q.lockFeedbackScheduling(trx);
    if (!(await q.hasPendingFeedbackRun(trx, false))) {
      // On the quarter, like every other run: a node starting must not send a notification off-beat.
      await enqueue(trx, null, 'listening.feedback', {}, nextFeedbackRun(new Date()));
    }
  });
}

/** Queues the next run unless one is already waiting. */
export async function scheduleNextFeedbackRun(trx: Transaction<DB>, now: Date): Promise<void> {
  await q.lockFeedbackScheduling(trx);
  if (!(await q.hasPendingFeedbackRun(trx, true))) {
    await enqueue(trx, null, 'listening.feedback', {}, nextFeedbackRun(now));
  }
}

/**
 * Notifies the recipients of every thread with writer messages they were not told about: the manager
 * of a `manager` thread, HR (or the administrators when nobody has the role) for `hr`, the leadership
 * (or the administrators when none is named) for `leadership`. The notification names the thread and
 * no actor. Runs in the caller's transaction; returns the realtime events to publish after commit.
 */
export async function notifyFeedbackRecipients(trx: Transaction<DB>): Promise<RealtimeEvent[]> {
  const events: RealtimeEvent[] = [];
  for (;;) {
    const pending = await q.pendingThreads(trx, BATCH);
    if (pending.length === 0) {
      break;
    }
    const orgIds = [...new Set(pending.map((t) => t.orgId))];
    const overseers = await q.overseersOf(trx, orgIds);
    const leadership = await q.leadershipOf(trx, orgIds);
    const managers = await q.activeIds(trx, [...new Set(pending.flatMap((t) => (t.recipientId ? [t.recipientId] : [])))]);
    const withRole = (orgId: string, role: string) => overseers.filter((o) => o.orgId === orgId && o.roles.includes(role)).map((o) => o.id);
    const recipientsOf = (t: (typeof pending)[number]): string[] => {
      switch (t.recipientKind) {
        case 'manager':
          return t.recipientId && managers.has(t.recipientId) ? [t.recipientId] : [];
        case 'hr': {
          const hr = withRole(t.orgId, 'hr');
          return hr.length > 0 ? hr : withRole(t.orgId, 'admin');
        }
        case 'leadership': {
          const leaders = leadership.get(t.orgId) ?? [];
          return leaders.length > 0 ? leaders : withRole(t.orgId, 'admin');
        }
      }
    };
    events.push(
      ...(await notify(
        trx,
        pending.flatMap((t) =>
          recipientsOf(t).map((userId) => ({ orgId: t.orgId, userId, type: 'feedback' as const, actorId: null, data: { threadId: t.id } })),
        ),
      )),
    );
    await q.clearPending(
      trx,
      pending.map((t) => t.id),
    );
    if (pending.length < BATCH) {
      break;
    }
  }
  return events;
}

/** The job handler, for the worker, which publishes the returned events once the run has committed. */
export function feedbackJobHandlers(): Pick<Handlers, 'listening.feedback'> {
  return {
    'listening.feedback': async (_payload, trx) => {
      await scheduleNextFeedbackRun(trx, new Date());
      return notifyFeedbackRecipients(trx);
    },
  };
}
