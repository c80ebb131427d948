import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, type TestApp } from '../../test/helpers.js';
import { DEMO_PASSWORD, loadDemo, type DemoResult } from './demo.service.js';
import { generateCompany } from './generate.js';
import { generateRecognition } from './recognition.js';

let t: TestApp;
let demo: DemoResult;
beforeAll(async () => {
  t = await testApp();
  demo = await loadDemo(t.app.ctx, { size: 80 });
});
afterAll(() => t.close());

const signIn = (role: DemoResult['signIns'][number]['role']) =>
  new Client(t.app, 'demo.localhost').signIn(demo.signIns.find((s) => s.role === role)!.email, DEMO_PASSWORD);

describe('demo recognition', () => {
  it('is the same history for the same seed and moment', () => {
    const company = generateCompany({ size: 120, seed: 7 });
    const now = new Date('2026-11-26T12:00:00Z');
    expect(generateRecognition(company, 7, now)).toEqual(generateRecognition(company, 7, now));
    expect(generateRecognition(company, 7, now).kudos.length).toBeGreaterThan(100);
  });

  it('never lets a giver exceed a monthly allowance or thank themselves', () => {
    const company = generateCompany({ size: 300, seed: 3 });
    const now = new Date('2026-11-02T08:00:00Z');
    const rec = generateRecognition(company, 3, now);
    const perMonth = new Map<string, number>();
    for (const k of rec.kudos) {
      expect(k.recipientIndexes).not.toContain(k.giverIndex);
      expect(new Set(k.recipientIndexes).size).toBe(k.recipientIndexes.length);
      const month = new Date(now.getTime() - k.minutesAgo * 60_000).toISOString().slice(0, 7);
      const key = `${k.giverIndex}|${month}`;
      perMonth.set(key, (perMonth.get(key) ?? 0) + k.pointsEach * k.recipientIndexes.length);
    }
    expect(Math.max(...perMonth.values())).toBeLessThanOrEqual(100);
    // One giver gives one recipient at most 50 points within any 30 days.
    const pairs = new Map<string, { minutesAgo: number; points: number }[]>();
    for (const k of rec.kudos) {
      for (const r of k.recipientIndexes) {
        pairs.set(`${k.giverIndex}|${r}`, [
          ...(pairs.get(`${k.giverIndex}|${r}`) ?? []),
          { minutesAgo: k.minutesAgo, points: k.pointsEach },
        ]);
      }
    }
    for (const gifts of pairs.values()) {
      for (const g of gifts) {
        const window = gifts.filter((x) => x.minutesAgo <= g.minutesAgo && x.minutesAgo > g.minutesAgo - 30 * 24 * 60);
        expect(window.reduce((sum, x) => sum + x.points, 0)).toBeLessThanOrEqual(50);
      }
    }
    expect(rec.kudos.some((k) => k.teamKey !== null)).toBe(true);
    expect(rec.kudos.some((k) => k.visibility === 'private')).toBe(true);
    const across = rec.kudos.filter((k) =>
      k.recipientIndexes.some((r) => company.people[r]!.departmentKey !== company.people[k.giverIndex]!.departmentKey),
    );
    expect(across.length).toBeGreaterThan(rec.kudos.length / 5);
  });

  it('keeps the ledger consistent with the kudos', async () => {
    const db = t.app.ctx.db;
    const orgId = demo.orgId!;
    const { rows } = await sql<{ kudosPoints: number; received: number; given: number; receivedEntries: number; recipients: number }>`
      select
        (select coalesce(sum(points), 0)::int from kudos_recipients where org_id = ${orgId}) as kudos_points,
        (select coalesce(sum(delta), 0)::int from points_ledger where org_id = ${orgId} and reason = 'kudos_received') as received,
        (select coalesce(-sum(delta), 0)::int from points_ledger where org_id = ${orgId} and reason = 'kudos_given') as given,
        (select count(*)::int from points_ledger where org_id = ${orgId} and reason = 'kudos_received') as received_entries,
        (select count(*)::int from kudos_recipients where org_id = ${orgId} and points > 0) as recipients`.execute(db);
    const totals = rows[0]!;
    expect(totals.kudosPoints).toBeGreaterThan(0);
    expect(totals.received).toBe(totals.kudosPoints);
    expect(totals.given).toBe(totals.kudosPoints);
    expect(totals.receivedEntries).toBe(totals.recipients);

    // Each allowance entry is in the month of its kudos, and no month's allowance is overdrawn.
    const months = await sql<{ month: string; kudosMonth: string; spent: number }>`
      select l.period as month, to_char(k.created_at at time zone 'UTC', 'YYYY-MM') as kudos_month,
        -sum(l.delta) over (partition by l.user_id, l.period)::int as spent
      from points_ledger l join kudos k on k.id = l.kudos_id
      where l.org_id = ${orgId} and l.account = 'allowance'`.execute(db);
    expect(months.rows.length).toBeGreaterThan(0);
    for (const m of months.rows) {
      expect(m.month).toBe(m.kudosMonth);
      expect(m.spent).toBeLessThanOrEqual(100);
    }
    // Public kudos are posts of kind kudos in All company; private ones have none.
    const posts = await sql<{ visibility: string; withPost: number; allCompany: number; n: number }>`
      select k.visibility, count(p.id)::int as with_post, count(*) filter (where c.is_all_company)::int as all_company, count(*)::int as n
      from kudos k left join posts p on p.id = k.post_id and p.kind = 'kudos' left join communities c on c.id = p.community_id
      where k.org_id = ${orgId} group by k.visibility order by k.visibility`.execute(db);
    const [priv, pub] = posts.rows;
    expect(priv).toMatchObject({ visibility: 'private', withPost: 0 });
    expect(pub!.withPost).toBe(pub!.n);
    expect(pub!.allCompany).toBe(pub!.n);
  });

  it('shows values, rewards, badges, leaderboards and insights to the demo sign-ins', async () => {
    const db = t.app.ctx.db;
    const orgId = demo.orgId!;
    const count = async (table: 'companyValues' | 'rewards' | 'userBadges') =>
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('orgId', '=', orgId)
          .executeTakeFirstOrThrow()
      ).n;
    expect(await count('companyValues')).toBe(5);
    expect(await count('rewards')).toBeGreaterThanOrEqual(5);
    expect(await count('userBadges')).toBeGreaterThanOrEqual(9);

    const emily = await signIn('employee-en');
    const quarter = (await emily.get('/api/leaderboards?board=received&period=quarter')).json();
    expect(quarter.enabled).toBe(true);
    expect(quarter.entries.length).toBe(10);
    expect(quarter.me).not.toBeNull();
    const given = (await emily.get('/api/leaderboards?board=given&period=quarter&limit=50')).json();
    expect(given.entries.length).toBeGreaterThan(10);

    const hr = await signIn('hr');
    const all = (await hr.get('/api/insights/recognition')).json();
    expect(all.scope).toBe('all');
    expect(all.totals.kudos).toBeGreaterThan(50);
    expect(all.volume.filter((w: { kudos: number }) => w.kudos > 0).length).toBeGreaterThanOrEqual(10);
    expect(all.flow.links.some((l: { source: string; target: string }) => l.source !== l.target)).toBe(true);
    expect(all.values.filter((v: { value: unknown; count: number }) => v.value !== null && v.count > 0)).toHaveLength(5);
    const unrecognised = (await hr.get('/api/insights/recognition/unrecognised?limit=100')).json();
    expect(unrecognised.items.length).toBeGreaterThan(0);
    expect(unrecognised.items.some((i: { lastRecognisedAt: string | null }) => i.lastRecognisedAt !== null)).toBe(true);

    const manager = await signIn('manager');
    const mine = (await manager.get('/api/insights/recognition')).json();
    expect(mine.scope).toBe('reports');
    expect(mine.totals.kudos).toBeGreaterThan(0);
    expect(mine.totals.kudos).toBeLessThan(all.totals.kudos);
  });
});
