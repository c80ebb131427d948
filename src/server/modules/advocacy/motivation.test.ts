import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { AppError } from '../../platform/errors.js';
import { createOrg, testApp, type TestApp, type TestOrg } from '../../test/helpers.js';
import type { ShareNetwork } from '../../../shared/advocacy.js';
import { saveRecognitionSettings } from '../recognition/recognition.settings.js';
import { requireGuidelinesAccepted, rewardShare, weekStart } from './motivation.js';
import { awardReachBadges } from './motivation.jobs.js';

let t: TestApp;
const db = () => t.app.ctx.db;
const day = (daysAgo = 0) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

interface Guidelines {
  html: string;
  markdown: string;
  version: number;
  acceptedAt: string | null;
}
interface Mine {
  shares: number;
  clicks: number;
  visitors: number;
  pointsThisWeek: number;
  pointsCapPerWeek: number;
  pointsPerShare: number;
  hideFromLeaderboard: boolean;
  guidelinesAccepted: boolean;
}
interface Row {
  rank: number;
  person: { id: string; name: string };
  shares: number;
  clicks: number;
}

/** An approved link, written straight to the database (the items part owns its API). */
async function insertItem(orgId: string): Promise<string> {
  const id = newId();
  await db()
    .insertInto('shareItems')
    .values({ id, orgId, kind: 'link', url: `https://example.com/news/${id}`, title: 'Our news' })
    .execute();
  return id;
}

const code = () => newId().replace(/-/g, '').slice(-10);

/** A person's tracked link for an item and network, created on first use. */
async function linkOf(orgId: string, userId: string, itemId: string, network: ShareNetwork): Promise<string> {
  const found = await db()
    .selectFrom('shareLinks')
    .select('id')
    .where('itemId', '=', itemId)
    .where('userId', '=', userId)
    .where('network', '=', network)
    .executeTakeFirst();
  if (found) {
    return found.id;
  }
  const id = newId();
  await db().insertInto('shareLinks').values({ id, orgId, code: code(), itemId, userId, network }).execute();
  return id;
}

/** Records a share the way the sharing part does, and rewards it in the same transaction. */
async function share(orgId: string, userId: string, itemId: string, network: ShareNetwork = 'linkedin', createdAt?: Date) {
  const linkId = await linkOf(orgId, userId, itemId, network);
  return db()
    .transaction()
    .execute(async (trx) => {
      const id = newId();
      await trx
        .insertInto('shares')
        .values({ id, orgId, itemId, userId, network, linkId, ...(createdAt ? { createdAt } : {}) })
        .execute();
      const reward = await rewardShare(trx, orgId, { id, userId, itemId, network });
      return { id, ...reward };
    });
}

/** Clicks on a person's link by `visitors` different visitors, on one day. */
async function clicks(orgId: string, userId: string, itemId: string, visitors: number, on = day(), network: ShareNetwork = 'linkedin') {
  const linkId = await linkOf(orgId, userId, itemId, network);
  await db()
    .insertInto('shareClicks')
    .values(
      Array.from({ length: visitors }, () => ({ orgId, linkId, itemId, campaignId: null, userId, network, day: on, visitor: newId() })),
    )
    .execute();
}

async function rulesHeld(orgId: string, userId: string): Promise<string[]> {
  const rows = await db()
    .selectFrom('userBadges as ub')
    .innerJoin('badges as b', 'b.id', 'ub.badgeId')
    .select('b.rule')
    .where('ub.orgId', '=', orgId)
    .where('ub.userId', '=', userId)
    .execute();
  return rows.map((r) => r.rule ?? '').sort();
}

async function settings(org: TestOrg, body: Record<string, unknown>) {
  const res = await org.admin.put('/api/advocacy/settings', body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ guidelines: string; guidelinesVersion: number; pointsPerShare: number; pointsCapPerWeek: number }>();
}

async function notAccepted(orgId: string, userId: string): Promise<unknown> {
  try {
    await requireGuidelinesAccepted(db(), orgId, userId);
    return null;
  } catch (err) {
    return err instanceof AppError ? { status: err.status, code: err.code, details: err.details } : err;
  }
}

beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('guidelines', () => {
  it('must be accepted in their current version before sharing, and again after every change', async () => {
    const org = await createOrg(t);
    const ann = await org.person({ name: 'Ann' });

    const first = (await ann.client.get('/api/advocacy/guidelines')).json<Guidelines>();
    expect(first).toEqual({ html: '', markdown: '', version: 1, acceptedAt: null });
    expect(await notAccepted(org.orgId, ann.id)).toEqual({ status: 409, code: 'GUIDELINES_NOT_ACCEPTED', details: { version: 1 } });
    expect((await ann.client.get('/api/advocacy/me')).json<Mine>().guidelinesAccepted).toBe(false);

    const wrong = await ann.client.post('/api/advocacy/guidelines/accept', { version: 2 });
    expect([wrong.statusCode, wrong.json().error.code, wrong.json().error.details]).toEqual([409, 'GUIDELINES_CHANGED', { version: 1 }]);

    const accepted = await ann.client.post('/api/advocacy/guidelines/accept', { version: 1 });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const at = accepted.json<Guidelines>().acceptedAt;
    expect(at).not.toBeNull();
    // Accepting again changes nothing.
    expect((await ann.client.post('/api/advocacy/guidelines/accept', { version: 1 })).json<Guidelines>().acceptedAt).toBe(at);
    expect(await notAccepted(org.orgId, ann.id)).toBeNull();
    expect((await ann.client.get('/api/advocacy/me')).json<Mine>().guidelinesAccepted).toBe(true);

    // New guidelines: rendered and sanitised, a new version that Ann has not accepted.
    const changed = await settings(org, { guidelines: '## Be yourself\n\nBe **honest**. <script>alert(1)</script>' });
    expect(changed.guidelinesVersion).toBe(2);
    const second = (await ann.client.get('/api/advocacy/guidelines')).json<Guidelines>();
    expect(second.version).toBe(2);
    expect(second.acceptedAt).toBeNull();
    expect(second.html).toContain('<strong>honest</strong>');
    expect(second.html).not.toContain('<script');
    expect(await notAccepted(org.orgId, ann.id)).toEqual({ status: 409, code: 'GUIDELINES_NOT_ACCEPTED', details: { version: 2 } });

    const old = await ann.client.post('/api/advocacy/guidelines/accept', { version: 1 });
    expect([old.statusCode, old.json().error.code]).toEqual([409, 'GUIDELINES_CHANGED']);
    expect((await ann.client.post('/api/advocacy/guidelines/accept', { version: 2 })).statusCode).toBe(200);
    expect(await notAccepted(org.orgId, ann.id)).toBeNull();

    // The same text again, or only points, keeps the version.
    expect((await settings(org, { guidelines: '## Be yourself\n\nBe **honest**. <script>alert(1)</script>\n' })).guidelinesVersion).toBe(2);
    expect((await settings(org, { pointsPerShare: 7 })).guidelinesVersion).toBe(2);
    expect(await notAccepted(org.orgId, ann.id)).toBeNull();
  });

  it('keeps each organisation to its own guidelines', async () => {
    const a = await createOrg(t);
    const b = await createOrg(t);
    await settings(a, { guidelines: 'Only ours.' });
    const other = (await b.admin.get('/api/advocacy/guidelines')).json<Guidelines>();
    expect([other.version, other.markdown]).toEqual([1, '']);
  });
});

