import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Visibility } from '../../db/schema.js';
import { newId } from '../../platform/ids.js';
import type { Actor } from '../../platform/policy.js';
import { createOrg, insertCommunity, testApp, type Client, type TestApp, type TestOrg } from '../../test/helpers.js';
import { presentPosts } from './posts.service.js';

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
    .selectAll()
    .where('userId', '=', userId)
    .where('type', '=', type)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();

const mention = (name: string, id: string) => `@[${name}](person:${id})`;

async function upload(client: Client): Promise<string> {
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#3366cc' } })
    .png()
    .toBuffer();
  const boundary = '----posts-test';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="team.png"\r\nContent-Type: image/png\r\n\r\n`),
    png,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await client.request('POST', '/api/attachments', payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

describe('creating posts', () => {
  it('posts on one’s own profile and in a community one belongs to', async () => {
    const org = await createOrg(t);
    const ann = await org.person({ name: 'Ann' });
    const reader = await org.person();
    const c = await community(org, 'public', [{ id: ann.id }]);

    const onProfile = await ann.client.post('/api/posts', { communityId: null, body: 'Hello **everyone**' });
    expect(onProfile.statusCode).toBe(201);
    const p = onProfile.json();
    expect(p).toMatchObject({
      author: { id: ann.id, name: 'Ann' },
      community: null,
      html: '<p>Hello <strong>everyone</strong></p>',
      body: 'Hello **everyone**',
      reactionCount: 0,
      commentCount: 0,
      myReaction: null,
      bookmarked: false,
      pinned: false,
      editedAt: null,
      hidden: null,
      abilities: { canEdit: true, canDelete: true, canPin: true, canHide: false, canReport: false, canInteract: true },
    });

    const inCommunity = await ann.client.post('/api/posts', { communityId: c, body: 'In the community' });
    expect(inCommunity.statusCode).toBe(201);
    expect(inCommunity.json().community).toMatchObject({ id: c, visibility: 'public', official: false });

    const seen = await reader.client.get(`/api/posts/${p.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().body).toBeNull();
    expect(seen.json().abilities).toMatchObject({ canEdit: false, canDelete: false, canReport: true, canInteract: true });

    const events = await t.app.ctx.db
      .selectFrom('realtimeEvents')
      .selectAll()
      .where('orgId', '=', org.orgId)
      .where('type', '=', 'post.created')
      .execute();
    expect(events.map((e) => e.channel).sort()).toEqual([`community:${c}`, `profile:${ann.id}`].sort());
  });

  it('refuses to post in a community one is not a member of, and hides secret ones', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const other = await org.person();
    const open = await community(org, 'public', [{ id: other.id }]);
    const closed = await community(org, 'private', [{ id: other.id }]);
    const secret = await community(org, 'secret', [{ id: other.id }]);
    const banned = await community(org, 'public', [{ id: ann.id, status: 'banned' }]);

    for (const id of [open, closed, banned]) {
      const res = await ann.client.post('/api/posts', { communityId: id, body: 'Let me in' });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('NOT_A_MEMBER');
      expect(res.json().error.message).toMatch(/post/);
    }
    const hidden = await ann.client.post('/api/posts', { communityId: secret, body: 'Let me in' });
    expect(hidden.statusCode).toBe(404);
    const missing = await ann.client.post('/api/posts', { communityId: newId(), body: 'Anyone?' });
    expect(missing.statusCode).toBe(404);
  });

  it('refuses unknown fields, empty posts, over-long posts and huge bodies', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const unknown = await ann.client.post('/api/posts', { body: 'x', authorId: org.adminId });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('VALIDATION_FAILED');
    const empty = await ann.client.post('/api/posts', { body: '   \n ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('EMPTY_POST');
    const long = await ann.client.post('/api/posts', { body: 'x'.repeat(10_001) });
    expect(long.statusCode).toBe(400);
    const badLang = await ann.client.post('/api/posts', { body: 'x', lang: 'klingon' });
    expect(badLang.statusCode).toBe(400);
    const huge = await ann.client.post('/api/posts', JSON.stringify({ body: 'x'.repeat(50 * 1024 * 1024) }), {
      'content-type': 'application/json',
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('BODY_TOO_LARGE');
  });

  it('sanitises hostile Markdown: scripts, event handlers and dangerous links never reach the page', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const res = await ann.client.post('/api/posts', {
      body: '<script>alert(1)</script> <img src=x onerror=alert(1)> [click](javascript:alert(1)) [data](data:text/html,x) <a href="https://x.test" onclick="steal()">x</a>',
    });
    expect(res.statusCode).toBe(201);
    const html: string = res.json().html;
    const tags = html.match(/<[^>]*>/g) ?? [];
    expect(tags.filter((tag) => /^<\/?(script|img)|\son\w+=|javascript:|data:/i.test(tag))).toEqual([]);
    expect(tags.filter((tag) => tag.startsWith('<a '))).toEqual([
      '<a href="https://x.test" rel="noopener noreferrer nofollow" target="_blank">',
    ]);
    expect(html).toContain('&lt;script&gt;');
    expect(res.json().body).toContain('<script>');
  });

  it('guesses the language of a post unless the author gives it', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const it1 = await ann.client.post('/api/posts', { body: 'Abbiamo finito il lavoro per la nuova versione e siamo molto contenti' });
    expect(it1.json().lang).toBe('italian');
    const en = await ann.client.post('/api/posts', { body: 'We finished the work on the new release and we are very happy with it' });
    expect(en.json().lang).toBe('english');
    const given = await ann.client.post('/api/posts', { body: 'Grazie!', lang: 'italian' });
    expect(given.json().lang).toBe('italian');
    expect((await ann.client.post('/api/posts', { body: 'Grazie!' })).json().lang).toBe('simple');
  });
});

