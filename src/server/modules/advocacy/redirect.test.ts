import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { createOrg, testApp, type Client, type TestApp, type TestOrg } from '../../test/helpers.js';
import { flushClicks, forgetTrackedLinks } from './redirect.service.js';
import { isCountable } from './clicks.js';

let t: TestApp;
let org: TestOrg;
const db = () => t.app.ctx.db;
let ana: { id: string; client: Client };

const BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const PHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const CRAWLERS = [
  'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)',
  'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
  'Twitterbot/1.0',
  'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
  'WhatsApp/2.23.20.0',
  'TelegramBot (like TwitterBot)',
  'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)',
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
];

async function newItem(fields: { kind?: 'link' | 'post'; url?: string; postId?: string; campaignId?: string | null } = {}) {
  const id = newId();
  const kind = fields.kind ?? 'link';
  await db()
    .insertInto('shareItems')
    .values({
      id,
      orgId: org.orgId,
      kind,
      url: kind === 'link' ? (fields.url ?? 'https://blog.example.com/solar?ref=news') : null,
      postId: kind === 'link' ? null : (fields.postId ?? null),
      title: 'Our solar plant',
      summary: 'Why we built it, and what it saves.',
      imageUrl: 'https://cdn.example.com/solar.jpg',
      startsAt: new Date(Date.now() - 3_600_000),
      campaignId: fields.campaignId ?? null,
    })
    .execute();
  return id;
}

/** Ana's tracked code for an item and network, made through the API. */
async function codeFor(itemId: string, network = 'linkedin'): Promise<string> {
  const res = await ana.client.post(`/api/advocacy/items/${itemId}/shares`, { network });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ trackedUrl: string }>().trackedUrl.split('/s/')[1]!;
}

const visit = (url: string, opts: { ua?: string | null; ip?: string; method?: 'GET' | 'HEAD'; host?: string } = {}) =>
  t.app.inject({
    method: opts.method ?? 'GET',
    url,
    remoteAddress: opts.ip ?? '203.0.113.7',
    headers: { host: opts.host ?? org.host, ...(opts.ua === null ? {} : { 'user-agent': opts.ua ?? BROWSER }) },
  });

async function clicksOf(itemId: string) {
  await flushClicks();
  return db().selectFrom('shareClicks').select(['visitor', 'network', 'userId', 'day']).where('itemId', '=', itemId).execute();
}

beforeAll(async () => {
  t = await testApp();
  org = await createOrg(t);
  ana = await org.person({ name: 'Ana' });
  await db().insertInto('guidelineAcceptances').values({ orgId: org.orgId, userId: ana.id, version: 1 }).execute();
});

afterAll(async () => {
  await t.close();
});

