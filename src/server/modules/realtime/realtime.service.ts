import type { Ctx } from '../../platform/context.js';
import { unauthorized } from '../../platform/errors.js';
import type { RealtimeEvent } from '../../platform/events.js';
import { communityAbilities, requireAction, type Actor } from '../../platform/policy.js';
import { REALTIME_MAX_WATCHED, type Visibility } from '../../../shared/social.js';
import { communityAccess } from '../communities/communities.access.js';
import * as q from './realtime.queries.js';

/** A replay longer than this is replaced by a resync: refetching the screen is cheaper. */
export const REPLAY_LIMIT = 500;
/** Replays repeat this many seconds of events, for ids that committed after higher ones (see `replayFloor`). */
export const REPLAY_WINDOW_SECONDS = 30;
/** Events are kept this long for clients that reconnect; older ones are pruned. */
export const RETENTION_HOURS = 24;
/** A node that lost its link to the others replays at most this many events before asking every client to resync. */
const CATCH_UP_LIMIT = 5000;

/** What one signed-in person's socket receives: their channels and the hashtags they follow. */
export interface Subscription {
  /** Community id → the person's membership status there (only the statuses that change reading). */
  memberships: Map<string, 'active' | 'banned'>;
  /** `user:<me>`, `profile:<me>`, `profile:<followee>`, `community:<member of>`; watched posts are kept apart. */
  channels: Set<string>;
  tags: Set<string>;
}

export type Replay = { kind: 'events'; events: RealtimeEvent[]; lastId: number } | { kind: 'resync'; lastId: number };

/**
 * Refuses whoever may not open the realtime socket: a signed-in person with a browser session (the
 * socket re-checks that session while it is open, which a token cannot offer).
 */
export function requireRealtime(actor: Actor | null): Actor {
  const a = requireAction(actor, 'content.read');
  if (a.via !== 'session') {
    throw unauthorized('SESSION_REQUIRED', 'The live connection needs a signed-in session.');
  }
  return a;
}

/** The subscriptions of these people (of one or several organisations), batched per organisation. */
export async function subscriptionsOf(ctx: Ctx, actors: readonly Actor[]): Promise<Map<string, Subscription>> {
  const byOrg = new Map<string, string[]>();
  for (const a of actors) {
    requireAction(a, 'content.read');
    byOrg.set(a.orgId, [...(byOrg.get(a.orgId) ?? []), a.userId]);
  }
  const out = new Map<string, Subscription>();
  for (const [orgId, userIds] of byOrg) {
    const rows = await q.subscriptionRows(ctx.db, orgId, userIds);
    for (const [userId, r] of rows) {
      // `org` carries organisation-wide hints (announcements, urgent broadcasts, safety checks, AMAs).
      const channels = new Set(['org', `user:${userId}`, `profile:${userId}`, ...r.followees.map((id) => `profile:${id}`)]);
      for (const [communityId, status] of r.memberships) {
        if (status === 'active') {
          channels.add(`community:${communityId}`);
        }
      }
      out.set(userId, { memberships: r.memberships, channels, tags: new Set(r.tags) });
    }
  }
  return out;
}

/**
 * Whether the person may read posts of this community, from what the subscription knows. Only
 * membership status and visibility matter to reading; the policy decides.
 */
export function canReadCommunity(actor: Actor, sub: Subscription, visibility: Visibility): (communityId: string) => boolean {
  return (communityId) => {
    const status = sub.memberships.get(communityId);
    return communityAbilities(actor, {
      visibility,
      archived: false,
      isAllCompany: false,
      synced: false,
      membership: status ? { role: 'member', status, viaSync: false } : null,
    }).canRead;
  };
}

/**
 * Of these posts, the ones the person may read, with their community (null for a profile post), at
 * most REALTIME_MAX_WATCHED. Removed posts are out; hidden ones only for their author and moderators.
 */