describe('limits on writing', () => {
  it('stops one person from posting or commenting more than the limit in ten minutes, without touching others', async () => {
    const small = await testApp({ contentRateLimit: 3 });
    try {
      const org = await createOrg(small);
      const ana = await org.person();
      const bea = await org.person();
      const codes = [];
      for (let i = 0; i < 4; i++) {
        codes.push((await ana.client.post('/api/posts', { communityId: null, body: `Note ${i}` })).statusCode);
      }
      expect(codes).toEqual([201, 201, 201, 429]);
      const limited = await ana.client.post('/api/posts', { communityId: null, body: 'One more' });
      expect(limited.json().error.code).toBe('RATE_LIMITED');
      const mine = (await bea.client.post('/api/posts', { communityId: null, body: 'Mine is fine' })).json();
      expect(mine.id).toBeTruthy();
      const comments = [];
      for (let i = 0; i < 4; i++) {
        comments.push((await ana.client.post(`/api/posts/${mine.id}/comments`, { body: `Reply ${i}` })).statusCode);
      }
      expect(comments).toEqual([201, 201, 201, 429]);
    } finally {
      await small.close();
    }
  });
});

describe('attachments', () => {
  it('attaches one’s own uploads to a post, refuses anyone else’s, and replaces them on edit', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const bob = await org.person();
    const mine = await upload(ann.client);
    const theirs = await upload(bob.client);

    const refused = await ann.client.post('/api/posts', { body: 'Stolen picture', attachmentIds: [theirs] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('ATTACHMENT_INVALID');
    const posts = await t.app.ctx.db.selectFrom('posts').select('id').where('authorId', '=', ann.id).execute();
    expect(posts).toEqual([]);

    const res = await ann.client.post('/api/posts', { body: '', attachmentIds: [mine] });
    expect(res.statusCode).toBe(201);
    expect(res.json().attachments).toMatchObject([{ id: mine, kind: 'image', url: `/api/attachments/${mine}` }]);
    expect((await bob.client.get(`/api/posts/${res.json().id}`)).json().attachments).toHaveLength(1);

    const emptied = await ann.client.patch(`/api/posts/${res.json().id}`, { body: 'Now in words', attachmentIds: [] });
    expect(emptied.statusCode).toBe(200);
    expect(emptied.json().attachments).toEqual([]);
    expect((await ann.client.patch(`/api/posts/${res.json().id}`, { body: '' })).json().error.code).toBe('EMPTY_POST');
  });
});

describe('mentions', () => {
  it('notifies mentioned people who can read the post, and nobody who cannot', async () => {
    const org = await createOrg(t);
    const ann = await org.person({ name: 'Ann' });
    const member = await org.person({ name: 'Member' });
    const outsider = await org.person({ name: 'Outsider' });
    const c = await community(org, 'private', [{ id: ann.id }, { id: member.id }]);

    const res = await ann.client.post('/api/posts', {
      communityId: c,
      body: `Hi ${mention('Member', member.id)} and ${mention('Outsider', outsider.id)} and ${mention('Me', ann.id)} and ${mention('Ghost', newId())}`,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().html).toContain(`<a href="/people/${member.id}" class="mention">@Member</a>`);
    const postId = res.json().id;

    expect(await notificationsOf(member.id, 'mention')).toMatchObject([{ postId, actorId: ann.id, communityId: c }]);
    expect(await notificationsOf(outsider.id, 'mention')).toEqual([]);
    expect(await notificationsOf(ann.id, 'mention')).toEqual([]);
    // The outsider learns nothing: the post is not there for them.
    expect((await outsider.client.get(`/api/posts/${postId}`)).statusCode).toBe(404);

    const stored = await t.app.ctx.db.selectFrom('mentions').select(['userId', 'communityId']).where('postId', '=', postId).execute();
    expect(stored.map((m) => m.userId).sort()).toEqual([ann.id, member.id, outsider.id].sort());
  });

  it('notifies only people mentioned for the first time when a post is edited', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const bob = await org.person({ name: 'Bob' });
    const cat = await org.person({ name: 'Cat' });
    const p = (await ann.client.post('/api/posts', { body: `Hi ${mention('Bob', bob.id)}` })).json();
    const edited = await ann.client.patch(`/api/posts/${p.id}`, { body: `Hi ${mention('Bob', bob.id)} and ${mention('Cat', cat.id)}` });
    expect(edited.statusCode).toBe(200);
    expect(await notificationsOf(bob.id, 'mention')).toHaveLength(1);
    expect(await notificationsOf(cat.id, 'mention')).toHaveLength(1);
  });

  it('links mentioned communities the author can see, and refuses too many mentions', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const c = await community(org, 'public');
    const res = await ann.client.post('/api/posts', { body: `See @[Design](community:${c})` });
    expect(res.json().html).toContain(`<a href="/communities/${c}" class="mention">@Design</a>`);
    const many = Array.from({ length: 51 }, () => mention('X', newId())).join(' ');
    const tooMany = await ann.client.post('/api/posts', { body: many });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.code).toBe('TOO_MANY_MENTIONS');
  });
});

