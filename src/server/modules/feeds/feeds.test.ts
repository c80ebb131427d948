import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { createOrg, testApp, type Client, type TestApp, type TestOrg } from '../../test/helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const db = () => t.app.ctx.db;
const HOUR = 3_600_000;
/** Posts are dated back from here, so that their order never depends on how fast a test runs. */
const NOW = Date.now();

interface World {
  org: TestOrg;
  allCompany: string;
}

async function world(): Promise<World> {
  const org = await createOrg(t);
  const row = await db()
    .selectFrom('communities')
    .select('id')
    .where('orgId', '=', org.orgId)
    .where('isAllCompany', '=', true)
    .executeTakeFirst();
  return { org, allCompany: row!.id };
}

/** A community with these active members (and, optionally, others with another status). */
async function community(
  w: World,
  opts: { visibility?: 'public' | 'private' | 'secret'; members?: string[]; banned?: string[] } = {},
): Promise<string> {
  const id = newId();
  await db()
    .insertInto('communities')
    .values({ id, orgId: w.org.orgId, name: `Community ${id.slice(0, 6)}`, slug: `c-${id}`, visibility: opts.visibility ?? 'public' })
    .execute();
  const rows = [
    ...(opts.members ?? []).map((userId) => ({ orgId: w.org.orgId, communityId: id, userId, status: 'active' as const })),
    ...(opts.banned ?? []).map((userId) => ({ orgId: w.org.orgId, communityId: id, userId, status: 'banned' as const })),
  ];
  if (rows.length > 0) {
    await db().insertInto('communityMembers').values(rows).execute();
  }
  return id;
}

interface PostOpts {
  author: string;
  community?: string | null;
  /** Hours before NOW. */
  ageHours?: number;
  tags?: string[];
  reactions?: number;
  comments?: number;
  shares?: number;
  deleted?: boolean;
  hidden?: boolean;
  pinned?: boolean;
}

/** A post as the posts module stores it, dated and counted as the test needs. */
async function post(w: World, o: PostOpts): Promise<string> {
  const id = newId();
  const createdAt = new Date(NOW - (o.ageHours ?? 1) * HOUR);
  await db()
    .insertInto('posts')
    .values({
      id,
      orgId: w.org.orgId,
      authorId: o.author,
      communityId: o.community ?? null,
      body: `Post ${id}`,
      bodyHtml: `<p>Post ${id}</p>`,
      reactionCount: o.reactions ?? 0,
      commentCount: o.comments ?? 0,
      shareCount: o.shares ?? 0,
      createdAt,
      deletedAt: o.deleted ? new Date() : null,
      hiddenAt: o.hidden ? new Date() : null,
      hiddenReason: o.hidden ? 'Off topic' : null,
      pinnedAt: o.pinned ? new Date() : null,
    })
    .execute();
  if (o.tags?.length) {
    await db()
      .insertInto('postHashtags')
      .values(o.tags.map((tag) => ({ orgId: w.org.orgId, postId: id, tag, createdAt })))
      .execute();
  }
  return id;
}

interface PageBody {
  items: { id: string; pinned: boolean; author: { id: string } }[];
  nextCursor: string | null;
  head?: string | null;
}

