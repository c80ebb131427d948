import type { Transaction } from 'kysely';
import type { ContentLang, DB } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { decodeTimeCursor, keysetPage } from '../../platform/cursor.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { recordEvents, type RealtimeEvent } from '../../platform/events.js';
import { newId } from '../../platform/ids.js';
import { renderMarkdown } from '../../platform/markdown.js';
import { can, communityAbilities, requireAction, type Actor } from '../../platform/policy.js';
import { photoUrl } from '../../../shared/urls.js';
import { attachmentViews, setAttachments } from '../attachments/attachments.service.js';
import { communityFacts } from '../communities/communities.access.js';
import { withdrawItemsOfPost } from '../advocacy/items.service.js';
import { awardRuleBadges } from '../recognition/badges.rules.js';
import { readablePost } from './posts.access.js';
import { notifyMentions, prepareContent, requireText, writeAndPublish, type PreparedContent } from './posts.content.js';
import { moderateContent, postEvent, removePost, type ModerationTarget } from './posts.moderation.js';
import { presentPosts } from './posts.presenter.js';
import * as q from './posts.queries.js';
import type { PostView } from './posts.schemas.js';

export { presentPosts, moderateContent, type ModerationTarget };

/** How many posts a community (or a profile) can have pinned at once. */
export const MAX_PINNED = 3;
const HASHTAG_SUGGESTIONS = 10;

/** Throws unless the actor may post in the community: 404 when they cannot see it, 403 when they may not post. */
async function requirePostingRights(trx: Transaction<DB>, actor: Actor, communityId: string): Promise<void> {
  const facts = (await communityFacts(trx, actor, [communityId])).get(communityId);
  const abilities = facts ? communityAbilities(actor, facts) : undefined;
  if (!facts || !abilities?.canSee) {
    throw notFound('community');
  }
  if (abilities.canPost) {
    return;
  }
  if (facts.archived) {
    throw forbidden('COMMUNITY_ARCHIVED', 'This community is archived: it can still be read, but no longer posted in.');
  }
  if (facts.membership?.status === 'banned') {
    throw forbidden('NOT_A_MEMBER', 'You can no longer post in this community.');
  }
  throw forbidden('NOT_A_MEMBER', 'Only members can post in this community. Join it first.');
}

async function presentOne(ctx: Ctx, actor: Actor, id: string): Promise<PostView> {
  const [view] = await presentPosts(ctx.db, actor, [id]);
  if (!view) {
    throw notFound('post');
  }
  return view;
}

export interface NewPostInput {
  communityId?: string | null | undefined;
  body: string;
  lang?: ContentLang | undefined;
  attachmentIds?: string[] | undefined;
  sharedPostId?: string | undefined;
  internalOnly?: boolean | undefined;
}

/** A post of a richer kind, written by its module inside its own transaction. */
export interface KindPostInput {
  kind: Exclude<q.PostKind, 'post' | 'kudos' | 'celebration'>;
  communityId: string | null;
  /** Markdown; may be empty for a poll (its question is the body) only when `allowEmpty`. */
  body: string;
  title?: string | null;
  lang?: ContentLang | undefined;
  attachmentIds?: string[] | undefined;
  /** When it counts as published (a scheduled article shows its publishing time); now when absent. */
  createdAt?: Date;
  /**
   * False when the kind reaches its own audience (an announcement): a mention must then not tell
   * someone outside it that the post exists.
   */
  notifyMentioned?: boolean;
}

/**
 * Writes a post of a richer kind (article, announcement, question, poll) inside the caller's
 * transaction, with the same checks and effects as any post (posting rights in the community,
 * hashtags, mentions, the `post.created` event). Returns its id and the events to publish once the
 * caller's transaction has committed. Jobs may call it with the author as actor.
 */
export async function writeKindPost(
  trx: Transaction<DB>,
  actor: Actor,
  input: KindPostInput,
): Promise<{ id: string; events: RealtimeEvent[] }> {
  requireAction(actor, 'content.write');
  const body = requireText(input.body, false, 'post');
  const content = await prepareContent(trx, actor, body, input.lang);
  return writePost(trx, actor, { ...input, content, sharedPostId: null, attachmentIds: input.attachmentIds ?? [] });
}

/**
 * Replaces the text (and title) of a richer kind's post inside the caller's transaction, as an edit
 * by its author: the previous text is kept as a revision, hashtags and mentions follow the new text
 * and people mentioned for the first time are notified. Returns the events to publish after commit.
 */
