import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { createOrg, testApp, type Client, type TestApp, type TestOrg } from '../../test/helpers.js';
import { insertAccount, insertContact, insertFeedback } from './customers.test-helpers.js';

let t: TestApp;
let org: TestOrg;
type Person = { id: string; client: Client };
let cx: Person;
let manager: Person;
let employee: Person;
let teams: { support: string; sales: string };

const db = () => t.app.ctx.db;

async function insertTeam(orgId: string, name: string): Promise<string> {
  const id = newId();
  await db().insertInto('teams').values({ id, orgId, name, departmentId: null }).execute();
  return id;
}

beforeAll(async () => {
  t = await testApp();
  org = await createOrg(t);
  cx = await org.person({ roles: ['cx'], name: 'Carla CX' });
  manager = await org.person({ roles: ['manager'], name: 'Marco Manager' });
  employee = await org.person({ name: 'Elena Employee' });
  teams = { support: await insertTeam(org.orgId, 'Support'), sales: await insertTeam(org.orgId, 'Sales') };
});
afterAll(() => t.close());

async function auditActions(orgId: string, targetId: string) {
  const rows = await db().selectFrom('auditLog').select('action').where('orgId', '=', orgId).where('targetId', '=', targetId).execute();
  return rows.map((r) => r.action).sort();
}

describe('permissions', () => {
  it('lets customer experience manage accounts, managers only read them, and refuses employees', async () => {
    const created = await cx.client.post('/api/customers/accounts', {
      name: 'Acme Perms',
      segment: 'Retail',
      teamIds: [teams.support],
      userIds: [manager.id],
    });
    expect(created.statusCode).toBe(201);
    const account = created.json();
    expect(account).toMatchObject({
      name: 'Acme Perms',
      status: 'active',
      lostOn: null,
      locale: 'en',
      teams: [{ id: teams.support, name: 'Support' }],
      people: [{ id: manager.id, name: 'Marco Manager' }],
      contacts: [],
      nps: null,
      csat: null,
      openFollowups: 0,
      lastInteractionAt: null,
    });
    expect(account.customerSince).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    expect((await manager.client.get(`/api/customers/accounts/${account.id}`)).statusCode).toBe(200);
    expect((await manager.client.get('/api/customers/accounts')).statusCode).toBe(200);
    const managerWrite = await manager.client.patch(`/api/customers/accounts/${account.id}`, { segment: 'Nope' });
    expect(managerWrite.statusCode).toBe(403);
    expect((await manager.client.post('/api/customers/accounts', { name: 'Manager Co' })).statusCode).toBe(403);
    expect((await manager.client.delete(`/api/customers/accounts/${account.id}`)).statusCode).toBe(403);
    expect(
      (await manager.client.post(`/api/customers/accounts/${account.id}/contacts`, { name: 'X', email: 'x@y.example' })).statusCode,
    ).toBe(403);

    for (const res of [
      await employee.client.get('/api/customers/accounts'),
      await employee.client.get(`/api/customers/accounts/${account.id}`),
      await employee.client.get(`/api/customers/accounts/${account.id}/interactions`),
      await employee.client.post('/api/customers/accounts', { name: 'Employee Co' }),
      await employee.client.post(`/api/customers/accounts/${account.id}/interactions`, { kind: 'call', summary: 'Hi' }),
    ]) {
      expect(res.statusCode).toBe(403);
    }
    expect((await org.anonymous().get('/api/customers/accounts')).statusCode).toBe(401);
  });

  it('updates, re-activates and deletes an account, auditing each change', async () => {
    const id = (await cx.client.post('/api/customers/accounts', { name: 'Lifecycle Ltd', customerSince: '2024-01-10' })).json().id;
    const lost = await cx.client.patch(`/api/customers/accounts/${id}`, { lostOn: '2025-03-01', teamIds: [teams.sales] });
    expect(lost.statusCode).toBe(200);
    expect(lost.json()).toMatchObject({ status: 'lost', lostOn: '2025-03-01', teams: [{ id: teams.sales }] });
    const back = await cx.client.patch(`/api/customers/accounts/${id}`, { lostOn: null, name: 'Lifecycle Limited' });
    expect(back.json()).toMatchObject({ status: 'active', lostOn: null, name: 'Lifecycle Limited', teams: [{ id: teams.sales }] });
    expect((await cx.client.delete(`/api/customers/accounts/${id}`)).json()).toEqual({ ok: true });
    expect((await cx.client.get(`/api/customers/accounts/${id}`)).statusCode).toBe(404);
    expect((await cx.client.delete(`/api/customers/accounts/${id}`)).statusCode).toBe(404);
    expect(await auditActions(org.orgId, id)).toEqual([
      'customers.account.created',
      'customers.account.deleted',
      'customers.account.updated',
      'customers.account.updated',
    ]);
  });

  it('answers 404 for an account of another organisation', async () => {
    const other = await createOrg(t);
    const foreign = await insertAccount(db(), other.orgId, { name: 'Foreign' });
    expect((await cx.client.get(`/api/customers/accounts/${foreign}`)).statusCode).toBe(404);
    expect((await cx.client.patch(`/api/customers/accounts/${foreign}`, { segment: 'x' })).statusCode).toBe(404);
  });
});