describe('tracked links', () => {
  it('answers a forged, malformed or unknown code with a 404 page and no redirect', async () => {
    for (const code of ['AAAAAAAAAA', 'short', 'a'.repeat(11), '..%2F..%2Fetc', 'https:%2F%2Fevil.example', 'AAAAAAAAA%00']) {
      const res = await visit(`/s/${code}`);
      expect(res.statusCode, code).toBe(404);
      expect(res.headers.location).toBeUndefined();
      expect(String(res.headers['content-type'])).toContain('text/html');
      expect(res.body).toContain('This link does not work');
    }
    const it = await visit('/s/AAAAAAAAAA', {});
    expect(it.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const italian = await t.app.inject({ method: 'GET', url: '/s/nope', headers: { host: org.host, 'accept-language': 'it-IT,it;q=0.9' } });
    expect(italian.body).toContain('Questo link non funziona');
  });

  it('redirects to the approved address with the UTM parameters, keeping its own query', async () => {
    const campaign = newId();
    await db()
      .insertInto('shareCampaigns')
      .values({ id: campaign, orgId: org.orgId, name: 'Green', hashtag: '#GreenWeek', audience: JSON.stringify({ all: true }) })
      .execute();
    const item = await newItem({ campaignId: campaign });
    const code = await codeFor(item, 'x');
    const res = await visit(`/s/${code}`);
    expect(res.statusCode).toBe(302);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-robots-tag']).toBe('noindex');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    const location = String(res.headers.location);
    expect(location.startsWith('https://blog.example.com/solar?')).toBe(true);
    const url = new URL(location);
    expect(url.searchParams.get('ref')).toBe('news');
    expect(url.searchParams.get('utm_source')).toBe('x');
    expect(url.searchParams.get('utm_medium')).toBe('employee_advocacy');
    expect(url.searchParams.get('utm_campaign')).toBe('GreenWeek');
    expect(url.searchParams.get('utm_content')).toBe(item);
  });

  it('cannot be steered elsewhere by a tampered query string', async () => {
    const item = await newItem();
    const code = await codeFor(item);
    const plain = String((await visit(`/s/${code}`)).headers.location);
    for (const q of ['?url=https://evil.example', '?utm_source=evil&next=//evil.example', '?redirect=javascript:alert(1)']) {
      const res = await visit(`/s/${code}${q}`);
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe(plain);
    }
    expect(new URL(plain).searchParams.get('utm_campaign')).toBe('advocacy');
  });

  it('never redirects to a stored address that is not http(s)', async () => {
    const item = await newItem({ url: 'javascript:alert(1)' });
    const code = await codeFor(item);
    const res = await visit(`/s/${code}`);
    expect(res.statusCode).toBe(404);
    expect(res.headers.location).toBeUndefined();
  });

  it('leads a shared post to its public page on this server', async () => {
    const post = await ana.client.post('/api/posts', { body: 'We *love* the sun.' });
    expect(post.statusCode, post.body).toBe(201);
    const item = await newItem({ kind: 'post', postId: post.json<{ id: string }>().id });
    const code = await codeFor(item, 'facebook');
    const url = new URL(String((await visit(`/s/${code}`)).headers.location));
    expect(`${url.origin}${url.pathname}`).toBe(`${t.config.publicUrl}/shared/${item}`);
    expect(url.searchParams.get('utm_source')).toBe('facebook');
  });

  it('answers 404 on another organisation’s host', async () => {
    const item = await newItem();
    const code = await codeFor(item);
    const other = await createOrg(t);
    const res = await visit(`/s/${code}`, { host: other.host });
    expect(res.statusCode).toBe(404);
    expect(res.headers.location).toBeUndefined();
  });

  it('answers 410 once the item is withdrawn or its post made internal-only', async () => {
    const item = await newItem();
    const code = await codeFor(item);
    expect((await visit(`/s/${code}`)).statusCode).toBe(302);
    await db().updateTable('shareItems').set({ archivedAt: new Date() }).where('id', '=', item).execute();
    forgetTrackedLinks();
    const res = await visit(`/s/${code}`);
    expect(res.statusCode).toBe(410);
    expect(res.headers.location).toBeUndefined();
    expect(res.body).toContain('no longer available');

    const post = await ana.client.post('/api/posts', { body: 'Shareable, for now.' });
    const postId = post.json<{ id: string }>().id;
    const postItem = await newItem({ kind: 'post', postId });
    const postCode = await codeFor(postItem);
    await db().updateTable('posts').set({ internalOnly: true }).where('id', '=', postId).execute();
    forgetTrackedLinks();
    expect((await visit(`/s/${postCode}`)).statusCode).toBe(410);
  });
});

describe('counting clicks honestly', () => {
  it('redirects HEAD requests, crawlers and link previews without counting them', async () => {
    const item = await newItem();
    const code = await codeFor(item);
    expect((await visit(`/s/${code}`, { method: 'HEAD' })).statusCode).toBe(302);
    for (const ua of CRAWLERS) {
      expect(isCountable('GET', ua), ua).toBe(false);
      const res = await visit(`/s/${code}`, { ua, ip: '198.51.100.1' });
      expect(res.statusCode, ua).toBe(302);
    }
    expect((await visit(`/s/${code}`, { ua: null })).statusCode).toBe(302);
    expect(await clicksOf(item)).toHaveLength(0);
  });

  it('counts 2,000 clicks from one address and browser as one', async () => {
    const item = await newItem();
    const code = await codeFor(item, 'email');
    for (let i = 0; i < 2000; i++) {
      const res = await visit(`/s/${code}`, { ip: '192.0.2.44' });
      expect(res.statusCode).toBe(302);
    }
    const rows = await clicksOf(item);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ network: 'email', userId: ana.id });
  });

  it('counts two visitors twice, and never stores their address', async () => {
    const item = await newItem();
    const code = await codeFor(item);
    await visit(`/s/${code}`, { ip: '192.0.2.10', ua: BROWSER });
    await visit(`/s/${code}`, { ip: '192.0.2.11', ua: PHONE });
    await visit(`/s/${code}`, { ip: '192.0.2.11', ua: PHONE });
    const rows = await clicksOf(item);
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.visitor).toMatch(/^[0-9a-f]{32}$/);
      expect(r.visitor).not.toContain('192.0.2');
      expect(r.day).toBe(new Date().toISOString().slice(0, 10));
    }
    const salts = await db().selectFrom('clickSalts').select(['day']).where('orgId', '=', org.orgId).execute();
    expect(salts).toHaveLength(1);
  });

  it('deletes older salts when the day’s first one is made', async () => {
    const other = await createOrg(t);
    await db().insertInto('clickSalts').values({ orgId: other.orgId, day: '2020-01-01', salt: 'old' }).execute();
    const item = newId();
    await db()
      .insertInto('shareItems')
      .values({ id: item, orgId: other.orgId, kind: 'link', url: 'https://x.example/', title: 'T' })
      .execute();
    const user = await other.person();
    await db().insertInto('guidelineAcceptances').values({ orgId: other.orgId, userId: user.id, version: 1 }).execute();
    const res = await user.client.post(`/api/advocacy/items/${item}/shares`, { network: 'link' });
    const code = res.json<{ trackedUrl: string }>().trackedUrl.split('/s/')[1]!;
    await visit(`/s/${code}`, { host: other.host });
    await flushClicks();
    const days = await db().selectFrom('clickSalts').select('day').where('orgId', '=', other.orgId).execute();
    expect(days.map((d) => String(d.day).slice(0, 10))).toEqual([new Date().toISOString().slice(0, 10)]);
  });
});

