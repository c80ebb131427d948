import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, insertCommunity, testApp, type Client, type TestApp } from '../../test/helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const db = () => t.app.ctx.db;

async function ask(
  client: Client,
  body: string,
  communityId: string | null = null,
): Promise<{ id: string; kind: string; question: unknown }> {
  const res = await client.post('/api/questions', { body, communityId });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function answer(client: Client, postId: string, body: string, parentId?: string): Promise<{ id: string }> {
  const res = await client.post(`/api/posts/${postId}/comments`, { body, ...(parentId ? { parentId } : {}) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const notificationsOf = (userId: string) =>
  db()
    .selectFrom('notifications')
    .select(['type', 'postId', 'commentId', 'data'])
    .where('userId', '=', userId)
    .orderBy('createdAt')
    .execute();

const eventsOf = (orgId: string, type: string) =>
  db().selectFrom('realtimeEvents').select(['channel', 'payload']).where('orgId', '=', orgId).where('type', '=', type).execute();

describe('questions', () => {
  it('asks a question as a post of kind question, unanswered, that its asker may settle', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const bob = await org.person();
    const q = await ask(ann.client, 'Where do I find the travel policy?');
    expect(q).toMatchObject({ kind: 'question', question: { bestCommentId: null, answeredAt: null, canChooseBest: true } });
    const asBob = (await bob.client.get(`/api/posts/${q.id}`)).json();
    expect(asBob.question).toMatchObject({ canChooseBest: false });
    expect(
      (await db().selectFrom('questions').select('communityId').where('postId', '=', q.id).executeTakeFirst())?.communityId,
    ).toBeNull();
  });

  it('refuses an empty question and one in a community the asker cannot see', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const secret = await insertCommunity(t, org, 'secret');
    expect((await ann.client.post('/api/questions', { body: '   ' })).statusCode).toBe(400);
    expect((await ann.client.post('/api/questions', { body: 'x'.repeat(10_001) })).statusCode).toBe(400);
    expect((await ann.client.post('/api/questions', { body: 'Hello?', communityId: secret })).statusCode).toBe(404);
  });

  it('notifies the asker of an answer, and the answer’s author when it is chosen best', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const bob = await org.person();
    const q = await ask(ann.client, 'Who approves expenses?');
    const a = await answer(bob.client, q.id, 'Your manager does.');
    expect(await notificationsOf(ann.id)).toMatchObject([
      {
        type: 'answer',
        postId: q.id,
        commentId: a.id,
        data: { variant: 'answered', title: 'Who approves expenses?', link: `/posts/${q.id}` },
      },
    ]);
    // A reply to an answer is a reply, not an answer.
    await answer(ann.client, q.id, 'Thanks!', a.id);
    expect((await notificationsOf(bob.id)).map((n) => n.type)).toEqual(['reply']);

    const res = await ann.client.put(`/api/questions/${q.id}/best`, { commentId: a.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().question.bestCommentId).toBe(a.id);
    expect(res.json().question.answeredAt).not.toBeNull();
    expect((await notificationsOf(bob.id)).at(-1)).toMatchObject({ type: 'answer', commentId: a.id, data: { variant: 'best' } });
    expect(await eventsOf(org.orgId, 'question.changed')).toContainEqual({ channel: `post:${q.id}`, payload: { postId: q.id } });

    const comments = (await ann.client.get(`/api/posts/${q.id}/comments`)).json();
    expect(comments.items[0]).toMatchObject({ id: a.id, isBest: true, upvoteCount: 0, myUpvote: false });

    const cleared = await ann.client.delete(`/api/questions/${q.id}/best`);
    expect(cleared.json().question).toMatchObject({ bestCommentId: null, answeredAt: null });
  });

  it('lets only the asker or a moderator choose the best answer, and only among the answers', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const bob = await org.person();
    const mod = await org.person();
    const outsider = await org.person();
    const club = await insertCommunity(t, org, 'private', [{ id: ann.id }, { id: bob.id }, { id: mod.id, role: 'moderator' }]);
    const q = await ask(ann.client, 'Which room is free on Friday?', club);
    const a = await answer(bob.client, q.id, 'Room 4.');
    const reply = await answer(ann.client, q.id, 'Sure?', a.id);

    expect((await bob.client.put(`/api/questions/${q.id}/best`, { commentId: a.id })).statusCode).toBe(403);
    expect((await outsider.client.put(`/api/questions/${q.id}/best`, { commentId: a.id })).statusCode).toBe(404);
    expect((await ann.client.put(`/api/questions/${q.id}/best`, { commentId: reply.id })).json().error.code).toBe('NOT_AN_ANSWER');
    const other = await ask(ann.client, 'Another question', club);
    const elsewhere = await answer(bob.client, other.id, 'An answer elsewhere');
    expect((await ann.client.put(`/api/questions/${q.id}/best`, { commentId: elsewhere.id })).statusCode).toBe(400);
    const plain = (await ann.client.post('/api/posts', { body: 'Not a question', communityId: club })).json();
    expect((await ann.client.put(`/api/questions/${plain.id}/best`, { commentId: a.id })).statusCode).toBe(404);

    const asMod = await mod.client.put(`/api/questions/${q.id}/best`, { commentId: a.id });
    expect(asMod.statusCode, asMod.body).toBe(200);
    expect((await mod.client.get(`/api/posts/${q.id}`)).json().question.canChooseBest).toBe(true);
  });

  it('upvotes answers once per person, never one’s own, and puts the best and most upvoted first', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const bob = await org.person();
    const cat = await org.person();
    const dan = await org.person();
    const q = await ask(ann.client, 'Best pizza near the office?');
    const first = await answer(bob.client, q.id, 'Da Mario');
    const second = await answer(cat.client, q.id, 'Gino');
    const third = await answer(dan.client, q.id, 'Luigi');

    const up = await ann.client.put(`/api/comments/${second.id}/upvote`, {});
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toEqual({ upvoted: true, upvoteCount: 1 });
    expect((await ann.client.put(`/api/comments/${second.id}/upvote`, {})).json()).toEqual({ upvoted: true, upvoteCount: 1 });
    expect((await dan.client.put(`/api/comments/${second.id}/upvote`, {})).json().upvoteCount).toBe(2);
    expect((await cat.client.put(`/api/comments/${second.id}/upvote`, {})).json().error.code).toBe('OWN_ANSWER');
    expect(await eventsOf(org.orgId, 'question.changed')).toContainEqual({ channel: `post:${q.id}`, payload: { postId: q.id } });

    let list = (await ann.client.get(`/api/posts/${q.id}/comments`)).json();
    expect(list.items.map((c: { id: string }) => c.id)).toEqual([second.id, first.id, third.id]);
    expect(list.items[0]).toMatchObject({ upvoteCount: 2, myUpvote: true, isBest: false });

    await ann.client.put(`/api/questions/${q.id}/best`, { commentId: third.id });
    list = (await ann.client.get(`/api/posts/${q.id}/comments`)).json();
    expect(list.items.map((c: { id: string }) => c.id)).toEqual([third.id, second.id, first.id]);
    // The same order page by page.
    const one = (await ann.client.get(`/api/posts/${q.id}/comments?limit=1`)).json();
    const two = (await ann.client.get(`/api/posts/${q.id}/comments?limit=1&cursor=${one.nextCursor}`)).json();
    const three = (await ann.client.get(`/api/posts/${q.id}/comments?limit=1&cursor=${two.nextCursor}`)).json();
    expect([...one.items, ...two.items, ...three.items].map((c: { id: string }) => c.id)).toEqual([third.id, second.id, first.id]);
    expect(three.nextCursor).toBeNull();

    expect((await ann.client.delete(`/api/comments/${second.id}/upvote`)).json()).toEqual({ upvoted: false, upvoteCount: 1 });
    expect((await ann.client.delete(`/api/comments/${second.id}/upvote`)).json()).toEqual({ upvoted: false, upvoteCount: 1 });
  });

  it('refuses to upvote a comment that is not an answer', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const bob = await org.person();
    const plain = (await ann.client.post('/api/posts', { body: 'Lunch?' })).json();
    const c = await answer(bob.client, plain.id, 'Yes');
    const res = await ann.client.put(`/api/comments/${c.id}/upvote`, {});
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('NOT_AN_ANSWER');
    const q = await ask(ann.client, 'Coffee?');
    const a = await answer(bob.client, q.id, 'Yes');
    const reply = await answer(ann.client, q.id, 'Great', a.id);
    expect((await bob.client.put(`/api/comments/${reply.id}/upvote`, {})).json().error.code).toBe('NOT_AN_ANSWER');
    expect((await bob.client.put('/api/comments/00000000-0000-4000-8000-000000000000/upvote', {})).statusCode).toBe(404);
  });

  it('lists a community’s unanswered questions newest first, page by page, and hides private ones from outsiders', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const bob = await org.person();
    const outsider = await org.person();
    const club = await insertCommunity(t, org, 'private', [{ id: ann.id }, { id: bob.id }]);
    const q1 = await ask(ann.client, 'First?', club);
    const q2 = await ask(ann.client, 'Second?', club);
    const q3 = await ask(ann.client, 'Third?', club);
    await ann.client.post('/api/posts', { body: 'Not a question', communityId: club });
    const a = await answer(bob.client, q2.id, 'Answer');
    await ann.client.put(`/api/questions/${q2.id}/best`, { commentId: a.id });

    const ids = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((p) => p.id);
    expect(ids(await bob.client.get(`/api/communities/${club}/questions`))).toEqual([q3.id, q1.id]);
    expect(ids(await bob.client.get(`/api/communities/${club}/questions?status=answered`))).toEqual([q2.id]);
    expect(ids(await bob.client.get(`/api/communities/${club}/questions?status=all`))).toEqual([q3.id, q2.id, q1.id]);
    const first = (await bob.client.get(`/api/communities/${club}/questions?limit=1`)).json();
    expect(first.items.map((p: { id: string }) => p.id)).toEqual([q3.id]);
    const next = (await bob.client.get(`/api/communities/${club}/questions?limit=1&cursor=${first.nextCursor}`)).json();
    expect(next.items.map((p: { id: string }) => p.id)).toEqual([q1.id]);
    expect(next.nextCursor).toBeNull();

    expect((await outsider.client.get(`/api/communities/${club}/questions`)).statusCode).toBe(404);
    expect((await bob.client.get(`/api/communities/${club}/questions?status=maybe`)).statusCode).toBe(400);
    expect((await bob.client.get(`/api/communities/${club}/questions?cursor=nonsense`)).statusCode).toBe(400);
  });

  it('lists unanswered questions across the organisation that the viewer may read', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const bob = await org.person();
    const club = await insertCommunity(t, org, 'private', [{ id: ann.id }]);
    const open = await insertCommunity(t, org, 'public', [{ id: ann.id }]);
    const hidden = await ask(ann.client, 'Members only?', club);
    const seen = await ask(ann.client, 'Anyone?', open);
    const own = await ask(ann.client, 'On my profile?');
    const ids = async (c: Client) => (await c.get('/api/questions?status=unanswered')).json().items.map((p: { id: string }) => p.id);
    expect(await ids(bob.client)).toEqual([own.id, seen.id]);
    expect(await ids(ann.client)).toEqual([own.id, seen.id, hidden.id]);
    const other = await createOrg(t);
    expect((await other.admin.get('/api/questions')).json().items).toEqual([]);
  });

  it('finds answered questions before unanswered ones', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const bob = await org.person();
    const answered = await ask(ann.client, 'How do I configure the zeppelin printer?');
    const a = await answer(bob.client, answered.id, 'Press the blue button.');
    await ann.client.put(`/api/questions/${answered.id}/best`, { commentId: a.id });
    // Newer, and a closer match: without the boost it would come first.
    const unanswered = await ask(ann.client, 'zeppelin printer zeppelin printer?');
    const res = await ann.client.get('/api/search?q=zeppelin%20printer&type=posts');
    expect(res.statusCode, res.body).toBe(200);
    const ids = res.json().items.map((h: { id: string }) => h.id);
    expect(ids.indexOf(answered.id)).toBeLessThan(ids.indexOf(unanswered.id));
    expect(ids).toContain(unanswered.id);
  });
});
