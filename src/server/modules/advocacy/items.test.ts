import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShareItemDto } from '../../../shared/advocacy.js';
import { newId } from '../../platform/ids.js';
import { createOrg, insertCommunity, testApp, type Client, type TestApp, type TestOrg } from '../../test/helpers.js';
import { firstLine, itemState, loadShareableItem } from './items.service.js';

let t: TestApp;
let org: TestOrg;
const db = () => t.app.ctx.db;
type Person = { id: string; client: Client };
let comms: Person;
let alice: Person;
let bob: Person;

const at = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
const code = (res: { statusCode: number; json: () => { error?: { code?: string } } }) => [res.statusCode, res.json().error?.code];

async function createItem(body: Record<string, unknown>, client: Client = comms.client): Promise<ShareItemDto> {
  const res = await client.post('/api/advocacy/items', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<ShareItemDto>();
}

const link = (extra: Record<string, unknown> = {}) =>
  createItem({ kind: 'link', url: `https://example.com/news/${newId()}`, title: 'We are hiring', ...extra });

async function post(client: Client, body: string, extra: Record<string, unknown> = {}): Promise<{ id: string; internalOnly: boolean }> {
  const res = await client.post('/api/posts', { body, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; internalOnly: boolean }>();
}

async function readyIds(client: Client, query = ''): Promise<string[]> {
  const res = await client.get(`/api/advocacy/ready${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: ShareItemDto[] }>().items.map((i) => i.id);
}

async function campaign(audience: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<{ id: string }> {
  const res = await comms.client.post('/api/advocacy/campaigns', { name: 'Spring launch', audience, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>();
}

beforeAll(async () => {
  t = await testApp();
  org = await createOrg(t);
  comms = await org.person({ roles: ['communications'], name: 'Carla Comms' });
  alice = await org.person({ name: 'Alice' });
  bob = await org.person({ name: 'Bob' });
});
afterAll(() => t.close());

describe('making content shareable', () => {
  it('makes an external link shareable and shows it ready to everyone', async () => {
    const item = await link({
      summary: ' Join the team in Milan. ',
      imageUrl: 'https://cdn.example.com/hiring.png',
      suggestions: [
        { network: 'linkedin', lang: 'en', text: 'We are hiring!' },
        { network: 'any', lang: 'it', text: 'Cerchiamo persone!' },
      ],
    });
    expect(item).toMatchObject({
      kind: 'link',
      postId: null,
      title: 'We are hiring',
      summary: 'Join the team in Milan.',
      imageUrl: 'https://cdn.example.com/hiring.png',
      state: 'active',
      campaign: null,
      shareCount: 0,
      clickCount: 0,
      mySharedNetworks: [],
    });
    expect(item.url).toMatch(/^https:\/\/example\.com\/news\//);
    expect(item.suggestions).toHaveLength(2);
    expect(await readyIds(alice.client)).toContain(item.id);
    const one = await alice.client.get(`/api/advocacy/items/${item.id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json<ShareItemDto>().title).toBe('We are hiring');
  });

  it('makes a profile post shareable, titled by its first line, at its public page', async () => {
    const p = await post(alice.client, '## Our **new** [office](https://example.com) opens\n\nCome and see it.');
    expect(p.internalOnly).toBe(false);
    const item = await createItem({ kind: 'post', postId: p.id });
    expect(item).toMatchObject({ kind: 'post', postId: p.id, title: 'Our new office opens', summary: '', imageUrl: null });
    expect(item.url).toBe(`${t.config.publicUrl}/shared/${item.id}`);
  });

  it('makes a published article shareable with its title and summary', async () => {
    const draft = await comms.client.post('/api/articles', {
      title: 'A year of Tessuto',
      summary: 'What we learned.',
      body: 'Many things.',
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const published = await comms.client.post(`/api/articles/${draft.json<{ id: string }>().id}/publish`, {});
    expect(published.statusCode, published.body).toBe(200);
    const postId = published.json<{ postId: string }>().postId;
    const item = await createItem({ kind: 'article', postId });
    expect(item).toMatchObject({ kind: 'article', postId, title: 'A year of Tessuto', summary: 'What we learned.' });
    // Shared as a plain post, an article is refused: its kind says how it is shown.
    expect(code(await comms.client.post('/api/advocacy/items', { kind: 'post', postId }))).toEqual([400, 'KIND_MISMATCH']);
  });

  it('refuses an article item made from a post that is not an article', async () => {
    const p = await post(alice.client, 'Just a post');
    expect(code(await comms.client.post('/api/advocacy/items', { kind: 'article', postId: p.id }))).toEqual([400, 'KIND_MISMATCH']);
  });

  it('refuses an internal-only post with 422, and never lets it become shareable', async () => {
    const p = await post(alice.client, 'Quarterly numbers, for us only', { internalOnly: true });
    expect(p.internalOnly).toBe(true);
    expect(code(await comms.client.post('/api/advocacy/items', { kind: 'post', postId: p.id }))).toEqual([422, 'INTERNAL_ONLY']);
  });

  it('answers 404 for a post in a private community, a deleted post, or one that does not exist', async () => {
    const community = await insertCommunity(t, org, 'private', [{ id: alice.id }]);
    const inside = await post(alice.client, 'Team secret', { communityId: community });
    expect(code(await comms.client.post('/api/advocacy/items', { kind: 'post', postId: inside.id }))).toEqual([404, 'NOT_FOUND']);
    const gone = await post(alice.client, 'Soon gone');
    expect((await alice.client.delete(`/api/posts/${gone.id}`)).statusCode).toBe(200);
    expect(code(await comms.client.post('/api/advocacy/items', { kind: 'post', postId: gone.id }))).toEqual([404, 'NOT_FOUND']);
    expect(code(await comms.client.post('/api/advocacy/items', { kind: 'post', postId: newId() }))).toEqual([404, 'NOT_FOUND']);
  });

  it('accepts a post in a public community', async () => {
    const community = await insertCommunity(t, org, 'public', [{ id: alice.id }]);
    const p = await post(alice.client, 'Open to all', { communityId: community });
    expect((await createItem({ kind: 'post', postId: p.id })).postId).toBe(p.id);
  });

  it('answers 409 when the post is already shareable, and allows it again once archived', async () => {
    const p = await post(alice.client, 'Popular post');
    const first = await createItem({ kind: 'post', postId: p.id });
    expect(code(await comms.client.post('/api/advocacy/items', { kind: 'post', postId: p.id }))).toEqual([409, 'ALREADY_SHAREABLE']);
    expect((await comms.client.delete(`/api/advocacy/items/${first.id}`)).statusCode).toBe(200);
    expect((await createItem({ kind: 'post', postId: p.id })).id).not.toBe(first.id);
  });

  it('refuses addresses that are not http(s), or that carry credentials', async () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,hi', 'ftp://example.com/x', 'https://user:pw@example.com/', 'not a url']) {
      expect(code(await comms.client.post('/api/advocacy/items', { kind: 'link', url, title: 'X' })), url).toEqual([400, 'INVALID_URL']);
    }
    expect(code(await comms.client.post('/api/advocacy/items', { kind: 'link', title: 'X' }))).toEqual([400, 'INVALID_URL']);
  });

  it('refuses an image that is not https or one of our own /api/ addresses', async () => {
    const bad = { kind: 'link', url: 'https://example.com/', title: 'X' };
    for (const imageUrl of ['http://example.com/a.png', 'javascript:alert(1)', '//evil.example/a.png', '/api/../etc/passwd']) {
      expect(code(await comms.client.post('/api/advocacy/items', { ...bad, imageUrl })), imageUrl).toEqual([400, 'INVALID_IMAGE_URL']);
    }
    expect((await link({ imageUrl: '/api/articles/abc/cover?v=1' })).imageUrl).toBe('/api/articles/abc/cover?v=1');
  });

  it('refuses an end that is not after the start', async () => {
    const startsAt = at(1);
    expect(
      code(
        await comms.client.post('/api/advocacy/items', {
          kind: 'link',
          url: 'https://example.com/',
          title: 'X',
          startsAt,
          endsAt: startsAt,
        }),
      ),
    ).toEqual([400, 'INVALID_DATES']);
    expect(
      code(
        await comms.client.post('/api/advocacy/items', {
          kind: 'link',
          url: 'https://example.com/',
          title: 'X',
          startsAt: at(5),
          endsAt: at(2),
        }),
      ),
    ).toEqual([400, 'INVALID_DATES']);
  });

  it('validates suggestions: known network and language, text within limits, at most 24', async () => {
    const base = { kind: 'link', url: 'https://example.com/', title: 'X' };
    const one = { network: 'x', lang: 'en', text: 'Hi' };
    expect((await comms.client.post('/api/advocacy/items', { ...base, suggestions: [{ ...one, network: 'myspace' }] })).statusCode).toBe(
      400,
    );
    expect((await comms.client.post('/api/advocacy/items', { ...base, suggestions: [{ ...one, lang: 'fr' }] })).statusCode).toBe(400);
    expect((await comms.client.post('/api/advocacy/items', { ...base, suggestions: [{ ...one, text: '' }] })).statusCode).toBe(400);
    expect(
      (await comms.client.post('/api/advocacy/items', { ...base, suggestions: [{ ...one, text: 'x'.repeat(3001) }] })).statusCode,
    ).toBe(400);
    expect(
      (await comms.client.post('/api/advocacy/items', { ...base, suggestions: Array.from({ length: 25 }, () => one) })).statusCode,
    ).toBe(400);
    expect(
      (await comms.client.post('/api/advocacy/items', { ...base, suggestions: Array.from({ length: 24 }, () => one) })).statusCode,
    ).toBe(201);
  });

  it('does not let an employee make content shareable or list every item', async () => {
    expect(code(await alice.client.post('/api/advocacy/items', { kind: 'link', url: 'https://example.com/', title: 'X' }))).toEqual([
      403,
      'FORBIDDEN',
    ]);
    expect(code(await alice.client.get('/api/advocacy/items'))).toEqual([403, 'FORBIDDEN']);
  });
});

