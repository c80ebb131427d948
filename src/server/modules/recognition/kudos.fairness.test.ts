import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { createOrg, testApp, type Client, type TestApp, type TestOrg } from '../../test/helpers.js';
import { RING_THRESHOLD, ringKey, ringsThrough } from './kudos.fairness.js';
import type { EdgeRow } from './kudos.queries.js';
import { saveRecognitionSettings } from './recognition.settings.js';

describe('finding rings', () => {
  const [a, b, c, d] = ['a', 'b', 'c', 'd'];
  const at = (minutes: number) => new Date(Date.UTC(2026, 10, 1, 12, minutes));
  let n = 0;
  const edge = (from: string, to: string, points: number, minutes = 0): EdgeRow => ({
    kudosId: `k${(n += 1)}`,
    from,
    to,
    points,
    createdAt: at(minutes),
  });
  const times = (k: number, from: string, to: string, points: number) => Array.from({ length: k }, (_, i) => edge(from, to, points, i));

  it('flags two people thanking each other often enough, whatever the points', () => {
    const edges = [...times(RING_THRESHOLD.minKudosPerEdge, a, b, 1), ...times(RING_THRESHOLD.minKudosPerEdge, b, a, 1)];
    const rings = ringsThrough(edges, a, [b]);
    expect(rings).toHaveLength(1);
    expect(rings[0]).toMatchObject({ members: [a, b], points: 6 });
    expect(rings[0]!.kudosIds).toHaveLength(6);
    // The other way round, from the other giver, it is the same ring.
    expect(ringsThrough(edges, b, [a]).map((r) => ringKey(r.members))).toEqual([ringKey([a, b])]);
  });

  it('leaves alone occasional thanks both ways with few points', () => {
    const edges = [...times(RING_THRESHOLD.minKudosPerEdge, a, b, 5), ...times(RING_THRESHOLD.minKudosPerEdge - 1, b, a, 5)];
    expect(ringsThrough(edges, a, [b])).toEqual([]);
    // Thanks one way only are never a ring, however many.
    expect(ringsThrough(times(10, a, b, 10), a, [b])).toEqual([]);
  });

  it('flags a three-person loop once the points passed around reach the threshold', () => {
    const third = Math.ceil(RING_THRESHOLD.minPoints / 3);
    const edges = [edge(a, b, third), edge(b, c, third), edge(c, a, third), edge(c, d, 40)];
    const rings = ringsThrough(edges, a, [b]);
    expect(rings).toEqual([{ members: [a, b, c], kudosIds: expect.any(Array) as string[], points: third * 3 }]);
    expect(ringsThrough([edge(a, b, 10), edge(b, c, 10), edge(c, a, 10)], a, [b])).toEqual([]);
    // A loop that does not go through this gift is not this gift's business.
    expect(ringsThrough(edges, d, [a])).toEqual([]);
  });

  it('ignores steps without points, and what an administrator already reviewed', () => {
    const edges = [...times(3, a, b, 1), ...times(3, b, a, 1)];
    expect(ringsThrough([...edges.slice(0, 3), ...times(3, b, a, 0)], a, [b])).toEqual([]);
    const reviewed = new Map([[ringKey([b, a]), at(2)]]);
    expect(ringsThrough(edges, a, [b], reviewed)).toEqual([]);
    const later = [...edges, ...[5, 6, 7].flatMap((m) => [edge(a, b, 1, m), edge(b, a, 1, m)])];
    expect(ringsThrough(later, a, [b], reviewed)[0]).toMatchObject({ members: [a, b], points: 6 });
  });
});

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ contentRateLimit: 0 });
});
afterAll(() => t.close());

const db = () => t.app.ctx.db;

async function thank(client: Client, to: string, points: number) {
  const res = await client.post('/api/kudos', { recipientIds: [to], message: 'Thanks!', points, visibility: 'private' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

const flagsOf = (org: TestOrg) =>
  db().selectFrom('recognitionFlags').selectAll().where('orgId', '=', org.orgId).orderBy('createdAt').orderBy('id').execute();

const flagNotices = (userId: string) =>
  db().selectFrom('notifications').selectAll().where('userId', '=', userId).where('type', '=', 'recognition_flag').execute();

interface Flag {
  id: string;
  kind: string;
  members: { id: string; name: string }[];
  points: number;
  kudosCount: number;
  status: string;
  reviewedAt: string | null;
  note: string | null;
}

describe('flagging rings as kudos are given', () => {
  it('flags two colleagues passing points back and forth, tells the administrators once, and grows the flag', async () => {
    const org = await createOrg(t);
    const ann = await org.person({ name: 'Ann' });
    const bob = await org.person({ name: 'Bob' });
    const adminInRing = await org.person({ roles: ['admin'], name: 'Ada' });
    for (let i = 0; i < 2; i += 1) {
      await thank(ann.client, bob.id, 1);
      await thank(bob.client, ann.id, 1);
    }
    await thank(ann.client, bob.id, 1);
    expect(await flagsOf(org)).toEqual([]);
    await thank(bob.client, ann.id, 1);

    const [flag] = await flagsOf(org);
    expect(flag).toMatchObject({ kind: 'ring', status: 'open', members: [ann.id, bob.id].sort(), points: 6 });
    expect(flag!.kudosIds).toHaveLength(6);
    expect(await flagNotices(org.adminId)).toHaveLength(1);
    expect((await flagNotices(org.adminId))[0]).toMatchObject({ actorId: null, data: { flagId: flag!.id, people: 2, points: 6 } });
    expect(await flagNotices(ann.id)).toEqual([]);

    // Nobody is blocked: the next gift goes through and the same flag grows, without telling anyone again.
    await thank(ann.client, bob.id, 2);
    const flags = await flagsOf(org);
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ id: flag!.id, points: 8 });
    expect(flags[0]!.kudosIds).toHaveLength(7);
    expect(await flagNotices(org.adminId)).toHaveLength(1);
    expect(adminInRing.id).not.toBe(org.adminId);
  });

  it('flags a loop of three once enough points went around it, and not an administrator who is in it', async () => {
    const org = await createOrg(t);
    const ann = await org.person({ name: 'Ann', roles: ['admin'] });
    const bob = await org.person({ name: 'Bob' });
    const cat = await org.person({ name: 'Cat' });
    await thank(ann.client, bob.id, 20);
    await thank(bob.client, cat.id, 20);
    expect(await flagsOf(org)).toEqual([]);
    await thank(cat.client, ann.id, 20);
    const [flag] = await flagsOf(org);
    expect(flag).toMatchObject({ members: [ann.id, bob.id, cat.id].sort(), points: 60 });
    expect(await flagNotices(org.adminId)).toHaveLength(1);
    expect(await flagNotices(ann.id)).toEqual([]);
  });

  it('does not flag an ordinary exchange of thanks', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const bob = await org.person();
    await thank(ann.client, bob.id, 10);
    await thank(bob.client, ann.id, 10);
    await thank(ann.client, bob.id, 0);
    expect(await flagsOf(org)).toEqual([]);
  });

  it('lets two colleagues thank each other at the same moment, many times over, without a deadlock', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const bob = await org.person();
    await saveRecognitionSettings(db(), org.orgId, { recipientLimit: 0 });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? ann : bob).client.post('/api/kudos', { recipientIds: [(i % 2 ? bob : ann).id], message: 'Same time', points: 1 }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array<number>(10).fill(201));
    const flags = await flagsOf(org);
    expect(flags).toHaveLength(1);
    expect(flags[0]!.kudosIds).toHaveLength(10);
  });
});