describe('hashtags', () => {
  it('counts hashtags and suggests them by prefix, most used first', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    await ann.client.post('/api/posts', { body: '#release day' });
    await ann.client.post('/api/posts', { body: 'Another #Release and #retro' });
    const third = (await ann.client.post('/api/posts', { body: '#release #remote #other' })).json();
    expect(third.hashtags).toEqual(['other', 'release', 'remote']);
    expect(third.html).toContain('<a href="/hashtags/release" class="hashtag">#release</a>');

    const suggest = async (q: string) =>
      (await ann.client.get(`/api/hashtags/suggest?q=${encodeURIComponent(q)}`)).json().items.map((i: { tag: string }) => i.tag);
    expect(await suggest('re')).toEqual(['release', 'remote', 'retro']);
    expect(await suggest('#Rel')).toEqual(['release']);
    expect(await suggest('zzz')).toEqual([]);
    expect(await suggest('')).toEqual([]);
    expect(await suggest('%')).toEqual([]);

    const counts = async () =>
      Object.fromEntries(
        (await t.app.ctx.db.selectFrom('hashtags').select(['tag', 'postCount']).where('orgId', '=', org.orgId).execute()).map((h) => [
          h.tag,
          h.postCount,
        ]),
      );
    expect(await counts()).toEqual({ release: 3, retro: 1, remote: 1, other: 1 });
    await ann.client.patch(`/api/posts/${third.id}`, { body: '#remote #new' });
    expect(await counts()).toEqual({ release: 2, retro: 1, remote: 1, other: 0, new: 1 });
    await ann.client.delete(`/api/posts/${third.id}`);
    expect(await counts()).toEqual({ release: 2, retro: 1, remote: 0, other: 0, new: 0 });
    expect(await suggest('re')).toEqual(['release', 'retro']);
  });

  it('does not suggest a hashtag used only where the person cannot read', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const outsider = await org.person();
    const c = await community(org, 'private', [{ id: ann.id }]);
    await ann.client.post('/api/posts', { communityId: c, body: 'Planning #acquisition-falcon' });
    expect((await ann.client.get('/api/hashtags/suggest?q=acq')).json().items).toEqual([{ tag: 'acquisition-falcon' }]);
    expect((await outsider.client.get('/api/hashtags/suggest?q=acq')).json().items).toEqual([]);
  });
});

