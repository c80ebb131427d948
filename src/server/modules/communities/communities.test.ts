import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, testApp, type Client, type TestApp, type TestOrg } from '../../test/helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

async function create(client: Client, body: Record<string, unknown>) {
  const res = await client.post('/api/communities', { visibility: 'public', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

function multipart(filename: string, type: string, data: Buffer) {
  const boundary = '----tessuto-cover';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function storedCount(id: string) {
  const r = await t.app.ctx.db.selectFrom('communities').select('memberCount').where('id', '=', id).executeTakeFirstOrThrow();
  return r.memberCount;
}

async function notificationsOf(userId: string) {
  return t.app.ctx.db.selectFrom('notifications').select(['type', 'communityId', 'actorId']).where('userId', '=', userId).execute();
}

async function auditActions(org: TestOrg) {
  const rows = await t.app.ctx.db.selectFrom('auditLog').select(['action', 'targetId']).where('orgId', '=', org.orgId).execute();
  return rows.map((r) => r.action);
}

const ids = (page: { items: { id: string }[] }) => page.items.map((c) => c.id);

describe('visibility', () => {
  it('shows a public community to everyone and lets anyone join it', async () => {
    const org = await createOrg(t);
    const owner = await org.person({ name: 'Olga Owner' });
    const reader = await org.person({ name: 'Rita Reader' });
    const c = await create(owner.client, { name: 'Cyclists', description: 'Two wheels', rules: 'Be kind' });
    expect(c).toMatchObject({
      name: 'Cyclists',
      slug: 'cyclists',
      visibility: 'public',
      official: false,
      isAllCompany: false,
      sync: null,
      memberCount: 1,
      coverUrl: null,
      membership: { role: 'owner', status: 'active' },
      abilities: { canSee: true, canRead: true, canManage: true, canModerate: true, canLeave: true, canPost: true, canJoin: false },
    });

    const seen = (await reader.client.get(`/api/communities/${c.id}`)).json();
    expect(seen).toMatchObject({
      membership: null,
      abilities: { canSee: true, canRead: true, canJoin: true, canPost: false, canModerate: false },
    });
    expect((await reader.client.get('/api/communities/cyclists')).json().id).toBe(c.id);

    const joined = await reader.client.post(`/api/communities/${c.id}/join`);
    expect(joined.statusCode).toBe(200);
    expect(joined.json()).toMatchObject({ memberCount: 2, membership: { role: 'member', status: 'active' }, abilities: { canPost: true } });
    expect((await reader.client.post(`/api/communities/${c.id}/join`)).json().error.code).toBe('ALREADY_MEMBER');
    expect(await storedCount(c.id)).toBe(2);

    const members = (await reader.client.get(`/api/communities/${c.id}/members`)).json();
    expect(members.items.map((m: { user: { name: string }; role: string }) => [m.user.name, m.role])).toEqual([
      ['Olga Owner', 'owner'],
      ['Rita Reader', 'member'],
    ]);
  });

  it('shows a private community to everyone, but its members only to members, and makes people ask to join', async () => {
    const org = await createOrg(t);
    const owner = await org.person();
    const outsider = await org.person();
    const c = await create(owner.client, { name: 'Leadership Circle', visibility: 'private' });

    const seen = (await outsider.client.get(`/api/communities/${c.id}`)).json();
    expect(seen).toMatchObject({
      name: 'Leadership Circle',
      abilities: { canSee: true, canRead: false, canJoin: false, canRequest: true },
    });
    expect((await outsider.client.get(`/api/communities/${c.id}/members`)).statusCode).toBe(403);
    const join = await outsider.client.post(`/api/communities/${c.id}/join`);
    expect([join.statusCode, join.json().error.code]).toEqual([403, 'APPROVAL_REQUIRED']);
    expect(ids((await outsider.client.get('/api/communities?filter=discover')).json())).toContain(c.id);
  });

  it('answers 404 for a secret community to people who are not in it, and leaves it out of their lists', async () => {
    const org = await createOrg(t);
    const owner = await org.person();
    const outsider = await org.person();
    const c = await create(owner.client, { name: 'Project Falcon', visibility: 'secret' });

    for (const url of [
      `/api/communities/${c.id}`,
      '/api/communities/project-falcon',
      `/api/communities/${c.id}/members`,
      `/api/communities/${c.id}/cover`,
    ]) {
      const res = await outsider.client.get(url);
      expect([url, res.statusCode, res.json().error.code]).toEqual([url, 404, 'NOT_FOUND']);
    }
    for (const action of ['join', 'request', 'leave']) {
      expect((await outsider.client.post(`/api/communities/${c.id}/${action}`)).statusCode).toBe(404);
    }
    expect((await outsider.client.patch(`/api/communities/${c.id}`, { name: 'Mine now' })).statusCode).toBe(404);
    for (const filter of ['all', 'discover', 'mine']) {
      expect(ids((await outsider.client.get(`/api/communities?filter=${filter}`)).json())).not.toContain(c.id);
    }
    expect((await outsider.client.get('/api/communities/suggest?q=falc')).json().items).toEqual([]);

    // Administrators manage every community, secret ones included.
    expect(ids((await org.admin.get('/api/communities?filter=all')).json())).toContain(c.id);
    expect((await org.admin.get(`/api/communities/${c.id}`)).json().abilities).toMatchObject({
      canSee: true,
      canRead: false,
      canManage: true,
    });
    expect(ids((await owner.client.get('/api/communities?filter=mine')).json())).toContain(c.id);
    expect((await owner.client.get('/api/communities/suggest?q=falc')).json().items.map((s: { id: string }) => s.id)).toEqual([c.id]);
  });

  it('lists mine, discover and all in name order, a page at a time, and finds communities by the words of their name', async () => {
    const org = await createOrg(t);
    const p = await org.person();
    const other = await org.person();
    const names = ['Board Games', 'Cooking Club', 'Design Guild', 'Engineering Guild', 'Running'];
    const made = new Map<string, string>();
    for (const name of names) {
      made.set(name, (await create(other.client, { name })).id);
    }
    await p.client.post(`/api/communities/${made.get('Cooking Club')}/join`);
    await p.client.post(`/api/communities/${made.get('Running')}/join`);

    const mine = (await p.client.get('/api/communities?filter=mine')).json();
    expect(mine.items.map((c: { name: string }) => c.name)).toEqual(['All company', 'Cooking Club', 'Running']);
    const discover = (await p.client.get('/api/communities?filter=discover')).json();
    expect(discover.items.map((c: { name: string }) => c.name)).toEqual(['Board Games', 'Design Guild', 'Engineering Guild']);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await p.client.get(`/api/communities?filter=all&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      const page = res.json<{ items: { name: string }[]; nextCursor: string | null }>();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((c) => c.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['All company', ...names]);

    const guilds = (await p.client.get('/api/communities?q=guil')).json();
    expect(guilds.items.map((c: { name: string }) => c.name)).toEqual(['Design Guild', 'Engineering Guild']);
    expect((await p.client.get('/api/communities?q=eng%20gu')).json().items.map((c: { name: string }) => c.name)).toEqual([
      'Engineering Guild',
    ]);
    expect((await p.client.get('/api/communities?cursor=nonsense')).json().error.code).toBe('INVALID_CURSOR');
    // Mention suggestions put the person's own communities first.
    const suggest = (await p.client.get('/api/communities/suggest?q=c')).json().items;
    expect(suggest.map((c: { name: string }) => c.name)).toEqual(['All company', 'Cooking Club']);
    const guildSuggestions = (await p.client.get('/api/communities/suggest?q=g')).json().items;
    expect(guildSuggestions.map((c: { name: string }) => c.name)).toEqual(['Board Games', 'Design Guild', 'Engineering Guild']);
  });
});

describe('membership', () => {
  it('lets a moderator approve a request to join a private community, notifying both sides', async () => {
    const org = await createOrg(t);
    const owner = await org.person();
    const mod = await org.person();
    const asker = await org.person({ name: 'Asker' });
    const c = await create(owner.client, { name: 'Finance Club', visibility: 'private' });
    await owner.client.post(`/api/communities/${c.id}/members`, { userIds: [mod.id] });
    await mod.client.post(`/api/communities/${c.id}/join`);
    expect((await owner.client.patch(`/api/communities/${c.id}/members/${mod.id}`, { role: 'moderator' })).json()).toMatchObject({
      role: 'moderator',
      user: { id: mod.id },
    });

    const asked = await asker.client.post(`/api/communities/${c.id}/request`);
    expect(asked.json()).toMatchObject({ membership: { status: 'requested' }, memberCount: 2, abilities: { canRead: false } });
    expect((await asker.client.post(`/api/communities/${c.id}/request`)).json().error.code).toBe('ALREADY_REQUESTED');
    for (const moderator of [owner, mod]) {
      expect(await notificationsOf(moderator.id)).toContainEqual({ type: 'community_request', communityId: c.id, actorId: asker.id });
    }
    // Requests are for moderators to see.
    expect((await asker.client.get(`/api/communities/${c.id}/members?status=requested`)).statusCode).toBe(403);
    const pending = (await mod.client.get(`/api/communities/${c.id}/members?status=requested`)).json();
    expect(pending.items).toMatchObject([{ user: { id: asker.id }, status: 'requested', abilities: { canApprove: true } }]);

    expect((await mod.client.post(`/api/communities/${c.id}/members/${asker.id}/approve`)).statusCode).toBe(200);
    expect(await notificationsOf(asker.id)).toContainEqual({ type: 'community_request_approved', communityId: c.id, actorId: mod.id });
    const now = (await asker.client.get(`/api/communities/${c.id}`)).json();
    expect(now).toMatchObject({ memberCount: 3, membership: { status: 'active' }, abilities: { canRead: true, canPost: true } });
    expect((await mod.client.post(`/api/communities/${c.id}/members/${asker.id}/approve`)).statusCode).toBe(404);
  });

  it('lets moderators decline a request and people withdraw their own', async () => {
    const org = await createOrg(t);
    const owner = await org.person();
    const a = await org.person();
    const b = await org.person();
    const c = await create(owner.client, { name: 'Book Club', visibility: 'private' });
    await a.client.post(`/api/communities/${c.id}/request`);
    await b.client.post(`/api/communities/${c.id}/request`);
    expect((await owner.client.delete(`/api/communities/${c.id}/members/${a.id}`)).statusCode).toBe(200);
    expect((await a.client.get(`/api/communities/${c.id}`)).json()).toMatchObject({ membership: null, abilities: { canRequest: true } });
    expect((await b.client.post(`/api/communities/${c.id}/leave`)).statusCode).toBe(200);
    expect((await owner.client.get(`/api/communities/${c.id}/members?status=requested`)).json().items).toEqual([]);
    expect(await storedCount(c.id)).toBe(1);
  });

  it('invites people to a secret community: they can see it, join it, and are notified', async () => {
    const org = await createOrg(t);
    const owner = await org.person();
    const guest = await org.person();
    const member = await org.person();
    const c = await create(owner.client, { name: 'Launch Room', visibility: 'secret' });
    const res = await owner.client.post(`/api/communities/${c.id}/members`, { userIds: [guest.id, member.id] });
    expect(res.json()).toEqual({ invited: expect.arrayContaining([guest.id, member.id]), joined: [], skipped: [] });
    expect(await notificationsOf(guest.id)).toContainEqual({ type: 'community_invitation', communityId: c.id, actorId: owner.id });

    const seen = (await guest.client.get(`/api/communities/${c.id}`)).json();
    expect(seen).toMatchObject({ membership: { status: 'invited' }, abilities: { canSee: true, canRead: false, canJoin: true } });
    expect(ids((await guest.client.get('/api/communities?filter=discover')).json())).toContain(c.id);
    expect((await guest.client.post(`/api/communities/${c.id}/join`)).json()).toMatchObject({
      memberCount: 2,
      abilities: { canRead: true },
    });

    // Turning an invitation down makes the community invisible again.
    expect((await member.client.post(`/api/communities/${c.id}/leave`)).statusCode).toBe(200);
    expect((await member.client.get(`/api/communities/${c.id}`)).statusCode).toBe(404);

    // Plain members of a secret community cannot invite; inviting again skips people already in.
    const outsider = await org.person();
    expect((await guest.client.post(`/api/communities/${c.id}/members`, { userIds: [outsider.id] })).statusCode).toBe(403);
    expect((await owner.client.post(`/api/communities/${c.id}/members`, { userIds: [guest.id] })).json()).toEqual({
      invited: [],
      joined: [],
      skipped: [guest.id],
    });
    const unknown = await owner.client.post(`/api/communities/${c.id}/members`, { userIds: ['01900000-0000-7000-8000-000000000000'] });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([400, 'UNKNOWN_PEOPLE']);
  });

  it('lets any member of a public community invite, and a moderator inviting someone who asked lets them in', async () => {
    const org = await createOrg(t);
    const owner = await org.person();
    const member = await org.person();
    const friend = await org.person();
    const pub = await create(owner.client, { name: 'Photography' });
    await member.client.post(`/api/communities/${pub.id}/join`);
    expect((await member.client.get(`/api/communities/${pub.id}`)).json().abilities.canInvite).toBe(true);
    expect((await member.client.post(`/api/communities/${pub.id}/members`, { userIds: [friend.id] })).json().invited).toEqual([friend.id]);

    const priv = await create(owner.client, { name: 'Mentors', visibility: 'private' });
    await friend.client.post(`/api/communities/${priv.id}/request`);
    expect((await owner.client.post(`/api/communities/${priv.id}/members`, { userIds: [friend.id] })).json()).toEqual({
      invited: [],
      joined: [friend.id],
      skipped: [],
    });
    expect((await friend.client.get(`/api/communities/${priv.id}`)).json().membership.status).toBe('active');
    expect(await storedCount(priv.id)).toBe(2);
  });

  it('bans a person: they cannot join, ask, read or post; the row stays banned; unbanning lets them back', async () => {
    const org = await createOrg(t);
    const owner = await org.person();
    const troll = await org.person();
    const c = await create(owner.client, { name: 'Open Forum' });
    await troll.client.post(`/api/communities/${c.id}/join`);
    expect(await storedCount(c.id)).toBe(2);

    expect((await troll.client.post(`/api/communities/${c.id}/members/${owner.id}/ban`)).statusCode).toBe(403);
    expect((await owner.client.post(`/api/communities/${c.id}/members/${troll.id}/ban`)).statusCode).toBe(200);
    expect((await owner.client.post(`/api/communities/${c.id}/members/${troll.id}/ban`)).json().error.code).toBe('ALREADY_BANNED');
    expect(await storedCount(c.id)).toBe(1);
    const seen = (await troll.client.get(`/api/communities/${c.id}`)).json();
    expect(seen).toMatchObject({
      membership: { status: 'banned' },
      abilities: { canRead: false, canJoin: false, canRequest: false, canPost: false, canInteract: false },
    });
    const join = await troll.client.post(`/api/communities/${c.id}/join`);
    expect([join.statusCode, join.json().error.code]).toEqual([403, 'BANNED']);
    expect((await troll.client.post(`/api/communities/${c.id}/request`)).statusCode).toBe(403);
    expect((await troll.client.get(`/api/communities/${c.id}/members`)).statusCode).toBe(403);
    const banned = (await owner.client.get(`/api/communities/${c.id}/members?status=banned`)).json();
    expect(banned.items).toMatchObject([{ user: { id: troll.id }, status: 'banned', abilities: { canUnban: true, canRemove: false } }]);
    expect((await owner.client.delete(`/api/communities/${c.id}/members/${troll.id}`)).json().error.code).toBe('IS_BANNED');

    expect((await owner.client.post(`/api/communities/${c.id}/members/${troll.id}/unban`)).statusCode).toBe(200);
    expect((await owner.client.post(`/api/communities/${c.id}/members/${troll.id}/unban`)).statusCode).toBe(404);
    expect((await troll.client.post(`/api/communities/${c.id}/join`)).statusCode).toBe(200);
    expect(await auditActions(org)).toEqual(expect.arrayContaining(['community.member_banned', 'community.member_unbanned']));

    // A ban also keeps out someone who was never a member.
    const stranger = await org.person();
    expect((await owner.client.post(`/api/communities/${c.id}/members/${stranger.id}/ban`)).statusCode).toBe(200);
    expect((await stranger.client.post(`/api/communities/${c.id}/join`)).json().error.code).toBe('BANNED');
    expect((await owner.client.post(`/api/communities/${c.id}/members/${owner.id}/ban`)).json().error.code).toBe('CANNOT_BAN_SELF');
  });

  it('lets moderators remove members but not owners, and records the removal', async () => {
    const org = await createOrg(t);
    const owner = await org.person();
    const mod = await org.person();
    const member = await org.person();
    const c = await create(owner.client, { name: 'Gardeners' });
    await mod.client.post(`/api/communities/${c.id}/join`);
    await member.client.post(`/api/communities/${c.id}/join`);
    await owner.client.patch(`/api/communities/${c.id}/members/${mod.id}`, { role: 'moderator' });

    expect((await member.client.delete(`/api/communities/${c.id}/members/${mod.id}`)).statusCode).toBe(403);
    expect((await mod.client.delete(`/api/communities/${c.id}/members/${owner.id}`)).statusCode).toBe(403);
    expect((await mod.client.patch(`/api/communities/${c.id}/members/${member.id}`, { role: 'moderator' })).statusCode).toBe(403);
    expect((await mod.client.delete(`/api/communities/${c.id}/members/${member.id}`)).statusCode).toBe(200);
    expect((await mod.client.delete(`/api/communities/${c.id}/members/${member.id}`)).statusCode).toBe(404);
    expect(await storedCount(c.id)).toBe(2);
    expect((await member.client.get(`/api/communities/${c.id}`)).json().membership).toBeNull();
    expect(await auditActions(org)).toEqual(expect.arrayContaining(['community.member_removed', 'community.role_changed']));
  });

  it('keeps at least one owner: the last one cannot leave, be demoted, removed or banned', async () => {
    const org = await createOrg(t);
    const owner = await org.person();
    const second = await org.person();
    const c = await create(owner.client, { name: 'Volunteers' });
    const leave = await owner.client.post(`/api/communities/${c.id}/leave`);
    expect([leave.statusCode, leave.json().error.code]).toEqual([409, 'LAST_OWNER']);
    expect((await owner.client.patch(`/api/communities/${c.id}/members/${owner.id}`, { role: 'member' })).json().error.code).toBe(
      'LAST_OWNER',
    );
    expect((await org.admin.delete(`/api/communities/${c.id}/members/${owner.id}`)).json().error.code).toBe('LAST_OWNER');
    expect((await org.admin.post(`/api/communities/${c.id}/members/${owner.id}/ban`)).json().error.code).toBe('LAST_OWNER');

    await second.client.post(`/api/communities/${c.id}/join`);
    expect((await owner.client.patch(`/api/communities/${c.id}/members/${second.id}`, { role: 'owner' })).json().role).toBe('owner');
    expect((await owner.client.post(`/api/communities/${c.id}/leave`)).statusCode).toBe(200);
    expect((await second.client.get(`/api/communities/${c.id}`)).json()).toMatchObject({
      memberCount: 1,
      membership: { role: 'owner' },
      abilities: { canManage: true },
    });
  });

  it('counts every member when many join at the same moment', async () => {
    const org = await createOrg(t);
    const owner = await org.person();
    const c = await create(owner.client, { name: 'Lunch Walks' });
    const people = await Promise.all(Array.from({ length: 8 }, () => org.person()));
    const joins = await Promise.all(people.map((p) => p.client.post(`/api/communities/${c.id}/join`)));
    expect(joins.map((r) => r.statusCode)).toEqual(people.map(() => 200));
    expect(await storedCount(c.id)).toBe(9);
    await Promise.all(people.slice(0, 5).map((p) => p.client.post(`/api/communities/${c.id}/leave`)));
    expect(await storedCount(c.id)).toBe(4);
  });

  it('records a membership change on the person’s own realtime channel', async () => {
    const org = await createOrg(t);
    const owner = await org.person();
    const p = await org.person();
    const c = await create(owner.client, { name: 'Chess' });
    await p.client.post(`/api/communities/${c.id}/join`);
    const events = await t.app.ctx.db
      .selectFrom('realtimeEvents')
      .select(['type', 'payload'])
      .where('orgId', '=', org.orgId)
      .where('channel', '=', `user:${p.id}`)
      .execute();
    expect(events).toContainEqual({ type: 'membership.changed', payload: { communityId: c.id } });
  });
});

describe('automatic membership', () => {
  it('has every active person in All company, which cannot be left, and follows deactivation', async () => {
    const org = await createOrg(t);
    const p = await org.person();
    const list = (await p.client.get('/api/communities?filter=mine')).json();
    const all = list.items.find((c: { isAllCompany: boolean }) => c.isAllCompany);
    expect(all).toMatchObject({ name: 'All company', slug: 'all-company', official: true, visibility: 'public', memberCount: 2 });
    expect(all.abilities).toMatchObject({ canLeave: false, canJoin: false, canPost: true });
    const leave = await p.client.post(`/api/communities/${all.id}/leave`);
    expect([leave.statusCode, leave.json().error.code]).toEqual([409, 'MEMBERSHIP_AUTOMATIC']);
    expect((await org.admin.delete(`/api/communities/${all.id}/members/${p.id}`)).json().error.code).toBe('MEMBERSHIP_AUTOMATIC');
    expect((await org.admin.post(`/api/communities/${all.id}/members`, { userIds: [p.id] })).json().error.code).toBe(
      'MEMBERSHIP_AUTOMATIC',
    );

    expect((await org.admin.post(`/api/admin/people/${p.id}/deactivate`)).statusCode).toBe(200);
    expect(await storedCount(all.id)).toBe(1);
    expect(
      (await org.admin.get(`/api/communities/${all.id}/members`)).json().items.map((m: { user: { id: string } }) => m.user.id),
    ).toEqual([org.adminId]);
    expect((await org.admin.post(`/api/admin/people/${p.id}/reactivate`)).statusCode).toBe(200);
    expect(await storedCount(all.id)).toBe(2);

    const patch = await org.admin.patch(`/api/communities/${all.id}`, { archived: true });
    expect([patch.statusCode, patch.json().error.code]).toEqual([409, 'ALL_COMPANY_FIXED']);
    expect((await org.admin.patch(`/api/communities/${all.id}`, { visibility: 'private' })).json().error.code).toBe('ALL_COMPANY_FIXED');
    expect((await org.admin.patch(`/api/communities/${all.id}`, { description: 'Everyone, together' })).statusCode).toBe(200);
  });

  it('counts only active people: deactivation lowers the count of every community someone is in, and hides them from members', async () => {
    const org = await createOrg(t);
    const owner = await org.person();
    const p = await org.person();
    const c = await create(owner.client, { name: 'Knitting' });
    await p.client.post(`/api/communities/${c.id}/join`);
    expect(await storedCount(c.id)).toBe(2);
    await org.admin.post(`/api/admin/people/${p.id}/deactivate`);
    expect(await storedCount(c.id)).toBe(1);
    expect((await owner.client.get(`/api/communities/${c.id}/members`)).json().items).toHaveLength(1);
    // Removing a deactivated person's membership does not count them twice.
    await owner.client.delete(`/api/communities/${c.id}/members/${p.id}`);
    expect(await storedCount(c.id)).toBe(1);
    await org.admin.post(`/api/admin/people/${p.id}/reactivate`);
    expect(await storedCount(c.id)).toBe(1);
  });

  it('keeps a department community to exactly the people placed there, as placement and status change', async () => {
    const org = await createOrg(t);
    const sales = (await org.admin.post('/api/departments', { name: 'Sales' })).json();
    const ops = (await org.admin.post('/api/departments', { name: 'Operations' })).json();
    const a = await org.person({ name: 'Anna' });
    const b = await org.person({ name: 'Bruno' });
    await org.admin.patch(`/api/admin/people/${a.id}`, { departmentId: sales.id });

    const c = await create(org.admin, { name: 'Sales Team', visibility: 'private', sync: { kind: 'department', id: sales.id } });
    expect(c).toMatchObject({ sync: { kind: 'department', id: sales.id, name: 'Sales' }, memberCount: 1, membership: null });
    expect((await a.client.get(`/api/communities/${c.id}`)).json()).toMatchObject({
      membership: { status: 'active', role: 'member' },
      abilities: { canLeave: false, canRead: true },
    });
    expect((await b.client.post(`/api/communities/${c.id}/request`)).json().error.code).toBe('MEMBERSHIP_AUTOMATIC');

    await org.admin.patch(`/api/admin/people/${b.id}`, { departmentId: sales.id });
    expect(await storedCount(c.id)).toBe(2);
    await org.admin.patch(`/api/admin/people/${a.id}`, { departmentId: ops.id });
    expect(await storedCount(c.id)).toBe(1);
    expect((await a.client.get(`/api/communities/${c.id}`)).json().membership).toBeNull();
    await org.admin.post(`/api/admin/people/${b.id}/deactivate`);
    expect(await storedCount(c.id)).toBe(0);
    await org.admin.post(`/api/admin/people/${b.id}/reactivate`);
    expect((await org.admin.get(`/api/communities/${c.id}/members`)).json().items).toMatchObject([{ user: { id: b.id }, viaSync: true }]);

    // Sub-departments do not count: only direct placement does.
    const inside = (await org.admin.post('/api/departments', { name: 'Inside Sales', parentId: sales.id })).json();
    await org.admin.patch(`/api/admin/people/${a.id}`, { departmentId: inside.id });
    expect(await storedCount(c.id)).toBe(1);

    const placed = await org.person();
    await org.admin.patch(`/api/admin/people/${placed.id}`, { departmentId: sales.id });
    const leave = await placed.client.post(`/api/communities/${c.id}/leave`);
    expect(leave.json().error.code).toBe('MEMBERSHIP_AUTOMATIC');
  });

  it('follows teams and locations too, and a ban outlasts the sync', async () => {
    const org = await createOrg(t);
    const team = (await org.admin.post('/api/teams', { name: 'Platform' })).json();
    const milan = (await org.admin.post('/api/locations', { name: 'Milano' })).json();
    const p = await org.person();
    const teamCommunity = await create(org.admin, { name: 'Platform people', sync: { kind: 'team', id: team.id } });
    const office = await create(org.admin, { name: 'Milano office', official: true, sync: { kind: 'location', id: milan.id } });
    expect(office.official).toBe(true);

    await org.admin.patch(`/api/admin/people/${p.id}`, { teamId: team.id, locationId: milan.id });
    expect(await storedCount(teamCommunity.id)).toBe(1);
    expect(await storedCount(office.id)).toBe(1);

    expect((await org.admin.post(`/api/communities/${office.id}/members/${p.id}/ban`)).statusCode).toBe(200);
    expect(await storedCount(office.id)).toBe(0);
    await org.admin.patch(`/api/admin/people/${p.id}`, { title: 'Still here' });
    expect((await p.client.get(`/api/communities/${office.id}`)).json().membership.status).toBe('banned');
    await org.admin.post(`/api/communities/${office.id}/members/${p.id}/unban`);
    expect((await p.client.get(`/api/communities/${office.id}`)).json().membership.status).toBe('active');
    expect(await storedCount(office.id)).toBe(1);

    await org.admin.patch(`/api/admin/people/${p.id}`, { teamId: null, locationId: null });
    expect(await storedCount(teamCommunity.id)).toBe(0);
    expect(await storedCount(office.id)).toBe(0);
  });

  it('keeps the members of a community whose department is deleted, as an ordinary community', async () => {
    const org = await createOrg(t);
    const dep = (await org.admin.post('/api/departments', { name: 'Research' })).json();
    const p = await org.person();
    await org.admin.patch(`/api/admin/people/${p.id}`, { departmentId: dep.id });
    const c = await create(org.admin, { name: 'Research', sync: { kind: 'department', id: dep.id } });
    expect((await org.admin.delete(`/api/departments/${dep.id}`)).statusCode).toBeLessThan(300);
    const after = (await p.client.get(`/api/communities/${c.id}`)).json();
    expect(after).toMatchObject({ sync: null, memberCount: 1, membership: { status: 'active' }, abilities: { canLeave: true } });
  });

  it('refuses official and synced communities to anyone but administrators', async () => {
    const org = await createOrg(t);
    const dep = (await org.admin.post('/api/departments', { name: 'Legal' })).json();
    const hr = await org.person({ roles: ['hr'] });
    for (const body of [
      { name: 'Official news', official: true },
      { name: 'Legal', sync: { kind: 'department', id: dep.id } },
    ]) {
      const res = await hr.client.post('/api/communities', { visibility: 'public', ...body });
      expect([res.statusCode, res.json().error.code]).toEqual([403, 'FORBIDDEN']);
    }
    const own = await create(hr.client, { name: 'HR corner' });
    const patch = await hr.client.patch(`/api/communities/${own.id}`, { official: true });
    expect([patch.statusCode, patch.json().error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await org.admin.patch(`/api/communities/${own.id}`, { official: true })).json().official).toBe(true);

    const missing = await org.admin.post('/api/communities', {
      name: 'Ghost',
      visibility: 'public',
      sync: { kind: 'team', id: dep.id },
    });
    expect([missing.statusCode, missing.json().error.code]).toEqual([400, 'UNKNOWN_REFERENCE']);
    await create(org.admin, { name: 'Legal', sync: { kind: 'department', id: dep.id } });
    const twice = await org.admin.post('/api/communities', {
      name: 'Legal 2',
      visibility: 'public',
      sync: { kind: 'department', id: dep.id },
    });
    expect(twice.json().error.code).toBe('ALREADY_FOLLOWED');
  });
});

describe('settings', () => {
  it('lets owners edit settings and archive, refuses others, and records the changes', async () => {
    const org = await createOrg(t);
    const owner = await org.person();
    const member = await org.person();
    const c = await create(owner.client, { name: 'Runners' });
    await member.client.post(`/api/communities/${c.id}/join`);

    const res = await owner.client.patch(`/api/communities/${c.id}`, {
      name: '  Runners United ',
      rules: 'Stretch first',
      slug: 'runners-united',
    });
    expect(res.json()).toMatchObject({ name: 'Runners United', rules: 'Stretch first', slug: 'runners-united' });
    expect((await member.client.patch(`/api/communities/${c.id}`, { name: 'Hijacked' })).statusCode).toBe(403);

    const archived = (await owner.client.patch(`/api/communities/runners-united`, { archived: true })).json();
    expect(archived.archivedAt).not.toBeNull();
    expect(archived.abilities).toMatchObject({ canPost: false, canInteract: false });
    const outsider = await org.person();
    expect((await outsider.client.post(`/api/communities/${c.id}/join`)).json().error.code).toBe('COMMUNITY_ARCHIVED');
    expect(ids((await outsider.client.get('/api/communities?filter=discover')).json())).not.toContain(c.id);
    expect((await owner.client.patch(`/api/communities/${c.id}`, { archived: false })).json().archivedAt).toBeNull();
    expect(await auditActions(org)).toEqual(expect.arrayContaining(['community.updated', 'community.archived', 'community.unarchived']));
  });

  it('makes slugs from names, adds a number on a clash, and checks chosen ones', async () => {
    const org = await createOrg(t);
    const p = await org.person();
    expect((await create(p.client, { name: 'Caffè & Città!' })).slug).toBe('caffe-citta');
    expect((await create(p.client, { name: 'Caffè Città' })).slug).toBe('caffe-citta-2');
    expect((await create(p.client, { name: '☕' })).slug).toBe('community');
    expect((await create(p.client, { name: 'Custom', slug: 'my-place' })).slug).toBe('my-place');
    const taken = await p.client.post('/api/communities', { name: 'Other', visibility: 'public', slug: 'my-place' });
    expect([taken.statusCode, taken.json().error.code]).toEqual([409, 'SLUG_TAKEN']);
    const reserved = await p.client.post('/api/communities', { name: 'Other', visibility: 'public', slug: 'suggest' });
    expect(reserved.json().error.code).toBe('INVALID_SLUG');
    const bad = await p.client.post('/api/communities', { name: 'Other', visibility: 'public', slug: 'Not A Slug' });
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses bad input: unknown fields, long names, blank names, unknown visibilities', async () => {
    const org = await createOrg(t);
    const p = await org.person();
    const c = await create(p.client, { name: 'Valid' });
    const cases: [string, Record<string, unknown>][] = [
      ['POST', { name: 'X', visibility: 'public', isAllCompany: true }],
      ['POST', { name: 'x'.repeat(81), visibility: 'public' }],
      ['POST', { name: '   ', visibility: 'public' }],
      ['POST', { name: 'X', visibility: 'hidden' }],
      ['POST', { name: 'X' }],
      ['POST', { name: 'X', visibility: 'public', description: 'd'.repeat(2001) }],
      ['PATCH', {}],
      ['PATCH', { memberCount: 100 }],
    ];
    for (const [method, body] of cases) {
      const res =
        method === 'POST' ? await p.client.post('/api/communities', body) : await p.client.patch(`/api/communities/${c.id}`, body);
      expect([JSON.stringify(body).slice(0, 60), res.statusCode, res.json().error.code]).toEqual([
        JSON.stringify(body).slice(0, 60),
        400,
        'VALIDATION_FAILED',
      ]);
    }
    expect((await p.client.patch(`/api/communities/${c.id}/members/${p.id}`, { role: 'king' })).statusCode).toBe(400);
    expect((await p.client.post(`/api/communities/${c.id}/members`, { userIds: [] })).statusCode).toBe(400);
    expect((await p.client.get('/api/communities?filter=everything')).statusCode).toBe(400);
    expect((await p.client.get('/api/communities/not%20a%20slug')).statusCode).toBe(400);
  });
});

describe('cover image', () => {
  it('re-encodes an uploaded cover without its metadata and serves it to those who can see the community', async () => {
    const org = await createOrg(t);
    const owner = await org.person();
    const member = await org.person();
    const c = await create(owner.client, { name: 'Photo Walks', visibility: 'secret' });
    const jpeg = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#c84' } })
      .withMetadata({ exif: { IFD0: { Copyright: 'Secret Place' } } })
      .jpeg()
      .toBuffer();
    const up = multipart('cover.jpg', 'image/jpeg', jpeg);
    expect((await member.client.request('PUT', `/api/communities/${c.id}/cover`, up.payload, up.headers)).statusCode).toBe(404);
    const res = await owner.client.request('PUT', `/api/communities/${c.id}/cover`, up.payload, up.headers);
    expect(res.statusCode, res.body).toBe(200);
    const coverUrl = res.json().coverUrl as string;
    expect(coverUrl).toMatch(new RegExp(`^/api/communities/${c.id}/cover\\?v=`));

    const got = await owner.client.get(coverUrl);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/webp');
    expect(got.headers['cache-control']).toContain('max-age');
    const meta = await sharp(got.rawPayload).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(['webp', 1500, 500, undefined]);
    expect((await member.client.get(coverUrl)).statusCode).toBe(404);

    const fake = multipart('evil.png', 'image/png', Buffer.from('just some text pretending to be a picture'));
    const refused = await owner.client.request('PUT', `/api/communities/${c.id}/cover`, fake.payload, fake.headers);
    expect([refused.statusCode, refused.json().error.code]).toEqual([400, 'UNSUPPORTED_IMAGE']);

    expect((await owner.client.delete(`/api/communities/${c.id}/cover`)).json().coverUrl).toBeNull();
    expect((await owner.client.get(`/api/communities/${c.id}/cover`)).statusCode).toBe(404);
  });
});
