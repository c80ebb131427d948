import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { notFound } from '../../platform/errors.js';
import { contentAbilities, type Actor, type CommunityAbilities, type ContentAbilities } from '../../platform/policy.js';
import { communityAccess } from '../communities/communities.access.js';
import * as cq from './comments.queries.js';
import * as q from './posts.queries.js';
import { kindNarrowsReaders, loadPostExtras } from './post-extras.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** One post as the actor stands towards it. */
export interface PostAccess {
  post: q.PostFacts;
  /** The actor's abilities in the post's community; null for a post on a profile. */
  community: CommunityAbilities | null;
  /** Moderates the post's community, or administers the organisation. */
  moderator: boolean;
  /** May read it now: not deleted, in a community they may read, and not hidden from them. */
  readable: boolean;
  abilities: ContentAbilities;
}

export const isAdmin = (actor: Actor) => actor.roles.includes('admin');

/**
 * Whether a post is visible to the actor, given their abilities in its community: deleted posts to
 * nobody; hidden ones to their author and the moderators only.
 */
export function visibleTo(
  actor: Actor,
  p: { authorId: string; deleted: boolean; hidden: boolean },
  community: CommunityAbilities | null | undefined,
  communityId: string | null,
): boolean {
  if (p.deleted || (communityId !== null && !community?.canRead)) {
    return false;
  }
  return !p.hidden || p.authorId === actor.userId || isAdmin(actor) || (community?.canModerate ?? false);
}

export function postAbilities(
  actor: Actor,
  p: { authorId: string; communityId: string | null; hidden: boolean },
  community: CommunityAbilities | null,
) {
  return contentAbilities(actor, {
    authorId: p.authorId,
    community,
    ...(p.communityId === null ? { profileUserId: p.authorId } : {}),
    hidden: p.hidden,
  });
}

/** Looks a post up with the actor's standing towards it; undefined when it does not exist in the organisation. */
export async function postAccess(db: Executor, actor: Actor, postId: string, lock = false): Promise<PostAccess | undefined> {
  const post = await q.postFacts(db, actor.orgId, postId, lock);
  if (!post) {
    return undefined;
  }
  const community = post.communityId ? ((await communityAccess(db, actor, [post.communityId])).get(post.communityId) ?? null) : null;
  if (post.communityId && !community) {
    return undefined;
  }
  const hidden = post.hiddenAt !== null;
  const visible = visibleTo(actor, { authorId: post.authorId, deleted: post.deletedAt !== null, hidden }, community, post.communityId);
  // A richer kind decides who reads it (an announcement reaches its audience only): its comments,
  // reactions and shares follow the same rule as the post itself.
  const shown = visible && (!kindNarrowsReaders(post.kind) || (await loadPostExtras(db, actor, [post])).shows(post.id, post.kind));
  return {
    post,
    community,
    moderator: isAdmin(actor) || (community?.canModerate ?? false),
    readable: shown,
    abilities: postAbilities(actor, { authorId: post.authorId, communityId: post.communityId, hidden }, community),
  };
}

/** A post the actor may read, or 404 (a post they may not see is not revealed to exist). */
export async function readablePost(db: Executor, actor: Actor, postId: string, lock = false): Promise<PostAccess> {
  const access = await postAccess(db, actor, postId, lock);
  if (!access?.readable) {
    throw notFound('post');
  }
  return access;
}

/** One comment as the actor stands towards it, with its post. */
export interface CommentAccess {
  comment: cq.CommentFacts;
  post: PostAccess;
  /** May read it: its post is readable, it is not deleted, and not hidden from them. */
  readable: boolean;
  abilities: ContentAbilities;
}

export function commentAbilities(actor: Actor, c: { authorId: string; hidden: boolean }, post: PostAccess): ContentAbilities {
  const a = contentAbilities(actor, {
    authorId: c.authorId,
    community: post.community,
    ...(post.post.communityId === null ? { profileUserId: post.post.authorId } : {}),
    hidden: c.hidden,
  });
  return { ...a, canPin: false, canInteract: a.canInteract && post.abilities.canInteract };
}

/** Looks a comment up with the actor's standing towards it and its post; undefined when it does not exist. */
export async function commentAccess(db: Executor, actor: Actor, commentId: string, lock = false): Promise<CommentAccess | undefined> {
  const comment = await cq.commentFacts(db, actor.orgId, commentId, lock);
  if (!comment) {
    return undefined;
  }
  const post = await postAccess(db, actor, comment.postId);
  if (!post) {
    return undefined;
  }
  const hidden = comment.hiddenAt !== null;
  return {
    comment,
    post,
    readable: post.readable && comment.deletedAt === null && (!hidden || comment.authorId === actor.userId || post.moderator),
    abilities: commentAbilities(actor, { authorId: comment.authorId, hidden }, post),
  };
}

/** A comment the actor may read, or 404. */
export async function readableComment(db: Executor, actor: Actor, commentId: string, lock = false): Promise<CommentAccess> {
  const access = await commentAccess(db, actor, commentId, lock);
  if (!access?.readable) {
    throw notFound('comment');
  }
  return access;
}
