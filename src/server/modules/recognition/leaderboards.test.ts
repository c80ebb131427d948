import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { createOrg, testApp, type TestApp, type TestOrg } from '../../test/helpers.js';
import { periodStart } from './leaderboards.service.js';
import { saveRecognitionSettings } from './recognition.settings.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

interface Entry {
  rank: number;
  person: { id: string; name: string; title: string | null; photoUrl: string | null };
  points: number;
  kudos: number;
}
interface Board {
  board: string;
  period: string;
  enabled: boolean;
  entries: Entry[];
  me: { rank: number; points: number; kudos: number } | null;
}

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
    async value(name: string) {
      const id = newId();
      await db.insertInto('companyValues').values({ id, orgId: org.orgId, name }).execute();
      return id;
    },
    async location(country: string) {
      const id = newId();
      await db
        .insertInto('locations')
        .values({ id, orgId: org.orgId, name: `Office ${country}`, country, timezone: null })
        .execute();
      return id;
    },
    async place(userId: string, patch: { departmentId?: string; locationId?: string; status?: 'deactivated' }) {
      await db.updateTable('users').set(patch).where('id', '=', userId).execute();
    },
    async give(
      giverId: string,
      recipientIds: string[],
      opts: { points?: number; valueId?: string; visibility?: 'public' | 'private'; at?: Date } = {},
    ) {
      const id = newId();
      const at = opts.at ?? new Date(Date.now() - 60_000);
      await db
        .insertInto('kudos')
        .values({
          id,
          orgId: org.orgId,
          giverId,
          postId: null,
          valueId: opts.valueId ?? null,
          teamId: null,
          message: 'Thank you',
          messageHtml: '<p>Thank you</p>',
          visibility: opts.visibility ?? 'public',
          pointsEach: opts.points ?? 0,
          idempotencyKey: null,
          requestHash: null,
          createdAt: at,
        })
        .execute();
      await db
        .insertInto('kudosRecipients')
        .values(recipientIds.map((userId) => ({ kudosId: id, orgId: org.orgId, userId, points: opts.points ?? 0, createdAt: at })))
        .execute();
      return id;
    },
  };
}

