import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, testApp, type TestApp, type TestOrg } from '../../test/helpers.js';
import { answerAs } from './listening.test-helpers.js';
import { ensureSurveySchedule } from './surveys.jobs.js';
import { addMonths } from './surveys.schedule.js';
import { days, group, surveyNotifications, tick } from './surveys.test-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const db = () => t.app.ctx.db;
const API = '/api/listening';
const minute = (d: Date) => new Date(d.getTime() + 60_000);

async function hrOf(org: TestOrg) {
  return (await org.person({ roles: ['hr'], name: 'Helga HR' })).client;
}

/** Creates and schedules a survey for a new team of `size`; returns its id, the team and the time just before. */
async function scheduled(org: TestOrg, body: Record<string, unknown>, size = 6) {
  const hr = await hrOf(org);
  const team = await group(t, org, size);
  const before = new Date();
  const created = await hr.post(`${API}/surveys`, {
    kind: 'survey',
    title: 'Pulse check',
    questions: [{ bankKey: 'workload.manageable' }],
    audience: { teamIds: [team.teamId] },
    ...body,
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json<{ id: string }>().id;
  const res = await hr.post(`${API}/surveys/${id}/schedule`);
  expect(res.statusCode, res.body).toBe(200);
  return { id, team, before, hr };
}

async function survey(id: string) {
  return db().selectFrom('surveys').select(['status']).where('id', '=', id).executeTakeFirstOrThrow();
}

async function rounds(id: string) {
  return db()
    .selectFrom('surveyRounds')
    .select(['id', 'number', 'status', 'opensAt', 'closesAt', 'questionIds', 'invited', 'remindersSent'])
    .where('surveyId', '=', id)
    .orderBy('number')
    .execute();
}

describe('the survey tick', () => {
  it('is queued once, however many nodes start', async () => {
    await Promise.all([ensureSurveySchedule(db()), ensureSurveySchedule(db()), ensureSurveySchedule(db())]);
    const pending = await db()
      .selectFrom('jobs')
      .select('id')
      .where('kind', '=', 'listening.tick')
      .where('status', '=', 'pending')
      .execute();
    expect(pending).toHaveLength(1);
    // A run queues the next one, a minute on, and only one.
    await t.app.ctx.worker.runDue();
    const next = await db()
      .selectFrom('jobs')
      .select(['runAt'])
      .where('kind', '=', 'listening.tick')
      .where('status', '=', 'pending')
      .execute();
    expect(next).toHaveLength(1);
    expect(next[0]!.runAt.getTime()).toBeGreaterThan(Date.now());
    expect(next[0]!.runAt.getTime() % 60_000).toBe(0);
  });

  it('opens a scheduled survey when its start comes, and tells everyone invited', async () => {
    const org = await createOrg(t);
    const startsAt = days(2);
    const { id, team } = await scheduled(org, { startsAt: startsAt.toISOString() });
    expect((await survey(id)).status).toBe('scheduled');
    await tick(t, days(1));
    expect(await rounds(id)).toHaveLength(0);
    await tick(t, minute(startsAt));
    expect((await survey(id)).status).toBe('running');
    const [round] = await rounds(id);
    expect(round).toMatchObject({ number: 1, status: 'open', invited: 6 });
    expect(round!.opensAt.getTime()).toBe(minute(startsAt).getTime());
    const sent = await surveyNotifications(t, org.orgId);
    expect(sent.map((n) => n.userId).sort()).toEqual(team.people.map((p) => p.id).sort());
    expect(sent.every((n) => n.data.roundId === round!.id && n.data.reminder === false)).toBe(true);
  });

  it('closes a one-off round when its time is up, forgets who answered, keeps the answers and ends the survey', async () => {
    const org = await createOrg(t);
    const { id, team, before } = await scheduled(org, { roundDays: 3 });
    const [round] = await rounds(id);
    for (const p of team.people.slice(0, 2)) {
      await answerAs(db(), round!.id, p.id, [{ questionId: round!.questionIds[0]!, value: 4 }]);
    }
    await tick(t, days(2, before));
    expect((await rounds(id))[0]!.status).toBe('open');
    await tick(t, minute(days(3, before)));
    expect((await rounds(id))[0]!.status).toBe('closed');
    expect((await survey(id)).status).toBe('ended');
    const audience = await db().selectFrom('surveyAudience').select('answered').where('roundId', '=', round!.id).execute();
    expect(audience).toHaveLength(6);
    expect(audience.every((a) => a.answered === null)).toBe(true);
    const sheets = await db().selectFrom('surveySheets').select('id').where('roundId', '=', round!.id).execute();
    expect(sheets).toHaveLength(2);
  });

  it('opens a weekly pulse’s rounds on time, rotating the pool, until its end', async () => {
    const org = await createOrg(t);
    const now = new Date();
    const { id } = await scheduled(org, {
      kind: 'pulse',
      recurrence: 'weekly',
      roundDays: 5,
      rotateCount: 2,
      endsAt: days(20, now).toISOString(),
      questions: [
        { bankKey: 'enps.recommend' },
        { bankKey: 'growth.learning', pool: true },
        { bankKey: 'peers.trust', pool: true },
        { bankKey: 'workload.manageable', pool: true },
      ],
    });
    const questions = await db()
      .selectFrom('surveyQuestions')
      .select(['id', 'bankKey'])
      .where('surveyId', '=', id)
      .orderBy('position')
      .execute();
    const keysOf = (ids: string[]) => ids.map((q) => questions.find((x) => x.id === q)!.bankKey);

    await tick(t, minute(days(5, now)));
    let all = await rounds(id);
    expect(all.map((r) => r.status)).toEqual(['closed']);
    expect((await survey(id)).status).toBe('running');

    await tick(t, days(6, now));
    expect(await rounds(id)).toHaveLength(1);
    await tick(t, minute(days(7, now)));
    await tick(t, minute(days(14, now)));
    all = await rounds(id);
    expect(all.map((r) => [r.number, r.status])).toEqual([
      [1, 'closed'],
      [2, 'closed'],
      [3, 'open'],
    ]);
    expect(all.map((r) => keysOf(r.questionIds))).toEqual([
      ['enps.recommend', 'growth.learning', 'peers.trust'],
      ['enps.recommend', 'growth.learning', 'workload.manageable'],
      ['enps.recommend', 'peers.trust', 'workload.manageable'],
    ]);
    // Round three closes after its five days, and no fourth round comes: the fourth week starts after the end.
    expect(all[2]!.closesAt.getTime()).toBe(all[2]!.opensAt.getTime() + 5 * 86_400_000);
    await tick(t, minute(days(21, now)));
    all = await rounds(id);
    expect(all).toHaveLength(3);
    expect(all[2]!.status).toBe('closed');
    expect((await survey(id)).status).toBe('ended');

    // Everyone invited heard of each round.
    const sent = await surveyNotifications(t, org.orgId);
    expect(sent.filter((n) => n.data.surveyId === id)).toHaveLength(18);
  });

  it('opens a monthly round a calendar month after the first', async () => {
    const org = await createOrg(t);
    const { id } = await scheduled(org, { kind: 'pulse', recurrence: 'monthly', roundDays: 5 });
    const [first] = await rounds(id);
    const due = addMonths(first!.opensAt, 1);
    await tick(t, new Date(due.getTime() - 60_000));
    expect(await rounds(id)).toHaveLength(1);
    await tick(t, due);
    const all = await rounds(id);
    expect(all.map((r) => r.number)).toEqual([1, 2]);
    expect(all[1]!.opensAt.getTime()).toBe(due.getTime());
  });

  it('closes a round still open when the next is due, before opening the next', async () => {
    const org = await createOrg(t);
    const { id } = await scheduled(org, { kind: 'pulse', recurrence: 'weekly', roundDays: 7 });
    const [first] = await rounds(id);
    // A tick right on the next opening, a moment before the first round's own close.
    await tick(t, new Date(first!.opensAt.getTime() + 7 * 86_400_000));
    const all = await rounds(id);
    expect(all.map((r) => [r.number, r.status])).toEqual([
      [1, 'closed'],
      [2, 'open'],
    ]);
  });

  it('runs once when two nodes tick at the same moment', async () => {
    const org = await createOrg(t);
    const { id, before } = await scheduled(org, { kind: 'pulse', recurrence: 'weekly', roundDays: 3 });
    const at = minute(days(7, before));
    await Promise.all([tick(t, at), tick(t, at), tick(t, at)]);
    const all = await rounds(id);
    expect(all.map((r) => r.number)).toEqual([1, 2]);
    const sent = await surveyNotifications(t, org.orgId);
    expect(sent.filter((n) => n.data.roundId === all[1]!.id)).toHaveLength(6);
  });

  it('ends a scheduled survey whose whole time went by unopened', async () => {
    const org = await createOrg(t);
    const { id } = await scheduled(org, { startsAt: days(1).toISOString(), endsAt: days(2).toISOString() });
    await tick(t, days(3));
    expect((await survey(id)).status).toBe('ended');
    expect(await rounds(id)).toHaveLength(0);
  });
});

describe('reminders', () => {
  it('go on their days, in one batch, only to those who have not answered, and never to one person alone', async () => {
    const org = await createOrg(t);
    const { id, team, before } = await scheduled(org, { roundDays: 7, reminderDays: [2, 4] });
    const [round] = await rounds(id);
    const answer = (userId: string) => answerAs(db(), round!.id, userId, [{ questionId: round!.questionIds[0]!, value: 3 }]);
    for (const p of team.people.slice(0, 4)) {
      await answer(p.id);
    }
    const reminders = async () => (await surveyNotifications(t, org.orgId)).filter((n) => n.data.reminder);

    await tick(t, days(1, before));
    expect(await reminders()).toHaveLength(0);
    await tick(t, minute(days(2, before)));
    const first = await reminders();
    expect(first.map((n) => n.userId).sort()).toEqual(
      team.people
        .slice(4)
        .map((p) => p.id)
        .sort(),
    );
    expect(first[0]!.data).toEqual({ surveyId: id, roundId: round!.id, title: 'Pulse check', kind: 'survey', reminder: true });
    // The same day again, or a second node: nothing more.
    await Promise.all([tick(t, minute(days(3, before))), tick(t, minute(days(3, before)))]);
    expect(await reminders()).toHaveLength(2);

    // One person left: no reminder at all, and the day counts as done.
    await answer(team.people[4]!.id);
    await tick(t, minute(days(4, before)));
    expect(await reminders()).toHaveLength(2);
    expect((await rounds(id))[0]!.remindersSent).toBe(2);

    // Once the round has closed, the reminders (which said who had not answered yet) are gone too.
    await tick(t, minute(days(8, before)));
    expect((await rounds(id))[0]!.status).toBe('closed');
    expect(await reminders()).toHaveLength(0);
    expect((await surveyNotifications(t, org.orgId)).filter((n) => !n.data.reminder).length).toBeGreaterThan(0);
  });
});
