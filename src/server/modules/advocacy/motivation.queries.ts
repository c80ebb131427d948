import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

// ---------------------------------------------------------------- guidelines

/** When the person accepted this version of the guidelines, if they did. */
export async function acceptedAt(db: Executor, orgId: string, userId: string, version: number): Promise<Date | null> {
  const row = await db
    .selectFrom('guidelineAcceptances')
    .select('acceptedAt')
    .where('orgId', '=', orgId)
    .where('userId', '=', userId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row?.acceptedAt ?? null;
}

/** Records an acceptance; accepting the same version again keeps the first time. */
export async function insertAcceptance(db: Executor, orgId: string, userId: string, version: number): Promise<void> {
  await db
    .insertInto('guidelineAcceptances')
    .values({ orgId, userId, version })
    .onConflict((oc) => oc.columns(['userId', 'version']).doNothing())
    .execute();
}

/** The current guidelines version of the organisation and whether the person accepted it, in one query. */
export async function guidelinesState(db: Executor, orgId: string, userId: string): Promise<{ version: number; accepted: boolean }> {
  const r = await sql<{ version: number; accepted: boolean }>`
    with v as (select coalesce((select guidelines_version from advocacy_settings where org_id = ${orgId}), 1) as version)
    select v.version, exists (
      select 1 from guideline_acceptances a where a.org_id = ${orgId} and a.user_id = ${userId} and a.version = v.version
    ) as accepted
    from v`.execute(db);
  return r.rows[0]!;
}

// ---------------------------------------------------------------- preferences

export async function hideFromLeaderboard(db: Executor, orgId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('advocacyPrefs')
    .select('hideFromLeaderboard')
    .where('orgId', '=', orgId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return row?.hideFromLeaderboard ?? false;
}

export async function saveHideFromLeaderboard(db: Executor, orgId: string, userId: string, hide: boolean): Promise<void> {
  await db
    .insertInto('advocacyPrefs')
    .values({ orgId, userId, hideFromLeaderboard: hide })
    .onConflict((oc) => oc.column('userId').doUpdateSet({ hideFromLeaderboard: hide, updatedAt: new Date() }))
    .execute();
}

// ---------------------------------------------------------------- points

/** Whether the person shared this item to this network before, in a share other than this one. */
export async function sharedBefore(
  db: Executor,
  orgId: string,
  share: { id: string; userId: string; itemId: string; network: string },
): Promise<boolean> {
  const row = await db
    .selectFrom('shares')
    .select('id')
    .where('orgId', '=', orgId)
    .where('userId', '=', share.userId)
    .where('itemId', '=', share.itemId)
    .where('network', '=', share.network)
    .where('id', '<>', share.id)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Points the person earned by sharing since this instant (the start of the week). */
export async function sharePointsSince(db: Executor, orgId: string, userId: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('pointsLedger')
    .select(sql<number>`coalesce(sum(delta), 0)::int`.as('points'))
    .where('orgId', '=', orgId)
    .where('userId', '=', userId)
    .where('reason', '=', 'share')
    .where('account', '=', 'received')
    .where('createdAt', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.points);
}

export async function setSharePoints(db: Executor, orgId: string, shareId: string, points: number): Promise<void> {
  await db.updateTable('shares').set({ points }).where('orgId', '=', orgId).where('id', '=', shareId).execute();
}

// ---------------------------------------------------------------- one's own advocacy

/** A person's shares, the clicks their links brought and the visitors (a visitor per day), over all time. */
export async function totalsOf(db: Executor, orgId: string, userId: string): Promise<{ shares: number; clicks: number; visitors: number }> {
  const r = await sql<{ shares: number; clicks: number; visitors: number }>`
    select
      (select count(*) from shares where org_id = ${orgId} and user_id = ${userId})::int as shares,
      c.clicks, c.visitors
    from (
      select count(*)::int as clicks, count(distinct (day, visitor))::int as visitors
      from share_clicks where org_id = ${orgId} and user_id = ${userId}
    ) c`.execute(db);
  const row = r.rows[0]!;
  return { shares: Number(row.shares), clicks: Number(row.clicks), visitors: Number(row.visitors) };
}

/** People (by organisation) whose tracked links were clicked since this instant, for the reach badges. */
export async function peopleClickedSince(db: Executor, since: Date): Promise<{ orgId: string; userId: string }[]> {
  return db
    .selectFrom('shareClicks')
    .select(['orgId', 'userId'])
    .distinct()
    .where('createdAt', '>=', since)
    .orderBy('orgId')
    .orderBy('userId')
    .execute();
}

// ---------------------------------------------------------------- leaderboard

export interface AdvocacyBoardRow {
  userId: string;
  name: string;
  photoKey: string | null;
  shares: number;
  clicks: number;
  /** 0 for the viewer when they are not ranked (they left the board). */
  rank: number;
  /** Position in the listing (ties broken by name), to cut the page; 0 for an unranked viewer. */
  n: number;
}

/**
 * The advocacy leaderboard in one statement: shares and clicks of each person since `since` (all time
 * when null), ranked among active people who did not leave the board, by shares then clicks; the
 * first `limit` rows and the viewer's own row wherever it falls (rank 0 when they are not ranked).
 */
export async function boardRows(
  db: Executor,
  q: { orgId: string; since: Date | null; limit: number; viewerId: string },
): Promise<AdvocacyBoardRow[]> {
  const sharesSince = q.since ? sql`and created_at >= ${q.since}` : sql``;
  const r = await sql<AdvocacyBoardRow>`
    with s as (
      select user_id, count(*)::int as shares from shares where org_id = ${q.orgId} ${sharesSince} group by user_id
    ), c as (
      select user_id, count(*)::int as clicks from share_clicks where org_id = ${q.orgId} ${sharesSince} group by user_id
    ), totals as (
      select coalesce(s.user_id, c.user_id) as user_id, coalesce(s.shares, 0) as shares, coalesce(c.clicks, 0) as clicks
      from s full join c on c.user_id = s.user_id
    ), ranked as (
      select t.user_id, u.name, u.photo_key, t.shares, t.clicks,
        rank() over (order by t.shares desc, t.clicks desc)::int as rank,
        row_number() over (order by t.shares desc, t.clicks desc, u.name, u.id)::int as n
      from totals t
      join users u on u.id = t.user_id
      where u.org_id = ${q.orgId} and u.status = 'active'
        and not exists (select 1 from advocacy_prefs p where p.user_id = u.id and p.hide_from_leaderboard)
    )
    select user_id as "userId", name, photo_key as "photoKey", shares, clicks, rank, n
    from ranked where n <= ${q.limit} or user_id = ${q.viewerId}
    union all
    select u.id, u.name, u.photo_key, coalesce(t.shares, 0), coalesce(t.clicks, 0), 0, 0
    from users u left join totals t on t.user_id = u.id
    where u.org_id = ${q.orgId} and u.id = ${q.viewerId} and not exists (select 1 from ranked r where r.user_id = u.id)
    order by n`.execute(db);
  return r.rows;
}
