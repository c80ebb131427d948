import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { type Client, createOrg, testApp, type TestApp, type TestOrg } from '../../test/helpers.js';
import { CUSTOMER_DEFAULTS } from '../../../shared/customers.js';

let t: TestApp;
let org: TestOrg;
let cx: { id: string; client: Client };
let manager: { id: string; client: Client };
let employee: { id: string; client: Client };
let team: string;

const db = () => t.app.ctx.db;

beforeAll(async () => {
  t = await testApp();
  org = await createOrg(t);
  cx = await org.person({ roles: ['cx'] });
  manager = await org.person({ roles: ['manager'] });
  employee = await org.person();
  team = newId();
  await db().insertInto('teams').values({ id: team, orgId: org.orgId, name: 'Key accounts', departmentId: null }).execute();
});
afterAll(() => t.close());

describe('customer settings', () => {
  it('reads the defaults until someone saves, for those who read customers only', async () => {
    const res = await manager.client.get('/api/customers/settings');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ...CUSTOMER_DEFAULTS });
    expect((await employee.client.get('/api/customers/settings')).statusCode).toBe(403);
    expect((await org.anonymous().get('/api/customers/settings')).statusCode).toBe(401);
  });

  it('saves settings within their ranges, keeps the others and audits before and after', async () => {
    const res = await cx.client.put('/api/customers/settings', { detractorMax: 5, followupDays: 10 });
    expect(res.statusCode, res.body).toBe(200);
    const saved = { ...CUSTOMER_DEFAULTS, detractorMax: 5, followupDays: 10 };
    expect(res.json()).toEqual(saved);
    expect((await manager.client.get('/api/customers/settings')).json()).toEqual(saved);

    const again = await cx.client.put('/api/customers/settings', { windowMonths: 12 });
    expect(again.json()).toEqual({ ...saved, windowMonths: 12 });

    const audit = await db()
      .selectFrom('auditLog')
      .select(['actorId', 'data'])
      .where('orgId', '=', org.orgId)
      .where('action', '=', 'customers.settings.update')
      .orderBy('createdAt')
      .orderBy('id')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]).toEqual({ actorId: cx.id, data: { before: { ...CUSTOMER_DEFAULTS }, after: saved } });
  });

  it('refuses values outside the ranges and people who may not manage customers', async () => {
    for (const body of [
      { detractorMax: 9 },
      { detractorMax: -1 },
      { csatDetractorMax: 4 },
      { csatDetractorMax: 0 },
      { followupDays: 0 },
      { followupDays: 61 },
      { requestDays: 181 },
      { windowMonths: 25 },
      { windowMonths: 1.5 },
      { other: 1 },
    ]) {
      const res = await cx.client.put('/api/customers/settings', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await manager.client.put('/api/customers/settings', { detractorMax: 4 })).statusCode).toBe(403);
    expect((await cx.client.get('/api/customers/settings')).json<{ detractorMax: number }>().detractorMax).toBe(5);
  });
});

describe('embeddable forms', () => {
  it('creates a form with its public address and the snippet to paste', async () => {
    const res = await cx.client.post('/api/customers/forms', { name: 'Site "NPS" <2026>', kind: 'nps', teamId: team });
    expect(res.statusCode, res.body).toBe(201);
    const form = res.json<{ id: string; url: string; snippet: string }>();
    expect(form).toMatchObject({ name: 'Site "NPS" <2026>', kind: 'nps', team: { id: team, name: 'Key accounts' }, active: true });
    expect(form.url).toBe(`${t.config.publicUrl}/embed/${form.id}`);
    expect(form.snippet).toBe(
      `<iframe src="${form.url}" title="Site &quot;NPS&quot; &lt;2026&gt;" width="100%" height="560" style="border:0"></iframe>`,
    );
    const list = await cx.client.get('/api/customers/forms');
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: { id: string }[] }>().items.map((f) => f.id)).toContain(form.id);
  });

  it('renames, closes and reopens a form', async () => {
    const form = (await cx.client.post('/api/customers/forms', { name: 'Checkout', kind: 'csat' })).json<{ id: string }>();
    const closed = await cx.client.patch(`/api/customers/forms/${form.id}`, { active: false, name: 'Checkout survey' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ id: form.id, name: 'Checkout survey', active: false, team: null });
    const reopened = await cx.client.patch(`/api/customers/forms/${form.id}`, { active: true });
    expect(reopened.json()).toMatchObject({ name: 'Checkout survey', active: true });
    expect((await cx.client.patch(`/api/customers/forms/${newId()}`, { active: true })).statusCode).toBe(404);
  });

  it('refuses an unknown team, a bad kind and people who may not manage customers', async () => {
    const unknown = await cx.client.post('/api/customers/forms', { name: 'X', kind: 'nps', teamId: newId() });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: { code: 'UNKNOWN_TEAM' } });
    expect((await cx.client.post('/api/customers/forms', { name: 'X', kind: 'ces' })).statusCode).toBe(400);
    expect((await cx.client.post('/api/customers/forms', { name: '   ', kind: 'nps' })).statusCode).toBe(400);
    expect((await manager.client.post('/api/customers/forms', { name: 'X', kind: 'nps' })).statusCode).toBe(403);
    expect((await manager.client.get('/api/customers/forms')).statusCode).toBe(403);

    const other = await createOrg(t);
    const theirs = (await other.admin.post('/api/customers/forms', { name: 'Theirs', kind: 'nps' })).json<{ id: string }>();
    expect((await cx.client.patch(`/api/customers/forms/${theirs.id}`, { active: false })).statusCode).toBe(404);
  });
});
