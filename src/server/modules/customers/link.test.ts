import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { createOrg, testApp, type TestApp, type TestOrg } from '../../test/helpers.js';
import { newId } from '../../platform/ids.js';
import { insertUser } from '../people/people.queries.js';
import { answerAs, insertSurvey, openTestRound } from '../listening/listening.test-helpers.js';
import { closeRound } from '../listening/rounds.js';
import { periodKey, periodRange } from '../../../shared/customers.js';
import { insertFeedback } from './customers.test-helpers.js';
import type { LinkResult } from './link.schemas.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const DAY = 86_400_000;

interface Fixture {
  org: TestOrg;
  key: string;
  d1: string;
  d2: string;
  /** T1–T4: five people each, all answered; T5: three people, none answered; T6: five people in a round still open; T7: nobody. */
  teams: string[];
  people: Map<string, string[]>;
}

/**
 * Seven teams. T1–T4 (departments D1: T1, T2; D2: T3, T4, T5) answer a closed anonymous survey whose
 * results are released, from most to least engaged; T5 is below the threshold of five; T6 answers a
 * survey whose round is still open (nothing released); T7 has no people. Customers' NPS this quarter
 * falls from T1 to T4; after the quarter it rises from T1 to T4.
 */
async function fixture(): Promise<Fixture> {
  const org = await createOrg(t);
  const db = t.app.ctx.db;
  const orgId = org.orgId;
  const [d1, d2] = [newId(), newId()];
  await db
    .insertInto('departments')
    .values([
      { id: d1, orgId, name: 'D1', parentId: null },
      { id: d2, orgId, name: 'D2', parentId: null },
    ])
    .execute();
  const teams = Array.from({ length: 7 }, () => newId());
  const deptOf = [d1, d1, d2, d2, d2, null, null];
  await db
    .insertInto('teams')
    .values(teams.map((id, i) => ({ id, orgId, name: `T${i + 1}`, departmentId: deptOf[i]! })))
    .execute();
  const sizes = [5, 5, 5, 5, 3, 5, 0];
  const people = new Map<string, string[]>();
  for (const [i, team] of teams.entries()) {
    const ids: string[] = [];
    for (let j = 0; j < sizes[i]!; j++) {
      const id = newId();
      await insertUser(db, {
        id,
        orgId,
        email: `t${i + 1}-${j}-${id.slice(-6)}@${org.host}`,
        name: `T${i + 1} person ${j + 1}`,
        passwordHash: null,
        roles: ['employee'],
        departmentId: deptOf[i]!,
        teamId: team,
        managerId: null,
      });
      ids.push(id);
    }
    people.set(team, ids);
  }
  const questions = [
    { kind: 'scale5' as const, driver: 'recognition' as const },
    { kind: 'scale5' as const, driver: 'growth' as const },
    { kind: 'scale10' as const, driver: 'enps' as const },
  ];
  const now = new Date();
  const main = await insertSurvey(db, orgId, { questions, audience: { teamIds: teams.slice(0, 5) } });
  const { roundId } = await openTestRound(db, main.surveyId, now);
  // T1 answers 5,5,5,4,4 (eNPS 10,10,9,9,8); each team below answers one point lower.
  for (let i = 0; i < 4; i++) {
    const ids = people.get(teams[i]!)!;
    for (const [j, id] of ids.entries()) {
      const scale = (j < 3 ? 5 : 4) - i;
      const nps = [10, 10, 9, 9, 8][j]! - 2 * i;
      await answerAs(db, roundId, id, [
        { questionId: main.questionIds[0]!, value: scale },
        { questionId: main.questionIds[1]!, value: scale },
        { questionId: main.questionIds[2]!, value: nps },
      ]);
    }
  }
  await db.transaction().execute((trx) => closeRound(trx, roundId));
  expect(await t.app.ctx.worker.runDue()).toBeGreaterThanOrEqual(1);
  // T6 answers a survey whose round stays open: its sheets exist, its cell is never released.
  const open = await insertSurvey(db, orgId, { questions, audience: { teamIds: [teams[5]!] } });
  const openRound = await openTestRound(db, open.surveyId, new Date(now.getTime() + 7 * DAY));
  for (const id of people.get(teams[5]!)!) {
    await answerAs(db, openRound.roundId, id, [
      { questionId: open.questionIds[0]!, value: 5 },
      { questionId: open.questionIds[1]!, value: 4 },
      { questionId: open.questionIds[2]!, value: 10 },
    ]);
  }
  // One kudos from T1 to T2 this quarter.
  const kudosId = newId();
  const giver = people.get(teams[0]!)![0]!;
  const receiver = people.get(teams[1]!)![0]!;
  await db
    .insertInto('kudos')
    .values({
      id: kudosId,
      orgId,
      giverId: giver,
      postId: null,
      valueId: null,
      teamId: null,
      message: 'Thanks',
      messageHtml: '<p>Thanks</p>',
      visibility: 'private',
      pointsEach: 0,
      idempotencyKey: null,
      requestHash: null,
    })
    .execute();
  await db.insertInto('kudosRecipients').values({ kudosId, orgId, userId: receiver, points: 0 }).execute();

  const key = periodKey(now, 'quarter');
  const { end } = periodRange(key);
  const recent = new Date(Math.min(now.getTime(), end.getTime() - DAY) - DAY);
  const after = new Date(end.getTime() + 10 * DAY);
  // NPS this quarter: T1 100, T2 33, T3 −33, T4 −100; T5, T6 and T7 have answers too.
  const thisQuarter = [[10, 10, 9], [9, 8, 7], [8, 7, 5], [3, 2, 1], [10], [10], [9]];
  // After the quarter: T1 −100, T2 −100, T3 0, T4 100.
  const nextQuarter = [[0], [5], [8], [10]];
  for (const [i, scores] of thisQuarter.entries()) {
    for (const score of scores) {
      await insertFeedback(db, orgId, { score, teamId: teams[i]!, receivedAt: recent });
    }
  }
  for (const [i, scores] of nextQuarter.entries()) {
    for (const score of scores) {
      await insertFeedback(db, orgId, { score, teamId: teams[i]!, receivedAt: after });
    }
  }
  return { org, key, d1, d2, teams, people };
}