describe('reading posts', () => {
  it('answers 404 to people outside a private community, and to everyone for a deleted post', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const outsider = await org.person();
    const c = await community(org, 'private', [{ id: ann.id }]);
    const p = (await ann.client.post('/api/posts', { communityId: c, body: 'Members only' })).json();
    expect((await outsider.client.get(`/api/posts/${p.id}`)).statusCode).toBe(404);
    expect((await org.admin.get(`/api/posts/${p.id}`)).statusCode).toBe(404);
    expect((await outsider.client.get(`/api/posts/${p.id}/comments`)).statusCode).toBe(404);
    expect((await outsider.client.put(`/api/posts/${p.id}/reaction`, { kind: 'like' })).statusCode).toBe(404);
    expect((await outsider.client.put(`/api/posts/${p.id}/bookmark`, {})).statusCode).toBe(404);

    expect((await ann.client.delete(`/api/posts/${p.id}`)).statusCode).toBe(200);
    for (const res of [
      await ann.client.get(`/api/posts/${p.id}`),
      await ann.client.get(`/api/posts/${p.id}/comments`),
      await ann.client.patch(`/api/posts/${p.id}`, { body: 'back?' }),
      await ann.client.delete(`/api/posts/${p.id}`),
      await ann.client.post(`/api/posts/${p.id}/comments`, { body: 'hello?' }),
    ]) {
      expect(res.statusCode).toBe(404);
    }
    const actor: Actor = { orgId: org.orgId, userId: ann.id, roles: ['employee'], via: 'session', scopes: [], mustEnrollTotp: false };
    expect(await presentPosts(t.app.ctx.db, actor, [p.id])).toEqual([]);
  });

  it('presents any number of posts in the order asked, with a fixed number of queries', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const outsider = await org.person();
    const c = await community(org, 'private', [{ id: ann.id }]);
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await ann.client.post('/api/posts', { communityId: i % 2 ? c : null, body: `Post ${i} #tag${i % 3}` });
      ids.push(res.json().id);
    }
    const shuffled = [...ids].reverse();
    let queries = 0;
    const counted = t.app.ctx.db.withPlugin({
      transformQuery: (args) => {
        queries += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const actor = (userId: string): Actor => ({
      orgId: org.orgId,
      userId,
      roles: ['employee'],
      via: 'session',
      scopes: [],
      mustEnrollTotp: false,
    });

    const one = await presentPosts(counted, actor(ann.id), [ids[1]!]);
    const forOne = queries;
    queries = 0;
    const all = await presentPosts(counted, actor(ann.id), shuffled);
    expect(queries).toBe(forOne);
    expect(queries).toBeLessThanOrEqual(3);
    expect(one).toHaveLength(1);
    expect(all.map((p) => p.id)).toEqual(shuffled);
    expect(all.find((p) => p.id === ids[1])?.community?.id).toBe(c);

    const forOutsider = await presentPosts(t.app.ctx.db, actor(outsider.id), shuffled);
    expect(forOutsider.map((p) => p.id)).toEqual(shuffled.filter((_, i) => i % 2 === 1));
  });
});

