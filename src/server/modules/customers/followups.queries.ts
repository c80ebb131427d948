import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { FollowupStatus } from '../../../shared/customers.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** Where a page of follow-ups resumes: after this due day and id. */
export type FollowupAfter = { dueOn: string; id: string } | undefined;

export interface FollowupFilter {
  status?: FollowupStatus | undefined;
  teamId?: string | undefined;
  ownerId?: string | undefined;
}

/** A follow-up with the names of its owner, team and account, in one query. */
function followupSelect(db: Executor, orgId: string) {
  return db
    .selectFrom('customerFollowups as fu')
    .leftJoin('users as o', (j) => j.onRef('o.id', '=', 'fu.ownerId').on('o.orgId', '=', orgId))
    .leftJoin('teams as t', (j) => j.onRef('t.id', '=', 'fu.teamId').on('t.orgId', '=', orgId))
    .leftJoin('customerAccounts as a', (j) => j.onRef('a.id', '=', 'fu.accountId').on('a.orgId', '=', orgId))
    .select([
      'fu.id',
      'fu.feedbackId',
      'fu.status',
      'fu.dueOn',
      'fu.ownerId',
      'o.name as ownerName',
      'fu.teamId',
      't.name as teamName',
      'fu.accountId',
      'a.name as accountName',
      'fu.createdAt',
      'fu.closedAt',
    ])
    .where('fu.orgId', '=', orgId);
}

export type FollowupRow = Awaited<ReturnType<ReturnType<typeof followupSelect>['executeTakeFirstOrThrow']>>;

/** A page of follow-ups by due day then id (soonest first); `limit + 1` rows so the caller knows whether more follow. */
export async function followupPage(
  db: Executor,
  orgId: string,
  f: FollowupFilter,
  limit: number,
  after: FollowupAfter,
): Promise<FollowupRow[]> {
  return followupSelect(db, orgId)
    .$if(f.status !== undefined, (qb) => qb.where('fu.status', '=', f.status!))
    .$if(f.teamId !== undefined, (qb) => qb.where('fu.teamId', '=', f.teamId!))
    .$if(f.ownerId !== undefined, (qb) => qb.where('fu.ownerId', '=', f.ownerId!))
    .$if(after !== undefined, (qb) => qb.where(sql<SqlBool>`(fu.due_on, fu.id) > (${after!.dueOn}::date, ${after!.id}::uuid)`))
    .orderBy('fu.dueOn')
    .orderBy('fu.id')
    .limit(limit + 1)
    .execute();
}

/** One follow-up of the organisation; locked for an update when `lock` is set. */
export async function followupById(db: Executor, orgId: string, id: string, lock = false): Promise<FollowupRow | undefined> {
  return followupSelect(db, orgId)
    .where('fu.id', '=', id)
    .$if(lock, (qb) => qb.forUpdate('fu'))
    .executeTakeFirst();
}

/** A follow-up's notes, oldest first, with their authors' names. */
export async function notesOf(db: Executor, orgId: string, followupId: string) {
  return db
    .selectFrom('customerFollowupNotes as n')
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'n.authorId').on('u.orgId', '=', orgId))
    .select(['n.id', 'n.body', 'n.createdAt', 'n.authorId', 'u.name as authorName'])
    .where('n.orgId', '=', orgId)
    .where('n.followupId', '=', followupId)
    .orderBy('n.createdAt')
    .orderBy('n.id')
    .execute();
}

export interface FollowupChanges {
  status?: FollowupStatus;
  ownerId?: string | null;
  dueOn?: string;
  closedAt?: Date | null;
}

export async function updateFollowup(db: Executor, orgId: string, id: string, changes: FollowupChanges): Promise<void> {
  await db
    .updateTable('customerFollowups')
    .set({ ...changes, updatedAt: new Date() })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .execute();
}

export async function insertNote(
  db: Executor,
  row: { id: string; orgId: string; followupId: string; authorId: string; body: string },
): Promise<void> {
  await db.insertInto('customerFollowupNotes').values(row).execute();
  await db
    .updateTable('customerFollowups')
    .set({ updatedAt: new Date() })
    .where('orgId', '=', row.orgId)
    .where('id', '=', row.followupId)
    .execute();
}
