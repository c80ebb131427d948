import type { Ctx } from '../../platform/context.js';
import { badRequest, notFound, unprocessable } from '../../platform/errors.js';
import { can, requireAction, type Actor } from '../../platform/policy.js';
import { photoUrl } from '../../../shared/urls.js';
import { SOCIAL_LIMITS, type FeedSort } from '../../../shared/social.js';
import { communityAccess } from '../communities/communities.access.js';
import { notify } from '../notifications/notifications.service.js';
import { presentPosts } from '../posts/posts.service.js';
import type { PostView } from '../posts/posts.schemas.js';
import {
  decodeScoreKey,
  decodeTagKey,
  decodeTimeKey,
  encodeScoreKey,
  encodeTagKey,
  encodeTimeKey,
  type ScoreKey,
  type TimeKey,
} from './feeds.cursor.js';
import { feedCacheKey } from './feeds.cache.js';
import * as q from './feeds.queries.js';

/** How many sources one person's home feed may draw from; each is an index walk per page. */
export const FOLLOW_LIMITS = { people: 2000, hashtags: 200 } as const;
/** The "new posts" banner counts up to this many; beyond it the client just says "many". */
export const NEWS_CAP = 100;
/** Pinned posts shown above a community's first page. */
const PINNED_CAP = 10;

export interface FeedPage {
  items: PostView[];
  nextCursor: string | null;
}

interface PageInput {
  cursor?: string | undefined;
  limit?: number | undefined;
}

const viewer = (actor: Actor): q.Viewer => ({ orgId: actor.orgId, userId: actor.userId });
const pageSize = (input: PageInput) => input.limit ?? SOCIAL_LIMITS.feedPage;
const nowUs = () => Date.now() * 1000;

/**
 * The home feed reads a look-back window at a time: most pages are found within hours, reading a few
 * dozen posts instead of a page from every community and person followed. A window that held too few
 * posts is widened in proportion to what it held; past the widest, the read is unbounded.
 */
export const HOME_WINDOW = { firstHours: 6, widestHours: 24 * 60 } as const;

/** Reads with growing look-back windows below `fromUs` until `wanted` rows are found (or nothing bounds the read). */
async function windowed<T>(read: (sinceUs: number | undefined) => Promise<T[]>, fromUs: number, wanted: number): Promise<T[]> {
  let hours: number = HOME_WINDOW.firstHours;
  while (hours <= HOME_WINDOW.widestHours) {
    const rows = await read(fromUs - hours * 3_600_000_000);
    if (rows.length >= wanted) {
      return rows;
    }
    hours *= Math.max(4, Math.ceil((2 * wanted) / Math.max(rows.length, 1)));
  }
  return read(undefined);
}

/** Renders a page read as `limit + 1` rows: the extra row only says that another page follows. */
async function timePage(ctx: Ctx, actor: Actor, rows: q.TimeRow[], limit: number, lead: string[] = []): Promise<FeedPage> {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const items = await presentPosts(ctx.db, actor, [...lead, ...page.map((r) => r.id)]);
  return { items, nextCursor: rows.length > limit && last ? encodeTimeKey(last) : null };
}

async function scorePage(ctx: Ctx, actor: Actor, rows: q.ScoreRow[], limit: number, asOfUs: number): Promise<FeedPage> {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const items = await presentPosts(
    ctx.db,
    actor,
    page.map((r) => r.id),
  );
  return { items, nextCursor: rows.length > limit && last ? encodeScoreKey({ score: last.score, id: last.id, asOfUs }) : null };
}

/** A "top" cursor fixes the moment the ranking was computed at, so that later pages continue the same ranking. */
function scoreCursor(cursor: string | undefined): { after: ScoreKey | undefined; asOfUs: number } {
  const after = decodeScoreKey(cursor);
  return { after, asOfUs: after?.asOfUs ?? nowUs() };
}

/**
 * The home feed: posts of the communities the person is in (All company among them), of the people
 * and hashtags they follow, announcements addressed to them, and their own; newest first or by engagement. The first page also
 * carries `head`, the newest post's position, for the "new posts" banner (`feedNews`).
 */
