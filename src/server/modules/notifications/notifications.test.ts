import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import type { RealtimeEvent } from '../../platform/events.js';
import { NOTIFICATION_TYPES, type Visibility } from '../../../shared/social.js';
import { createOrg, testApp, type TestApp, type TestOrg } from '../../test/helpers.js';
import { notify, type NotificationInput } from './notifications.service.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const db = () => t.app.ctx.db;

async function community(org: TestOrg, visibility: Visibility, members: { userId: string; status?: 'active' | 'invited' }[] = []) {
  const id = newId();
  await db()
    .insertInto('communities')
    .values({ id, orgId: org.orgId, name: `Community ${id.slice(-4)}`, slug: `c-${id.slice(-8)}`, visibility })
    .execute();
  for (const m of members) {
    await db()
      .insertInto('communityMembers')
      .values({ orgId: org.orgId, communityId: id, userId: m.userId, status: m.status ?? 'active' })
      .execute();
  }
  return id;
}

async function post(org: TestOrg, authorId: string, communityId: string | null, body = 'Hello **everyone**, the launch went well') {
  const id = newId();
  await db()
    .insertInto('posts')
    .values({ id, orgId: org.orgId, authorId, communityId, body, bodyHtml: `<p>${body}</p>` })
    .execute();
  return id;
}

async function comment(org: TestOrg, postId: string, authorId: string, body = 'Congratulations!') {
  const id = newId();
  await db()
    .insertInto('comments')
    .values({ id, orgId: org.orgId, postId, authorId, body, bodyHtml: `<p>${body}</p>` })
    .execute();
  return id;
}

/** Notifies in one transaction, as a service does, and publishes after commit. */
async function send(items: NotificationInput[]): Promise<RealtimeEvent[]> {
  const events = await db()
    .transaction()
    .execute((trx) => notify(trx, items));
  await t.app.ctx.bus.publish(events);
  return events;
}

