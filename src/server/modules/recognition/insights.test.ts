import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { createOrg, testApp, type Client, type TestApp, type TestOrg } from '../../test/helpers.js';
import { insightsRange, weeksOf } from './insights.service.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const DAY = 86_400_000;

/** An organisation with helpers that write recognition straight to the database, as the kudos module would. */
async function recognitionOrg() {
  const org: TestOrg = await createOrg(t);
  const db = t.app.ctx.db;
  return {
    org,
    async department(name: string) {
      const id = newId();
      await db.insertInto('departments').values({ id, orgId: org.orgId, name, parentId: null }).execute();
      return id;
    },
    async team(name: string) {
      const id = newId();
      await db.insertInto('teams').values({ id, orgId: org.orgId, name, departmentId: null }).execute();
      return id;
    },
    async value(name: string, archived = false) {
      const id = newId();
      await db
        .insertInto('companyValues')
        .values({ id, orgId: org.orgId, name, emoji: '✨', archivedAt: archived ? new Date() : null })
        .execute();
      return id;
    },
    async place(userId: string, patch: { departmentId?: string; teamId?: string; status?: 'deactivated' }) {
      await db.updateTable('users').set(patch).where('id', '=', userId).execute();
    },
    async give(giverId: string, recipientIds: string[], opts: { points?: number; valueId?: string; private?: boolean; at: Date }) {
      const id = newId();
      await db
        .insertInto('kudos')
        .values({
          id,
          orgId: org.orgId,
          giverId,
          postId: null,
          valueId: opts.valueId ?? null,
          teamId: null,
          message: 'A secret thank-you',
          messageHtml: '<p>A secret thank-you</p>',
          visibility: opts.private ? 'private' : 'public',
          pointsEach: opts.points ?? 0,
          idempotencyKey: null,
          requestHash: null,
          createdAt: opts.at,
        })
        .execute();
      await db
        .insertInto('kudosRecipients')
        .values(recipientIds.map((userId) => ({ kudosId: id, orgId: org.orgId, userId, points: opts.points ?? 0, createdAt: opts.at })))
        .execute();
      return id;
    },
  };
}

interface Insights {
  scope: 'all' | 'reports';
  volume: { week: string; kudos: number; points: number }[];
  values: { value: { id: string; name: string; description: string; emoji: string | null } | null; count: number }[];
  flow: { nodes: { id: string; name: string; people: number }[]; links: { source: string; target: string; count: number }[] };
  totals: { kudos: number; points: number; givers: number; receivers: number };
}
interface Unrecognised {
  items: { person: { id: string; name: string }; department: string | null; lastRecognisedAt: string | null }[];
  nextCursor: string | null;
}

