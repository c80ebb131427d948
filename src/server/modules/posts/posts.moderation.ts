import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { badRequest, forbidden, notFound } from '../../platform/errors.js';
import { recordEvents, type RealtimeEvent } from '../../platform/events.js';
import { requireAction, type Actor } from '../../platform/policy.js';
import { SOCIAL_LIMITS } from '../../../shared/social.js';
import { notify } from '../notifications/notifications.service.js';
import { commentAccess, postAccess, type CommentAccess, type PostAccess } from './posts.access.js';
import { postChannel, writeAndPublish } from './posts.content.js';
import * as cq from './comments.queries.js';
import * as q from './posts.queries.js';

/** The realtime event of a change to a post, on its community's or its author's profile channel. */
export function postEvent(
  actor: Actor,
  p: { id: string; communityId: string | null; authorId: string },
  type: 'post.created' | 'post.updated' | 'post.deleted',
  tags: string[],
) {
  return {
    orgId: actor.orgId,
    channel: postChannel(p),
    type,
    payload: { postId: p.id, communityId: p.communityId, authorId: p.authorId, tags },
  };
}

/** Removes a post from every read, and from the counts of its hashtags and of the post it shared. */
export async function removePost(trx: Transaction<DB>, actor: Actor, post: q.PostFacts, reason: string | null): Promise<RealtimeEvent[]> {
  if (!(await q.softDeletePost(trx, actor.orgId, post.id))) {
    return [];
  }
  const tags = await q.postHashtags(trx, post.id);
  await q.bumpHashtags(trx, actor.orgId, tags, -1);
  if (post.sharedPostId) {
    await q.addShareCount(trx, actor.orgId, post.sharedPostId, -1);
  }
  const events = await recordEvents(trx, [postEvent(actor, post, 'post.deleted', tags)]);
  if (post.authorId !== actor.userId) {
    events.push(
      ...(await moderationTrail(
        trx,
        actor,
        { postId: post.id, commentId: null, communityId: post.communityId, authorId: post.authorId },
        'remove',
        reason,
      )),
    );
  }
  return events;
}

interface TrailTarget {
  postId: string;
  commentId: string | null;
  communityId: string | null;
  authorId: string;
}

/** The audit entry and the author's notification for a moderator's action on their content. */
async function moderationTrail(
  trx: Transaction<DB>,
  actor: Actor,
  t: TrailTarget,
  action: 'hide' | 'remove' | 'restore',
  reason: string | null,
): Promise<RealtimeEvent[]> {
  const what = t.commentId ? 'comment' : 'post';
  await audit(trx, {
    orgId: actor.orgId,
    actorId: actor.userId,
    action: `${what}.${action === 'restore' ? 'unhide' : action}`,
    targetId: t.commentId ?? t.postId,
    data: { postId: t.postId, ...(t.commentId ? { commentId: t.commentId } : {}), authorId: t.authorId, reason },
  });
  return notify(trx, [
    {
      orgId: actor.orgId,
      userId: t.authorId,
      type: 'moderation',
      actorId: actor.userId,
      postId: t.postId,
      commentId: t.commentId,
      communityId: t.communityId,
      data: { action, target: what, reason: reason ?? '' },
    },
  ]);
}

export type ModerationTarget = { postId: string } | { commentId: string };

/**
 * A moderator's action on a post or comment: hide it (only its author, who sees the reason, and the
 * moderators still see it), remove it (deleted for everyone), or restore a hidden one. Audited; the
 * author is notified. Moderators of the community and administrators may act, without having to read
 * the community (an administrator handling a report in a private community they are not in).
 */