export async function homeFeed(
  ctx: Ctx,
  actor: Actor,
  input: PageInput & { sort?: FeedSort | undefined },
): Promise<FeedPage & { head: string | null }> {
  requireAction(actor, 'content.read');
  const limit = pageSize(input);
  const v = viewer(actor);
  if (input.sort === 'top') {
    const { after, asOfUs } = scoreCursor(input.cursor);
    const [rows, newest] = await Promise.all([
      q.homeTop(ctx.db, v, { asOfUs, after, limit: limit + 1 }),
      after ? Promise.resolve([]) : q.homeLatest(ctx.db, v, { limit: 1 }),
    ]);
    const page = await scorePage(ctx, actor, rows, limit, asOfUs);
    return { ...page, head: newest[0] ? encodeTimeKey(newest[0]) : null };
  }
  const before = decodeTimeKey(input.cursor);
  const rows = await windowed(
    (sinceUs) => q.homeLatest(ctx.db, v, { before, sinceUs, limit: limit + 1 }),
    before?.us ?? nowUs(),
    limit + 1,
  );
  const page = await timePage(ctx, actor, rows, limit);
  return { ...page, head: !before && rows[0] ? encodeTimeKey(rows[0]) : null };
}

/**
 * The home feed as sent: the first page of "latest" comes from the feed cache when it holds a fresh copy
 * for this person (see feeds.cache.ts); anything else is read. `serialize` turns a page into the
 * route's JSON, so that both ways answer the same bytes.
 */
export async function homeFeedJson(
  ctx: Ctx,
  actor: Actor,
  input: PageInput & { sort?: FeedSort | undefined },
  serialize: (page: FeedPage & { head: string | null }) => string,
): Promise<string> {
  requireAction(actor, 'content.read');
  const cache = ctx.feedCache;
  if (!cache.enabled || input.cursor || (input.sort ?? 'latest') !== 'latest') {
    return serialize(await homeFeed(ctx, actor, input));
  }
  const key = feedCacheKey(actor, `latest:${pageSize(input)}`);
  const cached = cache.get(key);
  if (cached !== undefined) {
    return cached;
  }
  const generation = cache.begin(actor.orgId);
  const page = await homeFeed(ctx, actor, input);
  const json = serialize(page);
  cache.store(
    actor,
    key,
    generation,
    json,
    page.items.flatMap((p) => (p.shared ? [p.id, p.shared.id] : [p.id])),
  );
  return json;
}

/**
 * How many posts reached the home feed after `since` (a `head` from the feed), up to NEWS_CAP, and
 * the new head. The client asks when a realtime event says something was posted where it listens.
 */
export async function feedNews(ctx: Ctx, actor: Actor, input: { since: string }): Promise<{ count: number; head: string }> {
  requireAction(actor, 'content.read');
  const after = decodeTimeKey(input.since)!;
  const rows = await q.homeLatest(ctx.db, viewer(actor), { after, limit: NEWS_CAP });
  return { count: rows.length, head: rows[0] ? encodeTimeKey(rows[0]) : input.since };
}

/** A community's feed: its pinned posts first (first page only), then the rest newest first. */
export async function communityFeed(ctx: Ctx, actor: Actor, communityId: string, input: PageInput): Promise<FeedPage> {
  requireAction(actor, 'content.read');
  const abilities = (await communityAccess(ctx.db, actor, [communityId])).get(communityId);
  if (!abilities?.canRead) {
    throw notFound('community');
  }
  const limit = pageSize(input);
  const before = decodeTimeKey(input.cursor);
  const [pinned, rows] = await Promise.all([
    before ? Promise.resolve([]) : q.pinnedPosts(ctx.db, actor.orgId, { communityId }, PINNED_CAP),
    q.communityLatest(ctx.db, actor.orgId, communityId, { before, limit: limit + 1 }),
  ]);
  return timePage(ctx, actor, rows, limit, pinned);
}

async function requirePerson(ctx: Ctx, actor: Actor, personId: string) {
  const person = await q.findPerson(ctx.db, actor.orgId, personId);
  if (!person || (person.status !== 'active' && !can(actor, 'people.admin'))) {
    throw notFound('person');
  }
  return person;
}

/**
 * A person's posts: those on their profile and those in communities the viewer may read; the posts
 * they pinned to their profile first, on the first page.
 */
