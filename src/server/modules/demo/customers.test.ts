import { sql } from 'kysely';
import { sampleRankCorrelation } from 'simple-statistics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, type TestApp } from '../../test/helpers.js';
import { npsOf } from '../../../shared/customers.js';
import { DEMO_PASSWORD, loadDemo, type DemoResult } from './demo.service.js';

let t: TestApp;
let demo: DemoResult;
let orgId: string;
beforeAll(async () => {
  t = await testApp();
  demo = await loadDemo(t.app.ctx, { size: 300 });
  orgId = demo.orgId!;
}, 120_000);
afterAll(() => t.close());

const DAY = 86_400_000;

describe('demo customers', () => {
  it('gives the demo company accounts with segments, regions, sizes and a language that matches the region', async () => {
    const accounts = await t.app.ctx.db.selectFrom('customerAccounts').selectAll().where('orgId', '=', orgId).execute();
    expect(accounts.length).toBeGreaterThanOrEqual(12);
    expect(accounts.length).toBeLessThanOrEqual(400);
    expect(new Set(accounts.map((a) => a.name.toLowerCase())).size).toBe(accounts.length);
    for (const a of accounts) {
      expect(a.segment).toBeTruthy();
      expect(a.size).toBeTruthy();
      expect(a.locale).toBe(a.region?.endsWith('Italia') ? 'it' : 'en');
    }
    expect(new Set(accounts.map((a) => a.locale))).toEqual(new Set(['en', 'it']));
    const lost = accounts.filter((a) => a.lostOn !== null);
    expect(lost.length).toBeGreaterThan(0);
    expect(lost.length).toBeLessThan(accounts.length / 3);
    for (const a of lost) {
      expect(a.lostOn! >= a.customerSince).toBe(true);
    }
  });

  it('gives every account one to three contacts at reserved example domains, and one or two serving teams with their people', async () => {
    const db = t.app.ctx.db;
    const [accounts, contacts, teams, people] = await Promise.all([
      db.selectFrom('customerAccounts').select('id').where('orgId', '=', orgId).execute(),
      db.selectFrom('customerContacts').select(['accountId', 'email']).where('orgId', '=', orgId).execute(),
      db.selectFrom('customerAccountTeams').select(['accountId', 'teamId']).where('orgId', '=', orgId).execute(),
      db
        .selectFrom('customerAccountPeople as p')
        .innerJoin('users as u', 'u.id', 'p.userId')
        .select(['p.accountId', 'u.teamId'])
        .where('p.orgId', '=', orgId)
        .execute(),
    ]);
    const per =
      <T extends { accountId: string }>(rows: T[]) =>
      (id: string) =>
        rows.filter((r) => r.accountId === id);
    for (const { id } of accounts) {
      expect(per(contacts)(id).length).toBeGreaterThanOrEqual(1);
      expect(per(contacts)(id).length).toBeLessThanOrEqual(3);
      const served = per(teams)(id).map((r) => r.teamId);
      expect(served.length).toBeGreaterThanOrEqual(1);
      expect(served.length).toBeLessThanOrEqual(2);
      const servers = per(people)(id);
      expect(servers.length).toBeGreaterThanOrEqual(1);
      expect(servers.length).toBeLessThanOrEqual(3);
      // The people who serve an account belong to the teams that serve it.
      expect(servers.every((p) => p.teamId !== null && served.includes(p.teamId))).toBe(true);
    }
    expect(contacts.every((c) => /^[a-z0-9.-]+@[a-z0-9-]+\.example$/.test(c.email))).toBe(true);
  });

  it('logs about eighteen months of meetings, calls, tickets and notes in both languages', async () => {
    const rows = await t.app.ctx.db
      .selectFrom('customerInteractions')
      .select(['kind', 'summary', 'occurredAt'])
      .where('orgId', '=', orgId)
      .execute();
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(['meeting', 'call', 'ticket', 'note']));
    const times = rows.map((r) => new Date(r.occurredAt).getTime());
    expect(Math.min(...times)).toBeGreaterThan(Date.now() - 560 * DAY);
    expect(Math.min(...times)).toBeLessThan(Date.now() - 365 * DAY);
    expect(Math.max(...times)).toBeLessThanOrEqual(Date.now());
    expect(rows.some((r) => /\b(con|per|della|sulle?)\b/.test(r.summary))).toBe(true);
    expect(rows.some((r) => /\b(with|about|the)\b/.test(r.summary))).toBe(true);
  });

  it('collects mostly NPS and some CSAT, with comments in the customer’s language, praise naming employees and nothing passed on yet', async () => {
    const rows = await t.app.ctx.db
      .selectFrom('customerFeedback as f')
      .innerJoin('customerContacts as c', 'c.id', 'f.contactId')
      .innerJoin('customerAccounts as a', 'a.id', 'f.accountId')
      .select([
        'f.kind',
        'f.score',
        'f.comment',
        'f.locale',
        'f.namedUserId',
        'f.shareAllowed',
        'f.passedOnPostId',
        'f.receivedAt',
        'f.channel',
      ])
      .select(['c.locale as contactLocale', 'a.locale as accountLocale', 'f.requestId'])
      .where('f.orgId', '=', orgId)
      .execute();
    const nps = rows.filter((r) => r.kind === 'nps');
    const csat = rows.filter((r) => r.kind === 'csat');
    expect(nps.length).toBeGreaterThan(csat.length);
    expect(csat.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.locale === (r.contactLocale ?? r.accountLocale))).toBe(true);
    expect(rows.some((r) => r.locale === 'it' && r.comment !== null)).toBe(true);
    expect(rows.some((r) => r.locale === 'en' && r.comment !== null)).toBe(true);
    const named = rows.filter((r) => r.namedUserId !== null);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((r) => r.shareAllowed).length).toBeGreaterThan(named.length / 2);
    expect(rows.every((r) => r.passedOnPostId === null)).toBe(true);
    const times = rows.map((r) => new Date(r.receivedAt).getTime());
    expect(Math.max(...times)).toBeLessThanOrEqual(Date.now());
    expect(Math.min(...times)).toBeGreaterThan(Date.now() - 560 * DAY);
    // Link answers come from single-use requests, each answered once.
    const links = rows.filter((r) => r.channel === 'link');
    expect(links.every((r) => r.requestId !== null)).toBe(true);
    expect(new Set(links.map((r) => r.requestId)).size).toBe(links.length);
    const score = npsOf(nps.map((r) => r.score))!;
    expect(score.promoters).toBeGreaterThan(0);
    expect(score.detractors).toBeGreaterThan(0);
  });

  it('opens follow-ups for recent detractors, some still open and some done with a note', async () => {
    const db = t.app.ctx.db;
    const followups = await db
      .selectFrom('customerFollowups as u')
      .innerJoin('customerFeedback as f', 'f.id', 'u.feedbackId')
      .select(['u.id', 'u.status', 'u.closedAt', 'u.ownerId', 'f.kind', 'f.score', 'f.receivedAt'])
      .where('u.orgId', '=', orgId)
      .execute();
    expect(followups.length).toBeGreaterThan(0);
    expect(followups.every((f) => (f.kind === 'nps' ? f.score <= 6 : f.score <= 2))).toBe(true);
    expect(followups.every((f) => new Date(f.receivedAt).getTime() > Date.now() - 121 * DAY)).toBe(true);
    expect(followups.some((f) => f.status !== 'done')).toBe(true);
    const done = followups.filter((f) => f.status === 'done');
    expect(done.length).toBeGreaterThan(0);
    expect(done.every((f) => f.closedAt !== null)).toBe(true);
    const notes = await db
      .selectFrom('customerFollowupNotes')
      .select('followupId')
      .where(
        'followupId',
        'in',
        done.map((f) => f.id),
      )
      .execute();
    expect(new Set(notes.map((n) => n.followupId)).size).toBe(done.length);
  });

  it('gives more promoters to the teams whose people feel better at work', async () => {
    // Each team's climate: the mean agreement answer stored under the team in the demo's surveys.
    const climate = await sql<{ teamId: string; value: number }>`
      select s.team_id, avg(a.value)::float8 as value
      from survey_answers a
      join survey_sheets s on s.id = a.sheet_id
      join survey_rounds r on r.id = s.round_id
      join survey_questions q on q.id = a.question_id
      where r.org_id = ${orgId} and q.kind = 'scale5' and a.value is not null and s.team_id is not null
      group by s.team_id`.execute(t.app.ctx.db);
    const answers = await t.app.ctx.db
      .selectFrom('customerFeedback')
      .select(['teamId', 'score'])
      .where('orgId', '=', orgId)
      .where('kind', '=', 'nps')
      .execute();
    const points: [number, number][] = [];
    for (const c of climate.rows) {
      const nps = npsOf(answers.filter((a) => a.teamId === c.teamId).map((a) => a.score));
      if (nps && nps.n >= 5) {
        points.push([c.value, nps.score]);
      }
    }
    expect(points.length).toBeGreaterThanOrEqual(5);
    const rho = sampleRankCorrelation(
      points.map((p) => p[0]),
      points.map((p) => p[1]),
    );
    expect(rho).toBeGreaterThan(0.2);
  });

  it('is the same for the same seed', async () => {
    const other = await testApp();
    try {
      const again = await loadDemo(other.app.ctx, { size: 300 });
      const profile = async (app: TestApp, org: string) => {
        const accounts = await app.app.ctx.db
          .selectFrom('customerAccounts')
          .select(['name', 'segment', 'region', 'size', 'locale', 'lostOn'])
          .where('orgId', '=', org)
          .orderBy('externalId')
          .execute();
        const scores = await app.app.ctx.db
          .selectFrom('customerFeedback as f')
          .innerJoin('customerAccounts as a', 'a.id', 'f.accountId')
          .select(['a.name', 'f.kind', 'f.score', 'f.comment'])
          .where('f.orgId', '=', org)
          .orderBy('a.name')
          .orderBy('f.receivedAt')
          .execute();
        return { accounts: accounts.map((a) => ({ ...a, lost: a.lostOn !== null, lostOn: undefined })), scores };
      };
      expect(await profile(other, again.orgId!)).toEqual(await profile(t, orgId));
    } finally {
      await other.close();
    }
  });

  it('hands out a customer experience sign-in, and gives HR nothing new', async () => {
    const cx = demo.signIns.find((s) => s.role === 'cx');
    expect(cx).toBeDefined();
    const client = await new Client(t.app, 'demo.localhost').signIn(cx!.email, DEMO_PASSWORD);
    expect((await client.get('/api/me')).json().user.roles).toContain('cx');
    const hr = demo.signIns.find((s) => s.role === 'hr')!;
    const hrUser = await t.app.ctx.db.selectFrom('users').select('roles').where('email', '=', hr.email).executeTakeFirstOrThrow();
    expect(hrUser.roles).not.toContain('cx');
    const withCx = await t.app.ctx.db
      .selectFrom('users')
      .select('email')
      .where('orgId', '=', orgId)
      .where(sql<boolean>`'cx' = any(roles)`)
      .execute();
    expect(withCx.map((u) => u.email)).toEqual([cx!.email]);
  });
});
