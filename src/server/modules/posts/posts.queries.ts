import { sql, type Kysely, type Transaction } from 'kysely';
import type { ContentLang, DB } from '../../db/schema.js';
import { newId } from '../../platform/ids.js';
import { readableBy } from '../communities/communities.access.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** What the rules need to know about one post. */
export interface PostFacts {
  id: string;
  kind: string;
  authorId: string;
  communityId: string | null;
  body: string;
  lang: ContentLang;
  sharedPostId: string | null;
  createdAt: Date;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  pinnedAt: Date | null;
}

const FACTS = [
  'p.id',
  'p.kind',
  'p.authorId',
  'p.communityId',
  'p.body',
  'p.lang',
  'p.sharedPostId',
  'p.createdAt',
  'p.deletedAt',
  'p.hiddenAt',
  'p.hiddenReason',
  'p.pinnedAt',
] as const;

/** One post's facts, deleted or not; `lock` holds the row until the transaction ends (for counters and pins). */
export async function postFacts(db: Executor, orgId: string, id: string, lock = false): Promise<PostFacts | undefined> {
  return db
    .selectFrom('posts as p')
    .select(FACTS)
    .where('p.orgId', '=', orgId)
    .where('p.id', '=', id)
    .$if(lock, (qb) => qb.forUpdate())
    .executeTakeFirst();
}

/** A person as JSON inside a row (keys become camelCase on the way out). */
interface PersonJson {
  id: string;
  name: string;
  title: string | null;
  photoKey: string | null;
}

export interface KudosJson {
  id: string;
  pointsEach: number;
  value: { id: string; name: string; emoji: string | null } | null;
  team: { id: string; name: string } | null;
  recipients: PersonJson[];
}

export interface CelebrationJson {
  kind: 'anniversary' | 'birthday';
  years: number | null;
  person: PersonJson;
}

const personJson = (alias: string) =>
  sql.raw(`jsonb_build_object('id', ${alias}.id, 'name', ${alias}.name, 'title', ${alias}.title, 'photo_key', ${alias}.photo_key)`);

/** What a kudos post shows besides its text; only looked up for posts of kind 'kudos' (one indexed probe each). */
const kudosOfPost = sql<KudosJson | null>`case when p.kind = 'kudos' then (
  select jsonb_build_object(
    'id', k.id,
    'points_each', k.points_each,
    'value', case when v.id is null then null else jsonb_build_object('id', v.id, 'name', v.name, 'emoji', v.emoji) end,
    'team', case when t.id is null then null else jsonb_build_object('id', t.id, 'name', t.name) end,
    'recipients', coalesce((
      select jsonb_agg(${personJson('ru')} order by ru.name, ru.id)
      from kudos_recipients kr join users ru on ru.id = kr.user_id
      where kr.kudos_id = k.id
    ), '[]'::jsonb)
  )
  from kudos k
  left join company_values v on v.id = k.value_id
  left join teams t on t.id = k.team_id
  where k.post_id = p.id and k.org_id = p.org_id
  limit 1
) end`;

/** What a celebration post celebrates; only looked up for posts of kind 'celebration'. */
const celebrationOfPost = sql<CelebrationJson | null>`case when p.kind = 'celebration' then (
  select jsonb_build_object('kind', ce.kind, 'years', ce.years, 'person', ${personJson('cu')})
  from celebrations ce join users cu on cu.id = ce.user_id
  where ce.post_id = p.id and ce.org_id = p.org_id
  limit 1
) end`;

/**
 * Everything a list of posts shows, in one query: the posts (not deleted) with their author, community,
 * hashtags, the viewer's reaction and bookmark, the post each one shares with its author and community,
 * and what a kudos or celebration post is about.
 */
