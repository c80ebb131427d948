import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { type Client, createOrg, testApp, type TestApp, type TestOrg } from '../../test/helpers.js';
import { insertSurvey } from './listening.test-helpers.js';

let t: TestApp;
let org: TestOrg;
type Person = { id: string; client: Client };
let hr: Person;
/** Manager of `lead`, who manages `report`: a line of three levels. */
let boss: Person;
let lead: Person;
let report: Person;
/** Another manager and their report. */
let other: Person;
let otherReport: Person;
let outsider: Person;
let departments: { parent: string; child: string; elsewhere: string };
let team: string;

const db = () => t.app.ctx.db;

async function place(id: string, values: { departmentId?: string; teamId?: string; managerId?: string }) {
  await db().updateTable('users').set(values).where('id', '=', id).execute();
}

beforeAll(async () => {
  t = await testApp();
  org = await createOrg(t);
  hr = await org.person({ roles: ['hr'], name: 'Harriet HR' });
  boss = await org.person({ roles: ['manager'], name: 'Bea Boss' });
  lead = await org.person({ roles: ['manager'], name: 'Leo Lead', managerId: boss.id });
  report = await org.person({ name: 'Rita Report', managerId: lead.id });
  other = await org.person({ roles: ['manager'], name: 'Oscar Other' });
  otherReport = await org.person({ name: 'Olga Report', managerId: other.id });
  outsider = await org.person({ name: 'Otto Outsider' });
  departments = { parent: newId(), child: newId(), elsewhere: newId() };
  await db()
    .insertInto('departments')
    .values([
      { id: departments.parent, orgId: org.orgId, name: 'Operations', parentId: null },
      { id: departments.elsewhere, orgId: org.orgId, name: 'Finance', parentId: null },
    ])
    .execute();
  await db()
    .insertInto('departments')
    .values({ id: departments.child, orgId: org.orgId, name: 'Warehouse', parentId: departments.parent })
    .execute();
  team = newId();
  await db().insertInto('teams').values({ id: team, orgId: org.orgId, name: 'Night shift', departmentId: departments.child }).execute();
  await place(lead.id, { departmentId: departments.parent });
  await place(report.id, { departmentId: departments.child, teamId: team });
  await place(otherReport.id, { departmentId: departments.elsewhere });
});
afterAll(() => t.close());

const create = (c: Client, body: Record<string, unknown>) => c.post('/api/listening/actions', body);

async function notified(userId: string, actionId: string): Promise<boolean> {
  const rows = await db()
    .selectFrom('notifications')
    .select(['type', 'data'])
    .where('orgId', '=', org.orgId)
    .where('userId', '=', userId)
    .where('type', '=', 'listening_action')
    .execute();
  return rows.some((r) => (r.data as { actionId?: string }).actionId === actionId);
}

async function sharedIds(c: Client): Promise<string[]> {
  const res = await c.get('/api/listening/actions/shared?limit=100');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: { id: string }[] }>().items.map((a) => a.id);
}

