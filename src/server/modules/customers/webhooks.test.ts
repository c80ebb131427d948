import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { type Client, createOrg, testApp, type TestApp, type TestOrg } from '../../test/helpers.js';
import { insertAccount, insertContact } from './customers.test-helpers.js';
import { signature } from './webhooks.service.js';

let t: TestApp;
let org: TestOrg;
let cx: { id: string; client: Client };
let employee: { id: string; email: string };
let team: string;
let accountId: string;
let contactId: string;
let hook: { id: string; name: string; url: string; secret: string };

const db = () => t.app.ctx.db;

beforeAll(async () => {
  t = await testApp();
  org = await createOrg(t);
  cx = await org.person({ roles: ['cx'], name: 'Cora CX' });
  employee = await org.person({ name: 'Ettore Employee' });
  team = newId();
  await db().insertInto('teams').values({ id: team, orgId: org.orgId, name: 'Care', departmentId: null }).execute();
  accountId = await insertAccount(db(), org.orgId, { name: 'Verdi Srl', externalId: 'crm-42', teamIds: [team] });
  contactId = await insertContact(db(), org.orgId, accountId, { email: 'anna@verdi.example', locale: 'it' });
  const res = await cx.client.post('/api/customers/webhooks', { name: 'Help desk' });
  expect(res.statusCode, res.body).toBe(201);
  hook = res.json();
});
afterAll(() => t.close());

const now = () => Math.floor(Date.now() / 1000);

function deliver(
  id: string,
  body: unknown,
  opts: { secret?: string; timestamp?: number; signed?: boolean; sign?: (ts: string, raw: Buffer) => string } = {},
) {
  const raw = Buffer.from(JSON.stringify(body));
  const ts = String(opts.timestamp ?? now());
  const headers: Record<string, string> = { host: org.host, 'content-type': 'application/json' };
  if (opts.signed !== false) {
    headers['x-tessuto-timestamp'] = ts;
    headers['x-tessuto-signature'] = `sha256=${opts.sign ? opts.sign(ts, raw) : signature(opts.secret ?? hook.secret, ts, raw)}`;
  }
  return t.app.inject({ method: 'POST', url: `/api/customers/webhooks/${id}/receive`, headers, payload: raw });
}

const count = async () =>
  (await db().selectFrom('customerFeedback').select('id').where('orgId', '=', org.orgId).where('channel', '=', 'webhook').execute()).length;

