import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ScoreKey, TagKey, TimeKey } from './feeds.cursor.js';
import { RANKING } from './feeds.ranking.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Feed selection: which posts, in which order, one page at a time. Each query answers ids with their
 * sort keys; the posts module renders them. Every query is shaped to walk an index newest-first and
 * stop early: the home feed's per-source subqueries (communities, followed people, followed hashtags)
 * each read at most a page, within a look-back window, from their own index, and only those few rows
 * are merged.
 */

/** A selected post and the time it is ordered by, in microseconds since the epoch. */
export interface TimeRow {
  id: string;
  us: number;
}

export interface ScoreRow {
  id: string;
  score: number;
}

/** Who is reading, and in which organisation. */
export interface Viewer {
  orgId: string;
  userId: string;
}

const usOf = (column: string) => sql<number>`(extract(epoch from ${sql.ref(column)}) * 1000000)::int8`;
const tsOf = (us: number) => sql`(timestamptz 'epoch' + ${us}::int8 * interval '1 microsecond')`;

/** `and (time, id) < key`, newest first; the row comparison is an index condition of the (…, time desc, id desc) indexes. */
function olderThan(timeColumn: string, idColumn: string, key: TimeKey | undefined): RawBuilder<unknown> {
  return key ? sql`and (${sql.ref(timeColumn)}, ${sql.ref(idColumn)}) < (${tsOf(key.us)}, ${key.id}::uuid)` : sql``;
}

function newerThan(timeColumn: string, idColumn: string, key: TimeKey | undefined): RawBuilder<unknown> {
  return key ? sql`and (${sql.ref(timeColumn)}, ${sql.ref(idColumn)}) > (${tsOf(key.us)}, ${key.id}::uuid)` : sql``;
}

/** With a time bound `(t, MAX_UUID)`, "newer than the key" means "after t". */
const MAX_UUID = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

/** Same predicate as the partial indexes on posts, so that they apply. */
const VISIBLE = sql`p.deleted_at is null and p.hidden_at is null`;

/**
 * The communities whose posts the viewer may read: public ones they are not banned from, and those
 * they are an active member of. The set form of `readableBy` (communities.access.ts), for queries
 * that test many posts: a few hundred ids hashed once instead of a look-up per post.
 */
const readableCte = (v: Viewer) => sql`readable as (
  select c.id from communities c
  left join community_members m on m.community_id = c.id and m.user_id = ${v.userId}
  where c.org_id = ${v.orgId} and (m.status = 'active' or (c.visibility = 'public' and m.status is distinct from 'banned'))
)`;
const READABLE = sql`(p.community_id is null or p.community_id in (select id from readable))`;

/**
 * Announcements addressed to the viewer, whoever wrote them: a source of the home feed of its own,
 * read from the recipients' index by person (the posts sit on their author's profile).
 */
const announcedTo = (v: Viewer) => sql`announcement_recipients ar
  join announcements a on a.id = ar.announcement_id
  join posts p on p.id = a.post_id
  where ar.user_id = ${v.userId} and ar.org_id = ${v.orgId} and ${VISIBLE}`;

/**
 * The sources of the home feed: the communities the viewer is an active member of (All company
 * among them: everyone is kept in it, and that is what "company-wide posts" are), the people they
 * follow plus themselves, and the hashtags they follow.
 */
const homeSourcesCtes = (v: Viewer) => sql`
  mine as (
    select community_id as id from community_members
    where user_id = ${v.userId} and org_id = ${v.orgId} and status = 'active'
  ),
  -- People belong to one organisation, so their posts need no second org filter: the author index
  -- then answers alone (it carries the community the readability test needs).
  authors as (
    select followee_id as id from follows where follower_id = ${v.userId} and org_id = ${v.orgId}
    union all
    select ${v.userId}::uuid
  ),
  tags as (select tag from hashtag_follows where user_id = ${v.userId} and org_id = ${v.orgId}),
  ${readableCte(v)}`;

/**
 * The home feed, newest first: one page after `before` (or, with `after`, the newest posts
 * newer than that key, for the "new posts" banner). Each source reads at most `limit` rows from its
 * index; the union is de-duplicated (a post can be in a joined community, by a followed person and
 * tagged with a followed hashtag at once) and cut to the page.
 */
