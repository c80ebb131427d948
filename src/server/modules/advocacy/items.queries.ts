import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ShareItemKind, ShareItemState, ShareSuggestion } from '../../../shared/advocacy.js';
import { audienceReaches, type Reach } from './audience-check.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** An item with its campaign and what its post allows, in one query. */
function itemSelect(db: Executor, orgId: string) {
  return db
    .selectFrom('shareItems as i')
    .leftJoin('shareCampaigns as c', (j) => j.onRef('c.id', '=', 'i.campaignId').on('c.orgId', '=', orgId))
    .leftJoin('posts as p', (j) => j.onRef('p.id', '=', 'i.postId').on('p.orgId', '=', orgId))
    .leftJoin('communities as pc', 'pc.id', 'p.communityId')
    .select([
      'i.id',
      'i.orgId',
      'i.kind',
      'i.postId',
      'i.url',
      'i.title',
      'i.summary',
      'i.imageUrl',
      'i.suggestions',
      'i.campaignId',
      'i.startsAt',
      'i.endsAt',
      'i.archivedAt',
      'i.createdAt',
      'c.name as campaignName',
      'c.hashtag as campaignHashtag',
      'c.archivedAt as campaignArchivedAt',
      'c.audience as campaignAudience',
      'p.internalOnly as postInternalOnly',
      'p.deletedAt as postDeletedAt',
      'p.hiddenAt as postHiddenAt',
      'p.communityId as postCommunityId',
      'pc.visibility as postCommunityVisibility',
    ])
    .where('i.orgId', '=', orgId);
}

export type ItemRow = Awaited<ReturnType<ReturnType<typeof itemSelect>['executeTakeFirstOrThrow']>>;

/** SQL condition: the item's post (if any) may still leave the company. */
const postShareable: Expression<SqlBool> = sql<SqlBool>`(i.post_id is null or (p.deleted_at is null and p.hidden_at is null
  and not p.internal_only and (p.community_id is null or pc.visibility = 'public')))`;

/** SQL condition: the item is in this state at `now` (a deleted post's item counts as archived). */
function inState(state: ShareItemState, now: Date): Expression<SqlBool> {
  const archived = sql<SqlBool>`(i.archived_at is not null or (i.post_id is not null and p.deleted_at is not null))`;
  switch (state) {
    case 'archived':
      return archived;
    case 'scheduled':
      return sql<SqlBool>`(not ${archived} and i.starts_at > ${now})`;
    case 'expired':
      return sql<SqlBool>`(not ${archived} and i.ends_at is not null and i.ends_at <= ${now})`;
    case 'active':
      return sql<SqlBool>`(not ${archived} and i.starts_at <= ${now} and (i.ends_at is null or i.ends_at > ${now}))`;
  }
}

/** One item of the organisation, whatever its state (the service decides what the reader may see). */
export async function itemById(db: Executor, orgId: string, id: string, lock = false): Promise<ItemRow | undefined> {
  return itemSelect(db, orgId)
    .where('i.id', '=', id)
    .$if(lock, (qb) => qb.forUpdate('i'))
    .executeTakeFirst();
}

export type After = { startsAt: Date; id: string } | undefined;

const afterKey = (after: After) => sql<SqlBool>`(i.starts_at, i.id) < (${after!.startsAt}, ${after!.id}::uuid)`;

/**
 * A page of the items ready for this reader to share now, newest first: active, post still
 * shareable, campaign (if any) not archived and reaching the reader. `limit + 1` rows.
 */
export async function readyPage(
  db: Executor,
  orgId: string,
  reach: Reach,
  f: { campaignId?: string | undefined; now: Date },
  limit: number,
  after: After,
): Promise<ItemRow[]> {
  return readyQuery(db, orgId, reach, f, limit, after).execute();
}

/** The query of `readyPage`, to read its plan. */
export function readyQuery(
  db: Executor,
  orgId: string,
  reach: Reach,
  f: { campaignId?: string | undefined; now: Date },
  limit: number,
  after: After,
) {
  return itemSelect(db, orgId)
    .where('i.archivedAt', 'is', null)
    .where('i.startsAt', '<=', f.now)
    .where((eb) => eb.or([eb('i.endsAt', 'is', null), eb('i.endsAt', '>', f.now)]))
    .where(postShareable)
    .where(sql<SqlBool>`(i.campaign_id is null or (c.archived_at is null and ${audienceReaches(reach, 'c.audience')}))`)
    .$if(f.campaignId !== undefined, (qb) => qb.where('i.campaignId', '=', f.campaignId!))
    .$if(after !== undefined, (qb) => qb.where(afterKey(after)))
    .orderBy('i.startsAt', 'desc')
    .orderBy('i.id', 'desc')
    .limit(limit + 1);
}

/** Whether one item is in the reader's ready list now (for GET /items/:id). */
export async function isReadyFor(db: Executor, orgId: string, reach: Reach, id: string, now: Date): Promise<boolean> {
  const row = await itemSelect(db, orgId)
    .where('i.id', '=', id)
    .where('i.archivedAt', 'is', null)
    .where('i.startsAt', '<=', now)
    .where((eb) => eb.or([eb('i.endsAt', 'is', null), eb('i.endsAt', '>', now)]))
    .where(postShareable)
    .where(sql<SqlBool>`(i.campaign_id is null or (c.archived_at is null and ${audienceReaches(reach, 'c.audience')}))`)
    .executeTakeFirst();
  return row !== undefined;
}