describe('inbound webhooks', () => {
  it('shows the secret once, lists the webhook without it and records who created it', async () => {
    expect(hook.secret.length).toBeGreaterThanOrEqual(40);
    expect(hook.url).toBe(`${t.config.publicUrl}/api/customers/webhooks/${hook.id}/receive`);
    const list = await cx.client.get('/api/customers/webhooks');
    expect(list.statusCode).toBe(200);
    const item = list.json<{ items: Record<string, unknown>[] }>().items.find((i) => i.id === hook.id);
    expect(item).toMatchObject({ name: 'Help desk', revoked: false, lastUsedAt: null, url: hook.url });
    expect(JSON.stringify(list.json())).not.toContain(hook.secret);
    const audit = await db()
      .selectFrom('auditLog')
      .select(['actorId'])
      .where('action', '=', 'customers.webhook.create')
      .where('targetId', '=', hook.id)
      .execute();
    expect(audit).toEqual([{ actorId: cx.id }]);
  });

  it('keeps webhooks to customer experience and administrators', async () => {
    const manager = await org.person({ roles: ['manager'] });
    expect((await manager.client.get('/api/customers/webhooks')).statusCode).toBe(403);
    expect((await manager.client.post('/api/customers/webhooks', { name: 'Mine' })).statusCode).toBe(403);
    expect((await org.anonymous().get('/api/customers/webhooks')).statusCode).toBe(401);
  });

  it('refuses unsigned, wrongly signed and stale deliveries with 401', async () => {
    const body = { kind: 'nps', score: 9, externalId: 'refused-1' };
    const unsigned = await deliver(hook.id, body, { signed: false });
    expect(unsigned.statusCode).toBe(401);
    expect(unsigned.json()).toMatchObject({ error: { code: 'INVALID_SIGNATURE' } });
    const wrong = await deliver(hook.id, body, { secret: 'not-the-secret' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ error: { code: 'INVALID_SIGNATURE' } });
    const garbage = await deliver(hook.id, body, { sign: () => 'zz' });
    expect(garbage.statusCode).toBe(401);
    // Signed over another body than the one sent.
    const tampered = await deliver(hook.id, body, { sign: (ts) => signature(hook.secret, ts, Buffer.from('{"kind":"nps","score":0}')) });
    expect(tampered.statusCode).toBe(401);
    const old = await deliver(hook.id, body, { timestamp: now() - 600 });
    expect(old.statusCode).toBe(401);
    expect(old.json()).toMatchObject({ error: { code: 'INVALID_SIGNATURE' } });
    const future = await deliver(hook.id, body, { timestamp: now() + 600 });
    expect(future.statusCode).toBe(401);
    expect(await count()).toBe(0);
  });

  it('stores a signed delivery with its account, contact, team and named employee, and answers a repeat as a duplicate', async () => {
    const body = {
      kind: 'nps',
      score: 10,
      comment: '<p>Ettore was <em>brilliant</em></p>',
      externalId: 'ticket-1001',
      accountExternalId: 'crm-42',
      contactEmail: 'Anna@Verdi.example',
      employeeEmail: employee.email.toUpperCase(),
      shareAllowed: true,
      receivedAt: '2026-11-20T10:00:00.000Z',
    };
    const res = await deliver(hook.id, body);
    expect(res.statusCode, res.body).toBe(202);
    const { id, duplicate } = res.json<{ id: string; duplicate: boolean }>();
    expect(duplicate).toBe(false);
    const row = await db().selectFrom('customerFeedback').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      orgId: org.orgId,
      channel: 'webhook',
      source: 'Help desk',
      externalId: 'ticket-1001',
      score: 10,
      accountId,
      contactId,
      teamId: team,
      namedUserId: employee.id,
      shareAllowed: true,
      locale: 'it',
      comment: 'Ettore was brilliant',
    });
    expect(row.receivedAt.toISOString()).toBe('2026-11-20T10:00:00.000Z');
    const praised = await db()
      .selectFrom('notifications')
      .select('data')
      .where('userId', '=', employee.id)
      .where('type', '=', 'customer_praise')
      .execute();
    expect(praised.map((n) => n.data)).toEqual([{ feedbackId: id, accountName: 'Verdi Srl', quote: 'Ettore was brilliant' }]);
    const used = await db().selectFrom('customerWebhooks').select('lastUsedAt').where('id', '=', hook.id).executeTakeFirstOrThrow();
    expect(used.lastUsedAt).not.toBeNull();

    const again = await deliver(hook.id, { ...body, score: 3 });
    expect(again.statusCode).toBe(202);
    expect(again.json()).toEqual({ id, duplicate: true });
    expect(await count()).toBe(1);
    const followups = await db().selectFrom('customerFollowups').select('id').where('feedbackId', '=', id).execute();
    expect(followups).toHaveLength(0);
  });

  it('refuses a score off the scale, an unknown account and a malformed body, storing nothing', async () => {
    const before = await count();
    const csat = await deliver(hook.id, { kind: 'csat', score: 7 });
    expect(csat.statusCode).toBe(400);
    expect(csat.json()).toMatchObject({ error: { code: 'SCORE_OUT_OF_RANGE' } });
    const unknown = await deliver(hook.id, { kind: 'nps', score: 5, accountExternalId: 'nobody' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: { code: 'UNKNOWN_ACCOUNT' } });
    const invalid = await deliver(hook.id, { kind: 'stars', score: 5 });
    expect(invalid.statusCode).toBe(400);
    expect(await count()).toBe(before);
  });

  it('opens a follow-up for a detractor sent by webhook', async () => {
    const res = await deliver(hook.id, { kind: 'csat', score: 1, accountId, comment: 'Nobody called back' });
    expect(res.statusCode).toBe(202);
    const { id } = res.json<{ id: string }>();
    const followup = await db().selectFrom('customerFollowups').selectAll().where('feedbackId', '=', id).executeTakeFirstOrThrow();
    expect(followup).toMatchObject({ accountId, teamId: team, status: 'open' });
  });

  it('answers 404 for an unknown, another organisation’s or revoked webhook', async () => {
    expect((await deliver(newId(), { kind: 'nps', score: 9 })).statusCode).toBe(404);
    expect((await deliver('not-an-id', { kind: 'nps', score: 9 })).statusCode).toBe(404);

    const elsewhere = await createOrg(t);
    const foreign = await t.app.inject({
      method: 'POST',
      url: `/api/customers/webhooks/${hook.id}/receive`,
      headers: { host: elsewhere.host, 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(foreign.statusCode).toBe(404);

    const created = await cx.client.post('/api/customers/webhooks', { name: 'Old CRM' });
    const old = created.json<{ id: string; secret: string }>();
    expect((await deliver(old.id, { kind: 'nps', score: 8, externalId: 'o-1' }, { secret: old.secret })).statusCode).toBe(202);
    expect((await cx.client.delete(`/api/customers/webhooks/${old.id}`)).statusCode).toBe(200);
    expect((await cx.client.delete(`/api/customers/webhooks/${old.id}`)).statusCode).toBe(200);
    expect((await cx.client.delete(`/api/customers/webhooks/${newId()}`)).statusCode).toBe(404);
    expect((await deliver(old.id, { kind: 'nps', score: 8, externalId: 'o-2' }, { secret: old.secret })).statusCode).toBe(404);
    const listed = (await cx.client.get('/api/customers/webhooks')).json<{ items: { id: string; revoked: boolean }[] }>();
    expect(listed.items.find((i) => i.id === old.id)?.revoked).toBe(true);
    const audit = await db()
      .selectFrom('auditLog')
      .select('action')
      .where('action', '=', 'customers.webhook.revoke')
      .where('targetId', '=', old.id)
      .execute();
    expect(audit).toHaveLength(1);
  });
});