describe('what is ready to share', () => {
  it('leaves out expired and scheduled items, which communications staff still see by state', async () => {
    const expired = await link({ startsAt: at(-48), endsAt: at(-24) });
    const scheduled = await link({ startsAt: at(24) });
    const active = await link();
    const ready = await readyIds(alice.client);
    expect(ready).toContain(active.id);
    expect(ready).not.toContain(expired.id);
    expect(ready).not.toContain(scheduled.id);
    expect(expired.state).toBe('expired');
    expect(scheduled.state).toBe('scheduled');
    expect((await alice.client.get(`/api/advocacy/items/${expired.id}`)).statusCode).toBe(404);
    expect((await alice.client.get(`/api/advocacy/items/${scheduled.id}`)).statusCode).toBe(404);
    const byState = async (state: string) =>
      (await comms.client.get(`/api/advocacy/items?state=${state}&limit=50`)).json<{ items: ShareItemDto[] }>().items.map((i) => i.id);
    expect(await byState('expired')).toContain(expired.id);
    expect(await byState('expired')).not.toContain(active.id);
    expect(await byState('scheduled')).toEqual(expect.arrayContaining([scheduled.id]));
    expect(await byState('active')).not.toContain(scheduled.id);
    expect((await comms.client.get(`/api/advocacy/items/${expired.id}`)).json<ShareItemDto>().state).toBe('expired');
  });

  it('limits an item in a campaign to the campaign audience', async () => {
    const c = await campaign({ userIds: [alice.id] });
    const item = await link({ campaignId: c.id });
    expect(item.campaign).toMatchObject({ id: c.id, name: 'Spring launch' });
    expect(await readyIds(alice.client)).toContain(item.id);
    expect(await readyIds(alice.client, `?campaignId=${c.id}`)).toEqual([item.id]);
    expect(await readyIds(bob.client)).not.toContain(item.id);
    expect((await bob.client.get(`/api/advocacy/items/${item.id}`)).statusCode).toBe(404);
    // An archived campaign takes its items out of everyone's list.
    expect((await comms.client.delete(`/api/advocacy/campaigns/${c.id}`)).statusCode).toBe(200);
    expect(await readyIds(alice.client)).not.toContain(item.id);
  });

  it('follows the campaign dates when the item has none', async () => {
    const startsAt = at(24);
    const endsAt = at(72);
    const c = await campaign({ all: true }, { startsAt, endsAt });
    const item = await link({ campaignId: c.id });
    expect(item.startsAt).toBe(startsAt);
    expect(item.endsAt).toBe(endsAt);
    expect(item.state).toBe('scheduled');
  });

  it('refuses an unknown campaign (404) and an archived one (409)', async () => {
    expect(
      code(await comms.client.post('/api/advocacy/items', { kind: 'link', url: 'https://example.com/', title: 'X', campaignId: newId() })),
    ).toEqual([404, 'NOT_FOUND']);
    const c = await campaign({ all: true });
    await comms.client.delete(`/api/advocacy/campaigns/${c.id}`);
    expect(
      code(await comms.client.post('/api/advocacy/items', { kind: 'link', url: 'https://example.com/', title: 'X', campaignId: c.id })),
    ).toEqual([409, 'CAMPAIGN_ARCHIVED']);
  });

  it('pages newest first with a cursor', async () => {
    const c = await campaign({ all: true });
    const made: string[] = [];
    for (let i = 0; i < 3; i++) {
      made.push((await link({ campaignId: c.id, startsAt: at(-3 + i) })).id);
    }
    const first = (await alice.client.get(`/api/advocacy/ready?campaignId=${c.id}&limit=2`)).json<{
      items: ShareItemDto[];
      nextCursor: string;
    }>();
    expect(first.items.map((i) => i.id)).toEqual([made[2], made[1]]);
    const second = (await alice.client.get(`/api/advocacy/ready?campaignId=${c.id}&limit=2&cursor=${first.nextCursor}`)).json<{
      items: ShareItemDto[];
      nextCursor: string | null;
    }>();
    expect(second.items.map((i) => i.id)).toEqual([made[0]]);
    expect(second.nextCursor).toBeNull();
    expect((await alice.client.get('/api/advocacy/ready?limit=51')).statusCode).toBe(400);
    expect(code(await alice.client.get('/api/advocacy/ready?cursor=bad'))).toEqual([400, 'INVALID_CURSOR']);
  });

  it('counts shares and clicks, and tells the reader where they shared it', async () => {
    const item = await link();
    const linkId = newId();
    await db()
      .insertInto('shareLinks')
      .values({
        id: linkId,
        orgId: org.orgId,
        code: newId().replaceAll('-', '').slice(-10),
        itemId: item.id,
        userId: alice.id,
        network: 'linkedin',
      })
      .execute();
    await db()
      .insertInto('shares')
      .values([
        { id: newId(), orgId: org.orgId, itemId: item.id, userId: alice.id, network: 'linkedin', linkId },
        { id: newId(), orgId: org.orgId, itemId: item.id, userId: alice.id, network: 'linkedin', linkId },
      ])
      .execute();
    await db()
      .insertInto('shareClicks')
      .values(
        ['a', 'b', 'c'].map((visitor) => ({
          orgId: org.orgId,
          linkId,
          itemId: item.id,
          userId: alice.id,
          network: 'linkedin',
          day: '2026-11-27',
          visitor,
        })),
      )
      .execute();
    const seen = (await alice.client.get(`/api/advocacy/items/${item.id}`)).json<ShareItemDto>();
    expect(seen).toMatchObject({ shareCount: 2, clickCount: 3, mySharedNetworks: ['linkedin'] });
    const fromBob = (await bob.client.get('/api/advocacy/ready?limit=50'))
      .json<{ items: ShareItemDto[] }>()
      .items.find((i) => i.id === item.id);
    expect(fromBob).toMatchObject({ shareCount: 2, clickCount: 3, mySharedNetworks: [] });
  });
});

