import type { Kysely, Transaction } from 'kysely';
import type { ContentLang, DB } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { decodeTimeCursor, keysetPage } from '../../platform/cursor.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { recordEvents, type RealtimeEvent } from '../../platform/events.js';
import { newId } from '../../platform/ids.js';
import { requireAction, type Actor, type ContentAbilities } from '../../platform/policy.js';
import type { Reaction } from '../../../shared/social.js';
import { photoUrl } from '../../../shared/urls.js';
import { attachmentViews, setAttachments } from '../attachments/attachments.service.js';
import { peopleWhoCanRead } from '../communities/communities.access.js';
import { notify, type NotificationInput } from '../notifications/notifications.service.js';
import { commentAbilities, commentAccess, readableComment, readablePost, type PostAccess } from './posts.access.js';
import { notifyMentions, prepareContent, requireText, writeAndPublish } from './posts.content.js';
import * as cq from './comments.queries.js';
import * as q from './posts.queries.js';
import type { CommentView } from './posts.schemas.js';
import { removeComment } from './posts.moderation.js';
import { questionOf } from '../questions/questions.answers.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** Replies shown under each top-level comment before "show more". */
export const FIRST_REPLIES = 3;

const NO_ABILITIES: ContentAbilities = {
  canEdit: false,
  canDelete: false,
  canPin: false,
  canHide: false,
  canReport: false,
  canInteract: false,
};

const filterFor = (actor: Actor, post: PostAccess): cq.CommentFilter => ({
  orgId: actor.orgId,
  viewerId: actor.userId,
  moderator: post.moderator,
});

/** Comments as the viewer sees them; a deleted one becomes a placeholder without author or text. */
async function presentComments(db: Executor, actor: Actor, post: PostAccess, rows: cq.CommentRow[]): Promise<CommentView[]> {
  const live = rows.filter((r) => r.deletedAt === null);
  const attachments = await attachmentViews(db, actor.orgId, { commentIds: live.map((r) => r.id) });
  return rows.map((r) => {
    const base = { id: r.id, postId: r.postId, parentId: r.parentId, createdAt: r.createdAt, replyCount: r.replyCount };
    if (r.deletedAt !== null) {
      return {
        ...base,
        author: null,
        html: '',
        body: null,
        editedAt: null,
        reactionCounts: {},
        reactionCount: 0,
        myReaction: null,
        attachments: [],
        hidden: null,
        deleted: true,
        abilities: NO_ABILITIES,
        upvoteCount: 0,
        myUpvote: false,
        isBest: false,
      };
    }
    const hidden = r.hiddenAt !== null;
    return {
      ...base,
      author: { id: r.authorId, name: r.authorName, title: r.authorTitle, photoUrl: photoUrl(r.authorId, r.authorPhotoKey) },
      html: r.bodyHtml,
      body: r.authorId === actor.userId ? r.body : null,
      editedAt: r.editedAt,
      reactionCounts: (r.reactionCounts ?? {}) as Record<string, number>,
      reactionCount: r.reactionCount,
      myReaction: (r.myReaction as Reaction | null) ?? null,
      attachments: attachments.get(r.id) ?? [],
      hidden: hidden ? { reason: r.hiddenReason ?? '', at: r.hiddenAt! } : null,
      deleted: false,
      abilities: commentAbilities(actor, { authorId: r.authorId, hidden }, post),
      upvoteCount: r.upvoteCount,
      myUpvote: Boolean(r.myUpvote),
      isBest: Boolean(r.isBest),
    };
  });
}

interface PageInput {
  cursor?: string | undefined;
  limit?: number | undefined;
}

/**
 * A post's top-level comments, oldest first, each with its first replies and how many replies it has.
 * Three queries per page, whatever its size: comments, replies, attachments.
 */
export async function listComments(ctx: Ctx, actor: Actor, postId: string, page: PageInput) {
  requireAction(actor, 'content.read');
  const post = await readablePost(ctx.db, actor, postId);
  const limit = page.limit ?? 20;
  const f = filterFor(actor, post);
  // A question's answers come best first, then by upvotes.
  const question = await questionOf(ctx.db, actor.orgId, postId);
  const rows = await cq.topLevelComments(ctx.db, f, postId, limit, decodeTimeCursor(page.cursor), question);
  const { page: top, nextCursor } = keysetPage(rows, limit);
  const replies = await cq.firstReplies(
    ctx.db,
    f,
    top.filter((c) => c.replyCount > 0).map((c) => c.id),
    FIRST_REPLIES,
  );
  const views = await presentComments(ctx.db, actor, post, [...top, ...replies]);
  const byParent = new Map<string, CommentView[]>();
  for (const v of views.slice(top.length)) {
    byParent.set(v.parentId!, [...(byParent.get(v.parentId!) ?? []), v]);
  }
  return { items: views.slice(0, top.length).map((v) => ({ ...v, replies: byParent.get(v.id) ?? [] })), nextCursor };
}

