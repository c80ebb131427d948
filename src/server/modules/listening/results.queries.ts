import { createHash } from 'node:crypto';
import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { newId } from '../../platform/ids.js';
import {
  LISTENING_LIMITS,
  type Anonymity,
  type Driver,
  type QuestionKind,
  type SurveyKind,
  type SurveyStatus,
} from '../../../shared/listening.js';
import type { Atom } from './anonymity/release.js';
import type { NodeRow, StatRow } from './results.engine.js';

type Executor = Kysely<DB> | Transaction<DB>;

export interface SurveyRow {
  id: string;
  orgId: string;
  kind: SurveyKind;
  title: string;
  anonymity: Anonymity;
  threshold: number;
  commentThreshold: number;
  status: SurveyStatus;
}

/** A survey of the organisation, or undefined. */
export async function surveyOf(db: Executor, orgId: string, surveyId: string): Promise<SurveyRow | undefined> {
  return db
    .selectFrom('surveys')
    .select(['id', 'orgId', 'kind', 'title', 'anonymity', 'threshold', 'commentThreshold', 'status'])
    .where('orgId', '=', orgId)
    .where('id', '=', surveyId)
    .executeTakeFirst();
}

/** The survey of a round (for work started from a round, such as closing it). */
export async function surveyOfRound(db: Executor, roundId: string): Promise<SurveyRow | undefined> {
  return db
    .selectFrom('surveyRounds as r')
    .innerJoin('surveys as s', 's.id', 'r.surveyId')
    .select(['s.id', 's.orgId', 's.kind', 's.title', 's.anonymity', 's.threshold', 's.commentThreshold', 's.status'])
    .where('r.id', '=', roundId)
    .executeTakeFirst();
}

export interface RoundRow {
  id: string;
  number: number;
  opensAt: Date;
  closesAt: Date;
  status: 'open' | 'closed';
  threshold: number;
  questionIds: string[];
}

/** Every round of a survey, oldest first. */
export async function roundsOf(db: Executor, surveyId: string): Promise<RoundRow[]> {
  return db
    .selectFrom('surveyRounds')
    .select(['id', 'number', 'opensAt', 'closesAt', 'status', 'threshold', 'questionIds'])
    .where('surveyId', '=', surveyId)
    .orderBy('number')
    .execute();
}

export interface QuestionRow {
  id: string;
  position: number;
  kind: QuestionKind;
  driver: Driver | null;
  bankKey: string | null;
  text: string;
  options: unknown;
}

export async function questionsOf(db: Executor, surveyId: string): Promise<QuestionRow[]> {
  return db
    .selectFrom('surveyQuestions')
    .select(['id', 'position', 'kind', 'driver', 'bankKey', 'text', 'options'])
    .where('surveyId', '=', surveyId)
    .orderBy('position')
    .execute();
}

