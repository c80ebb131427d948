import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdvocacyInsightsDto } from '../../../shared/advocacy.js';
import { newId } from '../../platform/ids.js';
import { createOrg, testApp, type Client, type TestApp, type TestOrg } from '../../test/helpers.js';

let t: TestApp;
let org: TestOrg;
let comms: Client;
let employee: Client;
const db = () => t.app.ctx.db;
const ids = { sales: '', marketing: '', empty: '', campaign: '', itemA: '', itemB: '', alice: '', bob: '', carl: '' };
const FORMULA_TITLE = '=HYPERLINK("https://evil.example","Click me")';

async function insertDepartment(name: string): Promise<string> {
  const id = newId();
  await db().insertInto('departments').values({ id, orgId: org.orgId, name }).execute();
  return id;
}

async function insertItem(title: string, campaignId: string | null): Promise<string> {
  const id = newId();
  await db()
    .insertInto('shareItems')
    .values({
      id,
      orgId: org.orgId,
      kind: 'link',
      url: 'https://example.com/blog',
      title,
      campaignId,
      startsAt: new Date('2026-09-01T00:00:00Z'),
    })
    .execute();
  return id;
}

/** A share made at `at`, with its tracked link; returns the link for clicks. */
async function share(userId: string, itemId: string, network: string, at: string) {
  const item = await db().selectFrom('shareItems').select('campaignId').where('id', '=', itemId).executeTakeFirstOrThrow();
  const linkId = newId();
  await db()
    .insertInto('shareLinks')
    .values({ id: linkId, orgId: org.orgId, code: newId().replaceAll('-', '').slice(-10), itemId, userId, network })
    .execute();
  await db()
    .insertInto('shares')
    .values({ id: newId(), orgId: org.orgId, itemId, campaignId: item.campaignId, userId, network, linkId, createdAt: new Date(at) })
    .execute();
  return { linkId, itemId, userId, network, campaignId: item.campaignId };
}

async function clicks(link: Awaited<ReturnType<typeof share>>, day: string, visitors: string[]) {
  await db()
    .insertInto('shareClicks')
    .values(visitors.map((visitor) => ({ orgId: org.orgId, ...link, day, visitor, createdAt: new Date(`${day}T12:00:00Z`) })))
    .execute();
}

const get = (client: Client, query: string) => client.get(`/api/advocacy/insights?${query}`);
const week = 'from=2026-10-01&to=2026-10-07';

beforeAll(async () => {
  t = await testApp();
  org = await createOrg(t);
  comms = (await org.person({ roles: ['communications'], name: 'Cora Comms' })).client;
  employee = (await org.person({ name: 'Eve Employee' })).client;
  ids.sales = await insertDepartment('Sales');
  ids.marketing = await insertDepartment('Marketing');
  ids.empty = await insertDepartment('Nobody here');
  ids.alice = (await org.person({ name: 'Alice' })).id;
  ids.bob = (await org.person({ name: 'Bob' })).id;
  ids.carl = (await org.person({ name: 'Carl' })).id;
  const dan = (await org.person({ name: 'Dan (left)' })).id;
  await db().updateTable('users').set({ departmentId: ids.sales }).where('id', 'in', [ids.alice, ids.bob, dan]).execute();
  await db().updateTable('users').set({ departmentId: ids.marketing }).where('id', '=', ids.carl).execute();
  await db().updateTable('users').set({ status: 'deactivated', deactivatedAt: new Date() }).where('id', '=', dan).execute();

  ids.campaign = newId();
  await db()
    .insertInto('shareCampaigns')
    .values({ id: ids.campaign, orgId: org.orgId, name: '@Launch', hashtag: '#launch', audience: JSON.stringify({ kind: 'everyone' }) })
    .execute();
  ids.itemA = await insertItem(FORMULA_TITLE, ids.campaign);
  ids.itemB = await insertItem('Our blog', null);

  const aliceIn = await share(ids.alice, ids.itemA, 'linkedin', '2026-10-02T10:00:00Z');
  const aliceX = await share(ids.alice, ids.itemA, 'x', '2026-10-03T08:00:00Z');
  // Late on the 2nd in UTC: counts for the 2nd whatever the server's zone.
  const bobIn = await share(ids.bob, ids.itemB, 'linkedin', '2026-10-02T23:30:00Z');
  // Just outside the range on either side.
  const before = await share(ids.carl, ids.itemB, 'facebook', '2026-09-30T23:59:59Z');
  await share(ids.carl, ids.itemB, 'email', '2026-10-08T00:00:00Z');
  // Also a share and click in another organisation's range must not leak in: each test org is separate.
  await clicks(aliceIn, '2026-10-02', ['v1', 'v2']);
  await clicks(aliceIn, '2026-10-03', ['v1']);
  await clicks(aliceX, '2026-10-03', ['v1']);
  await clicks(bobIn, '2026-10-05', ['v3']);
  await clicks(before, '2026-10-08', ['v9']);
  await clicks(before, '2026-09-30', ['v9']);
});
afterAll(() => t.close());

