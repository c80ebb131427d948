import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { ContentLang, DB } from '../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** What the rules need to know about one comment. */
export interface CommentFacts {
  id: string;
  postId: string;
  parentId: string | null;
  authorId: string;
  body: string;
  createdAt: Date;
  deletedAt: Date | null;
  hiddenAt: Date | null;
}

/** One comment's facts, deleted or not; `lock` holds the row until the transaction ends. */
export async function commentFacts(db: Executor, orgId: string, id: string, lock = false): Promise<CommentFacts | undefined> {
  return db
    .selectFrom('comments')
    .select(['id', 'postId', 'parentId', 'authorId', 'body', 'createdAt', 'deletedAt', 'hiddenAt'])
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .$if(lock, (qb) => qb.forUpdate())
    .executeTakeFirst();
}

/** Who may see which comments of one post. */
export interface CommentFilter {
  orgId: string;
  viewerId: string;
  /** Moderators see hidden comments; others see only their own. */
  moderator: boolean;
}

function hiddenFilter(f: CommentFilter): Expression<SqlBool> {
  return f.moderator ? sql<SqlBool>`true` : sql<SqlBool>`(c.hidden_at is null or c.author_id = ${f.viewerId})`;
}

/** Comments with their author and the viewer's reaction. */
function withAuthor(db: Executor, viewerId: string) {
  return db
    .selectFrom('comments as c')
    .innerJoin('users as u', 'u.id', 'c.authorId')
    .select([
      'c.id',
      'c.postId',
      'c.parentId',
      'c.authorId',
      'c.body',
      'c.bodyHtml',
      'c.reactionCounts',
      'c.reactionCount',
      'c.replyCount',
      'c.createdAt',
      'c.editedAt',
      'c.deletedAt',
      'c.hiddenAt',
      'c.hiddenReason',
      'u.name as authorName',
      'u.title as authorTitle',
      'u.photoKey as authorPhotoKey',
      'c.upvoteCount',
    ])
    .select((eb) =>
      eb
        .selectFrom('reactions as r')
        .select('r.kind')
        .whereRef('r.targetId', '=', 'c.id')
        .where('r.userId', '=', viewerId)
        .as('myReaction'),
    )
    .select((eb) => [
      eb
        .exists(
          eb.selectFrom('answerVotes as av').select('av.commentId').whereRef('av.commentId', '=', 'c.id').where('av.userId', '=', viewerId),
        )
        .as('myUpvote'),
      eb
        .exists(
          eb
            .selectFrom('questions as qn')
            .select('qn.postId')
            .whereRef('qn.postId', '=', 'c.postId')
            .whereRef('qn.bestCommentId', '=', 'c.id'),
        )
        .as('isBest'),
    ]);
}

export type CommentRow = Awaited<ReturnType<ReturnType<typeof withAuthor>['execute']>>[number];

const after = (cursor: { createdAt: Date; id: string } | undefined) =>
  cursor ? sql<SqlBool>`(c.created_at, c.id) > (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)` : sql<SqlBool>`true`;

/**
 * A page of a post's top-level comments, oldest first. A deleted comment stays (as a placeholder) while
 * replies hang from it; a hidden one is left out, with its replies, for everyone but its author and moderators.
 */
export async function topLevelComments(
  db: Executor,
  f: CommentFilter,
  postId: string,
  limit: number,
  cursor?: { createdAt: Date; id: string },
  answers?: { bestCommentId: string | null },
): Promise<CommentRow[]> {
  const base = withAuthor(db, f.viewerId)
    .where('c.orgId', '=', f.orgId)
    .where('c.postId', '=', postId)
    .where('c.parentId', 'is', null)
    .where((eb) => eb.or([eb('c.deletedAt', 'is', null), eb('c.replyCount', '>', 0)]))
    .where(hiddenFilter(f));
  if (answers) {
    return base
      .where(answersAfter(answers.bestCommentId, cursor))
      .$if(answers.bestCommentId !== null, (qb) => qb.orderBy(bestRank(answers.bestCommentId)))
      .orderBy('c.upvoteCount', 'desc')
      .orderBy('c.createdAt')
      .orderBy('c.id')
      .limit(limit + 1)
      .execute();
  }
  return base
    .where(after(cursor))
    .orderBy('c.createdAt')
    .orderBy('c.id')
    .limit(limit + 1)
    .execute();
}

/** 0 for a question's best answer, 1 for the others: the best one comes first. */
const bestRank = (bestCommentId: string | null) =>
  bestCommentId ? sql<number>`(case when c.id = ${bestCommentId}::uuid then 0 else 1 end)` : sql<number>`(1)`;

/**
 * After the cursor's answer in (best first, most upvoted, oldest) order. The cursor names an answer; its
 * current rank and votes are read again, so a vote cast between two pages may move an answer across them.
 */
function answersAfter(bestCommentId: string | null, cursor: { createdAt: Date; id: string } | undefined) {
  if (!cursor) {
    return sql<SqlBool>`true`;
  }
  const rank = bestRank(bestCommentId);
  return sql<SqlBool>`(${rank}, -c.upvote_count, c.created_at, c.id) > (
    select ${sql`(case when k.id = ${bestCommentId ?? null}::uuid then 0 else 1 end)`}, -k.upvote_count, k.created_at, k.id
    from comments k where k.id = ${cursor.id}::uuid)`;
}

