import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LISTENING_LIMITS } from '../../../shared/listening.js';
import { createOrg, testApp, type TestApp, type TestOrg } from '../../test/helpers.js';
import { days, expectError, group, surveyNotifications } from './surveys.test-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const db = () => t.app.ctx.db;
const API = '/api/listening';

interface Detail {
  id: string;
  kind: string;
  status: string;
  threshold: number;
  commentThreshold: number;
  anonymity: string;
  title: string;
  intro: string;
  audience: Record<string, unknown>;
  audienceLabels: { departments: { id: string; name: string }[]; lineOf: { id: string; name: string }[] };
  questions: { id: string; kind: string; driver: string | null; bankKey: string | null; text: string; options: string[]; pool: boolean }[];
  questionsLocked: boolean;
  currentRound: { id: string; number: number; status: string; invited: number; responses: number | null } | null;
  canEdit: boolean;
  canSchedule: boolean;
  canEnd: boolean;
  canDelete: boolean;
  canSeeResults: boolean;
  reminderDays: number[];
  endsAt: string | null;
}

async function hrOf(org: TestOrg) {
  return org.person({ roles: ['hr'], name: 'Helga HR' });
}

const draft = (extra: Record<string, unknown> = {}) => ({
  kind: 'survey',
  title: 'Engagement 2026',
  intro: 'Tell us how it is going.',
  questions: [
    { bankKey: 'recognition.valued' },
    { bankKey: 'enps.recommend' },
    { kind: 'single', text: 'Where do you work most days?', options: ['Office', 'Home', 'Both'] },
    { kind: 'text', text: 'Anything else?' },
  ],
  ...extra,
});

describe('listening settings', () => {
  it('start at a threshold of 5, change only with a comment threshold at least as high, and every change is audited', async () => {
    const org = await createOrg(t);
    const hr = await hrOf(org);
    const leader = await org.person({ name: 'Lea Leader' });
    const employee = await org.person();

    expect((await hr.client.get(`${API}/settings`)).json()).toEqual({
      threshold: 5,
      commentThreshold: 5,
      leadershipIds: [],
      leadership: [],
    });
    expectError(await employee.client.get(`${API}/settings`), 403, 'FORBIDDEN');

    expectError(
      await hr.client.put(`${API}/settings`, { threshold: 7, commentThreshold: 6, leadershipIds: [] }),
      400,
      'COMMENT_THRESHOLD_BELOW_THRESHOLD',
    );
    expectError(await hr.client.put(`${API}/settings`, { threshold: 2, commentThreshold: 6, leadershipIds: [] }), 400, 'VALIDATION_FAILED');
    expectError(
      await hr.client.put(`${API}/settings`, {
        threshold: 5,
        commentThreshold: 6,
        leadershipIds: ['0193a0c4-5b6e-7f00-8000-000000000009'],
      }),
      422,
      'LEADER_UNKNOWN',
    );

    const saved = await hr.client.put(`${API}/settings`, { threshold: 6, commentThreshold: 8, leadershipIds: [leader.id] });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      threshold: 6,
      commentThreshold: 8,
      leadershipIds: [leader.id],
      leadership: [{ id: leader.id, name: 'Lea Leader' }],
    });
    expect((await org.admin.get(`${API}/settings`)).json()).toMatchObject({ threshold: 6, commentThreshold: 8 });

    const entries = await db()
      .selectFrom('auditLog')
      .select(['actorId', 'data'])
      .where('orgId', '=', org.orgId)
      .where('action', '=', 'listening.settings.updated')
      .execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.actorId).toBe(hr.id);
    expect(entries[0]!.data).toMatchObject({
      before: { threshold: 5, commentThreshold: 5, leadershipIds: [] },
      after: { threshold: 6, commentThreshold: 8, leadershipIds: [leader.id] },
    });
  });
});

describe('the question bank', () => {
  it('lists every driver and question in the viewer’s language', async () => {
    const org = await createOrg(t);
    const hr = await hrOf(org);
    await db().updateTable('users').set({ locale: 'it' }).where('id', '=', hr.id).execute();
    const bank = (await hr.client.get(`${API}/bank`)).json<{
      drivers: string[];
      questions: { key: string; text: string; kind: string }[];
    }>();
    expect(bank.drivers).toContain('enps');
    expect(bank.questions.find((q) => q.key === 'checkin.feeling')).toMatchObject({ kind: 'scale5', text: 'Come stai questa settimana?' });
    expectError(await (await org.person()).client.get(`${API}/bank`), 403, 'FORBIDDEN');
  });
});

