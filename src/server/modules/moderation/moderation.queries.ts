import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, ReportsTable } from '../../db/schema.js';
import { newId } from '../../platform/ids.js';

type Executor = Kysely<DB> | Transaction<DB>;

export type ReportStatus = 'open' | 'dismissed' | 'actioned';
export type ReportReason = ReportsTable['reason'];

/** The item a report is about: a post, or a comment (with its post). Reports on it share `coalesce(comment_id, post_id)`. */
export interface ReportedItem {
  postId: string;
  commentId: string | null;
}

const itemKey = sql<string>`coalesce(r.comment_id, r.post_id)`;

/** Records a report; returns null when this person already has an open report on the item. */
export async function insertReport(
  db: Executor,
  row: { orgId: string; reporterId: string; item: ReportedItem; communityId: string | null; reason: ReportReason; note: string | null },
): Promise<string | null> {
  const inserted = await db
    .insertInto('reports')
    .values({
      id: newId(),
      orgId: row.orgId,
      reporterId: row.reporterId,
      postId: row.item.postId,
      commentId: row.item.commentId,
      communityId: row.communityId,
      reason: row.reason,
      note: row.note,
    })
    // The only unique index is one open report per person and item.
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id ?? null;
}

/** A moderation queue page, newest first: the organisation's, or one community's. */
export async function queue(
  db: Executor,
  orgId: string,
  opts: { communityId: string | undefined; status: ReportStatus; limit: number; after: { createdAt: Date; id: string } | undefined },
) {
  return db
    .selectFrom('reports as r')
    .leftJoin('comments as c', 'c.id', 'r.commentId')
    .innerJoin('posts as p', (j) => j.on(sql`p.id`, '=', sql`coalesce(r.post_id, c.post_id)`))
    .innerJoin('users as au', (j) => j.on(sql`au.id`, '=', sql`coalesce(c.author_id, p.author_id)`))
    .leftJoin('users as ru', 'ru.id', 'r.reporterId')
    .leftJoin('users as rb', 'rb.id', 'r.resolvedBy')
    .leftJoin('communities as cm', 'cm.id', 'r.communityId')
    .select([
      'r.id',
      'r.reason',
      'r.note',
      'r.status',
      'r.createdAt',
      'r.resolvedAt',
      'r.resolutionNote',
      'r.reporterId',
      'ru.name as reporterName',
      'ru.photoKey as reporterPhotoKey',
      'r.resolvedBy',
      'rb.name as resolvedByName',
      'cm.id as communityId',
      'cm.name as communityName',
      'cm.slug as communitySlug',
      'p.id as postId',
      'c.id as commentId',
      'au.id as authorId',
      'au.name as authorName',
      'au.photoKey as authorPhotoKey',
      sql<string>`coalesce(c.body_html, p.body_html)`.as('html'),
      sql<string>`coalesce(c.body, p.body)`.as('body'),
      sql<Date>`coalesce(c.created_at, p.created_at)`.as('targetCreatedAt'),
      sql<Date | null>`case when c.id is not null then c.hidden_at else p.hidden_at end`.as('hiddenAt'),
      sql<string | null>`case when c.id is not null then c.hidden_reason else p.hidden_reason end`.as('hiddenReason'),
      sql<boolean>`(p.deleted_at is not null or c.deleted_at is not null)`.as('removed'),
      itemKey.as('itemKey'),
    ])
    .where('r.orgId', '=', orgId)
    .where('r.status', '=', opts.status)
    .$if(opts.communityId !== undefined, (qb) => qb.where('r.communityId', '=', opts.communityId!))
    .$if(opts.after !== undefined, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('r.createdAt', '<', opts.after!.createdAt),
          eb.and([eb('r.createdAt', '=', opts.after!.createdAt), eb('r.id', '<', opts.after!.id)]),
        ]),
      ),
    )
    .orderBy('r.createdAt', 'desc')
    .orderBy('r.id', 'desc')
    .limit(opts.limit + 1)
    .execute();
}

/** For each of these items, how many reports in this state give each reason (one query for a page). */
export async function reasonCounts(db: Executor, orgId: string, status: ReportStatus, itemKeys: readonly string[]) {
  if (itemKeys.length === 0) {
    return new Map<string, Record<string, number>>();
  }
  const rows = await db
    .selectFrom('reports as r')
    .select([itemKey.as('itemKey'), 'r.reason', (eb) => eb.fn.countAll<string>().as('n')])
    .where('r.orgId', '=', orgId)
    .where('r.status', '=', status)
    .where(itemKey, 'in', itemKeys)
    .groupBy([itemKey, 'r.reason'])
    .execute();
  const counts = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const entry = counts.get(r.itemKey) ?? {};
    entry[r.reason] = Number(r.n);
    counts.set(r.itemKey, entry);
  }
  return counts;
}

/** One report, with whether what it is about still exists undeleted. */
export async function findReport(db: Executor, orgId: string, id: string) {
  return db
    .selectFrom('reports as r')
    .leftJoin('comments as c', 'c.id', 'r.commentId')
    .leftJoin('posts as p', (j) => j.on(sql`p.id`, '=', sql`coalesce(r.post_id, c.post_id)`))
    .select([
      'r.id',
      'r.status',
      'r.postId',
      'r.commentId',
      'r.communityId',
      sql<boolean>`(p.deleted_at is not null or c.deleted_at is not null)`.as('removed'),
    ])
    .where('r.orgId', '=', orgId)
    .where('r.id', '=', id)
    .executeTakeFirst();
}

/** Closes every open report on an item; returns the ids closed. */
export async function closeReports(
  db: Executor,
  orgId: string,
  item: ReportedItem,
  resolution: { status: 'dismissed' | 'actioned'; by: string; note: string | null },
): Promise<string[]> {
  const rows = await db
    .updateTable('reports as r')
    .set({ status: resolution.status, resolvedBy: resolution.by, resolvedAt: new Date(), resolutionNote: resolution.note })
    .where('r.orgId', '=', orgId)
    .where('r.status', '=', 'open')
    .where(itemKey, '=', item.commentId ?? item.postId)
    .returning('r.id')
    .execute();
  return rows.map((r) => r.id);
}
