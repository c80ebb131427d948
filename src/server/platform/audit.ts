import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { newId } from './ids.js';

/** Records who did what to whom; written in the same transaction as the change. */
export async function audit(
  db: Kysely<DB> | Transaction<DB>,
  entry: { orgId: string; actorId: string | null; action: string; targetId?: string | null; data?: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto('auditLog')
    .values({
      id: newId(),
      orgId: entry.orgId,
      actorId: entry.actorId,
      action: entry.action,
      targetId: entry.targetId ?? null,
      data: JSON.stringify(entry.data ?? {}),
    })
    .execute();
}