describe('advocacy insights', () => {
  it('counts shares, clicks, visitors and active ambassadors of the period', async () => {
    const res = await get(comms, week);
    expect(res.statusCode, res.body).toBe(200);
    const data = res.json<AdvocacyInsightsDto>();
    expect(data.from).toBe('2026-10-01');
    expect(data.to).toBe('2026-10-07');
    // Active people: the admin, Cora, Eve, Alice, Bob and Carl; Dan left.
    expect(data.totals).toEqual({ shares: 3, clicks: 5, visitors: 4, sharers: 2, activePeople: 6, participation: 0.3333 });
  });

  it('lists every network, zeros included, with clicks per share', async () => {
    const data = (await get(comms, week)).json<AdvocacyInsightsDto>();
    expect(data.byNetwork).toEqual([
      { network: 'linkedin', shares: 2, clicks: 4, clicksPerShare: 2 },
      { network: 'x', shares: 1, clicks: 1, clicksPerShare: 1 },
      { network: 'facebook', shares: 0, clicks: 0, clicksPerShare: 0 },
      { network: 'email', shares: 0, clicks: 0, clicksPerShare: 0 },
      { network: 'link', shares: 0, clicks: 0, clicksPerShare: 0 },
    ]);
  });

  it('has one row per day of the range, empty days as zeros', async () => {
    const data = (await get(comms, week)).json<AdvocacyInsightsDto>();
    expect(data.overTime).toEqual([
      { day: '2026-10-01', shares: 0, clicks: 0 },
      { day: '2026-10-02', shares: 2, clicks: 2 },
      { day: '2026-10-03', shares: 1, clicks: 2 },
      { day: '2026-10-04', shares: 0, clicks: 0 },
      { day: '2026-10-05', shares: 0, clicks: 1 },
      { day: '2026-10-06', shares: 0, clicks: 0 },
      { day: '2026-10-07', shares: 0, clicks: 0 },
    ]);
  });

  it('ranks top items and campaigns by clicks, then shares', async () => {
    const data = (await get(comms, week)).json<AdvocacyInsightsDto>();
    expect(data.topItems).toEqual([
      { id: ids.itemA, title: FORMULA_TITLE, shares: 2, clicks: 4 },
      { id: ids.itemB, title: 'Our blog', shares: 1, clicks: 1 },
    ]);
    expect(data.topCampaigns).toEqual([{ id: ids.campaign, name: '@Launch', shares: 2, clicks: 4 }]);
  });

  it('shows participation for every department with active people, and for people without one', async () => {
    const data = (await get(comms, week)).json<AdvocacyInsightsDto>();
    expect(data.byDepartment).toEqual([
      { id: ids.marketing, name: 'Marketing', people: 1, sharers: 0, participation: 0 },
      { id: ids.sales, name: 'Sales', people: 2, sharers: 2, participation: 1 },
      { id: null, name: '', people: 3, sharers: 0, participation: 0 },
    ]);
  });

  it('narrows everything to one campaign', async () => {
    const data = (await get(comms, `${week}&campaignId=${ids.campaign}`)).json<AdvocacyInsightsDto>();
    expect(data.totals).toMatchObject({ shares: 2, clicks: 4, visitors: 3, sharers: 1 });
    expect(data.topItems.map((i) => i.id)).toEqual([ids.itemA]);
    expect(data.byDepartment.find((d) => d.id === ids.sales)).toMatchObject({ sharers: 1, participation: 0.5 });
  });

  it('answers 404 for a campaign the organisation does not have', async () => {
    const res = await get(comms, `${week}&campaignId=${newId()}`);
    expect(res.statusCode).toBe(404);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('NOT_FOUND');
  });

  it('covers the last 30 days by default', async () => {
    const data = (await get(comms, '')).json<AdvocacyInsightsDto>();
    expect(data.overTime).toHaveLength(30);
    expect(data.to).toBe(new Date().toISOString().slice(0, 10));
    expect(data.overTime[0]!.day).toBe(data.from);
  });

  it('accepts 366 days and refuses longer, reversed or malformed ranges', async () => {
    const year = await get(comms, 'from=2024-01-01&to=2024-12-31');
    expect(year.statusCode, year.body).toBe(200);
    expect(year.json<AdvocacyInsightsDto>().overTime).toHaveLength(366);
    const tooLong = await get(comms, 'from=2024-01-01&to=2025-01-01');
    expect([tooLong.statusCode, tooLong.json<{ error: { code: string } }>().error.code]).toEqual([400, 'RANGE_TOO_LONG']);
    const reversed = await get(comms, 'from=2026-10-07&to=2026-10-01');
    expect([reversed.statusCode, reversed.json<{ error: { code: string } }>().error.code]).toEqual([400, 'INVALID_RANGE']);
    for (const bad of ['from=2026-13-01', 'to=yesterday', 'from=2026-02-30', 'campaignId=nope']) {
      expect((await get(comms, bad)).statusCode, bad).toBe(400);
    }
  });

  it('is for communications staff and administrators only', async () => {
    expect((await get(employee, week)).statusCode).toBe(403);
    expect((await employee.get('/api/advocacy/insights.csv?table=overTime')).statusCode).toBe(403);
    expect((await get(org.admin, week)).statusCode).toBe(200);
    expect((await get(org.anonymous(), week)).statusCode).toBe(401);
  });

  it('exports a table as CSV with a header, rows and a file name', async () => {
    const res = await comms.get(`/api/advocacy/insights.csv?${week}&table=byNetwork`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toBe('attachment; filename="advocacy-byNetwork-2026-10-01-2026-10-07.csv"');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('network,shares,clicks,clicks_per_share');
    expect(lines[1]).toBe('linkedin,2,4,2');
    expect(lines).toHaveLength(6);
    const days = (await comms.get(`/api/advocacy/insights.csv?${week}&table=overTime`)).body.trim().split('\n');
    expect(days).toHaveLength(8);
    const depts = (await comms.get(`/api/advocacy/insights.csv?${week}&table=byDepartment`)).body.trim().split('\n');
    expect(depts).toContain(`${ids.sales},Sales,2,2,100`);
    expect(depts.at(-1)).toBe(',(no department),3,0,0');
  });

  it('neutralises formulas in titles and names', async () => {
    const items = (await comms.get(`/api/advocacy/insights.csv?${week}&table=topItems`)).body.trim().split('\n');
    expect(items[0]).toContain('item_id,title,shares,clicks');
    expect(items[1]).toBe(`${ids.itemA},"'=HYPERLINK(""https://evil.example"",""Click me"")",2,4`);
    const campaigns = (await comms.get(`/api/advocacy/insights.csv?${week}&table=topCampaigns`)).body.trim().split('\n');
    expect(campaigns[1]).toBe(`${ids.campaign},'@Launch,2,4`);
  });

  it('refuses an unknown table', async () => {
    expect((await comms.get(`/api/advocacy/insights.csv?${week}&table=people`)).statusCode).toBe(400);
    expect((await comms.get(`/api/advocacy/insights.csv?${week}`)).statusCode).toBe(400);
  });
});
