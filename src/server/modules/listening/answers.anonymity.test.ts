import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notice, RealtimeEvent } from '../../platform/events.js';
import { newId } from '../../platform/ids.js';
import { createOrg, testApp, type Client, type TestApp, type TestOrg } from '../../test/helpers.js';
import { insertSurvey, openTestRound, type QuestionSpec } from './listening.test-helpers.js';

/**
 * The promise of an anonymous answer, checked where it could break: the tables that hold answers,
 * the logs, the job queue, the event bus, the audit log and notifications.
 */

/** Every line the server logs, at the most talkative level. */
const logLines: string[] = [];
let t: TestApp;
beforeAll(async () => {
  t = await testApp({}, { env: { LOG_LEVEL: 'trace' }, logStream: { write: (line) => void logLines.push(line) } });
});
afterAll(() => t.close());

const db = () => t.app.ctx.db;

const QUESTIONS: QuestionSpec[] = [
  { kind: 'scale5', driver: 'wellbeing', bankKey: 'wellbeing.balance' },
  { kind: 'scale10', driver: 'enps', bankKey: 'enps.recommend' },
  { kind: 'single', text: 'Which office?', options: ['North', 'South'] },
  { kind: 'multi', text: 'What helps?', options: ['A', 'B', 'C'] },
  { kind: 'text', text: 'Anything else?', required: false },
];

async function orgOfSix(t: TestApp): Promise<{ org: TestOrg; people: { id: string; email: string; client: Client }[] }> {
  const org = await createOrg(t);
  const people = [];
  for (let i = 0; i < 6; i++) {
    people.push(await org.person({ name: `Respondent ${i} ${org.host}` }));
  }
  return { org, people };
}

const answersFor = (ids: string[], comment: string) => [
  { questionId: ids[0]!, value: 2 },
  { questionId: ids[1]!, value: 6 },
  { questionId: ids[2]!, choices: [1] },
  { questionId: ids[3]!, choices: [0, 2] },
  { questionId: ids[4]!, text: comment },
];

