import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { createOrg, testApp, type Client, type TestApp, type TestOrg } from '../../test/helpers.js';
import { TRACKED_CODE } from '../../../shared/advocacy.js';

let t: TestApp;
let org: TestOrg;
const db = () => t.app.ctx.db;
let ana: { id: string; client: Client };
let ben: { id: string; client: Client };

const hours = (h: number) => new Date(Date.now() + h * 3_600_000);

async function acceptGuidelines(userId: string) {
  await db()
    .insertInto('guidelineAcceptances')
    .values({ orgId: org.orgId, userId, version: 1 })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

async function newPost(client: Client, body = 'Our new plant runs on **solar** power.'): Promise<string> {
  const res = await client.post('/api/posts', { body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

/** Items are written straight to the table: this file tests sharing, not the items API. */
async function newItem(
  fields: Partial<{
    kind: 'post' | 'link';
    postId: string;
    url: string;
    startsAt: Date;
    endsAt: Date | null;
    archivedAt: Date | null;
    campaignId: string | null;
    title: string;
  }> = {},
) {
  const id = newId();
  const kind = fields.kind ?? 'link';
  await db()
    .insertInto('shareItems')
    .values({
      id,
      orgId: org.orgId,
      kind,
      postId: kind === 'link' ? null : (fields.postId ?? null),
      url: kind === 'link' ? (fields.url ?? 'https://blog.example.com/solar?ref=news') : null,
      title: fields.title ?? 'Solar & wind: our plan',
      startsAt: fields.startsAt ?? hours(-1),
      endsAt: fields.endsAt ?? null,
      archivedAt: fields.archivedAt ?? null,
      campaignId: fields.campaignId ?? null,
    })
    .execute();
  return id;
}

async function newCampaign(audience: unknown, hashtag: string | null = '#GreenWeek') {
  const id = newId();
  await db()
    .insertInto('shareCampaigns')
    .values({ id, orgId: org.orgId, name: 'Green week', hashtag, audience: JSON.stringify(audience) })
    .execute();
  return id;
}

const share = (client: Client, itemId: string, body: unknown) => client.post(`/api/advocacy/items/${itemId}/shares`, body);

interface Result {
  shareId: string;
  trackedUrl: string;
  intentUrl: string | null;
  points: number;
  badges: string[];
}

beforeAll(async () => {
  t = await testApp();
  org = await createOrg(t);
  ana = await org.person({ name: 'Ana' });
  ben = await org.person({ name: 'Ben' });
  await acceptGuidelines(ana.id);
});

afterAll(async () => {
  await t.close();
});

describe('sharing an item', () => {
  it('refuses a share before the guidelines are accepted, naming the version to accept', async () => {
    const item = await newItem();
    const res = await share(ben.client, item, { network: 'linkedin' });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ error: { code: 'GUIDELINES_NOT_ACCEPTED', details: { version: 1 } } });
    expect(await db().selectFrom('shares').select('id').where('itemId', '=', item).execute()).toHaveLength(0);
  });

  it('opens each network’s own share page with the person’s words and their tracked address', async () => {
    const item = await newItem({ title: 'Solar & wind: our plan' });
    const text = 'Proud of this – read it! #green';
    const results = new Map<string, Result>();
    for (const network of ['linkedin', 'x', 'facebook', 'email', 'link'] as const) {
      const res = await share(ana.client, item, { network, text });
      expect(res.statusCode, res.body).toBe(201);
      results.set(network, res.json<Result>());
    }
    const tracked = (n: string) => results.get(n)!.trackedUrl;
    for (const r of results.values()) {
      expect(r.trackedUrl).toMatch(new RegExp(`^${t.config.publicUrl}/s/[A-Za-z0-9]{10}$`));
      expect(TRACKED_CODE.test(r.trackedUrl.split('/s/')[1]!)).toBe(true);
    }
    // One link per network.
    expect(new Set([...results.values()].map((r) => r.trackedUrl)).size).toBe(5);

    const linkedin = new URL(results.get('linkedin')!.intentUrl!);
    expect(linkedin.origin + linkedin.pathname).toBe('https://www.linkedin.com/feed/');
    expect(linkedin.searchParams.get('shareActive')).toBe('true');
    expect(linkedin.searchParams.get('text')).toBe(`${text} ${tracked('linkedin')}`);

    const x = new URL(results.get('x')!.intentUrl!);
    expect(x.origin + x.pathname).toBe('https://x.com/intent/post');
    expect(x.searchParams.get('text')).toBe(text);
    expect(x.searchParams.get('url')).toBe(tracked('x'));

    const fb = new URL(results.get('facebook')!.intentUrl!);
    expect(fb.origin + fb.pathname).toBe('https://www.facebook.com/sharer/sharer.php');
    expect(fb.searchParams.get('u')).toBe(tracked('facebook'));

    const email = results.get('email')!.intentUrl!;
    expect(email.startsWith('mailto:?subject=')).toBe(true);
    expect(email).not.toContain('+');
    const params = new URLSearchParams(email.slice('mailto:?'.length));
    expect(params.get('subject')).toBe('Solar & wind: our plan');
    expect(params.get('body')).toBe(`${text}\n\n${tracked('email')}`);

    expect(results.get('link')!.intentUrl).toBeNull();
  });

  it('keeps one tracked link per person, item and network, and records every share', async () => {
    const item = await newItem();
    const first = (await share(ana.client, item, { network: 'linkedin' })).json<Result>();
    const again = (await share(ana.client, item, { network: 'linkedin', text: 'Again' })).json<Result>();
    expect(again.trackedUrl).toBe(first.trackedUrl);
    expect(again.shareId).not.toBe(first.shareId);
    const links = await db().selectFrom('shareLinks').select(['code', 'userId', 'network']).where('itemId', '=', item).execute();
    expect(links).toEqual([{ code: first.trackedUrl.split('/s/')[1], userId: ana.id, network: 'linkedin' }]);
    const shares = await db().selectFrom('shares').select('id').where('itemId', '=', item).execute();
    expect(shares).toHaveLength(2);

    await acceptGuidelines(ben.id);
    const bens = (await share(ben.client, item, { network: 'linkedin' })).json<Result>();
    expect(bens.trackedUrl).not.toBe(first.trackedUrl);
  });

  it('copies the item’s campaign onto the share', async () => {
    const campaign = await newCampaign({ all: true });
    const item = await newItem({ campaignId: campaign });
    const res = await share(ana.client, item, { network: 'x' });
    expect(res.statusCode, res.body).toBe(201);
    const row = await db()
      .selectFrom('shares')
      .select(['campaignId', 'userId', 'network'])
      .where('id', '=', res.json<Result>().shareId)
      .executeTakeFirst();
    expect(row).toEqual({ campaignId: campaign, userId: ana.id, network: 'x' });
  });

  it('refuses an expired item with 410 ITEM_EXPIRED', async () => {
    const item = await newItem({ startsAt: hours(-48), endsAt: hours(-1) });
    const res = await share(ana.client, item, { network: 'linkedin' });
    expect(res.statusCode, res.body).toBe(410);
    expect(res.json()).toMatchObject({ error: { code: 'ITEM_EXPIRED' } });
  });

  it('refuses an archived item with 410 ITEM_EXPIRED', async () => {
    const item = await newItem({ archivedAt: new Date() });
    const res = await share(ana.client, item, { network: 'facebook' });
    expect(res.statusCode, res.body).toBe(410);
    expect(res.json()).toMatchObject({ error: { code: 'ITEM_EXPIRED' } });
  });

  it('refuses an item that has not started with 409 ITEM_NOT_STARTED', async () => {
    const item = await newItem({ startsAt: hours(24) });
    const res = await share(ana.client, item, { network: 'linkedin' });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ error: { code: 'ITEM_NOT_STARTED' } });
  });

  it('refuses a post made internal-only with 422 INTERNAL_ONLY, and makes no link', async () => {
    const postId = await newPost(org.admin);
    const item = await newItem({ kind: 'post', postId });
    await db().updateTable('posts').set({ internalOnly: true }).where('id', '=', postId).execute();
    const res = await share(ana.client, item, { network: 'linkedin' });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ error: { code: 'INTERNAL_ONLY' } });
    expect(await db().selectFrom('shareLinks').select('id').where('itemId', '=', item).execute()).toHaveLength(0);
  });

  it('answers 404 for an unknown item, another organisation’s, a deleted post’s, and a campaign that does not reach the person', async () => {
    expect((await share(ana.client, newId(), { network: 'linkedin' })).statusCode).toBe(404);

    const other = await createOrg(t);
    const theirs = newId();
    await db()
      .insertInto('shareItems')
      .values({ id: theirs, orgId: other.orgId, kind: 'link', url: 'https://other.example.com/', title: 'Theirs' })
      .execute();
    expect((await share(ana.client, theirs, { network: 'linkedin' })).statusCode).toBe(404);

    const postId = await newPost(org.admin);
    const deleted = await newItem({ kind: 'post', postId });
    await db().updateTable('posts').set({ deletedAt: new Date() }).where('id', '=', postId).execute();
    expect((await share(ana.client, deleted, { network: 'linkedin' })).statusCode).toBe(404);

    const narrow = await newCampaign({ userIds: [ben.id] });
    const item = await newItem({ campaignId: narrow });
    const res = await share(ana.client, item, { network: 'linkedin' });
    expect(res.statusCode, res.body).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect((await share(ben.client, item, { network: 'linkedin' })).statusCode).toBe(201);
  });

  it('refuses an unknown network, a text over the limit and unknown fields', async () => {
    const item = await newItem();
    expect((await share(ana.client, item, { network: 'myspace' })).statusCode).toBe(400);
    expect((await share(ana.client, item, { network: 'x', text: 'a'.repeat(3001) })).statusCode).toBe(400);
    expect((await share(ana.client, item, { network: 'x', url: 'https://evil.example/' })).statusCode).toBe(400);
    expect((await share(ana.client, 'not-an-id', { network: 'x' })).statusCode).toBe(400);
  });

  it('asks to sign in first', async () => {
    const item = await newItem();
    expect((await share(org.anonymous(), item, { network: 'x' })).statusCode).toBe(401);
  });
});