export async function presentableRows(db: Executor, orgId: string, viewerId: string, ids: readonly string[]) {
  return db
    .selectFrom('posts as p')
    .innerJoin('users as u', 'u.id', 'p.authorId')
    .leftJoin('communities as c', 'c.id', 'p.communityId')
    .leftJoin('posts as sp', (j) => j.onRef('sp.id', '=', 'p.sharedPostId').on('sp.deletedAt', 'is', null))
    .leftJoin('users as su', 'su.id', 'sp.authorId')
    .leftJoin('communities as sc', 'sc.id', 'sp.communityId')
    .select([
      'p.id',
      'p.kind',
      'p.authorId',
      'p.communityId',
      'p.body',
      'p.bodyHtml',
      'p.lang',
      'p.reactionCounts',
      'p.reactionCount',
      'p.commentCount',
      'p.shareCount',
      'p.createdAt',
      'p.editedAt',
      'p.hiddenAt',
      'p.hiddenReason',
      'p.pinnedAt',
      'p.title',
      'p.internalOnly',
      'u.name as authorName',
      'u.title as authorTitle',
      'u.photoKey as authorPhotoKey',
      'c.name as communityName',
      'c.slug as communitySlug',
      'c.visibility as communityVisibility',
      'c.official as communityOfficial',
      'sp.id as sharedId',
      'sp.authorId as sharedAuthorId',
      'sp.communityId as sharedCommunityId',
      'sp.bodyHtml as sharedHtml',
      'sp.createdAt as sharedCreatedAt',
      'sp.hiddenAt as sharedHiddenAt',
      'su.name as sharedAuthorName',
      'su.title as sharedAuthorTitle',
      'su.photoKey as sharedAuthorPhotoKey',
      'sc.name as sharedCommunityName',
      'sc.slug as sharedCommunitySlug',
      'sc.visibility as sharedCommunityVisibility',
      'sc.official as sharedCommunityOfficial',
    ])
    .select((eb) => [
      eb
        .selectFrom('reactions as r')
        .select('r.kind')
        .whereRef('r.targetId', '=', 'p.id')
        .where('r.userId', '=', viewerId)
        .as('myReaction'),
      eb
        .exists(
          eb
            .selectFrom('bookmarks as b')
            .select(sql`1`.as('one'))
            .whereRef('b.postId', '=', 'p.id')
            .where('b.userId', '=', viewerId),
        )
        .as('bookmarked'),
      sql<string[]>`coalesce((select jsonb_agg(h.tag order by h.tag) from post_hashtags h where h.post_id = p.id), '[]'::jsonb)`.as(
        'hashtags',
      ),
      kudosOfPost.as('kudos'),
      celebrationOfPost.as('celebration'),
    ])
    .where('p.orgId', '=', orgId)
    .where('p.id', '=', sql<string>`any(${[...ids]}::uuid[])`)
    .where('p.deletedAt', 'is', null)
    .execute();
}

export type PresentableRow = Awaited<ReturnType<typeof presentableRows>>[number];

/** The kinds of post; each richer kind keeps what it adds in its own module's tables. */
export type PostKind = 'post' | 'kudos' | 'celebration' | 'article' | 'announcement' | 'question' | 'poll';

export interface NewPost {
  id: string;
  orgId: string;
  authorId: string;
  communityId: string | null;
  /** 'post' when absent; kudos, celebrations, articles, announcements, questions and polls are posts of their own kind. */
  kind?: PostKind;
  /** An article's or announcement's title. */
  title?: string | null;
  body: string;
  bodyHtml: string;
  lang: ContentLang;
  sharedPostId: string | null;
  createdAt: Date;
  /** Must not leave the company (employee advocacy); false when absent. */
  internalOnly?: boolean;
}

export async function insertPost(db: Executor, row: NewPost): Promise<void> {
  await db.insertInto('posts').values(row).execute();
}

/** Replaces a post's text, keeping the previous text as a revision. */
export async function reviseBody(
  db: Executor,
  p: { orgId: string; postId: string; editorId: string; previousBody: string; body: string; bodyHtml: string; lang: ContentLang },
): Promise<void> {
  await db
    .insertInto('postRevisions')
    .values({ id: newId(), orgId: p.orgId, postId: p.postId, editorId: p.editorId, body: p.previousBody, createdAt: new Date() })
    .execute();
  await db
    .updateTable('posts')
    .set({ body: p.body, bodyHtml: p.bodyHtml, lang: p.lang, editedAt: new Date() })
    .where('orgId', '=', p.orgId)
    .where('id', '=', p.postId)
    .execute();
}

/** Sets the title of an article's or announcement's post. */
export async function setTitle(db: Executor, orgId: string, postId: string, title: string | null): Promise<void> {
  await db.updateTable('posts').set({ title }).where('orgId', '=', orgId).where('id', '=', postId).execute();
}

/** Sets whether a post must stay inside the company. */
export async function setInternalOnly(db: Executor, orgId: string, postId: string, internalOnly: boolean): Promise<void> {
  await db.updateTable('posts').set({ internalOnly }).where('orgId', '=', orgId).where('id', '=', postId).execute();
}

/** Marks a post edited without a new text (its attachments or language changed). */
export async function touchEdited(db: Executor, orgId: string, postId: string, lang?: ContentLang): Promise<void> {
  await db
    .updateTable('posts')
    .set({ editedAt: new Date(), ...(lang ? { lang } : {}) })
    .where('orgId', '=', orgId)
    .where('id', '=', postId)
    .execute();
}

