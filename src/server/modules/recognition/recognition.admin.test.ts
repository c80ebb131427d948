import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, testApp, type TestApp, type TestOrg } from '../../test/helpers.js';
import { allowanceOf } from './ledger.js';
import { DEFAULT_SETTINGS, recognitionSettings } from './recognition.settings.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

interface AdminValue {
  id: string;
  name: string;
  description: string;
  emoji: string | null;
  position: number;
  archived: boolean;
}

const errorOf = (res: { statusCode: number; json: () => unknown }) => [
  res.statusCode,
  (res.json() as { error?: { code: string } }).error?.code,
];

async function addValue(org: TestOrg, body: Record<string, unknown>): Promise<AdminValue> {
  const res = await org.admin.post('/api/admin/values', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function valueNames(org: TestOrg) {
  return (await org.admin.get('/api/admin/values')).json().items.map((v: AdminValue) => v.name);
}

async function auditOf(org: TestOrg) {
  const rows = await t.app.ctx.db.selectFrom('auditLog').select('action').where('orgId', '=', org.orgId).execute();
  return rows.map((r) => r.action);
}

describe('company values', () => {
  it('adds values in order, edits them and keeps names unique whatever their case', async () => {
    const org = await createOrg(t);
    const courage = await addValue(org, { name: ' Courage ', description: 'Say what you think', emoji: '🦁' });
    expect(courage).toMatchObject({ name: 'Courage', description: 'Say what you think', emoji: '🦁', position: 0, archived: false });
    const care = await addValue(org, { name: 'Care' });
    expect(care).toMatchObject({ description: '', emoji: null, position: 1 });

    expect(errorOf(await org.admin.post('/api/admin/values', { name: 'COURAGE' }))).toEqual([409, 'VALUE_EXISTS']);
    expect(errorOf(await org.admin.patch(`/api/admin/values/${care.id}`, { name: 'courage' }))).toEqual([409, 'VALUE_EXISTS']);
    // Renaming a value to itself in another case is fine.
    const renamed = await org.admin.patch(`/api/admin/values/${courage.id}`, { name: 'COURAGE', emoji: null, description: 'Speak up' });
    expect(renamed.json()).toMatchObject({ name: 'COURAGE', emoji: null, description: 'Speak up', position: 0 });

    // Another organisation may use the same names.
    const other = await createOrg(t);
    await addValue(other, { name: 'Courage' });
    expect(errorOf(await other.admin.patch(`/api/admin/values/${care.id}`, { name: 'Kindness' }))).toEqual([404, 'NOT_FOUND']);
    expect(await auditOf(org)).toEqual(expect.arrayContaining(['value.created', 'value.updated']));
  });

  it('archives and restores a value instead of deleting it', async () => {
    const org = await createOrg(t);
    const v = await addValue(org, { name: 'Ownership' });
    const archived = (await org.admin.patch(`/api/admin/values/${v.id}`, { archived: true })).json();
    expect(archived).toMatchObject({ id: v.id, archived: true });
    const stored = await t.app.ctx.db.selectFrom('companyValues').select('archivedAt').where('id', '=', v.id).executeTakeFirstOrThrow();
    expect(stored.archivedAt).toBeInstanceOf(Date);
    expect(await valueNames(org)).toEqual(['Ownership']);
    // An archived value still holds its name.
    expect(errorOf(await org.admin.post('/api/admin/values', { name: 'ownership' }))).toEqual([409, 'VALUE_EXISTS']);
    expect((await org.admin.patch(`/api/admin/values/${v.id}`, { archived: false })).json().archived).toBe(false);
  });

  it('moves a value to a place in the order, shifting the others', async () => {
    const org = await createOrg(t);
    const a = await addValue(org, { name: 'A' });
    await addValue(org, { name: 'B' });
    const c = await addValue(org, { name: 'C' });
    const d = await addValue(org, { name: 'D' });
    expect((await org.admin.patch(`/api/admin/values/${d.id}`, { position: 1 })).json().position).toBe(1);
    expect(await valueNames(org)).toEqual(['A', 'D', 'B', 'C']);
    await org.admin.patch(`/api/admin/values/${a.id}`, { position: 99 });
    expect(await valueNames(org)).toEqual(['D', 'B', 'C', 'A']);
    await org.admin.patch(`/api/admin/values/${c.id}`, { position: 0 });
    const items = (await org.admin.get('/api/admin/values')).json().items as AdminValue[];
    expect(items.map((v) => [v.name, v.position])).toEqual([
      ['C', 0],
      ['D', 1],
      ['B', 2],
      ['A', 3],
    ]);
  });

  it('refuses empty, oversized and made-up fields', async () => {
    const org = await createOrg(t);
    const v = await addValue(org, { name: 'Trust' });
    for (const bad of [
      { name: '' },
      { name: '   ' },
      { name: 'x'.repeat(41) },
      { description: 'x'.repeat(281) },
      { emoji: 'smile' },
      { emoji: '🙂'.repeat(17) },
      { colour: 'blue' },
    ]) {
      expect(errorOf(await org.admin.post('/api/admin/values', { name: 'Fine', ...bad })), JSON.stringify(bad)).toEqual([
        400,
        'VALIDATION_FAILED',
      ]);
    }
    for (const bad of [{}, { position: -1 }, { position: 1.5 }, { archived: 'maybe' }]) {
      expect(errorOf(await org.admin.patch(`/api/admin/values/${v.id}`, bad)), JSON.stringify(bad)).toEqual([400, 'VALIDATION_FAILED']);
    }
  });
});

describe('recognition settings', () => {
  it('starts from the defaults and changes only what is sent, one leaderboard at a time', async () => {
    const org = await createOrg(t);
    expect((await org.admin.get('/api/admin/recognition/settings')).json()).toEqual(DEFAULT_SETTINGS);

    const res = await org.admin.patch('/api/admin/recognition/settings', {
      requireValue: true,
      gamificationOffCountries: ['FR', 'DE', 'FR'],
      defaultAllowance: 150,
      leaderboards: { given: false },
    });
    expect(res.statusCode, res.body).toBe(200);
    const expected = {
      ...DEFAULT_SETTINGS,
      requireValue: true,
      gamificationOffCountries: ['DE', 'FR'],
      defaultAllowance: 150,
      leaderboards: { received: true, given: false },
    };
    expect(res.json()).toEqual(expected);
    expect(await recognitionSettings(t.app.ctx.db, org.orgId)).toEqual(expected);

    const next = await org.admin.patch('/api/admin/recognition/settings', { recipientLimit: 0, recipientLimitDays: 366, birthdays: false });
    expect(next.json()).toEqual({ ...expected, recipientLimit: 0, recipientLimitDays: 366, birthdays: false });
    expect(await auditOf(org)).toContain('recognition_settings.updated');
  });

  it('refuses country codes that are not two capital letters and limits outside the allowed range', async () => {
    const org = await createOrg(t);
    for (const bad of [
      {},
      { gamificationOffCountries: ['it'] },
      { gamificationOffCountries: ['ITA'] },
      { gamificationOffCountries: ['I T'] },
      { defaultAllowance: -1 },
      { defaultAllowance: 100_001 },
      { defaultAllowance: 10.5 },
      { recipientLimit: -5 },
      { recipientLimitDays: 0 },
      { recipientLimitDays: 367 },
      { leaderboards: { weekly: true } },
      { colour: 'blue' },
    ]) {
      expect(errorOf(await org.admin.patch('/api/admin/recognition/settings', bad)), JSON.stringify(bad)).toEqual([
        400,
        'VALIDATION_FAILED',
      ]);
    }
    expect((await org.admin.get('/api/admin/recognition/settings')).json()).toEqual(DEFAULT_SETTINGS);
  });
});

describe('allowance rules', () => {
  it('sets and removes allowances per role and per person, which the ledger then applies', async () => {
    const org = await createOrg(t);
    const manager = await org.person({ roles: ['manager'], name: 'Marta Manager' });
    const hrManager = await org.person({ roles: ['hr', 'manager'] });
    const employee = await org.person({ name: 'Enzo Employee' });
    const allowances = async () => allowanceOf(t.app.ctx.db, org.orgId, [manager.id, hrManager.id, employee.id]);

    await org.admin.put('/api/admin/allowances/roles/manager', { amount: 300 });
    await org.admin.put('/api/admin/allowances/roles/hr', { amount: 200 });
    const res = await org.admin.put('/api/admin/allowances/roles/manager', { amount: 250 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      defaultAllowance: 100,
      rules: [
        { id: expect.any(String), role: 'hr', person: null, amount: 200 },
        { id: expect.any(String), role: 'manager', person: null, amount: 250 },
      ],
    });
    expect(await allowances()).toEqual(
      new Map([
        [manager.id, 250],
        [hrManager.id, 250],
        [employee.id, 100],
      ]),
    );

    const person = await org.admin.put(`/api/admin/allowances/people/${manager.id}`, { amount: 40 });
    expect(person.json().rules.at(-1)).toEqual({
      id: expect.any(String),
      role: null,
      person: { id: manager.id, name: 'Marta Manager', title: null, photoUrl: null },
      amount: 40,
    });
    await org.admin.patch('/api/admin/recognition/settings', { defaultAllowance: 120 });
    expect((await allowances()).get(manager.id)).toBe(40);
    expect((await allowances()).get(employee.id)).toBe(120);
    expect((await org.admin.get('/api/admin/allowances')).json().defaultAllowance).toBe(120);

    await org.admin.delete(`/api/admin/allowances/people/${manager.id}`);
    await org.admin.delete('/api/admin/allowances/roles/manager');
    expect(await allowances()).toEqual(
      new Map([
        [manager.id, 120],
        [hrManager.id, 200],
        [employee.id, 120],
      ]),
    );
    // Removing what is not there changes nothing.
    expect((await org.admin.delete('/api/admin/allowances/roles/manager')).json().rules).toEqual([
      { id: expect.any(String), role: 'hr', person: null, amount: 200 },
    ]);
    expect(await auditOf(org)).toEqual(expect.arrayContaining(['allowance.set', 'allowance.removed']));
  });

  it('refuses unknown roles, amounts out of range, deactivated people and people of other organisations', async () => {
    const org = await createOrg(t);
    const gone = await org.person();
    await org.admin.post(`/api/admin/people/${gone.id}/deactivate`);
    expect(errorOf(await org.admin.put(`/api/admin/allowances/people/${gone.id}`, { amount: 10 }))).toEqual([422, 'PERSON_INACTIVE']);
    const other = await createOrg(t);
    const stranger = await other.person();
    expect(errorOf(await org.admin.put(`/api/admin/allowances/people/${stranger.id}`, { amount: 10 }))).toEqual([404, 'NOT_FOUND']);
    expect(errorOf(await org.admin.put('/api/admin/allowances/roles/wizard', { amount: 10 }))).toEqual([400, 'VALIDATION_FAILED']);
    for (const amount of [-1, 100_001, 2.5, 'lots']) {
      expect(errorOf(await org.admin.put('/api/admin/allowances/roles/manager', { amount })), String(amount)).toEqual([
        400,
        'VALIDATION_FAILED',
      ]);
    }
    expect((await org.admin.get('/api/admin/allowances')).json().rules).toEqual([]);
  });
});

describe('who may administer recognition', () => {
  it('refuses values, settings and allowances to everyone but administrators', async () => {
    const org = await createOrg(t);
    const v = await addValue(org, { name: 'Respect' });
    for (const role of ['employee', 'manager', 'hr', 'communications'] as const) {
      const p = await org.person({ roles: [role] });
      const calls = [
        p.client.get('/api/admin/values'),
        p.client.post('/api/admin/values', { name: `By ${role}` }),
        p.client.patch(`/api/admin/values/${v.id}`, { archived: true }),
        p.client.get('/api/admin/recognition/settings'),
        p.client.patch('/api/admin/recognition/settings', { gamification: false }),
        p.client.get('/api/admin/allowances'),
        p.client.put(`/api/admin/allowances/roles/${role}`, { amount: 100_000 }),
        p.client.delete('/api/admin/allowances/roles/manager'),
        p.client.put(`/api/admin/allowances/people/${p.id}`, { amount: 100_000 }),
        p.client.delete(`/api/admin/allowances/people/${p.id}`),
      ];
      for (const res of await Promise.all(calls)) {
        expect(errorOf(res), `${role}: ${res.body}`).toEqual([403, 'FORBIDDEN']);
      }
    }
    expect(await valueNames(org)).toEqual(['Respect']);
    expect((await org.admin.get('/api/admin/values')).json().items[0].archived).toBe(false);
    expect(await recognitionSettings(t.app.ctx.db, org.orgId)).toEqual(DEFAULT_SETTINGS);
    expect((await org.admin.get('/api/admin/allowances')).json().rules).toEqual([]);
  });
});
