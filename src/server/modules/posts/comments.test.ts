import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Visibility } from '../../db/schema.js';
import { createOrg, insertCommunity, testApp, type Client, type TestApp, type TestOrg } from '../../test/helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const community = (org: TestOrg, visibility: Visibility, members: Parameters<typeof insertCommunity>[3] = []) =>
  insertCommunity(t, org, visibility, members);

const notificationsOf = (userId: string, type: string) =>
  t.app.ctx.db
    .selectFrom('notifications')
    .select(['postId', 'commentId', 'actorId', 'data'])
    .where('userId', '=', userId)
    .where('type', '=', type)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();

async function comment(client: Client, postId: string, body: string, parentId?: string): Promise<{ id: string; parentId: string | null }> {
  const res = await client.post(`/api/posts/${postId}/comments`, { body, ...(parentId ? { parentId } : {}) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const postOf = async (client: Client, id: string) => (await client.get(`/api/posts/${id}`)).json();

describe('comments', () => {
  it('keeps replies one level deep: a reply to a reply joins the top-level comment', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const bob = await org.person();
    const cat = await org.person();
    const p = (await ann.client.post('/api/posts', { body: 'Thoughts?' })).json();

    const top = await comment(bob.client, p.id, 'Top-level');
    const reply = await comment(cat.client, p.id, 'A reply', top.id);
    const nested = await comment(ann.client, p.id, 'A reply to the reply', reply.id);
    expect(reply.parentId).toBe(top.id);
    expect(nested.parentId).toBe(top.id);

    expect((await postOf(ann.client, p.id)).commentCount).toBe(3);
    const thread = (await ann.client.get(`/api/posts/${p.id}/comments`)).json();
    expect(thread.items).toHaveLength(1);
    expect(thread.items[0]).toMatchObject({ id: top.id, replyCount: 2, replies: [{ id: reply.id }, { id: nested.id }] });

    // Ann hears of each comment on her post but her own; the author of the comment answered hears of each reply.
    expect(await notificationsOf(ann.id, 'comment')).toMatchObject([
      { postId: p.id, commentId: top.id, actorId: bob.id },
      { postId: p.id, commentId: reply.id, actorId: cat.id },
    ]);
    expect(await notificationsOf(bob.id, 'reply')).toMatchObject([{ commentId: reply.id, actorId: cat.id }]);
    expect(await notificationsOf(cat.id, 'reply')).toMatchObject([{ commentId: nested.id, actorId: ann.id }]);
    expect(await notificationsOf(ann.id, 'reply')).toEqual([]);

    const events = await t.app.ctx.db
      .selectFrom('realtimeEvents')
      .select(['channel', 'type', 'payload'])
      .where('channel', '=', `post:${p.id}`)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.type)).toEqual(['comment.created', 'comment.created', 'comment.created']);
    expect(events[2]!.payload).toMatchObject({ postId: p.id, commentId: nested.id, parentId: top.id, commentCount: 3, replyCount: 2 });
  });

  it('lists top-level comments oldest first with their first three replies, and pages the rest', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const p = (await ann.client.post('/api/posts', { body: 'Busy thread' })).json();
    const tops = [];
    for (let i = 0; i < 3; i++) {
      tops.push(await comment(ann.client, p.id, `Top ${i}`));
    }
    const replies = [];
    for (let i = 0; i < 5; i++) {
      replies.push(await comment(ann.client, p.id, `Reply ${i}`, tops[0]!.id));
    }

    const first = (await ann.client.get(`/api/posts/${p.id}/comments?limit=2`)).json();
    expect(first.items.map((c: { id: string }) => c.id)).toEqual([tops[0]!.id, tops[1]!.id]);
    expect(first.items[0].replyCount).toBe(5);
    expect(first.items[0].replies.map((c: { id: string }) => c.id)).toEqual(replies.slice(0, 3).map((r) => r.id));
    expect(first.items[1].replies).toEqual([]);
    const second = (await ann.client.get(`/api/posts/${p.id}/comments?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second).toMatchObject({ items: [{ id: tops[2]!.id }], nextCursor: null });

    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: { items: { id: string }[]; nextCursor: string | null } = (
        await ann.client.get(`/api/comments/${tops[0]!.id}/replies?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(replies.map((r) => r.id));
    expect((await ann.client.get(`/api/posts/${p.id}/comments?cursor=not-a-cursor`)).json().error.code).toBe('INVALID_CURSOR');
    expect((await ann.client.get(`/api/posts/${p.id}/comments?limit=101`)).statusCode).toBe(400);
  });

  it('keeps a deleted comment that has replies as a placeholder, and keeps the counts right', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const bob = await org.person();
    const p = (await ann.client.post('/api/posts', { body: 'Post' })).json();
    const withReplies = await comment(bob.client, p.id, 'Has replies');
    const r1 = await comment(ann.client, p.id, 'Reply one', withReplies.id);
    await comment(ann.client, p.id, 'Reply two', withReplies.id);
    const alone = await comment(bob.client, p.id, 'Alone');
    expect((await postOf(ann.client, p.id)).commentCount).toBe(4);

    expect((await bob.client.delete(`/api/comments/${withReplies.id}`)).statusCode).toBe(200);
    expect((await bob.client.delete(`/api/comments/${alone.id}`)).statusCode).toBe(200);
    expect((await ann.client.delete(`/api/comments/${r1.id}`)).statusCode).toBe(200);
    expect((await ann.client.delete(`/api/comments/${r1.id}`)).statusCode).toBe(404);

    expect((await postOf(ann.client, p.id)).commentCount).toBe(1);
    const thread = (await ann.client.get(`/api/posts/${p.id}/comments`)).json();
    expect(thread.items).toHaveLength(1);
    expect(thread.items[0]).toMatchObject({ id: withReplies.id, deleted: true, author: null, html: '', body: null, replyCount: 1 });
    expect(thread.items[0].replies.map((c: { body: string }) => c.body)).toEqual(['Reply two']);
    expect((await ann.client.get(`/api/comments/${withReplies.id}`)).statusCode).toBe(404);
    expect((await ann.client.get(`/api/comments/${withReplies.id}/replies`)).json().items).toHaveLength(1);
    expect((await ann.client.post(`/api/posts/${p.id}/comments`, { body: 'Too late', parentId: withReplies.id })).statusCode).toBe(404);
  });

  it('keeps counts exact when many comments, replies and deletions arrive at once', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const p = (await ann.client.post('/api/posts', { body: 'Busy' })).json();
    const top = await comment(ann.client, p.id, 'Top');
    const other = await comment(ann.client, p.id, 'Other');
    const doomed = await Promise.all([1, 2, 3].map((i) => comment(ann.client, p.id, `Doomed ${i}`, top.id)));
    const results = await Promise.all([
      ...Array.from({ length: 8 }, (_, i) => ann.client.post(`/api/posts/${p.id}/comments`, { body: `Top ${i}` })),
      ...Array.from({ length: 8 }, (_, i) => ann.client.post(`/api/posts/${p.id}/comments`, { body: `Reply ${i}`, parentId: top.id })),
      ...doomed.map((d) => ann.client.delete(`/api/comments/${d.id}`)),
      ann.client.delete(`/api/comments/${other.id}`),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([...Array(4).fill(200), ...Array(16).fill(201)]);
    expect((await postOf(ann.client, p.id)).commentCount).toBe(17);
    const thread = (await ann.client.get(`/api/posts/${p.id}/comments?limit=100`)).json();
    expect(thread.items).toHaveLength(9);
    expect(thread.items[0]).toMatchObject({ id: top.id, replyCount: 8 });
  });

  it('lets only the author edit a comment, and the author or a moderator delete it', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const bob = await org.person();
    const mod = await org.person();
    const c = await community(org, 'public', [{ id: ann.id }, { id: bob.id }, { id: mod.id, role: 'moderator' }]);
    const p = (await ann.client.post('/api/posts', { communityId: c, body: 'Post' })).json();
    const mine = await comment(bob.client, p.id, 'First take');

    const edited = await bob.client.patch(`/api/comments/${mine.id}`, { body: 'Second *take*' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ html: '<p>Second <em>take</em></p>', body: 'Second *take*' });
    expect(edited.json().editedAt).not.toBeNull();
    expect((await ann.client.get(`/api/comments/${mine.id}`)).json().body).toBeNull();

    for (const other of [ann, mod]) {
      const res = await other.client.patch(`/api/comments/${mine.id}`, { body: 'Not yours' });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('NOT_AUTHOR');
    }
    expect((await ann.client.delete(`/api/comments/${mine.id}`)).statusCode).toBe(403);
    expect((await bob.client.patch(`/api/comments/${mine.id}`, { body: 'x', postId: p.id })).statusCode).toBe(400);
    expect((await mod.client.delete(`/api/comments/${mine.id}`)).statusCode).toBe(200);
    expect(await notificationsOf(bob.id, 'moderation')).toMatchObject([
      { commentId: mine.id, data: { action: 'remove', target: 'comment' } },
    ]);
  });

  it('refuses comments from people who may not interact, and on posts they may not see', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const banned = await org.person();
    const outsider = await org.person();
    const open = await community(org, 'public', [{ id: ann.id }, { id: banned.id, status: 'banned' }]);
    const closed = await community(org, 'private', [{ id: ann.id }]);
    const inOpen = (await ann.client.post('/api/posts', { communityId: open, body: 'Open' })).json();
    const inClosed = (await ann.client.post('/api/posts', { communityId: closed, body: 'Closed' })).json();

    expect(
      (await outsider.client.post(`/api/posts/${inOpen.id}/comments`, { body: 'Public communities welcome comments' })).statusCode,
    ).toBe(201);
    expect((await banned.client.post(`/api/posts/${inOpen.id}/comments`, { body: 'Let me' })).statusCode).toBe(404);
    expect((await outsider.client.post(`/api/posts/${inClosed.id}/comments`, { body: 'Let me' })).statusCode).toBe(404);
    expect((await ann.client.post(`/api/posts/${inOpen.id}/comments`, { body: '  ' })).json().error.code).toBe('EMPTY_COMMENT');
    expect((await ann.client.post(`/api/posts/${inOpen.id}/comments`, { body: 'x'.repeat(5001) })).statusCode).toBe(400);

    const other = (await ann.client.post('/api/posts', { body: 'Elsewhere' })).json();
    const there = await comment(ann.client, other.id, 'There');
    expect((await ann.client.post(`/api/posts/${inOpen.id}/comments`, { body: 'Cross', parentId: there.id })).statusCode).toBe(404);

    await org.admin.post(`/api/posts/${inOpen.id}/hide`, { reason: 'Heated' });
    const onHidden = await ann.client.post(`/api/posts/${inOpen.id}/comments`, { body: 'Still here' });
    expect(onHidden.statusCode).toBe(403);
    expect(onHidden.json().error.code).toBe('CANNOT_INTERACT');
  });

  it('notifies people mentioned in a comment only when they may read the post, and renders it safely', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const member = await org.person();
    const outsider = await org.person();
    const c = await community(org, 'private', [{ id: ann.id }, { id: member.id }]);
    const p = (await ann.client.post('/api/posts', { communityId: c, body: 'Post' })).json();
    const res = await ann.client.post(`/api/posts/${p.id}/comments`, {
      body: `@[M](person:${member.id}) @[O](person:${outsider.id}) <img src=x onerror=alert(1)> [x](javascript:alert(1))`,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().html).not.toMatch(/<img|onerror="|href="javascript/);
    expect(await notificationsOf(member.id, 'mention')).toMatchObject([{ commentId: res.json().id }]);
    expect(await notificationsOf(outsider.id, 'mention')).toEqual([]);
  });

  it('hides a comment from everyone but its author, who sees the reason, and the moderators', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const bob = await org.person();
    const mod = await org.person();
    const c = await community(org, 'public', [{ id: ann.id }, { id: bob.id }, { id: mod.id, role: 'moderator' }]);
    const p = (await ann.client.post('/api/posts', { communityId: c, body: 'Post' })).json();
    const rude = await comment(bob.client, p.id, 'Rude');

    expect((await ann.client.post(`/api/comments/${rude.id}/hide`, { reason: 'No' })).statusCode).toBe(403);
    expect((await mod.client.post(`/api/comments/${rude.id}/hide`, { reason: 'Be kind' })).statusCode).toBe(200);
    expect((await ann.client.get(`/api/posts/${p.id}/comments`)).json().items).toEqual([]);
    expect((await ann.client.get(`/api/comments/${rude.id}`)).statusCode).toBe(404);
    expect((await bob.client.get(`/api/posts/${p.id}/comments`)).json().items[0]).toMatchObject({
      id: rude.id,
      hidden: { reason: 'Be kind' },
    });
    expect((await mod.client.get(`/api/posts/${p.id}/comments`)).json().items).toHaveLength(1);
    expect((await bob.client.put(`/api/comments/${rude.id}/reaction`, { kind: 'like' })).statusCode).toBe(403);
    expect(await notificationsOf(bob.id, 'moderation')).toMatchObject([
      { commentId: rude.id, data: { action: 'hide', reason: 'Be kind' } },
    ]);

    expect((await mod.client.delete(`/api/comments/${rude.id}/hide`)).statusCode).toBe(200);
    expect((await ann.client.get(`/api/posts/${p.id}/comments`)).json().items).toHaveLength(1);
  });
});
