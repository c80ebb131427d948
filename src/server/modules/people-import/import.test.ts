import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgWithAdmin } from '../org/org.service.js';
import { createOrg, PASSWORD, testApp, type Client, type TestApp, type TestOrg } from '../../test/helpers.js';
import { importFromFile } from './import.cli.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const HEADER =
  'email,name,title,department,parent_department,team,location,country,manager_email,roles,employee_number,start_date,phone,timezone,locale,skills';

/** Sends a CSV file the way a browser form does. */
function upload(client: Client, csv: string | Buffer, dryRun?: boolean) {
  const boundary = '----tessuto-test-boundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="people.csv"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.isBuffer(csv) ? csv : Buffer.from(csv),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const query = dryRun === undefined ? '' : `?dryRun=${dryRun}`;
  return client.post(`/api/admin/people/import${query}`, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}

const csv = (...lines: string[]) => [HEADER, ...lines].join('\n') + '\n';

async function people(org: TestOrg) {
  return t.app.ctx.db
    .selectFrom('users')
    .select([
      'id',
      'email',
      'name',
      'title',
      'managerId',
      'departmentId',
      'teamId',
      'locationId',
      'roles',
      'passwordHash',
      'searchText',
      'skills',
      'phone',
    ])
    .where('orgId', '=', org.orgId)
    .execute();
}

async function countWhere(table: 'users' | 'departments' | 'teams' | 'locations', orgId: string) {
  const r = await t.app.ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('orgId', '=', orgId)
    .executeTakeFirstOrThrow();
  return r.n;
}

function sample(host: string) {
  return csv(
    `ceo@${host},Carla Ceo,Chief Executive,Leadership,,,Milan,IT,,manager,E1,2019-03-01,+39 02 1234,Europe/Rome,it,strategy`,
    `eng@${host},Enzo Engineer,Engineer,Engineering,Leadership,Platform,Milan,,ceo@${host},,E2,2021-06-15,,Europe/Rome,en,Go;PostgreSQL`,
    `des@${host},Dora Designer,Designer,Design,Leadership,,London,GB,eng@${host},,,,,Europe/London,,`,
  );
}

describe('dry run', () => {
  it('counts creates, updates and unchanged rows, previews the first rows and writes nothing', async () => {
    const org = await createOrg(t);
    const existing = await org.person({ name: 'Old Name', email: `eng@${org.host}` });
    const before = await countWhere('users', org.orgId);
    const res = await upload(org.admin, sample(org.host));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ dryRun: true, total: 3, creates: 2, updates: 1, unchanged: 0, errors: [], errorCount: 0, applied: false });
    expect(body.preview).toEqual([
      { row: 2, email: `ceo@${org.host}`, name: 'Carla Ceo', action: 'create' },
      { row: 3, email: `eng@${org.host}`, name: 'Enzo Engineer', action: 'update' },
      { row: 4, email: `des@${org.host}`, name: 'Dora Designer', action: 'create' },
    ]);
    expect(await countWhere('users', org.orgId)).toBe(before);
    expect(await countWhere('departments', org.orgId)).toBe(0);
    const again = await t.app.ctx.db.selectFrom('users').select('name').where('id', '=', existing.id).executeTakeFirstOrThrow();
    expect(again.name).toBe('Old Name');
  });

  it('accepts the file as a plain text/csv body, with a byte order mark and upper-case headers', async () => {
    const org = await createOrg(t);
    const res = await org.admin.post('/api/admin/people/import', `\uFEFFEMAIL,Name\nsam@${org.host},Sam\n`, { 'content-type': 'text/csv' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: true, total: 1, creates: 1 });
  });
});

