import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import type { MemberRole, Visibility } from '../../../shared/social.js';
import { createOrg, testApp, type TestApp, type TestOrg } from '../../test/helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const db = () => t.app.ctx.db;

async function community(org: TestOrg, visibility: Visibility, members: { userId: string; role?: MemberRole }[]) {
  const id = newId();
  await db()
    .insertInto('communities')
    .values({ id, orgId: org.orgId, name: `Community ${id.slice(-4)}`, slug: `c-${id.slice(-8)}`, visibility })
    .execute();
  await db()
    .insertInto('communityMembers')
    .values(
      members.map((m) => ({ orgId: org.orgId, communityId: id, userId: m.userId, role: m.role ?? 'member', status: 'active' as const })),
    )
    .execute();
  return id;
}

async function post(org: TestOrg, authorId: string, communityId: string | null, body = 'Buy cheap **watches** now') {
  const id = newId();
  await db()
    .insertInto('posts')
    .values({
      id,
      orgId: org.orgId,
      authorId,
      communityId,
      body,
      bodyHtml: `<p>${body.replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')}</p>`,
    })
    .execute();
  return id;
}

async function comment(org: TestOrg, postId: string, authorId: string, body = 'You are all wrong') {
  const id = newId();
  await db()
    .insertInto('comments')
    .values({ id, orgId: org.orgId, postId, authorId, body, bodyHtml: `<p>${body}</p>` })
    .execute();
  return id;
}

/** An organisation with two communities, each with a moderator, an author and a member. */
async function setup() {
  const org = await createOrg(t);
  const modA = await org.person({ name: 'Mo A' });
  const modB = await org.person({ name: 'Mo B' });
  const author = await org.person({ name: 'Al Author' });
  const member = await org.person({ name: 'Mem Ber' });
  const outsider = await org.person({ name: 'Out Sider' });
  const a = await community(org, 'public', [{ userId: modA.id, role: 'moderator' }, { userId: author.id }, { userId: member.id }]);
  const b = await community(org, 'private', [{ userId: modB.id, role: 'owner' }, { userId: author.id }, { userId: member.id }]);
  return { org, modA, modB, author, member, outsider, a, b };
}