describe('validation', () => {
  it('refuses duplicates, unknown teams and people, and a loss before the start, with stable codes', async () => {
    const base = await cx.client.post('/api/customers/accounts', { name: 'Unique Co', externalId: 'crm-unique' });
    expect(base.statusCode).toBe(201);
    const cases: [unknown, number, string][] = [
      [{ name: 'unique co' }, 409, 'ACCOUNT_EXISTS'],
      [{ name: 'Other Co', externalId: 'crm-unique' }, 409, 'EXTERNAL_ID_EXISTS'],
      [{ name: 'Teamless', teamIds: [newId()] }, 422, 'UNKNOWN_TEAM'],
      [{ name: 'Peopleless', userIds: [newId()] }, 422, 'UNKNOWN_PERSON'],
      [{ name: 'Backwards', customerSince: '2025-05-01', lostOn: '2025-04-30' }, 400, 'LOST_BEFORE_SINCE'],
      [{ name: 'Sized', size: 'huge' }, 400, 'VALIDATION_FAILED'],
      [{ name: 'x'.repeat(201) }, 400, 'VALIDATION_FAILED'],
      [{ name: '   ' }, 400, 'MISSING_NAME'],
    ];
    for (const [body, status, code] of cases) {
      const res = await cx.client.post('/api/customers/accounts', body);
      expect({ body, status: res.statusCode, code: res.json().error?.code }).toEqual({ body, status, code });
    }
    // A team of another organisation is as unknown as one that does not exist.
    const other = await createOrg(t);
    const foreignTeam = await insertTeam(other.orgId, 'Elsewhere');
    const res = await cx.client.patch(`/api/customers/accounts/${base.json().id}`, { teamIds: [foreignTeam] });
    expect(res.json().error.code).toBe('UNKNOWN_TEAM');
    const since = await cx.client.patch(`/api/customers/accounts/${base.json().id}`, { lostOn: '1999-01-01' });
    expect(since.json().error.code).toBe('LOST_BEFORE_SINCE');
  });

  it('lower-cases contact e-mails, refuses a second contact with the same address, and opts contacts out', async () => {
    const account = (await cx.client.post('/api/customers/accounts', { name: 'Contacts Co' })).json();
    const added = await cx.client.post(`/api/customers/accounts/${account.id}/contacts`, {
      name: 'Paula Buyer',
      email: '  Paula.Buyer@Example.COM ',
      locale: 'it',
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ email: 'paula.buyer@example.com', locale: 'it', optedOut: false, accountId: account.id });
    const dup = await cx.client.post(`/api/customers/accounts/${account.id}/contacts`, {
      name: 'Paula Again',
      email: 'PAULA.buyer@example.com',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('CONTACT_EXISTS');
    const bad = await cx.client.post(`/api/customers/accounts/${account.id}/contacts`, { name: 'Bad', email: 'not-an-address' });
    expect(bad.json().error.code).toBe('INVALID_EMAIL');

    const second = (
      await cx.client.post(`/api/customers/accounts/${account.id}/contacts`, { name: 'Sam', email: 'sam@example.com' })
    ).json();
    const clash = await cx.client.patch(`/api/customers/contacts/${second.id}`, { email: 'paula.buyer@EXAMPLE.com' });
    expect(clash.statusCode).toBe(409);
    const optedOut = await cx.client.patch(`/api/customers/contacts/${second.id}`, { optedOut: true, title: 'CFO' });
    expect(optedOut.json()).toMatchObject({ optedOut: true, title: 'CFO' });
    const detail = (await cx.client.get(`/api/customers/accounts/${account.id}`)).json();
    expect(detail.contacts.map((c: { email: string }) => c.email).sort()).toEqual(['paula.buyer@example.com', 'sam@example.com']);
    expect((await cx.client.delete(`/api/customers/contacts/${second.id}`)).json()).toEqual({ ok: true });
    expect((await cx.client.delete(`/api/customers/contacts/${second.id}`)).statusCode).toBe(404);
  });
});

describe('interactions', () => {
  it('logs interactions as plain text, newest first, checking contact, team, person and time', async () => {
    const account = (await cx.client.post('/api/customers/accounts', { name: 'Interactions Inc' })).json();
    const contactId = await insertContact(db(), org.orgId, account.id, { name: 'Ivo Client' });
    const otherAccount = await insertAccount(db(), org.orgId, { name: 'Someone Else' });
    const strangerContact = await insertContact(db(), org.orgId, otherAccount);
    const url = `/api/customers/accounts/${account.id}/interactions`;

    const first = await manager.client.post(url, {
      kind: 'meeting',
      summary: '<p>Quarterly review <b>went well</b></p><script>alert(1)</script>',
      occurredAt: '2026-01-05T10:00:00.000Z',
      contactId,
      teamId: teams.support,
      userId: manager.id,
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      kind: 'meeting',
      contact: { id: contactId, name: 'Ivo Client' },
      team: { id: teams.support, name: 'Support' },
      user: { id: manager.id },
      createdBy: { id: manager.id, name: 'Marco Manager' },
    });
    expect(first.json().summary).not.toMatch(/[<>]/);
    expect(first.json().summary).toContain('Quarterly review');
    expect(first.json().summary).not.toContain('alert');

    const now = await cx.client.post(url, { kind: 'call', summary: 'Follow-up call' });
    expect(now.statusCode).toBe(201);
    expect(Math.abs(new Date(now.json().occurredAt).getTime() - Date.now())).toBeLessThan(60_000);

    const bad: [unknown, number, string][] = [
      [{ kind: 'call', summary: 'x', contactId: strangerContact }, 422, 'UNKNOWN_CONTACT'],
      [{ kind: 'call', summary: 'x', teamId: newId() }, 422, 'UNKNOWN_TEAM'],
      [{ kind: 'call', summary: 'x', userId: newId() }, 422, 'UNKNOWN_PERSON'],
      [{ kind: 'call', summary: 'x', occurredAt: new Date(Date.now() + 3 * 86_400_000).toISOString() }, 400, 'OCCURRED_IN_FUTURE'],
      [{ kind: 'call', summary: '<b></b>' }, 400, 'EMPTY_SUMMARY'],
      [{ kind: 'lunch', summary: 'x' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of bad) {
      const res = await cx.client.post(url, body);
      expect({ body, status: res.statusCode, code: res.json().error?.code }).toEqual({ body, status, code });
    }

    const page1 = await manager.client.get(`${url}?limit=1`);
    expect(page1.json().items.map((i: { kind: string }) => i.kind)).toEqual(['call']);
    const page2 = await manager.client.get(`${url}?limit=1&cursor=${page1.json().nextCursor}`);
    expect(page2.json().items.map((i: { kind: string }) => i.kind)).toEqual(['meeting']);
    expect(page2.json().nextCursor).toBeNull();

    const detail = (await cx.client.get(`/api/customers/accounts/${account.id}`)).json();
    expect(detail.lastInteractionAt).toBe(now.json().occurredAt);
  });
});

describe('list', () => {
  it('pages through accounts by name without repeats and filters by text, status, team and segment', async () => {
    const o = await createOrg(t);
    const admin = o.admin;
    const support = await insertTeam(o.orgId, 'Support');
    const names = ['Delta', 'alpha', 'Charlie', 'Bravo', 'Echo', 'Foxtrot', 'Golf 100%', 'Golf_under', 'Hotel'];
    for (const [i, name] of names.entries()) {
      await insertAccount(db(), o.orgId, {
        name,
        segment: i % 2 === 0 ? 'Retail' : 'Banking',
        region: i < 3 ? 'North' : 'South',
        lostOn: name === 'Echo' ? '2026-01-01' : null,
        teamIds: i < 4 ? [support] : [],
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await admin.get(`/api/customers/accounts?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      seen.push(...body.items.map((a: { name: string }) => a.name));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(names.length);
    expect([...seen].sort()).toEqual([...names].sort());

    const names_ = async (query: string) =>
      (await admin.get(`/api/customers/accounts?${query}`))
        .json()
        .items.map((a: { name: string }) => a.name)
        .sort();
    expect(await names_('status=lost')).toEqual(['Echo']);
    expect(await names_('status=active')).toHaveLength(names.length - 1);
    expect(await names_(`teamId=${support}`)).toEqual(['Bravo', 'Charlie', 'Delta', 'alpha'].sort());
    expect(await names_('segment=banking')).toEqual(['Bravo', 'Foxtrot', 'Golf_under', 'alpha'].sort());
    expect(await names_('q=north')).toEqual(['Charlie', 'Delta', 'alpha'].sort());
    expect(await names_('q=ALP')).toEqual(['alpha']);
    // % and _ are matched as themselves, not as wildcards.
    expect(await names_(`q=${encodeURIComponent('%')}`)).toEqual(['Golf 100%']);
    expect(await names_('q=_')).toEqual(['Golf_under']);
    expect((await admin.get('/api/customers/accounts?cursor=nonsense')).json().error.code).toBe('INVALID_CURSOR');
    expect((await admin.get('/api/customers/accounts?limit=101')).statusCode).toBe(400);
  });

  it('shows NPS of the recent window, the latest interaction and open follow-ups with each account', async () => {
    const o = await createOrg(t);
    const id = await insertAccount(db(), o.orgId, { name: 'Scored' });
    for (const score of [10, 9, 8, 3]) {
      await insertFeedback(db(), o.orgId, { score, accountId: id });
    }
    // Outside the default six-month window: left out.
    await insertFeedback(db(), o.orgId, { score: 0, accountId: id, receivedAt: new Date(Date.now() - 400 * 86_400_000) });
    await insertFeedback(db(), o.orgId, { kind: 'csat', score: 5, accountId: id });
    const detractor = await insertFeedback(db(), o.orgId, { score: 2, accountId: id });
    await db()
      .insertInto('customerFollowups')
      .values({ id: newId(), orgId: o.orgId, feedbackId: detractor, accountId: id, dueOn: '2026-12-01' })
      .execute();
    const list = (await o.admin.get('/api/customers/accounts')).json();
    expect(list.items[0]).toMatchObject({
      name: 'Scored',
      nps: { n: 5, promoters: 2, passives: 1, detractors: 2, score: 0 },
      openFollowups: 1,
    });
    const detail = (await o.admin.get(`/api/customers/accounts/${id}`)).json();
    expect(detail.csat).toEqual({ mean: 5, satisfied: 100, n: 1 });
  });

  it('reads the page from the list index (plan check)', async () => {
    const o = await createOrg(t);
    for (let i = 0; i < 30; i++) {
      await insertAccount(db(), o.orgId, { name: `Plan ${String(i).padStart(2, '0')}` });
    }
    await sql`analyze customer_accounts`.execute(db());
    // Few rows would make a sequential scan cheapest; the point is which index the keyset walks.
    const text = await db()
      .transaction()
      .execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        const plan = await sql<{ 'QUERY PLAN': string }>`explain select id from customer_accounts
          where org_id = ${o.orgId} and (name, id) > (${'Plan 10'}, ${newId()}::uuid) order by name, id limit 21`.execute(trx);
        return plan.rows.map((r) => r['QUERY PLAN']).join('\n');
      });
    expect(text).toContain('customer_accounts_list');
    expect(text).not.toMatch(/Sort/);
  });
});
