import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Handlers } from '../../platform/jobs.js';
import { ensureTick, scheduleNextTick } from '../../platform/ticks.js';
import { runSafetyTick } from './safety.service.js';

/** Reminds those who have not answered open safety checks. */
export function safetyHandlers(): Pick<Handlers, 'safety.tick'> {
  return {
    'safety.tick': async (_payload, trx) => {
      const now = new Date();
      const events = await runSafetyTick(trx, now);
      await scheduleNextTick(trx, 'safety.tick', now);
      return events;
    },
  };
}

/** Starts the tick when a node starts its job worker (idempotent across nodes). */
export async function ensureSafetySchedule(db: Kysely<DB>): Promise<void> {
  await ensureTick(db, 'safety.tick');
}
