import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { FeedbackChannel, FeedbackKind, FollowupStatus } from '../../../shared/customers.js';

type Executor = Kysely<DB> | Transaction<DB>;
type After = { createdAt: Date; id: string } | undefined;

/** An inclusive range of scores of one kind. */
export interface ScoreRange {
  kind: FeedbackKind;
  min: number;
  max: number;
}

export interface FeedbackFilter {
  kind?: FeedbackKind | undefined;
  /** Answers within any of these ranges (a category spans both kinds unless one is chosen). */
  ranges?: readonly ScoreRange[] | undefined;
  accountId?: string | undefined;
  teamId?: string | undefined;
  channel?: FeedbackChannel | undefined;
  /** A LIKE pattern, already escaped. */
  like?: string | undefined;
}

const feedbackColumns = [
  'f.id',
  'f.kind',
  'f.score',
  'f.comment',
  'f.channel',
  'f.source',
  'f.accountId',
  'f.contactId',
  'f.teamId',
  'f.namedUserId',
  'f.shareAllowed',
  'f.locale',
  'f.receivedAt',
  'f.passedOnPostId',
  'f.passedOnAt',
] as const;

export interface FeedbackRow {
  id: string;
  kind: FeedbackKind;
  score: number;
  comment: string | null;
  channel: FeedbackChannel;
  source: string | null;
  accountId: string | null;
  contactId: string | null;
  teamId: string | null;
  namedUserId: string | null;
  shareAllowed: boolean;
  locale: string;
  receivedAt: Date;
  passedOnPostId: string | null;
  passedOnAt: Date | null;
}

function inRanges(ranges: readonly ScoreRange[]): Expression<SqlBool> {
  if (ranges.length === 0) {
    return sql<SqlBool>`false`;
  }
  return sql<SqlBool>`(${sql.join(
    ranges.map((r) => sql`(f.kind = ${r.kind} and f.score between ${r.min} and ${r.max})`),
    sql` or `,
  )})`;
}

/**
 * A page of the organisation's customer answers, newest first, walking the inbox index
 * (org_id, received_at desc, id desc); `limit + 1` rows so the caller knows whether more follow.
 */
export async function feedbackPage(db: Executor, orgId: string, f: FeedbackFilter, limit: number, after: After): Promise<FeedbackRow[]> {
  return db
    .selectFrom('customerFeedback as f')
    .select(feedbackColumns)
    .where('f.orgId', '=', orgId)
    .$if(f.kind !== undefined, (qb) => qb.where('f.kind', '=', f.kind!))
    .$if(f.ranges !== undefined, (qb) => qb.where(inRanges(f.ranges!)))
    .$if(f.accountId !== undefined, (qb) => qb.where('f.accountId', '=', f.accountId!))
    .$if(f.teamId !== undefined, (qb) => qb.where('f.teamId', '=', f.teamId!))
    .$if(f.channel !== undefined, (qb) => qb.where('f.channel', '=', f.channel!))
    .$if(f.like !== undefined, (qb) => qb.where(sql<SqlBool>`f.comment ilike ${f.like!} escape '\\'`))
    .$if(after !== undefined, (qb) =>
      qb.where(sql<SqlBool>`(f.received_at, f.id) < (${after!.createdAt}::timestamptz, ${after!.id}::uuid)`),
    )
    .orderBy('f.receivedAt', 'desc')
    .orderBy('f.id', 'desc')
    .limit(limit + 1)
    .execute();
}

/** These answers of the organisation, in no particular order. */
export async function feedbackByIds(db: Executor, orgId: string, ids: readonly string[]): Promise<FeedbackRow[]> {
  if (ids.length === 0) {
    return [];
  }
  return db.selectFrom('customerFeedback as f').select(feedbackColumns).where('f.orgId', '=', orgId).where('f.id', 'in', ids).execute();
}

export interface Named {
  id: string;
  name: string;
}

/** The names of these rows of one table of the organisation, in one query. */
export async function namesOf(
  db: Executor,
  orgId: string,
  table: 'customerAccounts' | 'customerContacts' | 'teams' | 'users',
  ids: readonly string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) {
    return new Map();
  }
  const rows: Named[] = await db.selectFrom(table).select(['id', 'name']).where('orgId', '=', orgId).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The follow-ups of these answers, by answer. */
export async function followupsOf(
  db: Executor,
  orgId: string,
  feedbackIds: readonly string[],
): Promise<Map<string, { id: string; status: FollowupStatus; dueOn: string }>> {
  if (feedbackIds.length === 0) {
    return new Map();
  }
  const rows = await db
    .selectFrom('customerFollowups')
    .select(['id', 'feedbackId', 'status', 'dueOn'])
    .where('orgId', '=', orgId)
    .where('feedbackId', 'in', feedbackIds)
    .execute();
  return new Map(rows.map((r) => [r.feedbackId, { id: r.id, status: r.status, dueOn: r.dueOn }]));
}

