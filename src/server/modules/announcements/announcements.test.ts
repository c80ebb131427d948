import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue } from '../../platform/jobs.js';
import { createOrg, insertCommunity, testApp, type Client, type TestApp, type TestOrg } from '../../test/helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const db = () => t.app.ctx.db;

interface Detail {
  id: string;
  status: string;
  postId: string | null;
  audienceSize: number;
  mine: { seenAt: string | null; ackedAt: string | null } | null;
  counts: { delivered: number; seen: number; acknowledged: number } | null;
  canEdit: boolean;
  title: string;
}

function ok<T = Detail>(res: { statusCode: number; body: string }): T {
  expect(res.statusCode, res.body).toBeLessThan(300);
  return JSON.parse(res.body) as T;
}

function fails(res: { statusCode: number; body: string }, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect((JSON.parse(res.body) as { error: { code: string } }).error.code).toBe(code);
}

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

async function structure(org: TestOrg, kind: 'departments' | 'teams' | 'locations', name: string, parentId?: string): Promise<string> {
  return ok<{ id: string }>(await org.admin.post(`/api/${kind}`, { name, ...(parentId ? { parentId } : {}) })).id;
}

async function place(userId: string, where: { departmentId?: string; teamId?: string; locationId?: string }) {
  await db().updateTable('users').set(where).where('id', '=', userId).execute();
}

/** Runs the announcements' minute tick now, whatever time its chain is queued for. */
async function tick() {
  await enqueue(db(), null, 'announcements.tick', {});
  await t.app.ctx.worker.runDue();
}

async function notificationsOf(orgId: string, variant: string) {
  const rows = await db()
    .selectFrom('notifications')
    .select(['userId', 'data'])
    .where('orgId', '=', orgId)
    .where('type', '=', 'announcement')
    .execute();
  return rows.filter((r) => (r.data as { variant?: string }).variant === variant).map((r) => r.userId);
}

const send = (client: Client, body: Record<string, unknown>) =>
  client.post('/api/announcements', { title: 'Office move', body: 'We move on **Monday**.', ...body });

/** An organisation with a communications person, a department with a sub-department and people placed in it. */
async function company() {
  const org = await createOrg(t);
  const comms = await org.person({ roles: ['communications'], name: 'Carla Comms' });
  const sales = await structure(org, 'departments', 'Sales');
  const north = await structure(org, 'departments', 'Sales North', sales);
  const ops = await structure(org, 'departments', 'Operations');
  const anna = await org.person({ name: 'Anna Alpha' });
  const bruno = await org.person({ name: 'Bruno Beta' });
  const oscar = await org.person({ name: 'Oscar Outside' });
  await place(anna.id, { departmentId: sales });
  await place(bruno.id, { departmentId: north });
  await place(oscar.id, { departmentId: ops });
  return { org, comms, sales, north, ops, anna, bruno, oscar };
}