export async function homeLatest(
  db: Executor,
  v: Viewer,
  opts: { before?: TimeKey | undefined; after?: TimeKey | undefined; sinceUs?: number | undefined; limit: number },
): Promise<TimeRow[]> {
  const { before, limit } = opts;
  // `sinceUs` bounds every source's index walk from below, so that a page reads about its own size
  // instead of a page from each source; the caller widens it when the window held too few posts.
  const after = opts.after ?? (opts.sinceUs === undefined ? undefined : { us: opts.sinceUs, id: MAX_UUID });
  const { rows } = await sql<TimeRow>`
    with ${homeSourcesCtes(v)}
    select f.id, ${usOf('f.created_at')} as us from (
      select x.id, x.created_at from mine cross join lateral (
        select p.id, p.created_at from posts p
        where p.community_id = mine.id and ${VISIBLE}
          ${olderThan('p.created_at', 'p.id', before)} ${newerThan('p.created_at', 'p.id', after)}
        order by p.created_at desc, p.id desc limit ${limit}
      ) x
      union all
      select x.id, x.created_at from authors cross join lateral (
        select p.id, p.created_at from posts p
        where p.author_id = authors.id and ${VISIBLE} and ${READABLE}
          ${olderThan('p.created_at', 'p.id', before)} ${newerThan('p.created_at', 'p.id', after)}
        order by p.created_at desc, p.id desc limit ${limit}
      ) x
      union all
      select x.id, x.created_at from tags cross join lateral (
        select ph.post_id as id, ph.created_at from post_hashtags ph
        join posts p on p.id = ph.post_id
        where ph.org_id = ${v.orgId} and ph.tag = tags.tag and ${VISIBLE} and ${READABLE}
          ${olderThan('ph.created_at', 'ph.post_id', before)} ${newerThan('ph.created_at', 'ph.post_id', after)}
        order by ph.created_at desc, ph.post_id desc limit ${limit}
      ) x
      union all
      select x.id, x.created_at from (
        select p.id, p.created_at from ${announcedTo(v)}
          ${olderThan('p.created_at', 'p.id', before)} ${newerThan('p.created_at', 'p.id', after)}
        order by p.created_at desc, p.id desc limit ${limit}
      ) x
    ) f
    group by f.id, f.created_at
    order by f.created_at desc, f.id desc
    limit ${limit}`.execute(db);
  return rows;
}

/** The score of `p` as of a moment, in SQL: the formula of `engagementScore`, from the same constants. */
function scoreOf(asOf: RawBuilder<unknown>) {
  const r = RANKING;
  return sql<number>`((${r.reactionWeight} * p.reaction_count + ${r.commentWeight} * p.comment_count
      + ${r.shareWeight} * p.share_count + ${r.base})::float8
    / power(greatest(extract(epoch from (${asOf} - p.created_at))::float8 / 3600, 0) + ${r.ageOffsetHours}::float8, ${r.gravity}::float8))`;
}

const belowScore = (key: ScoreKey | undefined) => (key ? sql`where (f.score, f.id) < (${key.score}::float8, ${key.id}::uuid)` : sql``);

/**
 * The home feed by score: the same sources over the last days before `asOfUs`, each post scored
 * as of that moment, so every page of one reading is cut from the same ranking.
 */
export async function homeTop(
  db: Executor,
  v: Viewer,
  opts: { asOfUs: number; after?: ScoreKey | undefined; limit: number },
): Promise<ScoreRow[]> {
  const asOf = tsOf(opts.asOfUs);
  const since = sql`(${asOf} - ${RANKING.homeWindowDays} * interval '1 day')`;
  const window = sql`p.created_at > ${since} and p.created_at <= ${asOf}`;
  const { rows } = await sql<ScoreRow>`
    with ${homeSourcesCtes(v)},
    candidates as (
      select x.* from mine cross join lateral (
        select p.id, ${scoreOf(asOf)} as score from posts p
        where p.community_id = mine.id and ${VISIBLE} and ${window}
      ) x
      union
      select x.* from authors cross join lateral (
        select p.id, ${scoreOf(asOf)} as score from posts p
        where p.author_id = authors.id and p.org_id = ${v.orgId} and ${VISIBLE} and ${READABLE} and ${window}
      ) x
      union
      select x.* from tags cross join lateral (
        select p.id, ${scoreOf(asOf)} as score from post_hashtags ph
        join posts p on p.id = ph.post_id
        where ph.org_id = ${v.orgId} and ph.tag = tags.tag and ph.created_at > ${since} and ${VISIBLE} and ${READABLE} and ${window}
      ) x
      union
      select p.id, ${scoreOf(asOf)} as score from ${announcedTo(v)} and ${window}
    )
    select f.id, f.score from candidates f
    ${belowScore(opts.after)}
    order by f.score desc, f.id desc
    limit ${opts.limit}`.execute(db);
  return rows;
}