describe('reviewing flags', () => {
  it('lists open flags with their people, and records a decision once, audited', async () => {
    const org = await createOrg(t);
    const ann = await org.person({ name: 'Ann' });
    const bob = await org.person({ name: 'Bob' });
    for (let i = 0; i < 3; i += 1) {
      await thank(ann.client, bob.id, 1);
      await thank(bob.client, ann.id, 1);
    }
    const list = (await org.admin.get('/api/admin/recognition/flags')).json<{ items: Flag[]; nextCursor: string | null }>();
    expect(list.items).toHaveLength(1);
    const flag = list.items[0]!;
    expect(flag).toMatchObject({ kind: 'ring', points: 6, kudosCount: 6, status: 'open', reviewedAt: null, note: null });
    expect(flag.members.map((m) => m.name).sort()).toEqual(['Ann', 'Bob']);

    expect((await ann.client.get('/api/admin/recognition/flags')).statusCode).toBe(403);
    expect((await ann.client.post(`/api/admin/recognition/flags/${flag.id}/resolve`, { status: 'dismissed' })).statusCode).toBe(403);
    expect((await org.admin.post(`/api/admin/recognition/flags/${flag.id}/resolve`, { status: 'ignored' })).statusCode).toBe(400);

    const res = await org.admin.post(`/api/admin/recognition/flags/${flag.id}/resolve`, { status: 'dismissed', note: ' Same project ' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: flag.id, status: 'dismissed', note: 'Same project' });
    expect(res.json().reviewedAt).not.toBeNull();
    const again = await org.admin.post(`/api/admin/recognition/flags/${flag.id}/resolve`, { status: 'confirmed' });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'ALREADY_RESOLVED']);
    expect((await org.admin.post(`/api/admin/recognition/flags/${newId()}/resolve`, { status: 'confirmed' })).statusCode).toBe(404);

    const entry = await db()
      .selectFrom('auditLog')
      .selectAll()
      .where('orgId', '=', org.orgId)
      .where('action', '=', 'recognition.flag.resolved')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actorId: org.adminId, targetId: flag.id, data: { status: 'dismissed', note: 'Same project' } });

    expect((await org.admin.get('/api/admin/recognition/flags')).json().items).toEqual([]);
    expect((await org.admin.get('/api/admin/recognition/flags?status=dismissed')).json().items.map((f: Flag) => f.id)).toEqual([flag.id]);

    // What was reviewed does not flag the ring again; a fresh run of the same habit does.
    await thank(ann.client, bob.id, 1);
    expect((await flagsOf(org)).filter((f) => f.status === 'open')).toEqual([]);
    for (let i = 0; i < 3; i += 1) {
      await thank(bob.client, ann.id, 1);
      if (i < 2) {
        await thank(ann.client, bob.id, 1);
      }
    }
    const open = (await flagsOf(org)).filter((f) => f.status === 'open');
    expect(open).toHaveLength(1);
    expect(open[0]!.kudosIds).toHaveLength(6);
  });

  it('pages through flags newest first', async () => {
    const org = await createOrg(t);
    const people = await Promise.all(Array.from({ length: 6 }, () => org.person()));
    for (const [x, y] of [
      [0, 1],
      [2, 3],
      [4, 5],
    ] as const) {
      await thank(people[x]!.client, people[y]!.id, 30);
      await thank(people[y]!.client, people[x]!.id, 30);
    }
    const first = (await org.admin.get('/api/admin/recognition/flags?limit=2')).json();
    expect(first.items).toHaveLength(2);
    const second = (await org.admin.get(`/api/admin/recognition/flags?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const members = [...first.items, ...second.items].map((f: Flag) => f.members.map((m) => m.id).sort());
    expect(members).toEqual(
      [
        [people[4]!.id, people[5]!.id],
        [people[2]!.id, people[3]!.id],
        [people[0]!.id, people[1]!.id],
      ].map((m) => m.sort()),
    );
  });
});