describe('rows with errors', () => {
  it('lists each problem with its spreadsheet row number, and applying writes nothing', async () => {
    const org = await createOrg(t);
    const h = org.host;
    const file = csv(
      `ok@${h},Olga Ok,,Ops,,,,,,,,,,,,`, // row 2
      `not-an-email,Bad Email,,,,,,,,,,,,,,`, // row 3
      `lost@${h},Lost Soul,,,,,,,nobody@${h},,,,,,,`, // row 4
      `a@${h},Anna,,,,,,,b@${h},,,,,,,`, // row 5
      `b@${h},Bruno,,,,,,,c@${h},,,,,,,`, // row 6
      `c@${h},Carlo,,,,,,,a@${h},,,,,,,`, // row 7
      ``, // row 8: blank lines are skipped but still counted
      `OK@${h},Olga Again,,,,,,,,,,,,,,`, // row 9
      `x@${h},,,,,,,,,emperor,,31/12/2020,,Moon/Base,fr,`, // row 10
    );
    const res = await upload(org.admin, file);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const codes = body.errors.map((e: { row: number; code: string }) => `${e.row}:${e.code}`);
    expect(codes).toEqual([
      '3:INVALID_EMAIL',
      '4:UNKNOWN_MANAGER',
      '5:REPORTING_CYCLE',
      '6:REPORTING_CYCLE',
      '7:REPORTING_CYCLE',
      '9:DUPLICATE_ROW',
      '10:MISSING_NAME',
      '10:INVALID_ROLE',
      '10:INVALID_DATE',
      '10:INVALID_LOCALE',
      '10:INVALID_TIMEZONE',
    ]);
    expect(body.errorCount).toBe(11);
    expect(body.total).toBe(8);
    expect(body.creates).toBe(1);
    expect(body.errors[0]).toMatchObject({ row: 3, field: 'email', code: 'INVALID_EMAIL' });

    const before = await countWhere('users', org.orgId);
    const apply = await upload(org.admin, file, false);
    expect(apply.statusCode).toBe(422);
    expect(apply.json().error.code).toBe('IMPORT_INVALID');
    expect(apply.json().error.details.errorCount).toBe(11);
    expect(apply.json().error.details.errors).toHaveLength(11);
    expect(await countWhere('users', org.orgId)).toBe(before);
    expect(await countWhere('departments', org.orgId)).toBe(0);
  });

  it('finds a cycle that runs through people already in the organisation', async () => {
    const org = await createOrg(t);
    const top = await org.person({ email: `top@${org.host}` });
    await org.person({ email: `mid@${org.host}`, managerId: top.id });
    // top would report to new, who reports to mid, who (unchanged) reports to top.
    const res = await upload(
      org.admin,
      csv(`top@${org.host},Top,,,,,,,new@${org.host},,,,,,,`, `new@${org.host},New,,,,,,,mid@${org.host},,,,,,,`),
    );
    expect(res.json().errors.map((e: { row: number; code: string }) => `${e.row}:${e.code}`)).toEqual([
      '2:REPORTING_CYCLE',
      '3:REPORTING_CYCLE',
    ]);
  });

  it('refuses a department that would sit inside itself', async () => {
    const org = await createOrg(t);
    const res = await upload(org.admin, csv(`a@${org.host},A,,Alpha,Beta,,,,,,,,,,,`, `b@${org.host},B,,Beta,Alpha,,,,,,,,,,,`));
    expect(res.json().errors.map((e: { code: string }) => e.code)).toEqual(['DEPARTMENT_CYCLE', 'DEPARTMENT_CYCLE']);
  });
});