describe('anonymous answer tables', () => {
  it('have no column that could name a person or a moment, only the expected ones', async () => {
    const { rows } = await sql<{ tableName: string; columnName: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema() and table_name in ('survey_sheets', 'survey_answers')
      order by table_name, ordinal_position`.execute(db());
    const columns = (table: string) => rows.filter((r) => r.tableName === table).map((r) => r.columnName);
    expect(columns('survey_sheets').sort()).toEqual(['department_id', 'id', 'line_id', 'location_id', 'round_id', 'team_id']);
    expect(columns('survey_answers').sort()).toEqual(['choices', 'question_id', 'sheet_id', 'text', 'value']);
    const telling = /user|author|owner|person|people|session|ip|agent|created|updated|_at$|^at$|time|date|seq|request/i;
    expect(rows.map((r) => r.columnName).filter((c) => telling.test(c))).toEqual([]);

    // Nothing copies a row elsewhere as it is written.
    const { rows: triggers } = await sql<{ triggerName: string }>`
      select trigger_name from information_schema.triggers
      where event_object_schema = current_schema() and event_object_table in ('survey_sheets', 'survey_answers')`.execute(db());
    expect(triggers).toEqual([]);
  });

  it('gives sheets random (version 4) ids, never time-ordered ones', async () => {
    const { org, people } = await orgOfSix(t);
    const { surveyId, questionIds } = await insertSurvey(db(), org.orgId, { questions: QUESTIONS, threshold: 3 });
    const { roundId } = await openTestRound(db(), surveyId);
    for (const p of people) {
      const res = await p.client.post(`/api/listening/rounds/${roundId}/answers`, { answers: answersFor(questionIds, '') });
      expect(res.statusCode, res.body).toBe(201);
    }
    const ids = (await db().selectFrom('surveySheets').select('id').where('roundId', '=', roundId).execute()).map((r) => r.id);
    expect(ids).toHaveLength(6);
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });
});

describe('who answered an anonymous survey', () => {
  it('is kept with the sheet for a confidential survey, and nowhere near it for an anonymous one', async () => {
    const { org, people } = await orgOfSix(t);
    const me = people[0]!;

    const confidential = await insertSurvey(db(), org.orgId, { questions: QUESTIONS, threshold: 3, anonymity: 'confidential' });
    const c = await openTestRound(db(), confidential.surveyId);
    expect(
      (await me.client.post(`/api/listening/rounds/${c.roundId}/answers`, { answers: answersFor(confidential.questionIds, 'ok') }))
        .statusCode,
    ).toBe(201);
    const owners = await db()
      .selectFrom('surveySheetOwners as o')
      .innerJoin('surveySheets as s', 's.id', 'o.sheetId')
      .select('o.userId')
      .where('s.roundId', '=', c.roundId)
      .execute();
    expect(owners).toEqual([{ userId: me.id }]);

    const anonymous = await insertSurvey(db(), org.orgId, { questions: QUESTIONS, threshold: 3, anonymity: 'anonymous' });
    const a = await openTestRound(db(), anonymous.surveyId);
    expect(
      (await me.client.post(`/api/listening/rounds/${a.roundId}/answers`, { answers: answersFor(anonymous.questionIds, 'ok') })).statusCode,
    ).toBe(201);
    const sheets = await db().selectFrom('surveySheets').select('id').where('roundId', '=', a.roundId).execute();
    expect(sheets).toHaveLength(1);
    const anonymousOwners = await db().selectFrom('surveySheetOwners').select('userId').where('sheetId', '=', sheets[0]!.id).execute();
    expect(anonymousOwners).toEqual([]);
    // Every owner row of the organisation is the confidential one.
    const all = await db()
      .selectFrom('surveySheetOwners as o')
      .innerJoin('surveySheets as s', 's.id', 'o.sheetId')
      .select('s.roundId')
      .where('o.userId', '=', me.id)
      .execute();
    expect(all).toEqual([{ roundId: c.roundId }]);
  });

  it('leaves no trace of the respondent in logs, jobs, bus messages, the audit log or notifications', () => proveNoTrace(t, logLines));
});

const redisUrl = process.env.TEST_REDIS_URL;

describe.skipIf(!redisUrl)('who answered, with nodes sharing Redis', () => {
  const prefix = `tessuto-test-${newId()}:`;
  const lines: string[] = [];
  const messages: string[] = [];
  let withRedis: TestApp;
  let subscriber: Redis;
  let client: Redis;

  beforeAll(async () => {
    withRedis = await testApp(
      { redisUrl, redisPrefix: prefix },
      { env: { LOG_LEVEL: 'trace' }, logStream: { write: (line) => void lines.push(line) } },
    );
    await withRedis.app.ctx.bus.ready?.();
    client = new Redis(redisUrl!);
    subscriber = new Redis(redisUrl!);
    subscriber.on('message', (_channel: string, message: string) => void messages.push(message));
    await subscriber.subscribe(`${prefix}realtime`);
  });
  afterAll(async () => {
    await withRedis.close();
    await subscriber.quit();
    const keys = await client.keys(`${prefix}*`);
    if (keys.length > 0) {
      await client.del(...keys);
    }
    await client.quit();
  });

  it('leaves no trace of the respondent in the messages between nodes or in the answer counters', async () => {
    // Only the counters of the listening routes: the general limit counts every request by person.
    const keys = async () => (await client.keys(`${prefix}*`)).filter((k) => k.includes('/api/listening/'));
    await proveNoTrace(withRedis, lines, { messages, keys });
    expect(messages.length).toBeGreaterThan(0);
    expect((await keys()).some((k) => k.includes('answers'))).toBe(true);
  });
});

/** Extra places to search when the app runs with Redis: the raw messages of its channel and its keys. */
interface RedisPlaces {
  messages: string[];
  keys: () => Promise<string[]>;
}

/**
 * Answers an anonymous survey (with a refused and a repeated attempt around it), runs the job worker,
 * and searches everything written meanwhile for the respondent's id, e-mail, session, CSRF token,
 * address and the comment's text.
 */
async function proveNoTrace(t: TestApp, logLines: string[], redis?: RedisPlaces) {
  const db = () => t.app.ctx.db;
  const { org, people } = await orgOfSix(t);

  const me = people[2]!;
  const { surveyId, questionIds } = await insertSurvey(db(), org.orgId, { questions: QUESTIONS, threshold: 3 });
  const { roundId } = await openTestRound(db(), surveyId);
  const sessionToken = me.client.cookie!.split('=')[1]!;
  const secrets = {
    userId: me.id,
    email: me.email,
    session: sessionToken,
    csrf: me.client.csrf!,
    ip: me.client.remoteAddress,
  };
  expect(Object.values(secrets).every((v) => typeof v === 'string' && v.length >= 6)).toBe(true);
  const marker = `marker${me.id.replaceAll('-', '').slice(-12)}`;
  const comment = `My private comment ${marker} with <b>markup</b>`;

  // What exists before the answer.
  const [jobsBefore, auditBefore, notificationsBefore, eventsBefore] = await Promise.all([
    db().selectFrom('jobs').select('id').execute(),
    db().selectFrom('auditLog').select('id').execute(),
    db().selectFrom('notifications').select('id').execute(),
    db().selectFrom('realtimeEvents').select('id').execute(),
  ]);
  const bus: string[] = [];
  const offEvents = t.app.ctx.bus.subscribe((e: RealtimeEvent) => void bus.push(JSON.stringify(e)));
  const offNotices = t.app.ctx.bus.onNotice((n: Notice) => void bus.push(JSON.stringify(n)));
  const logFrom = logLines.length;

  // Everything a respondent does: open the round, fetch the comment check, a refused answer, the answer, a repeat.
  expect((await me.client.get(`/api/listening/rounds/${roundId}`)).statusCode).toBe(200);
  expect((await me.client.get(`/api/listening/rounds/${roundId}/identifying-terms`)).statusCode).toBe(200);
  const refused = await me.client.post(`/api/listening/rounds/${roundId}/answers`, {
    answers: [...answersFor(questionIds, comment), { questionId: questionIds[0]!, value: 99 }],
  });
  expect(refused.statusCode).toBe(400);
  const malformed = await me.client.request('POST', `/api/listening/rounds/${roundId}/answers`, `{"answers": "${comment}`, {
    'content-type': 'application/json',
  });
  expect(malformed.statusCode).toBe(400);
  const answered = await me.client.post(`/api/listening/rounds/${roundId}/answers`, { answers: answersFor(questionIds, comment) });
  expect(answered.statusCode, answered.body).toBe(201);
  expect((await me.client.post(`/api/listening/rounds/${roundId}/answers`, { answers: answersFor(questionIds, comment) })).statusCode).toBe(
    409,
  );
  await t.app.ctx.worker.runDue();

  // The capture works: another person's ordinary request is logged with their address, and the bus carried the write's notice.
  const other = people[3]!.client;
  expect((await other.get('/api/listening/me/open')).statusCode).toBe(200);
  expect(logLines.slice(logFrom).join('')).toContain(other.remoteAddress);
  expect(bus.length).toBeGreaterThan(0);
  offEvents();
  offNotices();

  const [jobs, audit, notifications, events] = await Promise.all([
    db()
      .selectFrom('jobs')
      .selectAll()
      .where('id', 'not in', ['00000000-0000-0000-0000-000000000000', ...jobsBefore.map((r) => r.id)])
      .execute(),
    db()
      .selectFrom('auditLog')
      .selectAll()
      .where('id', 'not in', ['00000000-0000-0000-0000-000000000000', ...auditBefore.map((r) => r.id)])
      .execute(),
    db()
      .selectFrom('notifications')
      .selectAll()
      .where('id', 'not in', ['00000000-0000-0000-0000-000000000000', ...notificationsBefore.map((r) => r.id)])
      .execute(),
    db()
      .selectFrom('realtimeEvents')
      .selectAll()
      .where('id', 'not in', [-1, ...eventsBefore.map((r) => r.id)])
      .execute(),
  ]);
  const places: Record<string, string> = {
    ...(redis ? { redisMessages: redis.messages.join('\n'), redisKeys: (await redis.keys()).join('\n') } : {}),
    logs: logLines.slice(logFrom).join(''),
    jobs: JSON.stringify(jobs),
    bus: bus.join('\n'),
    audit: JSON.stringify(audit),
    notifications: JSON.stringify(notifications),
    realtimeEvents: JSON.stringify(events),
  };
  const leaks: string[] = [];
  for (const [place, text] of Object.entries(places)) {
    for (const [name, secret] of Object.entries({ ...secrets, comment: marker })) {
      if (text.toLowerCase().includes(secret.toLowerCase())) {
        leaks.push(`${name} in ${place}`);
      }
    }
  }
  expect(leaks).toEqual([]);
  // The round's id is not logged either: nothing says when somebody opened or answered it.
  expect(places.logs).not.toContain(roundId);
}
