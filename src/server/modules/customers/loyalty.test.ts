import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { createOrg, testApp, type TestApp, type TestOrg } from '../../test/helpers.js';
import { newId } from '../../platform/ids.js';
import { insertAccount, insertFeedback } from './customers.test-helpers.js';
import type { LoyaltyPoint } from './loyalty.schemas.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

interface Fixture {
  org: TestOrg;
  sales: string;
  italy: string;
  a: string;
  b: string;
  c: string;
}

/**
 * A small company: Sales has team A and the sub-department Sales Italy with team B; team C is
 * elsewhere. Accounts (served by):
 *   acc1 since 2025-01-01, A and B · acc2 2025-06-01 → lost 2026-02-15, A · acc3 2025-01-01 → lost
 *   2026-05-01, B · acc4 since 2026-02-01, C · acc5 2025-01-01 → lost 2025-12-31, C.
 * Answers: Q1 NPS A 10, 9, 6 · B 7, 3 · C 10 · no team 0 (the last of them at 23:30 on 31 March);
 *   Q2 NPS A 10 (at midnight on 1 April) · CSAT A 5, 4, 2 · C 1.
 * Interactions: acc1 on 10 Jan and 10 Feb, acc3 on 1 Mar, acc4 on 5 Mar, acc1 on 10 Apr.
 */
async function fixture(): Promise<Fixture> {
  const org = await createOrg(t);
  const db = t.app.ctx.db;
  const orgId = org.orgId;
  const sales = newId();
  const italy = newId();
  const other = newId();
  await db
    .insertInto('departments')
    .values([
      { id: sales, orgId, name: 'Sales', parentId: null },
      { id: other, orgId, name: 'Operations', parentId: null },
    ])
    .execute();
  await db.insertInto('departments').values({ id: italy, orgId, name: 'Sales Italy', parentId: sales }).execute();
  const [a, b, c] = [newId(), newId(), newId()];
  await db
    .insertInto('teams')
    .values([
      { id: a, orgId, name: 'Team A', departmentId: sales },
      { id: b, orgId, name: 'Team B', departmentId: italy },
      { id: c, orgId, name: 'Team C', departmentId: other },
    ])
    .execute();
  const acc1 = await insertAccount(db, orgId, { customerSince: '2025-01-01', teamIds: [a, b] });
  await insertAccount(db, orgId, { customerSince: '2025-06-01', lostOn: '2026-02-15', teamIds: [a] });
  const acc3 = await insertAccount(db, orgId, { customerSince: '2025-01-01', lostOn: '2026-05-01', teamIds: [b] });
  const acc4 = await insertAccount(db, orgId, { customerSince: '2026-02-01', teamIds: [c] });
  await insertAccount(db, orgId, { customerSince: '2025-01-01', lostOn: '2025-12-31', teamIds: [c] });
  const answers: [string, 'nps' | 'csat', number, string | null][] = [
    ['2026-01-05T10:00:00Z', 'nps', 10, a],
    ['2026-02-05T10:00:00Z', 'nps', 9, a],
    ['2026-03-05T10:00:00Z', 'nps', 6, a],
    ['2026-01-20T10:00:00Z', 'nps', 7, b],
    ['2026-02-20T10:00:00Z', 'nps', 3, b],
    ['2026-03-10T10:00:00Z', 'nps', 10, c],
    ['2026-03-31T23:30:00Z', 'nps', 0, null],
    ['2026-04-01T00:00:00Z', 'nps', 10, a],
    ['2026-05-01T10:00:00Z', 'csat', 5, a],
    ['2026-05-02T10:00:00Z', 'csat', 4, a],
    ['2026-05-03T10:00:00Z', 'csat', 2, a],
    ['2026-06-30T10:00:00Z', 'csat', 1, c],
    // Outside the range asked for.
    ['2025-12-31T23:59:00Z', 'nps', 0, a],
    ['2026-07-01T00:00:00Z', 'nps', 0, a],
  ];
  for (const [at, kind, score, teamId] of answers) {
    await insertFeedback(db, orgId, { kind, score, teamId, receivedAt: new Date(at) });
  }
  const interactions: [string, string][] = [
    [acc1, '2026-01-10T09:00:00Z'],
    [acc1, '2026-02-10T09:00:00Z'],
    [acc3, '2026-03-01T09:00:00Z'],
    [acc4, '2026-03-05T09:00:00Z'],
    [acc1, '2026-04-10T09:00:00Z'],
  ];
  await db
    .insertInto('customerInteractions')
    .values(
      interactions.map(([accountId, at]) => ({
        id: newId(),
        orgId,
        accountId,
        kind: 'call' as const,
        summary: 'Check-in call',
        occurredAt: new Date(at),
        contactId: null,
        teamId: null,
        userId: null,
        externalId: null,
        createdBy: null,
      })),
    )
    .execute();
  return { org, sales, italy, a, b, c };
}