/** One answer locked for passing it on, with the names its quote needs; undefined when it is not the organisation's. */
export async function lockForPassOn(db: Transaction<DB>, orgId: string, id: string) {
  return db
    .selectFrom('customerFeedback as f')
    .leftJoin('customerAccounts as a', (j) => j.onRef('a.id', '=', 'f.accountId').on('a.orgId', '=', orgId))
    .select([
      'f.id',
      'f.kind',
      'f.score',
      'f.comment',
      'f.namedUserId',
      'f.shareAllowed',
      'f.passedOnPostId',
      'f.passedOnAt',
      'a.name as accountName',
    ])
    .where('f.orgId', '=', orgId)
    .where('f.id', '=', id)
    .forUpdate('f')
    .executeTakeFirst();
}

/** The language a person reads in: their own, else the organisation's. */
export async function readerLocale(
  db: Executor,
  orgId: string,
  userId: string,
): Promise<{ locale: string | null; orgLocale: string } | undefined> {
  return db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.orgId')
    .select(['u.locale', 'o.defaultLocale as orgLocale'])
    .where('u.orgId', '=', orgId)
    .where('u.id', '=', userId)
    .executeTakeFirst();
}

/** Records that an answer was passed on as this post. */
export async function markPassedOn(db: Executor, orgId: string, id: string, postId: string, by: string, at: Date): Promise<void> {
  await db
    .updateTable('customerFeedback')
    .set({ passedOnPostId: postId, passedOnBy: by, passedOnAt: at })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .execute();
}

/** These contacts of the organisation with their account's name and language. */
export async function contactsForRequests(db: Executor, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) {
    return [];
  }
  return db
    .selectFrom('customerContacts as c')
    .innerJoin('customerAccounts as a', 'a.id', 'c.accountId')
    .select(['c.id', 'c.name', 'c.email', 'c.locale', 'c.optedOutAt', 'c.accountId', 'a.locale as accountLocale'])
    .where('c.orgId', '=', orgId)
    .where('a.orgId', '=', orgId)
    .where('c.id', 'in', ids)
    .execute();
}

/** Of these contacts, those who already have an unanswered, unexpired request of this kind. */
export async function pendingContacts(
  db: Executor,
  orgId: string,
  kind: FeedbackKind,
  ids: readonly string[],
  now: Date,
): Promise<Set<string>> {
  if (ids.length === 0) {
    return new Set();
  }
  const rows = await db
    .selectFrom('customerFeedbackRequests')
    .select('contactId')
    .distinct()
    .where('orgId', '=', orgId)
    .where('kind', '=', kind)
    .where('contactId', 'in', ids)
    .where('answeredAt', 'is', null)
    .where('expiresAt', '>', now)
    .execute();
  return new Set(rows.map((r) => r.contactId));
}

export interface NewRequestRow {
  id: string;
  orgId: string;
  accountId: string;
  contactId: string;
  kind: FeedbackKind;
  tokenHash: string;
  teamId: string | null;
  userId: string | null;
  interactionId: string | null;
  locale: string;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
}

export async function insertRequests(db: Executor, rows: readonly NewRequestRow[]): Promise<void> {
  if (rows.length > 0) {
    await db.insertInto('customerFeedbackRequests').values(rows).execute();
  }
}

/** The organisation's name. */
export async function orgName(db: Executor, orgId: string): Promise<string> {
  const row = await db.selectFrom('orgs').select('name').where('id', '=', orgId).executeTakeFirstOrThrow();
  return row.name;
}

/** Whether a team or an interaction of the organisation exists. */
export async function exists(db: Executor, orgId: string, table: 'teams' | 'customerInteractions', id: string): Promise<boolean> {
  const row = await db.selectFrom(table).select('id').where('orgId', '=', orgId).where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** Whether the person is an active member of the organisation. */
export async function isActivePerson(db: Executor, orgId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return row !== undefined;
}

/** A page of feedback requests, newest first, with the names they show, in one query. */
export async function requestPage(db: Executor, orgId: string, accountId: string | undefined, limit: number, after: After) {
  return db
    .selectFrom('customerFeedbackRequests as r')
    .innerJoin('customerAccounts as a', 'a.id', 'r.accountId')
    .innerJoin('customerContacts as c', 'c.id', 'r.contactId')
    .leftJoin('teams as t', 't.id', 'r.teamId')
    .leftJoin('users as u', 'u.id', 'r.userId')
    .select([
      'r.id',
      'r.kind',
      'r.accountId',
      'a.name as accountName',
      'r.contactId',
      'c.name as contactName',
      'r.teamId',
      't.name as teamName',
      'r.userId',
      'u.name as userName',
      'r.createdAt',
      'r.expiresAt',
      'r.answeredAt',
    ])
    .where('r.orgId', '=', orgId)
    .$if(accountId !== undefined, (qb) => qb.where('r.accountId', '=', accountId!))
    .$if(after !== undefined, (qb) => qb.where(sql<SqlBool>`(r.created_at, r.id) < (${after!.createdAt}::timestamptz, ${after!.id}::uuid)`))
    .orderBy('r.createdAt', 'desc')
    .orderBy('r.id', 'desc')
    .limit(limit + 1)
    .execute();
}
