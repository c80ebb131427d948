import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { RealtimeEvent } from '../../platform/events.js';
import { enqueue, type Handlers } from '../../platform/jobs.js';
import { ensureTick } from '../../platform/ticks.js';
import { awardAndList, REACH_BADGES } from './motivation.js';
import * as q from './motivation.queries.js';

const KIND = 'advocacy.reach';
const HOUR_MS = 3_600_000;
/** A little more than the hour between runs, so that a run a few seconds late misses nobody. */
const LOOK_BACK_MS = 75 * 60_000;

/** The start of the next hour. */
export const nextHour = (now: Date) => new Date((Math.floor(now.getTime() / HOUR_MS) + 1) * HOUR_MS);

/** Queues the next run at the top of the next hour, unless one is already waiting (several nodes, a retry). */
async function scheduleNextRun(trx: Transaction<DB>, now: Date): Promise<void> {
  // The same lock as platform/ticks.ts takes for this kind, so ensureTick and this never fork the chain.
  await sql`select pg_advisory_xact_lock(hashtext(${`tick:${KIND}`})::bigint)`.execute(trx);
  const waiting = await trx
    .selectFrom('jobs')
    .select('id')
    .where('kind', '=', KIND)
    .where('status', '=', 'pending')
    .where('runAt', '>', sql<Date>`now()`)
    .limit(1)
    .executeTakeFirst();
  if (!waiting) {
    await enqueue(trx, null, KIND, {}, nextHour(now));
  }
}

/**
 * Reach badges for the people whose tracked links were clicked lately: clicks arrive on a public route
 * that must stay fast, so badges are never awarded there but here, every hour (and when people look
 * at their own advocacy, and when they share).
 */
export async function awardReachBadges(trx: Transaction<DB>, now: Date = new Date()): Promise<RealtimeEvent[]> {
  const people = await q.peopleClickedSince(trx, new Date(now.getTime() - LOOK_BACK_MS));
  const byOrg = new Map<string, string[]>();
  for (const p of people) {
    byOrg.set(p.orgId, [...(byOrg.get(p.orgId) ?? []), p.userId]);
  }
  const events: RealtimeEvent[] = [];
  for (const [orgId, userIds] of byOrg) {
    events.push(...(await awardAndList(trx, orgId, userIds, REACH_BADGES)).events);
  }
  return events;
}

export function motivationHandlers(): Pick<Handlers, 'advocacy.reach'> {
  return {
    'advocacy.reach': async (_payload, trx) => {
      const now = new Date();
      const events = await awardReachBadges(trx, now);
      await scheduleNextRun(trx, now);
      return events;
    },
  };
}

/** Starts the hourly run when a node starts its job worker (idempotent across nodes). */
export async function ensureMotivationSchedule(db: Kysely<DB>): Promise<void> {
  await ensureTick(db, KIND);
}
