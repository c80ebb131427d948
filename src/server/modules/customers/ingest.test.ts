import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { createOrg, testApp, type Client, type TestApp, type TestOrg } from '../../test/helpers.js';
import { insertAccount, insertContact } from './customers.test-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const db = () => t.app.ctx.db;

async function insertTeam(orgId: string, name: string): Promise<string> {
  const id = newId();
  await db().insertInto('teams').values({ id, orgId, name, departmentId: null }).execute();
  return id;
}

/** A client that authenticates only with a personal API token of these scopes. */
async function tokenClient(org: TestOrg, owner: Client, scopes: string[]): Promise<Client> {
  const res = await owner.post('/api/me/tokens', { name: `CRM ${scopes.join('+')}`, scopes });
  expect(res.statusCode).toBe(201);
  const api = org.anonymous();
  api.bearer = res.json().token;
  return api;
}

async function count(orgId: string, table: 'customerAccounts' | 'customerContacts' | 'customerInteractions' | 'customerFeedback') {
  const r = await db()
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('orgId', '=', orgId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('ingest with an API token', () => {
  let org: TestOrg;
  let cx: { id: string; client: Client };
  let team: string;
  beforeAll(async () => {
    org = await createOrg(t);
    cx = await org.person({ roles: ['cx'], name: 'Cleo CX' });
    team = await insertTeam(org.orgId, 'Support');
  });

  it('upserts accounts and contacts and logs interactions once per external id, as plain text', async () => {
    const api = await tokenClient(org, cx.client, ['read', 'write']);
    const existing = await insertAccount(db(), org.orgId, { name: 'Old Name', externalId: 'crm-2', segment: 'Kept' });
    const body = {
      accounts: [
        { externalId: 'crm-1', name: 'Ingested Co', segment: 'Retail', size: 'medium', locale: 'it', teamIds: [team] },
        { externalId: 'crm-2', name: 'Renamed Co', region: 'South' },
      ],
      contacts: [
        { accountExternalId: 'crm-1', name: 'Nina Buyer', email: 'Nina@Ingested.example', locale: 'it' },
        { accountId: existing, name: 'Otto Owner', email: 'otto@renamed.example', optedOut: true },
      ],
      interactions: [
        {
          accountExternalId: 'crm-1',
          externalId: 'ticket-9',
          kind: 'ticket',
          summary: '<img src=x onerror=alert(1)>Printer <b>broken</b> &amp; fixed',
          contactEmail: 'nina@ingested.example',
          teamId: team,
          occurredAt: '2026-02-01T09:00:00Z',
        },
      ],
    };
    const res = await api.post('/api/customers/ingest', body);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      accounts: { created: 1, updated: 1 },
      contacts: { created: 2, updated: 0 },
      interactions: { created: 1, duplicate: 0 },
      feedback: { created: 0, duplicate: 0 },
    });
    const created = await db()
      .selectFrom('customerAccounts')
      .selectAll()
      .where('orgId', '=', org.orgId)
      .where('externalId', '=', 'crm-1')
      .executeTakeFirstOrThrow();
    expect(created).toMatchObject({ name: 'Ingested Co', segment: 'Retail', size: 'medium', locale: 'it' });
    const renamed = (await cx.client.get(`/api/customers/accounts/${existing}`)).json();
    expect(renamed).toMatchObject({ name: 'Renamed Co', segment: 'Kept', region: 'South' });
    expect(renamed.contacts).toMatchObject([{ email: 'otto@renamed.example', optedOut: true }]);

    const interactions = (await cx.client.get(`/api/customers/accounts/${created.id}/interactions`)).json().items;
    expect(interactions).toHaveLength(1);
    expect(interactions[0]).toMatchObject({ kind: 'ticket', contact: { name: 'Nina Buyer' }, team: { id: team } });
    expect(interactions[0].summary).toBe('Printer broken & fixed');
    expect(interactions[0].createdBy).toEqual({ id: cx.id, name: 'Cleo CX' });

    const again = await api.post('/api/customers/ingest', body);
    expect(again.json()).toEqual({
      accounts: { created: 0, updated: 2 },
      contacts: { created: 0, updated: 2 },
      interactions: { created: 0, duplicate: 1 },
      feedback: { created: 0, duplicate: 0 },
    });
    expect(await count(org.orgId, 'customerInteractions')).toBe(1);
    expect(await count(org.orgId, 'customerContacts')).toBe(2);
    const audits = await db()
      .selectFrom('auditLog')
      .select('action')
      .where('orgId', '=', org.orgId)
      .where('action', '=', 'customers.ingested')
      .execute();
    expect(audits).toHaveLength(2);
  });

  it('refuses a read-only token and people who may not manage customers', async () => {
    const readOnly = await tokenClient(org, cx.client, ['read']);
    const res = await readOnly.post('/api/customers/ingest', { accounts: [{ externalId: 'ro-1', name: 'Read Only Co' }] });
    expect(res.statusCode).toBe(403);
    const manager = await org.person({ roles: ['manager'] });
    const managerToken = await tokenClient(org, manager.client, ['read', 'write']);
    expect((await managerToken.post('/api/customers/ingest', { accounts: [] })).statusCode).toBe(403);
    expect((await org.anonymous().post('/api/customers/ingest', { accounts: [] })).statusCode).toBe(401);
    expect(await db().selectFrom('customerAccounts').select('id').where('externalId', '=', 'ro-1').executeTakeFirst()).toBeUndefined();
  });

  it('also works with a session', async () => {
    const res = await org.admin.post('/api/customers/ingest', { accounts: [{ externalId: 'session-1', name: 'Session Co' }] });
    expect(res.statusCode).toBe(200);
    expect(res.json().accounts).toEqual({ created: 1, updated: 0 });
  });
});