/** What is popular across the company: every post of the last days the viewer may read, by score. */
export async function discover(
  db: Executor,
  v: Viewer,
  opts: { asOfUs: number; after?: ScoreKey | undefined; limit: number },
): Promise<ScoreRow[]> {
  const asOf = tsOf(opts.asOfUs);
  const { rows } = await sql<ScoreRow>`
    with ${readableCte(v)},
    candidates as (
      select p.id, ${scoreOf(asOf)} as score from posts p
      where p.org_id = ${v.orgId} and ${VISIBLE} and ${READABLE}
        and p.created_at > (${asOf} - ${RANKING.discoverWindowDays} * interval '1 day') and p.created_at <= ${asOf}
    )
    select f.id, f.score from candidates f
    ${belowScore(opts.after)}
    order by f.score desc, f.id desc
    limit ${opts.limit}`.execute(db);
  return rows;
}

/** A community's posts, newest first, without the pinned ones (the first page shows those apart). */
export async function communityLatest(
  db: Executor,
  orgId: string,
  communityId: string,
  opts: { before?: TimeKey | undefined; limit: number },
): Promise<TimeRow[]> {
  const { rows } = await sql<TimeRow>`
    select p.id, ${usOf('p.created_at')} as us from posts p
    where p.community_id = ${communityId} and p.org_id = ${orgId} and ${VISIBLE} and p.pinned_at is null
      ${olderThan('p.created_at', 'p.id', opts.before)}
    order by p.created_at desc, p.id desc
    limit ${opts.limit}`.execute(db);
  return rows;
}