export async function profileFeed(ctx: Ctx, actor: Actor, personId: string, input: PageInput): Promise<FeedPage> {
  requireAction(actor, 'content.read');
  await requirePerson(ctx, actor, personId);
  const limit = pageSize(input);
  const before = decodeTimeKey(input.cursor);
  const [pinned, rows] = await Promise.all([
    before ? Promise.resolve([]) : q.pinnedPosts(ctx.db, actor.orgId, { profileOf: personId }, PINNED_CAP),
    q.profileLatest(ctx.db, viewer(actor), personId, { before, limit: limit + 1 }),
  ]);
  return timePage(ctx, actor, rows, limit, pinned);
}

const TAG = /^[\p{L}\p{N}_-]{2,50}$/u;

/** A hashtag as typed in a URL ("#Release-2", "release-2") in its stored form, or 400. */
export function normalizeTag(raw: string): string {
  const tag = raw.trim().replace(/^#/, '').normalize('NFC').toLowerCase();
  if (!TAG.test(tag)) {
    throw badRequest('INVALID_HASHTAG', 'A hashtag is 2 to 50 letters, digits, hyphens or underscores.');
  }
  return tag;
}

/** Posts with a hashtag that the viewer may read, newest first. */
export async function hashtagFeed(ctx: Ctx, actor: Actor, rawTag: string, input: PageInput): Promise<FeedPage> {
  requireAction(actor, 'content.read');
  const tag = normalizeTag(rawTag);
  const limit = pageSize(input);
  const rows = await q.hashtagLatest(ctx.db, viewer(actor), tag, { before: decodeTimeKey(input.cursor), limit: limit + 1 });
  return timePage(ctx, actor, rows, limit);
}

export interface HashtagView {
  tag: string;
  postCount: number;
  following: boolean;
}

/**
 * A hashtag's header: how many posts the viewer may read with it (never counting what they may not
 * see, which would reveal that a private conversation exists) and whether they follow it. A tag
 * nobody used yet is answered with a count of zero, so that it can be followed before its first post.
 */
export async function getHashtag(ctx: Ctx, actor: Actor, rawTag: string): Promise<HashtagView> {
  requireAction(actor, 'content.read');
  const tag = normalizeTag(rawTag);
  const v = viewer(actor);
  const [postCount, following] = await Promise.all([
    q.hashtagPostCount(ctx.db, v, tag),
    q.followsHashtag(ctx.db, actor.orgId, actor.userId, tag),
  ]);
  return { tag, postCount, following };
}

/** The viewer's bookmarks they may still read, most recently saved first. */
export async function bookmarksFeed(ctx: Ctx, actor: Actor, input: PageInput): Promise<FeedPage> {
  requireAction(actor, 'content.read');
  const limit = pageSize(input);
  const rows = await q.bookmarks(ctx.db, viewer(actor), { before: decodeTimeKey(input.cursor), limit: limit + 1 });
  return timePage(ctx, actor, rows, limit);
}

/** What is popular across the company this week, among what the viewer may read. */
export async function discoverFeed(ctx: Ctx, actor: Actor, input: PageInput): Promise<FeedPage> {
  requireAction(actor, 'content.read');
  const limit = pageSize(input);
  const { after, asOfUs } = scoreCursor(input.cursor);
  const rows = await q.discover(ctx.db, viewer(actor), { asOfUs, after, limit: limit + 1 });
  return scorePage(ctx, actor, rows, limit, asOfUs);
}

export interface FollowState {
  following: boolean;
  followsYou: boolean;
  followerCount: number;
  followingCount: number;
}

/** Whether the viewer follows this person (and the reverse), with the counts a profile shows. */
export async function followStateOf(ctx: Ctx, actor: Actor, personId: string): Promise<FollowState> {
  requireAction(actor, 'content.read');
  await requirePerson(ctx, actor, personId);
  return q.followState(ctx.db, actor.orgId, actor.userId, personId);
}

/** Follows a person: their posts join the viewer's home feed, and they are told (once) who followed them. */
export async function followPerson(ctx: Ctx, actor: Actor, personId: string): Promise<FollowState> {
  requireAction(actor, 'content.write');
  if (personId === actor.userId) {
    throw badRequest('CANNOT_FOLLOW_SELF', 'You cannot follow yourself.');
  }
  const person = await q.findPerson(ctx.db, actor.orgId, personId);
  if (!person || person.status !== 'active') {
    throw notFound('person');
  }
  const events = await ctx.db.transaction().execute(async (trx) => {
    const counts = await q.followCounts(trx, actor.orgId, actor.userId);
    if (counts.people >= FOLLOW_LIMITS.people) {
      throw unprocessable('FOLLOW_LIMIT', `You can follow up to ${FOLLOW_LIMITS.people} people.`, { limit: FOLLOW_LIMITS.people });
    }
    const added = await q.insertFollow(trx, actor.orgId, actor.userId, personId);
    return added ? notify(trx, [{ orgId: actor.orgId, userId: personId, type: 'follow', actorId: actor.userId }]) : [];
  });
  await ctx.bus.publish(events);
  return q.followState(ctx.db, actor.orgId, actor.userId, personId);
}

/** Stops following a person; unfollowing someone not followed is not an error. */
export async function unfollowPerson(ctx: Ctx, actor: Actor, personId: string): Promise<FollowState> {
  requireAction(actor, 'content.write');
  await requirePerson(ctx, actor, personId);
  await q.deleteFollow(ctx.db, actor.orgId, actor.userId, personId);
  return q.followState(ctx.db, actor.orgId, actor.userId, personId);
}

/** Follows a hashtag: its readable posts join the viewer's home feed. A tag may be followed before its first post. */
export async function followHashtag(ctx: Ctx, actor: Actor, rawTag: string): Promise<HashtagView> {
  requireAction(actor, 'content.write');
  const tag = normalizeTag(rawTag);
  await ctx.db.transaction().execute(async (trx) => {
    const counts = await q.followCounts(trx, actor.orgId, actor.userId);
    if (counts.hashtags >= FOLLOW_LIMITS.hashtags && !(await q.followsHashtag(trx, actor.orgId, actor.userId, tag))) {
      throw unprocessable('FOLLOW_LIMIT', `You can follow up to ${FOLLOW_LIMITS.hashtags} hashtags.`, { limit: FOLLOW_LIMITS.hashtags });
    }
    await q.insertHashtagFollow(trx, actor.orgId, actor.userId, tag);
  });
  return getHashtag(ctx, actor, tag);
}

export async function unfollowHashtag(ctx: Ctx, actor: Actor, rawTag: string): Promise<HashtagView> {
  requireAction(actor, 'content.write');
  const tag = normalizeTag(rawTag);
  await q.deleteHashtagFollow(ctx.db, actor.orgId, actor.userId, tag);
  return getHashtag(ctx, actor, tag);
}

export interface FollowingItem {
  kind: 'person' | 'hashtag';
  person: { id: string; name: string; title: string | null; photoUrl: string | null } | null;
  tag: string | null;
  since: Date;
}

/** The people (or hashtags) the viewer follows, most recently followed first. */
export async function following(
  ctx: Ctx,
  actor: Actor,
  input: PageInput & { type?: 'people' | 'hashtags' | undefined },
): Promise<{ items: FollowingItem[]; nextCursor: string | null }> {
  requireAction(actor, 'content.read');
  const limit = input.limit ?? 50;
  const v = viewer(actor);
  if (input.type === 'hashtags') {
    const rows = await q.followedHashtags(ctx.db, v, { before: decodeTagKey(input.cursor), limit: limit + 1 });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => ({ kind: 'hashtag' as const, person: null, tag: r.tag, since: usToDate(r.us) })),
      nextCursor: rows.length > limit && last ? encodeTagKey(last) : null,
    };
  }
  const rows = await q.followedPeople(ctx.db, v, { before: decodeTimeKey(input.cursor), limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      kind: 'person' as const,
      person: { id: r.id, name: r.name, title: r.title, photoUrl: photoUrl(r.id, r.photoKey) },
      tag: null,
      since: usToDate(r.us),
    })),
    nextCursor: rows.length > limit && last ? encodeTimeKey(last satisfies TimeKey) : null,
  };
}

const usToDate = (us: number) => new Date(Math.floor(us / 1000));
