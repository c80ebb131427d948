import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, SurveysTable } from '../../db/schema.js';
import type { SurveyKind, SurveyStatus } from '../../../shared/listening.js';
import type { QuestionState, SurveyState } from './surveys.rules.js';

type Executor = Kysely<DB> | Transaction<DB>;

export type SurveyRow = Selectable<SurveysTable>;

/** A survey with the name of who created it, as lists show it. */
export interface SurveyListRow extends SurveyRow {
  creatorName: string | null;
  creatorTitle: string | null;
  creatorPhotoKey: string | null;
}

const SURVEY_COLUMNS = [
  's.id',
  's.orgId',
  's.kind',
  's.title',
  's.intro',
  's.anonymity',
  's.threshold',
  's.commentThreshold',
  's.audience',
  's.recurrence',
  's.rotateCount',
  's.status',
  's.startsAt',
  's.roundDays',
  's.endsAt',
  's.reminderDays',
  's.createdBy',
  's.createdAt',
  's.updatedAt',
] as const;

function listSelect(db: Executor, orgId: string) {
  return db
    .selectFrom('surveys as s')
    .leftJoin('users as u', 'u.id', 's.createdBy')
    .select([...SURVEY_COLUMNS, 'u.name as creatorName', 'u.title as creatorTitle', 'u.photoKey as creatorPhotoKey'])
    .where('s.orgId', '=', orgId);
}

