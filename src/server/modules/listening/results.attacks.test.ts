import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../../test/helpers.js';
import { answerAs, insertSurvey, openTestRound, type QuestionSpec } from './listening.test-helpers.js';
import { closeRound } from './rounds.js';
import type { AnswerInput } from './sheets.js';
import { resultsOrg, smallestReleasedClass, type ResultsOrg } from './results.test-helpers.js';

/**
 * A curious manager of a team of six (Marco and the Falcons: five in Milano, one in Roma) tries to
 * learn what one of them answered. Every attempt must fail to isolate fewer than the threshold (5).
 * The Falcon in Roma answers 1 where everyone else answers 5, so any result describing the five
 * without them, or them alone, would give them away.
 */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const QUESTIONS: QuestionSpec[] = [
  { kind: 'scale5', driver: 'management', bankKey: 'management.support' },
  { kind: 'scale10', driver: 'enps', bankKey: 'enps.recommend' },
  { kind: 'text', text: 'Anything else?', required: false },
];

interface Cell {
  key: string;
  filter: Record<string, string>;
  label: { name: string } | null;
  status: string;
  stale: boolean;
  invited: number | null;
  responses: number | null;
  questions: { questionId: string; answers: number; mean: number | null; distribution: number[] | null }[];
  comments: number | null;
}

interface Attack {
  o: ResultsOrg;
  surveyId: string;
  roundId: string;
  q: string[];
  marco: Client;
  hr: Client;
  /** The Falcon in Roma. */
  target: string;
}

async function attack(opts: { threshold?: number; commentThreshold?: number; kind?: 'survey' | 'pulse' } = {}): Promise<Attack> {
  const o = await resultsOrg(t);
  const { surveyId, questionIds } = await insertSurvey(t.app.ctx.db, o.org.orgId, {
    questions: QUESTIONS,
    ...opts,
    ...(opts.kind === 'pulse' ? { recurrence: 'weekly' as const } : {}),
  });
  const { roundId } = await openTestRound(t.app.ctx.db, surveyId);
  return { o, surveyId, roundId, q: questionIds, marco: await o.as(o.ids.marco), hr: await o.as(o.ids.hana), target: o.people.falcons[5]! };
}

function sheet(a: Attack, userId: string, text?: string): AnswerInput[] {
  const low = userId === a.target;
  return [
    { questionId: a.q[0]!, value: low ? 1 : 5 },
    { questionId: a.q[1]!, value: low ? 0 : 10 },
    ...(text ? [{ questionId: a.q[2]!, text }] : []),
  ];
}

async function answer(a: Attack, people: readonly string[], roundId = a.roundId, text?: (id: string) => string | undefined) {
  for (const id of people) {
    await answerAs(t.app.ctx.db, roundId, id, sheet(a, id, text?.(id)));
  }
}

