import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Role } from '../../platform/policy.js';
import type { Client, TestApp, TestOrg } from '../../test/helpers.js';
import { runSurveyTick } from './surveys.jobs.js';

/** Test fixtures for survey authoring: people in a team and department, ticks at any time, notifications read back. */

export interface Person {
  id: string;
  client: Client;
}

/** `n` active people in a new department and team, reporting to `managerId` when given. */
export async function group(
  t: TestApp,
  org: TestOrg,
  n: number,
  opts: { managerId?: string; roles?: Role[]; name?: string } = {},
): Promise<{ departmentId: string; teamId: string; people: Person[] }> {
  const name = opts.name ?? `Group ${Math.random().toString(36).slice(2, 8)}`;
  const departmentId = (await org.admin.post('/api/departments', { name: `${name} department` })).json<{ id: string }>().id;
  const teamId = (await org.admin.post('/api/teams', { name: `${name} team`, departmentId })).json<{ id: string }>().id;
  const people: Person[] = [];
  for (let i = 0; i < n; i += 1) {
    const p = await org.person({ name: `${name} ${i + 1}`, roles: opts.roles ?? [], managerId: opts.managerId ?? null });
    people.push({ id: p.id, client: p.client });
  }
  if (people.length === 0) {
    return { departmentId, teamId, people };
  }
  await t.app.ctx.db
    .updateTable('users')
    .set({ departmentId, teamId })
    .where(
      'id',
      'in',
      people.map((p) => p.id),
    )
    .execute();
  return { departmentId, teamId, people };
}

/** One run of the scheduler as if it were `now`. */
export async function tick(t: TestApp, now: Date) {
  return t.app.ctx.db.transaction().execute((trx) => runSurveyTick(trx, now));
}

export const days = (n: number, from = new Date()) => new Date(from.getTime() + n * 86_400_000);

/** The `survey` notifications of an organisation, as their data. */
export async function surveyNotifications(t: TestApp, orgId: string) {
  const rows = await t.app.ctx.db
    .selectFrom('notifications')
    .select(['userId', 'data', 'actorId'])
    .where('orgId', '=', orgId)
    .where('type', '=', 'survey')
    .execute();
  return rows.map((r) => ({
    userId: r.userId,
    actorId: r.actorId,
    data: (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as {
      surveyId: string;
      roundId: string;
      title: string;
      kind: string;
      reminder: boolean;
    },
  }));
}

/** Asserts an error response: its status and code in the one error shape. */
export function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json<{ error: { code: string; message: string } }>();
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  return body.error;
}