describe('the public page of a shared item', () => {
  it('shows the post with Open Graph tags, the organisation and no author', async () => {
    const post = await ana.client.post('/api/posts', { body: 'We **love** the sun. <script>alert(1)</script>' });
    const item = await newItem({ kind: 'post', postId: post.json<{ id: string }>().id });
    const res = await visit(`/shared/${item}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).not.toContain('script-src');
    expect(res.body).toContain('<meta property="og:title" content="Our solar plant">');
    expect(res.body).toContain('<meta property="og:description" content="Why we built it, and what it saves.">');
    expect(res.body).toContain('<meta property="og:image" content="https://cdn.example.com/solar.jpg">');
    expect(res.body).toContain(`<meta property="og:url" content="${t.config.publicUrl}/shared/${item}">`);
    expect(res.body).toContain(`<link rel="canonical" href="${t.config.publicUrl}/shared/${item}">`);
    expect(res.body).toContain('Test Org');
    expect(res.body).toContain('<strong>love</strong>');
    expect(res.body).not.toContain('<script>');
    expect(res.body).not.toContain('Ana');
  });

  it('answers 404 for a link item, an unknown id, a withdrawn item and an internal-only post', async () => {
    expect((await visit(`/shared/${await newItem()}`)).statusCode).toBe(404);
    expect((await visit(`/shared/${newId()}`)).statusCode).toBe(404);
    expect((await visit('/shared/not-a-uuid')).statusCode).toBe(404);
    const post = await ana.client.post('/api/posts', { body: 'Soon internal.' });
    const postId = post.json<{ id: string }>().id;
    const item = await newItem({ kind: 'post', postId });
    expect((await visit(`/shared/${item}`)).statusCode).toBe(200);
    await db().updateTable('posts').set({ internalOnly: true }).where('id', '=', postId).execute();
    expect((await visit(`/shared/${item}`)).statusCode).toBe(404);
    await db().updateTable('posts').set({ internalOnly: false }).where('id', '=', postId).execute();
    await db().updateTable('shareItems').set({ archivedAt: new Date() }).where('id', '=', item).execute();
    const res = await visit(`/shared/${item}`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('Soon internal');
  });
});
