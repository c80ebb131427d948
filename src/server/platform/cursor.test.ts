import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, testApp, type TestApp } from '../test/helpers.js';
import { newId } from './ids.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('time cursors', () => {
  it('page through rows written in one transaction without skipping any', async () => {
    const org = await createOrg(t);
    // One transaction: every row takes the same now(), as a bulk change's audit entries do. PostgreSQL's
    // now() has microseconds, which a cursor (a JavaScript time) cannot carry.
    await t.app.ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('auditLog')
        .values(
          Array.from({ length: 7 }, (_, i) => ({ id: newId(), orgId: org.orgId, actorId: org.adminId, action: `bulk.${i}`, data: '{}' })),
        )
        .execute();
    });
    const all = await t.app.ctx.db.selectFrom('auditLog').select('id').where('orgId', '=', org.orgId).execute();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await org.admin.get(`/api/admin/audit?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json<{ items: { id: string }[]; nextCursor: string | null }>();
      seen.push(...body.items.map((e) => e.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(all.map((r) => r.id).sort());
  });
});