describe('applying', () => {
  it('creates people, departments, teams, locations and reporting lines in one go', async () => {
    const org = await createOrg(t);
    const res = await upload(org.admin, sample(org.host), false);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: false, applied: true, creates: 3, updates: 0, errorCount: 0 });

    const rows = await people(org);
    const by = (prefix: string) => rows.find((r) => r.email.startsWith(prefix))!;
    const depts = await t.app.ctx.db.selectFrom('departments').select(['id', 'name', 'parentId']).where('orgId', '=', org.orgId).execute();
    const dept = (name: string) => depts.find((d) => d.name === name)!;
    expect(depts.map((d) => d.name).sort()).toEqual(['Design', 'Engineering', 'Leadership']);
    expect(dept('Engineering').parentId).toBe(dept('Leadership').id);
    expect(dept('Leadership').parentId).toBeNull();
    const team = await t.app.ctx.db
      .selectFrom('teams')
      .select(['id', 'name', 'departmentId'])
      .where('orgId', '=', org.orgId)
      .executeTakeFirstOrThrow();
    expect(team).toMatchObject({ name: 'Platform', departmentId: dept('Engineering').id });
    const locations = await t.app.ctx.db
      .selectFrom('locations')
      .select(['name', 'country', 'timezone'])
      .where('orgId', '=', org.orgId)
      .orderBy('name')
      .execute();
    expect(locations).toEqual([
      { name: 'London', country: 'GB', timezone: 'Europe/London' },
      { name: 'Milan', country: 'IT', timezone: 'Europe/Rome' },
    ]);

    expect(by('eng').managerId).toBe(by('ceo').id);
    expect(by('des').managerId).toBe(by('eng').id);
    expect(by('ceo').managerId).toBeNull();
    expect(by('eng').teamId).toBe(team.id);
    expect(by('ceo').roles.sort()).toEqual(['employee', 'manager']);
    expect(by('eng').roles).toEqual(['employee']);
    expect(by('eng').skills).toEqual(['Go', 'PostgreSQL']);
    expect(by('ceo').passwordHash).toBeNull();
    expect(by('eng').searchText).toContain('platform');
    expect(by('eng').searchText).toContain('engineering');

    const search = await org.admin.get('/api/people?q=platform');
    expect(search.json().items.map((p: { name: string }) => p.name)).toEqual(['Enzo Engineer']);
    const chart = await org.admin.get(`/api/people/${by('des').id}`);
    expect(chart.json().managers.map((m: { name: string }) => m.name)).toEqual(['Enzo Engineer', 'Carla Ceo']);

    const log = await t.app.ctx.db
      .selectFrom('auditLog')
      .select(['action', 'data', 'actorId'])
      .where('orgId', '=', org.orgId)
      .where('action', '=', 'people.imported')
      .execute();
    expect(log).toHaveLength(1);
    expect(log[0]!.actorId).toBe(org.adminId);
    expect(log[0]!.data).toMatchObject({ creates: 3, updates: 0, departmentsCreated: 3, teamsCreated: 1, locationsCreated: 2 });
  });

  it('is idempotent: importing again updates in place and never duplicates, matching e-mails and names ignoring case', async () => {
    const org = await createOrg(t);
    await upload(org.admin, sample(org.host), false);
    const count = await countWhere('users', org.orgId);

    const same = await upload(
      org.admin,
      sample(org.host)
        .replace(`eng@${org.host}`, `ENG@${org.host.toUpperCase()}`)
        .replace('Engineering,Leadership', 'ENGINEERING,leadership'),
      false,
    );
    expect(same.json()).toMatchObject({ creates: 0, updates: 0, unchanged: 3, applied: true });

    const changed = await upload(org.admin, sample(org.host).replace('Chief Executive', 'Founder'), false);
    expect(changed.json()).toMatchObject({ creates: 0, updates: 1, unchanged: 2 });
    expect(await countWhere('users', org.orgId)).toBe(count);
    expect(await countWhere('departments', org.orgId)).toBe(3);
    const ceo = (await people(org)).find((p) => p.email.startsWith('ceo'))!;
    expect(ceo.title).toBe('Founder');
  });

  it('leaves values alone where a cell is empty, roles included', async () => {
    const org = await createOrg(t);
    await upload(org.admin, sample(org.host), false);
    const res = await upload(
      org.admin,
      `email,name,title,roles,skills,manager_email\nceo@${org.host},Carla C.,,,,\neng@${org.host},Enzo Engineer,,,,\n`,
      false,
    );
    expect(res.json()).toMatchObject({ updates: 1, unchanged: 1 });
    const rows = await people(org);
    const ceo = rows.find((p) => p.email.startsWith('ceo'))!;
    const eng = rows.find((p) => p.email.startsWith('eng'))!;
    expect(ceo).toMatchObject({ name: 'Carla C.', title: 'Chief Executive', skills: ['strategy'] });
    expect(ceo.roles.sort()).toEqual(['employee', 'manager']);
    expect(eng.managerId).toBe(ceo.id);
    expect(ceo.searchText).toContain('carla c.');
  });

  it('never takes the administrator role away from the person importing', async () => {
    const org = await createOrg(t);
    const res = await upload(org.admin, `email,name,roles\nadmin@${org.host},Ada Admin,employee\n`, false);
    expect(res.statusCode).toBe(200);
    const me = await t.app.ctx.db.selectFrom('users').select('roles').where('id', '=', org.adminId).executeTakeFirstOrThrow();
    expect(me.roles).toContain('admin');
  });
});

