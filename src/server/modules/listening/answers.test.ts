import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { createOrg, testApp, type Client, type TestApp, type TestOrg } from '../../test/helpers.js';
import { LISTENING_LIMITS } from '../../../shared/listening.js';
import { findTerms, type IdentifyingTerm } from '../../../shared/identifying-terms.js';
import { closeRound } from './rounds.js';
import { insertSurvey, openTestRound, type QuestionSpec } from './listening.test-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const db = () => t.app.ctx.db;

/** One question of every kind: agreement, 0–10, single and multiple choice, open text. */
const EVERY_KIND: QuestionSpec[] = [
  { kind: 'scale5', driver: 'recognition', bankKey: 'recognition.valued' },
  { kind: 'scale10', driver: 'enps', bankKey: 'enps.recommend' },
  { kind: 'single', text: 'Where do you work most days?', options: ['Office', 'Home', 'Both'] },
  { kind: 'multi', text: 'What would help?', options: ['Training', 'Tools', 'Time', 'Quiet'] },
  { kind: 'text', text: 'Anything else?', required: false },
];

interface World {
  org: TestOrg;
  people: { id: string; client: Client }[];
  departmentId: string;
  teamId: string;
  locationId: string;
}

/** An organisation of six in one department, team and location, everyone reporting to the first. */
async function world(): Promise<World> {
  const org = await createOrg(t);
  const department = (await org.admin.post('/api/departments', { name: 'Sales' })).json<{ id: string }>();
  const team = (await org.admin.post('/api/teams', { name: 'Northern Accounts' })).json<{ id: string }>();
  const location = (await org.admin.post('/api/locations', { name: 'Milano' })).json<{ id: string }>();
  const lead = await org.person({ name: 'Marco Ferrari' });
  const people = [lead];
  for (const name of ['Giulia Esposito', 'Will Bianchi', 'Chiara Rossi', 'Tommaso Ricciardi', 'Irene Lombardo']) {
    people.push(await org.person({ name, managerId: lead.id }));
  }
  await db()
    .updateTable('users')
    .set({ departmentId: department.id, teamId: team.id, locationId: location.id })
    .where('id', 'in', [...people.map((p) => p.id), org.adminId])
    .execute();
  return { org, people, departmentId: department.id, teamId: team.id, locationId: location.id };
}

async function survey(w: World, opts: Partial<Parameters<typeof insertSurvey>[2]> = {}) {
  const { surveyId, questionIds } = await insertSurvey(db(), w.org.orgId, { questions: EVERY_KIND, threshold: 3, ...opts });
  const { roundId } = await openTestRound(db(), surveyId);
  return { surveyId, questionIds, roundId };
}

const fullAnswers = (ids: string[], text = 'More quiet rooms, please.') => [
  { questionId: ids[0]!, value: 4 },
  { questionId: ids[1]!, value: 9 },
  { questionId: ids[2]!, choices: [1] },
  { questionId: ids[3]!, choices: [3, 0] },
  { questionId: ids[4]!, text: `  ${text}  ` },
];

async function sheetsOf(roundId: string) {
  return db().selectFrom('surveySheets').selectAll().where('roundId', '=', roundId).execute();
}

async function answersOf(roundId: string) {
  return db()
    .selectFrom('surveyAnswers as a')
    .innerJoin('surveySheets as s', 's.id', 'a.sheetId')
    .select(['a.questionId', 'a.value', 'a.choices', 'a.text'])
    .where('s.roundId', '=', roundId)
    .execute();
}

