import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { createOrg, testApp, type TestApp } from '../test/helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp(
    { bodyLimit: 4096 },
    {
      beforeReady: (app) => {
        app.get('/api/test/explode', () => {
          throw new Error('secret internal detail at /srv/db');
        });
      },
    },
  );
});
afterAll(() => t.close());

describe('configuration', () => {
  it('stops with a message naming the variable when a value is bad', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^PORT: /);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/^DATABASE_URL: /);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/^LOG_LEVEL: /);
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: '1' })).toThrow(/^SESSION_IDLE_MINUTES: /);
  });

  it('has working defaults and marks cookies Secure behind HTTPS', () => {
    const c = loadConfig({});
    expect([c.port, c.host, c.secureCookies]).toEqual([3000, '127.0.0.1', false]);
    expect(loadConfig({ PUBLIC_URL: 'https://tessuto.example.com/' }).secureCookies).toBe(true);
    expect(loadConfig({ PUBLIC_URL: 'https://tessuto.example.com/' }).publicUrl).toBe('https://tessuto.example.com');
  });
});

describe('the one error shape', () => {
  it('answers an unknown route with ROUTE_NOT_FOUND', async () => {
    const org = await createOrg(t);
    const res = await org.admin.get('/api/does-not-exist');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'ROUTE_NOT_FOUND', message: expect.any(String) as string } });
  });

  it('answers malformed JSON with MALFORMED_JSON', async () => {
    const org = await createOrg(t);
    const res = await org.anonymous().request('POST', '/api/auth/sign-in', '{"email": ', { 'content-type': 'application/json' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('MALFORMED_JSON');
  });

  it('answers unknown fields and wrong types with VALIDATION_FAILED and the fields in details', async () => {
    const org = await createOrg(t);
    const res = await org.anonymous().post('/api/auth/sign-in', { email: 42, password: 'x', admin: true });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ property: 'admin' }), expect.objectContaining({ field: 'body.email' })]),
    );
  });

  it('answers an oversized body with BODY_TOO_LARGE', async () => {
    const org = await createOrg(t);
    const res = await org.anonymous().post('/api/auth/sign-in', { email: 'a@b.co', password: 'x'.repeat(5000) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('BODY_TOO_LARGE');
  });

  it('answers an unexpected failure with INTERNAL and no detail of it', async () => {
    const org = await createOrg(t);
    const res = await org.admin.get('/api/test/explode');
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: expect.any(String) as string } });
    expect(res.body).not.toContain('secret');
    expect(res.body).not.toContain('/srv');
  });

  it('answers a signed-out request with UNAUTHENTICATED', async () => {
    const org = await createOrg(t);
    const res = await org.anonymous().get('/api/people');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });
});

describe('operations', () => {
  it('answers /healthz, /readyz and /metrics', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject('/readyz')).json()).toMatchObject({ status: 'ready' });
    const metrics = await t.app.inject('/metrics');
    expect(metrics.body).toContain('http_request_duration_seconds');
    expect(metrics.body).toContain('process_cpu_user_seconds_total');
  });

  it('describes the API as OpenAPI 3 with every route and the error shape', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/auth/sign-in', '/api/people', '/api/people/{id}', '/api/invitations']),
    );
    expect(doc.paths['/api/people'].get.responses['401']).toBeDefined();
    expect((await t.app.inject('/api/docs')).statusCode).toBeLessThan(400);
  });

  it('sends a strict Content-Security-Policy and other security headers', async () => {
    const res = await t.app.inject('/healthz');
    const csp = String(res.headers['content-security-policy']);
    for (const d of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
      expect(csp).toContain(d);
    }
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });
});
