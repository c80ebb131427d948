import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BANK_BY_KEY, DRIVERS } from '../../../shared/listening.js';
import { Client, testApp, type TestApp } from '../../test/helpers.js';
import { DEMO_PASSWORD, loadDemo, type DemoResult } from './demo.service.js';
import { generateCompany } from './generate.js';
import { LISTENING_PILOT, pilotManagers } from './listening.js';

let t: TestApp;
let demo: DemoResult;
beforeAll(async () => {
  t = await testApp();
  demo = await loadDemo(t.app.ctx, { size: 120 });
});
afterAll(() => t.close());

const db = () => t.app.ctx.db;
const signIn = (role: DemoResult['signIns'][number]['role']) =>
  new Client(t.app, 'demo.localhost').signIn(demo.signIns.find((s) => s.role === role)!.email, DEMO_PASSWORD);

async function surveysByKind() {
  const rows = await db()
    .selectFrom('surveys')
    .select(['id', 'kind', 'anonymity', 'status', 'threshold', 'recurrence'])
    .where('orgId', '=', demo.orgId!)
    .execute();
  return new Map(rows.map((r) => [r.kind, r]));
}

describe('demo listening', () => {
  it('has an anonymous engagement survey with two closed rounds, a weekly pulse with one open round and a closed check-in', async () => {
    const surveys = await surveysByKind();
    expect([...surveys.values()].every((s) => s.anonymity === 'anonymous')).toBe(true);
    const rounds = await db()
      .selectFrom('surveyRounds')
      .select(['surveyId', 'status', 'opensAt', 'closesAt', 'number'])
      .where('orgId', '=', demo.orgId!)
      .orderBy('number')
      .execute();
    const of = (kind: 'survey' | 'pulse' | 'checkin') => rounds.filter((r) => r.surveyId === surveys.get(kind)!.id);
    expect(surveys.get('survey')!.status).toBe('ended');
    expect(of('survey').map((r) => r.status)).toEqual(['closed', 'closed']);
    expect(surveys.get('pulse')).toMatchObject({ status: 'running', recurrence: 'weekly' });
    const pulse = of('pulse');
    expect(pulse.filter((r) => r.status === 'closed').length).toBeGreaterThanOrEqual(3);
    expect(pulse.filter((r) => r.status === 'open')).toHaveLength(1);
    expect(pulse.at(-1)!.status).toBe('open');
    expect(pulse.at(-1)!.closesAt.getTime()).toBeGreaterThan(Date.now());
    expect(of('checkin').map((r) => r.status)).toEqual(['closed']);
    for (const r of rounds.filter((x) => x.status === 'closed')) {
      expect(r.closesAt.getTime()).toBeLessThan(Date.now());
    }

    // The engagement survey covers every driver, eNPS and one open question.
    const questions = await db()
      .selectFrom('surveyQuestions')
      .select(['kind', 'driver', 'bankKey'])
      .where('surveyId', '=', surveys.get('survey')!.id)
      .execute();
    const drivers = new Set(questions.map((q) => q.driver));
    expect(DRIVERS.filter((d) => d !== 'checkin' && !drivers.has(d))).toEqual([]);
    expect(questions.filter((q) => q.kind === 'scale10' && q.driver === 'enps')).toHaveLength(1);
    expect(questions.filter((q) => q.kind === 'text')).toHaveLength(1);
    expect(questions.filter((q) => q.bankKey !== null).every((q) => BANK_BY_KEY.has(q.bankKey!))).toBe(true);
  });

  it('gives closed rounds enough answers to be shown for the company and for a department, and keeps no owners', async () => {
    const { rows } = await sql<{ roundId: string; threshold: number; invited: number; sheets: number; topDepartment: number }>`
      select r.id as round_id, r.threshold, r.invited,
        (select count(*)::int from survey_sheets s where s.round_id = r.id) as sheets,
        (select coalesce(max(n), 0)::int from (
          select count(*) as n from survey_sheets s where s.round_id = r.id and s.department_id is not null group by s.department_id
        ) d) as top_department
      from survey_rounds r where r.org_id = ${demo.orgId} and r.status = 'closed'`.execute(db());
    expect(rows.length).toBeGreaterThanOrEqual(6);
    for (const r of rows) {
      expect(r.sheets).toBeGreaterThanOrEqual(r.threshold);
      expect(r.topDepartment).toBeGreaterThanOrEqual(r.threshold);
      // Most invited people answered, but not everyone.
      expect(r.sheets).toBeLessThan(r.invited);
      expect(r.sheets / r.invited).toBeGreaterThan(0.4);
    }
    const owners = await sql<{ n: number }>`
      select count(*)::int as n from survey_sheet_owners o join survey_sheets s on s.id = o.sheet_id
      join survey_rounds r on r.id = s.round_id where r.org_id = ${demo.orgId}`.execute(db());
    expect(owners.rows[0]!.n).toBe(0);
    // Who answered is forgotten once a round closes; in the open round the demo sign-ins have not answered yet.
    const answered = await sql<{ status: string; answered: boolean | null; n: number }>`
      select r.status, a.answered, count(*)::int as n from survey_audience a join survey_rounds r on r.id = a.round_id
      where r.org_id = ${demo.orgId} group by 1, 2`.execute(db());
    expect(answered.rows.filter((a) => a.status === 'closed').every((a) => a.answered === null)).toBe(true);
    expect(answered.rows.find((a) => a.status === 'open' && a.answered === true)?.n).toBeGreaterThan(0);
    const emily = await signIn('employee-en');
    const me = (await emily.get('/api/me')).json();
    const open = await sql<{ answered: boolean | null }>`
      select a.answered from survey_audience a join survey_rounds r on r.id = a.round_id
      where r.org_id = ${demo.orgId} and r.status = 'open' and a.user_id = ${me.user.id}`.execute(db());
    expect(open.rows).toEqual([{ answered: false }]);
  });

  it('has noisy answers, lower on workload and wellbeing in Customer Success, and comments in English and Italian', async () => {
    const { rows } = await sql<{ customerSuccess: boolean; driver: string; mean: number; spread: number }>`
      select (d.name = 'Customer Success') as customer_success, q.driver, avg(a.value)::float as mean, stddev_pop(a.value)::float as spread
      from survey_answers a
      join survey_questions q on q.id = a.question_id
      join survey_sheets s on s.id = a.sheet_id
      join surveys v on v.id = q.survey_id and v.kind = 'survey' and v.org_id = ${demo.orgId}
      left join departments d on d.id = s.department_id
      where q.kind = 'scale5'
      group by 1, 2`.execute(db());
    const mean = (cs: boolean, driver: string) => rows.find((r) => r.customerSuccess === cs && r.driver === driver)!.mean;
    expect(mean(true, 'workload')).toBeLessThan(mean(false, 'workload') - 0.6);
    expect(mean(true, 'wellbeing')).toBeLessThan(mean(false, 'wellbeing') - 0.5);
    expect(rows.every((r) => r.spread > 0.4)).toBe(true);
    const comments = await sql<{ text: string }>`
      select a.text from survey_answers a join survey_sheets s on s.id = a.sheet_id join survey_rounds r on r.id = s.round_id
      where r.org_id = ${demo.orgId} and a.text is not null`.execute(db());
    const texts = comments.rows.map((c) => c.text);
    expect(texts.length).toBeGreaterThan(20);
    expect(texts.some((c) => /\b(the|we|I)\b/.test(c))).toBe(true);
    expect(texts.some((c) => /\b(il|la|che|per)\b/.test(c))).toBe(true);
    // eNPS answers spread over the 0–10 scale.
    const enps = await sql<{ low: number; high: number }>`
      select count(*) filter (where a.value <= 6)::int as low, count(*) filter (where a.value >= 9)::int as high
      from survey_answers a join survey_questions q on q.id = a.question_id join surveys v on v.id = q.survey_id
      where v.org_id = ${demo.orgId} and q.kind = 'scale10'`.execute(db());
    expect(enps.rows[0]!.low).toBeGreaterThan(0);
    expect(enps.rows[0]!.high).toBeGreaterThan(0);
  });

  it('shares a few action plans that employees see, and keeps a draft for the manager', async () => {
    const emily = await signIn('employee-en');
    const shared = (await emily.get('/api/listening/actions/shared')).json();
    expect(shared.items.length).toBeGreaterThanOrEqual(2);
    expect(shared.items.some((a: { scope: { kind: string } }) => a.scope.kind === 'company')).toBe(true);
    const manager = await signIn('manager');
    const mine = (await manager.get('/api/listening/actions')).json();
    expect(mine.items.some((a: { sharedAt: string | null }) => a.sharedAt === null)).toBe(true);
    expect(mine.items.some((a: { sharedAt: string | null }) => a.sharedAt !== null)).toBe(true);
    const hr = await signIn('hr');
    const all = (await hr.get('/api/listening/actions')).json();
    expect(all.items.filter((a: { sharedAt: string | null }) => a.sharedAt !== null).length).toBeGreaterThanOrEqual(4);
    expect(all.items.every((a: { html: string }) => a.html.startsWith('<'))).toBe(true);
  });

  it('has two anonymous feedback conversations with replies and no trace of the writers', async () => {
    const threads = await db()
      .selectFrom('feedbackThreads as t')
      .select(['t.id', 't.recipientKind', 't.revealedUserId', 't.writerKeyHash'])
      .select((eb) =>
        eb
          .selectFrom('feedbackMessages as m')
          .whereRef('m.threadId', '=', 't.id')
          .where('m.sender', '=', 'recipient')
          .select(eb.fn.countAll<number>().as('n'))
          .as('replies'),
      )
      .where('t.orgId', '=', demo.orgId!)
      .execute();
    expect(threads).toHaveLength(2);
    expect(new Set(threads.map((x) => x.recipientKind))).toEqual(new Set(['manager', 'hr']));
    for (const thread of threads) {
      expect(Number(thread.replies)).toBeGreaterThan(0);
      expect(thread.revealedUserId).toBeNull();
      expect(thread.writerKeyHash).toMatch(/^[0-9a-f]{64}$/);
    }
    const writers = await db()
      .selectFrom('feedbackMessages')
      .select('authorId')
      .where(
        'threadId',
        'in',
        threads.map((x) => x.id),
      )
      .where('sender', '=', 'writer')
      .execute();
    expect(writers.every((w) => w.authorId === null)).toBe(true);
  });
});

describe('the demo listening audience', () => {
  it('asks everyone in a company of the default size', () => {
    expect(pilotManagers(generateCompany({ size: 300, seed: 1 }))).toBeNull();
  });

  it('asks a pilot group of about the same size in every department of a large company, the demo sign-ins included', () => {
    const company = generateCompany({ size: 5000, seed: 20_160_104 });
    const managers = pilotManagers(company)!;
    const inPilot = (i: number) => {
      let at = company.people[i]!.managerIndex;
      while (at !== null) {
        if (managers.includes(at)) {
          return true;
        }
        at = company.people[at]!.managerIndex;
      }
      return false;
    };
    const asked = company.people.map((_, i) => i).filter(inPilot);
    expect(asked.length).toBeGreaterThanOrEqual(LISTENING_PILOT);
    expect(asked.length).toBeLessThan(LISTENING_PILOT + 60);
    const departments = new Set(asked.map((i) => company.people[i]!.departmentKey));
    expect(departments.has('customer-success')).toBe(true);
    expect(departments.size).toBeGreaterThanOrEqual(8);
    for (const s of company.signIns.filter((x) => x.role.startsWith('employee'))) {
      expect(inPilot(s.index)).toBe(true);
    }
  });
});