describe('sharing through the API', () => {
  it('asks for the current guidelines first, then earns points and the first share badge', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const item = await insertItem(org.orgId);

    const refused = await ann.client.post(`/api/advocacy/items/${item}/shares`, { network: 'linkedin' });
    expect([refused.statusCode, refused.json().error.code, refused.json().error.details]).toEqual([
      409,
      'GUIDELINES_NOT_ACCEPTED',
      { version: 1 },
    ]);
    expect(await db().selectFrom('shares').select('id').where('userId', '=', ann.id).execute()).toEqual([]);

    await ann.client.post('/api/advocacy/guidelines/accept', { version: 1 });
    const shared = await ann.client.post(`/api/advocacy/items/${item}/shares`, { network: 'linkedin' });
    expect(shared.statusCode, shared.body).toBe(201);
    expect(shared.json()).toMatchObject({ points: 5, badges: ['first_share'] });
    const again = await ann.client.post(`/api/advocacy/items/${item}/shares`, { network: 'linkedin' });
    expect(again.json()).toMatchObject({ points: 0, badges: [] });

    await settings(org, { guidelines: 'Be kind.' });
    const changed = await ann.client.post(`/api/advocacy/items/${item}/shares`, { network: 'x' });
    expect([changed.statusCode, changed.json().error.details]).toEqual([409, { version: 2 }]);
  });
});

describe('settings', () => {
  it('are read and changed by communications staff and administrators only, within limits, and audited', async () => {
    const org = await createOrg(t);
    const employee = await org.person();
    const comms = await org.person({ roles: ['communications'] });

    expect((await employee.client.get('/api/advocacy/settings')).statusCode).toBe(403);
    expect((await employee.client.put('/api/advocacy/settings', { pointsPerShare: 100 })).statusCode).toBe(403);
    expect((await comms.client.get('/api/advocacy/settings')).json()).toEqual({
      guidelines: '',
      guidelinesVersion: 1,
      pointsPerShare: 5,
      pointsCapPerWeek: 20,
    });

    for (const bad of [
      { pointsPerShare: 1001 },
      { pointsPerShare: -1 },
      { pointsCapPerWeek: 10_001 },
      { guidelines: 'x'.repeat(20_001) },
      {},
      { pointsPerShare: 5, extra: true },
    ]) {
      expect((await comms.client.put('/api/advocacy/settings', bad)).statusCode, JSON.stringify(bad).slice(0, 60)).toBe(400);
    }

    const saved = await comms.client.put('/api/advocacy/settings', { pointsPerShare: 10, pointsCapPerWeek: 30 });
    expect(saved.json()).toMatchObject({ pointsPerShare: 10, pointsCapPerWeek: 30, guidelinesVersion: 1 });
    const logged = await db()
      .selectFrom('auditLog')
      .select(['action', 'actorId'])
      .where('orgId', '=', org.orgId)
      .where('action', '=', 'advocacy.settings')
      .execute();
    expect(logged).toEqual([{ action: 'advocacy.settings', actorId: comms.id }]);
  });
});

