import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { readableBy } from '../communities/communities.access.js';

type Executor = Kysely<DB> | Transaction<DB>;

export type QuestionStatus = 'unanswered' | 'answered' | 'all';

/** Marks a freshly written post as a question; its community is copied so lists need no join. */
export async function insertQuestion(trx: Transaction<DB>, row: { postId: string; orgId: string; communityId: string | null }) {
  await trx.insertInto('questions').values(row).execute();
}

export interface QuestionFacts {
  postId: string;
  communityId: string | null;
  bestCommentId: string | null;
  answeredAt: Date | null;
  askerId: string;
  body: string;
}

/** The question behind a post, with its asker; `lock` holds the question's row until the transaction ends. */
export async function questionFacts(db: Executor, orgId: string, postId: string, lock = false): Promise<QuestionFacts | undefined> {
  return db
    .selectFrom('questions as q')
    .innerJoin('posts as p', 'p.id', 'q.postId')
    .select(['q.postId', 'q.communityId', 'q.bestCommentId', 'q.answeredAt', 'p.authorId as askerId', 'p.body'])
    .where('q.orgId', '=', orgId)
    .where('q.postId', '=', postId)
    .$if(lock, (qb) => qb.forUpdate('q'))
    .executeTakeFirst();
}

/** Sets (or, with null, clears) the best answer; the question counts as answered from now while one is set. */
export async function setBestAnswer(trx: Transaction<DB>, orgId: string, postId: string, commentId: string | null): Promise<void> {
  await trx
    .updateTable('questions')
    .set({ bestCommentId: commentId, answeredAt: commentId ? new Date() : null })
    .where('orgId', '=', orgId)
    .where('postId', '=', postId)
    .execute();
}

/**
 * Adds or removes one person's upvote and moves the answer's count in the same statement's wake: the
 * count only moves when the vote row really changed, so repeating a call (or racing it) never counts twice.
 */
export async function setUpvote(trx: Transaction<DB>, orgId: string, commentId: string, userId: string, on: boolean): Promise<number> {
  const changed = on
    ? await trx
        .insertInto('answerVotes')
        .values({ orgId, commentId, userId })
        .onConflict((oc) => oc.columns(['commentId', 'userId']).doNothing())
        .returning('commentId')
        .executeTakeFirst()
    : await trx
        .deleteFrom('answerVotes')
        .where('orgId', '=', orgId)
        .where('commentId', '=', commentId)
        .where('userId', '=', userId)
        .returning('commentId')
        .executeTakeFirst();
  const row = await trx
    .updateTable('comments')
    .set((eb) => ({ upvoteCount: changed ? sql<number>`${eb.ref('upvoteCount')} + ${on ? 1 : -1}` : eb.ref('upvoteCount') }))
    .where('orgId', '=', orgId)
    .where('id', '=', commentId)
    .returning('upvoteCount')
    .executeTakeFirstOrThrow();
  return row.upvoteCount;
}

export interface QuestionListFilter {
  orgId: string;
  viewerId: string;
  /** One community (already checked readable); absent: every question the viewer may read. */
  communityId?: string | undefined;
  status: QuestionStatus;
  limit: number;
  cursor?: { createdAt: Date; id: string } | undefined;
}

/** A page of questions, newest first, of live and visible posts; the caller presents them. */
export async function listQuestions(db: Executor, f: QuestionListFilter): Promise<{ id: string; createdAt: Date }[]> {
  return db
    .selectFrom('questions as q')
    .innerJoin('posts as p', 'p.id', 'q.postId')
    .select(['q.postId as id', 'q.createdAt'])
    .where('q.orgId', '=', f.orgId)
    .where('p.deletedAt', 'is', null)
    .where('p.hiddenAt', 'is', null)
    .$if(f.communityId !== undefined, (qb) => qb.where('q.communityId', '=', f.communityId!))
    .$if(f.communityId === undefined, (qb) => qb.where(readableBy(f.viewerId, 'q.community_id')))
    .$if(f.status === 'unanswered', (qb) => qb.where('q.answeredAt', 'is', null))
    .$if(f.status === 'answered', (qb) => qb.where('q.answeredAt', 'is not', null))
    .$if(f.cursor !== undefined, (qb) =>
      qb.where(sql<boolean>`(q.created_at, q.post_id) < (${f.cursor!.createdAt}::timestamptz, ${f.cursor!.id}::uuid)`),
    )
    .orderBy('q.createdAt', 'desc')
    .orderBy('q.postId', 'desc')
    .limit(f.limit + 1)
    .execute();
}

/** The question rows of a page of posts, with their asker and community (for who may choose the best answer). */
export async function questionRows(db: Executor, orgId: string, postIds: readonly string[]) {
  if (postIds.length === 0) {
    return [];
  }
  return db
    .selectFrom('questions as q')
    .innerJoin('posts as p', 'p.id', 'q.postId')
    .select(['q.postId', 'q.communityId', 'q.bestCommentId', 'q.answeredAt', 'p.authorId as askerId'])
    .where('q.orgId', '=', orgId)
    .where('q.postId', 'in', [...postIds])
    .execute();
}
