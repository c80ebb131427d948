import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Handlers } from '../../platform/jobs.js';
import { ensureFeedbackSchedule, feedbackJobHandlers } from './feedback.jobs.js';
import { releaseCanonical } from './results.service.js';
import { ensureSurveySchedule, surveyJobHandlers } from './surveys.jobs.js';

/** Job handlers of employee listening. */
export function listeningHandlers(): Pick<Handlers, 'listening.tick' | 'listening.feedback' | 'listening.release'> {
  return {
    ...surveyJobHandlers(),
    ...feedbackJobHandlers(),
    'listening.release': ({ roundId }, trx) => releaseCanonical(trx, roundId),
  };
}

/** Starts the listening schedules when a node starts its job worker (idempotent across nodes). */
export async function ensureListeningSchedule(db: Kysely<DB>): Promise<void> {
  await ensureSurveySchedule(db);
  await ensureFeedbackSchedule(db);
}
