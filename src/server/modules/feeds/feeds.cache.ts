import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { followNotices, ScopedCache } from '../../platform/cache.js';
import type { RealtimeEvent } from '../../platform/events.js';
import type { Actor } from '../../platform/policy.js';

/** How long a cached page may live when nothing says it is stale. */
export const FEED_CACHE_TTL_MS = 60_000;

export interface CachedPage {
  json: string;
  /** Every post the page shows, shared originals included: a change to any of them makes it stale. */
  postIds: readonly string[];
}

/** What a page is cached under: the person, and everything about their sign-in that shapes what they see. */
export function feedCacheKey(actor: Actor, variant: string): string {
  return `${actor.orgId}:${actor.userId}|${[...actor.roles].sort().join(',')}|${actor.via}|${[...actor.scopes].sort().join(',')}|${variant}`;
}

/**
 * The first page of each person's home feed as sent, per node (see `ScopedCache` for what drops
 * entries besides the rules here). Realtime events from every node drop what they change: a post
 * created or deleted drops the organisation's pages, a change to one post (edit, moderation, comment,
 * reaction) the pages that show it, a membership or follow change the person's pages.
 */
export function feedCache(maxEntries: number): ScopedCache<string> {
  return new ScopedCache<string>(maxEntries, FEED_CACHE_TTL_MS);
}

export function onFeedEvent(cache: ScopedCache<string>, e: RealtimeEvent): void {
  if (e.type === 'post.created' || e.type === 'post.deleted') {
    cache.dropOrg(e.orgId);
    return;
  }
  const postId = e.payload.postId;
  if (typeof postId === 'string') {
    cache.dropTag(e.orgId, postId);
  }
  if (e.channel.startsWith('user:') && (e.type === 'membership.changed' || e.type === 'follows.changed')) {
    cache.dropUser(e.orgId, e.channel.slice('user:'.length));
  }
}

export function installFeedCache(app: FastifyInstance, ctx: Ctx): void {
  if (!ctx.feedCache.enabled) {
    return;
  }
  followNotices(app, ctx, ctx.feedCache);
  const off = ctx.bus.subscribe((e) => onFeedEvent(ctx.feedCache, e));
  app.addHook('onClose', async () => off());
}