async function cells(c: Client, a: Attack, query: string, roundId = a.roundId): Promise<Cell[]> {
  const res = await c.get(`/api/listening/surveys/${a.surveyId}/results?round=${roundId}${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ cells: Cell[] }>().cells;
}

const milanoFalcons = (a: Attack) => a.o.people.falcons.slice(0, 5);

/** The filters a manager can combine within their own line. */
function managerFilters(a: Attack): string[] {
  const { sales, falcons, milano, roma } = a.o.ids;
  return [
    '',
    `&location=${milano}`,
    `&location=${roma}`,
    `&team=${falcons}`,
    `&department=${sales}`,
    `&department=${sales}&location=${milano}`,
    `&team=${falcons}&location=${milano}`,
    `&department=${sales}&team=${falcons}`,
    '&by=location',
    '&by=team',
    '&by=department',
    `&team=${falcons}&by=location`,
  ];
}

/** Every number the manager has been shown describes the same group: never both the five and the six. */
function assertOneGroup(seen: Cell[]) {
  const sizes = new Set(seen.filter((c) => c.status === 'shown').map((c) => c.responses));
  expect(sizes.size).toBeLessThanOrEqual(1);
}

describe('attacks on results by a curious manager of a team of six', () => {
  it('team minus a subgroup: the Milano part of the team is suppressed once the team is shown', async () => {
    const a = await attack();
    await answer(a, a.o.people.falcons);
    const [team, ...byLocation] = await cells(a.marco, a, '&by=location');
    expect(team).toMatchObject({ status: 'shown', responses: 6 });
    expect(byLocation.map((c) => [c.label?.name, c.status, c.responses])).toEqual([['Milano', 'suppressed', null]]);
    expect((await cells(a.marco, a, `&location=${a.o.ids.milano}`))[0]!.status).toBe('suppressed');
    expect((await cells(a.marco, a, `&team=${a.o.ids.falcons}&location=${a.o.ids.milano}`))[0]!.status).toBe('suppressed');
    // The one the location breakdown would leave behind is never a cell of its own (their location is not stored).
    expect((await cells(a.marco, a, `&location=${a.o.ids.roma}`))[0]).toMatchObject({ status: 'too_few', invited: null });
    expect(await smallestReleasedClass(t, a.roundId, 5)).toBeGreaterThanOrEqual(5);
  });

  it('repeating filters in different orders never shows both the five and the six', async () => {
    for (const order of ['forward', 'reverse', 'shuffled'] as const) {
      const a = await attack();
      await answer(a, a.o.people.falcons);
      let filters = managerFilters(a);
      if (order === 'reverse') {
        filters = [...filters].reverse();
      } else if (order === 'shuffled') {
        filters = [
          filters[5]!,
          filters[1]!,
          filters[9]!,
          filters[0]!,
          filters[3]!,
          filters[11]!,
          filters[2]!,
          filters[7]!,
          filters[4]!,
          filters[10]!,
          filters[6]!,
          filters[8]!,
        ];
      }
      const seen: Cell[] = [];
      for (let round = 0; round < 2; round++) {
        for (const f of filters) {
          seen.push(...(await cells(a.marco, a, f)));
        }
      }
      assertOneGroup(seen);
      // Asking again gives the same answers.
      const again = await cells(a.marco, a, filters[0]!);
      expect(again).toEqual(await cells(a.marco, a, filters[0]!));
      expect(await smallestReleasedClass(t, a.roundId, 5)).toBeGreaterThanOrEqual(5);
    }
  });

  it('location and department combinations, mixed with what HR has looked at, isolate nobody', async () => {
    const a = await attack();
    const o = a.o;
    await answer(a, [...o.people.falcons, ...o.people.eagles, ...o.people.owls, o.ids.sara, o.ids.marco]);
    const seen: Cell[] = [];
    // HR first: Sales by location and by team, the company by line.
    for (const query of [
      `&department=${o.ids.sales}&by=location`,
      `&department=${o.ids.sales}&by=team`,
      '&by=line',
      `&location=${o.ids.milano}&by=department`,
    ]) {
      await cells(a.hr, a, query);
    }
    for (const f of managerFilters(a)) {
      seen.push(...(await cells(a.marco, a, f)));
    }
    assertOneGroup(seen);
    // Sara's line holds Marco's: her breakdown cannot single out the remainder either.
    for (const query of ['', '&by=line', `&location=${o.ids.milano}`, `&team=${o.ids.eagles}`, '&by=location']) {
      await cells(await o.as(o.ids.sara), a, query);
    }
    expect(await smallestReleasedClass(t, a.roundId, 5)).toBeGreaterThanOrEqual(5);
  });

  it('answer order and timing: one more answer after a reminder holds the newest state back', async () => {
    const a = await attack();
    await answer(a, milanoFalcons(a), a.roundId, () => 'All fine here');
    const before = (await cells(a.marco, a, ''))[0]!;
    expect(before).toMatchObject({ status: 'shown', stale: false, responses: 5 });
    const comments = (await a.marco.get(`/api/listening/surveys/${a.surveyId}/comments`)).json();
    expect(comments.items).toHaveLength(5);

    // The reminder goes out; the one in Roma answers.
    await answer(a, [a.target], a.roundId, () => 'Nobody listens to the Roma office');
    const after = (await cells(a.marco, a, ''))[0]!;
    expect(after).toMatchObject({ status: 'shown', stale: true, responses: 5 });
    expect(after.questions).toEqual(before.questions);
    // The same six through other doors: nothing new.
    for (const f of [`&team=${a.o.ids.falcons}`, `&department=${a.o.ids.sales}`, '&by=location']) {
      for (const c of await cells(a.marco, a, f)) {
        expect(c.status === 'shown' ? c.responses : null).not.toBe(6);
      }
    }
    expect((await cells(a.hr, a, `&line=${a.o.ids.marco}`))[0]).toMatchObject({ stale: true, responses: 5 });
    // And no comment from the newest state.
    const held = (await a.marco.get(`/api/listening/surveys/${a.surveyId}/comments?q=Roma`)).json();
    expect(held).toEqual({ status: 'suppressed', items: [], nextCursor: null });
    expect(await smallestReleasedClass(t, a.roundId, 5)).toBeGreaterThanOrEqual(5);
  });

  it('comment search for a colleague’s phrasing in a group below the comment threshold finds nothing', async () => {
    const a = await attack({ commentThreshold: 7 });
    const o = a.o;
    await answer(a, [...o.people.falcons, ...o.people.eagles], a.roundId, (id) =>
      id === a.target ? 'As I said at Tuesday’s stand-up, the deadlines are impossible' : undefined,
    );
    const [team] = await cells(a.marco, a, '');
    expect(team).toMatchObject({ status: 'shown', responses: 6, comments: null });
    for (const query of [
      '',
      '&q=stand-up',
      `&q=stand-up&team=${o.ids.falcons}`,
      `&q=Tuesday&location=${o.ids.milano}`,
      `&q=deadlines&department=${o.ids.sales}`,
    ]) {
      const res = (await a.marco.get(`/api/listening/surveys/${a.surveyId}/comments?${query.slice(1)}`)).json();
      expect(res.items).toEqual([]);
      expect(res.status).not.toBe('shown');
    }
    // HR reading a large enough group may search it: the comment is among 14 people.
    const sales = (await a.hr.get(`/api/listening/surveys/${a.surveyId}/comments?department=${o.ids.sales}&q=stand-up`)).json();
    expect(sales).toMatchObject({ status: 'shown', items: [{ text: 'As I said at Tuesday’s stand-up, the deadlines are impossible' }] });
  });

  it('the CSV export shows nothing more than the JSON', async () => {
    const a = await attack();
    await answer(a, a.o.people.falcons);
    const json = await cells(a.marco, a, '&by=location');
    const res = await a.marco.get(`/api/listening/surveys/${a.surveyId}/results.csv?round=${a.roundId}&by=location`);
    expect(res.statusCode).toBe(200);
    const rows = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(','));
    expect(rows).toHaveLength(json.length);
    expect(rows.map((r) => [r[2], r[5]])).toEqual([
      ['shown', '6'],
      ['held back', ''],
    ]);
    // The held-back row carries no result at all (only how many were invited, as in the JSON).
    expect(rows[1]!.slice(5).every((v) => v === '')).toBe(true);
    // Asking for the CSV first does not release anything the JSON would not.
    const b = await attack();
    await answer(b, b.o.people.falcons);
    await b.marco.get(`/api/listening/surveys/${b.surveyId}/results.csv?round=${b.roundId}&location=${b.o.ids.milano}`);
    expect((await cells(b.marco, b, ''))[0]!.status).toBe('suppressed');
    expect(await smallestReleasedClass(t, b.roundId, 5)).toBeGreaterThanOrEqual(5);
  });

  it('the threshold only counts upwards: results use the current, higher one, and a lower one changes nothing', async () => {
    const a = await attack();
    await answer(a, [...a.o.people.falcons, ...a.o.people.fixers.slice(0, 3)]);
    expect((await cells(a.marco, a, ''))[0]).toMatchObject({ status: 'shown', responses: 6 });
    // Raised to 7 mid-survey (the change the surveys API allows): the six are now too few, even the state shown before.
    await t.app.ctx.db.updateTable('surveys').set({ threshold: 7, commentThreshold: 7 }).where('id', '=', a.surveyId).execute();
    expect((await cells(a.marco, a, ''))[0]).toMatchObject({ status: 'too_few', stale: false, invited: null, responses: null });
    const sales = await cells(a.hr, a, `&department=${a.o.ids.sales}&by=team`);
    expect(sales.find((c) => c.label?.name === 'Falcons')?.status).toBe('too_few');
    // Written straight below the round's threshold (the API refuses it): the round's own threshold still holds.
    await t.app.ctx.db.updateTable('surveys').set({ threshold: 3, commentThreshold: 3 }).where('id', '=', a.surveyId).execute();
    expect((await cells(a.hr, a, `&team=${a.o.ids.fixers}`))[0]).toMatchObject({ status: 'too_few', responses: null });
    expect(await smallestReleasedClass(t, a.roundId, 5)).toBeGreaterThanOrEqual(5);
  });

  it('comparing two rounds after one person joined the team: the later round’s cell is suppressed', async () => {
    const a = await attack({ kind: 'pulse' });
    const db = t.app.ctx.db;
    await answer(a, a.o.people.falcons);
    expect((await cells(a.marco, a, ''))[0]).toMatchObject({ status: 'shown', responses: 6 });
    await db.transaction().execute((trx) => closeRound(trx, a.roundId));
    const newcomer = await a.o.add({
      name: 'New Falcon',
      department: a.o.ids.sales,
      team: a.o.ids.falcons,
      location: a.o.ids.milano,
      manager: a.o.ids.marco,
    });
    const { roundId: second } = await openTestRound(db, a.surveyId);
    await answer(a, [...a.o.people.falcons, newcomer], second);
    for (const f of [
      '',
      `&team=${a.o.ids.falcons}`,
      `&department=${a.o.ids.sales}`,
      `&team=${a.o.ids.falcons}&location=${a.o.ids.milano}`,
    ]) {
      const [cell] = await cells(a.marco, a, f, second);
      expect(cell!.status === 'shown' ? cell!.responses : null, f).toBeNull();
    }
    const trend = (await a.marco.get(`/api/listening/surveys/${a.surveyId}/trend`)).json();
    expect(trend.points.map((p: { round: { number: number }; cell: Cell }) => [p.round.number, p.cell.status, p.cell.responses])).toEqual([
      [1, 'shown', 6],
      [2, 'suppressed', null],
    ]);
    // HR's view of the team is held back in the same way.
    expect((await cells(a.hr, a, `&team=${a.o.ids.falcons}`, second))[0]!.status).toBe('suppressed');
  });

  it('as HR: a breakdown whose last sibling would leave a small remainder suppresses the smallest neighbour', async () => {
    const a = await attack();
    const o = a.o;
    // Sales: Eagles 8, Falcons 6, and three of the people stored without a team.
    await answer(a, [...o.people.eagles, ...o.people.falcons, ...o.people.owls]);
    const [sales, ...teams] = await cells(a.hr, a, `&department=${o.ids.sales}&by=team`);
    expect(sales).toMatchObject({ status: 'shown', responses: 17 });
    expect(teams.map((c) => [c.label?.name, c.status, c.responses])).toEqual([
      ['Eagles', 'shown', 8],
      ['Falcons', 'suppressed', null],
    ]);
    // Marco's own view of his team is then refused too: Sales − Eagles − Falcons would be the three.
    expect((await cells(a.marco, a, ''))[0]!.status).toBe('suppressed');
    expect(await smallestReleasedClass(t, a.roundId, 5)).toBeGreaterThanOrEqual(5);
  });
});
