import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Handlers } from '../../platform/jobs.js';
import { ensureTick, scheduleNextTick } from '../../platform/ticks.js';
import { announcementsTick } from './announcements.service.js';

/** Publishes due announcements and sends reminders to acknowledge. */
export function announcementHandlers(): Pick<Handlers, 'announcements.tick'> {
  return {
    'announcements.tick': async (_payload, trx) => {
      const events = await announcementsTick(trx);
      await scheduleNextTick(trx, 'announcements.tick', new Date());
      return events;
    },
  };
}

/** Starts the tick when a node starts its job worker (idempotent across nodes). */
export async function ensureAnnouncementSchedule(db: Kysely<DB>): Promise<void> {
  await ensureTick(db, 'announcements.tick');
}