describe('editing and deleting', () => {
  it('keeps every earlier version when the author edits, and shows the post as edited', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const mod = await org.person();
    const member = await org.person();
    const c = await community(org, 'public', [{ id: ann.id }, { id: mod.id, role: 'moderator' }, { id: member.id }]);
    const p = (await ann.client.post('/api/posts', { communityId: c, body: 'First' })).json();
    await ann.client.patch(`/api/posts/${p.id}`, { body: 'Second' });
    const third = await ann.client.patch(`/api/posts/${p.id}`, { body: 'Third **bold**' });
    expect(third.statusCode).toBe(200);
    expect(third.json()).toMatchObject({ html: '<p>Third <strong>bold</strong></p>', body: 'Third **bold**' });
    expect(third.json().editedAt).not.toBeNull();

    const revisions = await ann.client.get(`/api/posts/${p.id}/revisions`);
    expect(revisions.statusCode).toBe(200);
    expect(revisions.json().items.map((r: { body: string }) => r.body)).toEqual(['Second', 'First']);
    expect(revisions.json().items[0]).toMatchObject({ html: '<p>Second</p>', editor: { id: ann.id } });
    expect((await mod.client.get(`/api/posts/${p.id}/revisions`)).statusCode).toBe(200);
    expect((await member.client.get(`/api/posts/${p.id}/revisions`)).statusCode).toBe(403);

    const paged = await ann.client.get(`/api/posts/${p.id}/revisions?limit=1`);
    expect(paged.json().items.map((r: { body: string }) => r.body)).toEqual(['Second']);
    const next = await ann.client.get(`/api/posts/${p.id}/revisions?limit=1&cursor=${paged.json().nextCursor}`);
    expect(next.json()).toMatchObject({ items: [{ body: 'First' }], nextCursor: null });
  });

  it('lets nobody but the author edit a post', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const mod = await org.person();
    const outsider = await org.person();
    const c = await community(org, 'private', [{ id: ann.id }, { id: mod.id, role: 'moderator' }]);
    const p = (await ann.client.post('/api/posts', { communityId: c, body: 'Mine' })).json();
    const byMod = await mod.client.patch(`/api/posts/${p.id}`, { body: 'Theirs' });
    expect(byMod.statusCode).toBe(403);
    expect(byMod.json().error.code).toBe('NOT_AUTHOR');
    expect((await outsider.client.patch(`/api/posts/${p.id}`, { body: 'Theirs' })).statusCode).toBe(404);
    expect((await org.admin.patch(`/api/posts/${p.id}`, { body: 'Theirs' })).statusCode).toBe(404);
    expect((await ann.client.patch(`/api/posts/${p.id}`, {})).statusCode).toBe(400);
    expect((await ann.client.get(`/api/posts/${p.id}`)).json().body).toBe('Mine');
  });

  it('lets a moderator delete a post, telling its author and keeping an audit entry', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const mod = await org.person();
    const member = await org.person();
    const c = await community(org, 'public', [{ id: ann.id }, { id: mod.id, role: 'moderator' }, { id: member.id }]);
    const p = (await ann.client.post('/api/posts', { communityId: c, body: 'Spam' })).json();
    expect((await member.client.delete(`/api/posts/${p.id}`)).statusCode).toBe(403);
    expect((await mod.client.delete(`/api/posts/${p.id}`)).statusCode).toBe(200);
    expect((await member.client.get(`/api/posts/${p.id}`)).statusCode).toBe(404);
    expect(await notificationsOf(ann.id, 'moderation')).toMatchObject([{ postId: p.id, data: { action: 'remove', target: 'post' } }]);
    const entries = await t.app.ctx.db
      .selectFrom('auditLog')
      .select(['action', 'targetId'])
      .where('orgId', '=', org.orgId)
      .where('action', '=', 'post.remove')
      .execute();
    expect(entries).toEqual([{ action: 'post.remove', targetId: p.id }]);
  });
});

describe('hiding', () => {
  it('hides a post from everyone but its author, who sees the reason, and the moderators', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const mod = await org.person();
    const member = await org.person();
    const c = await community(org, 'public', [{ id: ann.id }, { id: mod.id, role: 'moderator' }, { id: member.id }]);
    const p = (await ann.client.post('/api/posts', { communityId: c, body: 'Borderline' })).json();

    expect((await member.client.post(`/api/posts/${p.id}/hide`, { reason: 'No' })).statusCode).toBe(403);
    expect((await ann.client.post(`/api/posts/${p.id}/hide`, { reason: 'Mine' })).statusCode).toBe(403);
    expect((await mod.client.post(`/api/posts/${p.id}/hide`, {})).statusCode).toBe(400);
    expect((await mod.client.post(`/api/posts/${p.id}/hide`, { reason: 'Off topic for this community' })).statusCode).toBe(200);

    expect((await member.client.get(`/api/posts/${p.id}`)).statusCode).toBe(404);
    const own = (await ann.client.get(`/api/posts/${p.id}`)).json();
    expect(own.hidden).toMatchObject({ reason: 'Off topic for this community' });
    expect(own.abilities).toMatchObject({ canEdit: false, canInteract: false });
    expect((await ann.client.patch(`/api/posts/${p.id}`, { body: 'Sneaky' })).json().error.code).toBe('POST_HIDDEN');
    expect((await mod.client.get(`/api/posts/${p.id}`)).json().hidden).not.toBeNull();
    expect(await notificationsOf(ann.id, 'moderation')).toMatchObject([
      { postId: p.id, data: { action: 'hide', reason: 'Off topic for this community' } },
    ]);

    expect((await mod.client.delete(`/api/posts/${p.id}/hide`)).statusCode).toBe(200);
    expect((await member.client.get(`/api/posts/${p.id}`)).json().hidden).toBeNull();
    const audit = await t.app.ctx.db
      .selectFrom('auditLog')
      .select('action')
      .where('orgId', '=', org.orgId)
      .where('targetId', '=', p.id)
      .orderBy('createdAt')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['post.hide', 'post.unhide']);
  });
});