/** One page of an organisation's surveys, newest first; `ownCheckinsOf` keeps only that person's check-ins. */
export async function surveyPage(
  db: Executor,
  orgId: string,
  f: {
    kind?: SurveyKind | undefined;
    status?: SurveyStatus | undefined;
    ownCheckinsOf?: string | undefined;
    after?: { createdAt: Date; id: string } | undefined;
    limit: number;
  },
): Promise<SurveyListRow[]> {
  return listSelect(db, orgId)
    .$if(!!f.kind, (qb) => qb.where('s.kind', '=', f.kind!))
    .$if(!!f.status, (qb) => qb.where('s.status', '=', f.status!))
    .$if(!!f.ownCheckinsOf, (qb) => qb.where('s.createdBy', '=', f.ownCheckinsOf!).where('s.kind', '=', 'checkin'))
    .$if(!!f.after, (qb) => qb.where((eb) => eb(eb.refTuple('s.createdAt', 's.id'), '<', eb.tuple(f.after!.createdAt, f.after!.id))))
    .orderBy('s.createdAt', 'desc')
    .orderBy('s.id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

/** One survey of the organisation, with its creator's name; locked for the transaction when asked. */
export async function surveyById(db: Executor, orgId: string, id: string, lock = false): Promise<SurveyListRow | undefined> {
  if (lock) {
    await db.selectFrom('surveys').select('id').where('orgId', '=', orgId).where('id', '=', id).forUpdate().execute();
  }
  return listSelect(db, orgId).where('s.id', '=', id).executeTakeFirst();
}

/** A round as lists show it: how many it invited, how many answered, how many questions it asks. */
export interface RoundRow {
  id: string;
  surveyId: string;
  number: number;
  opensAt: Date;
  closesAt: Date;
  status: 'open' | 'closed';
  threshold: number;
  invited: number;
  responses: number;
  questions: number;
}

function roundSelect(db: Executor) {
  return db.selectFrom('surveyRounds as r').select([
    'r.id',
    'r.surveyId',
    'r.number',
    'r.opensAt',
    'r.closesAt',
    'r.status',
    'r.threshold',
    'r.invited',
    (eb) =>
      eb
        .selectFrom('surveySheets as sh')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('sh.roundId', '=', 'r.id')
        .as('responses'),
    sql<number>`cardinality(r.question_ids)`.as('questions'),
  ]);
}

const toRound = (r: {
  id: string;
  surveyId: string;
  number: number;
  opensAt: Date;
  closesAt: Date;
  status: 'open' | 'closed';
  threshold: number;
  invited: number;
  responses: string | number | null;
  questions: number | string;
}): RoundRow => ({ ...r, responses: Number(r.responses ?? 0), questions: Number(r.questions) });

/** The latest round of each survey (the open one while there is one), in one query. */
export async function latestRounds(db: Executor, surveyIds: readonly string[]): Promise<Map<string, RoundRow>> {
  if (surveyIds.length === 0) {
    return new Map();
  }
  const rows = await roundSelect(db)
    .distinctOn('r.surveyId')
    .where('r.surveyId', 'in', surveyIds)
    .orderBy('r.surveyId')
    .orderBy('r.number', 'desc')
    .execute();
  return new Map(rows.map((r) => [r.surveyId, toRound(r)]));
}

/** One page of a survey's rounds, newest first, from before round `before`. */
export async function roundPage(db: Executor, surveyId: string, before: number | undefined, limit: number): Promise<RoundRow[]> {
  const rows = await roundSelect(db)
    .where('r.surveyId', '=', surveyId)
    .$if(before !== undefined, (qb) => qb.where('r.number', '<', before!))
    .orderBy('r.number', 'desc')
    .limit(limit + 1)
    .execute();
  return rows.map(toRound);
}

/** Whether any round of the survey has opened. */
export async function hasRounds(db: Executor, surveyId: string): Promise<boolean> {
  const row = await db.selectFrom('surveyRounds').select('id').where('surveyId', '=', surveyId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The survey's open rounds, locked. */
export async function openRoundsOf(db: Executor, surveyId: string) {
  return db
    .selectFrom('surveyRounds')
    .select(['id', 'opensAt', 'closesAt'])
    .where('surveyId', '=', surveyId)
    .where('status', '=', 'open')
    .forUpdate()
    .execute();
}

export async function setRoundClosesAt(db: Executor, roundId: string, closesAt: Date): Promise<void> {
  await db.updateTable('surveyRounds').set({ closesAt }).where('id', '=', roundId).execute();
}

/** Raises the threshold of the survey's rounds to at least `threshold` (never lowers one). */
export async function raiseRoundThresholds(db: Executor, surveyId: string, threshold: number): Promise<void> {
  await db
    .updateTable('surveyRounds')
    .set({ threshold: sql<number>`greatest(threshold, ${threshold}::int)` })
    .where('surveyId', '=', surveyId)
    .where('threshold', '<', threshold)
    .execute();
}

export interface QuestionRow extends QuestionState {
  id: string;
  position: number;
}

/** The questions of these surveys, in order. */
export async function questionsOf(db: Executor, surveyIds: readonly string[]): Promise<Map<string, QuestionRow[]>> {
  const out = new Map<string, QuestionRow[]>();
  if (surveyIds.length === 0) {
    return out;
  }
  const rows = await db
    .selectFrom('surveyQuestions')
    .select(['id', 'surveyId', 'position', 'kind', 'driver', 'bankKey', 'text', 'options', 'required', 'pool'])
    .where('surveyId', 'in', surveyIds)
    .orderBy('surveyId')
    .orderBy('position')
    .execute();
  for (const r of rows) {
    const options = (typeof r.options === 'string' ? JSON.parse(r.options) : r.options) as unknown;
    const list = out.get(r.surveyId) ?? [];
    list.push({
      id: r.id,
      position: r.position,
      kind: r.kind,
      driver: r.driver,
      bankKey: r.bankKey,
      text: r.text,
      options: Array.isArray(options) ? options.filter((o): o is string => typeof o === 'string') : [],
      required: r.required,
      pool: r.pool,
    });
    out.set(r.surveyId, list);
  }
  return out;
}

const stateColumns = (s: SurveyState) => ({
  kind: s.kind,
  title: s.title,
  intro: s.intro,
  anonymity: s.anonymity,
  threshold: s.threshold,
  commentThreshold: s.commentThreshold,
  audience: JSON.stringify(s.audience),
  recurrence: s.recurrence,
  rotateCount: s.rotateCount,
  startsAt: s.startsAt,
  roundDays: s.roundDays,
  endsAt: s.endsAt,
  reminderDays: [...s.reminderDays].sort((a, b) => a - b),
});

export async function insertSurvey(
  db: Executor,
  row: { id: string; orgId: string; createdBy: string; status: SurveyStatus; state: SurveyState },
): Promise<void> {
  await db
    .insertInto('surveys')
    .values({
      id: row.id,
      orgId: row.orgId,
      createdBy: row.createdBy,
      status: row.status,
      updatedAt: new Date(),
      ...stateColumns(row.state),
    })
    .execute();
}

export async function updateSurveyState(db: Executor, id: string, state: SurveyState): Promise<void> {
  await db
    .updateTable('surveys')
    .set({ ...stateColumns(state), updatedAt: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function setSurveyStatus(db: Executor, id: string, status: SurveyStatus): Promise<void> {
  await db.updateTable('surveys').set({ status, updatedAt: new Date() }).where('id', '=', id).execute();
}

/** Replaces a survey's questions (new ids) in one statement after one delete. */
export async function replaceQuestions(
  db: Executor,
  surveyId: string,
  questions: readonly (QuestionState & { id: string })[],
): Promise<void> {
  await db.deleteFrom('surveyQuestions').where('surveyId', '=', surveyId).execute();
  if (questions.length === 0) {
    return;
  }
  await db
    .insertInto('surveyQuestions')
    .values(
      questions.map((q, i) => ({
        id: q.id,
        surveyId,
        position: i,
        kind: q.kind,
        driver: q.driver,
        bankKey: q.bankKey,
        text: q.text,
        options: JSON.stringify(q.options),
        required: q.required,
        pool: q.pool,
      })),
    )
    .execute();
}

export async function deleteSurvey(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('surveys').where('id', '=', id).execute();
}

/** Which of these ids exist in the organisation, per kind. */
export async function existingIds(
  db: Executor,
  orgId: string,
  ids: { departmentIds: string[]; teamIds: string[]; locationIds: string[]; userIds: string[] },
): Promise<{ departments: Set<string>; teams: Set<string>; locations: Set<string>; users: Set<string> }> {
  const pick = async (table: 'departments' | 'teams' | 'locations' | 'users', list: string[]) =>
    list.length === 0
      ? new Set<string>()
      : new Set((await db.selectFrom(table).select('id').where('orgId', '=', orgId).where('id', 'in', list).execute()).map((r) => r.id));
  const [departments, teams, locations, users] = await Promise.all([
    pick('departments', ids.departmentIds),
    pick('teams', ids.teamIds),
    pick('locations', ids.locationIds),
    pick('users', ids.userIds),
  ]);
  return { departments, teams, locations, users };
}

/** Names of departments, teams and locations, and people (with their photos), by id. */
export async function namesOf(
  db: Executor,
  orgId: string,
  ids: { departmentIds: string[]; teamIds: string[]; locationIds: string[]; userIds: string[] },
) {
  const named = async (table: 'departments' | 'teams' | 'locations', list: string[]) =>
    list.length === 0
      ? []
      : db.selectFrom(table).select(['id', 'name']).where('orgId', '=', orgId).where('id', 'in', list).orderBy('name').execute();
  const [departments, teams, locations, people] = await Promise.all([
    named('departments', ids.departmentIds),
    named('teams', ids.teamIds),
    named('locations', ids.locationIds),
    ids.userIds.length === 0
      ? []
      : db
          .selectFrom('users')
          .select(['id', 'name', 'title', 'photoKey'])
          .where('orgId', '=', orgId)
          .where('id', 'in', ids.userIds)
          .orderBy('name')
          .execute(),
  ]);
  return { departments, teams, locations, people };
}

/** The active people among these ids. */
export async function activePeople(db: Executor, orgId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) {
    return new Set();
  }
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('orgId', '=', orgId)
    .where('id', 'in', ids)
    .where('status', '=', 'active')
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Whether anyone reports (directly) to this person. */
export async function hasReports(db: Executor, orgId: string, managerId: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('orgId', '=', orgId)
    .where('managerId', '=', managerId)
    .where('status', '=', 'active')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The viewer's language and the organisation's. */
export async function localeOf(db: Executor, orgId: string, userId: string): Promise<string> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.orgId')
    .select(['u.locale', 'o.defaultLocale'])
    .where('u.orgId', '=', orgId)
    .where('u.id', '=', userId)
    .executeTakeFirst();
  return row?.locale ?? row?.defaultLocale ?? 'en';
}

// --- The scheduler ---------------------------------------------------------------------------------

/** An arbitrary constant naming the survey scheduler's advisory lock. */
const TICK_LOCK = '7431962000131';

/** Takes the installation-wide lock that serialises queueing the survey tick until the transaction ends. */
export async function lockTickScheduling(trx: Transaction<DB>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${TICK_LOCK}::bigint)`.execute(trx);
}

/** Whether a tick is pending: at all, or (`later`) to run after now. */
export async function hasPendingTick(db: Executor, later: boolean): Promise<boolean> {
  const row = await db
    .selectFrom('jobs')
    .select('id')
    .where('kind', '=', 'listening.tick')
    .where('status', '=', 'pending')
    .$if(later, (qb) => qb.where('runAt', '>', sql<Date>`now()`))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Open rounds whose time is up, locked (rounds another node is handling are skipped). */
export async function roundsToClose(trx: Executor, now: Date): Promise<string[]> {
  const rows = await trx
    .selectFrom('surveyRounds')
    .select('id')
    .where('status', '=', 'open')
    .where('closesAt', '<=', now)
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map((r) => r.id);
}

/** Scheduled surveys whose start has come, locked (those another node is handling are skipped). */
export async function surveysToStart(trx: Executor, now: Date): Promise<string[]> {
  const rows = await trx
    .selectFrom('surveys')
    .select('id')
    .where('status', '=', 'scheduled')
    .where('startsAt', '<=', now)
    .orderBy('startsAt')
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map((r) => r.id);
}

/** A running survey with where its calendar stands. */
export interface RunningSurvey {
  id: string;
  orgId: string;
  kind: SurveyKind;
  title: string;
  recurrence: SurveyRow['recurrence'];
  roundDays: number;
  endsAt: Date | null;
  /** When its first round opened (the calendar counts from it); null before any round. */
  anchor: Date | null;
  lastOpensAt: Date | null;
  openRounds: number;
}

/** Running surveys (all, or these), with their first and latest openings and how many rounds are open. */
export async function runningSurveys(db: Executor, ids?: readonly string[]): Promise<RunningSurvey[]> {
  if (ids && ids.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('surveys as s')
    .select([
      's.id',
      's.orgId',
      's.kind',
      's.title',
      's.recurrence',
      's.roundDays',
      's.endsAt',
      (eb) =>
        eb
          .selectFrom('surveyRounds as r')
          .select('r.opensAt')
          .whereRef('r.surveyId', '=', 's.id')
          .orderBy('r.number')
          .limit(1)
          .as('anchor'),
      (eb) =>
        eb
          .selectFrom('surveyRounds as r')
          .select('r.opensAt')
          .whereRef('r.surveyId', '=', 's.id')
          .orderBy('r.number', 'desc')
          .limit(1)
          .as('lastOpensAt'),
      (eb) =>
        eb
          .selectFrom('surveyRounds as r')
          .select((e) => e.fn.countAll<string>().as('n'))
          .whereRef('r.surveyId', '=', 's.id')
          .where('r.status', '=', 'open')
          .as('openRounds'),
    ])
    .where('s.status', '=', 'running')
    .$if(!!ids, (qb) => qb.where('s.id', 'in', ids!))
    .execute();
  return rows.map((r) => ({
    ...r,
    anchor: r.anchor ? new Date(r.anchor) : null,
    lastOpensAt: r.lastOpensAt ? new Date(r.lastOpensAt) : null,
    openRounds: Number(r.openRounds ?? 0),
  }));
}

/** Locks these running surveys for the transaction, skipping those another node holds; returns the ones locked. */
export async function lockRunning(trx: Executor, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await trx
    .selectFrom('surveys')
    .select('id')
    .where('id', 'in', ids)
    .where('status', '=', 'running')
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map((r) => r.id);
}

/** Marks these running surveys ended, unless a round of theirs is still open. */
export async function endSurveys(db: Executor, ids: readonly string[], now: Date): Promise<string[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await db
    .updateTable('surveys as s')
    .set({ status: 'ended', updatedAt: now })
    .where('s.id', 'in', ids)
    .where('s.status', '=', 'running')
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom('surveyRounds as r').select('r.id').whereRef('r.surveyId', '=', 's.id').where('r.status', '=', 'open')),
      ),
    )
    .returning('s.id')
    .execute();
  return rows.map((r) => r.id);
}

/** Open rounds of surveys that send reminders, with what a reminder says. */
export async function roundsWithReminders(db: Executor) {
  return db
    .selectFrom('surveyRounds as r')
    .innerJoin('surveys as s', 's.id', 'r.surveyId')
    .select(['r.id', 'r.orgId', 'r.surveyId', 'r.opensAt', 'r.closesAt', 'r.remindersSent', 's.reminderDays', 's.title', 's.kind'])
    .where('r.status', '=', 'open')
    .where(sql<boolean>`cardinality(s.reminder_days) > 0`)
    .execute();
}

/**
 * Records that a round's reminders up to `count` are sent; false when they already were (by another
 * node, or an earlier run), so that each reminder goes out once.
 */
export async function claimReminder(db: Executor, roundId: string, count: number): Promise<boolean> {
  const row = await db
    .updateTable('surveyRounds')
    .set({ remindersSent: count })
    .where('id', '=', roundId)
    .where('status', '=', 'open')
    .where('remindersSent', '<', count)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Invited people who have not answered these rounds yet, by round. */
export async function notAnswered(db: Executor, roundIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (roundIds.length === 0) {
    return out;
  }
  const rows = await db
    .selectFrom('surveyAudience')
    .select(['roundId', 'userId'])
    .where('roundId', 'in', roundIds)
    .where('answered', '=', false)
    .execute();
  for (const r of rows) {
    const list = out.get(r.roundId);
    if (list) {
      list.push(r.userId);
    } else {
      out.set(r.roundId, [r.userId]);
    }
  }
  return out;
}