describe('notification centre', () => {
  it('lists notifications newest first with their actor, post and community, and skips people notified of their own actions', async () => {
    const org = await createOrg(t);
    const ana = await org.person({ name: 'Ana Reader' });
    const bea = await org.person({ name: 'Bea Writer' });
    const c = await community(org, 'public', [{ userId: ana.id }, { userId: bea.id }]);
    const p = await post(
      org,
      ana.id,
      c,
      'Our **new** office opens on Monday. Come by for coffee with @[Bea Writer](person:' + bea.id + ')',
    );
    const cm = await comment(org, p, bea.id, 'See you _there_');
    const events = await send([
      { orgId: org.orgId, userId: ana.id, type: 'comment', actorId: bea.id, postId: p, commentId: cm },
      { orgId: org.orgId, userId: bea.id, type: 'comment', actorId: bea.id, postId: p, commentId: cm },
      { orgId: org.orgId, userId: ana.id, type: 'follow', actorId: bea.id },
      { orgId: org.orgId, userId: ana.id, type: 'community_invitation', actorId: bea.id, communityId: c },
    ]);
    expect(events.map((e) => [e.channel, e.type])).toEqual([
      [`user:${ana.id}`, 'notification.created'],
      [`user:${ana.id}`, 'notification.created'],
      [`user:${ana.id}`, 'notification.created'],
    ]);

    const res = await ana.client.get('/api/notifications');
    expect(res.statusCode).toBe(200);
    const { items, nextCursor } = res.json();
    expect(nextCursor).toBeNull();
    expect(items).toHaveLength(3);
    const byType = Object.fromEntries(items.map((i: { type: string }) => [i.type, i]));
    expect(byType.comment).toMatchObject({
      actor: { id: bea.id, name: 'Bea Writer', photoUrl: null },
      post: { id: p, excerpt: 'Our new office opens on Monday. Come by for coffee with @Bea Writer' },
      comment: { id: cm, excerpt: 'See you there' },
      community: null,
      readAt: null,
    });
    expect(byType.community_invitation.community).toMatchObject({ id: c, slug: expect.stringMatching(/^c-/) });
    expect(byType.follow).toMatchObject({ post: null, comment: null, community: null, data: {} });
    expect((await bea.client.get('/api/notifications')).json().items).toEqual([]);
    expect((await ana.client.get('/api/notifications/unread-count')).json()).toEqual({ count: 3 });
  });

  it('pages with a cursor without repeating or skipping, and filters unread ones', async () => {
    const org = await createOrg(t);
    const ana = await org.person();
    const others = await Promise.all([1, 2, 3, 4, 5].map(() => org.person()));
    for (const o of others) {
      await send([{ orgId: org.orgId, userId: ana.id, type: 'follow', actorId: o.id }]);
    }
    const first = (await ana.client.get('/api/notifications?limit=2')).json();
    const second = (await ana.client.get(`/api/notifications?limit=2&cursor=${first.nextCursor}`)).json();
    const third = (await ana.client.get(`/api/notifications?limit=2&cursor=${second.nextCursor}`)).json();
    expect(third.nextCursor).toBeNull();
    const actors = [...first.items, ...second.items, ...third.items].map((i) => i.actor.id);
    expect(actors).toEqual(others.map((o) => o.id).reverse());

    await ana.client.post('/api/notifications/read', { ids: [first.items[0].id] });
    const unread = (await ana.client.get('/api/notifications?unread=true')).json();
    expect(unread.items.map((i: { id: string }) => i.id)).not.toContain(first.items[0].id);
    expect(unread.items).toHaveLength(4);
  });

  it('refuses a malformed cursor, a limit above 100 and unknown parameters', async () => {
    const org = await createOrg(t);
    const ana = await org.person();
    expect((await ana.client.get('/api/notifications?cursor=nonsense')).json().error.code).toBe('INVALID_CURSOR');
    expect((await ana.client.get('/api/notifications?limit=101')).statusCode).toBe(400);
    expect((await ana.client.get('/api/notifications?sort=top')).statusCode).toBe(400);
    expect((await org.anonymous().get('/api/notifications')).statusCode).toBe(401);
  });

  it('leaves out notifications about what the reader can no longer read, and keeps a moderation notice without the content', async () => {
    const org = await createOrg(t);
    const ana = await org.person();
    const bea = await org.person();
    const secret = await community(org, 'private', [{ userId: ana.id }, { userId: bea.id }]);
    const inPrivate = await post(org, bea.id, secret, 'Private plans');
    const gone = await post(org, ana.id, null, 'A post about to be deleted');
    const hiddenOfOther = await post(org, bea.id, null, 'Hidden by a moderator');
    const removedOwn = await post(org, ana.id, null, 'Removed by a moderator');
    await send([
      { orgId: org.orgId, userId: ana.id, type: 'mention', actorId: bea.id, postId: inPrivate },
      { orgId: org.orgId, userId: ana.id, type: 'reaction', actorId: bea.id, postId: gone, data: { kind: 'like' } },
      { orgId: org.orgId, userId: ana.id, type: 'mention', actorId: bea.id, postId: hiddenOfOther },
      {
        orgId: org.orgId,
        userId: ana.id,
        type: 'moderation',
        actorId: bea.id,
        postId: removedOwn,
        data: { action: 'remove', reason: 'Off topic' },
      },
    ]);
    expect((await ana.client.get('/api/notifications/unread-count')).json().count).toBe(4);

    await db().deleteFrom('communityMembers').where('communityId', '=', secret).where('userId', '=', ana.id).execute();
    await db().updateTable('posts').set({ deletedAt: new Date() }).where('id', 'in', [gone, removedOwn]).execute();
    await db().updateTable('posts').set({ hiddenAt: new Date(), hiddenReason: 'spam' }).where('id', '=', hiddenOfOther).execute();

    const items = (await ana.client.get('/api/notifications')).json().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ type: 'moderation', post: null, data: { action: 'remove', reason: 'Off topic' } });
    expect((await ana.client.get('/api/notifications/unread-count')).json().count).toBe(1);
  });

  it('shows an invitation to a secret community to the invited person only while the invitation stands', async () => {
    const org = await createOrg(t);
    const ana = await org.person();
    const bea = await org.person();
    const secret = await community(org, 'secret', [{ userId: bea.id }, { userId: ana.id, status: 'invited' }]);
    await send([{ orgId: org.orgId, userId: ana.id, type: 'community_invitation', actorId: bea.id, communityId: secret }]);
    expect((await ana.client.get('/api/notifications')).json().items[0].community.id).toBe(secret);
    await db().deleteFrom('communityMembers').where('communityId', '=', secret).where('userId', '=', ana.id).execute();
    expect((await ana.client.get('/api/notifications')).json().items).toEqual([]);
  });
});

