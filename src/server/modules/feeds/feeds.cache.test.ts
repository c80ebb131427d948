import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { newId } from '../../platform/ids.js';
import { memoryStorage } from '../../platform/storage.js';
import { Client, createOrg, insertCommunity, testApp, type TestApp, type TestOrg } from '../../test/helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const ok = (res: { statusCode: number; body: string }) => {
  expect(res.statusCode, res.body).toBeLessThan(300);
  return JSON.parse(res.body) as { id: string };
};

/** Where a post reaches everyone's home feed. */
async function allCompany(app: FastifyInstance, org: TestOrg): Promise<string> {
  const row = await app.ctx.db
    .selectFrom('communities')
    .select('id')
    .where('orgId', '=', org.orgId)
    .where('isAllCompany', '=', true)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The viewer's home feed as served (cached when it can be) must equal a read that bypasses the cache. */
async function expectFresh(app: FastifyInstance, viewer: Client, step: string): Promise<string> {
  const served = await viewer.get('/api/feed');
  app.ctx.feedCache.clear();
  const fresh = await viewer.get('/api/feed');
  expect(fresh.statusCode).toBe(200);
  expect(served.body, `after: ${step}`).toBe(fresh.body);
  // The fresh read is kept, so that the next step starts from a cached page.
  expect((await viewer.get('/api/feed')).body).toBe(fresh.body);
  return fresh.body;
}

describe('home feed cache', () => {
  it('serves a person their cached first page until something on it changes', async () => {
    const org = await createOrg(t);
    const viewer = await org.person();
    const first = await viewer.client.get('/api/feed');
    const post = ok(await org.admin.post('/api/posts', { communityId: await allCompany(t.app, org), body: 'Welcome, everyone' }));
    const second = await viewer.client.get('/api/feed');
    expect(second.body).not.toBe(first.body);
    expect(second.json<{ items: { id: string }[] }>().items.map((p) => p.id)).toEqual([post.id]);
    // Written behind the server's back: the cached page does not know, which shows it is the cache answering.
    await t.app.ctx.db.updateTable('posts').set({ bodyHtml: '<p>Changed in the database</p>' }).where('id', '=', post.id).execute();
    expect((await viewer.client.get('/api/feed')).body).toBe(second.body);
    // Other sorts, later pages and other page sizes are always read.
    expect((await viewer.client.get('/api/feed?limit=5')).body).toContain('Changed in the database');
    expect((await viewer.client.get('/api/feed?sort=top')).body).toContain('Changed in the database');
    t.app.ctx.feedCache.clear();
    expect((await viewer.client.get('/api/feed')).body).toContain('Changed in the database');
  });

  it('answers after every kind of change exactly as an uncached read does', async () => {
    const org: TestOrg = await createOrg(t);
    const viewer = await org.person({ name: 'Vera Viewer' });
    const author = await org.person({ name: 'Aldo Author' });
    const followed = await org.person({ name: 'Fede Followed' });
    const c = await insertCommunity(t, org, 'public', [{ id: org.adminId, role: 'owner' }, { id: viewer.id }, { id: author.id }]);
    const fresh = (step: string) => expectFresh(t.app, viewer.client, step);

    const mine = ok(await viewer.client.post('/api/posts', { communityId: c, body: 'My first post' }));
    await fresh('the viewer posts');
    const theirs = ok(await author.client.post('/api/posts', { communityId: c, body: 'Release notes for **today**' }));
    await fresh('someone posts in a joined community');
    ok(await author.client.put(`/api/posts/${mine.id}/reaction`, { kind: 'celebrate' }));
    await fresh('someone reacts to a post on the page');
    ok(await author.client.post(`/api/posts/${mine.id}/comments`, { body: 'Well done' }));
    await fresh('someone comments on a post on the page');
    ok(await viewer.client.put(`/api/posts/${theirs.id}/bookmark`, {}));
    await fresh('the viewer bookmarks a post');
    ok(await viewer.client.put(`/api/posts/${theirs.id}/reaction`, { kind: 'insightful' }));
    await fresh('the viewer reacts');
    ok(await author.client.patch(`/api/posts/${theirs.id}`, { body: 'Release notes, corrected' }));
    await fresh('the author edits');
    ok(await author.client.patch(`/api/people/${author.id}`, { name: 'Aldo Renamed' }));
    await fresh('the author changes their name');
    ok(await org.admin.patch(`/api/communities/${c}`, { name: 'Renamed community' }));
    await fresh('the community is renamed');
    ok(await org.admin.post(`/api/posts/${theirs.id}/pin`));
    await fresh('a post is pinned');
    const share = ok(await author.client.post('/api/posts', { body: 'Worth reading', sharedPostId: mine.id }));
    await fresh('someone shares a post');
    ok(await viewer.client.patch(`/api/posts/${mine.id}`, { body: 'My first post, edited' }));
    const page = await fresh('the shared original is edited');
    expect(page).toContain('My first post, edited');
    ok(await org.admin.post(`/api/posts/${share.id}/hide`, { reason: 'Off topic' }));
    await fresh('a moderator hides a post');
    ok(await author.client.delete(`/api/posts/${theirs.id}`));
    await fresh('the author deletes a post');
    ok(await followed.client.post('/api/posts', { communityId: null, body: 'On my profile' }));
    await fresh('someone not followed posts on their profile');
    ok(await viewer.client.put(`/api/people/${followed.id}/follow`, {}));
    expect(await fresh('the viewer follows them')).toContain('On my profile');
    ok(await viewer.client.post(`/api/communities/${c}/leave`));
    await fresh('the viewer leaves the community');
    ok(await org.admin.patch(`/api/admin/people/${viewer.id}`, { roles: ['employee', 'admin'] }));
    await fresh('the viewer becomes an administrator');
    expect(t.app.ctx.feedCache.size).toBeGreaterThan(0);
  });

  it('keeps people and organisations apart', async () => {
    const a = await createOrg(t);
    const b = await createOrg(t);
    const ann = await a.person();
    const bea = await a.person();
    const bob = await b.person();
    ok(await a.admin.post('/api/posts', { communityId: await allCompany(t.app, a), body: 'Only for organisation A' }));
    const pages = await Promise.all([ann, bea, bob].map((p) => p.client.get('/api/feed')));
    expect(pages[0]!.body).toContain('Only for organisation A');
    expect(pages[2]!.body).not.toContain('Only for organisation A');
    // Ann's bookmark shows on Ann's page only.
    const id = pages[0]!.json<{ items: { id: string }[] }>().items[0]!.id;
    ok(await ann.client.put(`/api/posts/${id}/bookmark`, {}));
    expect((await ann.client.get('/api/feed')).json<{ items: { bookmarked: boolean }[] }>().items[0]!.bookmarked).toBe(true);
    expect((await bea.client.get('/api/feed')).json<{ items: { bookmarked: boolean }[] }>().items[0]!.bookmarked).toBe(false);
    // Organisation B's writes leave organisation A's pages alone.
    const before = t.app.ctx.feedCache.size;
    ok(await b.admin.post('/api/posts', { communityId: await allCompany(t.app, b), body: 'Only for organisation B' }));
    expect(t.app.ctx.feedCache.size).toBe(before - 1);
  });

  it('is turned off with FEED_CACHE_ENTRIES=0', async () => {
    const off = await testApp({ feedCacheEntries: 0 });
    try {
      const org = await createOrg(off);
      const viewer = await org.person();
      await viewer.client.get('/api/feed');
      expect(off.app.ctx.feedCache.size).toBe(0);
    } finally {
      await off.close();
    }
  });
});

describe('sessions a node remembers', () => {
  it('end at once on sign-out everywhere, deactivation and a role change', async () => {
    const org = await createOrg(t);
    const p = await org.person();
    const other = await org.anonymous().signIn(p.email);
    expect((await other.get('/api/me')).statusCode).toBe(200);
    ok(await org.admin.patch(`/api/admin/people/${p.id}`, { roles: ['employee', 'hr'] }));
    expect((await p.client.get('/api/me')).json<{ user: { roles: string[] } }>().user.roles).toContain('hr');
    ok(await p.client.post('/api/auth/sign-out-everywhere'));
    expect((await other.get('/api/me')).statusCode).toBe(401);

    const q = await org.person();
    expect((await q.client.get('/api/me')).statusCode).toBe(200);
    ok(await org.admin.post(`/api/admin/people/${q.id}/deactivate`));
    expect((await q.client.get('/api/me')).statusCode).toBe(401);
  });
});

const redisUrl = process.env.TEST_REDIS_URL;

describe.skipIf(!redisUrl)('caches across nodes sharing Redis', () => {
  const prefix = `tessuto-test-${newId()}:`;
  let two: TestApp;
  let second: FastifyInstance;

  beforeAll(async () => {
    two = await testApp({ redisUrl, redisPrefix: prefix });
    const config = loadConfig({ LOG_LEVEL: 'silent' }, { redisUrl, redisPrefix: prefix, dataDir: '/nonexistent', webDir: '/nonexistent' });
    second = await buildApp({ config, database: two.database, storage: memoryStorage(), logger: false });
    await second.ready();
    await Promise.all([two.app.ctx.bus.ready?.(), second.ctx.bus.ready?.()]);
  });
  afterAll(async () => {
    await second.close();
    await two.close();
    const redis = new Redis(redisUrl!);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) {
      await redis.del(...keys);
    }
    await redis.quit();
  });

  /** The same person's browser, talking to the second node. */
  const onSecond = (c: Client) => Object.assign(new Client(second, c.host), { cookie: c.cookie, csrf: c.csrf });

  /** Notices cross Redis in about a millisecond; a test waits for them rather than for a fixed time. */
  async function eventually(check: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + 5000;
    while (!(await check())) {
      if (Date.now() > deadline) {
        throw new Error('the other node did not catch up within 5 s');
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('drops pages and sessions on the other node when a write makes them stale', async () => {
    const org = await createOrg(two);
    const viewer = await org.person();
    const there = onSecond(viewer.client);
    const post = ok(await org.admin.post('/api/posts', { communityId: await allCompany(two.app, org), body: 'Made on the first node' }));
    await eventually(async () => (await there.get('/api/feed')).body.includes(post.id));
    expect(second.ctx.feedCache.size).toBeGreaterThan(0);

    // A personal write on the first node (a bookmark) reaches the page cached on the second.
    ok(await viewer.client.put(`/api/posts/${post.id}/bookmark`, {}));
    await eventually(async () => (await there.get('/api/feed')).json<{ items: { bookmarked: boolean }[] }>().items[0]!.bookmarked);

    // Deactivated through the first node: the session the second node remembers ends too.
    expect((await there.get('/api/me')).statusCode).toBe(200);
    ok(await org.admin.post(`/api/admin/people/${viewer.id}/deactivate`));
    await eventually(async () => (await there.get('/api/me')).statusCode === 401);
  });
});
