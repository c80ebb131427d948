import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Handlers } from '../../platform/jobs.js';
import { ensureTick, scheduleNextTick } from '../../platform/ticks.js';

/** Sends event reminders. */
export function eventHandlers(): Pick<Handlers, 'events.tick'> {
  return {
    'events.tick': async (_payload, trx) => {
      await scheduleNextTick(trx, 'events.tick', new Date());
    },
  };
}

/** Starts the tick when a node starts its job worker (idempotent across nodes). */
export async function ensureEventSchedule(db: Kysely<DB>): Promise<void> {
  await ensureTick(db, 'events.tick');
}