describe('building a survey', () => {
  it('creates a draft from the bank and custom questions, shows bank texts in the viewer’s language, edits it fully and deletes it', async () => {
    const org = await createOrg(t);
    const hr = await hrOf(org);
    const { departmentId } = await group(t, org, 0);
    const created = await hr.client.post(`${API}/surveys`, draft({ audience: { departmentIds: [departmentId] } }));
    expect(created.statusCode, created.body).toBe(201);
    const s = created.json<Detail>();
    expect(s).toMatchObject({
      kind: 'survey',
      status: 'draft',
      anonymity: 'anonymous',
      threshold: 5,
      commentThreshold: 5,
      currentRound: null,
      canEdit: true,
      canSchedule: true,
      canDelete: true,
      canEnd: false,
      canSeeResults: false,
      questionsLocked: false,
      audience: { departmentIds: [departmentId], teamIds: [], locationIds: [], lineOf: [] },
    });
    expect(s.audienceLabels.departments).toEqual([{ id: departmentId, name: expect.stringContaining('department') as string }]);
    expect(s.questions.map((q) => [q.kind, q.driver, q.bankKey])).toEqual([
      ['scale5', 'recognition', 'recognition.valued'],
      ['scale10', 'enps', 'enps.recommend'],
      ['single', null, null],
      ['text', null, null],
    ]);
    expect(s.questions[0]!.text).toBe('I receive appropriate recognition when I do good work.');
    expect(s.questions[2]!.options).toEqual(['Office', 'Home', 'Both']);

    await db().updateTable('users').set({ locale: 'it' }).where('id', '=', org.adminId).execute();
    const italian = (await org.admin.get(`${API}/surveys/${s.id}`)).json<Detail>();
    expect(italian.questions[0]!.text).toBe('Ricevo il giusto riconoscimento quando lavoro bene.');
    expect(italian.questions[2]!.text).toBe('Where do you work most days?');

    const edited = await hr.client.patch(`${API}/surveys/${s.id}`, {
      title: 'Engagement, spring',
      anonymity: 'confidential',
      threshold: 6,
      commentThreshold: 8,
      audience: { all: true, teamIds: [] },
      recurrence: 'monthly',
      roundDays: 10,
      reminderDays: [5, 2],
      questions: [{ kind: 'scale5', text: 'I like Mondays.', driver: 'wellbeing' }, { bankKey: 'growth.learning' }],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      title: 'Engagement, spring',
      anonymity: 'confidential',
      threshold: 6,
      commentThreshold: 8,
      audience: { all: true },
      recurrence: 'monthly',
      reminderDays: [2, 5],
      questions: [
        { kind: 'scale5', driver: 'wellbeing', text: 'I like Mondays.' },
        { kind: 'scale5', driver: 'growth', bankKey: 'growth.learning' },
      ],
    });

    expect((await hr.client.delete(`${API}/surveys/${s.id}`)).json()).toEqual({ ok: true });
    expectError(await hr.client.get(`${API}/surveys/${s.id}`), 404, 'NOT_FOUND');
  });

  it('refuses bad questions and settings with the reason', async () => {
    const org = await createOrg(t);
    const hr = await hrOf(org);
    const post = (body: Record<string, unknown>) => hr.client.post(`${API}/surveys`, draft(body));

    expectError(await post({ questions: [{ bankKey: 'recognition.nope' }] }), 400, 'UNKNOWN_BANK_KEY');
    expectError(await post({ questions: [{ kind: 'single', text: 'Pick one' }] }), 400, 'OPTIONS_REQUIRED');
    expectError(await post({ questions: [{ kind: 'multi', text: 'Pick', options: ['One'] }] }), 400, 'OPTIONS_REQUIRED');
    expectError(await post({ questions: [{ kind: 'scale10', text: 'Rate us', options: ['0', '10'] }] }), 400, 'OPTIONS_NOT_ALLOWED');
    expectError(await post({ questions: [{ kind: 'text' }] }), 400, 'QUESTION_TEXT_REQUIRED');
    expectError(await post({ questions: [{ text: 'No kind' }] }), 400, 'QUESTION_KIND_REQUIRED');
    expectError(await post({ questions: [{ bankKey: 'growth.career' }, { bankKey: 'growth.career' }] }), 400, 'DUPLICATE_QUESTION');
    expectError(await post({ questions: [{ bankKey: 'growth.career', text: 'Reworded' }] }), 400, 'BANK_QUESTION_FIXED');
    expectError(await post({ questions: [{ kind: 'text', text: 'Why?', driver: 'growth' }] }), 400, 'DRIVER_NOT_ALLOWED');
    expectError(await post({ questions: [{ kind: 'scale10', text: 'Rate', driver: 'growth' }] }), 400, 'DRIVER_NOT_ALLOWED');
    expectError(await post({ questions: [{ bankKey: 'growth.career', pool: true }] }), 400, 'POOL_PULSE_ONLY');
    const tooMany = Array.from({ length: LISTENING_LIMITS.questions + 1 }, (_, i) => ({ kind: 'text', text: `Q${i}` }));
    const many = expectError(await post({ questions: tooMany }), 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(many)).toContain('questions');

    expectError(await post({ threshold: 6, commentThreshold: 5 }), 400, 'COMMENT_THRESHOLD_BELOW_THRESHOLD');
    expectError(await post({ threshold: 2 }), 400, 'VALIDATION_FAILED');
    expectError(await post({ recurrence: 'weekly', roundDays: 8 }), 400, 'ROUND_TOO_LONG');
    expectError(await post({ startsAt: '2030-05-01T00:00:00.000Z', endsAt: '2030-04-01T00:00:00.000Z' }), 400, 'ENDS_BEFORE_START');
    expectError(await post({ audience: { teamIds: ['0193a0c4-5b6e-7f00-8000-00000000000a'] } }), 422, 'AUDIENCE_UNKNOWN');
    expectError(await post({ kind: 'poll' }), 400, 'VALIDATION_FAILED');

    await hr.client.put(`${API}/settings`, { threshold: 7, commentThreshold: 7, leadershipIds: [] });
    expectError(await post({ threshold: 6, commentThreshold: 6 }), 422, 'THRESHOLD_BELOW_MINIMUM');
    const defaults = (await post({})).json<Detail>();
    expect([defaults.threshold, defaults.commentThreshold]).toEqual([7, 7]);
  });

  it('is for HR and administrators only', async () => {
    const org = await createOrg(t);
    const manager = await org.person({ roles: ['manager'] });
    expectError(await manager.client.post(`${API}/surveys`, draft()), 403, 'FORBIDDEN');
    expectError(await org.anonymous().post(`${API}/surveys`, draft()), 401, 'UNAUTHENTICATED');
  });
});

