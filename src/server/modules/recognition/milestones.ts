import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Handlers } from '../../platform/jobs.js';

/** Work anniversaries and (for those who opt in) birthdays, posted as celebrations in All company. */
export function milestoneHandlers(): Pick<Handlers, 'milestones.schedule'> {
  return {
    'milestones.schedule': async () => {},
  };
}

/** Makes sure the daily milestones job is queued (once, whatever the number of nodes starting). */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export async function ensureMilestoneSchedule(db: Kysely<DB>): Promise<void> {}