describe('invalid items', () => {
  it('writes nothing and lists every invalid item with its list, position and code', async () => {
    const org = await createOrg(t);
    const account = await insertAccount(db(), org.orgId, { name: 'Taken Name', externalId: 'taken' });
    await insertContact(db(), org.orgId, account, { email: 'known@taken.example' });
    const res = await org.admin.post('/api/customers/ingest', {
      accounts: [
        { externalId: 'new-1', name: 'Fine Co' },
        { externalId: 'new-2', name: 'taken name' },
        { externalId: 'new-3', name: 'Sized', size: 'gigantic', customerSince: '2025-02-30' },
      ],
      contacts: [
        { accountExternalId: 'new-1', name: 'Fine', email: 'fine@fine.example' },
        { accountExternalId: 'missing', name: 'Lost', email: 'lost@x.example' },
        { accountId: account, name: 'Bad', email: 'not an email' },
      ],
      interactions: [
        { accountExternalId: 'taken', kind: 'call', summary: 'ok', contactEmail: 'known@taken.example' },
        { accountExternalId: 'taken', kind: 'lunch', summary: '<p></p>', teamId: newId() },
        { accountId: account, kind: 'note', summary: 'Later', occurredAt: new Date(Date.now() + 3 * 86_400_000).toISOString() },
        { kind: 'note', summary: 'Whose?' },
      ],
      feedback: [
        { accountExternalId: 'taken', kind: 'nps', score: 11 },
        { kind: 'csat', score: 0 },
        { kind: 'stars', score: 3 },
        { accountExternalId: 'taken', kind: 'nps', score: 9, employeeEmail: 'ghost@nowhere.example', contactEmail: 'stranger@x.example' },
      ],
    });
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('INVALID_ITEMS');
    const found = error.details.map((d: { kind: string; index: number; code: string }) => `${d.kind}[${d.index}]:${d.code}`);
    expect(found).toEqual([
      'accounts[1]:ACCOUNT_EXISTS',
      'accounts[2]:INVALID_SIZE',
      'accounts[2]:INVALID_DATE',
      'contacts[1]:UNKNOWN_ACCOUNT',
      'contacts[2]:INVALID_EMAIL',
      'interactions[1]:INVALID_KIND',
      'interactions[1]:EMPTY_SUMMARY',
      'interactions[1]:UNKNOWN_TEAM',
      'interactions[2]:OCCURRED_IN_FUTURE',
      'interactions[3]:MISSING_ACCOUNT',
      'feedback[0]:SCORE_OUT_OF_RANGE',
      'feedback[1]:SCORE_OUT_OF_RANGE',
      'feedback[2]:INVALID_KIND',
      'feedback[3]:UNKNOWN_CONTACT',
      'feedback[3]:UNKNOWN_PERSON',
    ]);
    expect(error.details[0]).toMatchObject({ kind: 'accounts', index: 1, message: expect.any(String) });
    expect(await count(org.orgId, 'customerAccounts')).toBe(1);
    expect(await count(org.orgId, 'customerContacts')).toBe(1);
    expect(await count(org.orgId, 'customerInteractions')).toBe(0);
    expect(await count(org.orgId, 'customerFeedback')).toBe(0);
  });

  it('refuses more items than the limit before looking at them', async () => {
    const org = await createOrg(t);
    const accounts = Array.from({ length: 1001 }, (_, i) => ({ externalId: `x-${i}`, name: `Co ${i}` }));
    const res = await org.admin.post('/api/customers/ingest', { accounts });
    expect(res.statusCode).toBe(400);
    expect(await count(org.orgId, 'customerAccounts')).toBe(0);
  });
});

// Feedback items are stored through recordFeedback (feedback.record.ts), the path every channel shares.
describe('ingest feedback (through recordFeedback)', () => {
  it('records answers once per external id, with the comment as plain text', async () => {
    const org = await createOrg(t);
    const cx = await org.person({ roles: ['cx'] });
    const api = await tokenClient(org, cx.client, ['write']);
    const account = await insertAccount(db(), org.orgId, { name: 'Feedback Co', externalId: 'fb-1' });
    await insertContact(db(), org.orgId, account, { email: 'voice@feedback.example' });
    const body = {
      source: 'helpdesk',
      feedback: [
        {
          accountExternalId: 'fb-1',
          externalId: 'survey-1',
          kind: 'nps',
          score: 10,
          comment: '<b>Great</b> service<script>alert(1)</script>',
          contactEmail: 'voice@feedback.example',
        },
        { accountExternalId: 'fb-1', externalId: 'survey-2', kind: 'csat', score: 4 },
      ],
    };
    const first = await api.post('/api/customers/ingest', body);
    expect(first.statusCode).toBe(200);
    expect(first.json().feedback).toEqual({ created: 2, duplicate: 0 });
    const second = await api.post('/api/customers/ingest', body);
    expect(second.json().feedback).toEqual({ created: 0, duplicate: 2 });
    const rows = await db()
      .selectFrom('customerFeedback')
      .select(['externalId', 'source', 'channel', 'comment', 'accountId', 'contactId'])
      .where('orgId', '=', org.orgId)
      .orderBy('externalId')
      .execute();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ externalId: 'survey-1', source: 'helpdesk', channel: 'api', accountId: account });
    expect(rows[0]!.contactId).not.toBeNull();
    expect(rows[0]!.comment).not.toMatch(/[<>]/);
    expect(rows[0]!.comment).toContain('Great');
    expect(rows[0]!.comment).not.toContain('alert');
  });
});
