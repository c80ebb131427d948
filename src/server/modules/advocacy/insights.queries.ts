import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** What an insight looks at: an organisation's shares and clicks from `from` to `to` (days, UTC, both included), maybe one campaign's. */
export interface InsightScope {
  orgId: string;
  from: string;
  to: string;
  campaignId: string | null;
}

export interface DayNetworkCount {
  day: string;
  network: string;
  n: number;
}

/** Shares of the scope as `s`: the campaign is the item's when it was shared. */
function sharesCte(s: InsightScope): RawBuilder<unknown> {
  return sql`s as (
    select id, item_id, campaign_id, user_id, network, created_at from shares
    where org_id = ${s.orgId}
      and created_at >= ${s.from}::date::timestamp at time zone 'UTC'
      and created_at < (${s.to}::date + 1)::timestamp at time zone 'UTC'
      ${s.campaignId ? sql`and campaign_id = ${s.campaignId}` : sql``}
  )`;
}

/**
 * Clicks of the scope as `c`: one row per visitor, tracked link and day already. `day` alone decides
 * (rows written with a past day, as imports or demo data do, still count on that day).
 */
function clicksCte(s: InsightScope): RawBuilder<unknown> {
  return sql`c as (
    select item_id, campaign_id, user_id, network, day, visitor from share_clicks
    where org_id = ${s.orgId} and day >= ${s.from}::date and day <= ${s.to}::date
      ${s.campaignId ? sql`and campaign_id = ${s.campaignId}` : sql``}
  )`;
}

/** Shares per day (UTC) and network; days and networks without any are absent. */
export async function sharesByDayAndNetwork(db: Executor, s: InsightScope): Promise<DayNetworkCount[]> {
  const res = await sql<DayNetworkCount>`
    with ${sharesCte(s)}
    select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as day, network, count(*)::int as n
    from s group by 1, 2`.execute(db);
  return res.rows;
}

/** Clicks per day and network; days and networks without any are absent. */
export async function clicksByDayAndNetwork(db: Executor, s: InsightScope): Promise<DayNetworkCount[]> {
  const res = await sql<DayNetworkCount>`
    with ${clicksCte(s)}
    select to_char(day, 'YYYY-MM-DD') as day, network, count(*)::int as n
    from c group by 1, 2`.execute(db);
  return res.rows;
}

/**
 * The distinct counts of the scope: people who shared, visitors (a visitor hash is only
 * comparable within its day, so a visitor is a distinct day and hash), and the organisation's
 * active people.
 */
export async function distinctCounts(db: Executor, s: InsightScope): Promise<{ sharers: number; visitors: number; activePeople: number }> {
  const res = await sql<{ sharers: number; visitors: number; activePeople: number }>`
    with ${sharesCte(s)}, ${clicksCte(s)}
    select
      (select count(distinct user_id) from s)::int as sharers,
      (select count(*) from (select distinct day, visitor from c) v)::int as visitors,
      (select count(*) from users where org_id = ${s.orgId} and status = 'active')::int as active_people`.execute(db);
  return res.rows[0] ?? { sharers: 0, visitors: 0, activePeople: 0 };
}

export interface TopRow {
  id: string;
  name: string;
  shares: number;
  clicks: number;
}

/** The items shared or clicked most in the scope, by clicks then shares. */
export async function topItems(db: Executor, s: InsightScope, limit: number): Promise<TopRow[]> {
  const res = await sql<TopRow>`
    with ${sharesCte(s)}, ${clicksCte(s)},
      sc as (select item_id, count(*)::int as n from s group by item_id),
      cc as (select item_id, count(*)::int as n from c group by item_id)
    select i.id, i.title as name, coalesce(sc.n, 0)::int as shares, coalesce(cc.n, 0)::int as clicks
    from share_items i left join sc on sc.item_id = i.id left join cc on cc.item_id = i.id
    where i.org_id = ${s.orgId} and (sc.n is not null or cc.n is not null)
    order by clicks desc, shares desc, i.title, i.id
    limit ${limit}`.execute(db);
  return res.rows;
}

/** The campaigns whose items were shared or clicked most in the scope, by clicks then shares. */
export async function topCampaigns(db: Executor, s: InsightScope, limit: number): Promise<TopRow[]> {
  const res = await sql<TopRow>`
    with ${sharesCte(s)}, ${clicksCte(s)},
      sc as (select campaign_id, count(*)::int as n from s where campaign_id is not null group by campaign_id),
      cc as (select campaign_id, count(*)::int as n from c where campaign_id is not null group by campaign_id)
    select k.id, k.name, coalesce(sc.n, 0)::int as shares, coalesce(cc.n, 0)::int as clicks
    from share_campaigns k left join sc on sc.campaign_id = k.id left join cc on cc.campaign_id = k.id
    where k.org_id = ${s.orgId} and (sc.n is not null or cc.n is not null)
    order by clicks desc, shares desc, k.name, k.id
    limit ${limit}`.execute(db);
  return res.rows;
}

export interface DepartmentRow {
  id: string | null;
  name: string;
  people: number;
  sharers: number;
}

/** Active people per department (their own, not rolled up) and how many of them shared in the scope; no department is id null. */
export async function participationByDepartment(db: Executor, s: InsightScope): Promise<DepartmentRow[]> {
  const res = await sql<DepartmentRow>`
    with ${sharesCte(s)},
      sharer as (select distinct user_id from s)
    select u.department_id as id, coalesce(d.name, '') as name, count(*)::int as people, count(sharer.user_id)::int as sharers
    from users u
      left join departments d on d.id = u.department_id and d.org_id = ${s.orgId}
      left join sharer on sharer.user_id = u.id
    where u.org_id = ${s.orgId} and u.status = 'active'
    group by u.department_id, d.name
    order by (u.department_id is null), d.name, u.department_id`.execute(db);
  return res.rows;
}

/** True when the organisation has this campaign (archived ones too: their numbers still count). */
export async function campaignExists(db: Executor, orgId: string, id: string): Promise<boolean> {
  const row = await db.selectFrom('shareCampaigns').select('id').where('orgId', '=', orgId).where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}