describe('marking as read', () => {
  it('marks some or all as read and tells the other tabs through a realtime event after commit', async () => {
    const org = await createOrg(t);
    const ana = await org.person();
    const bea = await org.person();
    await send([
      { orgId: org.orgId, userId: ana.id, type: 'follow', actorId: bea.id },
      { orgId: org.orgId, userId: ana.id, type: 'mention', actorId: bea.id, postId: await post(org, bea.id, null) },
    ]);
    const seen: RealtimeEvent[] = [];
    const stop = t.app.ctx.bus.subscribe((e) => seen.push(e));
    try {
      const [first] = (await ana.client.get('/api/notifications')).json().items;
      const one = await ana.client.post('/api/notifications/read', { ids: [first.id] });
      expect(one.json()).toEqual({ marked: 1 });
      expect(seen.filter((e) => e.channel === `user:${ana.id}`)).toMatchObject([
        { type: 'notifications.read', payload: { ids: [first.id] } },
      ]);
      expect((await ana.client.get('/api/notifications/unread-count')).json().count).toBe(1);

      expect((await ana.client.post('/api/notifications/read', { all: true })).json()).toEqual({ marked: 1 });
      expect(seen.at(-1)).toMatchObject({ channel: `user:${ana.id}`, type: 'notifications.read', payload: { all: true } });
      expect((await ana.client.get('/api/notifications/unread-count')).json().count).toBe(0);
      const logged = await db()
        .selectFrom('realtimeEvents')
        .select(['type', 'channel'])
        .where('orgId', '=', org.orgId)
        .where('type', '=', 'notifications.read')
        .execute();
      expect(logged).toHaveLength(2);

      // Nothing left to mark: no event.
      const before = seen.length;
      expect((await ana.client.post('/api/notifications/read', { all: true })).json()).toEqual({ marked: 0 });
      expect(seen.length).toBe(before);
    } finally {
      stop();
    }
  });

  it("never marks someone else's notifications", async () => {
    const org = await createOrg(t);
    const ana = await org.person();
    const bea = await org.person();
    await send([{ orgId: org.orgId, userId: ana.id, type: 'follow', actorId: bea.id }]);
    const [n] = (await ana.client.get('/api/notifications')).json().items;
    expect((await bea.client.post('/api/notifications/read', { ids: [n.id] })).json()).toEqual({ marked: 0 });
    expect((await ana.client.get('/api/notifications/unread-count')).json().count).toBe(1);
  });

  it('asks for either ids or all', async () => {
    const org = await createOrg(t);
    const ana = await org.person();
    expect((await ana.client.post('/api/notifications/read', {})).json().error.code).toBe('IDS_OR_ALL');
    expect((await ana.client.post('/api/notifications/read', { all: true, ids: [newId()] })).json().error.code).toBe('IDS_OR_ALL');
    expect((await ana.client.post('/api/notifications/read', { ids: ['not-an-id'] })).statusCode).toBe(400);
    expect((await ana.client.post('/api/notifications/read', { all: false })).statusCode).toBe(400);
  });
});