describe('scheduling', () => {
  it('refuses a survey that could never show results, or asks nothing, or nobody', async () => {
    const org = await createOrg(t);
    const hr = await hrOf(org);
    const small = await group(t, org, 3);
    const create = async (body: Record<string, unknown>) => (await hr.client.post(`${API}/surveys`, draft(body))).json<Detail>().id;
    const schedule = (id: string) => hr.client.post(`${API}/surveys/${id}/schedule`);

    expectError(await schedule(await create({ questions: [] })), 422, 'NO_QUESTIONS');
    expectError(await schedule(await create({ audience: {} })), 422, 'AUDIENCE_EMPTY');
    expectError(await schedule(await create({ audience: { teamIds: [(await group(t, org, 0)).teamId] } })), 422, 'AUDIENCE_EMPTY');
    const tooSmall = expectError(await schedule(await create({ audience: { teamIds: [small.teamId] } })), 422, 'AUDIENCE_TOO_SMALL');
    expect(tooSmall.message).toContain('results could never be shown');
    expect((tooSmall as unknown as { details: unknown }).details).toEqual({ invited: 3, threshold: 5 });
    expectError(
      await schedule(await create({ kind: 'pulse', questions: [{ bankKey: 'growth.career', pool: true }] })),
      422,
      'ROTATION_COUNT_REQUIRED',
    );

    // Attributed answers carry names anyway: a small audience is fine.
    const attributed = await schedule(await create({ anonymity: 'attributed', audience: { teamIds: [small.teamId] } }));
    expect(attributed.statusCode, attributed.body).toBe(200);
    // Fewer invited than the threshold: how many answered is not shown.
    expect(attributed.json<Detail>().currentRound).toMatchObject({ number: 1, invited: 3, responses: null });
  });

  it('opens the first round at once when the start has come, notifying everyone invited, and waits otherwise', async () => {
    const org = await createOrg(t);
    const hr = await hrOf(org);
    const team = await group(t, org, 6);
    const id = (await hr.client.post(`${API}/surveys`, draft({ audience: { teamIds: [team.teamId] } }))).json<Detail>().id;
    const res = await hr.client.post(`${API}/surveys/${id}/schedule`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json<Detail>();
    expect(s).toMatchObject({
      status: 'running',
      canEdit: true,
      canSchedule: false,
      canEnd: true,
      canDelete: false,
      questionsLocked: true,
    });
    expect(s.currentRound).toMatchObject({ number: 1, status: 'open', invited: 6, responses: 0 });
    expectError(await hr.client.post(`${API}/surveys/${id}/schedule`), 409, 'NOT_A_DRAFT');
    expectError(await hr.client.delete(`${API}/surveys/${id}`), 409, 'NOT_A_DRAFT');

    const sent = await surveyNotifications(t, org.orgId);
    expect(sent.map((n) => n.userId).sort()).toEqual(team.people.map((p) => p.id).sort());
    expect(sent[0]!.data).toEqual({ surveyId: id, roundId: s.currentRound!.id, title: 'Engagement 2026', kind: 'survey', reminder: false });
    expect(sent[0]!.actorId).toBeNull();

    const later = (
      await hr.client.post(`${API}/surveys`, draft({ audience: { all: true }, startsAt: days(3).toISOString() }))
    ).json<Detail>();
    const scheduled = (await hr.client.post(`${API}/surveys/${later.id}/schedule`)).json<Detail>();
    expect(scheduled).toMatchObject({ status: 'scheduled', currentRound: null, canEnd: true, canEdit: true });
    // A scheduled survey still changes freely, but must stay ready to run.
    expectError(await hr.client.patch(`${API}/surveys/${later.id}`, { questions: [] }), 422, 'NO_QUESTIONS');
    const retitled = await hr.client.patch(`${API}/surveys/${later.id}`, { title: 'Later', questions: [{ bankKey: 'peers.trust' }] });
    expect(retitled.json()).toMatchObject({ title: 'Later', status: 'scheduled', questions: [{ bankKey: 'peers.trust' }] });
  });
});

describe('a running survey', () => {
  async function running(org: TestOrg, hr: { client: TestOrg['admin'] }) {
    const team = await group(t, org, 6);
    const id = (await hr.client.post(`${API}/surveys`, draft({ audience: { teamIds: [team.teamId] } }))).json<Detail>().id;
    await hr.client.post(`${API}/surveys/${id}/schedule`);
    return { id, team };
  }

  it('never lowers its thresholds, raises them with an audit entry, and keeps its questions and audience', async () => {
    const org = await createOrg(t);
    const hr = await hrOf(org);
    const { id } = await running(org, hr);
    const patch = (body: Record<string, unknown>) => hr.client.patch(`${API}/surveys/${id}`, body);

    const lowered = expectError(await patch({ threshold: 4, commentThreshold: 4 }), 409, 'THRESHOLD_LOWERED');
    expect(lowered.message).toContain('only be raised');
    expectError(await patch({ threshold: 3 }), 409, 'THRESHOLD_LOWERED');
    expectError(await patch({ questions: [{ bankKey: 'peers.trust' }] }), 409, 'QUESTIONS_LOCKED');
    expectError(await patch({ audience: { all: true } }), 409, 'SURVEY_RUNNING');
    expectError(await patch({ anonymity: 'attributed' }), 409, 'SURVEY_RUNNING');

    const raised = await patch({ threshold: 6, title: 'Engagement (raised)', reminderDays: [3] });
    expect(raised.statusCode, raised.body).toBe(200);
    expect(raised.json()).toMatchObject({ threshold: 6, commentThreshold: 6, title: 'Engagement (raised)', reminderDays: [3] });
    const round = await db().selectFrom('surveyRounds').select('threshold').where('surveyId', '=', id).executeTakeFirstOrThrow();
    expect(round.threshold).toBe(6);
    // Six invited, at the raised threshold of six: how many answered may still be shown.
    expect(raised.json<Detail>().currentRound).toMatchObject({ invited: 6, responses: 0 });
    expectError(await patch({ commentThreshold: 5 }), 409, 'THRESHOLD_LOWERED');
    expect((await patch({ commentThreshold: 9 })).json()).toMatchObject({ threshold: 6, commentThreshold: 9 });

    const log = await db()
      .selectFrom('auditLog')
      .select(['actorId', 'targetId', 'data'])
      .where('orgId', '=', org.orgId)
      .where('action', '=', 'listening.survey.threshold_changed')
      .orderBy('createdAt')
      .orderBy('id')
      .execute();
    expect(log.map((l) => l.data)).toEqual([
      { before: { threshold: 5, commentThreshold: 5 }, after: { threshold: 6, commentThreshold: 6 } },
      { before: { threshold: 6, commentThreshold: 6 }, after: { threshold: 6, commentThreshold: 9 } },
    ]);
    expect(log.every((l) => l.targetId === id && l.actorId === hr.id)).toBe(true);
  });

  it('ends: its open round closes, who answered is forgotten, and nothing follows', async () => {
    const org = await createOrg(t);
    const hr = await hrOf(org);
    const { id } = await running(org, hr);
    const ended = await hr.client.post(`${API}/surveys/${id}/end`);
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ status: 'ended', canEnd: false, canEdit: false, currentRound: { status: 'closed' } });
    const answered = await db()
      .selectFrom('surveyAudience as a')
      .innerJoin('surveyRounds as r', 'r.id', 'a.roundId')
      .select('a.answered')
      .where('r.surveyId', '=', id)
      .execute();
    expect(answered.length).toBe(6);
    expect(answered.every((a) => a.answered === null)).toBe(true);
    expectError(await hr.client.post(`${API}/surveys/${id}/end`), 409, 'ALREADY_ENDED');
    expectError(await hr.client.patch(`${API}/surveys/${id}`, { title: 'Again' }), 409, 'SURVEY_ENDED');

    const fresh = (await hr.client.post(`${API}/surveys`, draft())).json<Detail>();
    expectError(await hr.client.post(`${API}/surveys/${fresh.id}/end`), 409, 'NOT_STARTED');
  });

  it('follows a new end: a one-off round closes when the survey ends', async () => {
    const org = await createOrg(t);
    const hr = await hrOf(org);
    const { id } = await running(org, hr);
    const endsAt = days(2);
    expectError(await hr.client.patch(`${API}/surveys/${id}`, { endsAt: days(-1).toISOString() }), 422, 'ENDS_IN_PAST');
    const res = await hr.client.patch(`${API}/surveys/${id}`, { endsAt: endsAt.toISOString() });
    expect(res.statusCode, res.body).toBe(200);
    const round = await db().selectFrom('surveyRounds').select('closesAt').where('surveyId', '=', id).executeTakeFirstOrThrow();
    expect(round.closesAt.getTime()).toBe(endsAt.getTime());
  });
});