/** Earlier versions of a post's text, newest first, with who wrote them. */
export async function revisions(db: Executor, orgId: string, postId: string, limit: number, after?: { createdAt: Date; id: string }) {
  return db
    .selectFrom('postRevisions as r')
    .leftJoin('users as u', 'u.id', 'r.editorId')
    .select([
      'r.id',
      'r.body',
      'r.createdAt',
      'r.editorId',
      'u.name as editorName',
      'u.title as editorTitle',
      'u.photoKey as editorPhotoKey',
    ])
    .where('r.orgId', '=', orgId)
    .where('r.postId', '=', postId)
    .$if(after !== undefined, (qb) =>
      qb.where((eb) =>
        eb.or([eb('r.createdAt', '<', after!.createdAt), eb.and([eb('r.createdAt', '=', after!.createdAt), eb('r.id', '<', after!.id)])]),
      ),
    )
    .orderBy('r.createdAt', 'desc')
    .orderBy('r.id', 'desc')
    .limit(limit + 1)
    .execute();
}

/** Soft-deletes a post (and unpins it); true when this call deleted it. */
export async function softDeletePost(db: Executor, orgId: string, postId: string): Promise<boolean> {
  const res = await db
    .updateTable('posts')
    .set({ deletedAt: new Date(), pinnedAt: null })
    .where('orgId', '=', orgId)
    .where('id', '=', postId)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

export async function addShareCount(db: Executor, orgId: string, postId: string, delta: 1 | -1): Promise<void> {
  await db
    .updateTable('posts')
    .set((eb) => ({ shareCount: sql<number>`greatest(${eb.ref('shareCount')} + ${delta}, 0)` }))
    .where('orgId', '=', orgId)
    .where('id', '=', postId)
    .execute();
}

/** Pinned posts (not deleted) of a community, or of a person's profile when the community is null. */
export async function pinnedCount(db: Executor, orgId: string, where: { communityId: string } | { profileOf: string }): Promise<number> {
  const row = await db
    .selectFrom('posts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('orgId', '=', orgId)
    .where('pinnedAt', 'is not', null)
    .where('deletedAt', 'is', null)
    .$if('communityId' in where, (qb) => qb.where('communityId', '=', (where as { communityId: string }).communityId))
    .$if('profileOf' in where, (qb) =>
      qb.where('communityId', 'is', null).where('authorId', '=', (where as { profileOf: string }).profileOf),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Serialises pin changes of one community (or profile), so that two moderators cannot both take the last slot. */
export async function lockPinScope(db: Executor, orgId: string, where: { communityId: string } | { profileOf: string }): Promise<void> {
  if ('communityId' in where) {
    await db.selectFrom('communities').select('id').where('orgId', '=', orgId).where('id', '=', where.communityId).forUpdate().execute();
  } else {
    await db.selectFrom('users').select('id').where('orgId', '=', orgId).where('id', '=', where.profileOf).forUpdate().execute();
  }
}

export async function setPinned(db: Executor, orgId: string, postId: string, pinned: boolean): Promise<void> {
  await db
    .updateTable('posts')
    .set({ pinnedAt: pinned ? new Date() : null })
    .where('orgId', '=', orgId)
    .where('id', '=', postId)
    .execute();
}

export async function addBookmark(db: Executor, orgId: string, userId: string, postId: string): Promise<void> {
  await db
    .insertInto('bookmarks')
    .values({ orgId, userId, postId })
    .onConflict((oc) => oc.columns(['userId', 'postId']).doNothing())
    .execute();
}

export async function removeBookmark(db: Executor, orgId: string, userId: string, postId: string): Promise<void> {
  await db.deleteFrom('bookmarks').where('orgId', '=', orgId).where('userId', '=', userId).where('postId', '=', postId).execute();
}

/** Sets or clears a moderator's hiding of a post or comment. */
export async function setHidden(
  db: Executor,
  table: 'posts' | 'comments',
  orgId: string,
  id: string,
  hidden: { reason: string; by: string } | null,
): Promise<void> {
  await db
    .updateTable(table)
    .set(
      hidden
        ? { hiddenAt: new Date(), hiddenReason: hidden.reason, hiddenBy: hidden.by }
        : { hiddenAt: null, hiddenReason: null, hiddenBy: null },
    )
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .execute();
}

/** The hashtags of a post. */
export async function postHashtags(db: Executor, postId: string): Promise<string[]> {
  const rows = await db.selectFrom('postHashtags').select('tag').where('postId', '=', postId).execute();
  return rows.map((r) => r.tag);
}

/** Links tags to a post and counts one more post for each (tags sorted, so concurrent posts lock them in one order). */
export async function addPostHashtags(
  db: Executor,
  orgId: string,
  postId: string,
  tags: readonly string[],
  createdAt: Date,
): Promise<void> {
  if (tags.length === 0) {
    return;
  }
  const sorted = [...new Set(tags)].sort();
  await db
    .insertInto('postHashtags')
    .values(sorted.map((tag) => ({ orgId, postId, tag, createdAt })))
    .onConflict((oc) => oc.columns(['postId', 'tag']).doNothing())
    .execute();
  await bumpHashtags(db, orgId, sorted, 1);
}

/** Unlinks tags from a post and counts one post less for each. */
export async function removePostHashtags(db: Executor, orgId: string, postId: string, tags: readonly string[]): Promise<void> {
  if (tags.length === 0) {
    return;
  }
  await db
    .deleteFrom('postHashtags')
    .where('postId', '=', postId)
    .where('tag', 'in', [...tags])
    .execute();
  await bumpHashtags(db, orgId, tags, -1);
}

/** Adds to (or takes from) the number of posts using each tag. */
export async function bumpHashtags(db: Executor, orgId: string, tags: readonly string[], delta: 1 | -1): Promise<void> {
  if (tags.length === 0) {
    return;
  }
  const sorted = [...new Set(tags)].sort();
  if (delta > 0) {
    await db
      .insertInto('hashtags')
      .values(sorted.map((tag) => ({ orgId, tag, postCount: 1, lastUsedAt: new Date() })))
      .onConflict((oc) =>
        oc.columns(['orgId', 'tag']).doUpdateSet((eb) => ({
          postCount: sql<number>`${eb.ref('hashtags.postCount')} + 1`,
          lastUsedAt: eb.ref('excluded.lastUsedAt'),
        })),
      )
      .execute();
  } else {
    await db
      .updateTable('hashtags')
      .set((eb) => ({ postCount: sql<number>`greatest(${eb.ref('postCount')} - 1, 0)` }))
      .where('orgId', '=', orgId)
      .where('tag', 'in', sorted)
      .execute();
  }
}

/**
 * Tags beginning with a prefix, most used first, that the person can see used on at least one post they
 * may read (a tag used only in a private community must not leak through the editor's suggestions).
 */
export async function suggestHashtags(db: Executor, orgId: string, userId: string, prefix: string, limit: number): Promise<string[]> {
  const like = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db
    .selectFrom('hashtags as h')
    .select('h.tag')
    .where('h.orgId', '=', orgId)
    .where('h.postCount', '>', 0)
    .where(sql<boolean>`h.tag like ${like}`)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('postHashtags as ph')
          .innerJoin('posts as p', 'p.id', 'ph.postId')
          .select(sql`1`.as('one'))
          .where('ph.orgId', '=', orgId)
          .whereRef('ph.tag', '=', 'h.tag')
          .where('p.deletedAt', 'is', null)
          .where('p.hiddenAt', 'is', null)
          .where(readableBy(userId, 'p.community_id')),
      ),
    )
    .orderBy('h.postCount', 'desc')
    .orderBy('h.tag')
    .limit(limit)
    .execute();
  return rows.map((r) => r.tag);
}

/** Of these ids, the active people of the organisation. */
export async function existingPeople(db: Executor, orgId: string, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('orgId', '=', orgId)
    .where('status', '=', 'active')
    .where('id', 'in', [...ids])
    .execute();
  return rows.map((r) => r.id);
}

/** Replaces the mentions recorded for a post (commentId null) or for one of its comments. */
export async function replaceMentions(
  db: Executor,
  m: { orgId: string; postId: string; commentId: string | null; people: readonly string[]; communities: readonly string[] },
): Promise<void> {
  await db
    .deleteFrom('mentions')
    .where('orgId', '=', m.orgId)
    .where('postId', '=', m.postId)
    .$if(m.commentId === null, (qb) => qb.where('commentId', 'is', null))
    .$if(m.commentId !== null, (qb) => qb.where('commentId', '=', m.commentId))
    .execute();
  const rows = [
    ...m.people.map((userId) => ({ orgId: m.orgId, postId: m.postId, commentId: m.commentId, userId, communityId: null })),
    ...m.communities.map((communityId) => ({ orgId: m.orgId, postId: m.postId, commentId: m.commentId, userId: null, communityId })),
  ];
  if (rows.length > 0) {
    await db.insertInto('mentions').values(rows).execute();
  }
}

/** The people already mentioned in a post (commentId null) or in one of its comments. */
export async function mentionedPeople(db: Executor, orgId: string, postId: string, commentId: string | null): Promise<string[]> {
  const rows = await db
    .selectFrom('mentions')
    .select('userId')
    .where('orgId', '=', orgId)
    .where('postId', '=', postId)
    .where('userId', 'is not', null)
    .$if(commentId === null, (qb) => qb.where('commentId', 'is', null))
    .$if(commentId !== null, (qb) => qb.where('commentId', '=', commentId))
    .execute();
  return rows.map((r) => r.userId!);
}