async function answeredFlag(roundId: string, userId: string) {
  const row = await db()
    .selectFrom('surveyAudience')
    .select('answered')
    .where('roundId', '=', roundId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return row?.answered;
}

const post = (c: Client, roundId: string, answers: unknown) => c.post(`/api/listening/rounds/${roundId}/answers`, { answers });

describe('answering a survey', () => {
  it('stores answers of every kind under the stored group, with nothing that names the person', async () => {
    const w = await world();
    const { roundId, questionIds } = await survey(w);
    const me = w.people[1]!;

    const res = await post(me.client, roundId, fullAnswers(questionIds));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ ok: true });

    const sheets = await sheetsOf(roundId);
    expect(sheets).toHaveLength(1);
    expect(Object.keys(sheets[0]!).sort()).toEqual(['departmentId', 'id', 'lineId', 'locationId', 'roundId', 'teamId']);
    const stored = await db()
      .selectFrom('surveyAudience')
      .select(['departmentId', 'teamId', 'lineId', 'locationId'])
      .where('roundId', '=', roundId)
      .where('userId', '=', me.id)
      .executeTakeFirstOrThrow();
    expect(sheets[0]).toMatchObject(stored);

    const answers = await answersOf(roundId);
    const byQuestion = new Map(answers.map((a) => [a.questionId, a]));
    expect(byQuestion.get(questionIds[0]!)).toMatchObject({ value: 4, choices: null, text: null });
    expect(byQuestion.get(questionIds[1]!)).toMatchObject({ value: 9, choices: null, text: null });
    expect(byQuestion.get(questionIds[2]!)).toMatchObject({ value: null, choices: [1], text: null });
    expect(byQuestion.get(questionIds[3]!)).toMatchObject({ value: null, choices: [0, 3], text: null });
    expect(byQuestion.get(questionIds[4]!)).toMatchObject({ value: null, choices: null, text: 'More quiet rooms, please.' });
    expect(await answeredFlag(roundId, me.id)).toBe(true);
  });

  it('accepts the lowest and highest values of both scales and leaves an optional question out', async () => {
    const w = await world();
    const { roundId, questionIds } = await survey(w);
    const a = [
      { questionId: questionIds[0]!, value: 1 },
      { questionId: questionIds[1]!, value: 0 },
      { questionId: questionIds[2]!, choices: [0] },
      { questionId: questionIds[3]!, choices: [2] },
      { questionId: questionIds[4]!, text: '   ' },
    ];
    expect((await post(w.people[1]!.client, roundId, a)).statusCode).toBe(201);
    const b = fullAnswers(questionIds).slice(0, 4);
    b[0] = { questionId: questionIds[0]!, value: 5 };
    b[1] = { questionId: questionIds[1]!, value: 10 };
    expect((await post(w.people[2]!.client, roundId, b)).statusCode).toBe(201);
    const answers = await answersOf(roundId);
    expect(answers.filter((x) => x.questionId === questionIds[4])).toEqual([]);
    expect(answers.filter((x) => x.questionId === questionIds[0]).map((x) => x.value)).toEqual(expect.arrayContaining([1, 5]));
    expect(answers.filter((x) => x.questionId === questionIds[1]).map((x) => x.value)).toEqual(expect.arrayContaining([0, 10]));
  });

  it('answers a check-in: how are you doing, with an optional comment', async () => {
    const w = await world();
    const { roundId, questionIds } = await survey(w, {
      kind: 'checkin',
      title: 'How are you doing?',
      questions: [
        { kind: 'scale5', driver: 'checkin', bankKey: 'checkin.feeling' },
        { kind: 'text', driver: 'checkin', bankKey: 'checkin.comment', required: false },
      ],
    });
    const view = (await w.people[3]!.client.get(`/api/listening/rounds/${roundId}`)).json();
    expect(view.survey.kind).toBe('checkin');
    expect(view.questions.map((q: { driver: string; required: boolean }) => [q.driver, q.required])).toEqual([
      ['checkin', true],
      ['checkin', false],
    ]);
    expect((await post(w.people[3]!.client, roundId, [{ questionId: questionIds[0]!, value: 2 }])).statusCode).toBe(201);
    expect(
      (
        await post(w.people[4]!.client, roundId, [
          { questionId: questionIds[0]!, value: 5 },
          { questionId: questionIds[1]!, text: 'All good' },
        ])
      ).statusCode,
    ).toBe(201);
    expect(await sheetsOf(roundId)).toHaveLength(2);
  });

  it('keeps HTML in an answer as the plain text it is', async () => {
    const w = await world();
    const { roundId, questionIds } = await survey(w);
    const html = '<img src=x onerror="alert(1)"><b>bold</b> & <script>x()</script>';
    expect((await post(w.people[1]!.client, roundId, fullAnswers(questionIds, html))).statusCode).toBe(201);
    const text = (await answersOf(roundId)).find((a) => a.questionId === questionIds[4])!.text;
    expect(text).toBe(html);
  });

  it('refuses a second answer with 409 ALREADY_ANSWERED and keeps one sheet', async () => {
    const w = await world();
    const { roundId, questionIds } = await survey(w);
    const me = w.people[1]!.client;
    expect((await post(me, roundId, fullAnswers(questionIds))).statusCode).toBe(201);
    const again = await post(me, roundId, fullAnswers(questionIds, 'second time'));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_ANSWERED');
    expect(await sheetsOf(roundId)).toHaveLength(1);
  });

  it('answers 404 to people who were not invited, and to other organisations', async () => {
    const w = await world();
    const invitedOnly = w.people.slice(0, 3).map((p) => p.id);
    const { surveyId, questionIds } = await insertSurvey(db(), w.org.orgId, {
      questions: EVERY_KIND,
      threshold: 3,
      audience: { lineOf: [w.people[0]!.id] },
    });
    const { roundId } = await openTestRound(db(), surveyId);
    expect(invitedOnly).toHaveLength(3);
    // The manager is not in their own line: not invited.
    const outsider = w.people[0]!.client;
    for (const res of [
      await outsider.get(`/api/listening/rounds/${roundId}`),
      await outsider.get(`/api/listening/rounds/${roundId}/identifying-terms`),
      await post(outsider, roundId, fullAnswers(questionIds)),
    ]) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    const other = await createOrg(t);
    const stranger = await other.person();
    expect((await stranger.client.get(`/api/listening/rounds/${roundId}`)).statusCode).toBe(404);
    expect((await post(stranger.client, roundId, fullAnswers(questionIds))).statusCode).toBe(404);
    expect((await w.people[1]!.client.get(`/api/listening/rounds/${newId()}`)).statusCode).toBe(404);
    expect(await sheetsOf(roundId)).toHaveLength(0);
  });

  it('refuses answers to a closed round, and to one past its closing time, with 409 ROUND_CLOSED', async () => {
    const w = await world();
    const { roundId, questionIds } = await survey(w);
    await db()
      .transaction()
      .execute((trx) => closeRound(trx, roundId));
    const res = await post(w.people[1]!.client, roundId, fullAnswers(questionIds));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('ROUND_CLOSED');
    expect((await w.people[1]!.client.get(`/api/listening/rounds/${roundId}`)).json().round.status).toBe('closed');

    const late = await survey(w);
    await db()
      .updateTable('surveyRounds')
      .set({ closesAt: new Date(Date.now() - 1000) })
      .where('id', '=', late.roundId)
      .execute();
    const res2 = await post(w.people[1]!.client, late.roundId, fullAnswers(late.questionIds));
    expect(res2.statusCode).toBe(409);
    expect(res2.json().error.code).toBe('ROUND_CLOSED');
    expect(await sheetsOf(roundId)).toHaveLength(0);
    expect(await sheetsOf(late.roundId)).toHaveLength(0);
    expect(await answeredFlag(late.roundId, w.people[1]!.id)).toBe(false);
  });

  it('is for signed-in people only, and never through an API token', async () => {
    const w = await world();
    const { roundId, questionIds } = await survey(w);
    expect((await post(w.org.anonymous(), roundId, fullAnswers(questionIds))).statusCode).toBe(401);
    const created = await w.people[1]!.client.post('/api/me/tokens', { name: 'script', scopes: ['read', 'write'] });
    const api = w.org.anonymous();
    api.bearer = created.json<{ token: string }>().token;
    const res = await post(api, roundId, fullAnswers(questionIds));
    expect(res.statusCode).toBe(403);
    expect((await api.get(`/api/listening/rounds/${roundId}`)).statusCode).toBe(403);
    expect(await sheetsOf(roundId)).toHaveLength(0);
  });
});