/** The replies to a comment, oldest first (a reply's id lists the replies of its top-level comment). */
export async function listReplies(ctx: Ctx, actor: Actor, commentId: string, page: PageInput) {
  requireAction(actor, 'content.read');
  const access = await commentAccess(ctx.db, actor, commentId);
  // A deleted comment still lists its replies: it stays on the page as a placeholder.
  if (!access?.post.readable || (!access.readable && access.comment.deletedAt === null)) {
    throw notFound('comment');
  }
  const limit = page.limit ?? 20;
  const rows = await cq.replies(
    ctx.db,
    filterFor(actor, access.post),
    access.comment.parentId ?? access.comment.id,
    limit,
    decodeTimeCursor(page.cursor),
  );
  const { page: items, nextCursor } = keysetPage(rows, limit);
  return { items: await presentComments(ctx.db, actor, access.post, items), nextCursor };
}

async function presentOne(db: Executor, actor: Actor, commentId: string): Promise<CommentView> {
  const access = await readableComment(db, actor, commentId);
  const row = await cq.commentRow(db, actor.orgId, actor.userId, commentId);
  if (!row) {
    throw notFound('comment');
  }
  const [view] = await presentComments(db, actor, access.post, [row]);
  return view!;
}

/** One comment, if the actor may read it. */
export async function getComment(ctx: Ctx, actor: Actor, commentId: string): Promise<CommentView> {
  requireAction(actor, 'content.read');
  return presentOne(ctx.db, actor, commentId);
}

export interface NewCommentInput {
  body: string;
  parentId?: string | undefined;
  lang?: ContentLang | undefined;
  attachmentIds?: string[] | undefined;
}

/**
 * Comments on a post the actor may interact with; a reply to a reply joins its top-level comment, so
 * threads stay one level deep. The post's author, the author of the comment answered, and the people
 * mentioned are notified — each once, and only when they may read the post.
 */
export async function createComment(ctx: Ctx, actor: Actor, postId: string, input: NewCommentInput): Promise<CommentView> {
  requireAction(actor, 'content.write');
  const attachmentIds = input.attachmentIds ?? [];
  const body = requireText(input.body, attachmentIds.length > 0, 'comment');
  const content = await prepareContent(ctx.db, actor, body, input.lang);
  const id = newId();
  await writeAndPublish(ctx, async (trx) => {
    // The post's row is locked first, as every comment write does, so that counters never deadlock.
    const post = await readablePost(trx, actor, postId, true);
    if (!post.abilities.canInteract) {
      throw forbidden(
        'CANNOT_INTERACT',
        post.post.hiddenAt ? 'A moderator hid this post, so it cannot be commented on.' : 'Join this community to comment on its posts.',
      );
    }
    let parent: cq.CommentFacts | undefined;
    let topId: string | null = null;
    if (input.parentId) {
      parent = await cq.commentFacts(trx, actor.orgId, input.parentId);
      const visible = (c: cq.CommentFacts | undefined) =>
        c !== undefined && c.postId === postId && (c.hiddenAt === null || c.authorId === actor.userId || post.moderator);
      if (!visible(parent) || parent!.deletedAt !== null) {
        throw notFound('comment');
      }
      topId = parent!.parentId ?? parent!.id;
      if (parent!.parentId && !visible(await cq.commentFacts(trx, actor.orgId, parent!.parentId))) {
        throw notFound('comment');
      }
    }
    const counts = await cq.insertComment(trx, {
      id,
      orgId: actor.orgId,
      postId,
      parentId: topId,
      authorId: actor.userId,
      body: content.body,
      bodyHtml: content.html,
      lang: content.lang,
      createdAt: new Date(),
    });
    await q.replaceMentions(trx, { orgId: actor.orgId, postId, commentId: id, people: content.people, communities: content.communities });
    if (attachmentIds.length > 0) {
      await setAttachments(trx, actor, { commentId: id }, attachmentIds);
    }
    const events: RealtimeEvent[] = await recordEvents(trx, [
      {
        orgId: actor.orgId,
        channel: `post:${postId}`,
        type: 'comment.created',
        payload: { postId, commentId: id, parentId: topId, commentCount: counts.commentCount, replyCount: counts.replyCount },
      },
    ]);
    const communityId = post.post.communityId;
    const wanted = new Map<string, NotificationInput['type']>();
    if (parent && parent.authorId !== actor.userId) {
      wanted.set(parent.authorId, 'reply');
    }
    // An answer to a question tells the asker so, in the words of an answer.
    const question = parent ? undefined : await questionOf(trx, actor.orgId, postId);
    if (post.post.authorId !== actor.userId && !wanted.has(post.post.authorId)) {
      wanted.set(post.post.authorId, question ? 'answer' : 'comment');
    }
    const readers = await peopleWhoCanRead(trx, actor.orgId, communityId, [...wanted.keys()]);
    const base = { orgId: actor.orgId, actorId: actor.userId, postId, commentId: id, communityId };
    events.push(
      ...(await notify(
        trx,
        [...wanted]
          .filter(([userId]) => readers.has(userId))
          .map(([userId, type]) => ({
            ...base,
            userId,
            type,
            ...(type === 'answer' && question ? { data: { variant: 'answered', title: question.title, link: question.link } } : {}),
          })),
      )),
    );
    events.push(
      ...(await notifyMentions(trx, actor, { postId, commentId: id, communityId, people: content.people, skip: new Set(wanted.keys()) })),
    );
    return { result: undefined, events };
  });
  return presentOne(ctx.db, actor, id);
}

