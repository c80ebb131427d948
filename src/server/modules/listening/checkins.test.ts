import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, testApp, type TestApp } from '../../test/helpers.js';
import { expectError, group, surveyNotifications } from './surveys.test-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const db = () => t.app.ctx.db;
const API = '/api/listening';

interface Detail {
  id: string;
  kind: string;
  status: string;
  anonymity: string;
  recurrence: string;
  roundDays: number;
  title: string;
  audience: Record<string, unknown>;
  questions: { bankKey: string | null; kind: string; required: boolean }[];
  currentRound: { id: string; number: number; status: string; invited: number; opensAt: string; closesAt: string } | null;
  canEnd: boolean;
  canEdit: boolean;
  canSeeResults: boolean;
}

async function managerWithLine(org: Awaited<ReturnType<typeof createOrg>>, size: number) {
  const manager = await org.person({ roles: ['manager'], name: 'Mara Manager' });
  const line = await group(t, org, size, { managerId: manager.id });
  return { manager, line };
}

describe('check-ins', () => {
  it('let a manager ask their own line, anonymously by default, open at once for two days', async () => {
    const org = await createOrg(t);
    const { manager, line } = await managerWithLine(org, 5);
    // Indirect reports are part of the line too.
    const lead = line.people[0]!;
    const indirect = await org.person({ managerId: lead.id });

    const res = await manager.client.post(`${API}/checkins`, { audience: { lineOf: [manager.id] } });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json<Detail>();
    expect(c).toMatchObject({
      kind: 'checkin',
      status: 'running',
      anonymity: 'anonymous',
      recurrence: 'none',
      roundDays: 2,
      title: 'Check-in: how are you doing?',
      canEnd: true,
      canEdit: false,
      canSeeResults: true,
      audience: { lineOf: [manager.id] },
    });
    expect(c.questions.map((q) => [q.bankKey, q.kind, q.required])).toEqual([
      ['checkin.feeling', 'scale5', true],
      ['checkin.comment', 'text', false],
    ]);
    expect(c.currentRound).toMatchObject({ number: 1, status: 'open', invited: 6 });
    expect(new Date(c.currentRound!.closesAt).getTime() - new Date(c.currentRound!.opensAt).getTime()).toBe(2 * 86_400_000);
    const sent = await surveyNotifications(t, org.orgId);
    expect(sent.map((n) => n.userId).sort()).toEqual([...line.people.map((p) => p.id), indirect.id].sort());
    expect(sent[0]!.data).toMatchObject({ surveyId: c.id, kind: 'checkin', reminder: false });

    // They see their own check-ins, and end them.
    const list = (await manager.client.get(`${API}/surveys`)).json<{ items: Detail[] }>();
    expect(list.items.map((s) => s.id)).toEqual([c.id]);
    expect((await manager.client.get(`${API}/surveys/${c.id}/rounds`)).statusCode).toBe(200);
    const ended = await manager.client.post(`${API}/surveys/${c.id}/end`);
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ status: 'ended', currentRound: { status: 'closed' } });
  });

  it('let a plain manager ask no one but their own line, and never with names attached', async () => {
    const org = await createOrg(t);
    const { manager, line } = await managerWithLine(org, 5);
    const other = await managerWithLine(org, 5);
    const post = (body: Record<string, unknown>) => manager.client.post(`${API}/checkins`, body);

    expectError(await post({ audience: { all: true } }), 403, 'CHECKIN_LINE_ONLY');
    expectError(await post({ audience: { teamIds: [line.teamId] } }), 403, 'CHECKIN_LINE_ONLY');
    expectError(await post({ audience: { lineOf: [other.manager.id] } }), 403, 'CHECKIN_LINE_ONLY');
    expectError(await post({ audience: { lineOf: [manager.id, other.manager.id] } }), 403, 'CHECKIN_LINE_ONLY');
    expectError(await post({ audience: { lineOf: [manager.id] }, anonymity: 'attributed' }), 403, 'CHECKIN_ATTRIBUTED');
    expectError(await manager.client.post(`${API}/audience/preview`, { audience: { all: true } }), 403, 'CHECKIN_LINE_ONLY');
    expect((await manager.client.post(`${API}/audience/preview`, { audience: { lineOf: [manager.id] } })).json()).toEqual({
      invited: 5,
      threshold: 5,
    });
    expectError(await (await org.person()).client.post(`${API}/checkins`, { audience: { all: true } }), 403, 'FORBIDDEN');

    // Another manager's check-in is invisible, and cannot be ended.
    const theirs = (await other.manager.client.post(`${API}/checkins`, { audience: { lineOf: [other.manager.id] } })).json<Detail>();
    expectError(await manager.client.get(`${API}/surveys/${theirs.id}`), 404, 'NOT_FOUND');
    expectError(await manager.client.post(`${API}/surveys/${theirs.id}/end`), 404, 'NOT_FOUND');
    expect((await manager.client.get(`${API}/surveys`)).json<{ items: unknown[] }>().items).toEqual([]);
    // Managers never build surveys, nor list them by another kind.
    expect((await manager.client.get(`${API}/surveys?kind=survey`)).json<{ items: unknown[] }>().items).toEqual([]);
    // HR sees every check-in.
    const hr = await org.person({ roles: ['hr'] });
    expect((await hr.client.get(`${API}/surveys?kind=checkin`)).json<{ items: Detail[] }>().items.map((s) => s.id)).toEqual([theirs.id]);
  });

  it('follow the same anonymity rules: too small a line is refused', async () => {
    const org = await createOrg(t);
    const { manager } = await managerWithLine(org, 3);
    const small = expectError(
      await manager.client.post(`${API}/checkins`, { audience: { lineOf: [manager.id] } }),
      422,
      'AUDIENCE_TOO_SMALL',
    );
    expect(small.message).toContain('results could never be shown');
    const lonely = await org.person({ roles: ['manager'] });
    expectError(await lonely.client.post(`${API}/checkins`, { audience: { lineOf: [lonely.id] } }), 422, 'AUDIENCE_EMPTY');
    expect(await db().selectFrom('surveys').select('id').where('orgId', '=', org.orgId).execute()).toEqual([]);
  });

  it('let HR ask the company or a team, weekly or once, confidential if they choose', async () => {
    const org = await createOrg(t);
    const hr = await org.person({ roles: ['hr'] });
    const team = await group(t, org, 5);
    const weekly = await hr.client.post(`${API}/checkins`, {
      audience: { teamIds: [team.teamId] },
      recurrence: 'weekly',
      days: 3,
      anonymity: 'confidential',
      title: 'Weekly pulse of the team',
      reminderDays: [1],
    });
    expect(weekly.statusCode, weekly.body).toBe(201);
    expect(weekly.json()).toMatchObject({
      recurrence: 'weekly',
      roundDays: 3,
      anonymity: 'confidential',
      title: 'Weekly pulse of the team',
    });
    expectError(await hr.client.post(`${API}/checkins`, { audience: { all: true }, recurrence: 'weekly', days: 8 }), 400, 'ROUND_TOO_LONG');
    expectError(await hr.client.post(`${API}/checkins`, { audience: {} }), 422, 'AUDIENCE_EMPTY');
    const company = await hr.client.post(`${API}/checkins`, { audience: { all: true } });
    expect(company.statusCode, company.body).toBe(201);
    // The administrator, HR and the team.
    expect(company.json<Detail>().currentRound).toMatchObject({ invited: 7 });
    const audit = await db()
      .selectFrom('auditLog')
      .select(['data'])
      .where('orgId', '=', org.orgId)
      .where('action', '=', 'listening.checkin.started')
      .execute();
    expect(audit).toHaveLength(2);
  });
});