describe('validating answers', () => {
  const cases: { name: string; answers: (ids: string[]) => unknown; code: string }[] = [
    {
      name: 'an agreement value out of range',
      answers: (ids) => fullAnswers(ids).map((a, i) => (i === 0 ? { questionId: a.questionId, value: 6 } : a)),
      code: 'INVALID_ANSWERS',
    },
    {
      name: 'a 0–10 value out of range',
      answers: (ids) => fullAnswers(ids).map((a, i) => (i === 1 ? { questionId: a.questionId, value: 11 } : a)),
      code: 'INVALID_ANSWERS',
    },
    {
      name: 'a negative scale value',
      answers: (ids) => fullAnswers(ids).map((a, i) => (i === 1 ? { questionId: a.questionId, value: -1 } : a)),
      code: 'INVALID_ANSWERS',
    },
    {
      name: 'a fractional scale value',
      answers: (ids) => fullAnswers(ids).map((a, i) => (i === 0 ? { questionId: a.questionId, value: 3.5 } : a)),
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'an unknown option',
      answers: (ids) => fullAnswers(ids).map((a, i) => (i === 2 ? { questionId: a.questionId, choices: [3] } : a)),
      code: 'INVALID_ANSWERS',
    },
    {
      name: 'two options on a single choice',
      answers: (ids) => fullAnswers(ids).map((a, i) => (i === 2 ? { questionId: a.questionId, choices: [0, 1] } : a)),
      code: 'INVALID_ANSWERS',
    },
    {
      name: 'no option on a multiple choice',
      answers: (ids) => fullAnswers(ids).map((a, i) => (i === 3 ? { questionId: a.questionId, choices: [] } : a)),
      code: 'INVALID_ANSWERS',
    },
    {
      name: 'the same option twice on a multiple choice',
      answers: (ids) => fullAnswers(ids).map((a, i) => (i === 3 ? { questionId: a.questionId, choices: [1, 1] } : a)),
      code: 'INVALID_ANSWERS',
    },
    {
      name: 'an unknown option on a multiple choice',
      answers: (ids) => fullAnswers(ids).map((a, i) => (i === 3 ? { questionId: a.questionId, choices: [0, 4] } : a)),
      code: 'INVALID_ANSWERS',
    },
    { name: 'a missing required question', answers: (ids) => fullAnswers(ids).slice(1), code: 'INVALID_ANSWERS' },
    {
      name: 'a required question left blank',
      answers: (ids) => fullAnswers(ids).map((a, i) => (i === 0 ? { questionId: a.questionId, value: null } : a)),
      code: 'INVALID_ANSWERS',
    },
    {
      name: 'a question answered twice',
      answers: (ids) => [...fullAnswers(ids), { questionId: ids[0]!, value: 2 }],
      code: 'INVALID_ANSWERS',
    },
    { name: 'an unknown question', answers: (ids) => [...fullAnswers(ids), { questionId: newId(), value: 3 }], code: 'INVALID_ANSWERS' },
    {
      name: 'a question id that is not an id',
      answers: (ids) => [...fullAnswers(ids), { questionId: 'x', value: 3 }],
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'a comment over the limit',
      answers: (ids) => fullAnswers(ids, 'é'.repeat(LISTENING_LIMITS.comment + 1)),
      code: 'INVALID_ANSWERS',
    },
    {
      name: 'a comment far over the limit',
      answers: (ids) => fullAnswers(ids, 'a'.repeat(LISTENING_LIMITS.comment * 2)),
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'text on a scale question',
      answers: (ids) => fullAnswers(ids).map((a, i) => (i === 0 ? { questionId: a.questionId, value: 3, text: 'hi' } : a)),
      code: 'INVALID_ANSWERS',
    },
    {
      name: 'a value on a choice question',
      answers: (ids) => fullAnswers(ids).map((a, i) => (i === 2 ? { questionId: a.questionId, value: 1 } : a)),
      code: 'INVALID_ANSWERS',
    },
    {
      name: 'an unexpected field',
      answers: (ids) => fullAnswers(ids).map((a, i) => (i === 0 ? { ...a, userId: newId() } : a)),
      code: 'VALIDATION_FAILED',
    },
    { name: 'no answers at all', answers: () => [], code: 'INVALID_ANSWERS' },
  ];

  let w: World;
  let round: { roundId: string; questionIds: string[] };
  beforeAll(async () => {
    w = await world();
    round = await survey(w);
  });

  for (const c of cases) {
    it(`answers 400 ${c.code} to ${c.name}, and stores nothing`, async () => {
      const me = w.people[1]!;
      const res = await post(me.client, round.roundId, c.answers(round.questionIds));
      expect(res.statusCode, res.body).toBe(400);
      const body = res.json<{ error: { code: string; message: string; details: unknown[] } }>();
      expect(body.error.code).toBe(c.code);
      expect(typeof body.error.message).toBe('string');
      expect(Array.isArray(body.error.details) && body.error.details.length > 0).toBe(true);
      expect(await sheetsOf(round.roundId)).toHaveLength(0);
      expect(await answeredFlag(round.roundId, me.id)).toBe(false);
    });
  }

  it('names the question of each problem', async () => {
    // The first question out of range, the second left out.
    const bad = fullAnswers(round.questionIds)
      .map((a, i) => (i === 0 ? { questionId: a.questionId, value: 9 } : a))
      .filter((_, i) => i !== 1);
    const res = await post(w.people[1]!.client, round.roundId, bad);
    const details = res.json<{ error: { details: { questionId?: string; rule: string }[] } }>().error.details;
    expect(details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ questionId: round.questionIds[0], rule: 'range' }),
        expect.objectContaining({ questionId: round.questionIds[1], rule: 'required' }),
      ]),
    );
  });

  it('limits how often one person may send answers', async () => {
    const me = w.people[2]!.client;
    let last = 0;
    for (let i = 0; i < 31; i++) {
      last = (await post(me, round.roundId, [])).statusCode;
    }
    expect(last).toBe(429);
    // Somebody else is counted apart.
    expect((await post(w.people[3]!.client, round.roundId, [])).statusCode).toBe(400);
  });
});

