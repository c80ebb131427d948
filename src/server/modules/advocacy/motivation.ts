import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { RealtimeEvent } from '../../platform/events.js';
import type { ShareNetwork } from '../../../shared/advocacy.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** A share just recorded, for the points and badges it may earn. */
export interface RecordedShare {
  id: string;
  userId: string;
  itemId: string;
  network: ShareNetwork;
}

/**
 * Throws 409 GUIDELINES_NOT_ACCEPTED (details: { version }) unless the person has accepted the
 * current version of the company's social media guidelines.
 */
export async function requireGuidelinesAccepted(_db: Executor, _orgId: string, _userId: string): Promise<void> {
  // Built with the guidelines.
}

/**
 * The points (through the recognition ledger, within the weekly cap, only for the first share of an
 * item to a network) and badges a share earns, in the share's transaction. Sets `shares.points`.
 * Returns the notification events to publish after commit.
 */
export async function rewardShare(
  _trx: Transaction<DB>,
  _orgId: string,
  _share: RecordedShare,
): Promise<{ points: number; badges: string[]; events: RealtimeEvent[] }> {
  return { points: 0, badges: [], events: [] };
}
