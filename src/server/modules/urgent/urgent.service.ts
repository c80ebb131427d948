import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { NewRealtimeEvent } from '../../platform/events.js';

/**
 * Called by the announcements service, in the publishing transaction, when an urgent announcement
 * is published to its recipients: starts the interruption (a banner on every open page) and queues
 * the escalation through the next channels. Returns the realtime events to publish after commit.
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export async function startUrgent(trx: Transaction<DB>, orgId: string, announcementId: string): Promise<NewRealtimeEvent[]> {
  return [];
}