export async function reviseKindPost(
  trx: Transaction<DB>,
  actor: Actor,
  postId: string,
  input: { body: string; title?: string | null; lang?: ContentLang | undefined },
): Promise<RealtimeEvent[]> {
  requireAction(actor, 'content.write');
  const post = await q.postFacts(trx, actor.orgId, postId, true);
  if (!post || post.deletedAt || post.authorId !== actor.userId) {
    throw notFound('post');
  }
  const content = await prepareContent(trx, actor, requireText(input.body, false, 'post'), input.lang);
  if (input.title !== undefined) {
    await q.setTitle(trx, actor.orgId, postId, input.title);
  }
  const revised = await reviseContent(trx, actor, post, content);
  return [...(await recordEvents(trx, [postEvent(actor, post, 'post.updated', revised.tags)])), ...revised.events];
}

/**
 * Gives a post new text: a revision keeps the old one when it changed, its hashtags and mentions
 * follow, and people mentioned for the first time are told. Returns its hashtags now and the events.
 */
async function reviseContent(
  trx: Transaction<DB>,
  actor: Actor,
  post: q.PostFacts,
  content: PreparedContent,
): Promise<{ tags: string[]; events: RealtimeEvent[] }> {
  if (content.body !== post.body || content.lang !== post.lang) {
    await q.reviseBody(trx, {
      orgId: actor.orgId,
      postId: post.id,
      editorId: actor.userId,
      previousBody: post.body,
      body: content.body,
      bodyHtml: content.html,
      lang: content.lang,
    });
  }
  const tags = await q.postHashtags(trx, post.id);
  const next = new Set(content.hashtags);
  await q.removePostHashtags(
    trx,
    actor.orgId,
    post.id,
    tags.filter((t) => !next.has(t)),
  );
  await q.addPostHashtags(
    trx,
    actor.orgId,
    post.id,
    content.hashtags.filter((t) => !tags.includes(t)),
    post.createdAt,
  );
  const before = new Set(await q.mentionedPeople(trx, actor.orgId, post.id, null));
  await q.replaceMentions(trx, {
    orgId: actor.orgId,
    postId: post.id,
    commentId: null,
    people: content.people,
    communities: content.communities,
  });
  const events = await notifyMentions(trx, actor, {
    postId: post.id,
    commentId: null,
    communityId: post.communityId,
    people: content.people,
    skip: before,
  });
  return { tags: content.hashtags, events };
}

/** Takes a richer kind's post out of every read (its author unpublishing it), inside the caller's transaction. */
export async function removeKindPost(trx: Transaction<DB>, actor: Actor, postId: string): Promise<RealtimeEvent[]> {
  requireAction(actor, 'content.write');
  const post = await q.postFacts(trx, actor.orgId, postId, true);
  if (!post || post.deletedAt) {
    return [];
  }
  return removePost(trx, actor, post, null);
}

async function writePost(
  trx: Transaction<DB>,
  actor: Actor,
  input: {
    kind?: q.PostKind;
    title?: string | null;
    communityId: string | null;
    content: PreparedContent;
    sharedPostId: string | null;
    attachmentIds: string[];
    createdAt?: Date;
    notifyMentioned?: boolean;
    internalOnly?: boolean | undefined;
  },
): Promise<{ id: string; events: RealtimeEvent[] }> {
  const { communityId, content } = input;
  const id = newId();
  if (communityId) {
    await requirePostingRights(trx, actor, communityId);
  }
  const createdAt = input.createdAt ?? new Date();
  await q.insertPost(trx, {
    id,
    orgId: actor.orgId,
    authorId: actor.userId,
    communityId,
    kind: input.kind ?? 'post',
    title: input.title ?? null,
    body: content.body,
    bodyHtml: content.html,
    lang: content.lang,
    sharedPostId: input.sharedPostId,
    createdAt,
    internalOnly: input.internalOnly ?? false,
  });
  await q.addPostHashtags(trx, actor.orgId, id, content.hashtags, createdAt);
  await q.replaceMentions(trx, {
    orgId: actor.orgId,
    postId: id,
    commentId: null,
    people: content.people,
    communities: content.communities,
  });
  if (input.attachmentIds.length > 0) {
    await setAttachments(trx, actor, { postId: id }, input.attachmentIds);
  }
  if (input.sharedPostId) {
    await q.addShareCount(trx, actor.orgId, input.sharedPostId, 1);
  }
  const events = [
    ...(await recordEvents(trx, [postEvent(actor, { id, communityId, authorId: actor.userId }, 'post.created', content.hashtags)])),
    ...(input.notifyMentioned === false
      ? []
      : await notifyMentions(trx, actor, { postId: id, commentId: null, communityId, people: content.people })),
    ...(await awardRuleBadges(trx, actor.orgId, [actor.userId], ['first_post'])),
  ];
  return { id, events };
}