describe('export', () => {
  it('streams every person, deactivated included, in the import format, and re-importing it changes nothing', async () => {
    const org = await createOrg(t);
    await upload(org.admin, sample(org.host), false);
    const gone = await org.person({ name: 'Gone Person', email: `gone@${org.host}` });
    expect((await org.admin.post(`/api/admin/people/${gone.id}/deactivate`)).statusCode).toBe(200);

    const res = await org.admin.get('/api/admin/people/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="people.csv"');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines).toHaveLength(6);
    expect(lines.find((l) => l.startsWith(`eng@`))).toBe(
      `eng@${org.host},Enzo Engineer,Engineer,Engineering,Leadership,Platform,Milan,IT,ceo@${org.host},employee,E2,2021-06-15,,Europe/Rome,en,Go;PostgreSQL`,
    );
    expect(lines.some((l) => l.startsWith(`gone@${org.host},Gone Person`))).toBe(true);

    const again = await upload(org.admin, Buffer.from(res.rawPayload), false);
    expect(again.json()).toMatchObject({ total: 5, creates: 0, updates: 0, unchanged: 5, errorCount: 0 });
  });

  it('escapes cells a spreadsheet would run as formulas, and the importer undoes it', async () => {
    const org = await createOrg(t);
    const imported = await upload(
      org.admin,
      `email,name,title,phone\nevil@${org.host},"=HYPERLINK(""http://x"")",@SUM(A1),+39 055 1234\n`,
      false,
    );
    expect(imported.json()).toMatchObject({ creates: 1, applied: true });
    const evil = (await people(org)).find((p) => p.email.startsWith('evil'))!;
    expect(evil).toMatchObject({ name: '=HYPERLINK("http://x")', title: '@SUM(A1)', phone: '+39 055 1234' });

    const res = await org.admin.get('/api/admin/people/export');
    const line = res.body.split('\n').find((l) => l.startsWith('evil@'))!;
    expect(line).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(line).toContain(`'@SUM(A1)`);
    expect(line).toContain(`'+39 055 1234`);
    const again = await upload(org.admin, res.body);
    expect(again.json()).toMatchObject({ unchanged: 2, updates: 0 });
  });
});

describe('who may import and export', () => {
  it('lets HR import and export, refuses employees with 403 and strangers with 401', async () => {
    const org = await createOrg(t);
    const hr = await org.person({ roles: ['hr'] });
    const employee = await org.person();
    expect((await upload(hr.client, csv(`n@${org.host},New Person,,,,,,,,,,,,,,`), false)).statusCode).toBe(200);
    expect((await hr.client.get('/api/admin/people/export')).statusCode).toBe(200);
    const refused = await upload(employee.client, csv(`m@${org.host},M,,,,,,,,,,,,,,`));
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
    expect((await employee.client.get('/api/admin/people/export')).statusCode).toBe(403);
    expect((await upload(org.anonymous(), csv(`m@${org.host},M,,,,,,,,,,,,,,`))).statusCode).toBe(401);
    expect((await org.anonymous().get('/api/admin/people/export')).statusCode).toBe(401);
  });

  it('does not let HR grant roles through a file', async () => {
    const org = await createOrg(t);
    const hr = await org.person({ roles: ['hr'] });
    const res = await upload(hr.client, `email,name,roles\nboss@${org.host},Boss,admin\nplain@${org.host},Plain,employee\n`);
    expect(res.json().errors).toEqual([{ row: 2, field: 'roles', code: 'ROLE_NOT_ALLOWED', message: expect.any(String) }]);
  });
});

