import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { Client, createOrg, PASSWORD, testApp, type TestApp, type TestOrg } from '../../test/helpers.js';
import { loadDemo } from '../demo/demo.service.js';
import { createAdmin } from '../org/org.cli.js';
import { syncAutomaticMemberships } from './communities.sync.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

/** The All company community of an organisation, with the ids of its active members. */
async function allCompany(orgId: string) {
  const c = await t.app.ctx.db
    .selectFrom('communities')
    .select(['id', 'memberCount', 'name', 'official', 'visibility'])
    .where('orgId', '=', orgId)
    .where('isAllCompany', '=', true)
    .executeTakeFirstOrThrow();
  return { ...c, members: await activeMembers(c.id) };
}

async function activeMembers(communityId: string): Promise<string[]> {
  const rows = await t.app.ctx.db
    .selectFrom('communityMembers')
    .select('userId')
    .where('communityId', '=', communityId)
    .where('status', '=', 'active')
    .execute();
  return rows.map((r) => r.userId);
}

async function userId(orgId: string, email: string): Promise<string> {
  const r = await t.app.ctx.db
    .selectFrom('users')
    .select('id')
    .where('orgId', '=', orgId)
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return r.id;
}

async function syncedCommunity(org: TestOrg, name: string, sync: { kind: string; id: string }) {
  const res = await org.admin.post('/api/communities', { name, visibility: 'public', sync });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

describe('new people land in All company and their automatic communities', () => {
  it('at first-run setup, which creates All company, and through the create-admin command', async () => {
    const c = new Client(t.app, 'first-run.example.com');
    const setup = await c.post('/api/setup', { orgName: 'Aurora', name: 'Ada', email: 'ada@aurora.test', password: 'una frase lunga' });
    expect(setup.statusCode).toBe(201);
    const me = (await c.get('/api/me')).json();
    const all = await allCompany(me.org.id);
    expect(all).toMatchObject({ name: 'All company', official: true, visibility: 'public', memberCount: 1, members: [me.user.id] });

    await createAdmin(t.app.ctx, { name: 'Second Admin', email: 'second@aurora.test', password: 'another long phrase' });
    const second = await userId(me.org.id, 'second@aurora.test');
    expect((await allCompany(me.org.id)).members).toContain(second);

    // Reinstating a deactivated person as administrator brings them back too.
    await c.post(`/api/admin/people/${second}/deactivate`);
    expect((await allCompany(me.org.id)).members).not.toContain(second);
    await createAdmin(t.app.ctx, { name: 'Second Admin', email: 'second@aurora.test', password: 'another long phrase' });
    expect(await allCompany(me.org.id)).toMatchObject({ memberCount: 2, members: expect.arrayContaining([second]) });
  });

  it('when created by the test factory', async () => {
    const org = await createOrg(t);
    const p = await org.person();
    expect(await allCompany(org.orgId)).toMatchObject({ memberCount: 2, members: expect.arrayContaining([org.adminId, p.id]) });
  });

  it('when they accept an invitation', async () => {
    const org = await createOrg(t);
    const email = `joiner@${org.host}`;
    const link = String((await org.admin.post('/api/invitations', { email })).json().link);
    const visitor = org.anonymous();
    const accepted = await visitor.post('/api/invitations/accept', {
      token: link.split('/invite/')[1],
      name: 'Jo Iner',
      password: PASSWORD,
    });
    expect(accepted.statusCode).toBe(201);
    const id = accepted.json().userId as string;
    expect(await allCompany(org.orgId)).toMatchObject({ memberCount: 2, members: expect.arrayContaining([id]) });
    const mine = (await visitor.get('/api/communities?filter=mine')).json();
    expect(mine.items.map((c: { isAllCompany: boolean }) => c.isAllCompany)).toEqual([true]);
  });

  it('when they are imported, into the communities of their department, team and location too', async () => {
    const org = await createOrg(t);
    const sales = (await org.admin.post('/api/departments', { name: 'Sales' })).json();
    const milan = (await org.admin.post('/api/locations', { name: 'Milan' })).json();
    const salesCommunity = await syncedCommunity(org, 'Sales', { kind: 'department', id: sales.id });
    const milanCommunity = await syncedCommunity(org, 'Milan office', { kind: 'location', id: milan.id });
    const h = org.host;
    const csv = [
      'email,name,department,location',
      `ann@${h},Ann,Sales,Milan`,
      `ben@${h},Ben,Sales,Rome`,
      `cat@${h},Cat,Support,Milan`,
      `dan@${h},Dan,,`,
    ].join('\n');
    const res = await org.admin.post('/api/admin/people/import?dryRun=false', csv + '\n', { 'content-type': 'text/csv' });
    expect(res.statusCode, res.body).toBe(200);
    const [ann, ben, cat, dan] = await Promise.all(['ann', 'ben', 'cat', 'dan'].map((n) => userId(org.orgId, `${n}@${h}`)));
    expect(await allCompany(org.orgId)).toMatchObject({ memberCount: 5, members: expect.arrayContaining([ann, ben, cat, dan]) });
    expect((await activeMembers(salesCommunity)).sort()).toEqual([ann, ben].sort());
    expect((await activeMembers(milanCommunity)).sort()).toEqual([ann, cat].sort());

    // A second import that moves Ben to Milan moves his memberships with him.
    const moved = await org.admin.post(
      '/api/admin/people/import?dryRun=false',
      `email,name,department,location\nben@${h},Ben,Support,Milan\n`,
      {
        'content-type': 'text/csv',
      },
    );
    expect(moved.statusCode).toBe(200);
    expect((await activeMembers(salesCommunity)).sort()).toEqual([ann]);
    expect((await activeMembers(milanCommunity)).sort()).toEqual([ann, ben, cat].sort());
    const counts = await t.app.ctx.db
      .selectFrom('communities')
      .select(['id', 'memberCount'])
      .where('id', 'in', [salesCommunity, milanCommunity])
      .execute();
    expect(Object.fromEntries(counts.map((c) => [c.id, c.memberCount]))).toEqual({ [salesCommunity]: 1, [milanCommunity]: 3 });
  });

  it('when the demo organisation is loaded', async () => {
    const demo = await loadDemo(t.app.ctx, { size: 60, host: `demo-${newId().slice(-8)}.test` });
    expect(demo.loaded).toBe(true);
    const all = await allCompany(demo.orgId!);
    expect(all.memberCount).toBe(60);
    expect(all.members).toHaveLength(60);
  });
});

describe('syncAutomaticMemberships', () => {
  it('repairs a whole organisation at once and is idempotent', async () => {
    const org = await createOrg(t);
    const team = (await org.admin.post('/api/teams', { name: 'Data' })).json();
    const people = await Promise.all([org.person(), org.person(), org.person()]);
    for (const p of people) {
      await org.admin.patch(`/api/admin/people/${p.id}`, { teamId: team.id });
    }
    const community = await syncedCommunity(org, 'Data', { kind: 'team', id: team.id });
    const all = await allCompany(org.orgId);
    // Rows lost behind the application's back are restored, counts included.
    await t.app.ctx.db.deleteFrom('communityMembers').where('communityId', 'in', [community, all.id]).execute();
    await t.app.ctx.db.updateTable('communities').set({ memberCount: 0 }).where('id', 'in', [community, all.id]).execute();

    const events = await syncAutomaticMemberships(t.app.ctx.db, org.orgId);
    expect(events.filter((e) => e.type === 'membership.changed')).toHaveLength(4 + 3);
    expect((await allCompany(org.orgId)).memberCount).toBe(4);
    expect((await activeMembers(community)).sort()).toEqual(people.map((p) => p.id).sort());
    expect(await syncAutomaticMemberships(t.app.ctx.db, org.orgId)).toEqual([]);
  });
});
