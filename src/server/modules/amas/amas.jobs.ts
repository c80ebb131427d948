import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Handlers } from '../../platform/jobs.js';
import { ensureTick, scheduleNextTick } from '../../platform/ticks.js';
import { runTick } from './amas.service.js';

/** Opens and ends AMA sessions at their times. */
export function amaHandlers(): Pick<Handlers, 'amas.tick'> {
  return {
    'amas.tick': async (_payload, trx) => {
      const now = new Date();
      await scheduleNextTick(trx, 'amas.tick', now);
      return runTick(trx, now);
    },
  };
}

/** Starts the tick when a node starts its job worker (idempotent across nodes). */
export async function ensureAmaSchedule(db: Kysely<DB>): Promise<void> {
  await ensureTick(db, 'amas.tick');
}