describe('reporting', () => {
  it('takes one open report per person and item, and another once the first is handled', async () => {
    const { org, author, member, modA, a } = await setup();
    const p = await post(org, author.id, a);
    const first = await member.client.post('/api/reports', { postId: p, reason: 'spam', note: '  Same ad every day  ' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ id: expect.any(String), status: 'open' });
    const again = await member.client.post('/api/reports', { postId: p, reason: 'harassment' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_REPORTED');

    const row = await db().selectFrom('reports').selectAll().where('id', '=', first.json().id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ communityId: a, postId: p, commentId: null, reporterId: member.id, note: 'Same ad every day' });

    await modA.client.post(`/api/moderation/reports/${first.json().id}/resolve`, { action: 'dismiss' });
    expect((await member.client.post('/api/reports', { postId: p, reason: 'spam' })).statusCode).toBe(201);
  });

  it('answers 404 for content the reporter cannot read, and refuses reporting one’s own', async () => {
    const { org, author, member, outsider, b } = await setup();
    const privatePost = await post(org, author.id, b);
    const privateComment = await comment(org, privatePost, member.id);
    const deleted = await post(org, author.id, null);
    await db().updateTable('posts').set({ deletedAt: new Date() }).where('id', '=', deleted).execute();

    for (const body of [{ postId: privatePost }, { commentId: privateComment }, { postId: deleted }, { postId: newId() }]) {
      const res = await outsider.client.post('/api/reports', { ...body, reason: 'spam' });
      expect(res.statusCode, JSON.stringify(body)).toBe(404);
    }
    const own = await author.client.post('/api/reports', { postId: privatePost, reason: 'spam' });
    expect([own.statusCode, own.json().error.code]).toEqual([403, 'CANNOT_REPORT_OWN']);
  });

  it('refuses a report without exactly one target, with an unknown reason or a note too long', async () => {
    const { org, author, member, a } = await setup();
    const p = await post(org, author.id, a);
    const c = await comment(org, p, author.id);
    expect((await member.client.post('/api/reports', { reason: 'spam' })).json().error.code).toBe('TARGET_REQUIRED');
    expect((await member.client.post('/api/reports', { postId: p, commentId: c, reason: 'spam' })).json().error.code).toBe(
      'TARGET_REQUIRED',
    );
    expect((await member.client.post('/api/reports', { postId: p, reason: 'boring' })).statusCode).toBe(400);
    expect((await member.client.post('/api/reports', { postId: p, reason: 'other', note: 'x'.repeat(1001) })).statusCode).toBe(400);
    expect((await org.anonymous().post('/api/reports', { postId: p, reason: 'spam' })).statusCode).toBe(401);
  });
});

describe('moderation queues', () => {
  it('shows a community’s moderators its reports with the content, author, reporter and the other reports on the item', async () => {
    const { org, author, member, outsider, modA, a } = await setup();
    const p = await post(org, author.id, a, 'Buy cheap **watches** now');
    const c = await comment(org, p, author.id, 'Really, very cheap');
    await member.client.post('/api/reports', { postId: p, reason: 'spam', note: 'An ad' });
    await outsider.client.post('/api/reports', { postId: p, reason: 'misinformation' });
    await member.client.post('/api/reports', { commentId: c, reason: 'spam' });

    const res = await modA.client.get(`/api/moderation/reports?communityId=${a}`);
    expect(res.statusCode).toBe(200);
    const { items, nextCursor } = res.json();
    expect(nextCursor).toBeNull();
    expect(items).toHaveLength(3);
    expect(items[0]).toMatchObject({
      reason: 'spam',
      status: 'open',
      reporter: { id: member.id, name: 'Mem Ber' },
      target: {
        kind: 'comment',
        postId: p,
        commentId: c,
        excerpt: 'Really, very cheap',
        author: { id: author.id, name: 'Al Author' },
        hidden: null,
        removed: false,
      },
      sameItem: { count: 1, reasons: { spam: 1 } },
      resolution: null,
    });
    expect(items[2]).toMatchObject({
      note: 'An ad',
      community: { id: a },
      target: { kind: 'post', html: '<p>Buy cheap <strong>watches</strong> now</p>', excerpt: 'Buy cheap watches now' },
      sameItem: { count: 2, reasons: { spam: 1, misinformation: 1 } },
    });

    const paged = (await modA.client.get(`/api/moderation/reports?communityId=${a}&limit=2`)).json();
    const rest = (await modA.client.get(`/api/moderation/reports?communityId=${a}&limit=2&cursor=${paged.nextCursor}`)).json();
    expect([...paged.items, ...rest.items].map((i: { id: string }) => i.id)).toEqual(items.map((i: { id: string }) => i.id));
    expect((await modA.client.get(`/api/moderation/reports?communityId=${a}&status=dismissed`)).json().items).toEqual([]);
  });

  it('keeps a moderator of one community out of another’s queue and reports', async () => {
    const { org, author, member, modA, modB, a, b } = await setup();
    const inB = await post(org, author.id, b);
    const report = (await member.client.post('/api/reports', { postId: inB, reason: 'harassment' })).json();

    const peek = await modA.client.get(`/api/moderation/reports?communityId=${b}`);
    expect(peek.statusCode).toBe(403);
    const act = await modA.client.post(`/api/moderation/reports/${report.id}/resolve`, { action: 'remove', note: 'No' });
    expect(act.statusCode).toBe(404);
    // A plain member cannot see the queue of their own community either; nobody sees the queue of a secret one they are not in.
    expect((await member.client.get(`/api/moderation/reports?communityId=${a}`)).statusCode).toBe(403);
    const secret = await community(org, 'secret', [{ userId: modB.id, role: 'owner' }]);
    expect((await modA.client.get(`/api/moderation/reports?communityId=${secret}`)).statusCode).toBe(404);
    expect((await modA.client.get(`/api/moderation/reports?communityId=${newId()}`)).statusCode).toBe(404);

    expect((await modB.client.get(`/api/moderation/reports?communityId=${b}`)).json().items.map((i: { id: string }) => i.id)).toEqual([
      report.id,
    ]);
    const content = await db().selectFrom('posts').select('deletedAt').where('id', '=', inB).executeTakeFirstOrThrow();
    expect(content.deletedAt).toBeNull();
  });

  it('gives administrators the organisation-wide queue, profile posts included, and nobody else', async () => {
    const { org, author, member, modA, a, b } = await setup();
    const onProfile = await post(org, author.id, null);
    const inA = await post(org, author.id, a);
    const inB = await post(org, author.id, b);
    for (const postId of [onProfile, inA, inB]) {
      await member.client.post('/api/reports', { postId, reason: 'inappropriate' });
    }
    const all = await org.admin.get('/api/moderation/reports');
    expect(all.statusCode).toBe(200);
    expect(all.json().items.map((i: { target: { postId: string } }) => i.target.postId)).toEqual([inB, inA, onProfile]);
    expect(all.json().items[2].community).toBeNull();
    // An administrator handles the queue of a private community without being in it.
    expect((await org.admin.get(`/api/moderation/reports?communityId=${b}`)).json().items).toHaveLength(1);

    for (const who of [modA, member]) {
      const res = await who.client.get('/api/moderation/reports');
      expect([res.statusCode, res.json().error.code]).toEqual([403, 'FORBIDDEN']);
    }
    const profileReport = all.json().items[2].id;
    expect((await modA.client.post(`/api/moderation/reports/${profileReport}/resolve`, { action: 'dismiss' })).statusCode).toBe(404);
  });

  it('refuses a bad status, cursor or community id', async () => {
    const { modA, a } = await setup();
    expect((await modA.client.get(`/api/moderation/reports?communityId=${a}&status=closed`)).statusCode).toBe(400);
    expect((await modA.client.get(`/api/moderation/reports?communityId=${a}&cursor=zzz`)).json().error.code).toBe('INVALID_CURSOR');
    expect((await modA.client.get('/api/moderation/reports?communityId=not-a-uuid')).statusCode).toBe(400);
  });
});

describe('resolving reports', () => {
  it('hides the content for everyone but its author, who sees the reason, closes every open report on it, and audits it', async () => {
    const { org, author, member, outsider, modA, a } = await setup();
    const p = await post(org, author.id, a);
    const r1 = (await member.client.post('/api/reports', { postId: p, reason: 'spam' })).json();
    await outsider.client.post('/api/reports', { postId: p, reason: 'spam' });

    const res = await modA.client.post(`/api/moderation/reports/${r1.id}/resolve`, {
      action: 'hide',
      note: 'Adverts go in the Marketplace community',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: r1.id, status: 'actioned', closed: 2 });

    const seenByAuthor = await author.client.get(`/api/posts/${p}`);
    expect(seenByAuthor.statusCode).toBe(200);
    expect(seenByAuthor.json().hidden).toMatchObject({ reason: 'Adverts go in the Marketplace community' });
    expect((await member.client.get(`/api/posts/${p}`)).statusCode).toBe(404);
    expect((await outsider.client.get(`/api/posts/${p}`)).statusCode).toBe(404);

    const notices = (await author.client.get('/api/notifications')).json().items;
    expect(notices).toMatchObject([
      { type: 'moderation', post: { id: p }, data: { action: 'hide', reason: 'Adverts go in the Marketplace community' } },
    ]);

    const again = await modA.client.post(`/api/moderation/reports/${r1.id}/resolve`, { action: 'dismiss' });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'ALREADY_RESOLVED']);
    expect((await modA.client.get(`/api/moderation/reports?communityId=${a}`)).json().items).toEqual([]);
    const done = (await modA.client.get(`/api/moderation/reports?communityId=${a}&status=actioned`)).json().items;
    expect(done).toHaveLength(2);
    expect(done[0]).toMatchObject({
      target: { hidden: { reason: 'Adverts go in the Marketplace community' } },
      resolution: { by: { id: modA.id, name: 'Mo A' }, note: 'Adverts go in the Marketplace community' },
    });

    const trail = await db()
      .selectFrom('auditLog')
      .select(['action', 'actorId', 'targetId', 'data'])
      .where('orgId', '=', org.orgId)
      .orderBy('createdAt')
      .execute();
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['post.hide', 'report.actioned']));
    const entry = trail.find((e) => e.action === 'report.actioned');
    expect(entry).toMatchObject({ actorId: modA.id, targetId: r1.id, data: { action: 'hide', postId: p } });
    expect((entry!.data as { reportIds: string[] }).reportIds).toHaveLength(2);
  });

  it('removes a reported comment, or dismisses a report leaving the content as it was', async () => {
    const { org, author, member, modB, b } = await setup();
    const p = await post(org, author.id, b, 'A fine post');
    const c = await comment(org, p, author.id, 'Something nasty');
    const onComment = (await member.client.post('/api/reports', { commentId: c, reason: 'harassment' })).json();
    const onPost = (await member.client.post('/api/reports', { postId: p, reason: 'other', note: 'Not sure' })).json();

    const removed = await modB.client.post(`/api/moderation/reports/${onComment.id}/resolve`, {
      action: 'remove',
      note: 'Be kind to each other',
    });
    expect(removed.json()).toEqual({ id: onComment.id, status: 'actioned', closed: 1 });
    const row = await db().selectFrom('comments').select('deletedAt').where('id', '=', c).executeTakeFirstOrThrow();
    expect(row.deletedAt).not.toBeNull();

    const dismissed = await modB.client.post(`/api/moderation/reports/${onPost.id}/resolve`, { action: 'dismiss' });
    expect(dismissed.json()).toEqual({ id: onPost.id, status: 'dismissed', closed: 1 });
    expect((await member.client.get(`/api/posts/${p}`)).statusCode).toBe(200);

    const actions = await db().selectFrom('auditLog').select('action').where('orgId', '=', org.orgId).execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['comment.remove', 'report.actioned', 'report.dismissed']));
  });

  it('lets an administrator act on a report in a private community they are not in', async () => {
    const { org, author, member, b } = await setup();
    const p = await post(org, author.id, b);
    const r = (await member.client.post('/api/reports', { postId: p, reason: 'spam' })).json();
    const res = await org.admin.post(`/api/moderation/reports/${r.id}/resolve`, { action: 'remove', note: 'Spam' });
    expect(res.json()).toMatchObject({ status: 'actioned' });
    const row = await db().selectFrom('posts').select('deletedAt').where('id', '=', p).executeTakeFirstOrThrow();
    expect(row.deletedAt).not.toBeNull();
  });

  it('asks for the reason shown to the author before hiding or removing', async () => {
    const { org, author, member, modA, a } = await setup();
    const p = await post(org, author.id, a);
    const r = (await member.client.post('/api/reports', { postId: p, reason: 'spam' })).json();
    const res = await modA.client.post(`/api/moderation/reports/${r.id}/resolve`, { action: 'hide', note: '   ' });
    expect([res.statusCode, res.json().error.code]).toEqual([400, 'REASON_REQUIRED']);
    expect((await modA.client.post(`/api/moderation/reports/${r.id}/resolve`, { action: 'ban' })).statusCode).toBe(400);
    expect((await modA.client.post(`/api/moderation/reports/${newId()}/resolve`, { action: 'dismiss' })).statusCode).toBe(404);
  });

  it('closes the reports of content its author already deleted without touching it again', async () => {
    const { org, author, member, modA, a } = await setup();
    const p = await post(org, author.id, a);
    const r = (await member.client.post('/api/reports', { postId: p, reason: 'spam' })).json();
    await db().updateTable('posts').set({ deletedAt: new Date() }).where('id', '=', p).execute();
    const res = await modA.client.post(`/api/moderation/reports/${r.id}/resolve`, { action: 'remove', note: 'Spam' });
    expect(res.json()).toEqual({ id: r.id, status: 'actioned', closed: 1 });
    const queue = (await modA.client.get(`/api/moderation/reports?communityId=${a}&status=actioned`)).json().items;
    expect(queue[0].target.removed).toBe(true);
  });
});