export async function moderateContent(
  ctx: Ctx,
  actor: Actor,
  target: ModerationTarget,
  action: 'hide' | 'remove' | 'restore',
  reason: string,
): Promise<void> {
  requireAction(actor, 'content.write');
  const trimmed = reason.trim().slice(0, SOCIAL_LIMITS.moderationReason);
  if (action === 'hide' && !trimmed) {
    throw badRequest('REASON_REQUIRED', 'Say why the content is hidden: its author will see the reason.');
  }
  await writeAndPublish(ctx, async (trx) => {
    if ('postId' in target) {
      const access = await postAccess(trx, actor, target.postId, true);
      if (!access || access.post.deletedAt || !(access.readable || access.moderator)) {
        throw notFound('post');
      }
      if (!access.moderator || (action === 'hide' && !access.abilities.canHide)) {
        throw forbidden('FORBIDDEN', 'Only the moderators of this community can do this.');
      }
      return { result: undefined, events: await moderatePost(trx, actor, access, action, trimmed) };
    }
    const pre = await cq.commentFacts(trx, actor.orgId, target.commentId);
    if (pre) {
      await q.postFacts(trx, actor.orgId, pre.postId, true);
    }
    const access = await commentAccess(trx, actor, target.commentId, true);
    if (!access || access.comment.deletedAt || access.post.post.deletedAt || !(access.readable || access.post.moderator)) {
      throw notFound('comment');
    }
    if (!access.post.moderator || (action === 'hide' && !access.abilities.canHide)) {
      throw forbidden('FORBIDDEN', 'Only the moderators of this community can do this.');
    }
    return { result: undefined, events: await moderateComment(trx, actor, access, action, trimmed) };
  });
}

async function moderatePost(
  trx: Transaction<DB>,
  actor: Actor,
  access: PostAccess,
  action: 'hide' | 'remove' | 'restore',
  reason: string,
): Promise<RealtimeEvent[]> {
  const post = access.post;
  if (action === 'remove') {
    return removePost(trx, actor, post, reason);
  }
  // Hiding what is hidden, or restoring what is not, changes nothing and tells nobody.
  if ((action === 'hide') === (post.hiddenAt !== null)) {
    return [];
  }
  await q.setHidden(trx, 'posts', actor.orgId, post.id, action === 'hide' ? { reason, by: actor.userId } : null);
  const events = await recordEvents(trx, [postEvent(actor, post, 'post.updated', await q.postHashtags(trx, post.id))]);
  events.push(
    ...(await moderationTrail(
      trx,
      actor,
      { postId: post.id, commentId: null, communityId: post.communityId, authorId: post.authorId },
      action,
      reason || null,
    )),
  );
  return events;
}

async function moderateComment(
  trx: Transaction<DB>,
  actor: Actor,
  access: CommentAccess,
  action: 'hide' | 'remove' | 'restore',
  reason: string,
): Promise<RealtimeEvent[]> {
  const c = access.comment;
  const target = { postId: c.postId, commentId: c.id, communityId: access.post.post.communityId, authorId: c.authorId };
  if (action === 'remove') {
    return removeComment(trx, actor, access, reason);
  }
  if ((action === 'hide') === (c.hiddenAt !== null)) {
    return [];
  }
  await q.setHidden(trx, 'comments', actor.orgId, c.id, action === 'hide' ? { reason, by: actor.userId } : null);
  const events = await recordEvents(trx, [
    {
      orgId: actor.orgId,
      channel: `post:${c.postId}`,
      type: 'comment.updated',
      payload: { postId: c.postId, commentId: c.id, parentId: c.parentId },
    },
  ]);
  events.push(...(await moderationTrail(trx, actor, target, action, reason || null)));
  return events;
}

/**
 * Deletes a comment (it stays as a placeholder while replies hang from it) and takes it off the counts
 * of its post and parent. When someone other than the author deletes it, the action is audited and the
 * author told.
 */
export async function removeComment(
  trx: Transaction<DB>,
  actor: Actor,
  access: CommentAccess,
  reason: string | null,
): Promise<RealtimeEvent[]> {
  const c = access.comment;
  const counts = await cq.softDeleteComment(trx, actor.orgId, c);
  if (!counts) {
    return [];
  }
  const events = await recordEvents(trx, [
    {
      orgId: actor.orgId,
      channel: `post:${c.postId}`,
      type: 'comment.deleted',
      payload: {
        postId: c.postId,
        commentId: c.id,
        parentId: c.parentId,
        commentCount: counts.commentCount,
        replyCount: counts.replyCount,
      },
    },
  ]);
  if (c.authorId !== actor.userId) {
    events.push(
      ...(await moderationTrail(
        trx,
        actor,
        { postId: c.postId, commentId: c.id, communityId: access.post.post.communityId, authorId: c.authorId },
        'remove',
        reason,
      )),
    );
  }
  return events;
}
