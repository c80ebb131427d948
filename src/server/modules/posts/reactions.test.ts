import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Visibility } from '../../db/schema.js';
import { createOrg, insertCommunity, testApp, type TestApp, type TestOrg } from '../../test/helpers.js';

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
    .execute();

describe('reactions', () => {
  it('sets, replaces and removes a reaction, with exact counts and one’s own reaction', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const bob = await org.person();
    const cat = await org.person();
    const p = (await ann.client.post('/api/posts', { body: 'React to me' })).json();

    expect((await bob.client.put(`/api/posts/${p.id}/reaction`, { kind: 'like' })).json()).toEqual({
      reactionCounts: { like: 1 },
      reactionCount: 1,
      myReaction: 'like',
    });
    expect((await bob.client.put(`/api/posts/${p.id}/reaction`, { kind: 'like' })).json()).toEqual({
      reactionCounts: { like: 1 },
      reactionCount: 1,
      myReaction: 'like',
    });
    expect((await bob.client.put(`/api/posts/${p.id}/reaction`, { kind: 'celebrate' })).json()).toEqual({
      reactionCounts: { celebrate: 1 },
      reactionCount: 1,
      myReaction: 'celebrate',
    });
    await cat.client.put(`/api/posts/${p.id}/reaction`, { kind: 'celebrate' });
    await ann.client.put(`/api/posts/${p.id}/reaction`, { kind: 'insightful' });

    const seenByBob = (await bob.client.get(`/api/posts/${p.id}`)).json();
    expect(seenByBob).toMatchObject({ reactionCounts: { celebrate: 2, insightful: 1 }, reactionCount: 3, myReaction: 'celebrate' });
    expect((await org.admin.get(`/api/posts/${p.id}`)).json().myReaction).toBeNull();

    expect((await bob.client.delete(`/api/posts/${p.id}/reaction`)).json()).toEqual({
      reactionCounts: { celebrate: 1, insightful: 1 },
      reactionCount: 2,
      myReaction: null,
    });
    expect((await bob.client.delete(`/api/posts/${p.id}/reaction`)).json().reactionCount).toBe(2);

    // The author hears of each new reaction by someone else, not of a change of mind or of their own.
    expect(await notificationsOf(ann.id, 'reaction')).toHaveLength(2);
    const events = await t.app.ctx.db
      .selectFrom('realtimeEvents')
      .select('payload')
      .where('channel', '=', `post:${p.id}`)
      .where('type', '=', 'reaction.changed')
      .execute();
    expect(events.length).toBe(5);
  });

  it('counts one reaction when the same person sends twenty at once', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const bob = await org.person();
    const p = (await ann.client.post('/api/posts', { body: 'Double click me' })).json();

    const same = await Promise.all(Array.from({ length: 20 }, () => bob.client.put(`/api/posts/${p.id}/reaction`, { kind: 'love' })));
    expect(same.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    expect((await ann.client.get(`/api/posts/${p.id}`)).json()).toMatchObject({ reactionCounts: { love: 1 }, reactionCount: 1 });

    const kinds = ['like', 'celebrate', 'love', 'insightful', 'support', 'funny'];
    const mixed = await Promise.all(kinds.flatMap((kind) => [1, 2, 3].map(() => bob.client.put(`/api/posts/${p.id}/reaction`, { kind }))));
    expect(mixed.every((r) => r.statusCode === 200)).toBe(true);
    const after = (await bob.client.get(`/api/posts/${p.id}`)).json();
    expect(after.reactionCount).toBe(1);
    expect(after.reactionCounts).toEqual({ [after.myReaction]: 1 });
    const rows = await t.app.ctx.db.selectFrom('reactions').select('kind').where('targetId', '=', p.id).execute();
    expect(rows).toEqual([{ kind: after.myReaction }]);
    expect(await notificationsOf(ann.id, 'reaction')).toHaveLength(1);
  });

  it('lists who reacted, newest first, by kind, page by page', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const people = [];
    for (let i = 0; i < 5; i++) {
      people.push(await org.person({ name: `Reactor ${i}` }));
    }
    const p = (await ann.client.post('/api/posts', { body: 'Popular' })).json();
    for (const [i, person] of people.entries()) {
      await person.client.put(`/api/posts/${p.id}/reaction`, { kind: i % 2 ? 'funny' : 'like' });
    }
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: { items: { person: { name: string }; kind: string }[]; nextCursor: string | null } = (
        await ann.client.get(`/api/posts/${p.id}/reactions?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...page.items.map((r) => r.person.name));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(['Reactor 4', 'Reactor 3', 'Reactor 2', 'Reactor 1', 'Reactor 0']);
    const funny = (await ann.client.get(`/api/posts/${p.id}/reactions?kind=funny`)).json();
    expect(funny.items.map((r: { person: { name: string } }) => r.person.name)).toEqual(['Reactor 3', 'Reactor 1']);
    expect((await ann.client.get(`/api/posts/${p.id}/reactions?kind=meh`)).statusCode).toBe(400);
  });

  it('reacts to comments with their own counts and notifications', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const bob = await org.person();
    const p = (await ann.client.post('/api/posts', { body: 'Post' })).json();
    const c = (await bob.client.post(`/api/posts/${p.id}/comments`, { body: 'Comment' })).json();

    expect((await ann.client.put(`/api/comments/${c.id}/reaction`, { kind: 'support' })).json()).toEqual({
      reactionCounts: { support: 1 },
      reactionCount: 1,
      myReaction: 'support',
    });
    const thread = (await ann.client.get(`/api/posts/${p.id}/comments`)).json();
    expect(thread.items[0]).toMatchObject({ reactionCounts: { support: 1 }, reactionCount: 1, myReaction: 'support' });
    expect((await ann.client.get(`/api/posts/${p.id}`)).json().reactionCount).toBe(0);
    expect((await ann.client.get(`/api/comments/${c.id}/reactions`)).json().items).toMatchObject([
      { person: { id: ann.id }, kind: 'support' },
    ]);
    expect(await notificationsOf(bob.id, 'reaction')).toMatchObject([
      { postId: p.id, commentId: c.id, actorId: ann.id, data: { kind: 'support' } },
    ]);
    expect((await ann.client.delete(`/api/comments/${c.id}/reaction`)).json().reactionCount).toBe(0);
  });

  it('refuses reactions from people who may not interact, and unknown kinds', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const outsider = await org.person();
    const closed = await community(org, 'private', [{ id: ann.id }]);
    const p = (await ann.client.post('/api/posts', { communityId: closed, body: 'Members only' })).json();
    expect((await outsider.client.put(`/api/posts/${p.id}/reaction`, { kind: 'like' })).statusCode).toBe(404);
    expect((await outsider.client.get(`/api/posts/${p.id}/reactions`)).statusCode).toBe(404);
    expect((await ann.client.put(`/api/posts/${p.id}/reaction`, { kind: 'angry' })).statusCode).toBe(400);
    expect((await ann.client.put(`/api/posts/${p.id}/reaction`, { kind: 'like', extra: 1 })).statusCode).toBe(400);

    const archived = await community(org, 'public', [{ id: ann.id }]);
    const old = (await ann.client.post('/api/posts', { communityId: archived, body: 'Before the archive' })).json();
    await t.app.ctx.db.updateTable('communities').set({ archivedAt: new Date() }).where('id', '=', archived).execute();
    const res = await ann.client.put(`/api/posts/${old.id}/reaction`, { kind: 'like' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CANNOT_INTERACT');
  });
});