const insights = async (client: Client, query = ''): Promise<Insights> => {
  const res = await client.get(`/api/insights/recognition?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Insights>();
};

/** Three weeks of March 2025, Monday the 3rd to Sunday the 23rd. */
const MARCH = 'from=2025-03-03&to=2025-03-23';
const at = (iso: string) => new Date(iso);

/**
 * Engineering: the manager Mara, her report Rita, and Rita's report Rocco (Mara's indirectly).
 * Sales: another manager, Sam, and his report Xena. Operations: Gino, who gives a lot.
 */
async function company() {
  const r = await recognitionOrg();
  const eng = await r.department('Engineering');
  const sales = await r.department('Sales');
  const ops = await r.department('Operations');
  await r.department('Empty');
  const hr = await r.org.person({ name: 'Hilde HR', roles: ['hr'] });
  const mara = await r.org.person({ name: 'Mara Manager', roles: ['manager'] });
  const rita = await r.org.person({ name: 'Rita Report', managerId: mara.id });
  const rocco = await r.org.person({ name: 'Rocco Report', managerId: rita.id });
  const sam = await r.org.person({ name: 'Sam Sales', roles: ['manager'] });
  const xena = await r.org.person({ name: 'Xena Sales', managerId: sam.id });
  const gino = await r.org.person({ name: 'Gino Giver' });
  const left = await r.org.person({ name: 'Lea Left' });
  for (const [p, d] of [
    [mara, eng],
    [rita, eng],
    [rocco, eng],
    [sam, sales],
    [xena, sales],
    [gino, ops],
    [left, ops],
  ] as const) {
    await r.place(p.id, { departmentId: d });
  }
  await r.place(left.id, { status: 'deactivated' });
  return { ...r, eng, sales, ops, hr, mara, rita, rocco, sam, xena, gino };
}

describe('recognition insights', () => {
  it('shows HR everyone and a manager only the people who report to them, directly or not', async () => {
    const c = await company();
    const craft = await c.value('Craft');
    await c.give(c.gino.id, [c.rita.id, c.rocco.id], { points: 10, valueId: craft, at: at('2025-03-04T10:00:00Z') });
    await c.give(c.gino.id, [c.xena.id], { points: 7, private: true, at: at('2025-03-05T10:00:00Z') });
    await c.give(c.xena.id, [c.rocco.id], { points: 2, at: at('2025-03-12T10:00:00Z') });

    const all = await insights(c.hr.client, MARCH);
    expect(all.scope).toBe('all');
    expect(all.totals).toEqual({ kudos: 3, points: 10 + 10 + 7 + 2, givers: 2, receivers: 3 });
    expect(await insights(c.org.admin, MARCH)).toEqual(all);

    const mine = await insights(c.mara.client, MARCH);
    expect(mine.scope).toBe('reports');
    // Xena's kudos is not Mara's to see; Rocco counts though he reports to Rita.
    expect(mine.totals).toEqual({ kudos: 2, points: 10 + 10 + 2, givers: 2, receivers: 2 });
    expect(mine.volume.map((v) => [v.kudos, v.points])).toEqual([
      [1, 20],
      [1, 2],
      [0, 0],
    ]);
    const sams = await insights(c.sam.client, MARCH);
    expect(sams.totals).toEqual({ kudos: 1, points: 7, givers: 1, receivers: 1 });

    // A manager looking at a department outside their reports finds only their reports in it: nobody.
    const elsewhere = await insights(c.mara.client, `${MARCH}&departmentId=${c.sales}`);
    expect(elsewhere.totals).toEqual({ kudos: 0, points: 0, givers: 0, receivers: 0 });
    expect((await insights(c.hr.client, `${MARCH}&departmentId=${c.sales}`)).totals.kudos).toBe(1);

    // Nothing a kudos said leaks into the numbers.
    expect(JSON.stringify(all)).not.toContain('secret');
    const employee = await c.gino.client.get('/api/insights/recognition');
    expect([employee.statusCode, employee.json().error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await c.gino.client.get('/api/insights/recognition/unrecognised')).statusCode).toBe(403);
  });

  it('counts kudos per ISO week in UTC, every week of the range, and defaults to the last twelve weeks', async () => {
    const c = await company();
    await c.give(c.gino.id, [c.rita.id], { points: 1, at: at('2025-03-02T23:59:59Z') });
    await c.give(c.gino.id, [c.rita.id, c.rocco.id], { points: 2, at: at('2025-03-03T00:00:00Z') });
    await c.give(c.gino.id, [c.rita.id], { points: 4, at: at('2025-03-09T23:59:59Z') });
    await c.give(c.gino.id, [c.rita.id], { points: 8, at: at('2025-03-10T00:00:00Z') });
    await c.give(c.gino.id, [c.rita.id], { points: 16, at: at('2025-03-23T23:59:59Z') });
    await c.give(c.gino.id, [c.rita.id], { points: 32, at: at('2025-03-24T00:00:00Z') });

    const march = await insights(c.hr.client, MARCH);
    expect(march.volume).toEqual([
      { week: '2025-03-03', kudos: 2, points: 4 + 4 },
      { week: '2025-03-10', kudos: 1, points: 8 },
      { week: '2025-03-17', kudos: 1, points: 16 },
    ]);
    // A range starting mid-week still shows that week by its Monday.
    const midweek = await insights(c.hr.client, 'from=2025-03-05&to=2025-03-12');
    expect(midweek.volume).toEqual([
      { week: '2025-03-03', kudos: 1, points: 4 },
      { week: '2025-03-10', kudos: 1, points: 8 },
    ]);

    await c.give(c.gino.id, [c.rocco.id], { points: 5, at: new Date(Date.now() - 60_000) });
    const recent = await insights(c.hr.client);
    expect(recent.volume).toHaveLength(12);
    const monday = new Date();
    monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
    expect(recent.volume.at(-1)).toEqual({ week: monday.toISOString().slice(0, 10), kudos: 1, points: 5 });
    expect(recent.volume.every((v) => new Date(`${v.week}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
    expect(recent.totals.kudos).toBe(1);
  });

  it('draws the flow between departments from both sides of the scope', async () => {
    const c = await company();
    const nowhere = await c.org.person({ name: 'Nadia Nowhere' });
    const when = at('2025-03-11T09:00:00Z');
    // One kudos to two Engineering people is one kudos from Operations to Engineering.
    await c.give(c.gino.id, [c.rita.id, c.rocco.id], { at: when });
    await c.give(c.gino.id, [c.rita.id], { at: when });
    await c.give(c.gino.id, [c.xena.id], { at: when });
    await c.give(c.xena.id, [c.rocco.id], { at: when });
    await c.give(c.rita.id, [c.xena.id, c.rocco.id], { at: when });
    await c.give(nowhere.id, [c.rita.id], { at: when });

    const all = await insights(c.hr.client, MARCH);
    const name = new Map(all.flow.nodes.map((n) => [n.id, n.name]));
    const links = (i: Insights) => i.flow.links.map((l) => `${name.get(l.source)} → ${name.get(l.target)}: ${l.count}`).sort();
    expect(links(all)).toEqual([
      'Engineering → Engineering: 1',
      'Engineering → Sales: 1',
      'Operations → Engineering: 2',
      'Operations → Sales: 1',
      'Sales → Engineering: 1',
    ]);
    // Departments with their active people; the empty one has nobody and no kudos.
    expect(all.flow.nodes.map((n) => [n.name, n.people])).toEqual([
      ['Engineering', 3],
      ['Operations', 1],
      ['Sales', 2],
    ]);

    const mara = await insights(c.mara.client, MARCH);
    expect(links(mara)).toEqual([
      'Engineering → Engineering: 1',
      'Engineering → Sales: 1',
      'Operations → Engineering: 2',
      'Sales → Engineering: 1',
    ]);
    expect(mara.flow.nodes.map((n) => n.name)).toEqual(['Engineering', 'Operations', 'Sales']);
    const sam = await insights(c.sam.client, MARCH);
    expect(links(sam)).toEqual(['Engineering → Sales: 1', 'Operations → Sales: 1', 'Sales → Engineering: 1']);
  });

  it('lists the values thanked for, the quiet ones and the kudos without a value', async () => {
    const c = await company();
    const craft = await c.value('Craft');
    const courage = await c.value('Courage');
    const oldUsed = await c.value('Old and used', true);
    await c.value('Old and unused', true);
    const when = at('2025-03-11T09:00:00Z');
    await c.give(c.gino.id, [c.rita.id, c.rocco.id], { valueId: craft, at: when });
    await c.give(c.gino.id, [c.rita.id], { valueId: craft, at: when });
    await c.give(c.gino.id, [c.rita.id], { valueId: oldUsed, at: when });
    await c.give(c.gino.id, [c.rita.id], { at: when });
    await c.give(c.gino.id, [c.xena.id], { valueId: courage, at: when });

    const mara = await insights(c.mara.client, MARCH);
    expect(mara.values.map((v) => [v.value?.name ?? null, v.count])).toEqual([
      ['Craft', 2],
      ['Old and used', 1],
      [null, 1],
      ['Courage', 0],
    ]);
    expect(mara.values[0]!.value).toEqual({ id: craft, name: 'Craft', description: '', emoji: '✨' });
  });

  it('narrows to the people placed in a team', async () => {
    const c = await company();
    const squad = await c.team('Squad');
    await c.place(c.rocco.id, { teamId: squad });
    const when = at('2025-03-11T09:00:00Z');
    await c.give(c.gino.id, [c.rita.id, c.rocco.id], { points: 3, at: when });
    await c.give(c.gino.id, [c.rita.id], { points: 5, at: when });
    expect((await insights(c.hr.client, `${MARCH}&teamId=${squad}`)).totals).toEqual({ kudos: 1, points: 3, givers: 1, receivers: 1 });
    expect((await insights(c.mara.client, `${MARCH}&teamId=${squad}`)).totals.points).toBe(3);
    const unknown = await c.hr.client.get(`/api/insights/recognition?teamId=${newId()}`);
    expect(unknown.statusCode).toBe(404);
  });

  it('refuses bad ranges and unknown departments', async () => {
    const c = await company();
    const bad = async (query: string, status: number, code?: string) => {
      const res = await c.hr.client.get(`/api/insights/recognition?${query}`);
      expect(res.statusCode, `${query} ${res.body}`).toBe(status);
      if (code) {
        expect(res.json().error.code, query).toBe(code);
      }
    };
    await bad('from=2025-03-10&to=2025-03-09', 400, 'INVALID_RANGE');
    await bad('from=2023-01-01&to=2025-01-02', 400, 'RANGE_TOO_LONG');
    await bad('from=2026-12-01', 400, 'INVALID_RANGE');
    await bad('from=2025-02-30', 400);
    await bad('from=yesterday', 400);
    await bad('to=2025-03-10T00:00:00Z', 400);
    await bad('extra=1', 400);
    await bad(`departmentId=${newId()}`, 404, 'NOT_FOUND');
    // Two years exactly is fine, a single day too.
    expect((await insights(c.hr.client, 'from=2023-01-01&to=2024-12-31')).volume.length).toBeGreaterThan(100);
    expect((await insights(c.hr.client, 'from=2025-03-12&to=2025-03-12')).volume).toEqual([{ week: '2025-03-10', kudos: 0, points: 0 }]);
  });
});

