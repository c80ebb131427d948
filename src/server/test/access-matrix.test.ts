import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../platform/ids.js';
import { ROLES, type Role } from '../platform/policy.js';
import { ACCESS_MATRIX, type AccessRow, type Fixture } from './access-matrix.js';
import { type Client, createOrg, testApp, type TestApp, type TestOrg } from './helpers.js';

let t: TestApp;
let org: TestOrg;
let fixture: Fixture;
const clients = new Map<Role | 'anonymous', Client>();

beforeAll(async () => {
  t = await testApp();
  org = await createOrg(t);
  const target = await org.person({ name: 'Target Person' });
  const dep = (await org.admin.post('/api/departments', { name: 'Matrix Department' })).json();
  const team = (await org.admin.post('/api/teams', { name: 'Matrix Team' })).json();
  const loc = (await org.admin.post('/api/locations', { name: 'Matrix Location' })).json();
  const inv = (await org.admin.post('/api/invitations', { email: `matrix@${org.host}` })).json();
  fixture = {
    orgId: org.orgId,
    host: org.host,
    personId: target.id,
    departmentId: dep.id,
    teamId: team.id,
    locationId: loc.id,
    invitationId: inv.id,
    unique: () => newId(),
  };
  clients.set('anonymous', org.anonymous());
  for (const role of ROLES) {
    const p = await org.person({ roles: [role], name: `Matrix ${role}` });
    clients.set(role, p.client);
  }
});
afterAll(() => t.close());

function allowed(row: AccessRow, who: Role | 'anonymous'): boolean {
  if (row.who === 'anyone') {
    return true;
  }
  if (who === 'anonymous') {
    return false;
  }
  return row.who === 'signed-in' || row.who.includes(who);
}

describe('access matrix', () => {
  it('has a row for every route of the API', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json<{ paths: Record<string, Record<string, unknown>> }>();
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const rows = new Set(ACCESS_MATRIX.map((r) => `${r.method} ${r.path}`));
    expect(routes.filter((r) => !rows.has(r))).toEqual([]);
  });

  for (const row of ACCESS_MATRIX) {
    for (const who of ['anonymous', ...ROLES] as const) {
      const expectAllowed = allowed(row, who);
      it(`${row.method} ${row.path} — ${who} is ${expectAllowed ? 'let through' : 'refused'}`, async () => {
        let client = clients.get(who)!;
        if (row.endsSession && who !== 'anonymous') {
          // A person of their own, so that ending their sessions leaves the shared clients signed in.
          client = (await org.person({ roles: [who] })).client;
        }
        const url = row.url?.(fixture) ?? row.path;
        const body = row.body?.(fixture);
        const res = await client.request(row.method, url, row.method === 'GET' ? undefined : (body ?? {}));
        // A refusal is 401 UNAUTHENTICATED or 403 FORBIDDEN; anything else (a 404, a validation error) got past the check.
        // The public feedback pages answer errors as HTML pages for customers, not as JSON.
        const json = String(res.headers['content-type'] ?? '').includes('application/json');
        const code = res.statusCode >= 400 ? (json ? res.json<{ error: { code: string } }>().error.code : `PAGE_${res.statusCode}`) : 'OK';
        if (expectAllowed) {
          expect(['UNAUTHENTICATED', 'FORBIDDEN'], `${res.statusCode} ${res.body}`).not.toContain(code);
        } else {
          expect([res.statusCode, code], res.body).toEqual(who === 'anonymous' ? [401, 'UNAUTHENTICATED'] : [403, 'FORBIDDEN']);
        }
      });
    }
  }
});