describe('what a respondent sees', () => {
  it('lists open rounds to answer, then moves answered ones to "answered", newest first', async () => {
    const w = await world();
    const first = await survey(w, { title: 'First' });
    const second = await survey(w, { title: 'Second', kind: 'pulse' });
    const me = w.people[1]!.client;
    const open = (await me.get('/api/listening/me/open')).json();
    expect(open.items.map((i: { title: string }) => i.title)).toEqual(['Second', 'First']);
    expect(open.items[0]).toMatchObject({
      roundId: second.roundId,
      surveyId: second.surveyId,
      kind: 'pulse',
      anonymity: 'anonymous',
      questions: 5,
    });
    expect(open.answered).toEqual([]);

    expect((await post(me, first.roundId, fullAnswers(first.questionIds))).statusCode).toBe(201);
    const after = (await me.get('/api/listening/me/open')).json();
    expect(after.items.map((i: { roundId: string }) => i.roundId)).toEqual([second.roundId]);
    expect(after.answered).toEqual([expect.objectContaining({ roundId: first.roundId, title: 'First', kind: 'survey' })]);

    await db()
      .transaction()
      .execute((trx) => closeRound(trx, second.roundId));
    expect((await me.get('/api/listening/me/open')).json().items).toEqual([]);
    // Somebody from another organisation sees none of it.
    const other = await createOrg(t);
    expect((await (await other.person()).client.get('/api/listening/me/open')).json()).toEqual({ items: [], answered: [] });
  });

  it('shows the round with its questions in order, in the reader’s language, and the group the answer counts in', async () => {
    const w = await world();
    const { roundId, surveyId, questionIds } = await survey(w, { anonymity: 'confidential', title: 'Autumn survey' });
    const me = w.people[1]!;
    const view = (await me.client.get(`/api/listening/rounds/${roundId}`)).json();
    expect(view.round).toMatchObject({ id: roundId, number: 1, status: 'open' });
    expect(view.survey).toMatchObject({ id: surveyId, kind: 'survey', title: 'Autumn survey', anonymity: 'confidential', threshold: 3 });
    expect(view.questions.map((q: { id: string }) => q.id)).toEqual(questionIds);
    expect(view.questions[0]).toEqual({
      id: questionIds[0],
      kind: 'scale5',
      driver: 'recognition',
      text: 'I receive appropriate recognition when I do good work.',
      options: [],
      required: true,
    });
    expect(view.questions[2].options).toEqual(['Office', 'Home', 'Both']);
    expect(view.questions[4].required).toBe(false);
    expect(view.answered).toBe(false);
    const stored = await db()
      .selectFrom('surveyAudience')
      .select('groupSize')
      .where('roundId', '=', roundId)
      .where('userId', '=', me.id)
      .executeTakeFirstOrThrow();
    expect(view.group.size).toBe(stored.groupSize);
    expect(view.group.size).toBeGreaterThanOrEqual(3);
    const names = view.group.labels.map((l: { dimension: string; name: string }) => `${l.dimension}:${l.name}`);
    expect(names).toEqual(expect.arrayContaining(['department:Sales', 'team:Northern Accounts', 'location:Milano']));

    await db().updateTable('users').set({ locale: 'it-IT' }).where('id', '=', me.id).execute();
    const italian = (await me.client.get(`/api/listening/rounds/${roundId}`)).json();
    expect(italian.questions[0].text).toBe('Ricevo il giusto riconoscimento quando lavoro bene.');
    expect(italian.questions[2].text).toBe('Where do you work most days?');

    // Without a language of their own, the organisation's applies.
    await db().updateTable('users').set({ locale: null }).where('id', '=', w.people[2]!.id).execute();
    await db().updateTable('orgs').set({ defaultLocale: 'it' }).where('id', '=', w.org.orgId).execute();
    const fromOrg = (await w.people[2]!.client.get(`/api/listening/rounds/${roundId}`)).json();
    expect(fromOrg.questions[1].text).toBe('Quanto consiglieresti questa azienda come luogo di lavoro?');
    // The language on the reader's screen wins.
    const onScreen = (await w.people[2]!.client.get(`/api/listening/rounds/${roundId}?lang=en`)).json();
    expect(onScreen.questions[1].text).toBe('How likely are you to recommend this company as a place to work?');
    expect((await w.people[2]!.client.get(`/api/listening/rounds/${roundId}?lang=fr`)).statusCode).toBe(400);

    expect((await post(me.client, roundId, fullAnswers(questionIds))).statusCode).toBe(201);
    expect((await me.client.get(`/api/listening/rounds/${roundId}`)).json().answered).toBe(true);
  });

  it('lists the words a comment could identify its writer by', async () => {
    const w = await world();
    const { roundId } = await survey(w);
    await db().updateTable('users').set({ title: 'Key Account Manager' }).where('id', '=', w.people[1]!.id).execute();
    // Someone far away: another department, team and manager.
    const far = await w.org.person({ name: 'Zeno Lontano' });
    const elsewhere = (await w.org.admin.post('/api/departments', { name: 'Finance' })).json<{ id: string }>();
    await db().updateTable('users').set({ departmentId: elsewhere.id, teamId: null }).where('id', '=', far.id).execute();

    const res = await w.people[1]!.client.get(`/api/listening/rounds/${roundId}/identifying-terms`);
    expect(res.statusCode).toBe(200);
    const terms: IdentifyingTerm[] = res.json().terms;
    const has = (term: string, kind: string) => terms.some((x) => x.term === term && x.kind === kind);
    expect(has('Marco Ferrari', 'person')).toBe(true);
    expect(has('Ferrari', 'person')).toBe(true);
    expect(has('Giulia Esposito', 'person')).toBe(true);
    expect(has('Esposito', 'person')).toBe(true);
    expect(has('Will Bianchi', 'person')).toBe(true);
    expect(has('Bianchi', 'person')).toBe(true);
    expect(has('Northern Accounts', 'team')).toBe(true);
    expect(has('Sales', 'department')).toBe(true);
    expect(has('Milano', 'location')).toBe(true);
    expect(has('Key Account Manager', 'title')).toBe(true);
    // Ordinary words are not names on their own; people far away are not listed.
    expect(terms.some((x) => x.term === 'Will')).toBe(false);
    expect(terms.some((x) => x.term.includes('Zeno'))).toBe(false);
    expect(new Set(terms.map((x) => x.term.toLowerCase())).size).toBe(terms.length);

    const found = findTerms('Honestly, marco ferrari and the northern accounts crew in MILANO…', terms);
    expect(found.map((f) => f.term)).toEqual(['Marco Ferrari', 'Northern Accounts', 'Milano']);
    expect(findTerms('Ferraris are fast; sales-driven is fine', terms).map((f) => f.term)).toEqual(['Sales']);
  });

  it('counts a direct report and the manager among the people named', async () => {
    const w = await world();
    const { roundId } = await survey(w);
    // The lead's reports are in their department too; a report elsewhere still counts.
    const report = await w.org.person({ name: 'Beatrice Quadrelli', managerId: w.people[0]!.id });
    const terms: { term: string }[] = (await w.people[0]!.client.get(`/api/listening/rounds/${roundId}/identifying-terms`)).json().terms;
    expect(report.id).toBeTruthy();
    // Beatrice joined after the round opened, but she is a report: her name may identify the writer.
    expect(terms.some((x) => x.term === 'Beatrice Quadrelli')).toBe(true);
  });
});