/** The posts pinned in a community, or to a person's profile, most recently pinned first. */
export async function pinnedPosts(
  db: Executor,
  orgId: string,
  where: { communityId: string } | { profileOf: string },
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('posts')
    .select('id')
    .where('orgId', '=', orgId)
    .where((eb) =>
      'communityId' in where
        ? eb('communityId', '=', where.communityId)
        : eb.and([eb('authorId', '=', where.profileOf), eb('communityId', 'is', null)]),
    )
    .where('pinnedAt', 'is not', null)
    .where('deletedAt', 'is', null)
    .where('hiddenAt', 'is', null)
    .orderBy('pinnedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * A person's posts the viewer may read, on their profile and in communities, newest first, without
 * those pinned to their profile (the first page shows those apart). A post pinned in a community is
 * pinned there, not here.
 */
export async function profileLatest(
  db: Executor,
  v: Viewer,
  authorId: string,
  opts: { before?: TimeKey | undefined; limit: number },
): Promise<TimeRow[]> {
  const { rows } = await sql<TimeRow>`
    with ${readableCte(v)}
    select p.id, ${usOf('p.created_at')} as us from posts p
    where p.author_id = ${authorId} and p.org_id = ${v.orgId} and ${VISIBLE} and ${READABLE}
      and not (p.community_id is null and p.pinned_at is not null)
      ${olderThan('p.created_at', 'p.id', opts.before)}
    order by p.created_at desc, p.id desc
    limit ${opts.limit}`.execute(db);
  return rows;
}

/** Posts with this hashtag the viewer may read, newest first. */
export async function hashtagLatest(
  db: Executor,
  v: Viewer,
  tag: string,
  opts: { before?: TimeKey | undefined; limit: number },
): Promise<TimeRow[]> {
  const { rows } = await sql<TimeRow>`
    with ${readableCte(v)}
    select ph.post_id as id, ${usOf('ph.created_at')} as us from post_hashtags ph
    join posts p on p.id = ph.post_id
    where ph.org_id = ${v.orgId} and ph.tag = ${tag} and ${VISIBLE} and ${READABLE}
      ${olderThan('ph.created_at', 'ph.post_id', opts.before)}
    order by ph.created_at desc, ph.post_id desc
    limit ${opts.limit}`.execute(db);
  return rows;
}

/** How many posts with this hashtag the viewer may read. */
export async function hashtagPostCount(db: Executor, v: Viewer, tag: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    with ${readableCte(v)}
    select count(*)::int8 as n from post_hashtags ph
    join posts p on p.id = ph.post_id
    where ph.org_id = ${v.orgId} and ph.tag = ${tag} and ${VISIBLE} and ${READABLE}`.execute(db);
  return rows[0]?.n ?? 0;
}

/** The viewer's bookmarks of posts they may still read, most recently saved first (ordered by the bookmark's time). */
export async function bookmarks(db: Executor, v: Viewer, opts: { before?: TimeKey | undefined; limit: number }): Promise<TimeRow[]> {
  const { rows } = await sql<TimeRow>`
    with ${readableCte(v)}
    select b.post_id as id, ${usOf('b.created_at')} as us from bookmarks b
    join posts p on p.id = b.post_id
    where b.user_id = ${v.userId} and b.org_id = ${v.orgId} and ${VISIBLE} and ${READABLE}
      ${olderThan('b.created_at', 'b.post_id', opts.before)}
    order by b.created_at desc, b.post_id desc
    limit ${opts.limit}`.execute(db);
  return rows;
}

/** A person of the organisation, as far as following needs to know. */
export function findPerson(db: Executor, orgId: string, id: string) {
  return db.selectFrom('users').select(['id', 'status']).where('orgId', '=', orgId).where('id', '=', id).executeTakeFirst();
}

/** Records that one person follows another; false when they already did. */
export async function insertFollow(db: Executor, orgId: string, followerId: string, followeeId: string): Promise<boolean> {
  const row = await db
    .insertInto('follows')
    .values({ orgId, followerId, followeeId })
    .onConflict((oc) => oc.columns(['followerId', 'followeeId']).doNothing())
    .returning('followeeId')
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteFollow(db: Executor, orgId: string, followerId: string, followeeId: string): Promise<void> {
  await db
    .deleteFrom('follows')
    .where('orgId', '=', orgId)
    .where('followerId', '=', followerId)
    .where('followeeId', '=', followeeId)
    .execute();
}

/** Whether each follows the other, and the counts shown on a profile, in one query. */
export async function followState(db: Executor, orgId: string, viewerId: string, personId: string) {
  const { rows } = await sql<{ following: boolean; followsYou: boolean; followerCount: number; followingCount: number }>`
    select
      exists (select 1 from follows where follower_id = ${viewerId} and followee_id = ${personId}) as following,
      exists (select 1 from follows where follower_id = ${personId} and followee_id = ${viewerId}) as follows_you,
      (select count(*) from follows f join users u on u.id = f.follower_id
        where f.followee_id = ${personId} and f.org_id = ${orgId} and u.status = 'active')::int8 as follower_count,
      (select count(*) from follows f join users u on u.id = f.followee_id
        where f.follower_id = ${personId} and f.org_id = ${orgId} and u.status = 'active')::int8 as following_count`.execute(db);
  return rows[0]!;
}

/** How many people and hashtags someone follows (to keep the home feed's sources bounded). */
export async function followCounts(db: Executor, orgId: string, userId: string) {
  const { rows } = await sql<{ people: number; hashtags: number }>`
    select
      (select count(*) from follows where follower_id = ${userId} and org_id = ${orgId})::int8 as people,
      (select count(*) from hashtag_follows where user_id = ${userId} and org_id = ${orgId})::int8 as hashtags`.execute(db);
  return rows[0]!;
}

/** Records that someone follows a hashtag; false when they already did. */
export async function insertHashtagFollow(db: Executor, orgId: string, userId: string, tag: string): Promise<boolean> {
  const row = await db
    .insertInto('hashtagFollows')
    .values({ orgId, userId, tag })
    .onConflict((oc) => oc.columns(['userId', 'tag']).doNothing())
    .returning('tag')
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteHashtagFollow(db: Executor, orgId: string, userId: string, tag: string): Promise<void> {
  await db.deleteFrom('hashtagFollows').where('orgId', '=', orgId).where('userId', '=', userId).where('tag', '=', tag).execute();
}

export async function followsHashtag(db: Executor, orgId: string, userId: string, tag: string): Promise<boolean> {
  const row = await db
    .selectFrom('hashtagFollows')
    .select('tag')
    .where('orgId', '=', orgId)
    .where('userId', '=', userId)
    .where('tag', '=', tag)
    .executeTakeFirst();
  return row !== undefined;
}

/** The active people someone follows, most recently followed first. */
export async function followedPeople(db: Executor, v: Viewer, opts: { before?: TimeKey | undefined; limit: number }) {
  const { rows } = await sql<{ id: string; name: string; title: string | null; photoKey: string | null; us: number }>`
    select u.id, u.name, u.title, u.photo_key, ${usOf('f.created_at')} as us from follows f
    join users u on u.id = f.followee_id
    where f.follower_id = ${v.userId} and f.org_id = ${v.orgId} and u.status = 'active'
      ${olderThan('f.created_at', 'f.followee_id', opts.before)}
    order by f.created_at desc, f.followee_id desc
    limit ${opts.limit}`.execute(db);
  return rows;
}

/** The hashtags someone follows, most recently followed first. */
export async function followedHashtags(db: Executor, v: Viewer, opts: { before?: TagKey | undefined; limit: number }) {
  const b = opts.before;
  const { rows } = await sql<{ tag: string; us: number }>`
    select h.tag, ${usOf('h.created_at')} as us from hashtag_follows h
    where h.user_id = ${v.userId} and h.org_id = ${v.orgId}
      ${b ? sql`and (h.created_at, h.tag) < (${tsOf(b.us)}, ${b.tag})` : sql``}
    order by h.created_at desc, h.tag desc
    limit ${opts.limit}`.execute(db);
  return rows;
}