describe('changing and withdrawing items', () => {
  it('changes an item and refuses a bad change', async () => {
    const item = await link();
    const res = await comms.client.patch(`/api/advocacy/items/${item.id}`, { title: 'New title', endsAt: at(48), suggestions: [] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<ShareItemDto>()).toMatchObject({ title: 'New title', suggestions: [] });
    expect(code(await comms.client.patch(`/api/advocacy/items/${item.id}`, { endsAt: at(-100) }))).toEqual([400, 'INVALID_DATES']);
    expect(code(await comms.client.patch(`/api/advocacy/items/${item.id}`, { url: 'javascript:alert(1)' }))).toEqual([400, 'INVALID_URL']);
    expect(code(await alice.client.patch(`/api/advocacy/items/${item.id}`, { title: 'Mine' }))).toEqual([403, 'FORBIDDEN']);
    const p = await post(alice.client, 'A post');
    const fromPost = await createItem({ kind: 'post', postId: p.id });
    expect(code(await comms.client.patch(`/api/advocacy/items/${fromPost.id}`, { url: 'https://example.com/' }))).toEqual([
      400,
      'KIND_MISMATCH',
    ]);
  });

  it('archives an item instead of deleting it', async () => {
    const item = await link();
    expect(code(await alice.client.delete(`/api/advocacy/items/${item.id}`))).toEqual([403, 'FORBIDDEN']);
    expect((await comms.client.delete(`/api/advocacy/items/${item.id}`)).json()).toEqual({ ok: true });
    expect(await readyIds(alice.client)).not.toContain(item.id);
    expect((await alice.client.get(`/api/advocacy/items/${item.id}`)).statusCode).toBe(404);
    expect((await comms.client.get(`/api/advocacy/items/${item.id}`)).json<ShareItemDto>().state).toBe('archived');
    const archived = (await comms.client.get('/api/advocacy/items?state=archived&limit=50')).json<{ items: ShareItemDto[] }>();
    expect(archived.items.map((i) => i.id)).toContain(item.id);
    expect(code(await comms.client.patch(`/api/advocacy/items/${item.id}`, { title: 'Back' }))).toEqual([409, 'ITEM_ARCHIVED']);
    expect((await comms.client.delete(`/api/advocacy/items/${newId()}`)).statusCode).toBe(404);
  });

  it('withdraws the items of a post its author makes internal-only', async () => {
    const p = await post(alice.client, 'Shared at first');
    const item = await createItem({ kind: 'post', postId: p.id });
    expect(await readyIds(bob.client)).toContain(item.id);
    const res = await alice.client.patch(`/api/posts/${p.id}`, { internalOnly: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ internalOnly: boolean; editedAt: string | null }>()).toMatchObject({ internalOnly: true, editedAt: null });
    expect(await readyIds(bob.client)).not.toContain(item.id);
    const row = await loadShareableItem(db(), org.orgId, item.id);
    expect(row?.archivedAt).not.toBeNull();
    expect(row?.postInternalOnly).toBe(true);
    expect(code(await comms.client.post('/api/advocacy/items', { kind: 'post', postId: p.id }))).toEqual([422, 'INTERNAL_ONLY']);
    // Someone else cannot take the flag off.
    expect((await bob.client.patch(`/api/posts/${p.id}`, { internalOnly: false })).statusCode).toBe(403);
  });

  it('lets communications staff keep someone else’s post inside, but not open it', async () => {
    const p = await post(alice.client, 'Keep me in');
    expect((await comms.client.patch(`/api/posts/${p.id}`, { internalOnly: true })).statusCode).toBe(200);
    expect((await comms.client.patch(`/api/posts/${p.id}`, { internalOnly: false })).statusCode).toBe(403);
    expect((await alice.client.get(`/api/posts/${p.id}`)).json<{ internalOnly: boolean }>().internalOnly).toBe(true);
  });

  it('takes the item of a deleted post out of the ready list', async () => {
    const p = await post(alice.client, 'Will be deleted');
    const item = await createItem({ kind: 'post', postId: p.id });
    await alice.client.delete(`/api/posts/${p.id}`);
    expect(await readyIds(bob.client)).not.toContain(item.id);
    expect((await comms.client.get(`/api/advocacy/items/${item.id}`)).json<ShareItemDto>().state).toBe('archived');
  });
});

describe('pure rules', () => {
  it('computes the state from dates and archiving', () => {
    const now = new Date('2026-06-01T12:00:00Z');
    const d = (s: string) => new Date(s);
    expect(itemState({ startsAt: d('2026-06-02T00:00:00Z'), endsAt: null, archivedAt: null }, now)).toBe('scheduled');
    expect(itemState({ startsAt: d('2026-05-01T00:00:00Z'), endsAt: d('2026-06-01T12:00:00Z'), archivedAt: null }, now)).toBe('expired');
    expect(itemState({ startsAt: d('2026-05-01T00:00:00Z'), endsAt: null, archivedAt: null }, now)).toBe('active');
    expect(itemState({ startsAt: d('2026-05-01T00:00:00Z'), endsAt: null, archivedAt: now }, now)).toBe('archived');
    expect(itemState({ startsAt: d('2026-05-01T00:00:00Z'), endsAt: null, archivedAt: null, postDeletedAt: now }, now)).toBe('archived');
  });

  it('titles a post by its first line, as plain text within 200 characters', () => {
    expect(firstLine('\n\n> **Big** news: [read](https://x.y) `now`\nmore')).toBe('Big news: read now');
    expect(firstLine('x'.repeat(300))).toHaveLength(200);
    expect(firstLine('')).toBe('');
  });
});
