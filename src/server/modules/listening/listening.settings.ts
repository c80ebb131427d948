import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { LISTENING_LIMITS } from '../../../shared/listening.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** An organisation's listening settings. */
export interface ListeningSettings {
  /** The smallest group any result describes; no survey may go below it (and never below 3). */
  threshold: number;
  /** The smallest group whose open-text comments are shown (at least `threshold`). */
  commentThreshold: number;
  /** The people anonymous feedback "to leadership" reaches. */
  leadershipIds: string[];
}

/** What an organisation that never changed its listening settings gets. */
export const DEFAULT_LISTENING_SETTINGS: ListeningSettings = {
  threshold: LISTENING_LIMITS.defaultThreshold,
  commentThreshold: LISTENING_LIMITS.defaultThreshold,
  leadershipIds: [],
};

/** The organisation's listening settings (the defaults until someone saves some). */
export async function listeningSettings(db: Executor, orgId: string): Promise<ListeningSettings> {
  const row = await db
    .selectFrom('listeningSettings')
    .select(['threshold', 'commentThreshold', 'leadershipIds'])
    .where('orgId', '=', orgId)
    .executeTakeFirst();
  return row
    ? { threshold: row.threshold, commentThreshold: row.commentThreshold, leadershipIds: row.leadershipIds }
    : DEFAULT_LISTENING_SETTINGS;
}

/** The settings, with the row locked until the transaction ends (created with the defaults when missing). */
export async function lockListeningSettings(trx: Transaction<DB>, orgId: string): Promise<ListeningSettings> {
  await trx
    .insertInto('listeningSettings')
    .values({ orgId, updatedAt: new Date() })
    .onConflict((oc) => oc.column('orgId').doNothing())
    .execute();
  const row = await trx
    .selectFrom('listeningSettings')
    .select(['threshold', 'commentThreshold', 'leadershipIds'])
    .where('orgId', '=', orgId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { threshold: row.threshold, commentThreshold: row.commentThreshold, leadershipIds: row.leadershipIds };
}

/** Saves the settings (the row exists: see `lockListeningSettings`). */
export async function saveListeningSettings(trx: Transaction<DB>, orgId: string, s: ListeningSettings): Promise<void> {
  await trx
    .updateTable('listeningSettings')
    .set({ threshold: s.threshold, commentThreshold: s.commentThreshold, leadershipIds: s.leadershipIds, updatedAt: new Date() })
    .where('orgId', '=', orgId)
    .execute();
}
