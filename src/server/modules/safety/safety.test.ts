import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { createOrg, testApp, type Client, type TestApp, type TestOrg } from '../../test/helpers.js';
import type { CheckDetail, CheckPerson, MyCheck } from './safety.schemas.js';
import { runSafetyTick } from './safety.service.js';

let t: TestApp;
const db = () => t.app.ctx.db;
type Person = { id: string; client: Client };

beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.close();
});

async function insertLocation(org: TestOrg, name: string): Promise<string> {
  const id = newId();
  await db().insertInto('locations').values({ id, orgId: org.orgId, name }).execute();
  return id;
}

async function place(org: TestOrg, userId: string, changes: { locationId?: string | null; locale?: string; status?: 'deactivated' }) {
  await db().updateTable('users').set(changes).where('orgId', '=', org.orgId).where('id', '=', userId).execute();
}

async function notifications(org: TestOrg, userId?: string) {
  const rows = await db()
    .selectFrom('notifications')
    .select(['userId', 'actorId', 'data'])
    .where('orgId', '=', org.orgId)
    .where('type', '=', 'safety_check')
    .$if(userId !== undefined, (qb) => qb.where('userId', '=', userId!))
    .execute();
  return rows.map((r) => ({ ...r, data: (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as Record<string, unknown> }));
}

async function jobs<P>(org: TestOrg, kind: string): Promise<P[]> {
  const rows = await db().selectFrom('jobs').select('payload').where('orgId', '=', org.orgId).where('kind', '=', kind).execute();
  return rows.map((r) => (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as P);
}

async function realtime(org: TestOrg, channel: string) {
  return db()
    .selectFrom('realtimeEvents')
    .select(['type', 'payload'])
    .where('orgId', '=', org.orgId)
    .where('channel', '=', channel)
    .where('type', '=', 'safety.changed')
    .execute();
}

/** An organisation with two sites: Milan (Anna, Bruno), Turin (Carla), Dario nowhere, Elena in Rome. */
async function site() {
  const org = await createOrg(t);
  const operator = await org.person({ roles: ['safety'], name: 'Olga Operator' });
  const milan = await insertLocation(org, 'Milan');
  const turin = await insertLocation(org, 'Turin');
  const rome = await insertLocation(org, 'Rome');
  const anna = await org.person({ name: 'Anna' });
  const bruno = await org.person({ name: 'Bruno' });
  const carla = await org.person({ name: 'Carla' });
  const dario = await org.person({ name: 'Dario' });
  const elena = await org.person({ name: 'Elena' });
  const gone = await org.person({ name: 'Gino' });
  await place(org, anna.id, { locationId: milan });
  await place(org, bruno.id, { locationId: milan, locale: 'it' });
  await place(org, carla.id, { locationId: turin });
  await place(org, elena.id, { locationId: rome });
  await place(org, gone.id, { locationId: milan, status: 'deactivated' });
  return { org, operator, milan, turin, rome, anna, bruno, carla, dario, elena };
}

async function start(operator: Person, body: Record<string, unknown>): Promise<CheckDetail> {
  const res = await operator.client.post('/api/safety/checks', { title: 'Fire alarm in Milan', drill: false, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<CheckDetail>();
}

describe('starting a safety check', () => {
  it('asks everyone active at the chosen locations and on the list, each once, in the app, by e-mail and by push', async () => {
    const s = await site();
    const check = await start(s.operator, {
      drill: true,
      message: 'Gather at the car park.',
      locationIds: [s.milan, s.turin, s.milan],
      userIds: [s.anna.id, s.dario.id],
    });
    expect(check.counts).toEqual({ total: 4, safe: 0, help: 0, pending: 4 });
    expect(check).toMatchObject({ status: 'open', drill: true, startedBy: { id: s.operator.id, name: 'Olga Operator' } });

    const notified = await notifications(s.org);
    expect(notified.map((n) => n.userId).sort()).toEqual([s.anna.id, s.bruno.id, s.carla.id, s.dario.id].sort());
    expect(notified[0]?.data).toMatchObject({ variant: 'started', title: 'Fire alarm in Milan', link: `/safety/${check.id}` });

    const mails = await jobs<{ to: string; subject: string; text: string }>(s.org, 'mail.send');
    expect(mails).toHaveLength(4);
    const italian = mails.find((m) => m.subject.startsWith('Esercitazione: Stai bene?'));
    expect(italian?.text).toContain('Gather at the car park.');
    expect(mails.filter((m) => m.subject.startsWith('Drill: Are you safe?'))).toHaveLength(3);
    expect(mails[0]?.text).toContain(`/safety/${check.id}`);

    const pushes = await jobs<{ userIds: string[]; title: string; url: string; tag: string }>(s.org, 'push.send');
    expect(pushes.flatMap((p) => p.userIds).sort()).toEqual([s.anna.id, s.bruno.id, s.carla.id, s.dario.id].sort());
    expect(pushes.find((p) => p.userIds.includes(s.bruno.id))?.title).toBe('Esercitazione: Stai bene?');
    expect(pushes[0]).toMatchObject({ url: `/safety/${check.id}`, tag: `safety-${check.id}` });

    expect(await realtime(s.org, 'org')).toEqual([{ type: 'safety.changed', payload: { checkId: check.id } }]);
  });

  it('refuses a check that asks nobody, names unknown locations or people, or has a blank title', async () => {
    const s = await site();
    const post = (body: Record<string, unknown>) => s.operator.client.post('/api/safety/checks', { title: 'Flood', drill: false, ...body });
    const code = async (body: Record<string, unknown>) => {
      const res = await post(body);
      return [res.statusCode, res.json<{ error: { code: string } }>().error.code];
    };
    expect(await code({})).toEqual([400, 'NO_PEOPLE']);
    expect(await code({ locationIds: [], userIds: [] })).toEqual([400, 'NO_PEOPLE']);
    const empty = await insertLocation(s.org, 'Empty office');
    expect(await code({ locationIds: [empty] })).toEqual([400, 'NO_PEOPLE']);
    expect(await code({ locationIds: [newId()] })).toEqual([400, 'AUDIENCE_UNKNOWN']);
    expect(await code({ userIds: [newId()] })).toEqual([400, 'AUDIENCE_UNKNOWN']);
    expect(await code({ title: '   ', userIds: [s.anna.id] })).toEqual([400, 'EMPTY_TITLE']);
    expect((await post({ userIds: ['nope'] })).statusCode).toBe(400);
    expect((await post({ userIds: [s.anna.id], reminderMinutes: 1 })).statusCode).toBe(400);
    expect((await post({ userIds: [s.anna.id], title: 'x'.repeat(201) })).statusCode).toBe(400);
    expect((await s.operator.client.post('/api/safety/checks', { title: 'No drill flag', userIds: [s.anna.id] })).statusCode).toBe(400);
    // A location of another organisation is unknown here.
    const other = await createOrg(t);
    expect(await code({ locationIds: [await insertLocation(other, 'Elsewhere')] })).toEqual([400, 'AUDIENCE_UNKNOWN']);
    expect(await db().selectFrom('safetyChecks').select('id').where('orgId', '=', s.org.orgId).execute()).toEqual([]);
  });

  it('answers 403 to people who do not operate safety checks, and lets administrators and safety operators in', async () => {
    const s = await site();
    const hr = await s.org.person({ roles: ['hr', 'communications', 'manager'] });
    const body = { title: 'Storm', drill: true, userIds: [s.anna.id] };
    expect((await hr.client.post('/api/safety/checks', body)).statusCode).toBe(403);
    expect((await s.anna.client.get('/api/safety/checks')).statusCode).toBe(403);
    const check = await start(s.operator, { userIds: [s.anna.id] });
    for (const url of [
      `/api/safety/checks/${check.id}`,
      `/api/safety/checks/${check.id}/people`,
      `/api/safety/checks/${check.id}/report.csv`,
    ]) {
      expect((await s.anna.client.get(url)).statusCode).toBe(403);
    }
    expect((await s.anna.client.post(`/api/safety/checks/${check.id}/close`)).statusCode).toBe(403);
    expect((await s.anna.client.post(`/api/safety/checks/${check.id}/remind`)).statusCode).toBe(403);
    expect((await s.org.admin.get(`/api/safety/checks/${check.id}`)).statusCode).toBe(200);
    expect((await s.org.admin.post('/api/safety/checks', body)).statusCode).toBe(201);
  });
});

describe('answering a safety check', () => {
  it('takes "I am safe", then "I need help" with a note, and tells whoever started it', async () => {
    const s = await site();
    const check = await start(s.operator, { locationIds: [s.milan] });
    const mine = await s.anna.client.get('/api/safety/mine');
    expect(mine.json<{ items: MyCheck[] }>().items).toMatchObject([{ id: check.id, status: 'pending', open: true, drill: false }]);

    const safe = await s.anna.client.post(`/api/safety/checks/${check.id}/answer`, { status: 'safe' });
    expect(safe.statusCode, safe.body).toBe(200);
    expect(safe.json<MyCheck>()).toMatchObject({ status: 'safe', note: null });
    expect((await s.anna.client.get('/api/safety/mine')).json<{ items: MyCheck[] }>().items).toEqual([]);
    expect(await notifications(s.org, s.operator.id)).toEqual([]);

    const help = await s.anna.client.post(`/api/safety/checks/${check.id}/answer`, { status: 'help', note: '  Stuck on the 3rd floor  ' });
    expect(help.json<MyCheck>()).toMatchObject({ status: 'help', note: 'Stuck on the 3rd floor' });
    expect((await s.anna.client.get('/api/safety/mine')).json<{ items: MyCheck[] }>().items).toMatchObject([
      { id: check.id, status: 'help' },
    ]);
    await s.anna.client.post(`/api/safety/checks/${check.id}/answer`, { status: 'help', note: 'Now in the stairwell' });

    const told = await notifications(s.org, s.operator.id);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      actorId: s.anna.id,
      data: { variant: 'help', title: 'Fire alarm in Milan', link: `/safety/${check.id}` },
    });
    expect(await realtime(s.org, `user:${s.operator.id}`)).toHaveLength(3);
    expect((await s.anna.client.get(`/api/safety/checks/${check.id}/me`)).json<MyCheck>()).toMatchObject({ note: 'Now in the stairwell' });

    const note = await s.anna.client.post(`/api/safety/checks/${check.id}/answer`, { status: 'help', note: 'x'.repeat(501) });
    expect(note.statusCode).toBe(400);
    expect((await s.anna.client.post(`/api/safety/checks/${check.id}/answer`, { status: 'pending' })).statusCode).toBe(400);
  });

  it('answers 404 for a check that does not ask the person, or that belongs to another organisation', async () => {
    const s = await site();
    const check = await start(s.operator, { locationIds: [s.milan] });
    const res = await s.elena.client.post(`/api/safety/checks/${check.id}/answer`, { status: 'safe' });
    expect([res.statusCode, res.json<{ error: { code: string } }>().error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await s.elena.client.get(`/api/safety/checks/${check.id}/me`)).statusCode).toBe(404);
    expect((await s.elena.client.get('/api/safety/mine')).json<{ items: MyCheck[] }>().items).toEqual([]);
    const other = await createOrg(t);
    expect((await other.admin.get(`/api/safety/checks/${check.id}`)).statusCode).toBe(404);
    expect((await other.admin.post(`/api/safety/checks/${check.id}/answer`, { status: 'safe' })).statusCode).toBe(404);
  });

  it('refuses answers once the check is closed, with 409 CHECK_CLOSED', async () => {
    const s = await site();
    const check = await start(s.operator, { locationIds: [s.milan] });
    expect((await s.operator.client.post(`/api/safety/checks/${check.id}/close`)).statusCode).toBe(200);
    const res = await s.anna.client.post(`/api/safety/checks/${check.id}/answer`, { status: 'safe' });
    expect([res.statusCode, res.json<{ error: { code: string } }>().error.code]).toEqual([409, 'CHECK_CLOSED']);
    expect((await s.anna.client.get('/api/safety/mine')).json<{ items: MyCheck[] }>().items).toEqual([]);
    expect((await s.anna.client.get(`/api/safety/checks/${check.id}/me`)).json<MyCheck>()).toMatchObject({
      open: false,
      status: 'pending',
    });
    const again = await s.operator.client.post(`/api/safety/checks/${check.id}/close`);
    expect([again.statusCode, again.json<{ error: { code: string } }>().error.code]).toEqual([409, 'CHECK_CLOSED']);
    expect((await s.operator.client.post(`/api/safety/checks/${check.id}/remind`)).statusCode).toBe(409);
  });
});

describe('following a safety check', () => {
  it('tallies answers by location, with people without a location last', async () => {
    const s = await site();
    const check = await start(s.operator, { locationIds: [s.milan, s.turin], userIds: [s.dario.id] });
    await s.anna.client.post(`/api/safety/checks/${check.id}/answer`, { status: 'safe' });
    await s.bruno.client.post(`/api/safety/checks/${check.id}/answer`, { status: 'help' });
    await s.dario.client.post(`/api/safety/checks/${check.id}/answer`, { status: 'safe' });
    const detail = (await s.operator.client.get(`/api/safety/checks/${check.id}`)).json<CheckDetail>();
    expect(detail.counts).toEqual({ total: 4, safe: 2, help: 1, pending: 1 });
    expect(detail.byLocation).toEqual([
      { location: { id: s.milan, name: 'Milan' }, total: 2, safe: 1, help: 1, pending: 0 },
      { location: { id: s.turin, name: 'Turin' }, total: 1, safe: 0, help: 0, pending: 1 },
      { location: null, total: 1, safe: 1, help: 0, pending: 0 },
    ]);
    const list = await s.operator.client.get('/api/safety/checks');
    expect(list.json<{ items: { id: string; counts: unknown }[] }>().items).toEqual([
      expect.objectContaining({ id: check.id, counts: { total: 4, safe: 2, help: 1, pending: 1 } }),
    ]);
  });

  it('lists the people by name, by status and a page at a time', async () => {
    const s = await site();
    const check = await start(s.operator, { locationIds: [s.milan, s.turin], userIds: [s.dario.id] });
    await s.bruno.client.post(`/api/safety/checks/${check.id}/answer`, { status: 'help', note: 'Hurt my ankle' });
    const people = async (query: string) =>
      (await s.operator.client.get(`/api/safety/checks/${check.id}/people${query}`)).json<{
        items: CheckPerson[];
        nextCursor: string | null;
      }>();
    expect((await people('')).items.map((p) => p.name)).toEqual(['Anna', 'Bruno', 'Carla', 'Dario']);
    expect((await people('?status=help')).items).toMatchObject([
      { id: s.bruno.id, name: 'Bruno', note: 'Hurt my ankle', status: 'help', location: { id: s.milan, name: 'Milan' } },
    ]);
    expect((await people('?status=pending')).items.map((p) => p.name)).toEqual(['Anna', 'Carla', 'Dario']);
    expect((await people('?status=safe')).items).toEqual([]);
    const first = await people('?limit=3');
    expect(first.items.map((p) => p.name)).toEqual(['Anna', 'Bruno', 'Carla']);
    const second = await people(`?limit=3&cursor=${first.nextCursor}`);
    expect([second.items.map((p) => p.name), second.nextCursor]).toEqual([['Dario'], null]);
    expect((await s.operator.client.get(`/api/safety/checks/${check.id}/people?cursor=bad`)).statusCode).toBe(400);
    expect((await s.operator.client.get(`/api/safety/checks/${check.id}/people?status=maybe`)).statusCode).toBe(400);
  });

  it('reminds only those who have not answered, once per interval however often the tick runs', async () => {
    const s = await site();
    const check = await start(s.operator, { locationIds: [s.milan], userIds: [s.carla.id], reminderMinutes: 30 });
    await s.anna.client.post(`/api/safety/checks/${check.id}/answer`, { status: 'safe' });
    const reminders = async () => (await notifications(s.org)).filter((n) => n.data.variant === 'reminder');

    const tick = (now: Date) =>
      db()
        .transaction()
        .execute((trx) => runSafetyTick(trx, now));
    await tick(new Date(Date.now() + 10 * 60_000));
    expect(await reminders()).toEqual([]);

    const later = new Date(Date.now() + 31 * 60_000);
    await tick(later);
    await tick(later);
    expect((await reminders()).map((n) => n.userId).sort()).toEqual([s.bruno.id, s.carla.id].sort());
    const pushes = await jobs<{ userIds: string[]; title: string }>(s.org, 'push.send');
    expect(
      pushes
        .filter((p) => p.title.includes('Reminder') || p.title.includes('Promemoria'))
        .flatMap((p) => p.userIds)
        .sort(),
    ).toEqual([s.bruno.id, s.carla.id].sort());

    await s.bruno.client.post(`/api/safety/checks/${check.id}/answer`, { status: 'safe' });
    await tick(new Date(later.getTime() + 31 * 60_000));
    expect((await reminders()).map((n) => n.userId).sort()).toEqual([s.bruno.id, s.carla.id, s.carla.id].sort());
    const people = (await s.operator.client.get(`/api/safety/checks/${check.id}/people`)).json<{ items: CheckPerson[] }>().items;
    expect(people.map((p) => [p.name, p.remindedCount])).toEqual([
      ['Anna', 0],
      ['Bruno', 1],
      ['Carla', 2],
    ]);
  });

  it('reminds on demand, but not twice within a minute', async () => {
    const s = await site();
    const check = await start(s.operator, { locationIds: [s.milan] });
    const soon = await s.operator.client.post(`/api/safety/checks/${check.id}/remind`);
    expect([soon.statusCode, soon.json<{ error: { code: string } }>().error.code]).toEqual([409, 'REMINDED_RECENTLY']);
    await db()
      .updateTable('safetyChecks')
      .set({ startedAt: new Date(Date.now() - 5 * 60_000) })
      .where('id', '=', check.id)
      .execute();
    await s.bruno.client.post(`/api/safety/checks/${check.id}/answer`, { status: 'help' });
    const res = await s.operator.client.post(`/api/safety/checks/${check.id}/remind`);
    expect(res.json()).toEqual({ reminded: 1 });
    expect((await s.operator.client.post(`/api/safety/checks/${check.id}/remind`)).statusCode).toBe(409);
    expect((await notifications(s.org)).filter((n) => n.data.variant === 'reminder').map((n) => n.userId)).toEqual([s.anna.id]);
  });
});

describe('closing a safety check', () => {
  it('keeps a report: counts by status and location, how long it ran, who needed help and who never answered', async () => {
    const s = await site();
    const check = await start(s.operator, { locationIds: [s.milan, s.turin] });
    await s.anna.client.post(`/api/safety/checks/${check.id}/answer`, { status: 'safe' });
    await s.bruno.client.post(`/api/safety/checks/${check.id}/answer`, { status: 'help', note: 'Smoke in the corridor' });
    const res = await s.operator.client.post(`/api/safety/checks/${check.id}/close`);
    expect(res.statusCode, res.body).toBe(200);
    const closed = res.json<CheckDetail>();
    expect(closed).toMatchObject({ status: 'closed', closedBy: { id: s.operator.id, name: 'Olga Operator' } });
    expect(closed.report).toMatchObject({
      total: 3,
      safe: 1,
      help: 1,
      pending: 1,
      byLocation: [
        { location: { id: s.milan, name: 'Milan' }, total: 2, safe: 1, help: 1, pending: 0 },
        { location: { id: s.turin, name: 'Turin' }, total: 1, safe: 0, help: 0, pending: 1 },
      ],
      neededHelp: [{ id: s.bruno.id, name: 'Bruno', location: 'Milan', note: 'Smoke in the corridor' }],
      neverAnswered: [{ id: s.carla.id, name: 'Carla', location: 'Turin', note: null, answeredAt: null }],
    });
    expect(closed.report?.durationSeconds).toBeGreaterThanOrEqual(0);
    const audited = await db()
      .selectFrom('auditLog')
      .select(['action', 'actorId', 'targetId'])
      .where('orgId', '=', s.org.orgId)
      .where('action', '=', 'safety.check.closed')
      .execute();
    expect(audited).toEqual([{ action: 'safety.check.closed', actorId: s.operator.id, targetId: check.id }]);
    expect((await realtime(s.org, 'org')).length).toBe(2);
    // Answers cannot change a closed report, and the stored one is what the check shows.
    expect((await s.operator.client.get(`/api/safety/checks/${check.id}`)).json<CheckDetail>().report).toEqual(closed.report);
    expect((await s.operator.client.get('/api/safety/checks?status=open')).json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('exports everyone asked as CSV, with cells a spreadsheet would run as formulas escaped', async () => {
    const s = await site();
    await db().updateTable('users').set({ name: '=HYPERLINK("x")' }).where('id', '=', s.carla.id).execute();
    const check = await start(s.operator, { locationIds: [s.milan, s.turin] });
    await s.bruno.client.post(`/api/safety/checks/${check.id}/answer`, { status: 'help', note: '+1 broken, arm' });
    const res = await s.operator.client.get(`/api/safety/checks/${check.id}/report.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('name,email,title,phone,location,status,note,answered_at,reminders');
    expect(lines).toHaveLength(4);
    expect(lines.find((l) => l.includes('HYPERLINK'))).toMatch(/^"'=HYPERLINK\(""x""\)",/);
    expect(lines.find((l) => l.startsWith('Bruno'))).toContain(`,Milan,help,"'+1 broken, arm",`);
    expect(lines.find((l) => l.startsWith('Anna'))).toContain(',Milan,pending,,,0');
  });
});