describe('people not recognised lately', () => {
  it('lists active people in scope without kudos for 90 days, never-recognised first, then the longest without', async () => {
    const c = await company();
    const now = Date.now();
    const ann = await c.org.person({ name: 'Ann Never', managerId: c.mara.id });
    const bea = await c.org.person({ name: 'Bea Long', managerId: c.mara.id });
    const bob = await c.org.person({ name: 'Bob Long', managerId: c.mara.id });
    const cal = await c.org.person({ name: 'Cal Lately', managerId: bea.id });
    const dan = await c.org.person({ name: 'Dan Recent', managerId: c.mara.id });
    const eve = await c.org.person({ name: 'Eve Left', managerId: c.mara.id });
    await c.place(eve.id, { status: 'deactivated' });
    const long = new Date(now - 200 * DAY);
    await c.give(c.gino.id, [bea.id, bob.id], { at: long });
    await c.give(c.gino.id, [cal.id], { at: new Date(now - 91 * DAY) });
    await c.give(c.gino.id, [dan.id], { at: new Date(now - 200 * DAY) });
    await c.give(c.gino.id, [dan.id], { at: new Date(now - 89 * DAY), private: true });
    await c.give(c.gino.id, [c.rita.id], { at: new Date(now - 10 * DAY) });
    await c.place(cal.id, { departmentId: c.eng });

    const page = async (client: Client, query: string): Promise<Unrecognised> => {
      const res = await client.get(`/api/insights/recognition/unrecognised?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<Unrecognised>();
    };
    const first = await page(c.mara.client, '');
    expect(first.items.map((i) => i.person.name)).toEqual(['Ann Never', 'Rocco Report', 'Bea Long', 'Bob Long', 'Cal Lately']);
    expect(first.nextCursor).toBeNull();
    expect(first.items.map((i) => i.lastRecognisedAt)).toEqual([
      null,
      null,
      long.toISOString(),
      long.toISOString(),
      new Date(now - 91 * DAY).toISOString(),
    ]);
    expect(first.items.find((i) => i.person.name === 'Cal Lately')!.department).toBe('Engineering');
    expect(first.items[0]!.person.id).toBe(ann.id);
    expect(first.items[0]!.department).toBeNull();

    // Page by page, across people recognised at the same instant, nobody is skipped or repeated.
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const p: Unrecognised = await page(c.mara.client, `limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(p.items.length).toBeLessThanOrEqual(1);
      walked.push(...p.items.map((i) => i.person.name));
      cursor = p.nextCursor;
    } while (cursor);
    expect(walked).toEqual(first.items.map((i) => i.person.name));
    const two = await page(c.mara.client, 'limit=2');
    expect(two.items).toHaveLength(2);
    expect((await page(c.mara.client, `limit=2&cursor=${two.nextCursor}`)).items.map((i) => i.person.name)).toEqual([
      'Bea Long',
      'Bob Long',
    ]);

    // HR sees everyone, Mara's team and the rest of the company.
    const everyone = (await page(c.hr.client, 'limit=100')).items.map((i) => i.person.name);
    expect(everyone).toEqual(expect.arrayContaining(['Ada Admin', 'Hilde HR', 'Mara Manager', 'Sam Sales', 'Xena Sales', 'Ann Never']));
    expect(everyone).not.toContain('Rita Report');
    expect(everyone).not.toContain('Eve Left');
    expect((await page(c.hr.client, `departmentId=${c.sales}`)).items.map((i) => i.person.name)).toEqual(['Sam Sales', 'Xena Sales']);
    expect((await page(c.mara.client, `departmentId=${c.sales}`)).items).toEqual([]);
  });

  it('refuses a cursor it did not write', async () => {
    const c = await company();
    for (const cursor of [
      'garbage',
      Buffer.from('[1,"a","b"]').toString('base64url'),
      Buffer.from('[-5,"a","00000000-0000-0000-0000-000000000000"]').toString('base64url'),
    ]) {
      const res = await c.hr.client.get(`/api/insights/recognition/unrecognised?cursor=${cursor}`);
      expect([res.statusCode, res.json().error.code]).toEqual([400, 'INVALID_CURSOR']);
    }
    expect((await c.hr.client.get('/api/insights/recognition/unrecognised?limit=101')).statusCode).toBe(400);
  });
});

describe('insights ranges', () => {
  it('defaults to the twelve ISO weeks ending with this one', () => {
    const range = insightsRange({}, new Date('2026-11-26T15:00:00Z'));
    expect(range.from.toISOString()).toBe('2026-09-07T00:00:00.000Z');
    expect(range.to.toISOString()).toBe('2026-11-27T00:00:00.000Z');
    const weeks = weeksOf(range);
    expect(weeks).toHaveLength(12);
    expect(weeks[0]).toBe('2026-09-07');
    expect(weeks.at(-1)).toBe('2026-11-23');
  });

  it('includes both days given and allows two years at most', () => {
    expect(insightsRange({ from: '2024-01-01', to: '2025-12-31' }).days).toBe(731);
    expect(() => insightsRange({ from: '2024-01-01', to: '2026-01-01' })).toThrow(/two years/);
    expect(() => insightsRange({ from: '2024-01-02', to: '2024-01-01' })).toThrow(/start on or before/);
    expect(weeksOf(insightsRange({ from: '2024-12-29', to: '2025-01-06' }))).toEqual(['2024-12-23', '2024-12-30', '2025-01-06']);
  });
});