describe('action plans', () => {
  it('lets a manager write an action for their own line, edit it and share it with everyone reporting to them', async () => {
    const res = await create(boss.client, {
      title: '  Fewer meetings on Fridays  ',
      description: 'We heard you: **no recurring meetings** after 2 pm.',
      ownerId: lead.id,
      dueOn: '2026-12-18',
      driver: 'workload',
      scope: { kind: 'line' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const action = res.json();
    expect(action).toMatchObject({
      title: 'Fewer meetings on Fridays',
      status: 'planned',
      dueOn: '2026-12-18',
      driver: 'workload',
      owner: { id: lead.id, name: 'Leo Lead' },
      createdBy: { id: boss.id },
      scope: { kind: 'line', id: boss.id, name: 'Bea Boss' },
      sharedAt: null,
      survey: null,
      canEdit: true,
      canDelete: true,
      canShare: true,
    });
    expect(action.html).toContain('<strong>no recurring meetings</strong>');

    const edited = await boss.client.patch(`/api/listening/actions/${action.id}`, {
      status: 'in_progress',
      description: '<script>x</script>',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().status).toBe('in_progress');
    expect(edited.json().html).not.toContain('<script>');

    // Not shared yet: nobody sees it outside the people who manage it.
    expect(await sharedIds(report.client)).not.toContain(action.id);

    const shared = await boss.client.post(`/api/listening/actions/${action.id}/share`);
    expect(shared.statusCode, shared.body).toBe(200);
    expect(shared.json().sharedAt).not.toBeNull();
    expect(shared.json().canShare).toBe(false);

    // Everyone reporting to the manager, directly or not, is told and sees it; nobody else.
    expect(await notified(lead.id, action.id)).toBe(true);
    expect(await notified(report.id, action.id)).toBe(true);
    expect(await notified(boss.id, action.id)).toBe(false);
    expect(await notified(otherReport.id, action.id)).toBe(false);
    expect(await sharedIds(lead.client)).toContain(action.id);
    expect(await sharedIds(report.client)).toContain(action.id);
    expect(await sharedIds(otherReport.client)).not.toContain(action.id);
    expect(await sharedIds(outsider.client)).not.toContain(action.id);
    const seen = (await report.client.get('/api/listening/actions/shared')).json().items.find((a: { id: string }) => a.id === action.id);
    expect(seen).toMatchObject({ title: 'Fewer meetings on Fridays', status: 'in_progress', canEdit: false, canDelete: false });

    const again = await boss.client.post(`/api/listening/actions/${action.id}/share`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_SHARED');
    const moved = await hr.client.patch(`/api/listening/actions/${action.id}`, { scope: { kind: 'company' } });
    expect(moved.statusCode).toBe(409);
    expect(moved.json().error.code).toBe('ACTION_SHARED');
  });

  it('keeps managers to their own line: not another manager’s, not the company, a department or a team', async () => {
    for (const scope of [
      { kind: 'line', id: other.id },
      { kind: 'company' },
      { kind: 'department', id: departments.parent },
      { kind: 'team', id: team },
    ]) {
      const res = await create(lead.client, { title: 'Out of reach', scope });
      expect(res.statusCode, JSON.stringify(scope)).toBe(403);
      expect(res.json().error.code).toBe('SCOPE_NOT_ALLOWED');
    }
    const mine = (await create(lead.client, { title: 'Within reach', scope: { kind: 'line', id: lead.id } })).json();
    const widened = await lead.client.patch(`/api/listening/actions/${mine.id}`, { scope: { kind: 'line', id: boss.id } });
    expect(widened.statusCode).toBe(403);
    expect(widened.json().error.code).toBe('SCOPE_NOT_ALLOWED');
    // Another manager does not even learn that it exists.
    expect((await other.client.get(`/api/listening/actions/${mine.id}`)).statusCode).toBe(404);
    expect((await other.client.patch(`/api/listening/actions/${mine.id}`, { status: 'done' })).statusCode).toBe(404);
    expect((await other.client.post(`/api/listening/actions/${mine.id}/share`)).statusCode).toBe(404);
    const list = (await other.client.get('/api/listening/actions?limit=100')).json();
    expect(list.items.map((a: { id: string }) => a.id)).not.toContain(mine.id);
  });

  it('refuses employees who try to write, list or share actions', async () => {
    const res = await create(report.client, { title: 'Not mine to plan', scope: { kind: 'line' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    expect((await report.client.get('/api/listening/actions')).statusCode).toBe(403);
    const mine = (await create(boss.client, { title: 'Boss only', scope: { kind: 'line' } })).json();
    expect((await report.client.post(`/api/listening/actions/${mine.id}/share`)).statusCode).toBe(403);
    expect((await report.client.delete(`/api/listening/actions/${mine.id}`)).statusCode).toBe(403);
  });

  it('lets HR address a department with the ones below it, a team and the whole company', async () => {
    const dept = (await create(hr.client, { title: 'Warehouse heating', scope: { kind: 'department', id: departments.parent } })).json();
    const night = (await create(hr.client, { title: 'Night shift rota', scope: { kind: 'team', id: team } })).json();
    const all = (await create(hr.client, { title: 'Learning budget', scope: { kind: 'company' } })).json();
    expect(dept.scope).toEqual({ kind: 'department', id: departments.parent, name: 'Operations' });
    expect(night.scope).toEqual({ kind: 'team', id: team, name: 'Night shift' });
    expect(all.scope).toEqual({ kind: 'company', id: null, name: null });
    await db().updateTable('users').set({ status: 'deactivated' }).where('id', '=', outsider.id).execute();
    for (const a of [dept, night, all]) {
      expect((await hr.client.post(`/api/listening/actions/${a.id}/share`)).statusCode).toBe(200);
    }
    await db().updateTable('users').set({ status: 'active' }).where('id', '=', outsider.id).execute();

    // The department reaches its sub-department; the team only its members.
    expect(await notified(lead.id, dept.id)).toBe(true);
    expect(await notified(report.id, dept.id)).toBe(true);
    expect(await notified(otherReport.id, dept.id)).toBe(false);
    expect(await notified(report.id, night.id)).toBe(true);
    expect(await notified(lead.id, night.id)).toBe(false);
    // The company: every active person but the one sharing.
    for (const p of [boss, lead, report, other, otherReport]) {
      expect(await notified(p.id, all.id)).toBe(true);
    }
    expect(await notified(hr.id, all.id)).toBe(false);
    expect(await notified(outsider.id, all.id)).toBe(false);

    const reportSees = await sharedIds(report.client);
    expect(reportSees).toEqual(expect.arrayContaining([dept.id, night.id, all.id]));
    const otherSees = await sharedIds(otherReport.client);
    expect(otherSees).toContain(all.id);
    expect(otherSees).not.toContain(dept.id);
    expect(otherSees).not.toContain(night.id);
  });

  it('lists shared actions most recently shared first, a page at a time', async () => {
    const ids: string[] = [];
    for (const title of ['First', 'Second', 'Third']) {
      const a = (await create(hr.client, { title: `Paged ${title}`, scope: { kind: 'team', id: team } })).json();
      ids.push(a.id);
    }
    // Shared in reverse order of writing: the list follows the sharing.
    for (const id of [...ids].reverse()) {
      expect((await hr.client.post(`/api/listening/actions/${id}/share`)).statusCode).toBe(200);
    }
    const first = (await report.client.get('/api/listening/actions/shared?limit=2')).json();
    expect(first.items.map((a: { id: string }) => a.id)).toEqual([ids[0], ids[1]]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (await report.client.get(`/api/listening/actions/shared?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items[0].id).toBe(ids[2]);
    const bad = await report.client.get('/api/listening/actions/shared?cursor=nonsense');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('INVALID_CURSOR');
  });

  it('filters the managed list by status and survey, newest first with keyset pages', async () => {
    const { surveyId } = await insertSurvey(db(), org.orgId, { questions: [{ kind: 'scale5', driver: 'workload' }], title: 'Pulse' });
    const made: string[] = [];
    for (const status of ['planned', 'done', 'done']) {
      const a = await create(other.client, { title: `Filter ${status}`, status, surveyId, driver: 'growth', scope: { kind: 'line' } });
      expect(a.statusCode, a.body).toBe(201);
      expect(a.json().survey).toEqual({ id: surveyId, title: 'Pulse' });
      made.push(a.json().id);
    }
    const done = (await other.client.get(`/api/listening/actions?status=done&surveyId=${surveyId}`)).json();
    expect(done.items.map((a: { id: string }) => a.id)).toEqual([made[2], made[1]]);
    const page1 = (await other.client.get('/api/listening/actions?limit=2')).json();
    const page2 = (await other.client.get(`/api/listening/actions?limit=2&cursor=${page1.nextCursor}`)).json();
    expect([...page1.items, ...page2.items].map((a: { id: string }) => a.id)).toEqual([made[2], made[1], made[0]]);
    expect(page2.nextCursor).toBeNull();
    // HR manages everyone's actions.
    const all = (await hr.client.get(`/api/listening/actions?surveyId=${surveyId}`)).json();
    expect(all.items).toHaveLength(3);
  });

  it('lets the owner move an action along, but only its author, HR or an administrator delete it', async () => {
    const a = (await create(hr.client, { title: 'Career paths', ownerId: other.id, scope: { kind: 'company' } })).json();
    const seen = (await other.client.get(`/api/listening/actions/${a.id}`)).json();
    expect(seen).toMatchObject({ canEdit: true, canDelete: false, canShare: false });
    // The form sends the scope back unchanged: that is not a change of audience.
    const moved = await other.client.patch(`/api/listening/actions/${a.id}`, { status: 'in_progress', scope: { kind: 'company' } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await other.client.post(`/api/listening/actions/${a.id}/share`)).json().error.code).toBe('SCOPE_NOT_ALLOWED');
    const del = await other.client.delete(`/api/listening/actions/${a.id}`);
    expect(del.statusCode).toBe(403);
    expect(del.json().error.code).toBe('NOT_ACTION_AUTHOR');
    expect((await org.admin.delete(`/api/listening/actions/${a.id}`)).json()).toEqual({ ok: true });
    expect((await hr.client.get(`/api/listening/actions/${a.id}`)).statusCode).toBe(404);

    const own = (await create(boss.client, { title: 'Mine to delete', scope: { kind: 'line' } })).json();
    expect((await boss.client.delete(`/api/listening/actions/${own.id}`)).statusCode).toBe(200);
    const audit = await db()
      .selectFrom('auditLog')
      .select('action')
      .where('orgId', '=', org.orgId)
      .where('targetId', '=', own.id)
      .execute();
    expect(audit.map((r) => r.action)).toEqual(['listening.action.deleted']);
  });

  it('answers bad input with the error shape: unknown owner, bad dates, long titles, unknown survey or scope', async () => {
    const base = { title: 'Valid title', scope: { kind: 'line' } };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...base, ownerId: newId() }, 422, 'UNKNOWN_OWNER'],
      [{ ...base, ownerId: outsider.id }, 200, ''],
      [{ ...base, dueOn: '2026-02-30' }, 400, 'VALIDATION_FAILED'],
      [{ ...base, dueOn: 'next friday' }, 400, 'VALIDATION_FAILED'],
      [{ ...base, title: 'x'.repeat(201) }, 400, 'VALIDATION_FAILED'],
      [{ ...base, title: '   ' }, 400, 'EMPTY_TITLE'],
      [{ ...base, description: 'y'.repeat(8001) }, 400, 'VALIDATION_FAILED'],
      [{ ...base, surveyId: newId() }, 422, 'UNKNOWN_SURVEY'],
      [{ ...base, driver: 'happiness' }, 400, 'VALIDATION_FAILED'],
      [{ ...base, status: 'cancelled' }, 400, 'VALIDATION_FAILED'],
      [{ title: 'No scope' }, 400, 'VALIDATION_FAILED'],
      [{ ...base, extra: true }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      const res = await create(boss.client, body);
      if (status === 200) {
        expect(res.statusCode, res.body).toBe(201);
        continue;
      }
      expect([res.statusCode, res.json().error.code], JSON.stringify(body).slice(0, 80)).toEqual([status, code]);
      expect(typeof res.json().error.message).toBe('string');
    }
    const hrCases: [Record<string, unknown>, number, string][] = [
      [{ title: 'Dept', scope: { kind: 'department', id: newId() } }, 422, 'UNKNOWN_SCOPE'],
      [{ title: 'Team', scope: { kind: 'team' } }, 400, 'SCOPE_ID_REQUIRED'],
      [{ title: 'Line', scope: { kind: 'line', id: newId() } }, 422, 'UNKNOWN_SCOPE'],
      [{ title: 'All', scope: { kind: 'company', id: team } }, 400, 'SCOPE_ID_NOT_ALLOWED'],
    ];
    for (const [body, status, code] of hrCases) {
      const res = await create(hr.client, body);
      expect([res.statusCode, res.json().error.code]).toEqual([status, code]);
    }
    // A deactivated person cannot own an action.
    await db().updateTable('users').set({ status: 'deactivated' }).where('id', '=', outsider.id).execute();
    const gone = await create(boss.client, { ...base, ownerId: outsider.id });
    await db().updateTable('users').set({ status: 'active' }).where('id', '=', outsider.id).execute();
    expect([gone.statusCode, gone.json().error.code]).toEqual([422, 'UNKNOWN_OWNER']);

    const a = (await create(boss.client, base)).json();
    const empty = await boss.client.patch(`/api/listening/actions/${a.id}`, {});
    expect([empty.statusCode, empty.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const badOwner = await boss.client.patch(`/api/listening/actions/${a.id}`, { ownerId: newId() });
    expect([badOwner.statusCode, badOwner.json().error.code]).toEqual([422, 'UNKNOWN_OWNER']);
    const badDate = await boss.client.patch(`/api/listening/actions/${a.id}`, { dueOn: '2026-13-01' });
    expect([badDate.statusCode, badDate.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const cleared = await boss.client.patch(`/api/listening/actions/${a.id}`, { dueOn: null, driver: null, surveyId: null });
    expect(cleared.json()).toMatchObject({ dueOn: null, driver: null, survey: null });
    expect((await boss.client.get('/api/listening/actions/not-a-uuid')).statusCode).toBe(400);
  });

  it('keeps organisations apart', async () => {
    const elsewhere = await createOrg(t);
    const stranger = await elsewhere.person({ roles: ['hr'] });
    const a = (await create(hr.client, { title: 'Ours', scope: { kind: 'company' } })).json();
    await hr.client.post(`/api/listening/actions/${a.id}/share`);
    expect((await stranger.client.get(`/api/listening/actions/${a.id}`)).statusCode).toBe(404);
    expect(await sharedIds(stranger.client)).not.toContain(a.id);
    const foreignOwner = await create(hr.client, { title: 'Theirs', ownerId: stranger.id, scope: { kind: 'company' } });
    expect(foreignOwner.json().error.code).toBe('UNKNOWN_OWNER');
  });
});
