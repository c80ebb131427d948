import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { createOrg, testApp, type Client, type TestApp, type TestOrg } from '../../test/helpers.js';
import { insertAccount, insertContact } from './customers.test-helpers.js';
import { parseHeader, parseRow } from './import.rows.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const db = () => t.app.ctx.db;
const HEADER =
  'name,external_id,segment,region,size,locale,customer_since,lost_on,teams,people,contact_name,contact_email,contact_title,contact_locale';
const csv = (...lines: string[]) => [HEADER, ...lines].join('\n') + '\n';

function upload(client: Client, file: string, dryRun?: boolean) {
  const query = dryRun === undefined ? '' : `?dryRun=${dryRun}`;
  // As the web app sends it: the CSV text itself, with its character set.
  return client.post(`/api/customers/import${query}`, file, { 'content-type': 'text/csv; charset=utf-8' });
}

async function insertTeam(orgId: string, name: string): Promise<string> {
  const id = newId();
  await db().insertInto('teams').values({ id, orgId, name, departmentId: null }).execute();
  return id;
}

async function counts(orgId: string) {
  const n = async (table: 'customerAccounts' | 'customerContacts' | 'customerAccountTeams' | 'customerAccountPeople') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('orgId', '=', orgId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    accounts: await n('customerAccounts'),
    contacts: await n('customerContacts'),
    teams: await n('customerAccountTeams'),
    people: await n('customerAccountPeople'),
  };
}

let org: TestOrg;
let cx: Client;
let seller: { id: string; email: string };

beforeAll(async () => {
  org = await createOrg(t);
  cx = (await org.person({ roles: ['cx'] })).client;
  seller = await org.person({ name: 'Sara Seller' });
  await insertTeam(org.orgId, 'Support');
  await insertTeam(org.orgId, 'Key Accounts');
});

function sample() {
  return csv(
    `Acme Import,crm-1,Retail,North,large,it,2023-04-01,,Support;key accounts,${seller.email},Paola Rossi,Paola@Acme.example,CFO,it`,
    `acme import,,,,,,,,,,Luca Bianchi,luca@acme.example,,`,
    `Beta Import,,Banking,South,small,en,2024-02-01,,Support,,,,,`,
  );
}

describe('dry run', () => {
  it('shows what each row would do and writes nothing', async () => {
    const existing = await insertAccount(db(), org.orgId, { name: 'beta import', segment: 'Old segment' });
    const before = await counts(org.orgId);
    const res = await upload(cx, sample());
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      dryRun: true,
      applied: false,
      total: 3,
      creates: 2,
      updates: 1,
      unchanged: 0,
      errorCount: 0,
      errors: [],
      accounts: { created: 1, updated: 1 },
      contacts: { created: 2, updated: 0 },
    });
    expect(body.rows).toEqual([
      { row: 2, name: 'Acme Import', contactEmail: 'paola@acme.example', action: 'create', errors: [] },
      { row: 3, name: 'acme import', contactEmail: 'luca@acme.example', action: 'create', errors: [] },
      { row: 4, name: 'Beta Import', contactEmail: null, action: 'update', errors: [] },
    ]);
    expect(body.preview).toHaveLength(3);
    expect(await counts(org.orgId)).toEqual(before);
    const still = await db()
      .selectFrom('customerAccounts')
      .select(['name', 'segment'])
      .where('id', '=', existing)
      .executeTakeFirstOrThrow();
    expect(still).toEqual({ name: 'beta import', segment: 'Old segment' });
  });

  it('lists row errors with their codes and refuses to apply any of the file', async () => {
    const o = await createOrg(t);
    await insertTeam(o.orgId, 'Support');
    const file = csv(
      `Good Co,,,,,,,,Support,,,,,`, // row 2
      `,,,,,,,,,,,,,`, // blank: skipped
      `,x-2,,,,,,,,,,,,`, // row 4
      `Bad Size,,,,gigantic,fr,2024-13-01,,,,,,,`, // row 5
      `Lost Early,,,,,,2024-05-01,2024-04-01,,,Someone,not-an-email,,`, // row 6
      `Team Less,,,,,,,,Support;Nobody Team,nobody@nowhere.example,,,,`, // row 7
    );
    const res = await upload(o.admin, file);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const codes = body.errors.map((e: { row: number; code: string }) => `${e.row}:${e.code}`);
    expect(codes).toEqual([
      '4:MISSING_NAME',
      '5:INVALID_SIZE',
      '5:INVALID_DATE',
      '5:INVALID_LOCALE',
      '6:LOST_BEFORE_SINCE',
      '6:INVALID_EMAIL',
      '7:UNKNOWN_TEAM',
      '7:UNKNOWN_PERSON',
    ]);
    expect(body.errors.find((e: { code: string }) => e.code === 'UNKNOWN_TEAM').message).toContain('Nobody Team');
    expect(body.rows.map((r: { action: string }) => r.action)).toEqual(['create', 'error', 'error', 'error', 'error']);
    expect(body).toMatchObject({ total: 5, creates: 1, errorCount: 8 });

    const applied = await upload(o.admin, file, false);
    expect(applied.statusCode).toBe(400);
    expect(applied.json().error.code).toBe('IMPORT_INVALID');
    expect(applied.json().error.details.errorCount).toBe(8);
    expect(await counts(o.orgId)).toEqual({ accounts: 0, contacts: 0, teams: 0, people: 0 });
  });

  it('imports nothing when a file names an unknown team', async () => {
    const o = await createOrg(t);
    await insertTeam(o.orgId, 'Support');
    const res = await upload(o.admin, csv(`Fine Co,,,,,,,,Support,,,,,`, `Other Co,,,,,,,,Ghost Team,,,,,`), false);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.errors).toEqual([
      { row: 3, field: 'teams', code: 'UNKNOWN_TEAM', message: 'There is no team called "Ghost Team".' },
    ]);
    expect((await counts(o.orgId)).accounts).toBe(0);
  });

  it('refuses a bad header, an empty file and people who may not manage accounts', async () => {
    const bad = await upload(cx, 'title,segment\nx,y\n');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('CSV_BAD_HEADER');
    expect((await upload(cx, `${HEADER}\n`)).json().error.code).toBe('CSV_EMPTY');
    const manager = (await org.person({ roles: ['manager'] })).client;
    expect((await upload(manager, sample())).statusCode).toBe(403);
    const employee = (await org.person()).client;
    expect((await upload(employee, sample(), false)).statusCode).toBe(403);
    expect((await cx.post('/api/customers/import', { name: 'x' })).statusCode).toBe(415);
  });
});

