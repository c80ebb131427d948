import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMS_LIMITS } from '../../../shared/comms.js';
import { createOrg, insertCommunity, testApp, type Client, type TestApp, type TestOrg } from '../../test/helpers.js';
import { enqueue } from '../../platform/jobs.js';
import { runArticleTick } from './articles.service.js';

let t: TestApp;
const db = () => t.app.ctx.db;

beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

interface Article {
  id: string;
  title: string;
  summary: string;
  body: string | null;
  html: string;
  status: string;
  postId: string | null;
  publishedAt: string | null;
  publishAt: string | null;
  unpublishAt: string | null;
  readingMinutes: number;
  coverUrl: string | null;
}

interface PostLike {
  id: string;
  kind: string;
  title?: string | null;
  createdAt: string;
  article?: { id: string; title: string; summary: string; coverUrl: string | null; readingMinutes: number; publishedAt: string } | null;
}

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

async function draft(client: Client, body: Record<string, unknown> = {}): Promise<Article> {
  const res = await client.post('/api/articles', {
    title: 'Our new office',
    summary: 'Where we move next spring.',
    body: words(50),
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Article>();
}

async function publish(client: Client, id: string, body: Record<string, unknown> = {}): Promise<Article> {
  const res = await client.post(`/api/articles/${id}/publish`, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Article>();
}

async function uploadImage(client: Client): Promise<{ id: string; url: string }> {
  const png = await sharp({ create: { width: 64, height: 32, channels: 3, background: '#3a7' } })
    .png()
    .toBuffer();
  const boundary = '----tessuto-article';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cover.png"\r\nContent-Type: image/png\r\n\r\n`),
    png,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await client.post('/api/attachments', payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; url: string }>();
}

const tick = (now: Date) =>
  db()
    .transaction()
    .execute((trx) => runArticleTick(trx, now));

async function communityFeed(client: Client, communityId: string): Promise<PostLike[]> {
  const res = await client.get(`/api/communities/${communityId}/feed`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: PostLike[] }>().items;
}

describe('article drafts', () => {
  let org: TestOrg;
  beforeAll(async () => {
    org = await createOrg(t);
  });

  it('saves, lists, edits and deletes a draft of its author', async () => {
    const me = await org.person();
    const a = await draft(me.client);
    expect(a).toMatchObject({ title: 'Our new office', status: 'draft', postId: null, publishedAt: null, readingMinutes: 1 });
    expect(a.body).toBe(words(50));

    const edited = await me.client.patch(`/api/articles/${a.id}`, { title: '  Moving day  ', body: `## Plan\n\n${words(700)}` });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json<Article>()).toMatchObject({ title: 'Moving day', readingMinutes: 3 });
    expect(edited.json<Article>().html).toContain('<h2>Plan</h2>');

    const list = await me.client.get('/api/articles?status=draft');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json<{ items: Article[] }>().items.map((i) => i.id)).toEqual([a.id]);
    expect((await me.client.get('/api/articles?status=published')).json<{ items: Article[] }>().items).toEqual([]);

    expect((await me.client.delete(`/api/articles/${a.id}`)).statusCode).toBe(200);
    expect((await me.client.get(`/api/articles/${a.id}`)).statusCode).toBe(404);
  });

  it("pages the author's articles, last changed first", async () => {
    const me = await org.person();
    const made: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      made.push((await draft(me.client, { title: `Draft ${i}` })).id);
    }
    const first = (await me.client.get('/api/articles?limit=2')).json<{ items: Article[]; nextCursor: string | null }>();
    expect(first.items.map((i) => i.id)).toEqual([made[2], made[1]]);
    const second = (await me.client.get(`/api/articles?limit=2&cursor=${first.nextCursor}`)).json<{
      items: Article[];
      nextCursor: string | null;
    }>();
    expect(second.items.map((i) => i.id)).toEqual([made[0]]);
    expect(second.nextCursor).toBeNull();
    expect((await me.client.get('/api/articles?cursor=nonsense')).json<{ error: { code: string } }>().error.code).toBe('INVALID_CURSOR');
  });

  it('refuses an empty title, a text too long and unknown fields', async () => {
    const me = await org.person();
    const blank = await me.client.post('/api/articles', { title: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json<{ error: { code: string } }>().error.code).toBe('TITLE_REQUIRED');
    expect((await me.client.post('/api/articles', { title: '' })).statusCode).toBe(400);
    expect((await me.client.post('/api/articles', { title: 'x'.repeat(COMMS_LIMITS.title + 1) })).statusCode).toBe(400);
    expect((await me.client.post('/api/articles', { title: 'Long', body: 'x'.repeat(COMMS_LIMITS.articleBody + 1) })).statusCode).toBe(400);
    expect(
      (await me.client.post('/api/articles', { title: 'Long', summary: 'x'.repeat(COMMS_LIMITS.articleSummary + 1) })).statusCode,
    ).toBe(400);
    expect((await me.client.post('/api/articles', { title: 'Odd', status: 'published' })).statusCode).toBe(400);
    const a = await draft(me.client);
    expect((await me.client.patch(`/api/articles/${a.id}`, { title: ' ' })).statusCode).toBe(400);
    expect((await me.client.patch(`/api/articles/${a.id}`, { body: 'x'.repeat(COMMS_LIMITS.articleBody + 1) })).statusCode).toBe(400);
  });

  it('refuses to save a draft in a community its author may not post in', async () => {
    const me = await org.person();
    const secret = await insertCommunity(t, org, 'secret');
    const open = await insertCommunity(t, org, 'public');
    expect((await me.client.post('/api/articles', { title: 'Hi', communityId: secret })).statusCode).toBe(404);
    const notMember = await me.client.post('/api/articles', { title: 'Hi', communityId: open });
    expect(notMember.statusCode).toBe(403);
    expect(notMember.json<{ error: { code: string } }>().error.code).toBe('NOT_A_MEMBER');
    const a = await draft(me.client);
    expect((await me.client.patch(`/api/articles/${a.id}`, { communityId: open })).statusCode).toBe(403);
  });

  it('is not found by anyone but its author, and only its author may change it', async () => {
    const me = await org.person();
    const other = await org.person();
    const a = await draft(me.client);
    expect((await other.client.get(`/api/articles/${a.id}`)).statusCode).toBe(404);
    expect((await org.admin.get(`/api/articles/${a.id}`)).statusCode).toBe(404);
    expect((await other.client.patch(`/api/articles/${a.id}`, { title: 'Mine now' })).statusCode).toBe(404);
    expect((await other.client.delete(`/api/articles/${a.id}`)).statusCode).toBe(404);
    expect((await other.client.post(`/api/articles/${a.id}/publish`, {})).statusCode).toBe(404);
    expect((await other.client.get('/api/articles')).json<{ items: Article[] }>().items).toEqual([]);
    await publish(me.client, a.id);
    const edit = await other.client.patch(`/api/articles/${a.id}`, { title: 'Mine now' });
    expect(edit.statusCode).toBe(403);
    expect(edit.json<{ error: { code: string } }>().error.code).toBe('NOT_AUTHOR');
  });
});

describe('publishing articles', () => {
  let org: TestOrg;
  beforeAll(async () => {
    org = await createOrg(t);
  });

  it('publishes now into a community feed, with a card of title, summary and reading time', async () => {
    const me = await org.person();
    const reader = await org.person();
    const community = await insertCommunity(t, org, 'public', [{ id: me.id }]);
    const a = await draft(me.client, { communityId: community, body: words(460) });
    const published = await publish(me.client, a.id);
    expect(published.status).toBe('published');
    expect(published.postId).toBeTruthy();
    expect(published.readingMinutes).toBe(2);

    const feed = await communityFeed(reader.client, community);
    const card = feed.find((p) => p.id === published.postId);
    expect(card).toMatchObject({
      kind: 'article',
      title: 'Our new office',
      article: { id: a.id, title: 'Our new office', summary: 'Where we move next spring.', readingMinutes: 2, coverUrl: null },
    });
    expect((await reader.client.get(`/api/articles/${a.id}`)).json<Article>()).toMatchObject({ status: 'published', body: null });

    const again = await me.client.post(`/api/articles/${a.id}/publish`, {});
    expect(again.statusCode).toBe(409);
  });

  it('refuses to publish an article with no text, or an end before its start', async () => {
    const me = await org.person();
    const empty = await draft(me.client, { body: '' });
    const res = await me.client.post(`/api/articles/${empty.id}/publish`, {});
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('EMPTY_ARTICLE');
    const a = await draft(me.client);
    const start = new Date(Date.now() + 3_600_000);
    const bad = await me.client.post(`/api/articles/${a.id}/publish`, {
      publishAt: start.toISOString(),
      unpublishAt: new Date(start.getTime() - 60_000).toISOString(),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { code: string } }>().error.code).toBe('INVALID_UNPUBLISH_DATE');
    expect((await me.client.post(`/api/articles/${a.id}/publish`, { publishAt: 'tomorrow' })).statusCode).toBe(400);
  });

  it('publishes a scheduled article when its time comes, dated as of that time', async () => {
    const me = await org.person();
    const reader = await org.person();
    const community = await insertCommunity(t, org, 'public', [{ id: me.id }]);
    const a = await draft(me.client, { communityId: community });
    const at = new Date(Math.ceil((Date.now() + 2 * 3_600_000) / 1000) * 1000);
    const scheduled = await publish(me.client, a.id, { publishAt: at.toISOString() });
    expect(scheduled).toMatchObject({ status: 'scheduled', postId: null });
    expect((await reader.client.get(`/api/articles/${a.id}`)).statusCode).toBe(404);

    await tick(new Date(at.getTime() - 60_000));
    expect((await me.client.get(`/api/articles/${a.id}`)).json<Article>().status).toBe('scheduled');

    await tick(new Date(at.getTime() + 30_000));
    const done = (await me.client.get(`/api/articles/${a.id}`)).json<Article>();
    expect(done.status).toBe('published');
    expect(new Date(done.publishedAt!).getTime()).toBe(at.getTime());
    const post = (await communityFeed(reader.client, community)).find((p) => p.id === done.postId);
    expect(new Date(post!.createdAt).getTime()).toBe(at.getTime());
  });

  it('runs the schedule as a job of the worker', async () => {
    const me = await org.person();
    const a = await draft(me.client);
    await publish(me.client, a.id, { publishAt: new Date(Date.now() + 3_600_000).toISOString() });
    await db()
      .updateTable('articles')
      .set({ publishAt: new Date(Date.now() - 1000) })
      .where('id', '=', a.id)
      .execute();
    await enqueue(db(), null, 'articles.tick', {});
    await t.app.ctx.worker.runDue();
    expect((await me.client.get(`/api/articles/${a.id}`)).json<Article>().status).toBe('published');
  });

  it('sends a scheduled article back to the drafts when its author may no longer post there', async () => {
    const me = await org.person();
    const community = await insertCommunity(t, org, 'public', [{ id: me.id }]);
    const a = await draft(me.client, { communityId: community });
    const at = new Date(Date.now() + 3_600_000);
    await publish(me.client, a.id, { publishAt: at.toISOString() });
    await db().deleteFrom('communityMembers').where('communityId', '=', community).where('userId', '=', me.id).execute();
    await tick(new Date(at.getTime() + 60_000));
    expect((await me.client.get(`/api/articles/${a.id}`)).json<Article>()).toMatchObject({
      status: 'draft',
      publishAt: null,
      postId: null,
    });
  });

  it('cancels a schedule by unpublishing', async () => {
    const me = await org.person();
    const a = await draft(me.client);
    await publish(me.client, a.id, { publishAt: new Date(Date.now() + 3_600_000).toISOString() });
    const res = await me.client.post(`/api/articles/${a.id}/unpublish`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Article>()).toMatchObject({ status: 'draft', publishAt: null });
    expect((await me.client.post(`/api/articles/${a.id}/unpublish`)).statusCode).toBe(409);
  });

  it('unpublishes by hand and at the end date, and can publish again as a new post', async () => {
    const me = await org.person();
    const reader = await org.person();
    const a = await draft(me.client);
    const first = await publish(me.client, a.id);
    const gone = await me.client.post(`/api/articles/${a.id}/unpublish`);
    expect(gone.json<Article>()).toMatchObject({ status: 'unpublished', postId: null });
    expect((await reader.client.get(`/api/articles/${a.id}`)).statusCode).toBe(404);
    expect((await reader.client.get(`/api/posts/${first.postId}`)).statusCode).toBe(404);

    const end = new Date(Date.now() + 3_600_000);
    const second = await publish(me.client, a.id, { unpublishAt: end.toISOString() });
    expect(second.postId).not.toBe(first.postId);
    expect((await reader.client.get(`/api/articles/${a.id}`)).statusCode).toBe(200);
    await tick(new Date(end.getTime() - 60_000));
    expect((await reader.client.get(`/api/articles/${a.id}`)).statusCode).toBe(200);
    await tick(new Date(end.getTime() + 1000));
    expect((await me.client.get(`/api/articles/${a.id}`)).json<Article>().status).toBe('unpublished');
    expect((await reader.client.get(`/api/posts/${second.postId}`)).statusCode).toBe(404);
  });

  it('edits a published article and its feed post, keeping the earlier text as a revision', async () => {
    const me = await org.person();
    const a = await draft(me.client, { body: 'The first version of the text.' });
    const published = await publish(me.client, a.id);
    const res = await me.client.patch(`/api/articles/${a.id}`, { title: 'A better title', body: 'The second version of the text.' });
    expect(res.statusCode, res.body).toBe(200);
    const post = (await me.client.get(`/api/posts/${published.postId}`)).json<PostLike & { editedAt: string | null }>();
    expect(post).toMatchObject({ title: 'A better title', article: { title: 'A better title' } });
    expect(post.editedAt).not.toBeNull();
    const stored = await t.app.ctx.db.selectFrom('posts').select('body').where('id', '=', published.postId).executeTakeFirstOrThrow();
    expect(stored.body).toBe('The second version of the text.');
    const revisions = (await me.client.get(`/api/posts/${published.postId}/revisions`)).json<{ items: { body: string }[] }>();
    expect(revisions.items.map((r) => r.body)).toEqual(['The first version of the text.']);
    const move = await me.client.patch(`/api/articles/${a.id}`, { communityId: await insertCommunity(t, org, 'public', [{ id: me.id }]) });
    expect(move.statusCode).toBe(409);
  });
});

describe('who reads articles', () => {
  it('answers 404 to those outside the private community of a published article', async () => {
    const org = await createOrg(t);
    const me = await org.person();
    const member = await org.person();
    const outsider = await org.person();
    const community = await insertCommunity(t, org, 'private', [{ id: me.id }, { id: member.id }]);
    const a = await draft(me.client, { communityId: community });
    const published = await publish(me.client, a.id);
    expect((await member.client.get(`/api/articles/${a.id}`)).statusCode).toBe(200);
    expect((await outsider.client.get(`/api/articles/${a.id}`)).statusCode).toBe(404);
    expect((await outsider.client.get(`/api/posts/${published.postId}`)).statusCode).toBe(404);
  });

  it('finds a published article by a word of its title or of its text, and not a draft', async () => {
    const org = await createOrg(t);
    const me = await org.person();
    const reader = await org.person();
    const a = await draft(me.client, { title: 'Kaleidoscope thinking', body: `${words(30)} serendipitous onboarding` });
    await draft(me.client, { title: 'Kaleidoscope draft', body: 'Unpublished xylophone' });
    const published = await publish(me.client, a.id);
    const search = async (q: string) =>
      (await reader.client.get(`/api/search?${new URLSearchParams({ q, type: 'posts' }).toString()}`))
        .json<{ items: { id: string }[] }>()
        .items.map((i) => i.id);
    expect(await search('kaleidoscope')).toEqual([published.postId]);
    expect(await search('serendipitous')).toEqual([published.postId]);
    expect(await search('xylophone')).toEqual([]);
    const profile = (await reader.client.get(`/api/people/${me.id}/feed`)).json<{ items: PostLike[] }>().items;
    expect(profile.map((p) => p.id)).toContain(published.postId);
  });
});

describe('article pictures', () => {
  it("keeps the cover and the pictures of the text, served with the article's permission", async () => {
    const org = await createOrg(t);
    const me = await org.person();
    const member = await org.person();
    const outsider = await org.person();
    const community = await insertCommunity(t, org, 'private', [{ id: me.id }, { id: member.id }]);
    const cover = await uploadImage(me.client);
    const picture = await uploadImage(me.client);
    const a = await draft(me.client, {
      communityId: community,
      coverAttachmentId: cover.id,
      body: `## Look\n\n![The new desk](${picture.url})\n\n${words(20)}`,
    });
    expect(a.coverUrl).toMatch(new RegExp(`^/api/articles/${a.id}/cover\\?v=`));
    const kept = `/api/articles/${a.id}/images/${picture.id}`;
    expect(a.body).toContain(`![The new desk](${kept})`);
    expect(a.html).toContain(`<img src="${kept}" alt="The new desk"`);

    const own = await me.client.get(a.coverUrl!);
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('image/webp');
    expect((await member.client.get(a.coverUrl!)).statusCode).toBe(404);
    await publish(me.client, a.id);
    expect((await member.client.get(a.coverUrl!)).statusCode).toBe(200);
    expect((await member.client.get(kept)).statusCode).toBe(200);
    expect((await outsider.client.get(a.coverUrl!)).statusCode).toBe(404);
    expect((await outsider.client.get(kept)).statusCode).toBe(404);

    const card = (await communityFeed(member.client, community))[0];
    expect(card?.article?.coverUrl).toBe(a.coverUrl);

    // A picture taken out of the text, and a replaced cover, are deleted once the change is saved.
    const next = await uploadImage(me.client);
    const edited = await me.client.patch(`/api/articles/${a.id}`, { body: words(20), coverAttachmentId: next.id });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json<Article>().coverUrl).not.toBe(a.coverUrl);
    await t.app.ctx.worker.runDue();
    expect((await me.client.get(kept)).statusCode).toBe(404);
    expect((await me.client.get(edited.json<Article>().coverUrl!)).statusCode).toBe(200);
  });

  it("refuses a cover that is not the author's own uploaded picture", async () => {
    const org = await createOrg(t);
    const me = await org.person();
    const other = await org.person();
    const theirs = await uploadImage(other.client);
    const res = await me.client.post('/api/articles', { title: 'Borrowed', coverAttachmentId: theirs.id });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('COVER_INVALID');
  });
});
