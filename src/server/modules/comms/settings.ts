import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { COMMS_DEFAULTS } from '../../../shared/comms.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** An organisation's communication settings; the defaults until an administrator changes them. */
export interface CommsSettings {
  broadcastAudienceLimit: number;
  escalationMinutes: number;
  reminderHours: number;
  fileMaxBytes: number;
  videoMaxBytes: number;
}

/** The organisation's communication settings, or the defaults when none were saved. */
export async function loadCommsSettings(db: Executor, orgId: string): Promise<CommsSettings> {
  const row = await db
    .selectFrom('commsSettings')
    .select(['broadcastAudienceLimit', 'escalationMinutes', 'reminderHours', 'fileMaxBytes', 'videoMaxBytes'])
    .where('orgId', '=', orgId)
    .executeTakeFirst();
  return row ? { ...row, fileMaxBytes: Number(row.fileMaxBytes), videoMaxBytes: Number(row.videoMaxBytes) } : { ...COMMS_DEFAULTS };
}

/** Saves the given settings (the rest keep their values). */
export async function saveCommsSettings(db: Executor, orgId: string, patch: Partial<CommsSettings>): Promise<CommsSettings> {
  const current = await loadCommsSettings(db, orgId);
  const next = { ...current, ...patch };
  await db
    .insertInto('commsSettings')
    .values({ orgId, ...next })
    .onConflict((oc) => oc.column('orgId').doUpdateSet({ ...next, updatedAt: new Date() }))
    .execute();
  return next;
}
