import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { newId } from '../../platform/ids.js';
import { enqueue } from '../../platform/jobs.js';
import { generaliseAudience, roundNodes, type InvitedPerson, type Structure } from './anonymity/generalise.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Who a survey asks. Criteria add up (a person matching any of them is invited); `all` asks everyone.
 * Departments include their sub-departments; `lineOf` asks everyone who reports to that manager,
 * directly or not.
 */
export interface SurveyAudience {
  all?: boolean;
  departmentIds?: string[];
  teamIds?: string[];
  locationIds?: string[];
  lineOf?: string[];
}

export function parseAudience(raw: unknown): SurveyAudience {
  const a = (typeof raw === 'string' ? JSON.parse(raw) : raw) as SurveyAudience | null;
  const ids = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return {
    all: a?.all === true,
    departmentIds: ids(a?.departmentIds),
    teamIds: ids(a?.teamIds),
    locationIds: ids(a?.locationIds),
    lineOf: ids(a?.lineOf),
  };
}

/** Departments (with parents) and every person's manager, as they are now. */
export async function loadStructure(db: Executor, orgId: string): Promise<Structure> {
  const [departments, people] = await Promise.all([
    db.selectFrom('departments').select(['id', 'parentId']).where('orgId', '=', orgId).execute(),
    db.selectFrom('users').select(['id', 'managerId']).where('orgId', '=', orgId).execute(),
  ]);
  return {
    departmentParent: new Map(departments.map((d) => [d.id, d.parentId])),
    managerOf: new Map(people.map((p) => [p.id, p.managerId])),
  };
}

const below = (id: string, parentOf: ReadonlyMap<string, string | null>, roots: ReadonlySet<string>): boolean => {
  const seen = new Set<string>();
  let at: string | null = id;
  while (at && !seen.has(at)) {
    if (roots.has(at)) {
      return true;
    }
    seen.add(at);
    at = parentOf.get(at) ?? null;
  }
  return false;
};

/** The active people an audience names, now. */
export async function audiencePeople(
  db: Executor,
  orgId: string,
  audience: SurveyAudience,
  structure?: Structure,
): Promise<InvitedPerson[]> {
  const s = structure ?? (await loadStructure(db, orgId));
  const people = await db
    .selectFrom('users')
    .select(['id as userId', 'departmentId', 'teamId', 'locationId', 'managerId'])
    .where('orgId', '=', orgId)
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
  if (audience.all) {
    return people;
  }
  const departments = new Set(audience.departmentIds ?? []);
  const teams = new Set(audience.teamIds ?? []);
  const locations = new Set(audience.locationIds ?? []);
  const managers = new Set(audience.lineOf ?? []);
  return people.filter(
    (p) =>
      (p.departmentId !== null && departments.size > 0 && below(p.departmentId, s.departmentParent, departments)) ||
      (p.teamId !== null && teams.has(p.teamId)) ||
      (p.locationId !== null && locations.has(p.locationId)) ||
      (p.managerId !== null && managers.size > 0 && below(p.managerId, s.managerOf, managers)),
  );
}

/**
 * The questions of round `number` (1-based): every question not in the rotating pool, then
 * `rotateCount` pool questions taken in turn, so that successive rounds walk through the pool.
 */
export function roundQuestions(
  questions: ReadonlyArray<{ id: string; position: number; pool: boolean }>,
  number: number,
  rotateCount: number,
): string[] {
  const sorted = [...questions].sort((a, b) => a.position - b.position);
  const fixed = sorted.filter((q) => !q.pool).map((q) => q.id);
  const pool = sorted.filter((q) => q.pool).map((q) => q.id);
  if (pool.length === 0 || rotateCount <= 0) {
    return fixed;
  }
  const take = Math.min(rotateCount, pool.length);
  const start = ((number - 1) * take) % pool.length;
  const picked = Array.from({ length: take }, (_, i) => pool[(start + i) % pool.length]!);
  const order = new Map(sorted.map((q, i) => [q.id, i]));
  return [...fixed, ...picked].sort((a, b) => order.get(a)! - order.get(b)!);
}

