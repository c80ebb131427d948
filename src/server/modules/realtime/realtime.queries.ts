import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { RealtimeEvent } from '../../platform/events.js';
import type { RealtimeEventType, Visibility } from '../../../shared/social.js';
import { readableBy } from '../communities/communities.access.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** What one person's subscriptions are made of. */
export interface SubscriptionRows {
  /** Community id → membership status, for the statuses that matter to reading (active, banned). */
  memberships: Map<string, 'active' | 'banned'>;
  followees: string[];
  tags: string[];
}

/** Memberships, followed people and followed hashtags of these people, in three queries whatever their number. */
export async function subscriptionRows(db: Executor, orgId: string, userIds: readonly string[]): Promise<Map<string, SubscriptionRows>> {
  const unique = [...new Set(userIds)];
  const out = new Map<string, SubscriptionRows>(unique.map((id) => [id, { memberships: new Map(), followees: [], tags: [] }]));
  if (unique.length === 0) {
    return out;
  }
  const [members, follows, tags] = await Promise.all([
    db
      .selectFrom('communityMembers')
      .select(['userId', 'communityId', 'status'])
      .where('orgId', '=', orgId)
      .where('userId', 'in', unique)
      .where('status', 'in', ['active', 'banned'])
      .execute(),
    db.selectFrom('follows').select(['followerId', 'followeeId']).where('orgId', '=', orgId).where('followerId', 'in', unique).execute(),
    db.selectFrom('hashtagFollows').select(['userId', 'tag']).where('orgId', '=', orgId).where('userId', 'in', unique).execute(),
  ]);
  for (const m of members) {
    out.get(m.userId)?.memberships.set(m.communityId, m.status as 'active' | 'banned');
  }
  for (const f of follows) {
    out.get(f.followerId)?.followees.push(f.followeeId);
  }
  for (const t of tags) {
    out.get(t.userId)?.tags.push(t.tag);
  }
  return out;
}

/** The facts the read rule needs about these posts; unknown ids are absent. */
export function postFacts(db: Executor, orgId: string, postIds: readonly string[]) {
  if (postIds.length === 0) {
    return Promise.resolve([]);
  }
  return db
    .selectFrom('posts')
    .select(['id', 'communityId', 'authorId', 'deletedAt', 'hiddenAt'])
    .where('orgId', '=', orgId)
    .where('id', 'in', [...new Set(postIds)])
    .execute();
}

/** Visibility of these communities (for deciding who outside a community may read a post in it). */
export async function communityVisibility(db: Executor, orgId: string, communityIds: readonly string[]): Promise<Map<string, Visibility>> {
  if (communityIds.length === 0) {
    return new Map();
  }
  const rows = await db
    .selectFrom('communities')
    .select(['id', 'visibility'])
    .where('orgId', '=', orgId)
    .where('id', 'in', [...new Set(communityIds)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.visibility]));
}

/** The hashtags of these posts. */
export async function tagsOfPosts(db: Executor, orgId: string, postIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (postIds.length === 0) {
    return out;
  }
  const rows = await db
    .selectFrom('postHashtags')
    .select(['postId', 'tag'])
    .where('orgId', '=', orgId)
    .where('postId', 'in', [...new Set(postIds)])
    .execute();
  for (const r of rows) {
    out.set(r.postId, [...(out.get(r.postId) ?? []), r.tag]);
  }
  return out;
}

/** The lowest and highest id still in the event log (null when it is empty). */
export async function eventIdRange(db: Executor): Promise<{ min: number | null; max: number | null }> {
  const row = await db
    .selectFrom('realtimeEvents')
    .select((eb) => [eb.fn.min('id').as('min'), eb.fn.max('id').as('max')])
    .executeTakeFirst();
  return { min: row?.min ?? null, max: row?.max ?? null };
}

/**
 * The id below which replays need not look: the lower of `lastId` and the first event of the last
 * `windowSeconds`. Identity ids are taken when a transaction inserts, not when it commits, so an event
 * with a lower id can become visible after a higher one; repeating a short window catches those.
 */
export async function replayFloor(db: Executor, lastId: number, windowSeconds: number): Promise<number> {
  const row = await db
    .selectFrom('realtimeEvents')
    .select((eb) => eb.fn.min('id').as('first'))
    .where('createdAt', '>', sql<Date>`now() - make_interval(secs => ${windowSeconds})`)
    .executeTakeFirst();
  const first = row?.first ?? null;
  return first === null ? lastId : Math.min(lastId, first - 1);
}

type EventRow = { id: number; orgId: string; channel: string; type: string; payload: unknown };

const toEvent = (r: EventRow): RealtimeEvent => ({
  id: r.id,
  orgId: r.orgId,
  channel: r.channel,
  type: r.type as RealtimeEventType,
  payload: (r.payload ?? {}) as Record<string, unknown>,
});

/** Events after `afterId` on these channels of the organisation, oldest first, at most `limit`. */
export async function eventsOnChannels(
  db: Executor,
  orgId: string,
  channels: readonly string[],
  afterId: number,
  limit: number,
): Promise<RealtimeEvent[]> {
  if (channels.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('realtimeEvents')
    .select(['id', 'orgId', 'channel', 'type', 'payload'])
    .where('orgId', '=', orgId)
    .where('channel', 'in', [...channels])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toEvent);
}

/**
 * New posts after `afterId` carrying one of these hashtags that the person may read, wherever they were
 * published (the posts payload names the post as `postId`).
 */
export async function taggedPostEvents(
  db: Executor,
  orgId: string,
  userId: string,
  tags: readonly string[],
  afterId: number,
  limit: number,
): Promise<RealtimeEvent[]> {
  if (tags.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('realtimeEvents as e')
    .select(['e.id', 'e.orgId', 'e.channel', 'e.type', 'e.payload'])
    .where('e.orgId', '=', orgId)
    .where('e.type', '=', 'post.created')
    .where('e.id', '>', afterId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('postHashtags as h')
          .innerJoin('posts as p', 'p.id', 'h.postId')
          .select(sql`1`.as('one'))
          .where(sql<boolean>`h.post_id::text = e.payload->>'postId'`)
          .where('h.orgId', '=', orgId)
          .where('h.tag', 'in', [...tags])
          .where('p.deletedAt', 'is', null)
          .where(readableBy(userId, 'p.community_id')),
      ),
    )
    .orderBy('e.id')
    .limit(limit)
    .execute();
  return rows.map(toEvent);
}

/** Every organisation's events created since this moment, oldest first, at most `limit`. */
export async function eventsCreatedSince(db: Executor, since: Date, limit: number): Promise<RealtimeEvent[]> {
  const rows = await db
    .selectFrom('realtimeEvents')
    .select(['id', 'orgId', 'channel', 'type', 'payload'])
    .where('createdAt', '>=', since)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toEvent);
}

/** Deletes up to `batch` events older than the cutoff; returns how many went. */
export async function deleteEventsBefore(db: Executor, cutoff: Date, batch: number): Promise<number> {
  const result = await db
    .deleteFrom('realtimeEvents')
    .where('id', 'in', (eb) => eb.selectFrom('realtimeEvents').select('id').where('createdAt', '<', cutoff).orderBy('id').limit(batch))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
