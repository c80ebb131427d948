import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ShareNetwork } from '../../../shared/advocacy.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** An item as sharing needs it: its dates, its campaign, and for a post where it lives and whether it may leave. */
export async function itemForShare(db: Executor, orgId: string, itemId: string) {
  return db
    .selectFrom('shareItems as i')
    .leftJoin('shareCampaigns as c', (j) => j.onRef('c.id', '=', 'i.campaignId').on('c.orgId', '=', orgId))
    .leftJoin('posts as p', (j) => j.onRef('p.id', '=', 'i.postId').on('p.orgId', '=', orgId))
    .leftJoin('communities as cm', 'cm.id', 'p.communityId')
    .select([
      'i.id',
      'i.kind',
      'i.postId',
      'i.title',
      'i.campaignId',
      'i.startsAt',
      'i.endsAt',
      'i.archivedAt',
      'c.audience as campaignAudience',
      'c.archivedAt as campaignArchivedAt',
      'p.id as foundPostId',
      'p.deletedAt as postDeletedAt',
      'p.hiddenAt as postHiddenAt',
      'p.internalOnly',
      'cm.visibility as communityVisibility',
    ])
    .where('i.orgId', '=', orgId)
    .where('i.id', '=', itemId)
    .executeTakeFirst();
}
export type ItemForShare = NonNullable<Awaited<ReturnType<typeof itemForShare>>>;

/** The person's tracked link for an item and network, if they have one. */
export function findLink(db: Executor, orgId: string, itemId: string, userId: string, network: ShareNetwork) {
  return db
    .selectFrom('shareLinks')
    .select(['id', 'code'])
    .where('orgId', '=', orgId)
    .where('itemId', '=', itemId)
    .where('userId', '=', userId)
    .where('network', '=', network)
    .executeTakeFirst();
}

/**
 * Inserts a tracked link; undefined when a unique index refused it (the same link made at the same
 * moment, or the rare code already taken) — without an error, so that the transaction goes on.
 */
export function insertLink(
  db: Executor,
  row: { id: string; orgId: string; code: string; itemId: string; userId: string; network: ShareNetwork },
) {
  return db
    .insertInto('shareLinks')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returning(['id', 'code'])
    .executeTakeFirst();
}

export async function insertShare(
  db: Executor,
  row: { id: string; orgId: string; itemId: string; campaignId: string | null; userId: string; network: ShareNetwork; linkId: string },
): Promise<void> {
  await db.insertInto('shares').values(row).execute();
}

/**
 * A tracked link by its code, with what its redirect needs. Codes are unique across the instance: the
 * organisation comes from the row (and is then checked against the host).
 */
export function linkByCode(db: Executor, code: string) {
  return db
    .selectFrom('shareLinks as l')
    .innerJoin('shareItems as i', (j) => j.onRef('i.id', '=', 'l.itemId').onRef('i.orgId', '=', 'l.orgId'))
    .leftJoin('shareCampaigns as c', (j) => j.onRef('c.id', '=', 'i.campaignId').onRef('c.orgId', '=', 'i.orgId'))
    .leftJoin('posts as p', (j) => j.onRef('p.id', '=', 'i.postId').onRef('p.orgId', '=', 'i.orgId'))
    .select([
      'l.id as linkId',
      'l.orgId',
      'l.itemId',
      'l.userId',
      'l.network',
      'i.kind',
      'i.url',
      'i.campaignId',
      'i.archivedAt',
      'c.hashtag',
      'p.internalOnly',
      'p.deletedAt as postDeletedAt',
    ])
    .where('l.code', '=', code)
    .executeTakeFirst();
}

/** A post or article item with what its public page shows: never the author, comments or anything else internal. */
export function publicItem(db: Executor, itemId: string) {
  return db
    .selectFrom('shareItems as i')
    .innerJoin('posts as p', (j) => j.onRef('p.id', '=', 'i.postId').onRef('p.orgId', '=', 'i.orgId'))
    .innerJoin('orgs as o', 'o.id', 'i.orgId')
    .leftJoin('communities as cm', 'cm.id', 'p.communityId')
    .select([
      'i.id',
      'i.orgId',
      'i.kind',
      'i.title',
      'i.summary',
      'i.imageUrl',
      'i.archivedAt',
      'p.body',
      'p.bodyHtml',
      'p.lang',
      'p.internalOnly',
      'p.deletedAt',
      'p.hiddenAt',
      'cm.visibility as communityVisibility',
      'o.name as orgName',
      'o.defaultLocale',
    ])
    .where('i.id', '=', itemId)
    .where('i.kind', 'in', ['post', 'article'])
    .executeTakeFirst();
}
