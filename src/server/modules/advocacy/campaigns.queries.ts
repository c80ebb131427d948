import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { CampaignGoalMetric } from '../../../shared/advocacy.js';
import type { CommsAudience } from '../../../shared/comms.js';
import { audienceReaches, type Reach } from './audience-check.js';

type Executor = Kysely<DB> | Transaction<DB>;

const COLUMNS = [
  'c.id',
  'c.name',
  'c.description',
  'c.hashtag',
  'c.goalMetric',
  'c.goal',
  'c.audience',
  'c.startsAt',
  'c.endsAt',
  'c.archivedAt',
  'c.createdAt',
] as const;

export type CampaignRow = NonNullable<Awaited<ReturnType<typeof campaignById>>>;

/** One campaign of the organisation, archived or not; locked for a change when asked. */
export async function campaignById(db: Executor, orgId: string, id: string, lock = false) {
  return db
    .selectFrom('shareCampaigns as c')
    .select(COLUMNS)
    .where('c.orgId', '=', orgId)
    .where('c.id', '=', id)
    .$if(lock, (qb) => qb.forUpdate())
    .executeTakeFirst();
}

/** Whether the campaign is not archived and its audience reaches the person. */
export async function campaignReaches(db: Executor, orgId: string, reach: Reach, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('shareCampaigns as c')
    .select('c.id')
    .where('c.orgId', '=', orgId)
    .where('c.id', '=', id)
    .where('c.archivedAt', 'is', null)
    .where(audienceReaches(reach, 'c.audience'))
    .executeTakeFirst();
  return row !== undefined;
}

export type After = { createdAt: Date; id: string } | undefined;

/**
 * A page of campaigns, newest first: current (not ended) or past (ended) or all; for a reader
 * (`reach` given) only those not archived that reach them, otherwise every one (archived ones only
 * with `all`). `limit + 1` rows.
 */
export async function campaignPage(
  db: Executor,
  orgId: string,
  f: { state: 'current' | 'past' | 'all'; reach: Reach | null; now: Date },
  limit: number,
  after: After,
) {
  return db
    .selectFrom('shareCampaigns as c')
    .select(COLUMNS)
    .where('c.orgId', '=', orgId)
    .$if(f.reach !== null, (qb) => qb.where('c.archivedAt', 'is', null).where(audienceReaches(f.reach!, 'c.audience')))
    .$if(f.reach === null && f.state !== 'all', (qb) => qb.where('c.archivedAt', 'is', null))
    .$if(f.state === 'current', (qb) => qb.where((eb) => eb.or([eb('c.endsAt', 'is', null), eb('c.endsAt', '>', f.now)])))
    .$if(f.state === 'past', (qb) => qb.where('c.endsAt', '<=', f.now))
    .$if(after !== undefined, (qb) => qb.where(sql<SqlBool>`(c.created_at, c.id) < (${after!.createdAt}, ${after!.id}::uuid)`))
    .orderBy('c.createdAt', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit + 1)
    .execute();
}

export interface Progress {
  shares: number;
  clicks: number;
  sharers: number;
  items: number;
}

/** Shares, clicks, distinct sharers and items (not archived) of a page of campaigns, in one query. */
export async function campaignProgress(db: Executor, orgId: string, ids: readonly string[]): Promise<Map<string, Progress>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await sql<{
    id: string;
    shares: string | number;
    sharers: string | number;
    clicks: string | number;
    items: string | number;
  }>`
    select c.id,
      s.shares as "shares", s.sharers as "sharers",
      (select count(*) from share_clicks k where k.campaign_id = c.id and k.org_id = ${orgId}) as "clicks",
      (select count(*) from share_items i where i.campaign_id = c.id and i.org_id = ${orgId} and i.archived_at is null) as "items"
    from share_campaigns c
    cross join lateral (
      select count(*) as shares, count(distinct user_id) as sharers from shares where campaign_id = c.id and org_id = ${orgId}
    ) s
    where c.org_id = ${orgId} and c.id = any(${[...ids]}::uuid[])`.execute(db);
  return new Map(
    rows.rows.map((r) => [
      r.id,
      { shares: Number(r.shares), clicks: Number(r.clicks), sharers: Number(r.sharers), items: Number(r.items) },
    ]),
  );
}

export interface CampaignValues {
  name: string;
  description: string;
  hashtag: string | null;
  goalMetric: CampaignGoalMetric;
  goal: number | null;
  audience: CommsAudience;
  startsAt: Date | null;
  endsAt: Date | null;
}

export async function insertCampaign(db: Executor, row: CampaignValues & { id: string; orgId: string; createdBy: string }): Promise<void> {
  await db
    .insertInto('shareCampaigns')
    .values({ ...row, audience: JSON.stringify(row.audience) })
    .execute();
}

export async function updateCampaign(db: Executor, orgId: string, id: string, changes: Partial<CampaignValues>): Promise<void> {
  const { audience, ...rest } = changes;
  await db
    .updateTable('shareCampaigns')
    .set({ ...rest, ...(audience !== undefined ? { audience: JSON.stringify(audience) } : {}), updatedAt: new Date() })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .execute();
}

/** Archives a campaign (its items keep it, and stop reaching anyone while it is archived). */
export async function archiveCampaign(db: Executor, orgId: string, id: string): Promise<void> {
  await db
    .updateTable('shareCampaigns')
    .set({ archivedAt: new Date(), updatedAt: new Date() })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .where('archivedAt', 'is', null)
    .execute();
}
