import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { enqueue, type JobKind, type JobKinds } from './jobs.js';

/** Job kinds that run on a schedule with no payload and re-queue themselves. */
export type TickKind = { [K in JobKind]: JobKinds[K] extends Record<string, never> ? K : never }[JobKind];

const TICK_EVERY_MS = 60_000;

/** The start of the next minute. */
export const nextMinute = (now: Date) => new Date((Math.floor(now.getTime() / TICK_EVERY_MS) + 1) * TICK_EVERY_MS);

/** One advisory lock per tick kind, so that several nodes never queue two chains of the same tick. */
async function lockScheduling(trx: Transaction<DB>, kind: TickKind): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`tick:${kind}`})::bigint)`.execute(trx);
}

async function hasPending(trx: Transaction<DB>, kind: TickKind, later: boolean): Promise<boolean> {
  const row = await trx
    .selectFrom('jobs')
    .select('id')
    .where('kind', '=', kind)
    .where('status', '=', 'pending')
    .$if(later, (qb) => qb.where('runAt', '>', sql<Date>`now()`))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Queues the next run of a minute tick from inside the running one, unless one is already waiting
 * (several nodes, or a retried run, never fork the chain).
 */
export async function scheduleNextTick(trx: Transaction<DB>, kind: TickKind, now: Date): Promise<void> {
  await lockScheduling(trx, kind);
  if (!(await hasPending(trx, kind, true))) {
    await enqueue(trx, null, kind, {}, nextMinute(now));
  }
}

/** Makes sure a minute tick is queued, once whatever the number of nodes starting. */
export async function ensureTick(db: Kysely<DB>, kind: TickKind): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockScheduling(trx, kind);
    if (!(await hasPending(trx, kind, false))) {
      await enqueue(trx, null, kind, {});
    }
  });
}