export interface CommentPatchInput {
  body?: string | undefined;
  lang?: ContentLang | undefined;
  attachmentIds?: string[] | undefined;
}

/** Edits one's own comment; it shows as edited, and people mentioned for the first time are notified. */
export async function updateComment(ctx: Ctx, actor: Actor, commentId: string, patch: CommentPatchInput): Promise<CommentView> {
  requireAction(actor, 'content.write');
  await writeAndPublish(ctx, async (trx) => {
    const access = await readableComment(trx, actor, commentId, true);
    const c = access.comment;
    if (!access.abilities.canEdit) {
      if (c.authorId === actor.userId) {
        throw forbidden('COMMENT_HIDDEN', 'A moderator hid this comment, so it can no longer be edited.');
      }
      throw forbidden('NOT_AUTHOR', 'Only the author can edit this comment.');
    }
    if (patch.attachmentIds !== undefined) {
      await setAttachments(trx, actor, { commentId }, patch.attachmentIds);
    }
    const events: RealtimeEvent[] = [];
    if (patch.body !== undefined) {
      const attached = patch.attachmentIds ?? (await attachmentViews(trx, actor.orgId, { commentIds: [commentId] })).get(commentId) ?? [];
      const body = requireText(patch.body, attached.length > 0, 'comment');
      const content = await prepareContent(trx, actor, body, patch.lang);
      await cq.updateCommentBody(trx, actor.orgId, commentId, content.body, content.html, content.lang);
      const before = new Set(await q.mentionedPeople(trx, actor.orgId, c.postId, commentId));
      await q.replaceMentions(trx, {
        orgId: actor.orgId,
        postId: c.postId,
        commentId,
        people: content.people,
        communities: content.communities,
      });
      events.push(
        ...(await notifyMentions(trx, actor, {
          postId: c.postId,
          commentId,
          communityId: access.post.post.communityId,
          people: content.people,
          skip: before,
        })),
      );
    } else {
      await cq.touchCommentEdited(trx, actor.orgId, commentId);
    }
    events.unshift(
      ...(await recordEvents(trx, [
        {
          orgId: actor.orgId,
          channel: `post:${c.postId}`,
          type: 'comment.updated',
          payload: { postId: c.postId, commentId, parentId: c.parentId },
        },
      ])),
    );
    return { result: undefined, events };
  });
  return presentOne(ctx.db, actor, commentId);
}

/** Deletes a comment: its author, or a moderator of the post's community. */
export async function deleteComment(ctx: Ctx, actor: Actor, commentId: string): Promise<void> {
  requireAction(actor, 'content.write');
  await writeAndPublish(ctx, async (trx) => {
    const pre = await cq.commentFacts(trx, actor.orgId, commentId);
    if (pre) {
      await q.postFacts(trx, actor.orgId, pre.postId, true);
    }
    const access = await readableComment(trx, actor, commentId, true);
    if (!access.abilities.canDelete) {
      throw forbidden('FORBIDDEN', 'Only the author or a moderator can delete this comment.');
    }
    return { result: undefined, events: await removeComment(trx, actor, access, null) };
  });
}
