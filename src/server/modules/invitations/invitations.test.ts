import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, testApp, type TestApp, type TestOrg } from '../../test/helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

async function invite(org: TestOrg, email: string, extra: Record<string, unknown> = {}) {
  const res = await org.admin.post('/api/invitations', { email, ...extra });
  expect(res.statusCode).toBe(201);
  const body = res.json();
  const token = String(body.link).split('/invite/')[1]!;
  return { ...body, token };
}

describe('invitations', () => {
  it('shows the link to the admin when no mail server is set, and e-mails it through a job', async () => {
    const org = await createOrg(t, { name: 'Aurora' });
    const inv = await invite(org, `new@${org.host}`, { name: 'Nuova Persona', locale: 'it' });
    expect(inv.emailed).toBe(false);
    expect(inv.link).toMatch(/\/invite\/[\w-]{20,}$/);
    await t.app.ctx.worker.runDue();
    const mail = t.app.ctx.mailer.recent.find((m) => m.to === `new@${org.host}`);
    expect(mail?.subject).toContain('Aurora');
    expect(mail?.text).toContain(inv.link);
    expect(mail?.text).toContain('Ciao');
  });

  it('lets the invited person sign up once with the link, then refuses it', async () => {
    const org = await createOrg(t, { name: 'Aurora' });
    const email = `joiner@${org.host}`;
    const inv = await invite(org, email, { roles: ['manager'] });
    const visitor = org.anonymous();
    const look = await visitor.get(`/api/invitations/by-token/${inv.token}`);
    expect(look.json()).toEqual({ email, name: null, orgName: 'Aurora' });

    const accepted = await visitor.post('/api/invitations/accept', { token: inv.token, name: 'Jo Iner', password: 'my own passphrase' });
    expect(accepted.statusCode).toBe(201);
    const me = (await visitor.get('/api/me')).json();
    expect(me.user.email).toBe(email);
    expect(me.user.roles).toEqual(expect.arrayContaining(['manager', 'employee']));

    const again = await org
      .anonymous()
      .post('/api/invitations/accept', { token: inv.token, name: 'Someone Else', password: 'another passphrase' });
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('INVITATION_INVALID');
    expect((await org.anonymous().get(`/api/invitations/by-token/${inv.token}`)).statusCode).toBe(410);
    const list = (await org.admin.get('/api/invitations')).json();
    expect(list.items.find((i: { email: string }) => i.email === email).status).toBe('accepted');
  });

  it('refuses an expired link', async () => {
    const org = await createOrg(t);
    const inv = await invite(org, `late@${org.host}`);
    await t.app.ctx.db
      .updateTable('invitations')
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where('id', '=', inv.id)
      .execute();
    const res = await org.anonymous().post('/api/invitations/accept', { token: inv.token, name: 'Late', password: 'a good passphrase' });
    expect(res.json().error.code).toBe('INVITATION_INVALID');
  });

  it('refuses a revoked link, and a newer invitation replaces an older one', async () => {
    const org = await createOrg(t);
    const first = await invite(org, `twice@${org.host}`);
    const second = await invite(org, `twice@${org.host}`);
    expect((await org.anonymous().get(`/api/invitations/by-token/${first.token}`)).statusCode).toBe(410);
    expect((await org.admin.delete(`/api/invitations/${second.id}`)).statusCode).toBe(200);
    expect((await org.anonymous().get(`/api/invitations/by-token/${second.token}`)).statusCode).toBe(410);
    expect((await org.admin.delete(`/api/invitations/${second.id}`)).statusCode).toBe(404);
  });

  it('keeps the invitation usable when the chosen password is refused (nothing half-written)', async () => {
    const org = await createOrg(t);
    const inv = await invite(org, `careful@${org.host}`);
    const weak = await org.anonymous().post('/api/invitations/accept', { token: inv.token, name: 'Careful', password: '12345678' });
    expect(weak.json().error.code).toBe('PASSWORD_TOO_COMMON');
    const users = await t.app.ctx.db.selectFrom('users').select('id').where('email', '=', `careful@${org.host}`).execute();
    expect(users).toHaveLength(0);
    const ok = await org
      .anonymous()
      .post('/api/invitations/accept', { token: inv.token, name: 'Careful', password: 'a careful passphrase' });
    expect(ok.statusCode).toBe(201);
  });

  it('refuses a bad e-mail address, an existing member and unknown fields', async () => {
    const org = await createOrg(t);
    const bad = await org.admin.post('/api/invitations', { email: 'not-an-email' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    const member = await org.admin.post('/api/invitations', { email: `admin@${org.host}` });
    expect(member.json().error.code).toBe('ALREADY_MEMBER');
    const extra = await org.admin.post('/api/invitations', { email: `x@${org.host}`, isAdmin: true });
    expect(extra.json().error.details[0].property).toBe('isAdmin');
  });

  it('lets HR invite employees but not grant the administrator role', async () => {
    const org = await createOrg(t);
    const hr = await org.person({ roles: ['hr'] });
    expect((await hr.client.post('/api/invitations', { email: `e@${org.host}` })).statusCode).toBe(201);
    expect((await hr.client.post('/api/invitations', { email: `a@${org.host}`, roles: ['admin'] })).statusCode).toBe(403);
  });

  it('does not accept a link of one organisation on another', async () => {
    const a = await createOrg(t);
    const b = await createOrg(t);
    const inv = await invite(a, `cross@${a.host}`);
    expect((await b.anonymous().get(`/api/invitations/by-token/${inv.token}`)).statusCode).toBe(410);
  });

  it('pages through invitations newest first without repeats', async () => {
    const org = await createOrg(t);
    for (let i = 0; i < 5; i += 1) {
      await invite(org, `p${i}@${org.host}`);
    }
    const first = (await org.admin.get('/api/invitations?limit=2')).json();
    const second = (await org.admin.get(`/api/invitations?limit=2&cursor=${first.nextCursor}`)).json();
    const third = (await org.admin.get(`/api/invitations?limit=2&cursor=${second.nextCursor}`)).json();
    const emails = [...first.items, ...second.items, ...third.items].map((i: { email: string }) => i.email);
    expect(emails).toEqual([4, 3, 2, 1, 0].map((i) => `p${i}@${org.host}`));
    expect(third.nextCursor).toBeNull();
  });
});
