import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Leaderboard } from '../../../shared/recognition.js';

type Executor = Kysely<DB> | Transaction<DB>;

export interface BoardInput {
  orgId: string;
  board: Leaderboard;
  /** Kudos from this instant on; null for all time. */
  since: Date | null;
  departmentId: string | null;
  valueId: string | null;
  /** Countries (ISO codes, upper case) where points are off: their people are not ranked. */
  offCountries: readonly string[];
  limit: number;
  viewerId: string;
}

export interface BoardRow {
  userId: string;
  name: string;
  title: string | null;
  photoKey: string | null;
  points: number;
  kudos: number;
  rank: number;
  /** Position in the listing (ties broken by name), to cut the page. */
  n: number;
}

/**
 * One leaderboard in one statement: each person's points and kudos over the period, ranked among the
 * people who may appear on it (active, points on, not hidden), returning the first `limit` and the
 * viewer's own row wherever it falls. Points of the "given" board are what the giver's kudos brought
 * their recipients.
 */
export async function boardRows(db: Executor, q: BoardInput): Promise<BoardRow[]> {
  const since = q.since ? sql`and kr.created_at >= ${q.since}` : sql``;
  // A recipient row carries its kudos' time, so the received board reads the recipients alone unless a value is asked for.
  const totals =
    q.board === 'received'
      ? sql`select kr.user_id, sum(kr.points)::int as points, count(*)::int as kudos
          from kudos_recipients kr
          ${q.valueId ? sql`join kudos k on k.id = kr.kudos_id and k.value_id = ${q.valueId}` : sql``}
          where kr.org_id = ${q.orgId} ${since}
          group by kr.user_id`
      : sql`select k.giver_id as user_id, sum(g.points)::int as points, count(*)::int as kudos
          from kudos k
          cross join lateral (select coalesce(sum(kr.points), 0) as points from kudos_recipients kr where kr.kudos_id = k.id) g
          where k.org_id = ${q.orgId}
            ${q.since ? sql`and k.created_at >= ${q.since}` : sql``}
            ${q.valueId ? sql`and k.value_id = ${q.valueId}` : sql``}
          group by k.giver_id`;
  const r = await sql<BoardRow>`
    with totals as (${totals}),
    ranked as (
      select t.user_id, u.name, u.title, u.photo_key, t.points, t.kudos,
        rank() over (order by t.points desc, t.kudos desc)::int as rank,
        row_number() over (order by t.points desc, t.kudos desc, u.name, u.id)::int as n
      from totals t
      join users u on u.id = t.user_id
      where u.org_id = ${q.orgId} and u.status = 'active'
        ${q.departmentId ? sql`and u.department_id = ${q.departmentId}` : sql``}
        and not exists (select 1 from recognition_prefs p where p.user_id = u.id and p.hide_from_leaderboards)
        ${
          q.offCountries.length > 0
            ? sql`and not exists (select 1 from locations l where l.id = u.location_id and upper(l.country) = any(${[...q.offCountries]}::text[]))`
            : sql``
        }
    )
    select * from ranked where n <= ${q.limit} or user_id = ${q.viewerId} order by n`.execute(db);
  return r.rows;
}

/** Whether a department exists in the organisation. */
export async function departmentExists(db: Executor, orgId: string, id: string): Promise<boolean> {
  const row = await db.selectFrom('departments').select('id').where('orgId', '=', orgId).where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** Whether a team exists in the organisation. */
export async function teamExists(db: Executor, orgId: string, id: string): Promise<boolean> {
  const row = await db.selectFrom('teams').select('id').where('orgId', '=', orgId).where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** Whether a company value exists in the organisation (archived ones too: their kudos still count). */
export async function valueExists(db: Executor, orgId: string, id: string): Promise<boolean> {
  const row = await db.selectFrom('companyValues').select('id').where('orgId', '=', orgId).where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}
