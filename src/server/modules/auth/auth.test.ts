import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ipKey } from '../../platform/ip.js';
import { createOrg, PASSWORD, testApp, type TestApp, type TestOrg } from '../../test/helpers.js';
import { checkPassword } from './password.js';
import { lockoutRemaining, resolveSession } from './auth.service.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

/** The last e-mail sent to an address, after running due jobs as the worker would. */
async function lastMailTo(to: string) {
  await t.app.ctx.worker.runDue();
  return [...t.app.ctx.mailer.recent].reverse().find((m) => m.to === to);
}

describe('sign-in and sessions', () => {
  it('signs in with the right password and answers /api/me with abilities', async () => {
    const org = await createOrg(t);
    const res = await org.admin.get('/api/me');
    expect(res.statusCode).toBe(200);
    const me = res.json();
    expect(me.user.roles).toContain('admin');
    expect(me.abilities['org.settings']).toBe(true);
    expect(typeof me.csrfToken).toBe('string');
  });

  it('sets an HttpOnly SameSite session cookie', async () => {
    const org = await createOrg(t);
    const res = await org.anonymous().post('/api/auth/sign-in', { email: `admin@${org.host}`, password: PASSWORD });
    const cookie = res.cookies.find((c) => c.name === 'tessuto_sid');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
  });

  it('answers 401 INVALID_CREDENTIALS for a wrong password and for an unknown address alike', async () => {
    const org = await createOrg(t);
    const wrong = await org.anonymous().post('/api/auth/sign-in', { email: `admin@${org.host}`, password: 'not the password' });
    const unknown = await org.anonymous().post('/api/auth/sign-in', { email: `nobody@${org.host}`, password: 'not the password' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('makes an account wait after five wrong passwords in a row, even for the right password', async () => {
    const org = await createOrg(t);
    const c = org.anonymous();
    for (let i = 0; i < 6; i += 1) {
      await c.post('/api/auth/sign-in', { email: `admin@${org.host}`, password: `wrong password ${i}` });
    }
    const res = await c.post('/api/auth/sign-in', { email: `admin@${org.host}`, password: PASSWORD });
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('SIGN_IN_DELAYED');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('rotates the session at sign-in: the previous cookie stops working', async () => {
    const org = await createOrg(t);
    const before = org.admin.cookie;
    await org.admin.signIn(`admin@${org.host}`);
    expect(org.admin.cookie).not.toBe(before);
    const old = await t.app.inject({ method: 'GET', url: '/api/me', headers: { host: org.host, cookie: before! } });
    expect(old.statusCode).toBe(401);
  });

  it('signs out, and signs out of every session at once', async () => {
    const org = await createOrg(t);
    const p = await org.person();
    const second = await org.anonymous().signIn(p.email);
    expect((await p.client.post('/api/auth/sign-out-everywhere')).json().ended).toBe(2);
    expect((await second.get('/api/me')).statusCode).toBe(401);
    const again = await org.anonymous().signIn(p.email);
    expect((await again.post('/api/auth/sign-out')).statusCode).toBe(200);
    expect((await again.get('/api/me')).statusCode).toBe(401);
  });

  it('ends a session after the idle timeout and after its absolute lifetime', async () => {
    const org = await createOrg(t);
    const idle = await org.person();
    const old = await org.person();
    const { db } = t.app.ctx;
    await db
      .updateTable('sessions')
      .set({ lastSeenAt: new Date(Date.now() - (t.config.sessionIdleMinutes + 1) * 60_000) })
      .where('userId', '=', idle.id)
      .execute();
    await db
      .updateTable('sessions')
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where('userId', '=', old.id)
      .execute();
    expect((await idle.client.get('/api/me')).statusCode).toBe(401);
    expect((await old.client.get('/api/me')).statusCode).toBe(401);
    expect(await db.selectFrom('sessions').select('id').where('userId', 'in', [idle.id, old.id]).execute()).toEqual([]);
  });
});

describe('CSRF protection', () => {
  it('refuses a signed-in write without the CSRF header', async () => {
    const org = await createOrg(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out-everywhere',
      headers: { host: org.host, cookie: org.admin.cookie!, 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_FAILED');
  });

  it('refuses a signed-in write with a wrong CSRF token', async () => {
    const org = await createOrg(t);
    const res = await org.admin.post('/api/auth/sign-out-everywhere', {}, { 'x-csrf-token': 'forged' });
    expect(res.json().error.code).toBe('CSRF_FAILED');
  });

  it('refuses a sign-in posted from another site', async () => {
    const org = await createOrg(t);
    const res = await org
      .anonymous()
      .post('/api/auth/sign-in', { email: `admin@${org.host}`, password: PASSWORD }, { origin: 'https://evil.example' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_FAILED');
  });
});

describe('password reset', () => {
  it('e-mails a link that sets a new password once, ending every session', async () => {
    const org = await createOrg(t);
    const p = await org.person();
    expect((await org.anonymous().post('/api/auth/password-reset', { email: p.email.toUpperCase() })).statusCode).toBe(202);
    const mail = await lastMailTo(p.email);
    const token = /token=([\w-]+)/.exec(mail?.text ?? '')?.[1];
    expect(token).toBeTruthy();

    const c = org.anonymous();
    const res = await c.post('/api/auth/password-reset/confirm', { token, password: 'a brand new passphrase' });
    expect(res.statusCode).toBe(200);
    expect((await c.get('/api/me')).statusCode).toBe(200);
    expect((await p.client.get('/api/me')).statusCode).toBe(401);
    await org.anonymous().signIn(p.email, 'a brand new passphrase');

    const reused = await org.anonymous().post('/api/auth/password-reset/confirm', { token, password: 'another new passphrase' });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().error.code).toBe('RESET_LINK_INVALID');
  });

  it('answers the same for an unknown address and sends nothing', async () => {
    const org = await createOrg(t);
    const email = `ghost@${org.host}`;
    expect((await org.anonymous().post('/api/auth/password-reset', { email })).statusCode).toBe(202);
    expect(await lastMailTo(email)).toBeUndefined();
  });

  it('keeps the link usable when the new password is refused', async () => {
    const org = await createOrg(t);
    const p = await org.person();
    await org.anonymous().post('/api/auth/password-reset', { email: p.email });
    const token = /token=([\w-]+)/.exec((await lastMailTo(p.email))?.text ?? '')?.[1];
    const weak = await org.anonymous().post('/api/auth/password-reset/confirm', { token, password: 'password' });
    expect(weak.json().error.code).toBe('PASSWORD_TOO_COMMON');
    const ok = await org.anonymous().post('/api/auth/password-reset/confirm', { token, password: 'fine long passphrase' });
    expect(ok.statusCode).toBe(200);
  });
});

describe('password policy', () => {
  it('accepts long passphrases and refuses short or common passwords', () => {
    expect(() => checkPassword('short')).toThrow(expect.objectContaining({ code: 'PASSWORD_TOO_SHORT' }) as Error);
    expect(() => checkPassword('password123')).toThrow(expect.objectContaining({ code: 'PASSWORD_TOO_COMMON' }) as Error);
    expect(() => checkPassword('aaaaaaaaaa')).toThrow(expect.objectContaining({ code: 'PASSWORD_TOO_COMMON' }) as Error);
    expect(() => checkPassword('x'.repeat(300))).toThrow(expect.objectContaining({ code: 'PASSWORD_TOO_LONG' }) as Error);
    expect(() => checkPassword('tutti i gatti blu volano')).not.toThrow();
    expect(() => checkPassword('mario.rossi@x.it', ['mario.rossi@x.it'])).toThrow(
      expect.objectContaining({ code: 'PASSWORD_TOO_COMMON' }) as Error,
    );
  });

  it('changes the password only with the current one', async () => {
    const org = await createOrg(t);
    const p = await org.person();
    const bad = await p.client.post('/api/me/password', { currentPassword: 'nope nope nope', newPassword: 'another passphrase here' });
    expect(bad.json().error.code).toBe('INVALID_CREDENTIALS');
    const ok = await p.client.post('/api/me/password', { currentPassword: PASSWORD, newPassword: 'another passphrase here' });
    expect(ok.statusCode).toBe(200);
    await org.anonymous().signIn(p.email, 'another passphrase here');
  });
});

describe('two-step sign-in (TOTP)', () => {
  async function enrol(org: TestOrg) {
    const p = await org.person();
    const begin = (await p.client.post('/api/me/totp')).json();
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(begin.secret) });
    expect(
      (await p.client.post('/api/me/totp/enable', { code: '000000' === totp.generate() ? '111111' : '000000' })).json().error.code,
    ).toBe('TOTP_INVALID');
    expect((await p.client.post('/api/me/totp/enable', { code: totp.generate() })).statusCode).toBe(200);
    return { ...p, totp };
  }

  it('asks for the code after the password, and refuses a wrong one', async () => {
    const org = await createOrg(t);
    const p = await enrol(org);
    const c = org.anonymous();
    expect((await c.post('/api/auth/sign-in', { email: p.email, password: PASSWORD })).json().error.code).toBe('TOTP_REQUIRED');
    const wrong = p.totp.generate() === '123456' ? '654321' : '123456';
    expect((await c.post('/api/auth/sign-in', { email: p.email, password: PASSWORD, totp: wrong })).json().error.code).toBe('TOTP_INVALID');
    const ok = await c.post('/api/auth/sign-in', { email: p.email, password: PASSWORD, totp: p.totp.generate() });
    expect(ok.statusCode).toBe(200);
  });

  it('when the organisation requires it, holds everything but enrolment until the person sets it up', async () => {
    const org = await createOrg(t);
    const p = await org.person();
    expect((await org.admin.patch('/api/admin/org', { requireTotp: true })).statusCode).toBe(200);
    const me = await p.client.get('/api/me');
    expect(me.json().mustEnrollTotp).toBe(true);
    const blocked = await p.client.get('/api/people');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('TOTP_ENROLMENT_REQUIRED');
    const begin = (await p.client.post('/api/me/totp')).json();
    const code = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(begin.secret) }).generate();
    expect((await p.client.post('/api/me/totp/enable', { code })).statusCode).toBe(200);
    expect((await p.client.get('/api/people')).statusCode).toBe(200);
  });
});

describe('personal API tokens', () => {
  it('authenticates with a bearer token within its scopes, and stops working once revoked', async () => {
    const org = await createOrg(t);
    const p = await org.person();
    const created = await p.client.post('/api/me/tokens', { name: 'CRM sync', scopes: ['read'] });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    const stored = await t.app.ctx.db.selectFrom('apiTokens').select('tokenHash').where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.tokenHash).not.toContain(token);

    const api = org.anonymous();
    api.bearer = token;
    expect((await api.get('/api/people')).statusCode).toBe(200);
    expect((await api.patch(`/api/people/${p.id}`, { title: 'Nope' })).statusCode).toBe(403);

    expect((await p.client.delete(`/api/me/tokens/${id}`)).statusCode).toBe(200);
    const after = await api.get('/api/people');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('INVALID_TOKEN');
  });

  it('lists tokens without their secrets', async () => {
    const org = await createOrg(t);
    const p = await org.person();
    await p.client.post('/api/me/tokens', { name: 'one', scopes: ['read', 'write'] });
    const list = (await p.client.get('/api/me/tokens')).json();
    expect(list.items).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain('tsu_');
  });
});

describe('deactivation', () => {
  it('ends the sessions of a deactivated person at once and refuses their sign-in; reactivation restores it', async () => {
    const org = await createOrg(t);
    const p = await org.person();
    expect((await org.admin.post(`/api/admin/people/${p.id}/deactivate`)).statusCode).toBe(200);
    expect((await p.client.get('/api/me')).statusCode).toBe(401);
    const res = await org.anonymous().post('/api/auth/sign-in', { email: p.email, password: PASSWORD });
    expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
    expect((await org.admin.post(`/api/admin/people/${p.id}/reactivate`)).statusCode).toBe(200);
    await org.anonymous().signIn(p.email);
  });
});

describe('session checks that are not activity', () => {
  it('lets an open realtime connection check a session without keeping it from idling out', async () => {
    const org = await createOrg(t);
    const p = await org.person();
    const token = decodeURIComponent(p.client.cookie!.match(/tessuto_sid=([^;]+)/)![1]!);
    const earlier = new Date(Date.now() - 10 * 60_000);
    await t.app.ctx.db.updateTable('sessions').set({ lastSeenAt: earlier }).where('userId', '=', p.id).execute();
    const o = { id: org.orgId, requireTotp: false };
    const lastSeen = async () =>
      (await t.app.ctx.db.selectFrom('sessions').select('lastSeenAt').where('userId', '=', p.id).executeTakeFirstOrThrow()).lastSeenAt;

    expect(await resolveSession(t.app.ctx, o, token, { touch: false })).not.toBeNull();
    expect((await lastSeen()).getTime()).toBe(earlier.getTime());
    expect(await resolveSession(t.app.ctx, o, token)).not.toBeNull();
    expect((await lastSeen()).getTime()).toBeGreaterThan(earlier.getTime());
  });
});

describe('brute-force helpers', () => {
  it('counts IPv6 addresses per /64 and IPv4 as they are', () => {
    expect(ipKey('2001:db8:1:2:3:4:5:6')).toBe(ipKey('2001:db8:1:2:ffff::1'));
    expect(ipKey('2001:db8:1:2::1')).not.toBe(ipKey('2001:db8:1:3::1'));
    expect(ipKey('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(ipKey('10.0.0.1')).toBe('10.0.0.1');
  });

  it('doubles the wait after each failure beyond five, up to an hour', () => {
    const now = Date.now();
    expect(lockoutRemaining(4, new Date(now), now)).toBe(0);
    expect(lockoutRemaining(5, new Date(now), now)).toBe(1);
    expect(lockoutRemaining(8, new Date(now), now)).toBe(8);
    expect(lockoutRemaining(40, new Date(now), now)).toBe(3600);
    expect(lockoutRemaining(8, new Date(now - 9000), now)).toBe(0);
  });
});

describe('rate limits by address', () => {
  it('refuses the 26th sign-in attempt from one address within five minutes', async () => {
    const org = await createOrg(t);
    const c = org.anonymous();
    const codes: number[] = [];
    for (let i = 0; i < 26; i += 1) {
      codes.push((await c.post('/api/auth/sign-in', { email: `x${i}@${org.host}`, password: 'whatever it is' })).statusCode);
    }
    expect(codes.slice(0, 25).every((s) => s === 401)).toBe(true);
    expect(codes[25]).toBe(429);
    const other = org.anonymous();
    expect((await other.post('/api/auth/sign-in', { email: `y@${org.host}`, password: 'whatever it is' })).statusCode).toBe(401);
  });
});