describe('points for sharing', () => {
  it('are earned for the first share of an item to a network only, up to the weekly cap', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    await settings(org, { pointsPerShare: 5, pointsCapPerWeek: 12 });
    const items = await Promise.all([1, 2, 3, 4].map(() => insertItem(org.orgId)));

    const first = await share(org.orgId, ann.id, items[0]!);
    // The same item to the same network again earns nothing; to another network it does.
    const again = await share(org.orgId, ann.id, items[0]!);
    expect([first.points, again.points]).toEqual([5, 0]);
    const rest = [];
    for (const item of items.slice(1)) {
      rest.push((await share(org.orgId, ann.id, item)).points);
    }
    expect(rest).toEqual([5, 2, 0]);

    const ledger = await db()
      .selectFrom('pointsLedger')
      .select(['delta', 'account', 'shareId'])
      .where('orgId', '=', org.orgId)
      .where('userId', '=', ann.id)
      .where('reason', '=', 'share')
      .orderBy('id')
      .execute();
    expect(ledger.map((l) => [l.delta, l.account])).toEqual([
      [5, 'received'],
      [5, 'received'],
      [2, 'received'],
    ]);
    expect(ledger[0]!.shareId).toBe(first.id);
    const stored = await db().selectFrom('shares').select('points').where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(stored.points).toBe(5);

    const mine = (await ann.client.get('/api/advocacy/me')).json<Mine>();
    expect(mine).toMatchObject({ shares: 5, pointsThisWeek: 12, pointsCapPerWeek: 12, pointsPerShare: 5 });
    // The points show in the person's recognition history, as points for sharing.
    const history = (await ann.client.get('/api/me/points/history')).json<{ items: { reason: string; delta: number }[] }>();
    expect(history.items.filter((e) => e.reason === 'share').map((e) => e.delta)).toEqual([2, 5, 5]);
  });

  it('starts the cap again each ISO week', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const lastWeek = new Date(weekStart().getTime() - 86_400_000);
    await db()
      .insertInto('pointsLedger')
      .values({ orgId: org.orgId, userId: ann.id, account: 'received', delta: 20, period: null, reason: 'share', createdAt: lastWeek })
      .execute();
    expect((await share(org.orgId, ann.id, await insertItem(org.orgId))).points).toBe(5);
  });

  it('does not let shares at the same moment pass the cap', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    await settings(org, { pointsPerShare: 5, pointsCapPerWeek: 10 });
    const items = await Promise.all([1, 2, 3, 4, 5].map(() => insertItem(org.orgId)));
    const results = await Promise.all(items.map((item) => share(org.orgId, ann.id, item)));
    expect(results.reduce((sum, r) => sum + r.points, 0)).toBe(10);
    // Two shares of one item to one network at once: only one earns.
    const bob = await org.person();
    const item = await insertItem(org.orgId);
    await linkOf(org.orgId, bob.id, item, 'x');
    const both = await Promise.all([share(org.orgId, bob.id, item, 'x'), share(org.orgId, bob.id, item, 'x')]);
    expect(both.map((r) => r.points).sort()).toEqual([0, 5]);
  });

  it('are 0 when the company switched points off', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    await saveRecognitionSettings(db(), org.orgId, { gamification: false });
    const r = await share(org.orgId, ann.id, await insertItem(org.orgId));
    expect([r.points, r.badges]).toEqual([0, []]);
    expect((await ann.client.get('/api/advocacy/me')).json<Mine>().pointsThisWeek).toBe(0);
  });

  it('are 0 per share when communications staff set them so', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    await settings(org, { pointsPerShare: 0 });
    expect((await share(org.orgId, ann.id, await insertItem(org.orgId))).points).toBe(0);
  });
});

describe('badges', () => {
  it('awards the first share badge once', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const first = await share(org.orgId, ann.id, await insertItem(org.orgId));
    const second = await share(org.orgId, ann.id, await insertItem(org.orgId), 'facebook');
    expect([first.badges, second.badges]).toEqual([['first_share'], []]);
    expect(await rulesHeld(org.orgId, ann.id)).toEqual(['first_share']);
    const notes = await db()
      .selectFrom('notifications')
      .select('data')
      .where('orgId', '=', org.orgId)
      .where('userId', '=', ann.id)
      .where('type', '=', 'badge')
      .execute();
    expect(notes.map((n) => (n.data as { rule: string }).rule)).toEqual(['first_share']);
  });

  it('awards reach badges at 100 distinct visitors, when people look at their advocacy', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const item = await insertItem(org.orgId);
    await share(org.orgId, ann.id, item);
    await clicks(org.orgId, ann.id, item, 99);
    const before = (await ann.client.get('/api/advocacy/me')).json<Mine>();
    expect([before.clicks, before.visitors]).toEqual([99, 99]);
    expect(await rulesHeld(org.orgId, ann.id)).toEqual(['first_share']);

    await clicks(org.orgId, ann.id, item, 1, day(1), 'x');
    expect((await ann.client.get('/api/advocacy/me')).json<Mine>().visitors).toBe(100);
    expect(await rulesHeld(org.orgId, ann.id)).toEqual(['first_share', 'reach_100']);
  });

  it('awards reach badges in the hourly run to people whose links were clicked lately, and with a share', async () => {
    const org = await createOrg(t);
    const bea = await org.person();
    const cid = await org.person();
    const item = await insertItem(org.orgId);
    await share(org.orgId, bea.id, item);
    await clicks(org.orgId, bea.id, item, 100);
    await db()
      .transaction()
      .execute((trx) => awardReachBadges(trx));
    expect(await rulesHeld(org.orgId, bea.id)).toEqual(['first_share', 'reach_100']);

    await clicks(org.orgId, cid.id, item, 100);
    const r = await share(org.orgId, cid.id, item, 'email');
    expect(r.badges.sort()).toEqual(['first_share', 'reach_100']);
  });
});

