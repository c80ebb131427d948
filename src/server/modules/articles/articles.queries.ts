import { sql, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { ArticlesTable, DB } from '../../db/schema.js';
import type { ArticleStatus } from '../../../shared/comms.js';

type Executor = Kysely<DB> | Transaction<DB>;

export interface NewArticleRow {
  id: string;
  orgId: string;
  authorId: string;
  communityId: string | null;
  title: string;
  summary: string;
  body: string;
  coverKey: string | null;
  readingMinutes: number;
}

export async function insertArticle(db: Executor, row: NewArticleRow): Promise<void> {
  await db
    .insertInto('articles')
    .values({ ...row, createdAt: new Date(), updatedAt: new Date() })
    .execute();
}

/** One article with its author and community; `lock` holds it until the transaction ends. */
export async function articleRow(db: Executor, orgId: string, id: string, lock = false) {
  return db
    .selectFrom('articles as a')
    .innerJoin('users as u', 'u.id', 'a.authorId')
    .leftJoin('communities as c', 'c.id', 'a.communityId')
    .select([
      'a.id',
      'a.authorId',
      'a.communityId',
      'a.title',
      'a.summary',
      'a.body',
      'a.coverKey',
      'a.status',
      'a.publishAt',
      'a.unpublishAt',
      'a.publishedAt',
      'a.postId',
      'a.readingMinutes',
      'a.createdAt',
      'a.updatedAt',
      'u.name as authorName',
      'u.title as authorTitle',
      'u.photoKey as authorPhotoKey',
      'c.name as communityName',
      'c.slug as communitySlug',
      'c.visibility as communityVisibility',
    ])
    .where('a.orgId', '=', orgId)
    .where('a.id', '=', id)
    .$if(lock, (qb) => qb.forUpdate('a'))
    .executeTakeFirst();
}

export type ArticleRow = NonNullable<Awaited<ReturnType<typeof articleRow>>>;

export async function updateArticle(
  db: Executor,
  orgId: string,
  id: string,
  patch: Omit<Updateable<ArticlesTable>, 'id' | 'orgId' | 'authorId'>,
): Promise<void> {
  await db
    .updateTable('articles')
    .set({ ...patch, updatedAt: new Date() })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .execute();
}

export async function deleteArticle(db: Executor, orgId: string, id: string): Promise<void> {
  await db.deleteFrom('articles').where('orgId', '=', orgId).where('id', '=', id).execute();
}

/** A page of the author's articles, last changed first (keyset on updated_at, id). */
export async function authorArticles(
  db: Executor,
  orgId: string,
  authorId: string,
  opts: { status?: ArticleStatus | undefined; limit: number; after?: { at: Date; id: string } | undefined },
) {
  const after = opts.after;
  return db
    .selectFrom('articles as a')
    .leftJoin('communities as c', 'c.id', 'a.communityId')
    .select([
      'a.id',
      'a.title',
      'a.summary',
      'a.coverKey',
      'a.status',
      'a.publishAt',
      'a.unpublishAt',
      'a.publishedAt',
      'a.postId',
      'a.readingMinutes',
      'a.communityId',
      'a.updatedAt',
      'c.name as communityName',
      'c.slug as communitySlug',
      'c.visibility as communityVisibility',
    ])
    .where('a.orgId', '=', orgId)
    .where('a.authorId', '=', authorId)
    .$if(opts.status !== undefined, (qb) => qb.where('a.status', '=', opts.status!))
    .$if(after !== undefined, (qb) =>
      qb.where((eb) => eb.or([eb('a.updatedAt', '<', after!.at), eb.and([eb('a.updatedAt', '=', after!.at), eb('a.id', '<', after!.id)])])),
    )
    .orderBy('a.updatedAt', 'desc')
    .orderBy('a.id', 'desc')
    .limit(opts.limit + 1)
    .execute();
}

/**
 * Scheduled articles whose time has come, across organisations, locked so that two nodes never
 * publish one twice (the other skips them).
 */
export async function duePublishing(trx: Transaction<DB>, now: Date, limit: number) {
  return trx
    .selectFrom('articles')
    .select(['id', 'orgId', 'authorId'])
    .where('status', '=', 'scheduled')
    .where('publishAt', '<=', now)
    .orderBy('publishAt')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

/** Published articles whose unpublishing time has come, locked like `duePublishing`. */
export async function dueUnpublishing(trx: Transaction<DB>, now: Date, limit: number) {
  return trx
    .selectFrom('articles')
    .select(['id', 'orgId', 'authorId'])
    .where('status', '=', 'published')
    .where('unpublishAt', '<=', now)
    .orderBy('unpublishAt')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

/** The roles and standing of an article's author, for acting as them when the schedule comes. */
export async function authorStanding(db: Executor, orgId: string, userId: string) {
  return db.selectFrom('users').select(['roles', 'status']).where('orgId', '=', orgId).where('id', '=', userId).executeTakeFirst();
}

/** What the feed cards of these article posts show. */
export async function articlesOfPosts(db: Executor, orgId: string, postIds: readonly string[]) {
  if (postIds.length === 0) {
    return [];
  }
  return db
    .selectFrom('articles')
    .select(['id', 'postId', 'title', 'summary', 'coverKey', 'readingMinutes', 'publishedAt'])
    .where('orgId', '=', orgId)
    .where('postId', '=', sql<string>`any(${[...postIds]}::uuid[])`)
    .where('status', '=', 'published')
    .execute();
}

/**
 * One of the person's own uploaded pictures (re-encoded when it was uploaded), read so that an article
 * keeps a copy of it: an upload never attached to a post is swept after a day.
 */
export async function ownUploadedImage(db: Executor, orgId: string, uploaderId: string, id: string) {
  return db
    .selectFrom('attachments')
    .select(['id', 'storageKey'])
    .where('orgId', '=', orgId)
    .where('uploaderId', '=', uploaderId)
    .where('id', '=', id)
    .where('kind', '=', 'image')
    .executeTakeFirst();
}