describe('applying', () => {
  it('creates and updates accounts, teams, people and contacts, and a second run changes nothing', async () => {
    const o = await createOrg(t);
    const support = await insertTeam(o.orgId, 'Support');
    const key = await insertTeam(o.orgId, 'Key Accounts');
    const person = await o.person({ name: 'Sara Seller' });
    const beta = await insertAccount(db(), o.orgId, { name: 'Beta Import', segment: 'Old', customerSince: '2020-01-01' });
    await insertContact(db(), o.orgId, beta, { name: 'Old Name', email: 'boss@beta.example' });
    const file = csv(
      `Acme Import,crm-1,Retail,North,large,it,2023-04-01,,Support;key accounts,${person.email.toUpperCase()},Paola Rossi,Paola@Acme.example,CFO,it`,
      `Acme Import,crm-1,,,,,,,,,Luca Bianchi,luca@acme.example,,`,
      `beta import,b-7,Banking,,,,,,Support,,New Name,BOSS@beta.example,CEO,`,
    );
    const res = await upload(o.admin, file, false);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      applied: true,
      creates: 2,
      updates: 1,
      accounts: { created: 1, updated: 1 },
      contacts: { created: 2, updated: 1 },
    });

    const accounts = (await o.admin.get('/api/customers/accounts')).json().items;
    const acme = accounts.find((a: { name: string }) => a.name === 'Acme Import');
    expect(acme).toMatchObject({
      externalId: 'crm-1',
      segment: 'Retail',
      region: 'North',
      size: 'large',
      locale: 'it',
      customerSince: '2023-04-01',
    });
    expect(acme.teams.map((x: { id: string }) => x.id).sort()).toEqual([support, key].sort());
    const acmeDetail = (await o.admin.get(`/api/customers/accounts/${acme.id}`)).json();
    expect(acmeDetail.people).toEqual([{ id: person.id, name: 'Sara Seller' }]);
    expect(acmeDetail.contacts.map((c: { email: string }) => c.email).sort()).toEqual(['luca@acme.example', 'paola@acme.example']);
    const betaDetail = (await o.admin.get(`/api/customers/accounts/${beta}`)).json();
    expect(betaDetail).toMatchObject({ name: 'beta import', externalId: 'b-7', segment: 'Banking', customerSince: '2020-01-01' });
    expect(betaDetail.contacts).toMatchObject([{ name: 'New Name', email: 'boss@beta.example', title: 'CEO' }]);

    const after = await counts(o.orgId);
    const again = await upload(o.admin, file, false);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ applied: true, creates: 0, updates: 0, unchanged: 3, accounts: { created: 0, updated: 0 } });
    expect(await counts(o.orgId)).toEqual(after);

    const audits = await db()
      .selectFrom('auditLog')
      .select('action')
      .where('orgId', '=', o.orgId)
      .where('action', '=', 'customers.imported')
      .execute();
    expect(audits).toHaveLength(1);
  });

  it('refuses a rename onto another account and an external id that belongs to someone else', async () => {
    const o = await createOrg(t);
    await insertAccount(db(), o.orgId, { name: 'First', externalId: 'e-1' });
    await insertAccount(db(), o.orgId, { name: 'Second', externalId: 'e-2' });
    const body = (await upload(o.admin, csv(`second,e-1,,,,,,,,,,,,`, `First,e-9,,,,,,,,,,,,`))).json();
    expect(body.errors.map((e: { row: number; code: string }) => `${e.row}:${e.code}`)).toEqual([
      '2:ACCOUNT_EXISTS',
      '3:EXTERNAL_ID_MISMATCH',
    ]);
  });
});

describe('row parsing', () => {
  it('matches headers loosely and cleans cells', () => {
    const columns = parseHeader(['Name', 'External ID', 'contact-email', 'Contact Name', '']);
    expect(columns).toEqual(['name', 'external_id', 'contact_email', 'contact_name', null]);
    const { account, errors } = parseRow(['  Acme  Corp ', "'=x1", ' A@B.example ', 'Ann', 'ignored'], columns, 2);
    expect(errors).toEqual([]);
    expect(account).toMatchObject({ name: 'Acme Corp', externalId: '=x1', contact: { email: 'a@b.example', name: 'Ann' } });
  });
});