describe('notification settings', () => {
  it('lists every type with the defaults: in the app and by e-mail, daily digest', async () => {
    const org = await createOrg(t);
    const ana = await org.person();
    const res = await ana.client.get('/api/me/notification-settings');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      digest: 'daily',
      types: Object.fromEntries(NOTIFICATION_TYPES.map((type) => [type, { inApp: true, email: true }])),
    });
  });

  it('keeps the types left out of a change, and refuses unknown types and frequencies', async () => {
    const org = await createOrg(t);
    const ana = await org.person();
    await ana.client.put('/api/me/notification-settings', { digest: 'weekly', types: { reaction: { inApp: false, email: false } } });
    const res = await ana.client.put('/api/me/notification-settings', { types: { follow: { inApp: true, email: false } } });
    expect(res.json()).toMatchObject({
      digest: 'weekly',
      types: { reaction: { inApp: false, email: false }, follow: { inApp: true, email: false }, mention: { inApp: true, email: true } },
    });
    expect((await ana.client.get('/api/me/notification-settings')).json()).toEqual(res.json());
    expect((await ana.client.put('/api/me/notification-settings', { digest: 'hourly' })).statusCode).toBe(400);
    expect((await ana.client.put('/api/me/notification-settings', { types: { poke: { inApp: true, email: true } } })).statusCode).toBe(400);
    expect((await ana.client.put('/api/me/notification-settings', { types: { follow: { inApp: true } } })).statusCode).toBe(400);
  });

  it('keeps a type switched off in the app out of the centre, the count and realtime, but still waiting for the e-mail digest', async () => {
    const org = await createOrg(t);
    const ana = await org.person();
    const bea = await org.person();
    await ana.client.put('/api/me/notification-settings', { types: { follow: { inApp: false, email: true } } });
    const events = await send([{ orgId: org.orgId, userId: ana.id, type: 'follow', actorId: bea.id }]);
    expect(events).toEqual([]);
    expect((await ana.client.get('/api/notifications')).json().items).toEqual([]);
    expect((await ana.client.get('/api/notifications/unread-count')).json().count).toBe(0);
    await ana.client.post('/api/notifications/read', { all: true });
    const rows = await db().selectFrom('notifications').select(['inApp', 'readAt', 'digestedAt']).where('userId', '=', ana.id).execute();
    expect(rows).toEqual([{ inApp: false, readAt: null, digestedAt: null }]);
  });

  it('writes nothing for a type switched off everywhere, and settles e-mail for one only wanted in the app', async () => {
    const org = await createOrg(t);
    const ana = await org.person();
    const bea = await org.person();
    await ana.client.put('/api/me/notification-settings', {
      types: { follow: { inApp: false, email: false }, reaction: { inApp: true, email: false } },
    });
    await send([
      { orgId: org.orgId, userId: ana.id, type: 'follow', actorId: bea.id },
      { orgId: org.orgId, userId: ana.id, type: 'reaction', actorId: bea.id, postId: await post(org, ana.id, null) },
    ]);
    const rows = await db().selectFrom('notifications').select(['type', 'inApp', 'digestedAt']).where('userId', '=', ana.id).execute();
    expect(rows).toMatchObject([{ type: 'reaction', inApp: true, digestedAt: expect.any(Date) }]);
  });

  it('stops what waits for an e-mail when the digest or a type is switched off', async () => {
    const org = await createOrg(t);
    const ana = await org.person();
    const bea = await org.person();
    const p = await post(org, ana.id, null);
    await send([
      { orgId: org.orgId, userId: ana.id, type: 'follow', actorId: bea.id },
      { orgId: org.orgId, userId: ana.id, type: 'reaction', actorId: bea.id, postId: p },
    ]);
    await ana.client.put('/api/me/notification-settings', { types: { follow: { inApp: true, email: false } } });
    const pending = () =>
      db().selectFrom('notifications').select('type').where('userId', '=', ana.id).where('digestedAt', 'is', null).execute();
    expect(await pending()).toEqual([{ type: 'reaction' }]);
    await ana.client.put('/api/me/notification-settings', { digest: 'off' });
    expect(await pending()).toEqual([]);
    // Both still show in the app.
    expect((await ana.client.get('/api/notifications/unread-count')).json().count).toBe(2);
  });
});
