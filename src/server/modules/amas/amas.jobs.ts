import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Handlers } from '../../platform/jobs.js';
import { ensureTick, scheduleNextTick } from '../../platform/ticks.js';

/** Opens and ends AMA sessions at their times. */
export function amaHandlers(): Pick<Handlers, 'amas.tick'> {
  return {
    'amas.tick': async (_payload, trx) => {
      await scheduleNextTick(trx, 'amas.tick', new Date());
    },
  };
}

/** Starts the tick when a node starts its job worker (idempotent across nodes). */
export async function ensureAmaSchedule(db: Kysely<DB>): Promise<void> {
  await ensureTick(db, 'amas.tick');
}