describe('the employee–customer link', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture();
  });

  const get = async (query: string) => {
    const res = await f.org.admin.get(`/api/customers/link?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<LinkResult>();
  };

  it('puts each released team beside its customers and finds them moving together', async () => {
    const r = await get(`unit=team&period=quarter&key=${f.key}&lag=0&measure=nps`);
    expect(r).toMatchObject({ unit: 'team', period: 'quarter', key: f.key, lag: 0, windowMonths: 6, measure: 'nps' });
    expect(r.points.map((p) => [p.unit.name, p.customer])).toEqual([
      ['T1', { value: 100, n: 3 }],
      ['T2', { value: 33, n: 3 }],
      ['T3', { value: -33, n: 3 }],
      ['T4', { value: -100, n: 3 }],
    ]);
    const t1 = r.points[0]!;
    // Drivers 4.6 → 90, eNPS 80 → 90; everyone answered; one kudos given in T1 ranks it with T2 above
    // the four teams without any ((4 + 1)/6); nobody posted (all tied at 50).
    expect(t1.parts).toEqual({ survey: 90, participation: 100, recognition: 83.3, social: 50 });
    expect(t1.drivers).toMatchObject({ recognition: 4.6, growth: 4.6, management: null });
    expect(t1.engagement).toBeCloseTo(0.5 * 90 + 0.2 * 100 + 0.15 * 83.3 + 0.15 * 50, 1);
    expect(r.points[2]!.parts.recognition).toBe(33.3);
    expect(r.stats.n).toBe(4);
    expect(r.stats.pearson!.r).toBeGreaterThan(0.9);
    expect(r.stats.spearman!.rho).toBe(1);
    expect(r.stats.pearson!.low).toBeLessThan(r.stats.pearson!.r);
    expect(r.stats.fit!.slope).toBeGreaterThan(0);
    expect(r.drivers.map((d) => d.driver).sort()).toEqual(['growth', 'recognition']);
    expect(r.drivers[0]).toMatchObject({ rho: 1, n: 4 });
    // T5 (three people) and T6 (nothing released) are left out and counted; T7 has customers but nobody.
    expect(r.excluded).toEqual({ belowThreshold: 2, noEngagement: 1, noCustomers: 0 });
    // r is close to 1, so even four teams give an interval narrower than the 'wide' mark.
    expect(r.caveats).toEqual(['correlation_not_cause', 'too_few_units', 'units_left_out']);
  });

  it('compares engagement with the customers of the following months when lagged', async () => {
    const r = await get(`unit=team&period=quarter&key=${f.key}&lag=1`);
    expect(r.lag).toBe(1);
    expect(r.points.map((p) => [p.unit.name, p.customer])).toEqual([
      ['T1', { value: -100, n: 1 }],
      ['T2', { value: -100, n: 1 }],
      ['T3', { value: 0, n: 1 }],
      ['T4', { value: 100, n: 1 }],
    ]);
    expect(r.stats.pearson!.r).toBeLessThan(0);
    expect(r.stats.spearman!.rho).toBeLessThan(0);
    expect(r.caveats).toContain('wide_interval');
    // A one-month window after the quarter still holds the answers given ten days after it.
    const short = await get(`unit=team&period=quarter&key=${f.key}&lag=1&window=1`);
    expect(short).toMatchObject({ windowMonths: 1 });
    expect(short.points.map((p) => p.customer.n)).toEqual([1, 1, 1, 1]);
    const previous = periodKey(new Date(periodRange(f.key).start.getTime() - DAY), 'quarter');
    const empty = await get(`unit=team&period=quarter&key=${previous}`);
    expect(empty.points).toEqual([]);
    expect(empty.stats).toEqual({ n: 0, pearson: null, spearman: null, fit: null });
    expect(empty.caveats).toContain('no_data');
    expect(empty.excluded.belowThreshold).toBe(6);
  });

  it('compares departments through their own released cells', async () => {
    const r = await get(`unit=department&period=quarter&key=${f.key}`);
    expect(r.points.map((p) => [p.unit.name, p.customer.n])).toEqual([
      ['D1', 6],
      ['D2', 7],
    ]);
    expect(r.stats.pearson).toBeNull();
    expect(r.excluded.belowThreshold).toBe(0);
  });

  it('follows the company over time', async () => {
    const res = await f.org.admin.get('/api/customers/link/over-time?period=quarter&measure=nps');
    expect(res.statusCode).toBe(200);
    const { series } = res.json<{ series: { key: string; engagement: number | null; customer: { value: number; n: number } | null }[] }>();
    expect(series).toHaveLength(8);
    const last = series.at(-1)!;
    expect(last.key).toBe(f.key);
    expect(last.engagement).toBeGreaterThan(0);
    expect(last.customer!.n).toBe(15);
    expect(series[0]!.engagement).toBeNull();
  });

  it('exports the points as CSV, one row per unit', async () => {
    const res = await f.org.admin.get(`/api/customers/link.csv?unit=team&key=${f.key}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="link.csv"');
    const rows = parse<Record<string, string>>(res.body, { columns: true, bom: true });
    expect(rows.map((r) => [r.unit_name, r.customer_value, r.customer_n])).toEqual([
      ['T1', '100', '3'],
      ['T2', '33', '3'],
      ['T3', '-33', '3'],
      ['T4', '-100', '3'],
    ]);
    expect(rows[0]).toMatchObject({ survey: '90', participation: '100', driver_recognition: '4.6' });
  });

  it('is for HR, customer experience and managers, not employees', async () => {
    const employee = await f.org.person();
    for (const url of [`/api/customers/link?key=${f.key}`, '/api/customers/link/over-time', `/api/customers/link.csv?key=${f.key}`]) {
      expect((await employee.client.get(url)).statusCode).toBe(403);
    }
    const hr = await f.org.person({ roles: ['hr'] });
    expect((await hr.client.get(`/api/customers/link?key=${f.key}`)).statusCode).toBe(200);
    expect((await hr.client.get('/api/customers/link/over-time')).statusCode).toBe(200);
    const bad = await f.org.admin.get('/api/customers/link?period=month&key=2026-Q4');
    expect(bad.json()).toMatchObject({ error: { code: 'INVALID_PERIOD' } });
    expect((await f.org.admin.get('/api/customers/link?window=25')).statusCode).toBe(400);
  });

  it('describes its routes in the OpenAPI document', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/customers/link',
        '/api/customers/link/over-time',
        '/api/customers/link.csv',
        '/api/customers/loyalty',
        '/api/customers/loyalty/units',
        '/api/customers/loyalty.csv',
      ]),
    );
  });

  it('never reads a cell that is not in the release ledger', async () => {
    const db = t.app.ctx.db;
    await db.deleteFrom('surveyReleases').where('cellKey', '=', `d=;t=${f.teams[3]!};l=;o=`).execute();
    const r = await get(`unit=team&period=quarter&key=${f.key}`);
    expect(r.points.map((p) => p.unit.name)).toEqual(['T1', 'T2', 'T3']);
    expect(r.excluded.belowThreshold).toBe(3);
    expect(r.stats.pearson).toBeNull();
  });
});