/**
 * Publishes a post in a community the author may post in, or on the author's own profile; optionally
 * sharing another post the author may read. Mentioned people who may read it are notified.
 */
export async function createPost(ctx: Ctx, actor: Actor, input: NewPostInput): Promise<PostView> {
  requireAction(actor, 'content.write');
  const communityId = input.communityId ?? null;
  const attachmentIds = input.attachmentIds ?? [];
  const body = requireText(input.body, attachmentIds.length > 0 || input.sharedPostId !== undefined, 'post');
  const content = await prepareContent(ctx.db, actor, body, input.lang);
  const id = await writeAndPublish(ctx, async (trx) => {
    let sharedPostId: string | null = null;
    if (input.sharedPostId) {
      const original = await readablePost(trx, actor, input.sharedPostId, true);
      if (original.post.hiddenAt) {
        throw badRequest('POST_HIDDEN', 'A moderator hid this post, so it cannot be shared.');
      }
      sharedPostId = original.post.id;
    }
    const written = await writePost(trx, actor, { communityId, content, sharedPostId, attachmentIds, internalOnly: input.internalOnly });
    return { result: written.id, events: written.events };
  });
  return presentOne(ctx, actor, id);
}

/** One post, if the actor may read it. */
export async function getPost(ctx: Ctx, actor: Actor, id: string): Promise<PostView> {
  requireAction(actor, 'content.read');
  return presentOne(ctx, actor, id);
}

export interface PostPatchInput {
  body?: string | undefined;
  lang?: ContentLang | undefined;
  attachmentIds?: string[] | undefined;
  internalOnly?: boolean | undefined;
}

/**
 * Marks a post internal-only (or not) in the caller's transaction; marking it withdraws its
 * shareable items at once, so that nothing internal stays ready to share outside.
 */
async function setInternalOnly(trx: Transaction<DB>, actor: Actor, postId: string, internalOnly: boolean): Promise<void> {
  await q.setInternalOnly(trx, actor.orgId, postId, internalOnly);
  if (internalOnly) {
    await withdrawItemsOfPost(trx, actor.orgId, postId);
  }
}

/**
 * Edits one's own post: the previous text is kept as a revision, the post shows as edited, hashtags and
 * mentions follow the new text, and people mentioned for the first time are notified.
 */
export async function updatePost(ctx: Ctx, actor: Actor, id: string, patch: PostPatchInput): Promise<PostView> {
  requireAction(actor, 'content.write');
  await writeAndPublish(ctx, async (trx) => {
    const access = await readablePost(trx, actor, id, true);
    const post = access.post;
    const flagOnly = patch.body === undefined && patch.lang === undefined && patch.attachmentIds === undefined;
    if (flagOnly && patch.internalOnly !== undefined) {
      // Any kind may be kept inside by its author; communications staff may also keep anyone's post inside (never the reverse).
      if (!access.abilities.canEdit && !(patch.internalOnly && can(actor, 'advocacy.manage'))) {
        throw forbidden('NOT_AUTHOR', 'Only the author can change this post.');
      }
      await setInternalOnly(trx, actor, id, patch.internalOnly);
      return { result: undefined, events: [] };
    }
    if (post.kind === 'article' || post.kind === 'announcement') {
      throw conflict('EDIT_AT_SOURCE', `This post is an ${post.kind}: edit it from its own page.`);
    }
    if (!access.abilities.canEdit) {
      if (post.authorId === actor.userId) {
        throw forbidden('POST_HIDDEN', 'A moderator hid this post, so it can no longer be edited.');
      }
      throw forbidden('NOT_AUTHOR', 'Only the author can edit this post.');
    }
    const events: RealtimeEvent[] = [];
    let tags: string[];
    if (patch.internalOnly !== undefined) {
      await setInternalOnly(trx, actor, id, patch.internalOnly);
    }
    if (patch.attachmentIds !== undefined) {
      await setAttachments(trx, actor, { postId: id }, patch.attachmentIds);
    }
    if (patch.body !== undefined) {
      const attached = patch.attachmentIds ?? (await attachmentViews(trx, actor.orgId, { postIds: [id] })).get(id) ?? [];
      const body = requireText(patch.body, attached.length > 0 || post.sharedPostId !== null, 'post');
      const content = await prepareContent(trx, actor, body, patch.lang);
      const revised = await reviseContent(trx, actor, post, content);
      tags = revised.tags;
      events.push(...revised.events);
    } else {
      await q.touchEdited(trx, actor.orgId, id, patch.lang);
      tags = await q.postHashtags(trx, id);
    }
    events.unshift(...(await recordEvents(trx, [postEvent(actor, post, 'post.updated', tags)])));
    return { result: undefined, events };
  });
  return presentOne(ctx, actor, id);
}

