import { sql, type Kysely, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Period } from '../../../shared/customers.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Which customer data counts for which unit. The company takes everything; teams and departments
 * take what belongs to their teams, given as (team, unit) pairs: a department's pairs name every team
 * in its subtree, so one team can count for several departments at once.
 */
export type UnitMap = { kind: 'company' } | { kind: 'teams'; pairs: readonly { teamId: string; unitId: string }[] };

/** The key every row of a company-wide query carries. */
export const COMPANY_UNIT = '';

export interface DepartmentRow {
  id: string;
  name: string;
  parentId: string | null;
}

export interface TeamRow {
  id: string;
  name: string;
  departmentId: string | null;
}

/** The organisation's departments and teams, as they are now. */
export async function orgStructure(db: Executor, orgId: string): Promise<{ departments: DepartmentRow[]; teams: TeamRow[] }> {
  const [departments, teams] = await Promise.all([
    db.selectFrom('departments').select(['id', 'name', 'parentId']).where('orgId', '=', orgId).execute(),
    db.selectFrom('teams').select(['id', 'name', 'departmentId']).where('orgId', '=', orgId).execute(),
  ]);
  return { departments, teams };
}

/** Names of teams or departments by id, in one statement. */
export async function unitNames(
  db: Executor,
  orgId: string,
  unit: 'team' | 'department',
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db
    .selectFrom(unit === 'team' ? 'teams' : 'departments')
    .select(['id', 'name'])
    .where('orgId', '=', orgId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A page of teams or departments by name, then id, after `after`. */
export async function unitsPage(
  db: Executor,
  orgId: string,
  unit: 'team' | 'department',
  limit: number,
  after: { name: string; id: string } | undefined,
): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom(unit === 'team' ? 'teams' : 'departments')
    .select(['id', 'name'])
    .where('orgId', '=', orgId)
    .$if(after !== undefined, (qb) => qb.where(sql<SqlBool>`(name, id) > (${after!.name}, ${after!.id}::uuid)`))
    .orderBy('name')
    .orderBy('id')
    .limit(limit + 1)
    .execute();
}

/** The period grouping of a timestamp column, in UTC, as the first day of the period ('YYYY-MM-DD'). */
export const periodStart = (period: Period, column: RawBuilder<unknown>) =>
  sql<string>`to_char(date_trunc(${sql.lit(period)}, ${column} at time zone 'UTC'), 'YYYY-MM-DD')`;

const teamArrays = (pairs: readonly { teamId: string; unitId: string }[]) =>
  sql`unnest(${pairs.map((p) => p.teamId)}::uuid[], ${pairs.map((p) => p.unitId)}::uuid[]) as m(team_id, unit_id)`;

/** The accounts of each unit (distinct), as `au(account_id, unit_id)`. */
function accountUnits(orgId: string, units: UnitMap) {
  return units.kind === 'company'
    ? sql`select a.id as account_id, ${COMPANY_UNIT}::text as unit_id from customer_accounts a where a.org_id = ${orgId}`
    : sql`select distinct cat.account_id, m.unit_id::text as unit_id
            from customer_account_teams cat
            join ${teamArrays(units.pairs)} on m.team_id = cat.team_id
           where cat.org_id = ${orgId}`;
}

const emptyMap = (units: UnitMap) => units.kind === 'teams' && units.pairs.length === 0;

export interface ScoreRow {
  unitId: string;
  start: string;
  kind: 'nps' | 'csat';
  score: number;
  n: number;
}

/**
 * Customer answers received in [from, to) counted by unit, period, kind and score (a histogram, from
 * which NPS and CSAT follow). An answer belongs to a unit through the team it was given about.
 */
export async function feedbackByPeriod(
  db: Executor,
  orgId: string,
  units: UnitMap,
  period: Period,
  from: Date,
  to: Date,
): Promise<ScoreRow[]> {
  if (emptyMap(units)) {
    return [];
  }
  const unit = units.kind === 'company' ? sql`${COMPANY_UNIT}::text` : sql`m.unit_id::text`;
  const join = units.kind === 'company' ? sql`` : sql`join ${teamArrays(units.pairs)} on m.team_id = f.team_id`;
  const { rows } = await sql<{ unitId: string; start: string; kind: 'nps' | 'csat'; score: number; n: string | number }>`
    select ${unit} as unit_id, ${periodStart(period, sql`f.received_at`)} as start, f.kind, f.score, count(*) as n
      from customer_feedback f ${join}
     where f.org_id = ${orgId} and f.received_at >= ${from.toISOString()}::timestamptz and f.received_at < ${to.toISOString()}::timestamptz
     group by 1, 2, 3, 4
  `.execute(db);
  return rows.map((r) => ({ ...r, score: Number(r.score), n: Number(r.n) }));
}

export interface AccountRow {
  unitId: string;
  /** The window's start as given ('YYYY-MM-DD'). */
  start: string;
  atStart: number;
  lost: number;
}

/**
 * For each unit and window [start, end): the accounts that were customers when it began (customer
 * since before the start, not lost before it) and how many of those were lost within it.
 */
export async function accountsInWindows(
  db: Executor,
  orgId: string,
  units: UnitMap,
  windows: readonly { start: Date; end: Date }[],
): Promise<AccountRow[]> {
  if (emptyMap(units) || windows.length === 0) {
    return [];
  }
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const { rows } = await sql<{ unitId: string; start: string; atStart: string | number; lost: string | number }>`
    with au as (${accountUnits(orgId, units)})
    select au.unit_id, to_char(w.s, 'YYYY-MM-DD') as start, count(*) as at_start,
           count(*) filter (where a.lost_on < w.e) as lost
      from unnest(${windows.map((w) => day(w.start))}::date[], ${windows.map((w) => day(w.end))}::date[]) as w(s, e)
      join customer_accounts a on a.customer_since < w.s and (a.lost_on is null or a.lost_on >= w.s)
      join au on au.account_id = a.id
     where a.org_id = ${orgId}
     group by 1, 2
  `.execute(db);
  return rows.map((r) => ({ unitId: r.unitId, start: r.start, atStart: Number(r.atStart), lost: Number(r.lost) }));
}

export interface InteractionRow {
  unitId: string;
  start: string;
  count: number;
  accounts: number;
  repeatAccounts: number;
}

/**
 * Interactions logged in [from, to) with the accounts each unit serves, by unit and period: how many,
 * with how many accounts, and how many of those accounts had two or more.
 */
export async function interactionsByPeriod(
  db: Executor,
  orgId: string,
  units: UnitMap,
  period: Period,
  from: Date,
  to: Date,
): Promise<InteractionRow[]> {
  if (emptyMap(units)) {
    return [];
  }
  const { rows } = await sql<{
    unitId: string;
    start: string;
    count: string | number;
    accounts: string | number;
    repeatAccounts: string | number;
  }>`
    with au as (${accountUnits(orgId, units)}),
    per as (
      select au.unit_id, ${periodStart(period, sql`i.occurred_at`)} as start, i.account_id, count(*) as n
        from customer_interactions i
        join au on au.account_id = i.account_id
       where i.org_id = ${orgId} and i.occurred_at >= ${from.toISOString()}::timestamptz and i.occurred_at < ${to.toISOString()}::timestamptz
       group by 1, 2, 3
    )
    select unit_id, start, sum(n) as count, count(*) as accounts, count(*) filter (where n >= 2) as repeat_accounts
      from per
     group by 1, 2
  `.execute(db);
  return rows.map((r) => ({
    unitId: r.unitId,
    start: r.start,
    count: Number(r.count),
    accounts: Number(r.accounts),
    repeatAccounts: Number(r.repeatAccounts),
  }));
}
