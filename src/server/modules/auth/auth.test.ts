import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, PASSWORD, testApp, type TestApp } from '../../test/helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('sign-in', () => {
  it('signs in with the right password and answers /api/me', async () => {
    const org = await createOrg(t);
    const res = await org.admin.get('/api/me');
    expect(res.statusCode).toBe(200);
    expect(res.json().user.roles).toContain('admin');
  });

  it('refuses a wrong password with INVALID_CREDENTIALS', async () => {
    const org = await createOrg(t);
    const res = await org.anonymous().post('/api/auth/sign-in', { email: `admin@${org.host}`, password: 'wrong password here' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
    void PASSWORD;
  });
});