/** The first few replies of each of these comments, oldest first, in one query. */
export async function firstReplies(db: Executor, f: CommentFilter, parentIds: readonly string[], perParent: number): Promise<CommentRow[]> {
  if (parentIds.length === 0) {
    return [];
  }
  return withAuthor(db, f.viewerId)
    .where('c.orgId', '=', f.orgId)
    .where(
      'c.id',
      'in',
      db
        .selectFrom((eb) =>
          eb
            .selectFrom('comments as c')
            .select(['c.id', sql<number>`row_number() over (partition by c.parent_id order by c.created_at, c.id)`.as('rn')])
            .where('c.parentId', '=', sql<string>`any(${[...parentIds]}::uuid[])`)
            .where('c.deletedAt', 'is', null)
            .where(hiddenFilter(f))
            .as('ranked'),
        )
        .select('ranked.id')
        .where('ranked.rn', '<=', perParent),
    )
    .orderBy('c.createdAt')
    .orderBy('c.id')
    .execute();
}

/** A page of the replies to one comment, oldest first. */
export async function replies(
  db: Executor,
  f: CommentFilter,
  parentId: string,
  limit: number,
  cursor?: { createdAt: Date; id: string },
): Promise<CommentRow[]> {
  return withAuthor(db, f.viewerId)
    .where('c.orgId', '=', f.orgId)
    .where('c.parentId', '=', parentId)
    .where('c.deletedAt', 'is', null)
    .where(hiddenFilter(f))
    .where(after(cursor))
    .orderBy('c.createdAt')
    .orderBy('c.id')
    .limit(limit + 1)
    .execute();
}

/** One comment with its author, deleted or not. */
export async function commentRow(db: Executor, orgId: string, viewerId: string, id: string): Promise<CommentRow | undefined> {
  return withAuthor(db, viewerId).where('c.orgId', '=', orgId).where('c.id', '=', id).executeTakeFirst();
}

export interface NewComment {
  id: string;
  orgId: string;
  postId: string;
  parentId: string | null;
  authorId: string;
  body: string;
  bodyHtml: string;
  lang: ContentLang;
  /** Set by the caller, in milliseconds like the page cursors, so that keyset pages never repeat a row. */
  createdAt: Date;
}

/**
 * Adds a comment and counts it on its post (and, for a reply, on the comment it answers) in the same
 * transaction. Returns the new counts.
 */
export async function insertComment(db: Executor, row: NewComment): Promise<{ commentCount: number; replyCount: number | null }> {
  await db.insertInto('comments').values(row).execute();
  const post = await db
    .updateTable('posts')
    .set((eb) => ({ commentCount: sql<number>`${eb.ref('commentCount')} + 1` }))
    .where('orgId', '=', row.orgId)
    .where('id', '=', row.postId)
    .returning('commentCount')
    .executeTakeFirstOrThrow();
  let replyCount: number | null = null;
  if (row.parentId) {
    const parent = await db
      .updateTable('comments')
      .set((eb) => ({ replyCount: sql<number>`${eb.ref('replyCount')} + 1` }))
      .where('orgId', '=', row.orgId)
      .where('id', '=', row.parentId)
      .returning('replyCount')
      .executeTakeFirstOrThrow();
    replyCount = parent.replyCount;
  }
  return { commentCount: post.commentCount, replyCount };
}

export async function updateCommentBody(
  db: Executor,
  orgId: string,
  id: string,
  body: string,
  bodyHtml: string,
  lang: ContentLang,
): Promise<void> {
  await db
    .updateTable('comments')
    .set({ body, bodyHtml, lang, editedAt: new Date() })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .execute();
}

export async function touchCommentEdited(db: Executor, orgId: string, id: string): Promise<void> {
  await db.updateTable('comments').set({ editedAt: new Date() }).where('orgId', '=', orgId).where('id', '=', id).execute();
}

/**
 * Soft-deletes a comment and takes it off the counts of its post (and of the comment it answers), in
 * the same transaction. Returns the new counts, or undefined when it was already deleted.
 */
export async function softDeleteComment(
  db: Executor,
  orgId: string,
  c: { id: string; postId: string; parentId: string | null },
): Promise<{ commentCount: number; replyCount: number | null } | undefined> {
  const res = await db
    .updateTable('comments')
    .set({ deletedAt: new Date() })
    .where('orgId', '=', orgId)
    .where('id', '=', c.id)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  if (res.numUpdatedRows === 0n) {
    return undefined;
  }
  const post = await db
    .updateTable('posts')
    .set((eb) => ({ commentCount: sql<number>`greatest(${eb.ref('commentCount')} - 1, 0)` }))
    .where('orgId', '=', orgId)
    .where('id', '=', c.postId)
    .returning('commentCount')
    .executeTakeFirstOrThrow();
  let replyCount: number | null = null;
  if (c.parentId) {
    const parent = await db
      .updateTable('comments')
      .set((eb) => ({ replyCount: sql<number>`greatest(${eb.ref('replyCount')} - 1, 0)` }))
      .where('orgId', '=', orgId)
      .where('id', '=', c.parentId)
      .returning('replyCount')
      .executeTakeFirstOrThrow();
    replyCount = parent.replyCount;
  }
  return { commentCount: post.commentCount, replyCount };
}