async function ids(client: Client, url: string): Promise<string[]> {
  const res = await client.get(url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<PageBody>().items.map((p) => p.id);
}

/** Every page of a feed, following the cursors. */
async function allPages(client: Client, url: string, limit: number): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const res = await client.get(`${url}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<PageBody>();
    pages.push(body.items.map((p) => p.id));
    cursor = body.nextCursor;
  } while (cursor && pages.length < 50);
  return pages;
}

describe('home feed', () => {
  it('shows joined communities, All company, followed people and hashtags and my own posts, newest first', async () => {
    const w = await world();
    const me = await w.org.person({ name: 'Reader' });
    const friend = await w.org.person({ name: 'Friend' });
    const stranger = await w.org.person({ name: 'Stranger' });
    const joined = await community(w, { members: [me.id, stranger.id] });
    const elsewhere = await community(w, { members: [stranger.id, friend.id] });
    expect((await me.client.put(`/api/people/${friend.id}/follow`, {})).statusCode).toBe(200);
    expect((await me.client.put('/api/hashtags/launch/follow', {})).statusCode).toBe(200);

    const inJoined = await post(w, { author: stranger.id, community: joined, ageHours: 1 });
    const companyWide = await post(w, { author: stranger.id, community: w.allCompany, ageHours: 2 });
    const friendsProfile = await post(w, { author: friend.id, ageHours: 3 });
    const friendElsewhere = await post(w, { author: friend.id, community: elsewhere, ageHours: 4 });
    const tagged = await post(w, { author: stranger.id, community: elsewhere, tags: ['launch'], ageHours: 5 });
    const mine = await post(w, { author: me.id, ageHours: 6 });
    await post(w, { author: stranger.id, community: elsewhere, ageHours: 0.5 });
    await post(w, { author: stranger.id, ageHours: 0.5 });

    expect(await ids(me.client, '/api/feed')).toEqual([inJoined, companyWide, friendsProfile, friendElsewhere, tagged, mine]);
  });

  it('carries a post written through the API to members, followers and hashtag followers, and drops it once deleted', async () => {
    const w = await world();
    const author = await w.org.person();
    const member = await w.org.person();
    const follower = await w.org.person();
    const tagFan = await w.org.person();
    const bystander = await w.org.person();
    const c = await community(w, { members: [author.id, member.id] });
    await follower.client.put(`/api/people/${author.id}/follow`, {});
    await tagFan.client.put('/api/hashtags/townhall/follow', {});
    const res = await author.client.post('/api/posts', { communityId: c, body: 'See you at the #TownHall on Friday' });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<{ id: string }>().id;

    for (const reader of [author, member, follower, tagFan]) {
      expect(await ids(reader.client, '/api/feed')).toEqual([id]);
    }
    expect(await ids(bystander.client, '/api/feed')).toEqual([]);
    expect(await ids(bystander.client, '/api/hashtags/townhall/feed')).toEqual([id]);
    const view = (await member.client.get('/api/feed')).json<{ items: { author: { id: string }; hashtags: string[] }[] }>().items[0]!;
    expect([view.author.id, view.hashtags]).toEqual([author.id, ['townhall']]);

    expect((await author.client.delete(`/api/posts/${id}`)).statusCode).toBeLessThan(300);
    expect(await ids(member.client, '/api/feed')).toEqual([]);
    expect(await ids(tagFan.client, '/api/hashtags/townhall/feed')).toEqual([]);
  });

  it('never shows posts of a private or secret community the reader is not in, whoever wrote them and whatever their tags', async () => {
    const w = await world();
    const me = await w.org.person();
    const friend = await w.org.person();
    const closed = await community(w, { visibility: 'private', members: [friend.id] });
    const secret = await community(w, { visibility: 'secret', members: [friend.id] });
    await me.client.put(`/api/people/${friend.id}/follow`, {});
    await me.client.put('/api/hashtags/roadmap/follow', {});
    await post(w, { author: friend.id, community: closed, tags: ['roadmap'] });
    await post(w, { author: friend.id, community: secret, tags: ['roadmap'] });
    const open = await post(w, { author: friend.id, ageHours: 2 });

    expect(await ids(me.client, '/api/feed')).toEqual([open]);
    expect(await ids(me.client, '/api/discover')).toEqual([open]);
    expect(await ids(me.client, '/api/hashtags/roadmap/feed')).toEqual([]);
    expect(await ids(me.client, `/api/people/${friend.id}/feed`)).toEqual([open]);
    expect((await me.client.get('/api/hashtags/roadmap')).json()).toEqual({ tag: 'roadmap', postCount: 0, following: true });
  });

  it('leaves out deleted and hidden posts in every feed', async () => {
    const w = await world();
    const me = await w.org.person();
    const author = await w.org.person();
    const c = await community(w, { members: [me.id, author.id] });
    await me.client.put(`/api/people/${author.id}/follow`, {});
    const kept = await post(w, { author: author.id, community: c, tags: ['news'], reactions: 1, ageHours: 3 });
    const gone = await post(w, { author: author.id, community: c, tags: ['news'], deleted: true, reactions: 50 });
    const hidden = await post(w, { author: author.id, community: c, tags: ['news'], hidden: true, reactions: 50 });
    await post(w, { author: author.id, deleted: true });
    await db()
      .insertInto('bookmarks')
      .values([kept, gone, hidden].map((postId) => ({ orgId: w.org.orgId, userId: me.id, postId })))
      .execute();

    for (const url of [
      '/api/feed',
      '/api/feed?sort=top',
      '/api/discover',
      `/api/communities/${c}/feed`,
      `/api/people/${author.id}/feed`,
      '/api/hashtags/news/feed',
      '/api/bookmarks',
    ]) {
      expect(await ids(me.client, url), url).toEqual([kept]);
    }
    expect((await me.client.get('/api/hashtags/news')).json().postCount).toBe(1);
  });

  it('pages through 45 posts by 20 without gaps or repeats, even when several share a timestamp', async () => {
    const w = await world();
    const me = await w.org.person();
    const c = await community(w, { members: [me.id] });
    const made: string[] = [];
    for (let i = 0; i < 45; i += 1) {
      // Groups of three posts written in the same microsecond.
      made.push(await post(w, { author: me.id, community: c, ageHours: Math.floor(i / 3) + 1, tags: ['paging'] }));
    }
    const expected = await db()
      .selectFrom('posts')
      .select('id')
      .where('id', 'in', made)
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .execute();
    for (const url of ['/api/feed', `/api/communities/${c}/feed`, `/api/people/${me.id}/feed`, '/api/hashtags/paging/feed']) {
      const pages = await allPages(me.client, url, 20);
      expect(
        pages.map((p) => p.length),
        url,
      ).toEqual([20, 20, 5]);
      expect(pages.flat(), url).toEqual(expected.map((r) => r.id));
    }
  });

  it('reaches back as far as it must to fill a page: hours, days or years', async () => {
    const w = await world();
    const me = await w.org.person();
    const c = await community(w, { members: [me.id] });
    const ages = [1, 5, 30, 200, 24 * 45, 24 * 400];
    const made = [];
    for (const ageHours of ages) {
      made.push(await post(w, { author: me.id, community: c, ageHours }));
    }
    expect(await ids(me.client, '/api/feed')).toEqual(made);
    expect(await allPages(me.client, '/api/feed', 2)).toEqual([made.slice(0, 2), made.slice(2, 4), made.slice(4)]);
  });

  it('sorts by engagement with time decay when asked for top, and keeps one ranking across pages', async () => {
    const w = await world();
    const me = await w.org.person();
    const c = await community(w, { members: [me.id] });
    const viral = await post(w, { author: me.id, community: c, ageHours: 30, reactions: 200, comments: 40 });
    const fresh = await post(w, { author: me.id, community: c, ageHours: 1, reactions: 3 });
    const quietNew = await post(w, { author: me.id, community: c, ageHours: 2 });
    const quietOld = await post(w, { author: me.id, community: c, ageHours: 48 });
    await post(w, { author: me.id, community: c, ageHours: 24 * 20, reactions: 1000 });

    expect(await ids(me.client, '/api/feed?sort=top')).toEqual([viral, fresh, quietNew, quietOld]);
    const pages = await allPages(me.client, '/api/feed?sort=top', 3);
    expect(pages).toEqual([[viral, fresh, quietNew], [quietOld]]);
  });

  it('gives the newest position, and counts what arrived after it', async () => {
    const w = await world();
    const me = await w.org.person();
    const c = await community(w, { members: [me.id] });
    await post(w, { author: me.id, community: c, ageHours: 3 });
    const first = await me.client.get('/api/feed');
    const head = first.json<PageBody>().head!;
    expect(head).toEqual(expect.any(String));
    expect((await me.client.get(`/api/feed/news?since=${head}`)).json()).toEqual({ count: 0, head });

    await post(w, { author: me.id, community: c, ageHours: 2 });
    await post(w, { author: me.id, ageHours: 1 });
    const news = (await me.client.get(`/api/feed/news?since=${head}`)).json();
    expect(news.count).toBe(2);
    expect(news.head).not.toBe(head);
    expect((await me.client.get(`/api/feed/news?since=${news.head}`)).json().count).toBe(0);
    expect((await me.client.get('/api/feed?sort=top')).json().head).toBe(news.head);
  });

  it('refuses cursors it did not write and limits over 100', async () => {
    const w = await world();
    const me = await w.org.person();
    const c = await community(w, { members: [me.id] });
    for (let i = 0; i < 3; i += 1) {
      await post(w, { author: me.id, community: c, ageHours: i + 1 });
    }
    const latest = (await me.client.get('/api/feed?limit=1')).json<PageBody>().nextCursor!;
    const top = (await me.client.get('/api/feed?sort=top&limit=1')).json<PageBody>().nextCursor!;
    const forged = Buffer.from(JSON.stringify(['t', 1, 'not-an-id'])).toString('base64url');
    for (const url of [
      '/api/feed?cursor=garbage',
      `/api/feed?cursor=${forged}`,
      `/api/feed?cursor=${top}`,
      `/api/feed?sort=top&cursor=${latest}`,
      `/api/discover?cursor=${latest}`,
      `/api/communities/${c}/feed?cursor=${top}`,
      '/api/bookmarks?cursor=%7B%7D',
      `/api/me/following?type=hashtags&cursor=${latest}`,
      '/api/feed/news?since=garbage',
    ]) {
      const res = await me.client.get(url);
      expect([res.statusCode, res.json().error.code], url).toEqual([400, 'INVALID_CURSOR']);
    }
    expect((await me.client.get('/api/feed?limit=101')).statusCode).toBe(400);
    expect((await me.client.get('/api/feed?sort=newest')).statusCode).toBe(400);
  });
});

describe('discover', () => {
  it('ranks the week’s popular posts the reader may read, never private or secret ones of communities they are not in', async () => {
    const w = await world();
    const me = await w.org.person();
    const other = await w.org.person();
    const open = await community(w, { members: [other.id] });
    const closed = await community(w, { visibility: 'private', members: [other.id] });
    const secret = await community(w, { visibility: 'secret', members: [other.id] });
    const mineClosed = await community(w, { visibility: 'private', members: [me.id, other.id] });
    const banned = await community(w, { members: [other.id], banned: [me.id] });
    const popular = await post(w, { author: other.id, community: open, reactions: 80, ageHours: 5 });
    const member = await post(w, { author: other.id, community: mineClosed, reactions: 20, ageHours: 5 });
    const profile = await post(w, { author: other.id, reactions: 2, ageHours: 5 });
    await post(w, { author: other.id, community: closed, reactions: 500 });
    await post(w, { author: other.id, community: secret, reactions: 500 });
    await post(w, { author: other.id, community: banned, reactions: 500 });
    await post(w, { author: other.id, community: open, reactions: 5000, ageHours: 24 * 8 });

    expect(await ids(me.client, '/api/discover')).toEqual([popular, member, profile]);
    expect(await ids(other.client, '/api/discover')).toHaveLength(6);
  });
});

describe('community feed', () => {
  it('shows pinned posts first on the first page only, flagged, and not again further down', async () => {
    const w = await world();
    const me = await w.org.person();
    const c = await community(w, { members: [me.id] });
    const made: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      made.push(await post(w, { author: me.id, community: c, ageHours: i + 1 }));
    }
    const pinned = await post(w, { author: me.id, community: c, ageHours: 10, pinned: true });

    const first = (await me.client.get(`/api/communities/${c}/feed?limit=3`)).json<PageBody>();
    expect(first.items.map((p) => [p.id, p.pinned])).toEqual([
      [pinned, true],
      [made[0], false],
      [made[1], false],
      [made[2], false],
    ]);
    const second = (await me.client.get(`/api/communities/${c}/feed?limit=3&cursor=${first.nextCursor}`)).json<PageBody>();
    expect(second.items.map((p) => p.id)).toEqual([made[3], made[4]]);
    expect(second.nextCursor).toBeNull();
  });

  it('answers 404 for a private or secret community the reader is not in, and for one that does not exist', async () => {
    const w = await world();
    const me = await w.org.person();
    const other = await w.org.person();
    const closed = await community(w, { visibility: 'private', members: [other.id] });
    const secret = await community(w, { visibility: 'secret', members: [other.id] });
    const banned = await community(w, { members: [other.id], banned: [me.id] });
    await post(w, { author: other.id, community: closed });
    for (const id of [closed, secret, banned, newId()]) {
      const res = await me.client.get(`/api/communities/${id}/feed`);
      expect([res.statusCode, res.json().error.code]).toEqual([404, 'NOT_FOUND']);
    }
    expect(await ids(other.client, `/api/communities/${closed}/feed`)).toHaveLength(1);
  });

  it('lets anyone read a public community they have not joined', async () => {
    const w = await world();
    const me = await w.org.person();
    const other = await w.org.person();
    const open = await community(w, { members: [other.id] });
    const p = await post(w, { author: other.id, community: open });
    expect(await ids(me.client, `/api/communities/${open}/feed`)).toEqual([p]);
    expect(await ids(me.client, '/api/feed')).toEqual([]);
  });
});

describe('profile, hashtag and bookmarks feeds', () => {
  it('shows a person’s profile posts and their posts in communities the reader may read', async () => {
    const w = await world();
    const me = await w.org.person();
    const author = await w.org.person();
    const open = await community(w, { members: [author.id] });
    const closed = await community(w, { visibility: 'private', members: [author.id] });
    const shared = await community(w, { visibility: 'secret', members: [author.id, me.id] });
    const a = await post(w, { author: author.id, ageHours: 1 });
    const b = await post(w, { author: author.id, community: open, ageHours: 2 });
    const c = await post(w, { author: author.id, community: shared, ageHours: 3 });
    await post(w, { author: author.id, community: closed, ageHours: 4 });
    await post(w, { author: me.id, ageHours: 5 });

    expect(await ids(me.client, `/api/people/${author.id}/feed`)).toEqual([a, b, c]);
    expect(await ids(author.client, `/api/people/${author.id}/feed`)).toHaveLength(4);
    expect((await me.client.get(`/api/people/${newId()}/feed`)).statusCode).toBe(404);
  });

  it('shows the posts pinned to a profile first, but not a post the person pinned in a community', async () => {
    const w = await world();
    const me = await w.org.person();
    const author = await w.org.person();
    const c = await community(w, { members: [author.id] });
    const recent = await post(w, { author: author.id, ageHours: 1 });
    const inCommunity = await post(w, { author: author.id, community: c, ageHours: 2, pinned: true });
    const pinned = await post(w, { author: author.id, ageHours: 3, pinned: true });
    const first = (await me.client.get(`/api/people/${author.id}/feed?limit=1`)).json<PageBody>();
    expect(first.items.map((p) => [p.id, p.pinned])).toEqual([
      [pinned, true],
      [recent, false],
    ]);
    expect(await ids(me.client, `/api/people/${author.id}/feed?limit=1&cursor=${first.nextCursor}`)).toEqual([inCommunity]);
  });

  it('finds a hashtag however it is typed, and refuses what cannot be a hashtag', async () => {
    const w = await world();
    const me = await w.org.person();
    const p = await post(w, { author: me.id, tags: ['release-2'] });
    expect(await ids(me.client, '/api/hashtags/Release-2/feed')).toEqual([p]);
    expect(await ids(me.client, `/api/hashtags/${encodeURIComponent('#release-2')}/feed`)).toEqual([p]);
    expect((await me.client.get('/api/hashtags/release-2')).json()).toEqual({ tag: 'release-2', postCount: 1, following: false });
    for (const bad of ['x', 'two%20words', 'a'.repeat(51), 'semi%3Bcolon']) {
      const res = await me.client.get(`/api/hashtags/${bad}/feed`);
      expect([res.statusCode, res.json().error.code], bad).toEqual([400, 'INVALID_HASHTAG']);
    }
  });

  it('lists my bookmarks most recently saved first, only those I may still read', async () => {
    const w = await world();
    const me = await w.org.person();
    const other = await w.org.person();
    const closed = await community(w, { visibility: 'private', members: [me.id, other.id] });
    const old = await post(w, { author: other.id, ageHours: 1 });
    const recent = await post(w, { author: other.id, ageHours: 5 });
    const private_ = await post(w, { author: other.id, community: closed, ageHours: 2 });
    await db()
      .insertInto('bookmarks')
      .values([
        { orgId: w.org.orgId, userId: me.id, postId: old, createdAt: new Date(NOW - 3 * HOUR) },
        { orgId: w.org.orgId, userId: me.id, postId: recent, createdAt: new Date(NOW - HOUR) },
        { orgId: w.org.orgId, userId: me.id, postId: private_, createdAt: new Date(NOW - 2 * HOUR) },
        { orgId: w.org.orgId, userId: other.id, postId: old, createdAt: new Date(NOW) },
      ])
      .execute();
    expect(await ids(me.client, '/api/bookmarks')).toEqual([recent, private_, old]);

    await db().deleteFrom('communityMembers').where('communityId', '=', closed).where('userId', '=', me.id).execute();
    expect(await ids(me.client, '/api/bookmarks')).toEqual([recent, old]);
    expect(await allPages(me.client, '/api/bookmarks', 1)).toEqual([[recent], [old]]);
  });
});

describe('following', () => {
  it('follows and unfollows a person, notifying them once, and changes the home feed', async () => {
    const w = await world();
    const me = await w.org.person();
    const them = await w.org.person();
    const p = await post(w, { author: them.id });
    expect(await ids(me.client, '/api/feed')).toEqual([]);

    const res = await me.client.put(`/api/people/${them.id}/follow`, {});
    expect([res.statusCode, res.json()]).toEqual([200, { following: true, followsYou: false, followerCount: 1, followingCount: 0 }]);
    await me.client.put(`/api/people/${them.id}/follow`, {});
    expect(await ids(me.client, '/api/feed')).toEqual([p]);
    expect((await them.client.get(`/api/people/${me.id}/follow`)).json()).toEqual({
      following: false,
      followsYou: true,
      followerCount: 0,
      followingCount: 1,
    });
    const notes = await db().selectFrom('notifications').select(['type', 'actorId']).where('userId', '=', them.id).execute();
    expect(notes).toEqual([{ type: 'follow', actorId: me.id }]);

    const off = await me.client.delete(`/api/people/${them.id}/follow`);
    expect([off.statusCode, off.json().following]).toEqual([200, false]);
    expect((await me.client.delete(`/api/people/${them.id}/follow`)).statusCode).toBe(200);
    expect(await ids(me.client, '/api/feed')).toEqual([]);
  });

  it('refuses following oneself, and people who do not exist or have left', async () => {
    const w = await world();
    const me = await w.org.person();
    const gone = await w.org.person();
    await db().updateTable('users').set({ status: 'deactivated' }).where('id', '=', gone.id).execute();
    const self = await me.client.put(`/api/people/${me.id}/follow`, {});
    expect([self.statusCode, self.json().error.code]).toEqual([400, 'CANNOT_FOLLOW_SELF']);
    for (const id of [newId(), gone.id]) {
      expect((await me.client.put(`/api/people/${id}/follow`, {})).statusCode).toBe(404);
    }
    const elsewhere = await createOrg(t);
    expect((await me.client.put(`/api/people/${elsewhere.adminId}/follow`, {})).statusCode).toBe(404);
  });

  it('follows hashtags, and lists whom and what I follow, page by page', async () => {
    const w = await world();
    const me = await w.org.person();
    const people = [await w.org.person({ name: 'Ann' }), await w.org.person({ name: 'Bob' }), await w.org.person({ name: 'Cy' })];
    for (const p of people) {
      await me.client.put(`/api/people/${p.id}/follow`, {});
    }
    for (const tag of ['alpha', '#Beta', 'gamma']) {
      const res = await me.client.put(`/api/hashtags/${encodeURIComponent(tag)}/follow`, {});
      expect(res.json().following).toBe(true);
    }
    const off = await me.client.delete('/api/hashtags/gamma/follow');
    expect(off.json()).toEqual({ tag: 'gamma', postCount: 0, following: false });

    const first = (await me.client.get('/api/me/following?limit=2')).json();
    expect(first.items.map((i: { person: { name: string } }) => i.person.name)).toEqual(['Cy', 'Bob']);
    const rest = (await me.client.get(`/api/me/following?limit=2&cursor=${first.nextCursor}`)).json();
    expect(rest.items.map((i: { person: { name: string } }) => i.person.name)).toEqual(['Ann']);
    expect(rest.nextCursor).toBeNull();
    const tags = (await me.client.get('/api/me/following?type=hashtags')).json();
    expect(tags.items.map((i: { kind: string; tag: string }) => [i.kind, i.tag])).toEqual([
      ['hashtag', 'beta'],
      ['hashtag', 'alpha'],
    ]);
  });

  it('asks a signed-in person', async () => {
    const w = await world();
    for (const url of ['/api/feed', '/api/discover', '/api/bookmarks', '/api/me/following', '/api/hashtags/abc']) {
      expect((await w.org.anonymous().get(url)).statusCode).toBe(401);
    }
  });
});
