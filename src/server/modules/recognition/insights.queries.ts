import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** Whose recognition an insight looks at: everyone, or a manager's reports; optionally one department or team of them. */
export interface Scope {
  orgId: string;
  /** Only the people who report to this person, directly or through others. */
  managerId: string | null;
  departmentId: string | null;
  teamId: string | null;
}

/** Kudos given from `from` (included) to `to` (excluded). */
export interface Range {
  from: Date;
  to: Date;
}

/**
 * The people in scope as a `scope (id, department_id, status)` CTE, opening a `with recursive` list
 * that the caller continues. A manager's reports follow `users.manager_id` down; `union` drops rows
 * already reached, so even a cycle in the reporting lines ends.
 */
function scopeCtes(s: Scope): RawBuilder<unknown> {
  const placed = sql`${s.departmentId ? sql`and u.department_id = ${s.departmentId}` : sql``}
    ${s.teamId ? sql`and u.team_id = ${s.teamId}` : sql``}`;
  if (s.managerId) {
    return sql`with recursive reports(id) as (
        select id from users where org_id = ${s.orgId} and manager_id = ${s.managerId}
        union
        select u.id from users u join reports r on u.manager_id = r.id where u.org_id = ${s.orgId}
      ),
      scope as (
        select u.id, u.department_id, u.status from users u join reports r on r.id = u.id
        where u.org_id = ${s.orgId} and u.id <> ${s.managerId} ${placed}
      )`;
  }
  return sql`with recursive scope as (
      select u.id, u.department_id, u.status from users u where u.org_id = ${s.orgId} ${placed}
    )`;
}

/** The kudos-recipient pairs of the range whose recipient is in scope (continues `scopeCtes`). */
const receiptsCte = (s: Scope, r: Range) => sql`receipts as (
    select kr.kudos_id, kr.user_id, kr.points, k.created_at, k.value_id, k.giver_id
    from kudos k join kudos_recipients kr on kr.kudos_id = k.id
    where k.org_id = ${s.orgId} and kr.org_id = ${s.orgId} and k.created_at >= ${r.from} and k.created_at < ${r.to}
      and kr.user_id in (select id from scope)
  )`;

/** Kudos received by people in scope and the points they brought, per ISO week (its Monday, UTC). */
export async function volumeByWeek(db: Executor, s: Scope, r: Range): Promise<{ week: string; kudos: number; points: number }[]> {
  const res = await sql<{ week: string; kudos: number; points: number }>`
    ${scopeCtes(s)}, ${receiptsCte(s, r)}
    select to_char(date_trunc('week', created_at at time zone 'UTC'), 'YYYY-MM-DD') as week,
      count(distinct kudos_id)::int as kudos, coalesce(sum(points), 0)::int as points
    from receipts group by 1 order by 1`.execute(db);
  return res.rows;
}

/** The totals of the same kudos: how many, their points, how many gave them and how many in scope received. */
export async function totals(
  db: Executor,
  s: Scope,
  r: Range,
): Promise<{ kudos: number; points: number; givers: number; receivers: number }> {
  const res = await sql<{ kudos: number; points: number; givers: number; receivers: number }>`
    ${scopeCtes(s)}, ${receiptsCte(s, r)}
    select count(distinct kudos_id)::int as kudos, coalesce(sum(points), 0)::int as points,
      count(distinct giver_id)::int as givers, count(distinct user_id)::int as receivers
    from receipts`.execute(db);
  return res.rows[0] ?? { kudos: 0, points: 0, givers: 0, receivers: 0 };
}

export interface ValueCount {
  id: string | null;
  name: string | null;
  description: string | null;
  emoji: string | null;
  count: number;
}

/**
 * Kudos received by people in scope per company value, with the kudos that carry none (id null). The
 * active values nobody was thanked for come with 0, so that a quiet value shows.
 */
export async function valueCounts(db: Executor, s: Scope, r: Range): Promise<ValueCount[]> {
  const res = await sql<ValueCount>`
    ${scopeCtes(s)}, ${receiptsCte(s, r)},
    counted as (select value_id, count(distinct kudos_id)::int as count from receipts group by value_id)
    select v.id, v.name, v.description, v.emoji, coalesce(c.count, 0)::int as count
    from company_values v left join counted c on c.value_id = v.id
    where v.org_id = ${s.orgId} and (v.archived_at is null or c.count is not null)
    union all
    select null, null, null, null, c.count from counted c where c.value_id is null
    order by count desc, name nulls last`.execute(db);
  return res.rows;
}

