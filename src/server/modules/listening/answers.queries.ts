import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** How many open rounds a person's listening home lists, at most, of each kind. */
const OPEN_LIMIT = 100;

/**
 * Open rounds the person is invited to, newest first: still to answer (and not past their closing
 * time), or already answered. `answered` is only known while a round is open.
 */
export async function openRoundsOf(db: Executor, orgId: string, userId: string, now: Date) {
  const base = db
    .selectFrom('surveyAudience as a')
    .innerJoin('surveyRounds as r', 'r.id', 'a.roundId')
    .innerJoin('surveys as s', 's.id', 'r.surveyId')
    .where('a.userId', '=', userId)
    .where('r.orgId', '=', orgId)
    .where('r.status', '=', 'open')
    .select([
      'r.id as roundId',
      's.id as surveyId',
      's.kind',
      's.title',
      's.anonymity',
      'r.closesAt',
      sql<number>`cardinality(r.question_ids)`.as('questions'),
    ])
    .orderBy('r.opensAt', 'desc')
    .orderBy('r.id', 'desc')
    .limit(OPEN_LIMIT);
  const [todo, done] = await Promise.all([
    base.where('a.answered', '=', false).where('r.closesAt', '>', now).execute(),
    base.where('a.answered', '=', true).execute(),
  ]);
  return { todo, done };
}

/**
 * A round with its survey, seen by one invited person: their audience row (stored group, group
 * size, whether they answered) and the language to show bank questions in. Undefined when the
 * person was not invited.
 */
export async function roundForRespondent(db: Executor, orgId: string, roundId: string, userId: string) {
  return db
    .selectFrom('surveyAudience as a')
    .innerJoin('surveyRounds as r', 'r.id', 'a.roundId')
    .innerJoin('surveys as s', 's.id', 'r.surveyId')
    .innerJoin('users as u', 'u.id', 'a.userId')
    .innerJoin('orgs as o', 'o.id', 'r.orgId')
    .where('a.roundId', '=', roundId)
    .where('a.userId', '=', userId)
    .where('r.orgId', '=', orgId)
    .select([
      'r.id',
      'r.number',
      'r.opensAt',
      'r.closesAt',
      'r.status',
      'r.questionIds',
      's.id as surveyId',
      's.kind',
      's.title',
      's.intro',
      's.anonymity',
      'r.threshold',
      'a.departmentId',
      'a.teamId',
      'a.lineId',
      'a.locationId',
      'a.groupSize',
      'a.answered',
      'u.locale',
      'o.defaultLocale',
    ])
    .executeTakeFirst();
}

/** Locks the round against closing while an answer is written; returns its status and closing time. */
export async function lockRound(trx: Transaction<DB>, orgId: string, roundId: string) {
  return trx
    .selectFrom('surveyRounds')
    .select(['status', 'closesAt'])
    .where('id', '=', roundId)
    .where('orgId', '=', orgId)
    .forShare()
    .executeTakeFirst();
}

/** The survey's questions among these ids. */
export async function questionsByIds(db: Executor, surveyId: string, ids: readonly string[]) {
  if (ids.length === 0) {
    return [];
  }
  return db
    .selectFrom('surveyQuestions')
    .select(['id', 'kind', 'driver', 'bankKey', 'text', 'options', 'required'])
    .where('surveyId', '=', surveyId)
    .where('id', 'in', [...ids])
    .execute();
}

/** The names of a stored group's parts (department, team, the line's manager, location), in one query. */
export async function groupNames(
  db: Executor,
  orgId: string,
  g: { departmentId: string | null; teamId: string | null; lineId: string | null; locationId: string | null },
) {
  const none = '00000000-0000-0000-0000-000000000000';
  return db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('departments')
        .select('name')
        .where('orgId', '=', orgId)
        .where('id', '=', g.departmentId ?? none)
        .as('department'),
      eb
        .selectFrom('teams')
        .select('name')
        .where('orgId', '=', orgId)
        .where('id', '=', g.teamId ?? none)
        .as('team'),
      eb
        .selectFrom('users')
        .select('name')
        .where('orgId', '=', orgId)
        .where('id', '=', g.lineId ?? none)
        .as('line'),
      eb
        .selectFrom('locations')
        .select('name')
        .where('orgId', '=', orgId)
        .where('id', '=', g.locationId ?? none)
        .as('location'),
    ])
    .executeTakeFirstOrThrow();
}

/** The person's own place: title and the names of their department, team and location. */
export async function ownPlace(db: Executor, orgId: string, userId: string) {
  return db
    .selectFrom('users as u')
    .leftJoin('departments as d', 'd.id', 'u.departmentId')
    .leftJoin('teams as t', 't.id', 'u.teamId')
    .leftJoin('locations as l', 'l.id', 'u.locationId')
    .where('u.id', '=', userId)
    .where('u.orgId', '=', orgId)
    .select([
      'u.name',
      'u.title',
      'u.departmentId',
      'u.teamId',
      'u.managerId',
      'd.name as departmentName',
      't.name as teamName',
      'l.name as locationName',
    ])
    .executeTakeFirst();
}

/**
 * The names of the people a comment would most likely point at: the person's department and team,
 * their manager and their direct reports (active people, at most `limit`).
 */
export async function nearbyNames(
  db: Executor,
  orgId: string,
  me: { userId: string; departmentId: string | null; teamId: string | null; managerId: string | null },
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('name')
    .where('orgId', '=', orgId)
    .where('status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb('managerId', '=', me.userId),
        ...(me.managerId ? [eb('id', '=', me.managerId)] : []),
        ...(me.departmentId ? [eb('departmentId', '=', me.departmentId)] : []),
        ...(me.teamId ? [eb('teamId', '=', me.teamId)] : []),
      ]),
    )
    // The closest first, so the cap drops the farthest: manager and reports, then team, then department.
    .orderBy(
      (eb) =>
        eb
          .case()
          .when('managerId', '=', me.userId)
          .then(0)
          .when('id', '=', me.managerId ?? me.userId)
          .then(0)
          .when('teamId', '=', me.teamId ?? '00000000-0000-0000-0000-000000000000')
          .then(1)
          .else(2)
          .end(),
      'asc',
    )
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.name);
}
