import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, type TestApp } from '../../test/helpers.js';
import { DEMO_PASSWORD, loadDemo, type DemoResult } from './demo.service.js';

let t: TestApp;
let demo: DemoResult;
beforeAll(async () => {
  t = await testApp();
  demo = await loadDemo(t.app.ctx, { size: 60 });
});
afterAll(() => t.close());

const emailOf = (role: DemoResult['signIns'][number]['role']) => demo.signIns.find((s) => s.role === role)!.email;

describe('demo organisation', () => {
  it('loads the requested number of people as the default organisation', async () => {
    expect(demo.loaded).toBe(true);
    const admin = await new Client(t.app, 'demo.localhost').signIn(emailOf('administrator'), DEMO_PASSWORD);
    const me = await admin.get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().org.name).toBe('Fabbrica Aurora');
    expect(me.json().user.roles).toContain('admin');
    const structure = (await admin.get('/api/structure')).json();
    const counted = structure.departments.reduce((n: number, d: { people: number }) => n + d.people, 0);
    expect(counted).toBe(60);
  });

  it('lets every demo sign-in in with the shared password', async () => {
    for (const s of demo.signIns) {
      const client = await new Client(t.app, 'any-host.example').signIn(s.email, DEMO_PASSWORD);
      const me = (await client.get('/api/me')).json();
      expect(me.user.email).toBe(s.email);
    }
    const it = await new Client(t.app, 'any-host.example').signIn(emailOf('employee-it'), DEMO_PASSWORD);
    expect((await it.get('/api/me')).json().user.locale).toBe('it');
  });

  it('finds demo people in the directory by name, team and office', async () => {
    const client = await new Client(t.app, 'demo.localhost').signIn(emailOf('employee-en'), DEMO_PASSWORD);
    const byName = (await client.get('/api/people?q=marchetti')).json();
    expect(byName.items.map((p: { email: string }) => p.email)).toContain(emailOf('administrator'));
    const byTeam = (await client.get(`/api/people?q=${encodeURIComponent('people partners')}`)).json();
    expect(byTeam.items.length).toBeGreaterThan(0);
    const byOffice = (await client.get('/api/people?q=torino')).json();
    expect(byOffice.items.some((p: { location: { name: string } | null }) => p.location?.name === 'Torino')).toBe(true);
    const found = (await client.get(`/api/people?q=${encodeURIComponent('james walker')}`)).json().items[0];
    const manager = (await client.get(`/api/people/${found.id}`)).json();
    expect(manager.reportsCount).toBeGreaterThanOrEqual(3);
  });

  it('gives the demo a lively home feed, communities with their members and a secret one kept secret', async () => {
    const emily = await new Client(t.app, 'demo.localhost').signIn(emailOf('employee-en'), DEMO_PASSWORD);
    const feed = (await emily.get('/api/feed')).json();
    expect(feed.items.length).toBe(20);
    expect(feed.items.some((p: { commentCount: number }) => p.commentCount > 0)).toBe(true);
    expect(feed.items.some((p: { reactionCount: number }) => p.reactionCount > 0)).toBe(true);
    const all = (await emily.get('/api/communities/all-company')).json();
    expect(all.memberCount).toBe(60);
    const milano = (await emily.get('/api/communities/milano-office')).json();
    expect(milano.sync.kind).toBe('location');
    expect(milano.memberCount).toBeGreaterThan(0);
    const mine = (await emily.get('/api/communities?filter=mine&limit=100')).json();
    expect(mine.items.map((c: { slug: string }) => c.slug)).toEqual(
      expect.arrayContaining(['all-company', 'customer-stories', 'running-club']),
    );
    const secret = await emily.get('/api/communities/project-lucciola');
    const isMember = (await emily.get('/api/communities?filter=mine&limit=100'))
      .json()
      .items.some((c: { slug: string }) => c.slug === 'project-lucciola');
    expect(secret.statusCode).toBe(isMember ? 200 : 404);
    const found = (await emily.get(`/api/search?q=${encodeURIComponent('tiramisù')}&type=posts`)).json();
    expect(found.items.length).toBeGreaterThan(0);
  });

  it('refuses to load a second time into an instance that already has its organisation', async () => {
    const again = await loadDemo(t.app.ctx, { size: 60 });
    expect(again.loaded).toBe(false);
    expect(again.message).toMatch(/already loaded/);
    const count = await t.app.ctx.db
      .selectFrom('orgs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(1);
  });
});