/**
 * Kudos of the range between departments, where the giver or a recipient is in scope: one link per
 * (giver's department, recipient's department) with the number of kudos. People placed in no
 * department cannot be drawn and are left out.
 */
export async function flowLinks(db: Executor, s: Scope, r: Range): Promise<{ source: string; target: string; count: number }[]> {
  const res = await sql<{ source: string; target: string; count: number }>`
    ${scopeCtes(s)},
    pairs as (
      select distinct k.id, g.department_id as source, u.department_id as target
      from kudos k
      join kudos_recipients kr on kr.kudos_id = k.id
      join users g on g.id = k.giver_id
      join users u on u.id = kr.user_id
      where k.org_id = ${s.orgId} and kr.org_id = ${s.orgId} and k.created_at >= ${r.from} and k.created_at < ${r.to}
        and (kr.user_id in (select id from scope) or k.giver_id in (select id from scope))
        and g.department_id is not null and u.department_id is not null
    )
    select source, target, count(*)::int as count from pairs group by source, target
    order by count desc, source, target`.execute(db);
  return res.rows;
}

/** The departments with active people in scope or among `linked`, each with its number of active people. */
export async function flowNodes(
  db: Executor,
  s: Scope,
  linked: readonly string[],
): Promise<{ id: string; name: string; people: number }[]> {
  const res = await sql<{ id: string; name: string; people: number }>`
    ${scopeCtes(s)},
    shown as (
      select department_id as id from scope where status = 'active' and department_id is not null
      union
      select unnest(${[...linked]}::uuid[])
    ),
    headcount as (
      select department_id as id, count(*)::int as people from users
      where org_id = ${s.orgId} and status = 'active' and department_id in (select id from shown)
      group by department_id
    )
    select d.id, d.name, coalesce(h.people, 0)::int as people
    from departments d left join headcount h on h.id = d.id
    where d.org_id = ${s.orgId} and d.id in (select id from shown)
    order by d.name, d.id`.execute(db);
  return res.rows;
}

/** Where a page of the "not recognised lately" list starts: after this person. */
export interface UnrecognisedKey {
  /** When they were last recognised, in microseconds since the epoch (the database's precision); null: never. */
  lastUs: number | null;
  name: string;
  id: string;
}

export interface UnrecognisedRow {
  id: string;
  name: string;
  title: string | null;
  photoKey: string | null;
  department: string | null;
  lastRecognisedAt: Date | null;
  lastUs: number | null;
}

/**
 * Active people in scope who received no kudos since `cutoff`, with when they last did (null:
 * never), never-recognised first, then the longest without, then by name. Each person's last kudos is
 * read from the recipients index, newest first, so this costs one index probe per person in scope.
 */
export async function unrecognised(
  db: Executor,
  s: Scope,
  cutoff: Date,
  after: UnrecognisedKey | undefined,
  limit: number,
): Promise<UnrecognisedRow[]> {
  let page: RawBuilder<unknown> = sql``;
  if (after?.lastUs === null) {
    page = sql`and (x.last_us is not null or (x.name, x.id) > (${after.name}, ${after.id}::uuid))`;
  } else if (after) {
    page = sql`and x.last_us is not null and (x.last_us, x.name, x.id) > (${after.lastUs}::int8, ${after.name}, ${after.id}::uuid)`;
  }
  const res = await sql<UnrecognisedRow>`
    ${scopeCtes(s)},
    x as (
      select u.id, u.name, u.title, u.photo_key, d.name as department, l.at as last_recognised_at,
        (extract(epoch from l.at) * 1000000)::int8 as last_us
      from scope
      join users u on u.id = scope.id
      left join departments d on d.id = u.department_id
      cross join lateral (select max(kr.created_at) as at from kudos_recipients kr where kr.user_id = u.id) l
      where scope.status = 'active'
    )
    select * from x
    where (x.last_us is null or x.last_recognised_at < ${cutoff}) ${page}
    order by x.last_us asc nulls first, x.name, x.id
    limit ${limit + 1}`.execute(db);
  return res.rows;
}
