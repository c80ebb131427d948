import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createOrg, testApp, type TestApp } from '../../test/helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('first-run setup', () => {
  it('creates the organisation and its administrator once, then refuses a second setup', async () => {
    const c = new Client(t.app, 'tessuto.example.com');
    expect((await c.get('/api/setup')).json()).toEqual({ needed: true });
    const bad = await c.post('/api/setup', { orgName: 'Aurora', name: 'Ada', email: 'ada@aurora.test', password: 'short' });
    expect(bad.json().error.code).toBe('PASSWORD_TOO_SHORT');
    expect((await c.get('/api/setup')).json()).toEqual({ needed: true });

    const res = await c.post('/api/setup', {
      orgName: 'Aurora',
      name: 'Ada',
      email: 'ada@aurora.test',
      password: 'una frase lunga',
      locale: 'it',
    });
    expect(res.statusCode).toBe(201);
    const me = (await c.get('/api/me')).json();
    expect(me.org).toMatchObject({ name: 'Aurora', defaultLocale: 'it' });
    expect(me.user.roles).toContain('admin');
    expect((await c.get('/api/setup')).json()).toEqual({ needed: false });

    const again = await new Client(t.app, 'other.example.com').post('/api/setup', {
      orgName: 'Evil',
      name: 'Eve',
      email: 'eve@evil.test',
      password: 'una frase lunga',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_SET_UP');
  });
});

describe('organisation settings', () => {
  it('lets administrators rename the organisation and change its language', async () => {
    const org = await createOrg(t);
    const res = await org.admin.patch('/api/admin/org', { name: 'Renamed', defaultLocale: 'it' });
    expect(res.json()).toMatchObject({ name: 'Renamed', defaultLocale: 'it', requireTotp: false });
    expect((await org.admin.patch('/api/admin/org', {})).json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('structure', () => {
  it('builds departments as a tree, with teams and locations, and counts their people', async () => {
    const org = await createOrg(t);
    const eng = (await org.admin.post('/api/departments', { name: 'Engineering' })).json();
    const platform = (await org.admin.post('/api/departments', { name: 'Platform', parentId: eng.id })).json();
    const team = (await org.admin.post('/api/teams', { name: 'SRE', departmentId: platform.id })).json();
    const loc = (await org.admin.post('/api/locations', { name: 'Milano', country: 'IT', timezone: 'Europe/Rome' })).json();
    const p = await org.person();
    await org.admin.patch(`/api/admin/people/${p.id}`, { departmentId: platform.id, teamId: team.id, locationId: loc.id });

    const s = (await p.client.get('/api/structure')).json();
    expect(s.departments).toEqual([
      { id: eng.id, name: 'Engineering', parentId: null, people: 0 },
      { id: platform.id, name: 'Platform', parentId: eng.id, people: 1 },
    ]);
    expect(s.teams).toEqual([{ id: team.id, name: 'SRE', departmentId: platform.id, people: 1 }]);
    expect(s.locations[0]).toMatchObject({ name: 'Milano', country: 'IT', people: 1 });
  });

  it('refuses duplicate names, cycles and unknown parents', async () => {
    const org = await createOrg(t);
    const a = (await org.admin.post('/api/departments', { name: 'Sales' })).json();
    const b = (await org.admin.post('/api/departments', { name: 'Sales Italy', parentId: a.id })).json();
    expect((await org.admin.post('/api/departments', { name: 'sales' })).json().error.code).toBe('NAME_TAKEN');
    expect((await org.admin.patch(`/api/departments/${a.id}`, { parentId: b.id })).json().error.code).toBe('DEPARTMENT_CYCLE');
    const unknown = await org.admin.post('/api/teams', { name: 'X', departmentId: '01936f4e-0000-7000-8000-000000000000' });
    expect(unknown.json().error.code).toBe('UNKNOWN_REFERENCE');
    expect((await org.admin.post('/api/locations', { name: 'Roma', country: 'italy' })).json().error.code).toBe('VALIDATION_FAILED');
  });

  it('keeps people when their team is deleted, and finds them by the new team name after a rename', async () => {
    const org = await createOrg(t);
    const team = (await org.admin.post('/api/teams', { name: 'Blue' })).json();
    const p = await org.person({ name: 'Team Member' });
    await org.admin.patch(`/api/admin/people/${p.id}`, { teamId: team.id });
    await org.admin.patch(`/api/teams/${team.id}`, { name: 'Turquoise' });
    expect((await org.admin.get('/api/people?q=turquoise')).json().items.map((x: { id: string }) => x.id)).toEqual([p.id]);
    expect((await org.admin.delete(`/api/teams/${team.id}`)).statusCode).toBe(200);
    const after = (await org.admin.get(`/api/people/${p.id}`)).json();
    expect(after.team).toBeNull();
    expect((await org.admin.delete(`/api/teams/${team.id}`)).statusCode).toBe(404);
  });
});

describe('audit trail', () => {
  it('records administrative changes with who made them, newest first', async () => {
    const org = await createOrg(t);
    const p = await org.person();
    await org.admin.post(`/api/admin/people/${p.id}/deactivate`);
    await org.admin.patch('/api/admin/org', { name: 'Audited' });
    const page = (await org.admin.get('/api/admin/audit?limit=2')).json();
    expect(page.items.map((e: { action: string }) => e.action)).toEqual(['org.updated', 'person.deactivated']);
    expect(page.items[1]).toMatchObject({ actor: { id: org.adminId, name: 'Ada Admin' }, targetId: p.id });
    const next = (await org.admin.get(`/api/admin/audit?limit=2&cursor=${page.nextCursor}`)).json();
    expect(next.items.map((e: { action: string }) => e.action)).toContain('org.created');
    expect((await org.admin.get('/api/admin/audit?cursor=bogus')).json().error.code).toBe('INVALID_CURSOR');
  });
});
