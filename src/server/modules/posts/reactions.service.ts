import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { decodeTimeCursor, keysetPage } from '../../platform/cursor.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { recordEvents, type RealtimeEvent } from '../../platform/events.js';
import { requireAction, type Actor, type ContentAbilities } from '../../platform/policy.js';
import type { Reaction } from '../../../shared/social.js';
import { photoUrl } from '../../../shared/urls.js';
import { peopleWhoCanRead } from '../communities/communities.access.js';
import { notify } from '../notifications/notifications.service.js';
import { readableComment, readablePost } from './posts.access.js';
import { writeAndPublish } from './posts.content.js';
import * as rq from './reactions.queries.js';

export type ReactionTarget = { postId: string } | { commentId: string };

export interface ReactionState {
  reactionCounts: Record<string, number>;
  reactionCount: number;
  myReaction: Reaction | null;
}

interface Resolved {
  table: rq.TargetTable;
  type: 'post' | 'comment';
  id: string;
  postId: string;
  commentId: string | null;
  communityId: string | null;
  authorId: string;
  abilities: ContentAbilities;
}

/** The post or comment, if the actor may read it (404 otherwise). */
async function resolve(db: Ctx['db'] | Transaction<DB>, actor: Actor, target: ReactionTarget): Promise<Resolved> {
  if ('postId' in target) {
    const a = await readablePost(db, actor, target.postId);
    return {
      table: 'posts',
      type: 'post',
      id: a.post.id,
      postId: a.post.id,
      commentId: null,
      communityId: a.post.communityId,
      authorId: a.post.authorId,
      abilities: a.abilities,
    };
  }
  const a = await readableComment(db, actor, target.commentId);
  return {
    table: 'comments',
    type: 'comment',
    id: a.comment.id,
    postId: a.comment.postId,
    commentId: a.comment.id,
    communityId: a.post.post.communityId,
    authorId: a.comment.authorId,
    abilities: a.abilities,
  };
}

function changed(actor: Actor, t: Resolved, totals: rq.ReactionTotals) {
  return {
    orgId: actor.orgId,
    channel: `post:${t.postId}`,
    type: 'reaction.changed' as const,
    payload: { postId: t.postId, commentId: t.commentId, reactionCounts: totals.reactionCounts, reactionCount: totals.reactionCount },
  };
}

function adjust(totals: rq.ReactionTotals, add: string | null, remove: string | null): rq.ReactionTotals {
  const counts = { ...totals.reactionCounts };
  let total = totals.reactionCount;
  if (remove) {
    const left = (counts[remove] ?? 0) - 1;
    if (left > 0) {
      counts[remove] = left;
    } else {
      delete counts[remove];
    }
    total -= 1;
  }
  if (add) {
    counts[add] = (counts[add] ?? 0) + 1;
    total += 1;
  }
  return { reactionCounts: counts, reactionCount: Math.max(total, 0) };
}

/**
 * Sets the actor's reaction to a post or comment, replacing a different one; the same reaction twice
 * changes nothing. Counts change in the same transaction, under a lock on the reacted-to row, so they
 * stay exact however many requests arrive at once. The author is told of a new reaction.
 */
export async function setReaction(ctx: Ctx, actor: Actor, target: ReactionTarget, kind: Reaction): Promise<ReactionState> {
  requireAction(actor, 'content.write');
  return writeAndPublish(ctx, async (trx) => {
    const t = await resolve(trx, actor, target);
    if (!t.abilities.canInteract) {
      throw forbidden('CANNOT_INTERACT', 'You cannot react here: join the community first, or the content was hidden.');
    }
    const totals = await rq.lockTotals(trx, t.table, actor.orgId, t.id);
    if (!totals) {
      throw notFound(t.type);
    }
    const previous = await rq.reactionOf(trx, t.id, actor.userId);
    const replaced = await rq.putReaction(
      trx,
      { orgId: actor.orgId, targetType: t.type, targetId: t.id, userId: actor.userId, kind },
      previous,
    );
    if (replaced === undefined) {
      return { result: { ...totals, myReaction: kind }, events: [] };
    }
    const next = adjust(totals, kind, replaced);
    await rq.writeTotals(trx, t.table, actor.orgId, t.id, next);
    const events: RealtimeEvent[] = await recordEvents(trx, [changed(actor, t, next)]);
    if (
      replaced === null &&
      t.authorId !== actor.userId &&
      (await peopleWhoCanRead(trx, actor.orgId, t.communityId, [t.authorId])).has(t.authorId)
    ) {
      events.push(
        ...(await notify(trx, [
          {
            orgId: actor.orgId,
            userId: t.authorId,
            type: 'reaction',
            actorId: actor.userId,
            postId: t.postId,
            commentId: t.commentId,
            communityId: t.communityId,
            data: { kind },
          },
        ])),
      );
    }
    return { result: { ...next, myReaction: kind }, events };
  });
}

/** Takes the actor's reaction off a post or comment (nothing happens when there was none). */
export async function clearReaction(ctx: Ctx, actor: Actor, target: ReactionTarget): Promise<ReactionState> {
  requireAction(actor, 'content.write');
  return writeAndPublish(ctx, async (trx) => {
    const t = await resolve(trx, actor, target);
    const totals = await rq.lockTotals(trx, t.table, actor.orgId, t.id);
    if (!totals) {
      throw notFound(t.type);
    }
    const removed = await rq.deleteReaction(trx, t.id, actor.userId);
    if (removed === undefined) {
      return { result: { ...totals, myReaction: null }, events: [] };
    }
    const next = adjust(totals, null, removed);
    await rq.writeTotals(trx, t.table, actor.orgId, t.id, next);
    return { result: { ...next, myReaction: null }, events: await recordEvents(trx, [changed(actor, t, next)]) };
  });
}

/** Who reacted to a post or comment the actor may read, newest first, optionally of one kind. */
export async function listReactions(
  ctx: Ctx,
  actor: Actor,
  target: ReactionTarget,
  query: { kind?: Reaction | undefined; cursor?: string | undefined; limit?: number | undefined },
) {
  requireAction(actor, 'content.read');
  const t = await resolve(ctx.db, actor, target);
  const limit = query.limit ?? 50;
  const rows = await rq.reactors(ctx.db, actor.orgId, t.id, { kind: query.kind, limit, after: decodeTimeCursor(query.cursor) });
  const { page, nextCursor } = keysetPage(rows, limit);
  return {
    items: page.map((r) => ({
      person: { id: r.id, name: r.name, title: r.title, photoUrl: photoUrl(r.id, r.photoKey) },
      kind: r.kind as Reaction,
      createdAt: r.createdAt,
    })),
    nextCursor,
  };
}
