import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../../test/helpers.js';
import { answerAs, insertSurvey, openTestRound, type QuestionSpec } from './listening.test-helpers.js';
import { closeRound } from './rounds.js';
import type { AnswerInput } from './sheets.js';
import { UNUSUAL_ACTION, UNUSUAL_FILTERS } from './results.service.js';
import { resultsOrg, smallestReleasedClass, type ResultsOrg } from './results.test-helpers.js';
import type { Anonymity } from '../../../shared/listening.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const QUESTIONS: QuestionSpec[] = [
  { kind: 'scale5', driver: 'recognition', bankKey: 'recognition.valued' },
  { kind: 'scale5', driver: 'recognition', text: 'People say thank you here.' },
  { kind: 'scale10', driver: 'enps', bankKey: 'enps.recommend' },
  { kind: 'single', text: 'Where do you work best?', options: ['Office', 'Home', 'Both'] },
  { kind: 'multi', text: 'What would help?', options: ['Tools', 'Time', 'Training'], required: false },
  { kind: 'text', text: 'Anything else?', required: false },
];

interface Cell {
  key: string;
  label: { dimension: string; id: string; name: string } | null;
  filter: Record<string, string>;
  status: string;
  stale: boolean;
  invited: number | null;
  responses: number | null;
  responseRate: number | null;
  enps: { score: number; answers: number; promoters: number; passives: number; detractors: number } | null;
  drivers: { driver: string; favourable: number; mean: number; answers: number }[];
  questions: {
    questionId: string;
    answers: number;
    uniform: boolean;
    mean: number | null;
    favourable: number | null;
    distribution: number[] | null;
  }[];
  comments: number | null;
}

interface Fixture {
  o: ResultsOrg;
  surveyId: string;
  roundId: string;
  q: string[];
}

async function fixture(opts: { threshold?: number; commentThreshold?: number; anonymity?: Anonymity } = {}): Promise<Fixture> {
  const o = await resultsOrg(t);
  const { surveyId, questionIds } = await insertSurvey(t.app.ctx.db, o.org.orgId, { questions: QUESTIONS, ...opts });
  const { roundId } = await openTestRound(t.app.ctx.db, surveyId);
  return { o, surveyId, roundId, q: questionIds };
}

/** Answers: scale 1–5, scale 1–5, 0–10, one option, options, text. */
function sheet(f: Fixture, a: { s1?: number; s2?: number; nps?: number; one?: number; many?: number[]; text?: string }): AnswerInput[] {
  const out: AnswerInput[] = [
    { questionId: f.q[0]!, value: a.s1 ?? 4 },
    { questionId: f.q[1]!, value: a.s2 ?? 4 },
    { questionId: f.q[2]!, value: a.nps ?? 8 },
    { questionId: f.q[3]!, choices: [a.one ?? 0] },
  ];
  if (a.many) {
    out.push({ questionId: f.q[4]!, choices: a.many });
  }
  if (a.text) {
    out.push({ questionId: f.q[5]!, text: a.text });
  }
  return out;
}

async function answerAll(
  f: Fixture,
  people: readonly string[],
  a: (i: number) => Parameters<typeof sheet>[1] = () => ({}),
  keepOwner = false,
) {
  for (const [i, id] of people.entries()) {
    await answerAs(t.app.ctx.db, f.roundId, id, sheet(f, a(i)), keepOwner);
  }
}