/** Deletes a post: its author, or a moderator of its community. */
export async function deletePost(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  requireAction(actor, 'content.write');
  await writeAndPublish(ctx, async (trx) => {
    const access = await readablePost(trx, actor, id, true);
    if (!access.abilities.canDelete) {
      throw forbidden('FORBIDDEN', 'Only the author or a moderator can delete this post.');
    }
    return { result: undefined, events: await removePost(trx, actor, access.post, null) };
  });
}

/** Earlier versions of a post's text, newest first: for its author and the moderators of its community. */
export async function postRevisions(ctx: Ctx, actor: Actor, id: string, page: { cursor?: string | undefined; limit?: number | undefined }) {
  requireAction(actor, 'content.read');
  const access = await readablePost(ctx.db, actor, id);
  if (access.post.authorId !== actor.userId && !access.moderator) {
    throw forbidden('FORBIDDEN', 'Only the author and the moderators can see earlier versions of this post.');
  }
  const limit = page.limit ?? 20;
  const rows = await q.revisions(ctx.db, actor.orgId, id, limit, decodeTimeCursor(page.cursor));
  const { page: items, nextCursor } = keysetPage(rows, limit);
  return {
    items: items.map((r) => ({
      id: r.id,
      body: r.body,
      html: renderMarkdown(r.body).html,
      editor: r.editorId
        ? { id: r.editorId, name: r.editorName ?? '', title: r.editorTitle, photoUrl: photoUrl(r.editorId, r.editorPhotoKey ?? null) }
        : null,
      createdAt: r.createdAt,
    })),
    nextCursor,
  };
}

/** Pins or unpins a post: moderators in a community, the owner on a profile; at most three at once. */
export async function setPinned(ctx: Ctx, actor: Actor, id: string, pinned: boolean): Promise<PostView> {
  requireAction(actor, 'content.write');
  await writeAndPublish(ctx, async (trx) => {
    const access = await readablePost(trx, actor, id, true);
    if (!access.abilities.canPin) {
      throw forbidden(
        'FORBIDDEN',
        access.post.communityId ? 'Only moderators can pin posts in this community.' : 'Only the owner of this profile can pin its posts.',
      );
    }
    const post = access.post;
    if ((post.pinnedAt !== null) === pinned) {
      return { result: undefined, events: [] };
    }
    if (pinned) {
      const scope = post.communityId ? { communityId: post.communityId } : { profileOf: post.authorId };
      await q.lockPinScope(trx, actor.orgId, scope);
      if ((await q.pinnedCount(trx, actor.orgId, scope)) >= MAX_PINNED) {
        throw conflict('PIN_LIMIT', `At most ${MAX_PINNED} posts can be pinned at once. Unpin one first.`, { limit: MAX_PINNED });
      }
    }
    await q.setPinned(trx, actor.orgId, id, pinned);
    const events = await recordEvents(trx, [postEvent(actor, post, 'post.updated', await q.postHashtags(trx, id))]);
    return { result: undefined, events };
  });
  return presentOne(ctx, actor, id);
}

/** Saves a post the actor may read to their bookmarks, or takes it off; both are idempotent. */
export async function setBookmark(ctx: Ctx, actor: Actor, id: string, bookmarked: boolean): Promise<{ bookmarked: boolean }> {
  requireAction(actor, 'content.write');
  if (bookmarked) {
    await readablePost(ctx.db, actor, id);
    await q.addBookmark(ctx.db, actor.orgId, actor.userId, id);
  } else {
    // Taking a bookmark off needs no access: it is the actor's own row, and the post may have become unreadable.
    await q.removeBookmark(ctx.db, actor.orgId, actor.userId, id);
  }
  return { bookmarked };
}

/** Hashtags beginning with what was typed, most used first, among those the actor can see in use. */
export async function suggestHashtags(ctx: Ctx, actor: Actor, typed: string): Promise<{ items: { tag: string }[] }> {
  requireAction(actor, 'content.read');
  const prefix = typed.trim().replace(/^#/, '').toLowerCase();
  if (!prefix || !/^[\p{L}\p{N}_-]+$/u.test(prefix)) {
    return { items: [] };
  }
  const tags = await q.suggestHashtags(ctx.db, actor.orgId, actor.userId, prefix, HASHTAG_SUGGESTIONS);
  return { items: tags.map((tag) => ({ tag })) };
}
