import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { SafetyStatus } from '../../../shared/comms.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** Rows per insert: well under PostgreSQL's limit of bind parameters. */
const INSERT_CHUNK = 2000;

/** A check with the names of who started and closed it, in one query. */
function checkSelect(db: Executor, orgId: string) {
  return db
    .selectFrom('safetyChecks as c')
    .leftJoin('users as s', (j) => j.onRef('s.id', '=', 'c.startedBy').on('s.orgId', '=', orgId))
    .leftJoin('users as x', (j) => j.onRef('x.id', '=', 'c.closedBy').on('x.orgId', '=', orgId))
    .select([
      'c.id',
      'c.orgId',
      'c.title',
      'c.message',
      'c.drill',
      'c.status',
      'c.reminderMinutes',
      'c.startedBy',
      's.name as startedByName',
      'c.startedAt',
      'c.lastRemindedAt',
      'c.closedAt',
      'c.closedBy',
      'x.name as closedByName',
      'c.report',
    ])
    .where('c.orgId', '=', orgId);
}

export type CheckRow = Awaited<ReturnType<ReturnType<typeof checkSelect>['executeTakeFirstOrThrow']>>;

export async function insertCheck(
  db: Executor,
  row: {
    id: string;
    orgId: string;
    startedBy: string;
    title: string;
    message: string;
    drill: boolean;
    locationIds: string[];
    reminderMinutes: number;
    startedAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('safetyChecks')
    .values({ ...row, locationIds: JSON.stringify(row.locationIds) })
    .execute();
}

/** Snapshots who a check asks, each with their location at the start. */
export async function insertResponses(
  db: Executor,
  orgId: string,
  checkId: string,
  people: readonly { userId: string; locationId: string | null }[],
): Promise<void> {
  for (let i = 0; i < people.length; i += INSERT_CHUNK) {
    await db
      .insertInto('safetyResponses')
      .values(people.slice(i, i + INSERT_CHUNK).map((p) => ({ orgId, checkId, userId: p.userId, locationId: p.locationId })))
      .execute();
  }
}

/** The people a check asks with their address and language, for e-mail and push. */
export async function recipients(db: Executor, orgId: string, checkId: string, status?: SafetyStatus) {
  return db
    .selectFrom('safetyResponses as r')
    .innerJoin('users as u', (j) => j.onRef('u.id', '=', 'r.userId').on('u.orgId', '=', orgId))
    .innerJoin('orgs as o', 'o.id', 'u.orgId')
    .select(['u.id', 'u.name', 'u.email', 'u.locale', 'o.defaultLocale', 'u.status'])
    .where('r.orgId', '=', orgId)
    .where('r.checkId', '=', checkId)
    .$if(status !== undefined, (qb) => qb.where('r.status', '=', status!))
    .orderBy('u.id')
    .execute();
}

/** One check of the organisation; locked for an update when `lock` is set. */
export async function checkById(db: Executor, orgId: string, id: string, lock = false): Promise<CheckRow | undefined> {
  return checkSelect(db, orgId)
    .where('c.id', '=', id)
    .$if(lock, (qb) => qb.forUpdate('c'))
    .executeTakeFirst();
}

/** A page of checks, newest first; `limit + 1` rows so the caller knows whether more follow. */
export async function checkPage(
  db: Executor,
  orgId: string,
  status: 'open' | 'closed' | undefined,
  limit: number,
  after: { createdAt: Date; id: string } | undefined,
): Promise<CheckRow[]> {
  return checkSelect(db, orgId)
    .$if(status !== undefined, (qb) => qb.where('c.status', '=', status!))
    .$if(after !== undefined, (qb) =>
      qb.where(sql<SqlBool>`(c.started_at, c.id) < (${after!.createdAt.toISOString()}::timestamptz, ${after!.id}::uuid)`),
    )
    .orderBy('c.startedAt', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit + 1)
    .execute();
}

/** How many people of each check have each status. */
export async function countsOf(db: Executor, orgId: string, checkIds: readonly string[]) {
  if (checkIds.length === 0) {
    return [];
  }
  return db
    .selectFrom('safetyResponses')
    .select(['checkId', 'status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('orgId', '=', orgId)
    .where('checkId', 'in', checkIds)
    .groupBy(['checkId', 'status'])
    .execute();
}

/** A check's people counted by location (as it was when the check started) and status. */
export async function tallyByLocation(db: Executor, orgId: string, checkId: string) {
  return db
    .selectFrom('safetyResponses as r')
    .leftJoin('locations as l', (j) => j.onRef('l.id', '=', 'r.locationId').on('l.orgId', '=', orgId))
    .select(['l.id as locationId', 'l.name as locationName', 'r.status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('r.orgId', '=', orgId)
    .where('r.checkId', '=', checkId)
    .groupBy(['l.id', 'l.name', 'r.status'])
    .execute();
}

/** The people of a check with what operators need to reach them. */
function peopleSelect(db: Executor, orgId: string, checkId: string) {
  return db
    .selectFrom('safetyResponses as r')
    .innerJoin('users as u', (j) => j.onRef('u.id', '=', 'r.userId').on('u.orgId', '=', orgId))
    .leftJoin('locations as l', (j) => j.onRef('l.id', '=', 'r.locationId').on('l.orgId', '=', orgId))
    .select([
      'u.id',
      'u.name',
      'u.email',
      'u.title',
      'u.phone',
      'l.id as locationId',
      'l.name as locationName',
      'r.status',
      'r.note',
      'r.answeredAt',
      'r.remindedCount',
    ])
    .where('r.orgId', '=', orgId)
    .where('r.checkId', '=', checkId);
}

export type PersonRow = Awaited<ReturnType<ReturnType<typeof peopleSelect>['executeTakeFirstOrThrow']>>;

/** A page of a check's people by name, optionally of one status; `limit + 1` rows. */
export async function peoplePage(
  db: Executor,
  orgId: string,
  checkId: string,
  status: SafetyStatus | undefined,
  limit: number,
  after: { name: string; id: string } | undefined,
): Promise<PersonRow[]> {
  return peopleSelect(db, orgId, checkId)
    .$if(status !== undefined, (qb) => qb.where('r.status', '=', status!))
    .$if(after !== undefined, (qb) => qb.where(sql<SqlBool>`(u.name, u.id) > (${after!.name}, ${after!.id}::uuid)`))
    .orderBy('u.name')
    .orderBy('u.id')
    .limit(limit + 1)
    .execute();
}

/** Every person of a check by name, optionally of one status (the report and its CSV). */
export async function allPeople(db: Executor, orgId: string, checkId: string, status?: SafetyStatus, limit?: number) {
  return peopleSelect(db, orgId, checkId)
    .$if(status !== undefined, (qb) => qb.where('r.status', '=', status!))
    .orderBy('u.name')
    .orderBy('u.id')
    .$if(limit !== undefined, (qb) => qb.limit(limit!))
    .execute();
}

/** One person's answer to a check, with the check; locked for an update when `lock` is set. */
export async function responseOf(db: Executor, orgId: string, checkId: string, userId: string, lock = false) {
  return db
    .selectFrom('safetyResponses as r')
    .innerJoin('safetyChecks as c', (j) => j.onRef('c.id', '=', 'r.checkId').on('c.orgId', '=', orgId))
    .select([
      'c.id',
      'c.title',
      'c.message',
      'c.drill',
      'c.status as checkStatus',
      'c.startedAt',
      'c.startedBy',
      'r.status',
      'r.note',
      'r.answeredAt',
    ])
    .where('r.orgId', '=', orgId)
    .where('r.checkId', '=', checkId)
    .where('r.userId', '=', userId)
    .$if(lock, (qb) => qb.forUpdate('r'))
    .executeTakeFirst();
}

export type ResponseRow = NonNullable<Awaited<ReturnType<typeof responseOf>>>;

export async function answer(
  db: Executor,
  orgId: string,
  checkId: string,
  userId: string,
  a: { status: 'safe' | 'help'; note: string | null; answeredAt: Date },
): Promise<void> {
  await db
    .updateTable('safetyResponses')
    .set(a)
    .where('orgId', '=', orgId)
    .where('checkId', '=', checkId)
    .where('userId', '=', userId)
    .execute();
}

/** Open checks asking the person that they have not answered, or answered that they need help; newest first. */
export async function openChecksOf(db: Executor, orgId: string, userId: string, limit: number) {
  return db
    .selectFrom('safetyResponses as r')
    .innerJoin('safetyChecks as c', (j) => j.onRef('c.id', '=', 'r.checkId').on('c.orgId', '=', orgId))
    .select(['c.id', 'c.title', 'c.message', 'c.drill', 'c.status as checkStatus', 'c.startedAt', 'r.status', 'r.note', 'r.answeredAt'])
    .where('r.orgId', '=', orgId)
    .where('r.userId', '=', userId)
    .where('r.status', 'in', ['pending', 'help'])
    .where('c.status', '=', 'open')
    .orderBy('c.startedAt', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit)
    .execute();
}

/** Closes an open check with its report; false when it was already closed. */
export async function closeCheck(
  db: Executor,
  orgId: string,
  id: string,
  closedBy: string,
  closedAt: Date,
  report: unknown,
): Promise<boolean> {
  const row = await db
    .updateTable('safetyChecks')
    .set({ status: 'closed', closedAt, closedBy, report: JSON.stringify(report) })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Claims a check's next reminder: sets when it was reminded, only if it is open and its last reminder
 * (or its start) is at least `gapMinutes` before `now` (its own interval when no gap is given). Of two
 * nodes or two clicks, only one gets true.
 */
export async function claimReminder(db: Executor, orgId: string, id: string, now: Date, gapMinutes?: number): Promise<boolean> {
  const gap = gapMinutes === undefined ? sql<number>`reminder_minutes` : sql<number>`${gapMinutes}::integer`;
  const row = await db
    .updateTable('safetyChecks')
    .set({ lastRemindedAt: now })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .where(sql<SqlBool>`coalesce(last_reminded_at, started_at) <= ${now.toISOString()}::timestamptz - make_interval(mins => ${gap})`)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Counts one more reminder for everyone who has not answered; returns who they are, with their language. */
export async function remindPending(db: Executor, orgId: string, checkId: string) {
  const ids = await db
    .updateTable('safetyResponses')
    .set((eb) => ({ remindedCount: eb('remindedCount', '+', 1) }))
    .where('orgId', '=', orgId)
    .where('checkId', '=', checkId)
    .where('status', '=', 'pending')
    .returning('userId')
    .execute();
  if (ids.length === 0) {
    return [];
  }
  return recipients(db, orgId, checkId, 'pending');
}

/** Open checks of every organisation whose next reminder is due at `now`, skipping those another node holds. */
export async function dueReminders(db: Executor, now: Date, limit: number) {
  return db
    .selectFrom('safetyChecks')
    .select(['id', 'orgId'])
    .where('status', '=', 'open')
    .where(
      sql<SqlBool>`coalesce(last_reminded_at, started_at) <= ${now.toISOString()}::timestamptz - make_interval(mins => reminder_minutes)`,
    )
    .orderBy('startedAt')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}
