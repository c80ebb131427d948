import type { ContentLang } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { decodeTimeCursor, keysetPage } from '../../platform/cursor.js';
import { badRequest, forbidden, notFound } from '../../platform/errors.js';
import { recordEvents, type RealtimeEvent } from '../../platform/events.js';
import { can, requireAction, type Actor } from '../../platform/policy.js';
import { communityAccess, peopleWhoCanRead } from '../communities/communities.access.js';
import { notify } from '../notifications/notifications.service.js';
import * as cq from '../posts/comments.queries.js';
import { readableComment, readablePost } from '../posts/posts.access.js';
import { writeAndPublish } from '../posts/posts.content.js';
import type { PostView } from '../posts/posts.schemas.js';
import { presentPosts, writeKindPost } from '../posts/posts.service.js';
import { questionTitle } from './questions.answers.js';
import * as q from './questions.queries.js';

export interface NewQuestionInput {
  communityId?: string | null | undefined;
  body: string;
  lang?: ContentLang | undefined;
}

const changed = (orgId: string, postId: string) => ({
  orgId,
  channel: `post:${postId}`,
  type: 'question.changed' as const,
  payload: { postId },
});

async function presentOne(ctx: Ctx, actor: Actor, id: string): Promise<PostView> {
  const [view] = await presentPosts(ctx.db, actor, [id]);
  if (!view) {
    throw notFound('post');
  }
  return view;
}

/** Asks a question: a post of kind 'question' (with every check and effect of a post) and its question row, at once. */
export async function askQuestion(ctx: Ctx, actor: Actor, input: NewQuestionInput): Promise<PostView> {
  requireAction(actor, 'content.write');
  const communityId = input.communityId ?? null;
  const id = await writeAndPublish(ctx, async (trx) => {
    const written = await writeKindPost(trx, actor, { kind: 'question', communityId, body: input.body, lang: input.lang });
    await q.insertQuestion(trx, { postId: written.id, orgId: actor.orgId, communityId });
    return { result: written.id, events: written.events };
  });
  return presentOne(ctx, actor, id);
}

/**
 * Chooses (or, with null, clears) a question's best answer: the asker or a moderator of its community.
 * The answer must be a live top-level comment of the question; its author hears about it.
 */
export async function chooseBestAnswer(ctx: Ctx, actor: Actor, postId: string, commentId: string | null): Promise<PostView> {
  requireAction(actor, 'content.read');
  await writeAndPublish(ctx, async (trx) => {
    const post = await readablePost(trx, actor, postId, true);
    const question = await q.questionFacts(trx, actor.orgId, postId, true);
    if (!question) {
      throw notFound('question');
    }
    if (question.askerId !== actor.userId && !post.moderator && !can(actor, 'moderation.admin')) {
      throw forbidden('NOT_ASKER', 'Only the person who asked, or a moderator, can choose the best answer.');
    }
    const events: RealtimeEvent[] = [];
    let answerAuthor: string | null = null;
    if (commentId) {
      const c = await cq.commentFacts(trx, actor.orgId, commentId);
      if (!c || c.postId !== postId || c.parentId !== null || c.deletedAt !== null || c.hiddenAt !== null) {
        throw badRequest('NOT_AN_ANSWER', 'Only an answer to this question (not a reply) can be the best answer.');
      }
      answerAuthor = c.authorId;
    }
    await q.setBestAnswer(trx, actor.orgId, postId, commentId);
    events.push(...(await recordEvents(trx, [changed(actor.orgId, postId)])));
    if (answerAuthor && commentId && question.bestCommentId !== commentId) {
      const readers = await peopleWhoCanRead(trx, actor.orgId, question.communityId, [answerAuthor]);
      if (readers.has(answerAuthor)) {
        events.push(
          ...(await notify(trx, [
            {
              orgId: actor.orgId,
              userId: answerAuthor,
              type: 'answer',
              actorId: actor.userId,
              postId,
              commentId,
              communityId: question.communityId,
              data: { variant: 'best', title: questionTitle(question.body), link: `/posts/${postId}` },
            },
          ])),
        );
      }
    }
    return { result: undefined, events };
  });
  return presentOne(ctx, actor, postId);
}

/**
 * Upvotes an answer (or takes the upvote back): only answers to questions, never one's own, once per
 * person however often it is asked.
 */
export async function setUpvote(
  ctx: Ctx,
  actor: Actor,
  commentId: string,
  on: boolean,
): Promise<{ upvoted: boolean; upvoteCount: number }> {
  requireAction(actor, 'content.write');
  return writeAndPublish(ctx, async (trx) => {
    const access = await readableComment(trx, actor, commentId);
    const question = access.comment.parentId === null ? await q.questionFacts(trx, actor.orgId, access.comment.postId) : undefined;
    if (!question) {
      throw badRequest('NOT_AN_ANSWER', 'Only answers to a question can be upvoted.');
    }
    if (access.comment.authorId === actor.userId) {
      throw badRequest('OWN_ANSWER', 'You cannot upvote your own answer.');
    }
    if (!access.abilities.canInteract) {
      throw forbidden('CANNOT_INTERACT', 'Join this community to vote on its answers.');
    }
    const upvoteCount = await q.setUpvote(trx, actor.orgId, commentId, actor.userId, on);
    const events = await recordEvents(trx, [changed(actor.orgId, access.comment.postId)]);
    return { result: { upvoted: on, upvoteCount }, events };
  });
}

export interface QuestionListInput {
  status?: q.QuestionStatus | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

async function questionPage(ctx: Ctx, actor: Actor, communityId: string | undefined, input: QuestionListInput) {
  const limit = input.limit ?? 20;
  const rows = await q.listQuestions(ctx.db, {
    orgId: actor.orgId,
    viewerId: actor.userId,
    communityId,
    status: input.status ?? 'unanswered',
    limit,
    cursor: decodeTimeCursor(input.cursor),
  });
  const { page, nextCursor } = keysetPage(rows, limit);
  return {
    items: await presentPosts(
      ctx.db,
      actor,
      page.map((r) => r.id),
    ),
    nextCursor,
  };
}

/** A community's questions, newest first (unanswered ones unless asked otherwise); 404 when the viewer may not read it. */
export async function communityQuestions(ctx: Ctx, actor: Actor, communityId: string, input: QuestionListInput) {
  requireAction(actor, 'content.read');
  const access = (await communityAccess(ctx.db, actor, [communityId])).get(communityId);
  if (!access?.canRead) {
    throw notFound('community');
  }
  return questionPage(ctx, actor, communityId, input);
}

/** Every question the viewer may read across the organisation, newest first. */
export async function allQuestions(ctx: Ctx, actor: Actor, input: QuestionListInput) {
  requireAction(actor, 'content.read');
  return questionPage(ctx, actor, undefined, input);
}
