import type { Kysely, Transaction } from 'kysely';
import type { ContentLang, DB } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { badRequest } from '../../platform/errors.js';
import type { RealtimeEvent } from '../../platform/events.js';
import { renderMarkdown } from '../../platform/markdown.js';
import type { Actor } from '../../platform/policy.js';
import { detectLang } from '../../../shared/lang.js';
import { SOCIAL_LIMITS } from '../../../shared/social.js';
import { communityAccess, peopleWhoCanRead } from '../communities/communities.access.js';
import { notify } from '../notifications/notifications.service.js';
import * as q from './posts.queries.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** A text ready to store: rendered, its language decided, its mentions checked. */
export interface PreparedContent {
  body: string;
  html: string;
  lang: ContentLang;
  /** Active people of the organisation mentioned in it. */
  people: string[];
  /** Communities mentioned in it that the author can see. */
  communities: string[];
  hashtags: string[];
}

/** Renders a post's or comment's Markdown and checks what it mentions against the organisation. */
export async function prepareContent(db: Executor, actor: Actor, body: string, lang: ContentLang | undefined): Promise<PreparedContent> {
  const rendered = renderMarkdown(body);
  const { people, communities } = rendered.mentions;
  if (people.length + communities.length > SOCIAL_LIMITS.mentionsPerPost) {
    throw badRequest('TOO_MANY_MENTIONS', `Mention at most ${SOCIAL_LIMITS.mentionsPerPost} people and communities.`, {
      limit: SOCIAL_LIMITS.mentionsPerPost,
    });
  }
  if (rendered.hashtags.length > SOCIAL_LIMITS.hashtagsPerPost) {
    throw badRequest('TOO_MANY_HASHTAGS', `Use at most ${SOCIAL_LIMITS.hashtagsPerPost} hashtags.`, {
      limit: SOCIAL_LIMITS.hashtagsPerPost,
    });
  }
  const known = new Set(await q.existingPeople(db, actor.orgId, people));
  const access = await communityAccess(db, actor, communities);
  return {
    body,
    html: rendered.html,
    lang: lang ?? detectLang(body),
    people: people.filter((id) => known.has(id)),
    communities: communities.filter((id) => access.get(id)?.canSee),
    hashtags: rendered.hashtags,
  };
}

/**
 * Notifies the people newly mentioned in a post or comment — only those who may read it, so that a
 * mention never tells anyone about content they cannot see. Returns the events to publish after commit.
 */
export async function notifyMentions(
  db: Executor,
  actor: Actor,
  m: { postId: string; commentId: string | null; communityId: string | null; people: readonly string[]; skip?: ReadonlySet<string> },
): Promise<RealtimeEvent[]> {
  const candidates = m.people.filter((id) => id !== actor.userId && !m.skip?.has(id));
  const readers = await peopleWhoCanRead(db, actor.orgId, m.communityId, candidates);
  return notify(
    db,
    candidates
      .filter((id) => readers.has(id))
      .map((userId) => ({
        orgId: actor.orgId,
        userId,
        type: 'mention' as const,
        actorId: actor.userId,
        postId: m.postId,
        commentId: m.commentId,
        communityId: m.communityId,
      })),
  );
}

/** The realtime channel of a post: its community, or its author's profile. */
export const postChannel = (p: { communityId: string | null; authorId: string }) =>
  p.communityId ? `community:${p.communityId}` : `profile:${p.authorId}`;

/**
 * Runs a write in one transaction and publishes its realtime events once it has committed. A failure to
 * publish is logged, not answered: the change is saved, and clients catch up from the event log.
 */
export async function writeAndPublish<T>(
  ctx: Ctx,
  work: (trx: Transaction<DB>) => Promise<{ result: T; events: RealtimeEvent[] }>,
): Promise<T> {
  const { result, events } = await ctx.db.transaction().execute(work);
  if (events.length > 0) {
    try {
      await ctx.bus.publish(events);
    } catch (err) {
      ctx.log.warn({ err }, 'realtime publish failed');
    }
  }
  return result;
}

/** Trims a text and refuses one that is empty when nothing else (a file, a shared post) carries the message. */
export function requireText(body: string, allowEmpty: boolean, what: 'post' | 'comment'): string {
  // Leading blank lines and trailing space go; leading indentation stays (it may open a code block).
  const text = body.replace(/^(?:[ \t]*\r?\n)+/, '').trimEnd();
  if (!text && !allowEmpty) {
    throw badRequest(
      what === 'post' ? 'EMPTY_POST' : 'EMPTY_COMMENT',
      `Write something before you ${what === 'post' ? 'post' : 'comment'}.`,
    );
  }
  return text;
}