/**
 * Opens the survey's next round at `now`: picks its questions, snapshots who is invited with the
 * stored group of each (see `generaliseAudience`) and the department and manager trees, and marks the
 * survey running. Returns the round and the people invited (to notify them).
 */
export async function openRound(
  trx: Executor,
  surveyId: string,
  now: Date,
  closesAt?: Date,
): Promise<{ roundId: string; number: number; userIds: string[] }> {
  const survey = await trx.selectFrom('surveys').selectAll().where('id', '=', surveyId).executeTakeFirstOrThrow();
  const [questions, last] = await Promise.all([
    trx.selectFrom('surveyQuestions').select(['id', 'position', 'pool']).where('surveyId', '=', surveyId).execute(),
    trx
      .selectFrom('surveyRounds')
      .select((eb) => eb.fn.max('number').as('n'))
      .where('surveyId', '=', surveyId)
      .executeTakeFirst(),
  ]);
  const number = Number(last?.n ?? 0) + 1;
  const structure = await loadStructure(trx, survey.orgId);
  const people = await audiencePeople(trx, survey.orgId, parseAudience(survey.audience), structure);
  const groups = generaliseAudience(people, structure, survey.threshold);
  const roundId = newId();
  await trx
    .insertInto('surveyRounds')
    .values({
      id: roundId,
      surveyId,
      orgId: survey.orgId,
      number,
      opensAt: now,
      closesAt: closesAt ?? new Date(now.getTime() + survey.roundDays * 86_400_000),
      questionIds: roundQuestions(questions, number, survey.rotateCount),
      threshold: survey.threshold,
      invited: people.length,
    })
    .execute();
  const rows = people.map((p) => {
    const g = groups.get(p.userId)!;
    return {
      roundId,
      userId: p.userId,
      departmentId: g.departmentId,
      teamId: g.teamId,
      lineId: g.lineId,
      locationId: g.locationId,
      groupSize: g.groupSize,
      answered: false,
    };
  });
  for (let i = 0; i < rows.length; i += 2000) {
    await trx
      .insertInto('surveyAudience')
      .values(rows.slice(i, i + 2000))
      .execute();
  }
  const nodes = roundNodes(groups.values(), structure).map((n) => ({ roundId, ...n }));
  for (let i = 0; i < nodes.length; i += 2000) {
    await trx
      .insertInto('surveyRoundNodes')
      .values(nodes.slice(i, i + 2000))
      .execute();
  }
  await trx.updateTable('surveys').set({ status: 'running', updatedAt: now }).where('id', '=', surveyId).execute();
  return { roundId, number, userIds: people.map((p) => p.userId) };
}

/**
 * Closes a round: no more answers, and who answered is forgotten (only the sheets remain). A job
 * written in the same transaction then releases the round's common views (`releaseCanonical`).
 */
export async function closeRound(trx: Executor, roundId: string): Promise<void> {
  await closeRounds(trx, [roundId]);
}

/** Closes several rounds at once (see `closeRound`). */
export async function closeRounds(trx: Executor, roundIds: readonly string[]): Promise<void> {
  if (roundIds.length === 0) {
    return;
  }
  await trx.updateTable('surveyRounds').set({ status: 'closed' }).where('id', 'in', roundIds).execute();
  await trx.updateTable('surveyAudience').set({ answered: null }).where('roundId', 'in', roundIds).execute();
  // A reminder went only to those who had not answered yet: once the round is over, it would keep
  // saying who answered late, so it goes too.
  await sql`delete from notifications
    where type = 'survey' and data->>'reminder' = 'true' and data->>'roundId' in (${sql.join(roundIds)})`.execute(trx);
  // The common views are released once the close has committed, in the order that favours them.
  for (const roundId of roundIds) {
    await enqueue(trx, null, 'listening.release', { roundId });
  }
}

/** A new answer sheet's id: random, so that ids carry no time or order. */
export const sheetId = (): string => randomUUID();