const RANGE = 'period=quarter&from=2026-01-15&to=2026-06-30';

async function series(f: Fixture, scope = ''): Promise<LoyaltyPoint[]> {
  const res = await f.org.admin.get(`/api/customers/loyalty?${RANGE}${scope}`);
  expect(res.statusCode).toBe(200);
  return res.json<{ series: LoyaltyPoint[] }>().series;
}

describe('loyalty measures', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture();
  });

  it('measures the whole company per quarter', async () => {
    const res = await f.org.admin.get(`/api/customers/loyalty?${RANGE}`);
    expect(res.json()).toMatchObject({ period: 'quarter', scope: { kind: 'company', ref: null } });
    const [q1, q2] = await series(f);
    expect(q1).toEqual({
      key: '2026-Q1',
      start: '2026-01-01',
      // 10, 9, 10 promote; 7 is passive; 6, 3 and 0 detract.
      nps: { score: 0, n: 7, promoters: 3, passives: 1, detractors: 3 },
      csat: null,
      // acc1, acc2 and acc3 were customers on 1 January (acc4 came later, acc5 had left); acc2 left.
      accounts: { atStart: 3, lost: 1, retention: 66.7, churn: 33.3 },
      interactions: { count: 4, accounts: 3, repeatAccounts: 1 },
    });
    expect(q2).toEqual({
      key: '2026-Q2',
      start: '2026-04-01',
      nps: { score: 100, n: 1, promoters: 1, passives: 0, detractors: 0 },
      csat: { mean: 3, satisfied: 50, n: 4 },
      accounts: { atStart: 3, lost: 1, retention: 66.7, churn: 33.3 },
      interactions: { count: 1, accounts: 1, repeatAccounts: 0 },
    });
  });

  it('measures a department with its sub-departments, counting an account served by two of its teams once', async () => {
    const res = await f.org.admin.get(`/api/customers/loyalty?${RANGE}&departmentId=${f.sales}`);
    expect(res.json()).toMatchObject({ scope: { kind: 'department', ref: { id: f.sales, name: 'Sales' } } });
    const [q1, q2] = await series(f, `&departmentId=${f.sales}`);
    expect(q1).toMatchObject({
      nps: { score: 0, n: 5, promoters: 2, passives: 1, detractors: 2 },
      accounts: { atStart: 3, lost: 1, retention: 66.7, churn: 33.3 },
      interactions: { count: 3, accounts: 2, repeatAccounts: 1 },
    });
    expect(q2).toMatchObject({
      nps: { score: 100, n: 1 },
      csat: { mean: 3.67, satisfied: 67, n: 3 },
      accounts: { atStart: 2, lost: 1, retention: 50, churn: 50 },
      interactions: { count: 1, accounts: 1, repeatAccounts: 0 },
    });
    const italy = await series(f, `&departmentId=${f.italy}`);
    expect(italy.map((p) => p.accounts)).toEqual([
      { atStart: 2, lost: 0, retention: 100, churn: 0 },
      { atStart: 2, lost: 1, retention: 50, churn: 50 },
    ]);
  });

  it('measures a team', async () => {
    const res = await f.org.admin.get(`/api/customers/loyalty?${RANGE}&teamId=${f.a}`);
    expect(res.json()).toMatchObject({ scope: { kind: 'team', ref: { id: f.a, name: 'Team A' } } });
    const [q1, q2] = await series(f, `&teamId=${f.a}`);
    expect(q1).toMatchObject({
      nps: { score: 33, n: 3, promoters: 2, passives: 0, detractors: 1 },
      csat: null,
      accounts: { atStart: 2, lost: 1, retention: 50, churn: 50 },
      interactions: { count: 2, accounts: 1, repeatAccounts: 1 },
    });
    expect(q2).toMatchObject({ accounts: { atStart: 1, lost: 0, retention: 100, churn: 0 } });
    const [c1] = await series(f, `&teamId=${f.c}`);
    expect(c1).toMatchObject({ nps: { score: 100, n: 1 }, accounts: { atStart: 0, lost: 0, retention: null, churn: null } });
  });

  it('lists each team in a period a page at a time, and each department with those below it', async () => {
    const first = await f.org.admin.get('/api/customers/loyalty/units?unit=team&period=quarter&key=2026-Q1&limit=2');
    expect(first.statusCode).toBe(200);
    const page1 = first.json<{ items: ({ unit: { id: string; name: string } } & LoyaltyPoint)[]; nextCursor: string | null }>();
    expect(page1.items.map((i) => i.unit.name)).toEqual(['Team A', 'Team B']);
    expect(page1.items[1]).toMatchObject({ key: '2026-Q1', nps: { score: -50, n: 2 }, accounts: { atStart: 2, lost: 0 } });
    expect(page1.nextCursor).not.toBeNull();
    const second = await f.org.admin.get(
      `/api/customers/loyalty/units?unit=team&period=quarter&key=2026-Q1&limit=2&cursor=${page1.nextCursor}`,
    );
    const page2 = second.json<{ items: { unit: { name: string } }[]; nextCursor: string | null }>();
    expect(page2.items.map((i) => i.unit.name)).toEqual(['Team C']);
    expect(page2.nextCursor).toBeNull();
    const depts = await f.org.admin.get('/api/customers/loyalty/units?unit=department&period=quarter&key=2026-Q1');
    const items = depts.json<{ items: ({ unit: { name: string } } & LoyaltyPoint)[] }>().items;
    expect(items.map((i) => [i.unit.name, i.accounts.atStart, i.nps?.n ?? 0])).toEqual([
      ['Operations', 0, 1],
      ['Sales', 3, 5],
      ['Sales Italy', 2, 2],
    ]);
    const bad = await f.org.admin.get('/api/customers/loyalty/units?unit=team&period=month&key=2026-Q1');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'INVALID_PERIOD' } });
  });

  it('exports the same numbers as CSV, aggregated only, with the filters applied', async () => {
    const res = await f.org.admin.get(`/api/customers/loyalty.csv?${RANGE}&teamId=${f.a}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toBe('attachment; filename="loyalty.csv"');
    const rows = parse<Record<string, string>>(res.body, { columns: true, bom: true });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ period: '2026-Q1', nps: '33', nps_answers: '3', accounts_at_start: '2', churn_pct: '50' });
    const perTeam = await f.org.admin.get(`/api/customers/loyalty.csv?${RANGE}&departmentId=${f.sales}&unit=team`);
    const teamRows = parse<Record<string, string>>(perTeam.body, { columns: true, bom: true });
    expect(teamRows.map((r) => [r.unit_name, r.period])).toEqual([
      ['Team A', '2026-Q1'],
      ['Team A', '2026-Q2'],
      ['Team B', '2026-Q1'],
      ['Team B', '2026-Q2'],
    ]);
    expect(Object.keys(teamRows[0]!)).not.toContain('comment');
  });

  it('refuses employees and answers HR and customer experience', async () => {
    const employee = await f.org.person();
    expect((await employee.client.get(`/api/customers/loyalty?${RANGE}`)).statusCode).toBe(403);
    expect((await employee.client.get('/api/customers/loyalty/units')).statusCode).toBe(403);
    expect((await employee.client.get(`/api/customers/loyalty.csv?${RANGE}`)).statusCode).toBe(403);
    const hr = await f.org.person({ roles: ['hr'] });
    expect((await hr.client.get(`/api/customers/loyalty?${RANGE}`)).statusCode).toBe(200);
    const cx = await f.org.person({ roles: ['cx'] });
    expect((await cx.client.get(`/api/customers/loyalty?${RANGE}`)).statusCode).toBe(200);
    expect((await f.org.anonymous().get(`/api/customers/loyalty?${RANGE}`)).statusCode).toBe(401);
  });

  it('rejects a scope it cannot use and a range that runs backwards', async () => {
    const both = await f.org.admin.get(`/api/customers/loyalty?departmentId=${f.sales}&teamId=${f.a}`);
    expect(both.statusCode).toBe(400);
    expect(both.json()).toMatchObject({ error: { code: 'INVALID_SCOPE' } });
    expect((await f.org.admin.get(`/api/customers/loyalty?teamId=${newId()}`)).statusCode).toBe(404);
    const other = await createOrg(t);
    expect((await other.admin.get(`/api/customers/loyalty?teamId=${f.a}`)).statusCode).toBe(404);
    const backwards = await f.org.admin.get('/api/customers/loyalty?from=2026-06-01&to=2026-01-01');
    expect(backwards.json()).toMatchObject({ error: { code: 'INVALID_RANGE' } });
    const long = await f.org.admin.get('/api/customers/loyalty?period=month&from=2000-01-01&to=2026-01-01');
    expect(long.json()).toMatchObject({ error: { code: 'RANGE_TOO_LONG' } });
    expect((await f.org.admin.get('/api/customers/loyalty?period=month&from=2021-02-01&to=2026-01-31')).statusCode).toBe(200);
  });

  it('covers the last 8 quarters or 12 months by default', async () => {
    const quarters = await f.org.admin.get('/api/customers/loyalty');
    const q = quarters.json<{ series: LoyaltyPoint[] }>().series;
    expect(q).toHaveLength(8);
    expect(q.at(-1)!.key).toMatch(/^\d{4}-Q[1-4]$/);
    const months = await f.org.admin.get('/api/customers/loyalty?period=month');
    expect(months.json<{ series: LoyaltyPoint[] }>().series).toHaveLength(12);
  });
});