describe('files that cannot be read', () => {
  it('answers CSV_MALFORMED with the line of an unclosed quote', async () => {
    const org = await createOrg(t);
    const res = await upload(org.admin, `email,name\na@${org.host},Ann\nb@${org.host},"Bob\n`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('CSV_MALFORMED');
    expect(res.json().error.details.line).toBeGreaterThanOrEqual(3);
  });

  it('answers CSV_BAD_HEADER listing unknown and missing columns', async () => {
    const org = await createOrg(t);
    const res = await upload(org.admin, `e-mail address,name,salary\nx,y,z\n`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'CSV_BAD_HEADER',
      details: { missing: ['email'], unknown: ['e-mail address', 'salary'] },
    });
  });

  it('answers CSV_EMPTY for an empty file or a header alone', async () => {
    const org = await createOrg(t);
    expect((await upload(org.admin, '')).json().error.code).toBe('CSV_EMPTY');
    expect((await upload(org.admin, 'email,name\n\n')).json().error.code).toBe('CSV_EMPTY');
  });

  it('asks for UTF-8 when the file is in another encoding', async () => {
    const org = await createOrg(t);
    const latin1 = Buffer.from(`email,name\nn@${org.host},Nicol\xf2\n`, 'latin1');
    expect((await upload(org.admin, latin1)).json().error.code).toBe('CSV_ENCODING');
  });

  it('answers FILE_MISSING without a file and 415 for other content types', async () => {
    const org = await createOrg(t);
    expect((await org.admin.post('/api/admin/people/import', { csv: 'email,name' })).statusCode).toBe(415);
    const boundary = 'b0undary';
    const wrongField = `--${boundary}\r\nContent-Disposition: form-data; name="other"; filename="people.csv"\r\n\r\nemail,name\r\n--${boundary}--\r\n`;
    const res = await org.admin.post('/api/admin/people/import', wrongField, {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('FILE_MISSING');
  });
});

describe('query plans', () => {
  it('looks people up by e-mail through the users_email index', async () => {
    const org = await createOrg(t);
    const plan = await sql<{
      'QUERY PLAN': string;
    }>`explain select id from users where org_id = ${org.orgId} and lower(email) = any(${['a@b.c']}::text[])`.execute(t.app.ctx.db);
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/users_email/);
  });
});

describe('the command line', () => {
  it('imports a file into the default organisation as the administrator with that e-mail', async () => {
    await createOrgWithAdmin(t.app.ctx, {
      orgName: 'Default',
      host: null,
      admin: { name: 'Root Admin', email: 'root@default.test', password: PASSWORD },
    });
    const dir = await mkdtemp(path.join(tmpdir(), 'tessuto-import-'));
    try {
      const file = path.join(dir, 'people.csv');
      await writeFile(file, 'email,name,manager_email\nboss@default.test,Boss,\nwho@default.test,Who,boss@default.test\n');
      const checked = await importFromFile(t.app.ctx, { file, adminEmail: 'ROOT@default.test', dryRun: true });
      expect(checked).toBe('Checked 2 rows: 2 to create, 0 to update, 0 unchanged. Nothing was written (dry run).');
      expect(await importFromFile(t.app.ctx, { file, adminEmail: 'root@default.test', dryRun: false })).toBe(
        'Imported 2 rows: 2 created, 0 updated, 0 unchanged.',
      );

      await writeFile(file, 'email,name,manager_email\nlost@default.test,Lost,ghost@default.test\n');
      await expect(importFromFile(t.app.ctx, { file, adminEmail: 'root@default.test', dryRun: false })).rejects.toThrow(
        /row 2 \(manager_email\): UNKNOWN_MANAGER/,
      );
      await expect(importFromFile(t.app.ctx, { file, adminEmail: 'nobody@default.test', dryRun: true })).rejects.toThrow(
        /No active person/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