/** A page of every item of the organisation in a state (or all), newest first, for communications staff. */
export async function managedPage(
  db: Executor,
  orgId: string,
  f: { state: ShareItemState | 'all'; campaignId?: string | undefined; now: Date },
  limit: number,
  after: After,
): Promise<ItemRow[]> {
  return itemSelect(db, orgId)
    .$if(f.state !== 'all', (qb) => qb.where(inState(f.state as ShareItemState, f.now)))
    .$if(f.campaignId !== undefined, (qb) => qb.where('i.campaignId', '=', f.campaignId!))
    .$if(after !== undefined, (qb) => qb.where(afterKey(after)))
    .orderBy('i.startsAt', 'desc')
    .orderBy('i.id', 'desc')
    .limit(limit + 1)
    .execute();
}

export interface ItemCounts {
  shares: number;
  clicks: number;
  myNetworks: string[];
}

/** Shares, clicks and the reader's own networks for a page of items, in one query. */
export async function itemCounts(db: Executor, orgId: string, userId: string, ids: readonly string[]): Promise<Map<string, ItemCounts>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await sql<{ id: string; shares: string | number; clicks: string | number; myNetworks: string[] | null }>`
    select i.id,
      (select count(*) from shares s where s.item_id = i.id and s.org_id = ${orgId}) as "shares",
      (select count(*) from share_clicks k where k.item_id = i.id and k.org_id = ${orgId}) as "clicks",
      (select array_agg(distinct s.network order by s.network) from shares s
        where s.item_id = i.id and s.org_id = ${orgId} and s.user_id = ${userId}) as "myNetworks"
    from share_items i
    where i.org_id = ${orgId} and i.id = any(${[...ids]}::uuid[])`.execute(db);
  return new Map(rows.rows.map((r) => [r.id, { shares: Number(r.shares), clicks: Number(r.clicks), myNetworks: r.myNetworks ?? [] }]));
}

/** What an item is made from: a post (with its article, if it is one) as the rules need it. */
export async function postSource(db: Executor, orgId: string, postId: string) {
  return db
    .selectFrom('posts as p')
    .leftJoin('communities as pc', 'pc.id', 'p.communityId')
    .leftJoin('articles as a', (j) => j.onRef('a.postId', '=', 'p.id').on('a.orgId', '=', orgId))
    .select([
      'p.id',
      'p.kind',
      'p.body',
      'p.title',
      'p.internalOnly',
      'p.deletedAt',
      'p.hiddenAt',
      'p.communityId',
      'pc.visibility as communityVisibility',
      'a.id as articleId',
      'a.title as articleTitle',
      'a.summary as articleSummary',
      'a.status as articleStatus',
      'a.coverKey as articleCoverKey',
    ])
    .where('p.orgId', '=', orgId)
    .where('p.id', '=', postId)
    .executeTakeFirst();
}

/** Whether the post already has an item not archived. */
export async function postHasItem(db: Executor, orgId: string, postId: string): Promise<boolean> {
  const row = await db
    .selectFrom('shareItems')
    .select('id')
    .where('orgId', '=', orgId)
    .where('postId', '=', postId)
    .where('archivedAt', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

export interface ItemValues {
  url: string | null;
  title: string;
  summary: string;
  imageUrl: string | null;
  suggestions: ShareSuggestion[];
  campaignId: string | null;
  startsAt: Date;
  endsAt: Date | null;
}

export async function insertItem(
  db: Executor,
  row: ItemValues & { id: string; orgId: string; kind: ShareItemKind; postId: string | null; createdBy: string },
): Promise<void> {
  await db
    .insertInto('shareItems')
    .values({ ...row, suggestions: JSON.stringify(row.suggestions) })
    .execute();
}

export async function updateItem(db: Executor, orgId: string, id: string, changes: Partial<ItemValues>): Promise<void> {
  const { suggestions, ...rest } = changes;
  await db
    .updateTable('shareItems')
    .set({ ...rest, ...(suggestions !== undefined ? { suggestions: JSON.stringify(suggestions) } : {}), updatedAt: new Date() })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .execute();
}

/** Archives one item; true when this call archived it. */
export async function archiveItem(db: Executor, orgId: string, id: string): Promise<boolean> {
  const res = await db
    .updateTable('shareItems')
    .set({ archivedAt: new Date(), updatedAt: new Date() })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .where('archivedAt', 'is', null)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

/** Archives every item of a post that is not archived yet; returns their ids. */
export async function archiveItemsOfPost(db: Executor, orgId: string, postId: string): Promise<string[]> {
  const rows = await db
    .updateTable('shareItems')
    .set({ archivedAt: new Date(), updatedAt: new Date() })
    .where('orgId', '=', orgId)
    .where('postId', '=', postId)
    .where('archivedAt', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** A campaign new items may join: of the organisation and not archived. */
export async function campaignForItems(db: Executor, orgId: string, id: string) {
  return db
    .selectFrom('shareCampaigns')
    .select(['id', 'startsAt', 'endsAt', 'archivedAt'])
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}