describe('the survey list', () => {
  it('pages newest first, filters by kind and status, and shows each survey’s current round', async () => {
    const org = await createOrg(t);
    const hr = await hrOf(org);
    const team = await group(t, org, 5);
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      ids.push(
        (
          await hr.client.post(
            `${API}/surveys`,
            draft({ title: `Survey ${i}`, kind: i % 2 ? 'pulse' : 'survey', audience: { teamIds: [team.teamId] } }),
          )
        ).json<Detail>().id,
      );
    }
    await hr.client.post(`${API}/surveys/${ids[4]}/schedule`);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Detail[]; nextCursor: string | null } = (
        await hr.client.get(`${API}/surveys?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());

    const pulses = (await hr.client.get(`${API}/surveys?kind=pulse`)).json<{ items: Detail[] }>();
    expect(pulses.items.map((s) => s.title)).toEqual(['Survey 3', 'Survey 1']);
    const live = (await hr.client.get(`${API}/surveys?status=running`)).json<{ items: Detail[] }>();
    expect(live.items).toHaveLength(1);
    expect(live.items[0]).toMatchObject({ id: ids[4], currentRound: { number: 1, invited: 5, responses: 0 }, canSeeResults: true });
    expectError(await hr.client.get(`${API}/surveys?cursor=nonsense`), 400, 'INVALID_CURSOR');

    const rounds = (await hr.client.get(`${API}/surveys/${ids[4]}/rounds`)).json<{ items: unknown[]; nextCursor: string | null }>();
    expect(rounds).toMatchObject({
      items: [{ number: 1, status: 'open', invited: 5, responses: 0, questions: 4, threshold: 5 }],
      nextCursor: null,
    });
  });

  it('previews how many people an audience invites', async () => {
    const org = await createOrg(t);
    const hr = await hrOf(org);
    const a = await group(t, org, 4);
    const b = await group(t, org, 3);
    const preview = async (audience: Record<string, unknown>) =>
      (await hr.client.post(`${API}/audience/preview`, { audience })).json<{ invited: number }>().invited;
    expect(await preview({ teamIds: [a.teamId] })).toBe(4);
    expect(await preview({ teamIds: [a.teamId], departmentIds: [b.departmentId] })).toBe(7);
    expect(await preview({})).toBe(0);
    // Everyone active: the two groups, HR and the administrator.
    expect(await preview({ all: true })).toBe(9);
    expectError(
      await hr.client.post(`${API}/audience/preview`, { audience: { locationIds: ['0193a0c4-5b6e-7f00-8000-00000000000b'] } }),
      422,
      'AUDIENCE_UNKNOWN',
    );
  });
});
