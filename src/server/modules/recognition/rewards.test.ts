import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, testApp, type Client, type TestApp, type TestOrg } from '../../test/helpers.js';
import { balancesOf } from './ledger.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

interface Reward {
  id: string;
  name: string;
  cost: number;
  stock: number | null;
  imageUrl: string | null;
  active: boolean;
  requiresApproval: boolean;
}

async function createReward(org: TestOrg, body: Record<string, unknown>): Promise<Reward> {
  const res = await org.admin.post('/api/admin/rewards', { name: 'Reward', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function grant(org: TestOrg, userIds: string[], points: number, reason = 'Well done') {
  const res = await org.admin.post('/api/admin/awards', { userIds, points, reason });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function received(org: TestOrg, userId: string) {
  return (await balancesOf(t.app.ctx.db, org.orgId, [userId])).get(userId)!.received;
}

async function stockOf(id: string) {
  return (await t.app.ctx.db.selectFrom('rewards').select('stock').where('id', '=', id).executeTakeFirstOrThrow()).stock;
}

async function ledgerOf(userId: string) {
  return t.app.ctx.db
    .selectFrom('pointsLedger')
    .select(['account', 'delta', 'reason', 'period', 'redemptionId', 'awardId'])
    .where('userId', '=', userId)
    .orderBy('id')
    .execute();
}

async function notificationsOf(userId: string) {
  return t.app.ctx.db.selectFrom('notifications').select(['type', 'actorId', 'data']).where('userId', '=', userId).execute();
}

async function auditOf(org: TestOrg) {
  const rows = await t.app.ctx.db.selectFrom('auditLog').select(['action', 'targetId']).where('orgId', '=', org.orgId).execute();
  return rows.map((r) => r.action);
}

const redeem = (client: Client, rewardId: string, key?: string) =>
  client.request('POST', `/api/rewards/${rewardId}/redeem`, {}, key ? { 'idempotency-key': key } : {});

const errorOf = (res: { statusCode: number; json: () => unknown }) => [
  res.statusCode,
  (res.json() as { error?: { code: string } }).error?.code,
];

function multipart(filename: string, type: string, data: Buffer) {
  const boundary = '----tessuto-reward';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('the reward catalogue', () => {
  it('lists active rewards cheapest first, a page at a time, and inactive ones too for administrators who ask', async () => {
    const org = await createOrg(t);
    const p = await org.person();
    const mug = await createReward(org, { name: 'Mug', description: 'A **nice** mug', cost: 50, stock: 3 });
    const day = await createReward(org, { name: 'Day off', cost: 500, requiresApproval: true });
    const book = await createReward(org, { name: 'Book', cost: 120 });
    const old = await createReward(org, { name: 'Old hoodie', cost: 10, active: false });
    expect(mug).toMatchObject({
      name: 'Mug',
      description: 'A **nice** mug',
      cost: 50,
      stock: 3,
      imageUrl: null,
      active: true,
      requiresApproval: false,
    });
    expect(day).toMatchObject({ stock: null, requiresApproval: true });

    const first = (await p.client.get('/api/rewards?limit=2')).json();
    expect(first.items.map((r: Reward) => r.name)).toEqual(['Mug', 'Book']);
    const second = (await p.client.get(`/api/rewards?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second).toEqual({ items: [expect.objectContaining({ id: day.id })], nextCursor: null });

    // Only administrators see inactive rewards, and only when they ask.
    expect((await p.client.get('/api/rewards?all=true')).json().items.map((r: Reward) => r.id)).not.toContain(old.id);
    expect((await org.admin.get('/api/rewards')).json().items.map((r: Reward) => r.id)).not.toContain(old.id);
    expect((await org.admin.get('/api/rewards?all=true')).json().items.map((r: Reward) => r.id)).toEqual([old.id, mug.id, book.id, day.id]);
    expect(errorOf(await p.client.get('/api/rewards?cursor=garbage'))).toEqual([400, 'INVALID_CURSOR']);

    // Rewards of another organisation are not there.
    const other = await createOrg(t);
    expect((await other.admin.get('/api/rewards?all=true')).json().items).toEqual([]);
    expect((await other.admin.patch(`/api/admin/rewards/${mug.id}`, { active: false })).statusCode).toBe(404);
  });

  it('edits a reward, audited, and refuses costs and stocks that are not whole positive numbers', async () => {
    const org = await createOrg(t);
    const mug = await createReward(org, { name: 'Mug', cost: 50 });
    const res = await org.admin.patch(`/api/admin/rewards/${mug.id}`, { name: ' Big mug ', cost: 60, stock: 5, requiresApproval: true });
    expect(res.json()).toMatchObject({ name: 'Big mug', cost: 60, stock: 5, requiresApproval: true, active: true });
    expect((await org.admin.patch(`/api/admin/rewards/${mug.id}`, { stock: null })).json().stock).toBeNull();
    expect(await auditOf(org)).toEqual(expect.arrayContaining(['reward.created', 'reward.updated']));

    for (const bad of [
      { cost: 0 },
      { cost: -5 },
      { cost: 1.5 },
      { cost: '10 points' },
      { stock: -1 },
      { stock: 2.5 },
      { name: '   ' },
      { colour: 'red' },
    ]) {
      expect(errorOf(await org.admin.post('/api/admin/rewards', { name: 'X', cost: 10, ...bad })), JSON.stringify(bad)).toEqual([
        400,
        'VALIDATION_FAILED',
      ]);
      expect(errorOf(await org.admin.patch(`/api/admin/rewards/${mug.id}`, bad)), JSON.stringify(bad)).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect(errorOf(await org.admin.patch(`/api/admin/rewards/${mug.id}`, {}))).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('re-encodes a picture without its metadata, serves it to everyone signed in, and removes it', async () => {
    const org = await createOrg(t);
    const p = await org.person();
    const mug = await createReward(org, { name: 'Mug', cost: 50 });
    const jpeg = await sharp({ create: { width: 1000, height: 1000, channels: 3, background: '#48c' } })
      .withMetadata({ exif: { IFD0: { Copyright: 'Warehouse 7' } } })
      .jpeg()
      .toBuffer();
    const up = multipart('mug.jpg', 'image/jpeg', jpeg);
    expect((await p.client.request('PUT', `/api/admin/rewards/${mug.id}/image`, up.payload, up.headers)).statusCode).toBe(403);
    const res = await org.admin.request('PUT', `/api/admin/rewards/${mug.id}/image`, up.payload, up.headers);
    expect(res.statusCode, res.body).toBe(200);
    const imageUrl = res.json().imageUrl as string;
    expect(imageUrl).toMatch(new RegExp(`^/api/rewards/${mug.id}/image\\?v=`));
    expect((await p.client.get('/api/rewards')).json().items[0].imageUrl).toBe(imageUrl);

    const got = await p.client.get(imageUrl);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/webp');
    expect(got.headers['cache-control']).toContain('max-age');
    const meta = await sharp(got.rawPayload).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(['webp', 800, 600, undefined]);
    expect((await org.anonymous().get(imageUrl)).statusCode).toBe(401);

    const fake = multipart('evil.png', 'image/png', Buffer.from('not a picture at all'));
    expect(errorOf(await org.admin.request('PUT', `/api/admin/rewards/${mug.id}/image`, fake.payload, fake.headers))).toEqual([
      400,
      'UNSUPPORTED_IMAGE',
    ]);

    // A new picture replaces the old one in storage.
    const oldKey = (await t.app.ctx.db.selectFrom('rewards').select('imageKey').where('id', '=', mug.id).executeTakeFirstOrThrow())
      .imageKey!;
    const again = await org.admin.request('PUT', `/api/admin/rewards/${mug.id}/image`, up.payload, up.headers);
    expect(again.json().imageUrl).not.toBe(imageUrl);
    expect(await t.app.ctx.storage.get(oldKey)).toBeUndefined();

    const removed = await org.admin.delete(`/api/admin/rewards/${mug.id}/image`);
    expect(removed.json().imageUrl).toBeNull();
    expect((await p.client.get(`/api/rewards/${mug.id}/image`)).statusCode).toBe(404);
  });
});

describe('redeeming', () => {
  it('takes the points and one from the stock at once, approved, and lists it in the person’s redemptions', async () => {
    const org = await createOrg(t);
    const p = await org.person({ name: 'Rosa Redeemer' });
    await grant(org, [p.id], 200);
    const mug = await createReward(org, { name: 'Mug', cost: 50, stock: 2 });

    const res = await redeem(p.client, mug.id);
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({
      reward: { id: mug.id, name: 'Mug', imageUrl: null },
      person: { id: p.id, name: 'Rosa Redeemer' },
      cost: 50,
      status: 'approved',
      note: null,
      decidedBy: null,
    });
    expect(r.decidedAt).not.toBeNull();
    expect(await received(org, p.id)).toBe(150);
    expect(await stockOf(mug.id)).toBe(1);
    expect((await ledgerOf(p.id)).at(-1)).toEqual({
      account: 'received',
      delta: -50,
      reason: 'redemption',
      period: null,
      redemptionId: r.id,
      awardId: null,
    });

    // A later change of cost does not change what was paid.
    await org.admin.patch(`/api/admin/rewards/${mug.id}`, { cost: 70 });
    const mine = (await p.client.get('/api/me/redemptions')).json();
    expect(mine).toEqual({ items: [expect.objectContaining({ id: r.id, cost: 50 })], nextCursor: null });
    expect((await org.admin.get('/api/me/redemptions')).json().items).toEqual([]);
  });

  it('refuses a reward out of stock, without taking any points', async () => {
    const org = await createOrg(t);
    const p = await org.person();
    await grant(org, [p.id], 200);
    const none = await createReward(org, { name: 'Sold out', cost: 10, stock: 0 });
    expect(errorOf(await redeem(p.client, none.id))).toEqual([422, 'OUT_OF_STOCK']);
    const one = await createReward(org, { name: 'Last one', cost: 10, stock: 1 });
    expect((await redeem(p.client, one.id)).statusCode).toBe(201);
    expect(errorOf(await redeem(p.client, one.id))).toEqual([422, 'OUT_OF_STOCK']);
    expect(await stockOf(one.id)).toBe(0);
    expect(await received(org, p.id)).toBe(190);
  });

  it('refuses a redemption the points do not cover, an inactive reward and an unknown one, changing nothing', async () => {
    const org = await createOrg(t);
    const p = await org.person();
    await grant(org, [p.id], 40);
    const mug = await createReward(org, { name: 'Mug', cost: 50, stock: 5 });
    const res = await redeem(p.client, mug.id);
    expect(errorOf(res)).toEqual([422, 'INSUFFICIENT_POINTS']);
    expect(res.json().error.details).toEqual({ balance: 40 });
    expect(await stockOf(mug.id)).toBe(5);
    expect(await t.app.ctx.db.selectFrom('redemptions').select('id').where('orgId', '=', org.orgId).execute()).toEqual([]);

    const old = await createReward(org, { name: 'Old', cost: 10, active: false });
    expect(errorOf(await redeem(p.client, old.id))).toEqual([422, 'REWARD_INACTIVE']);
    expect(errorOf(await redeem(p.client, '01900000-0000-7000-8000-000000000000'))).toEqual([404, 'NOT_FOUND']);
    const other = await createOrg(t);
    const elsewhere = await createReward(other, { name: 'Elsewhere', cost: 1 });
    expect(errorOf(await redeem(p.client, elsewhere.id))).toEqual([404, 'NOT_FOUND']);
    expect(await received(org, p.id)).toBe(40);
  });

  it('refuses people whose points are switched off, for the company or for their office’s country', async () => {
    const org = await createOrg(t);
    const p = await org.person();
    const q = await org.person();
    await grant(org, [p.id, q.id], 100);
    const mug = await createReward(org, { name: 'Mug', cost: 10 });

    const berlin = (await org.admin.post('/api/locations', { name: 'Berlin', country: 'DE' })).json();
    await t.app.ctx.db.updateTable('users').set({ locationId: berlin.id }).where('id', '=', q.id).execute();
    expect((await org.admin.patch('/api/admin/recognition/settings', { gamificationOffCountries: ['DE'] })).statusCode).toBe(200);
    expect(errorOf(await redeem(q.client, mug.id))).toEqual([422, 'GAMIFICATION_OFF']);
    expect((await redeem(p.client, mug.id)).statusCode).toBe(201);

    await org.admin.patch('/api/admin/recognition/settings', { gamification: false });
    expect(errorOf(await redeem(p.client, mug.id))).toEqual([422, 'GAMIFICATION_OFF']);
    expect(await received(org, p.id)).toBe(90);
    expect(await received(org, q.id)).toBe(100);
  });

  it('gives back the same redemption for a replayed key, and refuses the key for another reward', async () => {
    const org = await createOrg(t);
    const p = await org.person();
    await grant(org, [p.id], 100);
    const mug = await createReward(org, { name: 'Mug', cost: 30, stock: 10 });
    const book = await createReward(org, { name: 'Book', cost: 20 });

    const first = await redeem(p.client, mug.id, 'key-1');
    expect(first.statusCode).toBe(201);
    const replay = await redeem(p.client, mug.id, 'key-1');
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual(first.json());
    expect(errorOf(await redeem(p.client, book.id, 'key-1'))).toEqual([422, 'IDEMPOTENCY_MISMATCH']);
    expect(await received(org, p.id)).toBe(70);
    expect(await stockOf(mug.id)).toBe(9);

    // Keys are each person's own; another key is another redemption.
    const q = await org.person();
    await grant(org, [q.id], 100);
    expect((await redeem(q.client, mug.id, 'key-1')).statusCode).toBe(201);
    expect((await redeem(p.client, mug.id, 'key-2')).statusCode).toBe(201);
    expect(await received(org, p.id)).toBe(40);
    expect(errorOf(await redeem(p.client, mug.id, 'k'.repeat(101)))).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('lets exactly as many people redeem as there is stock, however many try at once', async () => {
    const org = await createOrg(t);
    const people = await Promise.all(Array.from({ length: 30 }, () => org.person()));
    await grant(
      org,
      people.map((p) => p.id),
      100,
    );
    const mug = await createReward(org, { name: 'Mug', cost: 40, stock: 10 });
    const results = await Promise.all(people.map((p) => redeem(p.client, mug.id)));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(10);
    expect(results.filter((r) => r.statusCode !== 201).map(errorOf)).toEqual(Array.from({ length: 20 }, () => [422, 'OUT_OF_STOCK']));
    expect(await stockOf(mug.id)).toBe(0);
    const spent = await t.app.ctx.db
      .selectFrom('pointsLedger')
      .select((eb) => eb.fn.sum<string>('delta').as('sum'))
      .where('orgId', '=', org.orgId)
      .where('reason', '=', 'redemption')
      .executeTakeFirstOrThrow();
    expect(Number(spent.sum)).toBe(-400);
  });

  it('lets one person redeem only what their points cover, however many times they try at once', async () => {
    const org = await createOrg(t);
    const p = await org.person();
    await grant(org, [p.id], 100);
    const mug = await createReward(org, { name: 'Mug', cost: 30 });
    const results = await Promise.all(Array.from({ length: 10 }, () => redeem(p.client, mug.id)));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(3);
    expect(results.filter((r) => r.statusCode !== 201).map(errorOf)).toEqual(Array.from({ length: 7 }, () => [422, 'INSUFFICIENT_POINTS']));
    expect(await received(org, p.id)).toBe(10);
  });
});

describe('deciding redemptions', () => {
  async function pendingRedemption(org: TestOrg, opts: { stock: number | null }) {
    const p = await org.person({ name: 'Pia Pending' });
    await grant(org, [p.id], 100);
    const day = await createReward(org, { name: 'Day off', cost: 80, stock: opts.stock, requiresApproval: true });
    const res = await redeem(p.client, day.id);
    expect(res.json()).toMatchObject({ status: 'pending', decidedAt: null, decidedBy: null });
    return { p, day, redemption: res.json<{ id: string }>() };
  }

  it('approves a pending redemption once, tells the person, and audits it', async () => {
    const org = await createOrg(t);
    const { p, day, redemption } = await pendingRedemption(org, { stock: 3 });
    expect(await received(org, p.id)).toBe(20);
    expect(await stockOf(day.id)).toBe(2);

    const queue = (await org.admin.get('/api/admin/redemptions?status=pending')).json();
    expect(queue.items.map((r: { id: string }) => r.id)).toEqual([redemption.id]);
    expect((await org.admin.get('/api/admin/redemptions?status=refused')).json().items).toEqual([]);

    const res = await org.admin.post(`/api/admin/redemptions/${redemption.id}/approve`, { note: 'Enjoy it' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'approved', note: 'Enjoy it', decidedBy: { id: org.adminId, name: 'Ada Admin' } });
    expect(res.json().decidedAt).not.toBeNull();
    expect(errorOf(await org.admin.post(`/api/admin/redemptions/${redemption.id}/approve`, {}))).toEqual([409, 'ALREADY_DECIDED']);
    expect(errorOf(await org.admin.post(`/api/admin/redemptions/${redemption.id}/refuse`, {}))).toEqual([409, 'ALREADY_DECIDED']);

    expect(await received(org, p.id)).toBe(20);
    expect(await stockOf(day.id)).toBe(2);
    expect(await notificationsOf(p.id)).toContainEqual({
      type: 'redemption',
      actorId: org.adminId,
      data: { redemptionId: redemption.id, rewardId: day.id, rewardName: 'Day off', status: 'approved', note: 'Enjoy it' },
    });
    expect(await auditOf(org)).toContain('redemption.approved');
    expect((await org.admin.get('/api/admin/redemptions?status=pending')).json().items).toEqual([]);
  });

  it('refuses a pending redemption once, giving back the points and the stock', async () => {
    const org = await createOrg(t);
    const { p, day, redemption } = await pendingRedemption(org, { stock: 1 });
    expect(await stockOf(day.id)).toBe(0);

    const res = await org.admin.post(`/api/admin/redemptions/${redemption.id}/refuse`, { note: 'Not this month' });
    expect(res.json()).toMatchObject({ status: 'refused', note: 'Not this month' });
    expect(await received(org, p.id)).toBe(100);
    expect(await stockOf(day.id)).toBe(1);
    expect((await ledgerOf(p.id)).at(-1)).toMatchObject({
      account: 'received',
      delta: 80,
      reason: 'redemption_refund',
      redemptionId: redemption.id,
    });

    // Twice at once: only one decision counts, so the points come back once.
    expect(errorOf(await org.admin.post(`/api/admin/redemptions/${redemption.id}/refuse`, {}))).toEqual([409, 'ALREADY_DECIDED']);
    expect(await received(org, p.id)).toBe(100);
    expect(await stockOf(day.id)).toBe(1);
    expect((await notificationsOf(p.id)).filter((n) => n.type === 'redemption')).toHaveLength(1);
    expect(await auditOf(org)).toContain('redemption.refused');
    expect((await p.client.get('/api/me/redemptions')).json().items[0]).toMatchObject({ id: redemption.id, status: 'refused' });
  });

  it('refuses concurrent decisions but one, and keeps an unlimited stock unlimited', async () => {
    const org = await createOrg(t);
    const { p, day, redemption } = await pendingRedemption(org, { stock: null });
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => org.admin.post(`/api/admin/redemptions/${redemption.id}/${i % 2 ? 'approve' : 'refuse'}`, {})),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(4);
    const refunds = (await ledgerOf(p.id)).filter((e) => e.reason === 'redemption_refund');
    expect(refunds.length).toBe(results.find((r) => r.statusCode === 200)!.json().status === 'refused' ? 1 : 0);
    expect(await stockOf(day.id)).toBeNull();
  });

  it('answers 404 for a redemption of another organisation, refuses notes that are too long and needs no body', async () => {
    const org = await createOrg(t);
    const { redemption } = await pendingRedemption(org, { stock: null });
    const other = await createOrg(t);
    expect(errorOf(await other.admin.post(`/api/admin/redemptions/${redemption.id}/approve`, {}))).toEqual([404, 'NOT_FOUND']);
    expect(errorOf(await org.admin.post(`/api/admin/redemptions/${redemption.id}/approve`, { note: 'x'.repeat(501) }))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    expect(errorOf(await org.admin.post(`/api/admin/redemptions/${redemption.id}/approve`, { status: 'refused' }))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    // A decision needs no body at all.
    const bare = await org.admin.request('POST', `/api/admin/redemptions/${redemption.id}/approve`);
    expect(bare.statusCode, bare.body).toBe(200);
    expect(bare.json()).toMatchObject({ status: 'approved', note: null });
  });

  it('pages through redemptions newest first, for the person and for administrators', async () => {
    const org = await createOrg(t);
    const p = await org.person();
    await grant(org, [p.id], 1000);
    const mug = await createReward(org, { name: 'Mug', cost: 10 });
    const day = await createReward(org, { name: 'Day off', cost: 10, requiresApproval: true });
    const made: string[] = [];
    for (const reward of [mug, day, mug, day, mug]) {
      made.push((await redeem(p.client, reward.id)).json().id);
    }
    const first = (await p.client.get('/api/me/redemptions?limit=2')).json();
    const second = (await p.client.get(`/api/me/redemptions?limit=2&cursor=${first.nextCursor}`)).json();
    const third = (await p.client.get(`/api/me/redemptions?limit=2&cursor=${second.nextCursor}`)).json();
    expect([...first.items, ...second.items, ...third.items].map((r: { id: string }) => r.id)).toEqual([...made].reverse());
    expect(third.nextCursor).toBeNull();

    const pending = (await org.admin.get('/api/admin/redemptions?status=pending')).json();
    expect(pending.items.map((r: { id: string }) => r.id)).toEqual([made[3], made[1]]);
    expect((await org.admin.get('/api/admin/redemptions?status=approved')).json().items).toHaveLength(3);
    expect((await org.admin.get('/api/admin/redemptions')).json().items).toHaveLength(5);
    expect(errorOf(await org.admin.get('/api/admin/redemptions?status=lost'))).toEqual([400, 'VALIDATION_FAILED']);
  });
});

describe('company awards', () => {
  it('grants points to people without touching anyone’s allowance, tells them and audits it', async () => {
    const org = await createOrg(t);
    const a = await org.person({ name: 'Anna' });
    const b = await org.person({ name: 'Bruno' });
    const res = await org.admin.post('/api/admin/awards', { userIds: [b.id, a.id, b.id], points: 250, reason: ' Launch of the year ' });
    expect(res.statusCode, res.body).toBe(201);
    const award = res.json();
    expect(award).toMatchObject({
      points: 250,
      reason: 'Launch of the year',
      recipients: [
        { id: a.id, name: 'Anna' },
        { id: b.id, name: 'Bruno' },
      ],
      grantedBy: { id: org.adminId, name: 'Ada Admin' },
    });
    for (const id of [a.id, b.id]) {
      expect(await ledgerOf(id)).toEqual([
        { account: 'received', delta: 250, reason: 'award', period: null, redemptionId: null, awardId: award.id },
      ]);
      expect(await notificationsOf(id)).toEqual([
        { type: 'award', actorId: org.adminId, data: { awardId: award.id, points: 250, reason: 'Launch of the year' } },
      ]);
    }
    const balances = await balancesOf(t.app.ctx.db, org.orgId, [a.id, org.adminId]);
    expect(balances.get(a.id)).toMatchObject({ received: 250, allowance: { given: 0, remaining: 100 } });
    expect(balances.get(org.adminId)).toMatchObject({ received: 0, allowance: { given: 0, remaining: 100 } });
    expect(await auditOf(org)).toContain('award.granted');
  });

  it('grants to nobody when someone is deactivated, unknown or has points switched off, and says who', async () => {
    const org = await createOrg(t);
    const a = await org.person();
    const gone = await org.person();
    expect((await org.admin.post(`/api/admin/people/${gone.id}/deactivate`)).statusCode).toBe(200);
    const res = await org.admin.post('/api/admin/awards', { userIds: [a.id, gone.id], points: 10, reason: 'Thanks' });
    expect(errorOf(res)).toEqual([422, 'RECIPIENT_INACTIVE']);
    expect(res.json().error.details).toEqual({ userIds: [gone.id] });

    const other = await createOrg(t);
    const stranger = await other.person();
    const unknown = await org.admin.post('/api/admin/awards', { userIds: [a.id, stranger.id], points: 10, reason: 'Thanks' });
    expect(errorOf(unknown)).toEqual([404, 'NOT_FOUND']);
    expect(unknown.json().error.details).toEqual({ userIds: [stranger.id] });

    const rome = (await org.admin.post('/api/locations', { name: 'Munich', country: 'DE' })).json();
    const off = await org.person();
    await t.app.ctx.db.updateTable('users').set({ locationId: rome.id }).where('id', '=', off.id).execute();
    await org.admin.patch('/api/admin/recognition/settings', { gamificationOffCountries: ['DE'] });
    const refused = await org.admin.post('/api/admin/awards', { userIds: [a.id, off.id], points: 10, reason: 'Thanks' });
    expect(errorOf(refused)).toEqual([422, 'GAMIFICATION_OFF']);
    expect(refused.json().error.details).toEqual({ userIds: [off.id] });

    expect(await ledgerOf(a.id)).toEqual([]);
    expect(await t.app.ctx.db.selectFrom('awards').select('id').where('orgId', '=', org.orgId).execute()).toEqual([]);
  });

  it('refuses points that are not a whole number between 1 and 100,000, and empty or oversized lists', async () => {
    const org = await createOrg(t);
    const a = await org.person();
    for (const bad of [
      { points: 0 },
      { points: -10 },
      { points: 2.5 },
      { points: 100_001 },
      { userIds: [] },
      { userIds: ['not-an-id'] },
      { reason: '' },
      { reason: 'x'.repeat(281) },
    ]) {
      const res = await org.admin.post('/api/admin/awards', { userIds: [a.id], points: 10, reason: 'Thanks', ...bad });
      expect(errorOf(res), JSON.stringify(bad)).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect(await ledgerOf(a.id)).toEqual([]);
  });

  it('lists awards newest first with their recipients, a page at a time', async () => {
    const org = await createOrg(t);
    const a = await org.person({ name: 'Anna' });
    const b = await org.person({ name: 'Bruno' });
    const first = await grant(org, [a.id], 10, 'First');
    const second = await grant(org, [a.id, b.id], 20, 'Second');
    const third = await grant(org, [b.id], 30, 'Third');
    const page1 = (await org.admin.get('/api/admin/awards?limit=2')).json();
    expect(page1.items.map((x: { id: string }) => x.id)).toEqual([third.id, second.id]);
    expect(page1.items[1].recipients.map((r: { name: string }) => r.name)).toEqual(['Anna', 'Bruno']);
    const page2 = (await org.admin.get(`/api/admin/awards?limit=2&cursor=${page1.nextCursor}`)).json();
    expect(page2).toEqual({ items: [first], nextCursor: null });
  });

  it('pages without skipping awards written in the same instant, to the microsecond', async () => {
    const org = await createOrg(t);
    const ids = ['01900000-0000-7000-8000-00000000000a', '01900000-0000-7000-8000-00000000000b', '01900000-0000-7000-8000-00000000000c'];
    await t.app.ctx.db.transaction().execute(async (trx) => {
      for (const id of ids) {
        await trx
          .insertInto('awards')
          .values({
            id,
            orgId: org.orgId,
            grantedBy: org.adminId,
            reason: 'Same instant',
            points: 5,
            createdAt: sql<Date>`'2026-01-01T10:00:00.123456Z'::timestamptz`,
          })
          .execute();
      }
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (
        await org.admin.get(`/api/admin/awards?limit=1${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    expect(errorOf(await org.admin.get('/api/admin/awards?cursor=bm90LWEtY3Vyc29y'))).toEqual([400, 'INVALID_CURSOR']);
  });
});

describe('who may manage rewards', () => {
  it('refuses the administration routes to everyone but administrators', async () => {
    const org = await createOrg(t);
    const mug = await createReward(org, { name: 'Mug', cost: 10, requiresApproval: true });
    for (const role of ['employee', 'manager', 'hr', 'communications'] as const) {
      const p = await org.person({ roles: [role] });
      await grant(org, [p.id], 10);
      const mine = (await redeem(p.client, mug.id)).json();
      const calls = [
        p.client.post('/api/admin/rewards', { name: 'Mine', cost: 1 }),
        p.client.patch(`/api/admin/rewards/${mug.id}`, { cost: 1 }),
        p.client.delete(`/api/admin/rewards/${mug.id}/image`),
        p.client.get('/api/admin/redemptions'),
        p.client.post(`/api/admin/redemptions/${mine.id}/approve`, {}),
        p.client.post(`/api/admin/redemptions/${mine.id}/refuse`, {}),
        p.client.post('/api/admin/awards', { userIds: [p.id], points: 1000, reason: 'Me' }),
        p.client.get('/api/admin/awards'),
      ];
      for (const res of await Promise.all(calls)) {
        expect(errorOf(res), `${role}: ${res.body}`).toEqual([403, 'FORBIDDEN']);
      }
      expect(await received(org, p.id)).toBe(0);
    }
    expect((await org.anonymous().get('/api/rewards')).statusCode).toBe(401);
    expect(await stockOf(mug.id)).toBeNull();
  });
});