const board = async (client: TestOrg['admin'], query: string): Promise<Board> => {
  const res = await client.get(`/api/leaderboards?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Board>();
};
const standings = (b: Board) => b.entries.map((e) => [e.person.name, e.rank, e.points, e.kudos]);

describe('leaderboards', () => {
  it('ranks the most recognised by points then kudos, ties sharing a rank, private kudos counted', async () => {
    const r = await recognitionOrg();
    const giver = await r.org.person({ name: 'Giver' });
    const [a, b, c, d] = await Promise.all(['Anna', 'Bruno', 'Carla', 'Dario'].map((name) => r.org.person({ name })));
    await r.give(giver.id, [a!.id], { points: 30 });
    await r.give(giver.id, [b!.id, c!.id], { points: 10 });
    await r.give(giver.id, [b!.id, c!.id], { points: 5, visibility: 'private' });
    await r.give(giver.id, [d!.id], { points: 15 });

    const received = await board(a!.client, 'board=received&period=month');
    expect(received).toMatchObject({ board: 'received', period: 'month', enabled: true });
    // Bruno and Carla tie on points and kudos (1, 2, 2, 4); Dario has their points with fewer kudos.
    expect(standings(received)).toEqual([
      ['Anna', 1, 30, 1],
      ['Bruno', 2, 15, 2],
      ['Carla', 2, 15, 2],
      ['Dario', 4, 15, 1],
    ]);
    expect(received.entries[0]!.person).toEqual({ id: a!.id, name: 'Anna', title: null, photoUrl: null });
    expect(received.me).toEqual({ rank: 1, points: 30, kudos: 1 });
    expect(JSON.stringify(received)).not.toContain('Thank you');

    const given = await board(giver.client, 'board=given&period=month');
    expect(standings(given)).toEqual([['Giver', 1, 30 + 20 + 10 + 15, 4]]);
    expect(given.me).toEqual({ rank: 1, points: 75, kudos: 4 });
    // Someone on neither board has no standing.
    expect((await board(a!.client, 'board=given')).me).toBeNull();
  });

  it('breaks an equal number of points by the number of kudos', async () => {
    const r = await recognitionOrg();
    const giver = await r.org.person({ name: 'Giver' });
    const few = await r.org.person({ name: 'Few' });
    const many = await r.org.person({ name: 'Many' });
    await r.give(giver.id, [few.id], { points: 20 });
    await r.give(giver.id, [many.id], { points: 10 });
    await r.give(giver.id, [many.id], { points: 10 });
    expect(standings(await board(giver.client, 'board=received'))).toEqual([
      ['Many', 1, 20, 2],
      ['Few', 2, 20, 1],
    ]);
  });

  it('counts each period from its first day in UTC', async () => {
    const r = await recognitionOrg();
    const giver = await r.org.person({ name: 'Giver' });
    const p = await r.org.person({ name: 'Paola' });
    const now = new Date();
    const times = [
      new Date(now.getTime() - 60_000),
      new Date(periodStart('quarter', now)!.getTime() + 3_600_000),
      new Date(periodStart('year', now)!.getTime() + 3_600_000),
      new Date(periodStart('year', now)!.getTime() - 3_600_000),
      new Date(Date.UTC(now.getUTCFullYear() - 3, 5, 1)),
    ];
    for (const [i, at] of times.entries()) {
      await r.give(giver.id, [p.id], { points: 10 ** i, at });
    }
    const expected = (period: 'month' | 'quarter' | 'year' | 'all') => {
      const since = periodStart(period, now);
      return times.reduce((sum, at, i) => (since === null || at >= since ? sum + 10 ** i : sum), 0);
    };
    for (const period of ['month', 'quarter', 'year', 'all'] as const) {
      const b = await board(p.client, `period=${period}`);
      expect(b.period).toBe(period);
      expect(b.me?.points ?? 0, period).toBe(expected(period));
    }
    expect((await board(p.client, 'period=all')).me).toEqual({ rank: 1, points: 11111, kudos: 5 });
    expect((await board(p.client, 'period=year')).me!.points).toBeGreaterThanOrEqual(1);
    expect((await board(p.client, 'period=year')).me!.points).toBeLessThan(1000);
  });

  it('filters by the department people are placed in and by company value', async () => {
    const r = await recognitionOrg();
    const sales = await r.department('Sales');
    const ops = await r.department('Operations');
    const craft = await r.value('Craft');
    const courage = await r.value('Courage');
    const giver = await r.org.person({ name: 'Giver' });
    const s1 = await r.org.person({ name: 'Sales One' });
    const o1 = await r.org.person({ name: 'Ops One' });
    await r.place(s1.id, { departmentId: sales });
    await r.place(o1.id, { departmentId: ops });
    await r.place(giver.id, { departmentId: ops });
    await r.give(giver.id, [s1.id], { points: 5, valueId: craft });
    await r.give(giver.id, [o1.id], { points: 7, valueId: courage });
    await r.give(giver.id, [o1.id], { points: 1, valueId: craft });

    expect(standings(await board(s1.client, `departmentId=${sales}`))).toEqual([['Sales One', 1, 5, 1]]);
    expect(standings(await board(s1.client, `departmentId=${ops}`))).toEqual([['Ops One', 1, 8, 2]]);
    expect(standings(await board(s1.client, `valueId=${craft}`))).toEqual([
      ['Sales One', 1, 5, 1],
      ['Ops One', 2, 1, 1],
    ]);
    expect(standings(await board(s1.client, `valueId=${courage}&departmentId=${sales}`))).toEqual([]);
    expect((await board(s1.client, `valueId=${courage}&departmentId=${sales}`)).me).toBeNull();
    expect(standings(await board(s1.client, `board=given&departmentId=${ops}&valueId=${craft}`))).toEqual([['Giver', 1, 6, 2]]);
    expect(standings(await board(s1.client, `board=given&departmentId=${sales}`))).toEqual([]);

    const unknown = await s1.client.get(`/api/leaderboards?departmentId=${newId()}`);
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await s1.client.get(`/api/leaderboards?valueId=${newId()}`)).statusCode).toBe(404);
    // Another organisation's department does not exist here.
    const other = await recognitionOrg();
    const foreign = await other.department('Elsewhere');
    expect((await s1.client.get(`/api/leaderboards?departmentId=${foreign}`)).statusCode).toBe(404);
  });

  it('leaves out people who are hidden, whose points are off, who left, and other organisations', async () => {
    const r = await recognitionOrg();
    const giver = await r.org.person({ name: 'Giver' });
    const shown = await r.org.person({ name: 'Shown' });
    const hidden = await r.org.person({ name: 'Hidden' });
    const abroad = await r.org.person({ name: 'Abroad' });
    const gone = await r.org.person({ name: 'Gone' });
    await t.app.ctx.db
      .insertInto('recognitionPrefs')
      .values({ userId: hidden.id, orgId: r.org.orgId, hideFromLeaderboards: true })
      .execute();
    await r.place(abroad.id, { locationId: await r.location('de') });
    await saveRecognitionSettings(t.app.ctx.db, r.org.orgId, { gamificationOffCountries: ['DE'] });
    for (const p of [shown, hidden, abroad, gone]) {
      await r.give(giver.id, [p.id], { points: 3 });
    }
    await r.place(gone.id, { status: 'deactivated' });
    const other = await recognitionOrg();
    const outsider = await other.org.person({ name: 'Outsider' });
    await other.give(outsider.id, [(await other.org.person({ name: 'Elsewhere' })).id], { points: 99 });

    const b = await board(hidden.client, 'board=received');
    expect(standings(b)).toEqual([['Shown', 1, 3, 1]]);
    // Hidden people do not see themselves ranked either.
    expect(b.me).toBeNull();
    expect((await board(abroad.client, 'board=received')).me).toBeNull();
    expect(standings(await board(giver.client, 'board=given'))).toEqual([['Giver', 1, 12, 4]]);
  });

  it('answers a board the company switched off as disabled, with no entries', async () => {
    const r = await recognitionOrg();
    const giver = await r.org.person({ name: 'Giver' });
    const p = await r.org.person({ name: 'Paola' });
    await r.give(giver.id, [p.id], { points: 4 });
    await saveRecognitionSettings(t.app.ctx.db, r.org.orgId, { leaderboards: { received: false, given: true } });
    expect(await board(p.client, 'board=received')).toEqual({ board: 'received', period: 'month', enabled: false, entries: [], me: null });
    expect((await board(p.client, 'board=given')).enabled).toBe(true);
    expect(standings(await board(p.client, 'board=given'))).toEqual([['Giver', 1, 4, 1]]);

    await saveRecognitionSettings(t.app.ctx.db, r.org.orgId, { leaderboards: { received: true, given: true }, gamification: false });
    for (const name of ['received', 'given']) {
      expect(await board(giver.client, `board=${name}`)).toMatchObject({ enabled: false, entries: [], me: null });
    }
  });

  it('cuts the page at the limit and still tells the viewer their own place', async () => {
    const r = await recognitionOrg();
    const giver = await r.org.person({ name: 'Giver' });
    const people = [];
    for (let i = 0; i < 14; i += 1) {
      people.push(await r.org.person({ name: `Person ${String(i).padStart(2, '0')}` }));
    }
    for (const [i, p] of people.entries()) {
      await r.give(giver.id, [p.id], { points: 100 - i });
    }
    const last = people.at(-1)!;
    const b = await board(last.client, 'board=received');
    expect(b.entries).toHaveLength(10);
    expect(b.entries.map((e) => e.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(b.entries.some((e) => e.person.id === last.id)).toBe(false);
    expect(b.me).toEqual({ rank: 14, points: 87, kudos: 1 });
    expect((await board(last.client, 'board=received&limit=3')).entries.map((e) => e.person.name)).toEqual([
      'Person 00',
      'Person 01',
      'Person 02',
    ]);
    expect((await board(last.client, 'board=received&limit=50')).entries).toHaveLength(14);
  });

  it('refuses bad input', async () => {
    const r = await recognitionOrg();
    const client = r.org.admin;
    for (const query of ['board=best', 'period=week', 'limit=0', 'limit=51', 'limit=2.5', 'departmentId=nope', 'valueId=1', 'extra=1']) {
      const res = await client.get(`/api/leaderboards?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code, query).toBeTypeOf('string');
    }
    expect((await r.org.anonymous().get('/api/leaderboards')).statusCode).toBe(401);
  });
});

describe('periodStart', () => {
  it('starts months, quarters and years on their first day at midnight UTC', () => {
    const at = new Date('2026-11-26T23:30:00-05:00');
    expect(periodStart('month', at)!.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(periodStart('quarter', at)!.toISOString()).toBe('2026-10-01T00:00:00.000Z');
    expect(periodStart('year', at)!.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(periodStart('all', at)).toBeNull();
    expect(periodStart('month', new Date('2027-01-01T00:30:00+01:00'))!.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(periodStart('quarter', new Date('2026-03-31T12:00:00Z'))!.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });
});