describe('the advocacy leaderboard', () => {
  it('ranks by shares then clicks, leaves out those who left it or the company, and still answers their own row', async () => {
    const org = await createOrg(t);
    const ann = await org.person({ name: 'Ann' });
    const bea = await org.person({ name: 'Bea' });
    const cid = await org.person({ name: 'Cid' });
    const dan = await org.person({ name: 'Dan' });
    const eve = await org.person({ name: 'Eve' });
    const items = await Promise.all([1, 2, 3].map(() => insertItem(org.orgId)));
    for (const item of items) {
      await share(org.orgId, ann.id, item);
    }
    for (const [who, n] of [
      [bea, 10],
      [cid, 3],
    ] as const) {
      await share(org.orgId, who.id, items[0]!);
      await share(org.orgId, who.id, items[1]!);
      await clicks(org.orgId, who.id, items[0]!, n);
    }
    await share(org.orgId, dan.id, items[0]!);
    await db().updateTable('users').set({ status: 'deactivated' }).where('id', '=', dan.id).execute();
    // A share from two months ago counts for all time only.
    await share(org.orgId, eve.id, items[2]!, 'x', new Date(Date.now() - 60 * 86_400_000));

    const board = (await eve.client.get('/api/advocacy/leaderboard?period=month')).json<{ items: Row[]; me: Row | null }>();
    expect(board.items.map((r) => [r.person.name, r.rank, r.shares, r.clicks])).toEqual([
      ['Ann', 1, 3, 0],
      ['Bea', 2, 2, 10],
      ['Cid', 3, 2, 3],
    ]);
    expect(board.me).toMatchObject({ rank: 0, shares: 0, person: { id: eve.id } });
    const all = (await eve.client.get('/api/advocacy/leaderboard?period=all')).json<{ items: Row[]; me: Row | null }>();
    expect(all.items.map((r) => r.person.name)).toEqual(['Ann', 'Bea', 'Cid', 'Eve']);
    expect(all.me).toMatchObject({ rank: 4, shares: 1 });
    const top = (await eve.client.get('/api/advocacy/leaderboard?period=all&limit=2')).json<{ items: Row[]; me: Row | null }>();
    expect(top.items.map((r) => r.person.name)).toEqual(['Ann', 'Bea']);
    expect(top.me).toMatchObject({ rank: 4 });

    // Bea leaves the board: others no longer see her, she still sees her own numbers.
    const left = await bea.client.patch('/api/advocacy/me', { hideFromLeaderboard: true });
    expect(left.json<Mine>().hideFromLeaderboard).toBe(true);
    const after = (await ann.client.get('/api/advocacy/leaderboard?period=week')).json<{ items: Row[]; me: Row | null }>();
    expect(after.items.map((r) => [r.person.name, r.rank])).toEqual([
      ['Ann', 1],
      ['Cid', 2],
    ]);
    const hers = (await bea.client.get('/api/advocacy/leaderboard')).json<{ items: Row[]; me: Row | null }>();
    expect(hers.items.map((r) => r.person.name)).not.toContain('Bea');
    expect(hers.me).toMatchObject({ rank: 0, shares: 2, clicks: 10 });

    // And comes back.
    await bea.client.patch('/api/advocacy/me', { hideFromLeaderboard: false });
    expect((await bea.client.get('/api/advocacy/leaderboard')).json<{ me: Row }>().me.rank).toBe(2);
  });

  it('refuses a period or limit out of range', async () => {
    const org = await createOrg(t);
    for (const q of ['period=year', 'limit=0', 'limit=51', 'other=1']) {
      expect((await org.admin.get(`/api/advocacy/leaderboard?${q}`)).statusCode, q).toBe(400);
    }
    expect((await org.admin.patch('/api/advocacy/me', { hideFromLeaderboard: 'yes' })).statusCode).toBe(400);
  });
});