describe('pins, bookmarks and shares', () => {
  it('lets moderators pin at most three posts in a community', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const mod = await org.person();
    const c = await community(org, 'public', [{ id: ann.id }, { id: mod.id, role: 'moderator' }]);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push((await ann.client.post('/api/posts', { communityId: c, body: `Post ${i}` })).json().id);
    }
    expect((await ann.client.post(`/api/posts/${ids[0]}/pin`)).statusCode).toBe(403);
    for (const id of ids.slice(0, 3)) {
      const res = await mod.client.post(`/api/posts/${id}/pin`);
      expect(res.statusCode).toBe(200);
      expect(res.json().pinned).toBe(true);
    }
    expect((await mod.client.post(`/api/posts/${ids[0]}/pin`)).statusCode).toBe(200);
    const fourth = await mod.client.post(`/api/posts/${ids[3]}/pin`);
    expect(fourth.statusCode).toBe(409);
    expect(fourth.json().error).toMatchObject({ code: 'PIN_LIMIT', details: { limit: 3 } });
    expect((await mod.client.delete(`/api/posts/${ids[0]}/pin`)).json().pinned).toBe(false);
    expect((await mod.client.post(`/api/posts/${ids[3]}/pin`)).statusCode).toBe(200);

    const own = (await ann.client.post('/api/posts', { body: 'On my profile' })).json();
    expect((await ann.client.post(`/api/posts/${own.id}/pin`)).json().pinned).toBe(true);
    expect((await mod.client.post(`/api/posts/${own.id}/pin`)).statusCode).toBe(403);
  });

  it('bookmarks idempotently', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const bob = await org.person();
    const p = (await ann.client.post('/api/posts', { body: 'Save me' })).json();
    expect((await bob.client.put(`/api/posts/${p.id}/bookmark`, {})).json()).toEqual({ bookmarked: true });
    expect((await bob.client.put(`/api/posts/${p.id}/bookmark`, {})).json()).toEqual({ bookmarked: true });
    expect((await bob.client.get(`/api/posts/${p.id}`)).json().bookmarked).toBe(true);
    expect((await ann.client.get(`/api/posts/${p.id}`)).json().bookmarked).toBe(false);
    const rows = await t.app.ctx.db.selectFrom('bookmarks').selectAll().where('postId', '=', p.id).execute();
    expect(rows).toHaveLength(1);
    expect((await bob.client.delete(`/api/posts/${p.id}/bookmark`)).json()).toEqual({ bookmarked: false });
    expect((await bob.client.delete(`/api/posts/${p.id}/bookmark`)).json()).toEqual({ bookmarked: false });
    expect((await bob.client.get(`/api/posts/${p.id}`)).json().bookmarked).toBe(false);
  });

  it('shares a post with a comment, never revealing a private original to those who cannot read it', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const insider = await org.person();
    const outsider = await org.person();
    const secretive = await community(org, 'private', [{ id: ann.id }, { id: insider.id }]);
    const open = await community(org, 'public', [{ id: ann.id }, { id: insider.id }, { id: outsider.id }]);
    const original = (await ann.client.post('/api/posts', { communityId: secretive, body: 'Confidential roadmap' })).json();

    const share = await insider.client.post('/api/posts', { communityId: open, body: 'Worth a read', sharedPostId: original.id });
    expect(share.statusCode).toBe(201);
    expect(share.json().shared).toMatchObject({ id: original.id, html: '<p>Confidential roadmap</p>', author: { id: ann.id } });
    expect((await ann.client.get(`/api/posts/${original.id}`)).json().shareCount).toBe(1);

    const seenOutside = (await outsider.client.get(`/api/posts/${share.json().id}`)).json();
    expect(seenOutside.html).toBe('<p>Worth a read</p>');
    expect(seenOutside.shared).toBeNull();
    expect(JSON.stringify(seenOutside)).not.toContain('Confidential');

    const withoutComment = await insider.client.post('/api/posts', { communityId: secretive, body: '', sharedPostId: original.id });
    expect(withoutComment.statusCode).toBe(201);
    expect((await outsider.client.post('/api/posts', { communityId: open, body: 'Look', sharedPostId: original.id })).statusCode).toBe(404);
    const elsewhere = await community(org, 'public');
    expect((await insider.client.post('/api/posts', { communityId: elsewhere, body: 'Look', sharedPostId: original.id })).statusCode).toBe(
      403,
    );

    await ann.client.delete(`/api/posts/${original.id}`);
    expect((await insider.client.get(`/api/posts/${share.json().id}`)).json().shared).toBeNull();
  });
});
