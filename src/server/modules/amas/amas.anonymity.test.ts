import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, testApp, type TestApp } from '../../test/helpers.js';

let t: TestApp;
const lines: string[] = [];

beforeAll(async () => {
  t = await testApp({}, { env: { LOG_LEVEL: 'trace' }, logStream: { write: (line) => void lines.push(line) } });
});
afterAll(() => t.close());

describe('anonymous AMA questions', () => {
  it('leave no log line, audit row or job that names the asker', async () => {
    const org = await createOrg(t);
    const comms = await org.person({ roles: ['communications'] });
    const asker = await org.person();
    const ama = (
      await comms.client.post('/api/amas', {
        title: 'Anonymous questions welcome',
        hostId: comms.id,
        startsAt: new Date(Date.now() + 3_600_000).toISOString(),
        endsAt: new Date(Date.now() + 7_200_000).toISOString(),
      })
    ).json<{ id: string }>();
    lines.length = 0;
    const res = await asker.client.post(`/api/amas/${ama.id}/questions`, { body: 'A question nobody can trace', anonymous: true });
    expect(res.statusCode).toBe(201);
    const questionId = res.json<{ id: string }>().id;
    await t.app.ctx.worker.runDue();
    const written = lines.join('\n');
    // The logs are on: an ordinary request of the same person is there.
    await asker.client.get(`/api/amas/${ama.id}`);
    expect(lines.join('\n')).toContain(`/api/amas/${ama.id}`);
    for (const trace of [asker.id, asker.email, asker.client.remoteAddress, questionId, `/api/amas/${ama.id}/questions`]) {
      expect(written).not.toContain(trace);
    }
    const db = t.app.ctx.db;
    const audits = await db.selectFrom('auditLog').select('data').where('orgId', '=', org.orgId).where('actorId', '=', asker.id).execute();
    expect(audits).toEqual([]);
    const jobs = await db.selectFrom('jobs').select('payload').where('orgId', '=', org.orgId).execute();
    expect(JSON.stringify(jobs)).not.toContain(asker.id);
    const notes = await db.selectFrom('notifications').select('id').where('orgId', '=', org.orgId).execute();
    expect(notes).toEqual([]);
  });
});