describe('announcements', () => {
  it('publishes at once to a department with its sub-departments and notifies each recipient', async () => {
    const c = await company();
    const a = ok(await send(c.comms.client, { audience: { departmentIds: [c.sales] }, requiresAck: true }));
    expect(a.status).toBe('published');
    expect(a.audienceSize).toBe(2);
    expect(a.counts).toEqual({ delivered: 2, seen: 0, acknowledged: 0 });
    expect((await notificationsOf(c.org.orgId, 'published')).sort()).toEqual([c.anna.id, c.bruno.id].sort());
    const inbox = ok<{ items: Detail[] }>(await c.bruno.client.get('/api/announcements'));
    expect(inbox.items.map((i) => i.id)).toEqual([a.id]);
    expect(inbox.items[0]!.mine).toEqual({ seenAt: null, ackedAt: null });
    expect(ok<{ items: Detail[] }>(await c.oscar.client.get('/api/announcements')).items).toEqual([]);
    fails(await c.oscar.client.get(`/api/announcements/${a.id}`), 404, 'NOT_FOUND');
    const seen = ok<Detail>(await c.anna.client.get(`/api/announcements/${a.id}`));
    expect(seen.canEdit).toBe(false);
  });

  it('reaches the active members of a community the sender may read, and treats one they may not read as unknown', async () => {
    const org = await createOrg(t);
    const comms = await org.person({ roles: ['communications'] });
    const member = await org.person();
    const stranger = await org.person();
    const open = await insertCommunity(t, org, 'public', [{ id: member.id }, { id: stranger.id, status: 'banned' }]);
    const secret = await insertCommunity(t, org, 'secret', [{ id: member.id }]);
    const a = ok(await send(comms.client, { audience: { communityIds: [open] } }));
    expect(a.audienceSize).toBe(1);
    fails(await send(comms.client, { audience: { communityIds: [secret] } }), 400, 'AUDIENCE_UNKNOWN');
  });

  it('refuses an empty audience, unknown ids and bad dates with 400', async () => {
    const c = await company();
    fails(await send(c.comms.client, { audience: {} }), 400, 'AUDIENCE_EMPTY');
    fails(await send(c.comms.client, { audience: { departmentIds: [] } }), 400, 'AUDIENCE_EMPTY');
    fails(await send(c.comms.client, { audience: { teamIds: ['00000000-0000-4000-8000-000000000000'] } }), 400, 'AUDIENCE_UNKNOWN');
    fails(await send(c.comms.client, { audience: { userIds: ['not-an-id'] } }), 400, 'VALIDATION_FAILED');
    fails(await send(c.comms.client, { audience: { all: true }, publishAt: inHours(-1) }), 400, 'PUBLISH_AT_PAST');
    fails(await send(c.comms.client, { audience: { all: true }, ackDueAt: inHours(2) }), 400, 'ACK_DUE_WITHOUT_ACK');
    fails(await send(c.comms.client, { audience: { all: true }, requiresAck: true, ackDueAt: inHours(-2) }), 400, 'ACK_DUE_PAST');
    fails(await send(c.comms.client, { audience: { all: true }, pinnedUntil: inHours(-2) }), 400, 'PINNED_UNTIL_PAST');
    fails(await send(c.comms.client, { audience: { all: true }, title: '   ' }), 400, 'EMPTY_TITLE');
    fails(await send(c.comms.client, { audience: { all: true }, title: 'x'.repeat(201) }), 400, 'VALIDATION_FAILED');
  });

  it('answers 403 AUDIENCE_TOO_LARGE to a manager targeting everyone or more than the limit, and lets a broadcaster send it', async () => {
    const c = await company();
    const manager = await c.org.person({ roles: ['manager'] });
    fails(await send(manager.client, { audience: { all: true } }), 403, 'AUDIENCE_TOO_LARGE');
    ok(await send(manager.client, { audience: { departmentIds: [c.sales] } }));
    ok(await c.org.admin.put('/api/comms/settings', { broadcastAudienceLimit: 1 }));
    fails(await send(manager.client, { audience: { departmentIds: [c.sales] } }), 403, 'AUDIENCE_TOO_LARGE');
    const preview = ok<{ size: number; needsBroadcast: boolean; allowed: boolean }>(
      await manager.client.post('/api/announcements/audience', { audience: { departmentIds: [c.sales] } }),
    );
    expect(preview).toMatchObject({ size: 2, needsBroadcast: true, allowed: false });
    fails(await send(manager.client, { audience: { userIds: [c.anna.id] }, urgent: true }), 403, 'URGENT_NOT_ALLOWED');
    const everyone = ok(await send(c.comms.client, { audience: { all: true } }));
    // Everyone active but the sender is notified; the sender is counted among the recipients.
    expect(everyone.audienceSize).toBeGreaterThanOrEqual(5);
  });

  it('schedules an announcement and publishes it when the tick finds it due', async () => {
    const c = await company();
    const a = ok(await send(c.comms.client, { audience: { userIds: [c.anna.id] }, publishAt: inHours(1) }));
    expect(a.status).toBe('scheduled');
    expect(ok<{ items: Detail[] }>(await c.anna.client.get('/api/announcements')).items).toEqual([]);
    await tick();
    expect(ok(await c.comms.client.get(`/api/announcements/${a.id}`)).status).toBe('scheduled');
    await db()
      .updateTable('announcements')
      .set({ publishAt: sql<Date>`now() - interval '1 minute'` })
      .where('id', '=', a.id)
      .execute();
    await tick();
    await tick();
    const after = ok(await c.comms.client.get(`/api/announcements/${a.id}`));
    expect(after.status).toBe('published');
    expect(after.postId).not.toBeNull();
    expect(ok<{ items: Detail[] }>(await c.anna.client.get('/api/announcements')).items.map((i) => i.id)).toEqual([a.id]);
    expect(await notificationsOf(c.org.orgId, 'published')).toEqual([c.anna.id]);
  });

  it('cancels rather than publishes a scheduled announcement whose author may no longer announce', async () => {
    const c = await company();
    const manager = await c.org.person({ roles: ['manager'] });
    const a = ok(await send(manager.client, { audience: { userIds: [c.anna.id] }, publishAt: inHours(1) }));
    await db()
      .updateTable('users')
      .set({ roles: ['employee'] })
      .where('id', '=', manager.id)
      .execute();
    await db()
      .updateTable('announcements')
      .set({ publishAt: sql<Date>`now() - interval '1 minute'` })
      .where('id', '=', a.id)
      .execute();
    await tick();
    const row = await db()
      .selectFrom('announcements')
      .select(['publishedAt', 'cancelledAt'])
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(row.publishedAt).toBeNull();
    expect(row.cancelledAt).not.toBeNull();
  });

  it('edits and cancels a draft before it is sent, sends a draft on request, and refuses changes once sent', async () => {
    const c = await company();
    const draft = ok(await send(c.comms.client, { audience: { userIds: [c.anna.id] }, draft: true }));
    expect(draft.status).toBe('draft');
    expect(draft.canEdit).toBe(true);
    const other = await c.org.person({ roles: ['manager'] });
    fails(await other.client.patch(`/api/announcements/${draft.id}`, { title: 'Mine now' }), 404, 'NOT_FOUND');
    expect(ok(await c.comms.client.patch(`/api/announcements/${draft.id}`, { title: 'Office move, updated' })).title).toBe(
      'Office move, updated',
    );
    const sent = ok(await c.comms.client.patch(`/api/announcements/${draft.id}`, { draft: false }));
    expect(sent.status).toBe('published');
    fails(await c.comms.client.patch(`/api/announcements/${draft.id}`, { title: 'Too late' }), 409, 'ANNOUNCEMENT_PUBLISHED');
    fails(await c.comms.client.delete(`/api/announcements/${draft.id}`), 409, 'ANNOUNCEMENT_PUBLISHED');
    const scheduled = ok(await send(c.comms.client, { audience: { userIds: [c.anna.id] }, publishAt: inHours(2) }));
    expect(ok(await c.comms.client.delete(`/api/announcements/${scheduled.id}`)).status).toBe('cancelled');
    await db()
      .updateTable('announcements')
      .set({ publishAt: sql<Date>`now() - interval '1 minute'` })
      .where('id', '=', scheduled.id)
      .execute();
    await tick();
    expect(ok(await c.comms.client.get(`/api/announcements/${scheduled.id}`)).status).toBe('cancelled');
  });

  it("answers 404 to acknowledging someone else's announcement, and acknowledges idempotently as seen too", async () => {
    const c = await company();
    const a = ok(await send(c.comms.client, { audience: { userIds: [c.anna.id] }, requiresAck: true }));
    fails(await c.oscar.client.post(`/api/announcements/${a.id}/ack`), 404, 'NOT_FOUND');
    fails(await c.oscar.client.post(`/api/announcements/${a.id}/seen`), 404, 'NOT_FOUND');
    const seen = ok<{ seenAt: string | null; ackedAt: string | null }>(await c.anna.client.post(`/api/announcements/${a.id}/seen`));
    expect(seen.seenAt).not.toBeNull();
    expect(seen.ackedAt).toBeNull();
    const first = ok<{ seenAt: string; ackedAt: string }>(await c.anna.client.post(`/api/announcements/${a.id}/ack`));
    const second = ok<{ seenAt: string; ackedAt: string }>(await c.anna.client.post(`/api/announcements/${a.id}/ack`));
    expect(second).toEqual(first);
    expect(first.seenAt).toBe(seen.seenAt);
    const stats = ok<{ delivered: number; seen: number; acknowledged: number; ackRate: number }>(
      await c.comms.client.get(`/api/announcements/${a.id}/stats`),
    );
    expect(stats).toMatchObject({ delivered: 1, seen: 1, acknowledged: 1, ackRate: 1 });
    const events = await db()
      .selectFrom('realtimeEvents')
      .select(['channel', 'payload'])
      .where('orgId', '=', c.org.orgId)
      .where('type', '=', 'announcement.stats')
      .execute();
    expect(events.length).toBe(2);
    expect(events.every((e) => e.channel === `user:${c.comms.id}`)).toBe(true);
  });

  it('counts delivery per department, team and location, with names, for the sender only', async () => {
    const c = await company();
    const team = await structure(c.org, 'teams', 'Closers');
    const milan = await structure(c.org, 'locations', 'Milan');
    await place(c.anna.id, { teamId: team, locationId: milan });
    const a = ok(await send(c.comms.client, { audience: { departmentIds: [c.sales, c.ops] }, requiresAck: true }));
    ok(await c.anna.client.post(`/api/announcements/${a.id}/ack`));
    ok(await c.bruno.client.post(`/api/announcements/${a.id}/seen`));
    type Segment = { id: string | null; name: string | null; delivered: number; seen: number; acknowledged: number };
    const stats = ok<{
      delivered: number;
      seen: number;
      acknowledged: number;
      seenRate: number;
      segments: { departments: Segment[]; teams: Segment[]; locations: Segment[] };
    }>(await c.comms.client.get(`/api/announcements/${a.id}/stats`));
    expect(stats).toMatchObject({ delivered: 3, seen: 2, acknowledged: 1 });
    expect(stats.seenRate).toBeCloseTo(2 / 3);
    expect(stats.segments.departments).toEqual([
      { id: c.ops, name: 'Operations', delivered: 1, seen: 0, acknowledged: 0 },
      { id: c.sales, name: 'Sales', delivered: 1, seen: 1, acknowledged: 1 },
      { id: c.north, name: 'Sales North', delivered: 1, seen: 1, acknowledged: 0 },
    ]);
    expect(stats.segments.teams).toEqual([
      { id: team, name: 'Closers', delivered: 1, seen: 1, acknowledged: 1 },
      { id: null, name: null, delivered: 2, seen: 1, acknowledged: 0 },
    ]);
    expect(stats.segments.locations[0]).toEqual({ id: milan, name: 'Milan', delivered: 1, seen: 1, acknowledged: 1 });
    fails(await c.anna.client.get(`/api/announcements/${a.id}/stats`), 403, 'FORBIDDEN');
    // Administrators broadcast, so they follow every announcement's delivery.
    expect(ok<{ delivered: number }>(await c.org.admin.get(`/api/announcements/${a.id}/stats`)).delivered).toBe(3);
  });

  it('lists who has not acknowledged by name, a page at a time', async () => {
    const c = await company();
    const a = ok(await send(c.comms.client, { audience: { departmentIds: [c.sales, c.ops] }, requiresAck: true }));
    ok(await c.bruno.client.post(`/api/announcements/${a.id}/ack`));
    type PendingPage = { items: { id: string; name: string }[]; nextCursor: string | null };
    const first = ok<PendingPage>(await c.comms.client.get(`/api/announcements/${a.id}/pending?limit=1`));
    expect(first.items.map((p) => p.name)).toEqual(['Anna Alpha']);
    const second = ok<PendingPage>(
      await c.comms.client.get(`/api/announcements/${a.id}/pending?limit=1&cursor=${encodeURIComponent(first.nextCursor!)}`),
    );
    expect(second.items.map((p) => p.name)).toEqual(['Oscar Outside']);
    expect(second.nextCursor).toBeNull();
    fails(await c.comms.client.get(`/api/announcements/${a.id}/pending?cursor=bad`), 400, 'INVALID_CURSOR');
    fails(await c.oscar.client.get(`/api/announcements/${a.id}/pending`), 403, 'FORBIDDEN');
  });

  it('reminds only those who have not acknowledged, on the reminder interval and once at the due time', async () => {
    const c = await company();
    const a = ok(await send(c.comms.client, { audience: { departmentIds: [c.sales, c.ops] }, requiresAck: true, ackDueAt: inHours(72) }));
    ok(await c.anna.client.post(`/api/announcements/${a.id}/ack`));
    await tick();
    expect(await notificationsOf(c.org.orgId, 'reminder')).toEqual([]);
    await db()
      .updateTable('announcements')
      .set({ publishedAt: sql<Date>`now() - interval '25 hours'` })
      .where('id', '=', a.id)
      .execute();
    await tick();
    expect((await notificationsOf(c.org.orgId, 'reminder')).sort()).toEqual([c.bruno.id, c.oscar.id].sort());
    await tick();
    expect((await notificationsOf(c.org.orgId, 'reminder')).length).toBe(2);
    // At the due time, once more, to whoever is still waiting.
    ok(await c.bruno.client.post(`/api/announcements/${a.id}/ack`));
    await db()
      .updateTable('announcements')
      .set({ ackDueAt: sql<Date>`now() - interval '1 minute'`, lastRemindedAt: sql<Date>`now() - interval '2 hours'` })
      .where('id', '=', a.id)
      .execute();
    await tick();
    await tick();
    expect((await notificationsOf(c.org.orgId, 'reminder')).sort()).toEqual([c.bruno.id, c.oscar.id, c.oscar.id].sort());
  });

  it('reminds by hand those still waiting, and not again within minutes', async () => {
    const c = await company();
    const a = ok(await send(c.comms.client, { audience: { departmentIds: [c.sales] }, requiresAck: true }));
    ok(await c.anna.client.post(`/api/announcements/${a.id}/ack`));
    expect(ok<{ reminded: number }>(await c.comms.client.post(`/api/announcements/${a.id}/remind`))).toEqual({ reminded: 1 });
    expect(await notificationsOf(c.org.orgId, 'reminder')).toEqual([c.bruno.id]);
    fails(await c.comms.client.post(`/api/announcements/${a.id}/remind`), 409, 'REMINDED_RECENTLY');
    fails(await c.bruno.client.post(`/api/announcements/${a.id}/remind`), 403, 'FORBIDDEN');
    const draft = ok(await send(c.comms.client, { audience: { departmentIds: [c.sales] }, draft: true }));
    fails(await c.comms.client.post(`/api/announcements/${draft.id}/remind`), 409, 'ANNOUNCEMENT_NOT_SENT');
  });

  it('keeps on top of home what is pinned now or waits for the acknowledgement', async () => {
    const c = await company();
    const pinned = ok(await send(c.comms.client, { title: 'Pinned', audience: { userIds: [c.anna.id] }, pinnedUntil: inHours(24) }));
    const ack = ok(await send(c.comms.client, { title: 'Please confirm', audience: { userIds: [c.anna.id] }, requiresAck: true }));
    ok(await send(c.comms.client, { title: 'Plain', audience: { userIds: [c.anna.id] } }));
    const pinnedOf = async (client: Client) =>
      ok<{ items: Detail[] }>(await client.get('/api/announcements/pinned')).items.map((i) => i.id);
    expect(await pinnedOf(c.anna.client)).toEqual([ack.id, pinned.id]);
    expect(await pinnedOf(c.oscar.client)).toEqual([]);
    ok(await c.anna.client.post(`/api/announcements/${ack.id}/ack`));
    expect(await pinnedOf(c.anna.client)).toEqual([pinned.id]);
    const inbox = ok<{ items: Detail[] }>(await c.anna.client.get('/api/announcements?limit=2'));
    expect(inbox.items.length).toBe(2);
  });

  it('shows the announcement post in the home feed of its recipients only, and never in search to others', async () => {
    const c = await company();
    // Oscar follows the sender: the post sits on her profile, yet it is not addressed to him.
    ok(await c.oscar.client.put(`/api/people/${c.comms.id}/follow`, {}));
    const a = ok(
      await send(c.comms.client, { title: 'Quarterly kickoff', body: 'Kickoff agenda inside', audience: { departmentIds: [c.sales] } }),
    );
    type Feed = { items: { id: string; kind: string; announcement?: { id: string; mine: unknown } | null }[] };
    const annaFeed = ok<Feed>(await c.anna.client.get('/api/feed'));
    const item = annaFeed.items.find((p) => p.id === a.postId);
    expect(item?.kind).toBe('announcement');
    expect(item?.announcement?.id).toBe(a.id);
    expect(ok<Feed>(await c.anna.client.get('/api/feed?sort=top')).items.map((p) => p.id)).toContain(a.postId);
    expect(ok<Feed>(await c.oscar.client.get('/api/feed')).items.map((p) => p.id)).not.toContain(a.postId);
    fails(await c.oscar.client.get(`/api/posts/${a.postId}`), 404, 'NOT_FOUND');
    const search = (client: Client) =>
      client
        .get(`/api/search?${new URLSearchParams({ q: 'kickoff', type: 'posts' }).toString()}`)
        .then((r) => ok<{ items: { id: string }[] }>(r));
    expect((await search(c.oscar.client)).items).toEqual([]);
    expect((await search(c.anna.client)).items.map((i) => i.id)).toEqual([a.postId]);
    ok(await c.anna.client.post(`/api/announcements/${a.id}/ack`));
    const again = ok<Feed>(await c.anna.client.get('/api/feed'));
    expect(again.items.find((p) => p.id === a.postId)?.announcement?.mine).toMatchObject({ ackedAt: expect.any(String) });
  });

  it('keeps the comments and reactions of an announcement to its audience, and its text as sent', async () => {
    const c = await company();
    const a = ok(await send(c.comms.client, { title: 'Offsite', body: 'Details of the offsite', audience: { departmentIds: [c.sales] } }));
    ok(await c.anna.client.post(`/api/posts/${a.postId}/comments`, { body: 'Looking forward to it' }));
    expect(ok<{ items: unknown[] }>(await c.anna.client.get(`/api/posts/${a.postId}/comments`)).items).toHaveLength(1);
    fails(await c.oscar.client.get(`/api/posts/${a.postId}/comments`), 404, 'NOT_FOUND');
    fails(await c.oscar.client.post(`/api/posts/${a.postId}/comments`, { body: 'Can I come?' }), 404, 'NOT_FOUND');
    fails(await c.oscar.client.put(`/api/posts/${a.postId}/reaction`, { kind: 'like' }), 404, 'NOT_FOUND');
    fails(await c.comms.client.patch(`/api/posts/${a.postId}`, { body: 'Changed after sending' }), 409, 'EDIT_AT_SOURCE');
  });

  it('does not tell someone outside the audience, by a mention, that an announcement exists', async () => {
    const c = await company();
    const oscar = await t.app.ctx.db.selectFrom('users').select('name').where('id', '=', c.oscar.id).executeTakeFirstOrThrow();
    ok(
      await send(c.comms.client, {
        title: 'Reorganisation',
        body: `Thanks to @[${oscar.name}](person:${c.oscar.id}) for the plan`,
        audience: { departmentIds: [c.sales] },
      }),
    );
    const mentions = await t.app.ctx.db
      .selectFrom('notifications')
      .select('type')
      .where('userId', '=', c.oscar.id)
      .where('type', '=', 'mention')
      .execute();
    expect(mentions).toEqual([]);
  });

  it('lets administrators read and change the communication settings, audited, and refuses others and bad values', async () => {
    const org = await createOrg(t);
    const comms = await org.person({ roles: ['communications'] });
    fails(await comms.client.get('/api/comms/settings'), 403, 'FORBIDDEN');
    fails(await comms.client.put('/api/comms/settings', { reminderHours: 2 }), 403, 'FORBIDDEN');
    expect(ok<{ reminderHours: number }>(await org.admin.get('/api/comms/settings')).reminderHours).toBe(24);
    fails(await org.admin.put('/api/comms/settings', { reminderHours: 0 }), 400, 'VALIDATION_FAILED');
    fails(await org.admin.put('/api/comms/settings', { escalationMinutes: 1 }), 400, 'VALIDATION_FAILED');
    fails(await org.admin.put('/api/comms/settings', {}), 400, 'VALIDATION_FAILED');
    fails(await org.admin.put('/api/comms/settings', { unknown: 1 }), 400, 'VALIDATION_FAILED');
    const saved = ok<{ reminderHours: number; broadcastAudienceLimit: number }>(
      await org.admin.put('/api/comms/settings', { reminderHours: 6, broadcastAudienceLimit: 10 }),
    );
    expect(saved).toMatchObject({ reminderHours: 6, broadcastAudienceLimit: 10 });
    expect(ok<{ reminderHours: number }>(await org.admin.get('/api/comms/settings')).reminderHours).toBe(6);
    const audited = await db()
      .selectFrom('auditLog')
      .select('action')
      .where('orgId', '=', org.orgId)
      .where('action', '=', 'comms.settings')
      .execute();
    expect(audited.length).toBe(1);
  });
});