/** True when the manager's line appears in any round of the survey (as a stored line or above one). */
export async function lineInSurvey(db: Executor, surveyId: string, managerId: string): Promise<boolean> {
  const row = await db
    .selectFrom('surveyRoundNodes as n')
    .innerJoin('surveyRounds as r', 'r.id', 'n.roundId')
    .select('n.nodeId')
    .where('r.surveyId', '=', surveyId)
    .where('n.kind', '=', 'line')
    .where(lineIncludes(managerId))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

const lineIncludes = (managerId: string): Expression<SqlBool> =>
  sql<SqlBool>`(n.node_id = ${managerId}::uuid or ${managerId}::uuid = any(n.ancestors))`;

/** The departments and manager lines of the rounds, with their parents when each round opened. */
export async function nodesOf(db: Executor, roundIds: readonly string[]): Promise<(NodeRow & { roundId: string })[]> {
  if (roundIds.length === 0) {
    return [];
  }
  return db.selectFrom('surveyRoundNodes').select(['roundId', 'kind', 'nodeId', 'ancestors']).where('roundId', 'in', roundIds).execute();
}

/** Invited people of the rounds by stored group (`count` = people). */
export async function audienceGroups(db: Executor, roundIds: readonly string[]): Promise<(Atom & { roundId: string })[]> {
  if (roundIds.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('surveyAudience')
    .select((eb) => ['roundId', 'departmentId', 'teamId', 'lineId', 'locationId', eb.fn.countAll<number>().as('count')])
    .where('roundId', 'in', roundIds)
    .groupBy(['roundId', 'departmentId', 'teamId', 'lineId', 'locationId'])
    .execute();
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

/** Every invited person of a round with their stored group (for comparing rounds). */
export async function audienceMembers(db: Executor, roundId: string) {
  return db
    .selectFrom('surveyAudience')
    .select(['userId', 'departmentId', 'teamId', 'lineId', 'locationId'])
    .where('roundId', '=', roundId)
    .execute();
}

/** The rounds' sheets by stored group: the atoms of their ledgers. */
export async function roundAtoms(db: Executor, roundIds: readonly string[]): Promise<(Atom & { roundId: string })[]> {
  if (roundIds.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('surveySheets')
    .select((eb) => ['roundId', 'departmentId', 'teamId', 'lineId', 'locationId', eb.fn.countAll<number>().as('count')])
    .where('roundId', 'in', roundIds)
    .groupBy(['roundId', 'departmentId', 'teamId', 'lineId', 'locationId'])
    .execute();
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

/** Slots of an answer histogram: scale values (0–10) or option indexes (at most `LISTENING_LIMITS.options`). */
const SLOTS = LISTENING_LIMITS.options;
const histogram = sql.raw(
  `array[${Array.from({ length: SLOTS }, (_, i) => `count(*) filter (where a.value = ${i} or ${i} = any(a.choices))`).join(', ')}]`,
);

/**
 * A null value's stand-in when stored groups are matched by equality (ids are random uuids). Written
 * as a literal so that the match uses the `survey_sheets_group` index, whose expressions are the same.
 */
const NONE = '00000000-0000-0000-0000-000000000000';
const NONE_SQL = sql.raw(`'${NONE}'::uuid`);

/**
 * A round's answers grouped by stored group and question (how many answered, how many wrote text,
 * and a histogram of values or options), for the given groups only (or all of them), together with
 * how many sheets each group holds, in ONE statement: the counts tell which sheets the numbers describe.
 */
export async function roundStats(
  db: Executor,
  roundId: string,
  groups: readonly Omit<Atom, 'count'>[] | 'all',
): Promise<{ atoms: Atom[]; stats: StatRow[] }> {
  if (groups !== 'all' && groups.length === 0) {
    return { atoms: [], stats: [] };
  }
  const col = (pick: (g: Omit<Atom, 'count'>) => string | null) => (groups === 'all' ? [] : groups.map((g) => pick(g) ?? NONE));
  const only =
    groups === 'all'
      ? sql``
      : sql`join unnest(${col((g) => g.departmentId)}::uuid[], ${col((g) => g.teamId)}::uuid[], ${col((g) => g.lineId)}::uuid[], ${col((g) => g.locationId)}::uuid[]) as w(d, t, l, o)
              on coalesce(x.department_id, ${NONE_SQL}) = w.d and coalesce(x.team_id, ${NONE_SQL}) = w.t
             and coalesce(x.line_id, ${NONE_SQL}) = w.l and coalesce(x.location_id, ${NONE_SQL}) = w.o`;
  const { rows } = await sql<{
    kind: 'a' | 'q';
    departmentId: string | null;
    teamId: string | null;
    lineId: string | null;
    locationId: string | null;
    questionId: string | null;
    n: number;
    texts: number;
    hist: number[] | null;
  }>`
    with s as (
      select x.id, x.department_id, x.team_id, x.line_id, x.location_id
        from survey_sheets x ${only}
       where x.round_id = ${roundId}
    )
    select 'a' as kind, s.department_id, s.team_id, s.line_id, s.location_id,
           null::uuid as question_id, count(*) as n, 0::bigint as texts, null::bigint[] as hist
      from s
     group by s.department_id, s.team_id, s.line_id, s.location_id
    union all
    select 'q', s.department_id, s.team_id, s.line_id, s.location_id, a.question_id,
           count(*) filter (where a.value is not null or cardinality(a.choices) > 0),
           count(*) filter (where coalesce(btrim(a.text), '') <> ''),
           ${histogram}
      from s
      join survey_answers a on a.sheet_id = s.id
     group by s.department_id, s.team_id, s.line_id, s.location_id, a.question_id
  `.execute(db);
  const atoms: Atom[] = [];
  const stats: StatRow[] = [];
  for (const r of rows) {
    const group = { departmentId: r.departmentId, teamId: r.teamId, lineId: r.lineId, locationId: r.locationId };
    if (r.kind === 'a') {
      atoms.push({ ...group, count: Number(r.n) });
    } else {
      stats.push({
        ...group,
        questionId: r.questionId!,
        answered: Number(r.n),
        texts: Number(r.texts),
        histogram: (r.hist ?? []).map(Number),
      });
    }
  }
  return { atoms, stats };
}

export interface ReleaseRow {
  id: string;
  roundId: string;
  cellKey: string;
  counts: unknown;
  releasedAt: Date;
}

/** The release ledger of the rounds, oldest first (without the stored numbers); only from `since` on when given. */
export async function releasesOf(db: Executor, roundIds: readonly string[], since: Date | null): Promise<ReleaseRow[]> {
  if (roundIds.length === 0) {
    return [];
  }
  return db
    .selectFrom('surveyReleases')
    .select(['id', 'roundId', 'cellKey', 'counts', 'releasedAt'])
    .where('roundId', 'in', roundIds)
    .$if(since !== null, (qb) => qb.where('releasedAt', '>=', since!))
    .orderBy('releasedAt')
    .orderBy('id')
    .execute();
}

/** True when the cell was released in exactly this state. */
export async function releaseExists(db: Executor, roundId: string, cellKey: string, stateKey: string): Promise<boolean> {
  const row = await db
    .selectFrom('surveyReleases')
    .select('id')
    .where('roundId', '=', roundId)
    .where('cellKey', '=', cellKey)
    .where('stateKey', '=', storedStateKey(stateKey))
    .executeTakeFirst();
  return row !== undefined;
}

/** How many cells were released for a survey and when the last was: releases are only ever added. */
export interface ReleaseStamp {
  releases: number;
  last: string | null;
}

export async function releaseStamp(db: Executor, surveyId: string): Promise<ReleaseStamp> {
  const row = await db
    .selectFrom('surveyReleases as rel')
    .innerJoin('surveyRounds as r', 'r.id', 'rel.roundId')
    .select((eb) => [eb.fn.countAll<number>().as('releases'), sql<string | null>`max(rel.released_at)::text`.as('last')])
    .where('r.surveyId', '=', surveyId)
    .executeTakeFirstOrThrow();
  return { releases: Number(row.releases), last: row.last };
}

/** Per round, how many cells were released and when the last was ("count|time"); rounds without any are absent. */
export async function roundStamps(db: Executor, roundIds: readonly string[]): Promise<Map<string, string>> {
  if (roundIds.length === 0) {
    return new Map();
  }
  const rows = await db
    .selectFrom('surveyReleases')
    .select((eb) => ['roundId', eb.fn.countAll<number>().as('n'), sql<string>`max(released_at)::text`.as('last')])
    .where('roundId', 'in', roundIds)
    .groupBy('roundId')
    .execute();
  return new Map(rows.map((r) => [r.roundId, `${Number(r.n)}|${r.last}`]));
}

/** Which cells have been released in which rounds of the survey. */
export async function releasedCells(db: Executor, surveyId: string): Promise<{ roundId: string; cellKey: string }[]> {
  return db
    .selectFrom('surveyReleases as rel')
    .innerJoin('surveyRounds as r', 'r.id', 'rel.roundId')
    .select(['rel.roundId', 'rel.cellKey'])
    .where('r.surveyId', '=', surveyId)
    .groupBy(['rel.roundId', 'rel.cellKey'])
    .execute();
}

/** The stored numbers of releases. */
export async function releasePayloads(db: Executor, ids: readonly string[]): Promise<Map<string, unknown>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db.selectFrom('surveyReleases').select(['id', 'payload']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.payload]));
}

/**
 * The stored form of a state key: a state lists every atom of the cell, far beyond what a unique
 * index accepts for a large cell, so the column holds its digest.
 */
export const storedStateKey = (stateKey: string) => createHash('sha256').update(stateKey).digest('hex');

export interface NewRelease {
  roundId: string;
  cellKey: string;
  stateKey: string;
  counts: Record<string, number>;
  payload: unknown;
}

/** Stores released cells, in order; a concurrent identical release is kept once. */
export async function insertReleases(db: Executor, rows: readonly NewRelease[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('surveyReleases')
      .values(
        rows.slice(i, i + 200).map((r) => ({
          id: newId(),
          roundId: r.roundId,
          cellKey: r.cellKey,
          stateKey: storedStateKey(r.stateKey),
          counts: JSON.stringify(r.counts),
          payload: JSON.stringify(r.payload),
          // The time of writing, not of the transaction's start: releases are written one at a time
          // under the survey's lock, so this orders them as they were committed.
          releasedAt: sql<Date>`clock_timestamp()`,
        })),
      )
      .onConflict((oc) => oc.columns(['roundId', 'cellKey', 'stateKey']).doNothing())
      .execute();
  }
}

/** An arbitrary constant naming the advisory locks of survey results. */
const RESULTS_LOCK = 740_215;

/** Serialises releasing cells of one survey (every round: rounds are compared) until the transaction ends. */
export async function lockSurveyResults(trx: Transaction<DB>, surveyId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(${RESULTS_LOCK}::integer, hashtext(${surveyId}))`.execute(trx);
}

/** Records that the viewer used a filter on the survey today; returns how many distinct ones they used today, when new. */
export async function recordFilterUse(db: Executor, surveyId: string, viewerId: string, filterKey: string): Promise<number | null> {
  const inserted = await db
    .insertInto('surveyFilterUses')
    .values({ surveyId, viewerId, filterKey })
    .onConflict((oc) => oc.doNothing())
    .returning('filterKey')
    .executeTakeFirst();
  if (!inserted) {
    return null;
  }
  const row = await db
    .selectFrom('surveyFilterUses')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('surveyId', '=', surveyId)
    .where('viewerId', '=', viewerId)
    .where('usedOn', '=', sql<string>`current_date`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** True when the audit log already flags the viewer's use of the survey today. */
export async function flaggedToday(db: Executor, orgId: string, viewerId: string, surveyId: string, action: string): Promise<boolean> {
  const row = await db
    .selectFrom('auditLog')
    .select('id')
    .where('orgId', '=', orgId)
    .where('actorId', '=', viewerId)
    .where('action', '=', action)
    .where('targetId', '=', surveyId)
    .where('createdAt', '>=', sql<Date>`current_date::timestamptz`)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Names of departments, teams, locations and people, by id. */
export async function namesOf(
  db: Executor,
  orgId: string,
  ids: { departments: readonly string[]; teams: readonly string[]; locations: readonly string[]; people: readonly string[] },
): Promise<{ departments: Map<string, string>; teams: Map<string, string>; locations: Map<string, string>; people: Map<string, string> }> {
  const load = async (table: 'departments' | 'teams' | 'locations' | 'users', list: readonly string[]) => {
    if (list.length === 0) {
      return new Map<string, string>();
    }
    const rows = await db
      .selectFrom(table)
      .select(['id', 'name'])
      .where('orgId', '=', orgId)
      .where('id', 'in', [...new Set(list)])
      .execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  };
  return {
    departments: await load('departments', ids.departments),
    teams: await load('teams', ids.teams),
    locations: await load('locations', ids.locations),
    people: await load('users', ids.people),
  };
}

/** The viewer's language preference. */
export async function viewerLocale(db: Executor, orgId: string, userId: string): Promise<string> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.orgId')
    .select(['u.locale', 'o.defaultLocale'])
    .where('u.orgId', '=', orgId)
    .where('u.id', '=', userId)
    .executeTakeFirst();
  return row?.locale ?? row?.defaultLocale ?? 'en';
}

/** A page of the surveys with at least one round, newest first; for a manager, those their line appears in. */
export async function resultSurveysPage(
  db: Executor,
  orgId: string,
  managerId: string | null,
  limit: number,
  after: { createdAt: Date; id: string } | undefined,
) {
  return db
    .selectFrom('surveys as s')
    .select((eb) => [
      's.id',
      's.kind',
      's.title',
      's.anonymity',
      's.status',
      's.createdAt',
      eb.selectFrom('surveyRounds as r').select(eb.fn.countAll<number>().as('n')).whereRef('r.surveyId', '=', 's.id').as('rounds'),
    ])
    .where('s.orgId', '=', orgId)
    .where((eb) => eb.exists(eb.selectFrom('surveyRounds as r').select('r.id').whereRef('r.surveyId', '=', 's.id')))
    .$if(managerId !== null, (qb) =>
      qb.where((eb) =>
        eb.exists(
          eb
            .selectFrom('surveyRoundNodes as n')
            .innerJoin('surveyRounds as r', 'r.id', 'n.roundId')
            .select('n.nodeId')
            .whereRef('r.surveyId', '=', 's.id')
            .where('n.kind', '=', 'line')
            .where(lineIncludes(managerId!)),
        ),
      ),
    )
    .$if(after !== undefined, (qb) =>
      qb.where(sql<SqlBool>`(s.created_at, s.id) < (${after!.createdAt.toISOString()}::timestamptz, ${after!.id}::uuid)`),
    )
    .orderBy('s.createdAt', 'desc')
    .orderBy('s.id', 'desc')
    .limit(limit + 1)
    .execute();
}

/** The newest round of each survey. */
export async function lastRounds(db: Executor, surveyIds: readonly string[]) {
  if (surveyIds.length === 0) {
    return [];
  }
  return db
    .selectFrom('surveyRounds')
    .distinctOn('surveyId')
    .select(['surveyId', 'id', 'number', 'closesAt', 'status'])
    .where('surveyId', 'in', surveyIds)
    .orderBy('surveyId')
    .orderBy('number', 'desc')
    .execute();
}

/** The SQL condition for sheets `s` in a cell, given the stored values each filter value covers. */
export interface SheetCell {
  departmentIds?: readonly string[];
  teamId?: string;
  lineIds?: readonly string[];
  locationId?: string;
}

function sheetsIn(c: SheetCell): Expression<SqlBool> {
  const parts = [sql<SqlBool>`true`];
  if (c.departmentIds) {
    parts.push(sql<SqlBool>`s.department_id = any(${[...c.departmentIds]}::uuid[])`);
  }
  if (c.teamId) {
    parts.push(sql<SqlBool>`s.team_id = ${c.teamId}::uuid`);
  }
  if (c.lineIds) {
    parts.push(sql<SqlBool>`s.line_id = any(${[...c.lineIds]}::uuid[])`);
  }
  if (c.locationId) {
    parts.push(sql<SqlBool>`s.location_id = ${c.locationId}::uuid`);
  }
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/** Escapes `%`, `_` and the escape character itself for a LIKE pattern. */
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A page of the open-text answers in a cell, in an order shuffled by `seed` (the same order on every
 * page for the same seed), after the order key `after`.
 */
export async function commentsPage(
  db: Executor,
  p: { roundId: string; questionIds: readonly string[]; cell: SheetCell; seed: string; search?: string; after?: string; limit: number },
): Promise<{ text: string; questionId: string; orderKey: string }[]> {
  if (p.questionIds.length === 0) {
    return [];
  }
  const orderKey = sql<string>`md5(a.sheet_id::text || ':' || a.question_id::text || ':' || ${p.seed})`;
  const { rows } = await sql<{ text: string; questionId: string; orderKey: string }>`
    select a.text, a.question_id, ${orderKey} as order_key
      from survey_answers a
      join survey_sheets s on s.id = a.sheet_id
     where s.round_id = ${p.roundId}
       and a.question_id = any(${[...p.questionIds]}::uuid[])
       and coalesce(btrim(a.text), '') <> ''
       and ${sheetsIn(p.cell)}
       ${p.search ? sql`and a.text ilike ${`%${likeEscape(p.search)}%`} escape '\\'` : sql``}
       ${p.after ? sql`and ${orderKey} > ${p.after}` : sql``}
     order by order_key
     limit ${p.limit + 1}
  `.execute(db);
  return rows;
}

/** A page of a round's attributed sheets with their owners, by name. */
export async function attributedSheetsPage(
  db: Executor,
  orgId: string,
  roundId: string,
  limit: number,
  after: { name: string; id: string } | undefined,
) {
  return db
    .selectFrom('surveySheets as s')
    .innerJoin('surveySheetOwners as o', 'o.sheetId', 's.id')
    .innerJoin('users as u', 'u.id', 'o.userId')
    .select(['s.id as sheetId', 'u.id', 'u.name'])
    .where('s.roundId', '=', roundId)
    .where('u.orgId', '=', orgId)
    .$if(after !== undefined, (qb) => qb.where(sql<SqlBool>`(u.name, u.id) > (${after!.name}, ${after!.id}::uuid)`))
    .orderBy('u.name')
    .orderBy('u.id')
    .limit(limit + 1)
    .execute();
}

export async function answersOfSheets(db: Executor, sheetIds: readonly string[]) {
  if (sheetIds.length === 0) {
    return [];
  }
  return db
    .selectFrom('surveyAnswers')
    .select(['sheetId', 'questionId', 'value', 'choices', 'text'])
    .where('sheetId', 'in', sheetIds)
    .execute();
}
