import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Handlers } from '../../platform/jobs.js';

/** Job handlers of employee listening: opening and closing rounds, reminders. */
export function listeningHandlers(): Pick<Handlers, 'listening.tick'> {
  return {
    'listening.tick': async () => {},
  };
}

/** Starts the listening schedule when a node starts its job worker (idempotent across nodes). */
export async function ensureListeningSchedule(_db: Kysely<DB>): Promise<void> {}