export async function watchablePosts(ctx: Ctx, actor: Actor, postIds: readonly string[]): Promise<Map<string, string | null>> {
  requireAction(actor, 'content.read');
  const posts = await q.postFacts(ctx.db, actor.orgId, postIds.slice(0, REALTIME_MAX_WATCHED));
  const access = await communityAccess(
    ctx.db,
    actor,
    posts.flatMap((p) => (p.communityId ? [p.communityId] : [])),
  );
  const out = new Map<string, string | null>();
  for (const p of posts) {
    const community = p.communityId ? access.get(p.communityId) : null;
    if (p.deletedAt || community === undefined || (community && !community.canRead)) {
      continue;
    }
    if (p.hiddenAt && p.authorId !== actor.userId && !(community?.canModerate ?? actor.roles.includes('admin'))) {
      continue;
    }
    out.set(p.id, p.communityId);
  }
  return out;
}

/**
 * What a reconnecting client missed since `lastId` on its channels (and new posts with hashtags it
 * follows), or a resync when that is more than REPLAY_LIMIT or older than the log keeps. The replay
 * starts REPLAY_WINDOW_SECONDS early, so it may repeat events the client already has; it drops them.
 */
export async function replay(ctx: Ctx, actor: Actor, sub: Subscription, watched: Iterable<string>, lastId: number): Promise<Replay> {
  requireAction(actor, 'content.read');
  const range = await q.eventIdRange(ctx.db);
  const max = range.max ?? 0;
  // A lastId from the future (another database) or from before what the log still holds cannot be replayed.
  if (lastId > max || (range.min === null ? lastId > 0 : lastId < range.min - 1)) {
    return { kind: 'resync', lastId: max };
  }
  const floor = await q.replayFloor(ctx.db, lastId, REPLAY_WINDOW_SECONDS);
  const channels = [...sub.channels, ...[...watched].map((id) => `post:${id}`)];
  const [onChannels, tagged] = await Promise.all([
    q.eventsOnChannels(ctx.db, actor.orgId, channels, floor, REPLAY_LIMIT + 1),
    q.taggedPostEvents(ctx.db, actor.orgId, actor.userId, [...sub.tags], floor, REPLAY_LIMIT + 1),
  ]);
  const byId = new Map([...onChannels, ...tagged].map((e) => [e.id, e]));
  if (byId.size > REPLAY_LIMIT) {
    return { kind: 'resync', lastId: max };
  }
  return { kind: 'events', events: [...byId.values()].sort((a, b) => a.id - b.id), lastId: max };
}

/** The newest event id: where a new client starts. */
export async function latestEventId(ctx: Ctx): Promise<number> {
  return (await q.eventIdRange(ctx.db)).max ?? 0;
}

/**
 * Events any organisation published since a node lost its link to the other nodes (with the replay
 * window before it), or null when there are too many and every client should resync instead.
 */
export async function eventsSince(ctx: Ctx, since: Date): Promise<RealtimeEvent[] | null> {
  const from = new Date(since.getTime() - REPLAY_WINDOW_SECONDS * 1000);
  const events = await q.eventsCreatedSince(ctx.db, from, CATCH_UP_LIMIT + 1);
  return events.length > CATCH_UP_LIMIT ? null : events;
}

/** Hashtags of these posts of one organisation (for people following a hashtag rather than a community). */
export function tagsOfPosts(ctx: Ctx, orgId: string, postIds: readonly string[]): Promise<Map<string, string[]>> {
  return q.tagsOfPosts(ctx.db, orgId, postIds);
}

/** Visibility of these communities of one organisation. */
export function visibilityOf(ctx: Ctx, orgId: string, communityIds: readonly string[]): Promise<Map<string, Visibility>> {
  return q.communityVisibility(ctx.db, orgId, communityIds);
}

/** Deletes events older than the retention, in batches so that no statement holds locks for long. */
export async function pruneEvents(ctx: Ctx, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - RETENTION_HOURS * 3600_000);
  let total = 0;
  for (;;) {
    const n = await q.deleteEventsBefore(ctx.db, cutoff, 5000);
    total += n;
    if (n < 5000) {
      return total;
    }
  }
}