async function results(c: Client, f: Fixture, query = ''): Promise<Cell[]> {
  const res = await c.get(`/api/listening/surveys/${f.surveyId}/results?round=${f.roundId}${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ cells: Cell[] }>().cells;
}

describe('listening results', () => {
  it('computes response rate, eNPS, drivers and distributions on a known team', async () => {
    const f = await fixture();
    const s1 = [5, 5, 4, 3, 2, 4, 5];
    const nps = [10, 9, 8, 7, 6, 0, 10];
    const one = [0, 1, 0, 0, 2, 1, 0];
    const many = [[0, 1], [1], [0, 2], [1], [1, 2], [0], [1]];
    await answerAll(f, f.o.people.builders, (i) => ({
      s1: s1[i],
      s2: 4,
      nps: nps[i],
      one: one[i],
      many: many[i],
      ...(i < 4 ? { text: `Comment ${i}` } : {}),
    }));
    const hr = await f.o.as(f.o.ids.hana);
    const [cell] = await results(hr, f, `&team=${f.o.ids.builders}`);
    expect(cell).toMatchObject({
      label: null,
      filter: { team: f.o.ids.builders },
      status: 'shown',
      stale: false,
      invited: 7,
      responses: 7,
      responseRate: 100,
      enps: { score: 14, answers: 7, promoters: 3, passives: 2, detractors: 2 },
      drivers: [{ driver: 'recognition', favourable: 86, mean: 4, answers: 14 }],
      comments: 4,
    });
    const byId = new Map(cell!.questions.map((x) => [x.questionId, x]));
    expect(byId.get(f.q[0]!)).toEqual({
      questionId: f.q[0],
      answers: 7,
      uniform: false,
      mean: 4,
      favourable: 71,
      distribution: [0, 1, 1, 2, 3],
    });
    // Everyone answered 4: only that there were enough answers.
    expect(byId.get(f.q[1]!)).toEqual({ questionId: f.q[1], answers: 7, uniform: true, mean: null, favourable: null, distribution: null });
    expect(byId.get(f.q[2]!)).toEqual({
      questionId: f.q[2],
      answers: 7,
      uniform: false,
      mean: 7.14,
      favourable: 43,
      distribution: [1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2],
    });
    expect(byId.get(f.q[3]!)).toMatchObject({ answers: 7, uniform: false, mean: null, favourable: null, distribution: [4, 2, 1] });
    expect(byId.get(f.q[4]!)).toMatchObject({ answers: 7, uniform: false, distribution: [3, 5, 2] });
    // Open text is counted in `comments`, not listed as a question.
    expect(byId.has(f.q[5]!)).toBe(false);

    // The same numbers again: the released cell is reused, not released twice.
    expect((await results(hr, f, `&team=${f.o.ids.builders}`))[0]).toEqual(cell);
    const stored = await t.app.ctx.db.selectFrom('surveyReleases').select('cellKey').where('roundId', '=', f.roundId).execute();
    expect(stored).toHaveLength(1);
  });

  it('hides the distribution, mean and eNPS of a cell whose answers are all the same', async () => {
    const f = await fixture();
    await answerAll(f, f.o.people.fixers, () => ({ s1: 2, s2: 2, nps: 10, one: 1, many: [0, 2] }));
    const [cell] = await results(await f.o.as(f.o.ids.hana), f, `&team=${f.o.ids.fixers}`);
    expect(cell).toMatchObject({ status: 'shown', responses: 5, enps: null, drivers: [] });
    for (const x of cell!.questions) {
      expect(x).toMatchObject({ answers: 5, uniform: true, mean: null, favourable: null, distribution: null });
    }
  });

  it('shows nothing for too few answers, and the number invited only from the threshold up', async () => {
    const f = await fixture();
    await answerAll(f, f.o.people.fixers.slice(0, 3));
    const hr = await f.o.as(f.o.ids.hana);
    const [cell] = await results(hr, f, `&team=${f.o.ids.fixers}`);
    expect(cell).toEqual({
      key: expect.any(String),
      label: null,
      filter: { team: f.o.ids.fixers },
      status: 'too_few',
      stale: false,
      invited: 5,
      responses: null,
      responseRate: null,
      enps: null,
      drivers: [],
      questions: [],
      comments: null,
    });
    // A threshold raised to 7: the five invited Fixers are fewer than that.
    await t.app.ctx.db.updateTable('surveys').set({ threshold: 7, commentThreshold: 7 }).where('id', '=', f.surveyId).execute();
    expect((await results(hr, f, `&team=${f.o.ids.fixers}`))[0]).toMatchObject({ status: 'too_few', invited: null });
    // The survey list and the overview say the survey exists; nothing else is shown.
    const overview = await hr.get(`/api/listening/surveys/${f.surveyId}/results/overview`);
    expect(overview.json()).toMatchObject({ survey: { threshold: 7, commentThreshold: 7 } });
  });

  it('fails closed: a corrupt ledger shows every cell as unavailable, with no numbers', async () => {
    const f = await fixture();
    await answerAll(f, f.o.people.builders);
    const hr = await f.o.as(f.o.ids.hana);
    expect((await results(hr, f, `&team=${f.o.ids.builders}`))[0]!.status).toBe('shown');
    await t.app.ctx.db
      .updateTable('surveyReleases')
      .set({ counts: JSON.stringify({ 'not-an-atom': 3 }) })
      .where('roundId', '=', f.roundId)
      .execute();
    const cells = await results(hr, f, '&by=team');
    expect(cells.length).toBeGreaterThan(1);
    for (const c of cells) {
      expect(c).toMatchObject({
        status: 'unavailable',
        invited: null,
        responses: null,
        enps: null,
        drivers: [],
        questions: [],
        comments: null,
      });
    }
    const comments = await hr.get(`/api/listening/surveys/${f.surveyId}/comments?team=${f.o.ids.builders}`);
    expect(comments.json()).toEqual({ status: 'unavailable', items: [], nextCursor: null });
    const trend = await hr.get(`/api/listening/surveys/${f.surveyId}/trend?team=${f.o.ids.builders}`);
    expect(trend.json().points[0].cell.status).toBe('unavailable');
  });

  it('breaks a filter down by team, department, location and manager line, with names', async () => {
    const f = await fixture();
    const o = f.o;
    await answerAll(f, [...o.people.falcons, ...o.people.eagles, ...o.people.builders, ...o.people.fixers]);
    const hr = await o.as(o.ids.hana);
    const byTeam = await results(hr, f, '&by=team');
    expect(byTeam[0]).toMatchObject({ label: null, filter: {}, status: 'shown', responses: 26, invited: 35 });
    expect(byTeam.slice(1).map((c) => [c.label?.name, c.status, c.responses])).toEqual([
      ['Builders', 'shown', 7],
      ['Eagles', 'shown', 8],
      ['Falcons', 'shown', 6],
      ['Fixers', 'shown', 5],
    ]);
    expect(byTeam[1]!.filter).toEqual({ team: o.ids.builders });
    const byDepartment = await results(hr, f, '&by=department');
    expect(byDepartment.slice(1).map((c) => [c.label?.dimension, c.label?.name, c.responses])).toEqual([
      ['department', 'Engineering', 12],
      ['department', 'Sales', 14],
    ]);
    // One person at the top: the breakdown starts with the lines below them.
    const byLine = await results(hr, f, '&by=line');
    expect(byLine.slice(1).map((c) => c.label?.name)).toEqual(['Elena Eng', 'Sara Sales']);
    const salesLines = await results(hr, f, `&line=${o.ids.sara}&by=line`);
    expect(salesLines.slice(1).map((c) => [c.label?.name, c.responses])).toEqual([['Marco Manager', 6]]);
    const byLocation = await results(hr, f, `&department=${o.ids.engineering}&by=location`);
    expect(byLocation.slice(1).map((c) => [c.label?.name, c.responses])).toEqual([
      ['Milano', 5],
      ['Roma', 7],
    ]);
    expect(await smallestReleasedClass(t, f.roundId, 5)).toBeGreaterThanOrEqual(5);
  });

  it('keeps managers to their own line', async () => {
    const f = await fixture();
    const o = f.o;
    await answerAll(f, [...o.people.falcons, ...o.people.builders]);
    const marco = await o.as(o.ids.marco);
    const [mine] = await results(marco, f);
    expect(mine).toMatchObject({ filter: { line: o.ids.marco }, status: 'shown', responses: 6, invited: 6 });
    const base = `/api/listening/surveys/${f.surveyId}`;
    expect((await marco.get(`${base}/results?line=${o.ids.elena}`)).statusCode).toBe(404);
    expect((await marco.get(`${base}/results?line=${o.ids.sara}`)).statusCode).toBe(404);
    // A team outside the line selects nothing of it.
    expect((await results(marco, f, `&team=${o.ids.builders}`))[0]).toMatchObject({
      filter: { team: o.ids.builders, line: o.ids.marco },
      status: 'too_few',
    });
    const sara = await o.as(o.ids.sara);
    expect((await results(sara, f, `&line=${o.ids.marco}`))[0]).toMatchObject({ status: 'shown', responses: 6 });

    const overview = (await marco.get(`${base}/results/overview`)).json();
    expect(overview.scope).toEqual({ kind: 'line', managerId: o.ids.marco, name: 'Marco Manager' });
    expect(overview.filters).toEqual({
      departments: [{ id: o.ids.sales, name: 'Sales', parentId: null }],
      teams: [{ id: o.ids.falcons, name: 'Falcons' }],
      locations: [{ id: o.ids.milano, name: 'Milano' }],
      lines: [{ id: o.ids.marco, name: 'Marco Manager' }],
    });
    const hrOverview = (await (await o.as(o.ids.hana)).get(`${base}/results/overview`)).json();
    expect(hrOverview.scope).toEqual({ kind: 'all' });
    expect(hrOverview.filters.teams.map((x: { name: string }) => x.name)).toEqual(['Builders', 'Eagles', 'Falcons', 'Fixers']);
    expect(hrOverview.filters.lines.map((x: { name: string }) => x.name)).toEqual([
      'Carla Ceo',
      'Elena Eng',
      'Marco Manager',
      'Sara Sales',
    ]);
    expect(hrOverview.questions[0]).toMatchObject({
      kind: 'scale5',
      driver: 'recognition',
      text: 'I receive appropriate recognition when I do good work.',
    });
    expect(hrOverview.rounds).toEqual([
      { id: f.roundId, number: 1, opensAt: expect.any(String), closesAt: expect.any(String), status: 'open' },
    ]);

    // The list: managers see the surveys their line is in; a manager without a line sees none.
    const list = (await marco.get('/api/listening/results/surveys')).json();
    expect(list.items).toEqual([
      {
        id: f.surveyId,
        kind: 'survey',
        title: 'Engagement survey',
        anonymity: 'anonymous',
        status: 'running',
        rounds: 1,
        lastRound: { id: f.roundId, number: 1, closesAt: expect.any(String), status: 'open' },
      },
    ]);
    const lonely = await o.as(await o.add({ name: 'Lonely Manager', roles: ['manager'], manager: o.ids.carla }));
    expect((await lonely.get('/api/listening/results/surveys')).json().items).toEqual([]);
    expect((await lonely.get(`${base}/results/overview`)).statusCode).toBe(404);
    expect((await lonely.get(`${base}/results`)).statusCode).toBe(404);
    const employee = await o.as(o.people.falcons[0]!);
    expect((await employee.get(`${base}/results`)).statusCode).toBe(403);
  });

  it('pages the list of surveys with results', async () => {
    const o = await resultsOrg(t);
    for (let i = 0; i < 3; i++) {
      const { surveyId } = await insertSurvey(t.app.ctx.db, o.org.orgId, { questions: QUESTIONS, title: `Survey ${i}` });
      await openTestRound(t.app.ctx.db, surveyId);
    }
    await insertSurvey(t.app.ctx.db, o.org.orgId, { questions: QUESTIONS, title: 'Never opened' });
    const hr = await o.as(o.ids.hana);
    const first = (await hr.get('/api/listening/results/surveys?limit=2')).json();
    expect(first.items).toHaveLength(2);
    const second = (await hr.get(`/api/listening/results/surveys?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second).toMatchObject({ nextCursor: null });
    expect([...first.items, ...second.items].map((s: { title: string }) => s.title).sort()).toEqual(['Survey 0', 'Survey 1', 'Survey 2']);
    expect((await hr.get('/api/listening/results/surveys?cursor=nope')).statusCode).toBe(400);
  });

  it('shows comments in a stable random order with search, dated by the round only', async () => {
    const f = await fixture();
    const o = f.o;
    const texts = [
      'The coffee is great',
      'More training please',
      '100% agree',
      'Meetings run long',
      'Coffee machine broke',
      'All good',
      'Tools_are_slow',
    ];
    await answerAll(f, o.people.builders, (i) => ({ text: texts[i] }));
    const hr = await o.as(o.ids.hana);
    const base = `/api/listening/surveys/${f.surveyId}/comments?team=${o.ids.builders}`;
    const first = (await hr.get(`${base}&limit=4`)).json();
    expect(first.status).toBe('shown');
    expect(first.items).toHaveLength(4);
    expect(first.items[0]).toEqual({
      text: expect.any(String),
      questionId: f.q[5],
      roundNumber: 1,
      roundDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    const second = (await hr.get(`${base}&limit=4&cursor=${first.nextCursor}`)).json();
    expect(second.nextCursor).toBeNull();
    const all = [...first.items, ...second.items].map((x: { text: string }) => x.text);
    expect([...all].sort()).toEqual([...texts].sort());
    // Stable across requests for the same viewer and day.
    expect((await hr.get(`${base}&limit=4`)).json().items).toEqual(first.items);
    // Search is a plain substring, any case; wildcards are taken literally.
    expect(
      (await hr.get(`${base}&q=coffee`))
        .json()
        .items.map((x: { text: string }) => x.text)
        .sort(),
    ).toEqual(['Coffee machine broke', 'The coffee is great']);
    expect((await hr.get(`${base}&q=${encodeURIComponent('%')}`)).json().items.map((x: { text: string }) => x.text)).toEqual([
      '100% agree',
    ]);
    expect((await hr.get(`${base}&q=_are_`)).json().items.map((x: { text: string }) => x.text)).toEqual(['Tools_are_slow']);
    expect((await hr.get(`${base}&q=${encodeURIComponent('e_t')}`)).json().items).toEqual([]);
    expect((await hr.get(`${base}&cursor=bm9wZQ`)).statusCode).toBe(400);
  });

  it('exports the same cells as CSV, aggregates only, escaped against formulas', async () => {
    const f = await fixture();
    const o = f.o;
    await t.app.ctx.db.updateTable('teams').set({ name: '=HYPERLINK("http://x")' }).where('id', '=', o.ids.eagles).execute();
    await answerAll(f, [...o.people.falcons, ...o.people.eagles, ...o.people.builders, ...o.people.fixers.slice(0, 2)]);
    const hr = await o.as(o.ids.hana);
    const cells = await results(hr, f, '&by=team');
    const res = await hr.get(`/api/listening/surveys/${f.surveyId}/results.csv?round=${f.roundId}&by=team`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('attachment');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(cells.length + 1);
    expect(lines[0]).toContain('Response rate %');
    expect(lines.some((l) => l.startsWith('"\'=HYPERLINK(""http://x"")"'))).toBe(true);
    const fixers = lines.find((l) => l.startsWith('Fixers'))!;
    expect(fixers.split(',').slice(0, 6)).toEqual(['Fixers', 'Team', 'too few answers', '', '5', '']);
    expect(
      lines
        .find((l) => l.startsWith('Builders'))!
        .split(',')
        .slice(2, 7),
    ).toEqual(['shown', 'no', '7', '7', '100']);
  });

  it('lists the answers of an attributed survey by person, for HR only', async () => {
    const f = await fixture({ anonymity: 'attributed' });
    const o = f.o;
    await answerAll(f, o.people.fixers, (i) => ({ s1: i + 1 }), true);
    const hr = await o.as(o.ids.hana);
    const base = `/api/listening/surveys/${f.surveyId}/responses`;
    const first = (await hr.get(`${base}?limit=3`)).json();
    expect(first.items.map((x: { person: { name: string } }) => x.person.name)).toEqual(['Fixer 1', 'Fixer 2', 'Fixer 3']);
    expect(first.items[1].answers).toContainEqual({ questionId: f.q[0], value: 2, choices: null, text: null });
    const second = (await hr.get(`${base}?limit=3&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((x: { person: { name: string } }) => x.person.name)).toEqual(['Fixer 4', 'Fixer 5']);
    expect(second.nextCursor).toBeNull();
    expect((await (await o.as(o.ids.marco)).get(base)).statusCode).toBe(403);

    const anonymous = await fixture();
    const url = `/api/listening/surveys/${anonymous.surveyId}/responses`;
    expect((await (await anonymous.o.as(anonymous.o.ids.hana)).get(url)).statusCode).toBe(404);
    const confidential = await fixture({ anonymity: 'confidential' });
    expect(
      (await (await confidential.o.as(confidential.o.ids.hana)).get(`/api/listening/surveys/${confidential.surveyId}/responses`))
        .statusCode,
    ).toBe(404);
  });

  it('flags more than the usual number of filter combinations once a day in the audit log', async () => {
    const f = await fixture();
    const hr = await f.o.as(f.o.ids.hana);
    for (let i = 0; i <= UNUSUAL_FILTERS + 2; i++) {
      const location = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      await results(hr, f, `&location=${location}`);
    }
    const entries = await t.app.ctx.db
      .selectFrom('auditLog')
      .select(['actorId', 'targetId', 'data'])
      .where('orgId', '=', f.o.org.orgId)
      .where('action', '=', UNUSUAL_ACTION)
      .execute();
    expect(entries).toEqual([{ actorId: f.o.ids.hana, targetId: f.surveyId, data: { filterCombinations: UNUSUAL_FILTERS + 1 } }]);
  });

  it('limits results requests per viewer', async () => {
    const o = await resultsOrg(t);
    const hr = await o.as(o.ids.hana);
    const codes: number[] = [];
    for (let i = 0; i < 121; i++) {
      codes.push((await hr.get('/api/listening/results/surveys')).statusCode);
    }
    expect(codes.slice(0, 120).every((c) => c === 200)).toBe(true);
    const last = await hr.get('/api/listening/results/surveys');
    expect(last.statusCode).toBe(429);
    expect(last.json().error.code).toBe('RATE_LIMITED');
  });

  it('never lets two simultaneous viewers release conflicting cells', async () => {
    const f = await fixture();
    const o = f.o;
    await answerAll(f, o.people.falcons);
    const marco = await o.as(o.ids.marco);
    const sara = await o.as(o.ids.sara);
    const [a, b] = await Promise.all([results(marco, f, `&location=${o.ids.milano}`), results(sara, f, `&line=${o.ids.marco}`)]);
    const shown = [a[0]!, b[0]!].filter((c) => c.status === 'shown');
    expect(shown).toHaveLength(1);
    expect(await smallestReleasedClass(t, f.roundId, 5)).toBeGreaterThanOrEqual(5);
  });

  it('releases the common views first when a round closes', async () => {
    const f = await fixture();
    const o = f.o;
    await answerAll(f, [...o.people.falcons, ...o.people.builders, ...o.people.eagles]);
    await t.app.ctx.db.transaction().execute((trx) => closeRound(trx, f.roundId));
    // The close queued the release; the worker runs it once the close has committed.
    const before = await t.app.ctx.db.selectFrom('surveyReleases').select('id').where('roundId', '=', f.roundId).execute();
    expect(before).toEqual([]);
    expect(await t.app.ctx.worker.runDue()).toBeGreaterThanOrEqual(1);
    const keys = await t.app.ctx.db.selectFrom('surveyReleases').select('cellKey').where('roundId', '=', f.roundId).execute();
    expect(keys.map((k) => k.cellKey)).toContain('d=;t=;l=;o=');
    expect(keys.map((k) => k.cellKey)).toContain(`d=;t=;l=${o.ids.marco};o=`);
    // The manager's whole line is already out: the Milano part of it would leave one person behind.
    const marco = await o.as(o.ids.marco);
    expect((await results(marco, f))[0]).toMatchObject({ status: 'shown', responses: 6 });
    expect((await results(marco, f, `&location=${o.ids.milano}`))[0]!.status).toBe('suppressed');
    // A closed round is read from the cache the second time: the same answer.
    expect(await results(marco, f)).toEqual(await results(marco, f));
    expect(await smallestReleasedClass(t, f.roundId, 5)).toBeGreaterThanOrEqual(5);
  });

  it('shows the trend of a filter across rounds, oldest first', async () => {
    const o = await resultsOrg(t);
    const db = t.app.ctx.db;
    const { surveyId, questionIds } = await insertSurvey(db, o.org.orgId, { questions: QUESTIONS, kind: 'pulse', recurrence: 'weekly' });
    const rounds: string[] = [];
    for (const value of [2, 4]) {
      const { roundId } = await openTestRound(db, surveyId);
      rounds.push(roundId);
      for (const id of o.people.builders) {
        await answerAs(db, roundId, id, [
          { questionId: questionIds[0]!, value },
          { questionId: questionIds[1]!, value: id === o.people.builders[0] ? 5 : value },
          { questionId: questionIds[2]!, value: 9 },
          { questionId: questionIds[3]!, choices: [0] },
        ]);
      }
      await db.transaction().execute((trx) => closeRound(trx, roundId));
    }
    const hr = await o.as(o.ids.hana);
    const res = await hr.get(`/api/listening/surveys/${surveyId}/trend?team=${o.ids.builders}`);
    expect(res.statusCode).toBe(200);
    const points = res.json<{ points: { round: { id: string; number: number }; cell: Cell }[] }>().points;
    expect(points.map((p) => [p.round.number, p.cell.status, p.cell.drivers[0]?.mean])).toEqual([
      [1, 'shown', 2.21],
      [2, 'shown', 4.07],
    ]);
    expect(points.map((p) => p.round.id)).toEqual(rounds);
  });
});
