import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignDto, ShareItemDto } from '../../../shared/advocacy.js';
import { newId } from '../../platform/ids.js';
import { createOrg, insertCommunity, testApp, type Client, type TestApp, type TestOrg } from '../../test/helpers.js';
import { readerReach, reaches } from './audience-check.js';

let t: TestApp;
let org: TestOrg;
const db = () => t.app.ctx.db;
type Person = { id: string; client: Client };
let comms: Person;
let inSales: Person;
let inTeam: Person;
let inMilan: Person;
let outsider: Person;
let parentDept: string;
let childDept: string;
let teamId: string;
let milan: string;

const at = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
const code = (res: { statusCode: number; json: () => { error?: { code?: string } } }) => [res.statusCode, res.json().error?.code];

async function create(body: Record<string, unknown>): Promise<CampaignDto> {
  const res = await comms.client.post('/api/advocacy/campaigns', { name: 'Launch week', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<CampaignDto>();
}

async function listIds(client: Client, state = 'current'): Promise<string[]> {
  const res = await client.get(`/api/advocacy/campaigns?state=${state}&limit=50`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: CampaignDto[] }>().items.map((c) => c.id);
}

beforeAll(async () => {
  t = await testApp();
  org = await createOrg(t);
  comms = await org.person({ roles: ['communications'] });
  inSales = await org.person({ name: 'Sally Sales' });
  inTeam = await org.person({ name: 'Tom Team' });
  inMilan = await org.person({ name: 'Mila Milan' });
  outsider = await org.person({ name: 'Otto Outside' });
  parentDept = newId();
  childDept = newId();
  teamId = newId();
  milan = newId();
  await db()
    .insertInto('departments')
    .values([
      { id: parentDept, orgId: org.orgId, name: 'Commercial', parentId: null },
      { id: childDept, orgId: org.orgId, name: 'Sales', parentId: parentDept },
    ])
    .execute();
  await db().insertInto('teams').values({ id: teamId, orgId: org.orgId, name: 'Growth', departmentId: null }).execute();
  await db().insertInto('locations').values({ id: milan, orgId: org.orgId, name: 'Milan' }).execute();
  await db().updateTable('users').set({ departmentId: childDept }).where('id', '=', inSales.id).execute();
  await db().updateTable('users').set({ teamId }).where('id', '=', inTeam.id).execute();
  await db().updateTable('users').set({ locationId: milan }).where('id', '=', inMilan.id).execute();
  // Five people signing in on a shared, busy machine can take a while.
}, 180_000);
afterAll(() => t.close());

describe('creating campaigns', () => {
  it('creates a campaign with a goal, a hashtag and an audience, and shows it to those it reaches', async () => {
    const c = await create({
      description: 'Tell the world.',
      hashtag: 'Launch2026',
      goalMetric: 'clicks',
      goal: 500,
      audience: { departmentIds: [parentDept], teamIds: [], all: false },
      startsAt: at(-1),
      endsAt: at(100),
    });
    expect(c).toMatchObject({
      name: 'Launch week',
      description: 'Tell the world.',
      hashtag: '#Launch2026',
      goalMetric: 'clicks',
      goal: 500,
      audience: { departmentIds: [parentDept] },
      archivedAt: null,
      progress: { shares: 0, clicks: 0, sharers: 0, items: 0 },
    });
    // A department reaches its sub-departments.
    expect(await listIds(inSales.client)).toContain(c.id);
    expect((await inSales.client.get(`/api/advocacy/campaigns/${c.id}`)).statusCode).toBe(200);
    expect(await listIds(outsider.client)).not.toContain(c.id);
    expect((await outsider.client.get(`/api/advocacy/campaigns/${c.id}`)).statusCode).toBe(404);
    expect(await listIds(comms.client)).toContain(c.id);
  });

  it('reaches people by team, location, community and name', async () => {
    const community = await insertCommunity(t, org, 'public', [{ id: outsider.id }]);
    const byTeam = await create({ audience: { teamIds: [teamId] } });
    const byPlace = await create({ audience: { locationIds: [milan] } });
    const byCommunity = await create({ audience: { communityIds: [community] } });
    const byName = await create({ audience: { userIds: [inSales.id] } });
    const everyone = await create({ audience: { all: true } });
    expect(await listIds(inTeam.client)).toEqual(expect.arrayContaining([byTeam.id, everyone.id]));
    expect(await listIds(inTeam.client)).not.toContain(byPlace.id);
    expect(await listIds(inMilan.client)).toEqual(expect.arrayContaining([byPlace.id, everyone.id]));
    expect(await listIds(inMilan.client)).not.toContain(byTeam.id);
    expect(await listIds(outsider.client)).toEqual(expect.arrayContaining([byCommunity.id, everyone.id]));
    expect(await listIds(outsider.client)).not.toContain(byName.id);
    expect(await listIds(inSales.client)).toContain(byName.id);
    expect(await listIds(inSales.client)).not.toContain(byCommunity.id);
  });

  it('refuses an empty audience, unknown ids, a bad hashtag, bad dates and a zero goal', async () => {
    const post = (body: Record<string, unknown>) =>
      comms.client.post('/api/advocacy/campaigns', { name: 'X', audience: { all: true }, ...body });
    expect(code(await post({ audience: {} }))).toEqual([400, 'AUDIENCE_EMPTY']);
    expect(code(await post({ audience: { all: false, teamIds: [] } }))).toEqual([400, 'AUDIENCE_EMPTY']);
    expect(code(await post({ audience: { departmentIds: [newId()] } }))).toEqual([400, 'AUDIENCE_UNKNOWN']);
    expect(code(await post({ audience: { communityIds: [newId()] } }))).toEqual([400, 'AUDIENCE_UNKNOWN']);
    expect(code(await post({ hashtag: 'two words' }))).toEqual([400, 'INVALID_HASHTAG']);
    const startsAt = at(10);
    expect(code(await post({ startsAt, endsAt: startsAt }))).toEqual([400, 'INVALID_DATES']);
    expect((await post({ goal: 0 })).statusCode).toBe(400);
    expect((await post({ name: '' })).statusCode).toBe(400);
    expect((await post({ goalMetric: 'likes' })).statusCode).toBe(400);
  });

  it('answers a secret community the manager cannot read as unknown', async () => {
    const secret = await insertCommunity(t, org, 'secret', [{ id: outsider.id }]);
    expect(code(await comms.client.post('/api/advocacy/campaigns', { name: 'X', audience: { communityIds: [secret] } }))).toEqual([
      400,
      'AUDIENCE_UNKNOWN',
    ]);
  });

  it('does not let an employee run campaigns', async () => {
    expect(code(await outsider.client.post('/api/advocacy/campaigns', { name: 'X', audience: { all: true } }))).toEqual([403, 'FORBIDDEN']);
    const c = await create({ audience: { all: true } });
    expect(code(await outsider.client.patch(`/api/advocacy/campaigns/${c.id}`, { name: 'Mine' }))).toEqual([403, 'FORBIDDEN']);
    expect(code(await outsider.client.delete(`/api/advocacy/campaigns/${c.id}`))).toEqual([403, 'FORBIDDEN']);
  });
});

describe('campaign lists and progress', () => {
  it('lists current and past campaigns, and archived ones only for managers with state=all', async () => {
    const past = await create({ audience: { all: true }, startsAt: at(-100), endsAt: at(-50) });
    const current = await create({ audience: { all: true } });
    const archived = await create({ audience: { all: true } });
    expect((await comms.client.delete(`/api/advocacy/campaigns/${archived.id}`)).json()).toEqual({ ok: true });
    expect(await listIds(outsider.client, 'current')).toEqual(expect.arrayContaining([current.id]));
    expect(await listIds(outsider.client, 'current')).not.toContain(past.id);
    expect(await listIds(outsider.client, 'past')).toContain(past.id);
    expect(await listIds(outsider.client, 'all')).not.toContain(archived.id);
    expect((await outsider.client.get(`/api/advocacy/campaigns/${archived.id}`)).statusCode).toBe(404);
    expect(await listIds(comms.client, 'current')).not.toContain(archived.id);
    expect(await listIds(comms.client, 'all')).toContain(archived.id);
    const seen = (await comms.client.get(`/api/advocacy/campaigns/${archived.id}`)).json<CampaignDto>();
    expect(seen.archivedAt).not.toBeNull();
    expect(code(await comms.client.patch(`/api/advocacy/campaigns/${archived.id}`, { name: 'Back' }))).toEqual([409, 'CAMPAIGN_ARCHIVED']);
  });

  it('pages campaigns with a cursor', async () => {
    const first = await comms.client.get('/api/advocacy/campaigns?state=all&limit=1');
    const page = first.json<{ items: CampaignDto[]; nextCursor: string | null }>();
    expect(page.items).toHaveLength(1);
    expect(page.nextCursor).not.toBeNull();
    const next = (await comms.client.get(`/api/advocacy/campaigns?state=all&limit=1&cursor=${page.nextCursor}`)).json<{
      items: CampaignDto[];
    }>();
    expect(next.items[0]?.id).not.toBe(page.items[0]?.id);
  });

  it('shows progress: shares, clicks, distinct sharers and items', async () => {
    const c = await create({ audience: { all: true }, goal: 10 });
    const itemRes = await comms.client.post('/api/advocacy/items', {
      kind: 'link',
      url: 'https://example.com/a',
      title: 'A',
      campaignId: c.id,
    });
    const item = itemRes.json<ShareItemDto>();
    await comms.client.post('/api/advocacy/items', { kind: 'link', url: 'https://example.com/b', title: 'B', campaignId: c.id });
    const links = [inSales.id, inTeam.id].map((userId) => ({
      id: newId(),
      orgId: org.orgId,
      code: newId().replaceAll('-', '').slice(-10),
      itemId: item.id,
      userId,
      network: 'x',
    }));
    await db().insertInto('shareLinks').values(links).execute();
    await db()
      .insertInto('shares')
      .values([
        { id: newId(), orgId: org.orgId, itemId: item.id, campaignId: c.id, userId: inSales.id, network: 'x', linkId: links[0]!.id },
        { id: newId(), orgId: org.orgId, itemId: item.id, campaignId: c.id, userId: inSales.id, network: 'x', linkId: links[0]!.id },
        { id: newId(), orgId: org.orgId, itemId: item.id, campaignId: c.id, userId: inTeam.id, network: 'x', linkId: links[1]!.id },
      ])
      .execute();
    await db()
      .insertInto('shareClicks')
      .values({
        orgId: org.orgId,
        linkId: links[0]!.id,
        itemId: item.id,
        campaignId: c.id,
        userId: inSales.id,
        network: 'x',
        day: '2026-11-27',
        visitor: 'v',
      })
      .execute();
    const got = (await outsider.client.get(`/api/advocacy/campaigns/${c.id}`)).json<CampaignDto>();
    expect(got.progress).toEqual({ shares: 3, clicks: 1, sharers: 2, items: 2 });
  });

  it('changes a campaign and checks the change', async () => {
    const c = await create({ audience: { all: true } });
    const res = await comms.client.patch(`/api/advocacy/campaigns/${c.id}`, {
      name: 'Renamed',
      hashtag: '#Tessuto',
      audience: { userIds: [inSales.id] },
      goal: null,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<CampaignDto>()).toMatchObject({
      name: 'Renamed',
      hashtag: '#Tessuto',
      audience: { userIds: [inSales.id] },
      goal: null,
    });
    expect(await listIds(outsider.client)).not.toContain(c.id);
    expect(code(await comms.client.patch(`/api/advocacy/campaigns/${c.id}`, { audience: {} }))).toEqual([400, 'AUDIENCE_EMPTY']);
    expect(code(await comms.client.patch(`/api/advocacy/campaigns/${c.id}`, { startsAt: at(5), endsAt: at(1) }))).toEqual([
      400,
      'INVALID_DATES',
    ]);
    expect((await comms.client.patch(`/api/advocacy/campaigns/${newId()}`, { name: 'X' })).statusCode).toBe(404);
  });
});

describe('reach of one person', () => {
  it('holds the department chain, team, location and communities, and agrees with the SQL check', async () => {
    const reach = await readerReach(db(), org.orgId, inSales.id);
    expect(reach.departmentIds.sort()).toEqual([parentDept, childDept].sort());
    expect(reaches({ departmentIds: [parentDept] }, reach)).toBe(true);
    expect(reaches({ teamIds: [teamId] }, reach)).toBe(false);
    expect(reaches({ all: true }, reach)).toBe(true);
    const none = await readerReach(db(), org.orgId, newId());
    expect(none).toMatchObject({ departmentIds: [], teamId: null, locationId: null, communityIds: [] });
  });
});
