import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { recordEvents, type NewRealtimeEvent, type RealtimeEvent } from '../../platform/events.js';
import { newId } from '../../platform/ids.js';
import { memoryStorage } from '../../platform/storage.js';
import { createOrg, dbKind, testApp, type TestApp, type TestOrg } from '../../test/helpers.js';
import { REALTIME_CLOSE, type RealtimeServerMessage, type Visibility } from '../../../shared/social.js';
import { BUFFER_LIMIT, parseClientMessage } from './realtime.hub.js';
import { hubOf } from './realtime.routes.js';
import { pruneEvents, REPLAY_LIMIT } from './realtime.service.js';

/** A WebSocket client that records what it receives and can wait for a message. */
class Listener {
  readonly messages: RealtimeServerMessage[] = [];
  private waiters: (() => void)[] = [];
  closeCode: number | undefined;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.messages.push(JSON.parse((data as Buffer).toString()) as RealtimeServerMessage);
      this.wake();
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      this.wake();
    });
  }

  private wake() {
    const w = this.waiters;
    this.waiters = [];
    w.forEach((f) => f());
  }

  async waitFor<T extends RealtimeServerMessage>(test: (m: RealtimeServerMessage) => m is T, ms?: number): Promise<T>;
  async waitFor(test: (m: RealtimeServerMessage) => boolean, ms?: number): Promise<RealtimeServerMessage>;
  async waitFor(test: (m: RealtimeServerMessage) => boolean, ms = 5000): Promise<RealtimeServerMessage> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.messages.find(test);
      if (found) {
        return found;
      }
      if (Date.now() > deadline) {
        throw new Error(`no such message within ${ms} ms; got ${JSON.stringify(this.messages).slice(0, 500)}`);
      }
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  async closed(ms = 5000): Promise<number> {
    const deadline = Date.now() + ms;
    while (this.closeCode === undefined) {
      if (Date.now() > deadline) {
        throw new Error('the socket stayed open');
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.closeCode;
  }

  events(): Extract<RealtimeServerMessage, { type: 'event' }>[] {
    return this.messages.filter((m): m is Extract<RealtimeServerMessage, { type: 'event' }> => m.type === 'event');
  }

  send(message: unknown) {
    this.ws.send(JSON.stringify(message));
  }

  close() {
    this.ws.terminate();
  }
}

const isReady = (m: RealtimeServerMessage): m is Extract<RealtimeServerMessage, { type: 'ready' }> => m.type === 'ready';
const isEvent = (id: number) => (m: RealtimeServerMessage) => m.type === 'event' && m.id === id;

function address(app: FastifyInstance): string {
  const a = app.server.address();
  if (!a || typeof a === 'string') {
    throw new Error('not listening');
  }
  return `ws://127.0.0.1:${a.port}/api/realtime`;
}

/** Opens a socket as a browser of this organisation would; resolves with the HTTP status when refused. */
function connect(
  app: FastifyInstance,
  org: TestOrg,
  cookie: string | undefined,
  origin: string | null = `http://${org.host}`,
): Promise<Listener | { status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(address(app), {
      headers: { host: org.host, ...(cookie ? { cookie } : {}), ...(origin ? { origin } : {}) },
    });
    const listener = new Listener(ws);
    ws.once('open', () => resolve(listener));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.once('error', reject);
  });
}

async function open(app: FastifyInstance, org: TestOrg, cookie: string | undefined): Promise<Listener> {
  const l = await connect(app, org, cookie);
  if (!(l instanceof Listener)) {
    throw new Error(`refused: ${l.status} ${l.body}`);
  }
  await l.waitFor(isReady);
  return l;
}

async function community(t: TestApp, org: TestOrg, visibility: Visibility, members: string[], banned: string[] = []): Promise<string> {
  const id = newId();
  await t.app.ctx.db
    .insertInto('communities')
    .values({ id, orgId: org.orgId, name: `C ${id.slice(0, 6)}`, slug: `c-${id}`, visibility })
    .execute();
  const rows = [
    ...members.map((userId) => ({ orgId: org.orgId, communityId: id, userId, status: 'active' as const })),
    ...banned.map((userId) => ({ orgId: org.orgId, communityId: id, userId, status: 'banned' as const })),
  ];
  if (rows.length > 0) {
    await t.app.ctx.db.insertInto('communityMembers').values(rows).execute();
  }
  return id;
}

async function post(t: TestApp, org: TestOrg, authorId: string, communityId: string | null, tags: string[] = []): Promise<string> {
  const id = newId();
  await t.app.ctx.db
    .insertInto('posts')
    .values({ id, orgId: org.orgId, authorId, communityId, body: 'Hello', bodyHtml: '<p>Hello</p>' })
    .execute();
  if (tags.length > 0) {
    await t.app.ctx.db
      .insertInto('postHashtags')
      .values(tags.map((tag) => ({ orgId: org.orgId, postId: id, tag, createdAt: new Date() })))
      .execute();
  }
  return id;
}

/** Records events as a service does in its transaction, then publishes them after commit. */
async function publish(app: FastifyInstance, events: NewRealtimeEvent[]): Promise<RealtimeEvent[]> {
  const recorded = await app.ctx.db.transaction().execute((trx) => recordEvents(trx, events));
  await app.ctx.bus.publish(recorded);
  return recorded;
}

const postCreated = (org: TestOrg, postId: string, communityId: string | null, authorId: string): NewRealtimeEvent => ({
  orgId: org.orgId,
  channel: communityId ? `community:${communityId}` : `profile:${authorId}`,
  type: 'post.created',
  payload: { postId, communityId, authorId },
});

const settle = () => new Promise((r) => setTimeout(r, 150));

describe('the realtime socket', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await testApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  it('refuses a WebSocket without a session with 401, before upgrading', async () => {
    const org = await createOrg(t);
    const res = await connect(t.app, org, undefined);
    expect(res).toMatchObject({ status: 401 });
    expect(JSON.parse((res as { body: string }).body)).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses a WebSocket with a session cookie that is no longer valid', async () => {
    const org = await createOrg(t);
    expect(await connect(t.app, org, 'tessuto_sid=not-a-session')).toMatchObject({ status: 401 });
  });

  it('refuses a WebSocket opened by a page of another site with 403', async () => {
    const org = await createOrg(t);
    const res = await connect(t.app, org, org.admin.cookie, 'https://evil.example');
    expect(res).toMatchObject({ status: 403 });
    expect(JSON.parse((res as { body: string }).body)).toMatchObject({ error: { code: 'FOREIGN_ORIGIN' } });
    expect(await connect(t.app, org, org.admin.cookie, 'not a url')).toMatchObject({ status: 403 });
  });

  it('answers 426 to a plain request and keeps the route out of the API description', async () => {
    const org = await createOrg(t);
    const res = await org.admin.get('/api/realtime');
    expect([res.statusCode, res.json().error.code]).toEqual([426, 'UPGRADE_REQUIRED']);
    expect((await org.anonymous().get('/api/realtime')).statusCode).toBe(401);
    const doc = (await t.app.inject('/api/openapi.json')).json<{ paths: Record<string, unknown> }>();
    expect(doc.paths['/api/realtime']).toBeUndefined();
  });

  it('says ready with the newest event id', async () => {
    const org = await createOrg(t);
    const [e] = await publish(t.app, [{ orgId: org.orgId, channel: `user:${org.adminId}`, type: 'notifications.read', payload: {} }]);
    const l = await open(t.app, org, org.admin.cookie);
    expect(l.messages[0]).toEqual({ type: 'ready', lastId: expect.any(Number) });
    expect((l.messages[0] as { lastId: number }).lastId).toBeGreaterThanOrEqual(e!.id);
    const metrics = (await t.app.inject('/metrics')).body;
    expect(Number(/^realtime_sockets (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(1);
    l.close();
  });

  it('delivers a post in a private community to a member and not to someone outside it', async () => {
    const org = await createOrg(t);
    const member = await org.person();
    const outsider = await org.person();
    const c = await community(t, org, 'private', [org.adminId, member.id]);
    const a = await open(t.app, org, member.client.cookie);
    const b = await open(t.app, org, outsider.client.cookie);
    const p = await post(t, org, org.adminId, c);
    const [e] = await publish(t.app, [postCreated(org, p, c, org.adminId)]);
    const got = await a.waitFor(isEvent(e!.id));
    expect(got).toEqual({
      type: 'event',
      id: e!.id,
      channel: `community:${c}`,
      event: 'post.created',
      payload: { postId: p, communityId: c, authorId: org.adminId },
    });
    await settle();
    expect(b.events()).toEqual([]);
    a.close();
    b.close();
  });

  it('delivers notifications only to the person they are for', async () => {
    const org = await createOrg(t);
    const one = await org.person();
    const two = await org.person();
    const a = await open(t.app, org, one.client.cookie);
    const b = await open(t.app, org, two.client.cookie);
    const [e] = await publish(t.app, [
      { orgId: org.orgId, channel: `user:${one.id}`, type: 'notification.created', payload: { id: newId() } },
    ]);
    await a.waitFor(isEvent(e!.id));
    await settle();
    expect(b.events()).toEqual([]);
    a.close();
    b.close();
  });

  it('delivers profile posts of people one follows, and not of others', async () => {
    const org = await createOrg(t);
    const reader = await org.person();
    const followed = await org.person();
    const other = await org.person();
    await t.app.ctx.db.insertInto('follows').values({ orgId: org.orgId, followerId: reader.id, followeeId: followed.id }).execute();
    const l = await open(t.app, org, reader.client.cookie);
    const [yes, no] = await publish(t.app, [
      postCreated(org, await post(t, org, followed.id, null), null, followed.id),
      postCreated(org, await post(t, org, other.id, null), null, other.id),
    ]);
    await l.waitFor(isEvent(yes!.id));
    await settle();
    expect(l.events().map((m) => m.id)).toEqual([yes!.id]);
    void no;
    l.close();
  });

  it('delivers new posts with a followed hashtag from communities the person may read, and never from closed ones', async () => {
    const org = await createOrg(t);
    const reader = await org.person();
    await t.app.ctx.db.insertInto('hashtagFollows').values({ orgId: org.orgId, userId: reader.id, tag: 'launch' }).execute();
    const open_ = await community(t, org, 'public', [org.adminId]);
    const closed = await community(t, org, 'private', [org.adminId]);
    const bannedFrom = await community(t, org, 'public', [org.adminId], [reader.id]);
    const l = await open(t.app, org, reader.client.cookie);
    const [visible, hidden, banned, untagged] = await publish(t.app, [
      postCreated(org, await post(t, org, org.adminId, open_, ['launch']), open_, org.adminId),
      postCreated(org, await post(t, org, org.adminId, closed, ['launch']), closed, org.adminId),
      postCreated(org, await post(t, org, org.adminId, bannedFrom, ['launch']), bannedFrom, org.adminId),
      postCreated(org, await post(t, org, org.adminId, open_, ['other']), open_, org.adminId),
    ]);
    await l.waitFor(isEvent(visible!.id));
    await settle();
    expect(l.events().map((m) => m.id)).toEqual([visible!.id]);
    void [hidden, banned, untagged];
    l.close();
  });

  it('replays new posts with a followed hashtag only from communities the person may read', async () => {
    const org = await createOrg(t);
    const reader = await org.person();
    await t.app.ctx.db.insertInto('hashtagFollows').values({ orgId: org.orgId, userId: reader.id, tag: 'recap' }).execute();
    const open_ = await community(t, org, 'public', [org.adminId]);
    const closed = await community(t, org, 'private', [org.adminId]);
    const [start] = await publish(t.app, [{ orgId: org.orgId, channel: `user:${reader.id}`, type: 'notifications.read', payload: {} }]);
    const [visible, hidden] = await publish(t.app, [
      postCreated(org, await post(t, org, org.adminId, open_, ['recap']), open_, org.adminId),
      postCreated(org, await post(t, org, org.adminId, closed, ['recap']), closed, org.adminId),
    ]);
    const l = await open(t.app, org, reader.client.cookie);
    l.send({ type: 'resume', lastId: start!.id });
    await l.waitFor((m) => m.type === 'resumed');
    const ids = l.events().map((m) => m.id);
    expect(ids).toContain(visible!.id);
    expect(ids).not.toContain(hidden!.id);
    l.close();
  });

  it('never delivers an event naming a community the person may not read, whatever its channel', async () => {
    const org = await createOrg(t);
    const reader = await org.person();
    const author = await org.person();
    await t.app.ctx.db.insertInto('follows').values({ orgId: org.orgId, followerId: reader.id, followeeId: author.id }).execute();
    const secret = await community(t, org, 'secret', [author.id]);
    const l = await open(t.app, org, reader.client.cookie);
    const p = await post(t, org, author.id, secret);
    // A careless publisher putting a community post on the author's profile channel.
    const [leak] = await publish(t.app, [{ ...postCreated(org, p, secret, author.id), channel: `profile:${author.id}` }]);
    const [ok] = await publish(t.app, [postCreated(org, await post(t, org, author.id, null), null, author.id)]);
    await l.waitFor(isEvent(ok!.id));
    await settle();
    expect(l.events().map((m) => m.id)).not.toContain(leak!.id);
    l.close();
  });

  it('lets a client watch readable posts and refuses the ones it may not read', async () => {
    const org = await createOrg(t);
    const reader = await org.person();
    const secret = await community(t, org, 'secret', [org.adminId]);
    const pub = await community(t, org, 'public', [org.adminId]);
    const readable = await post(t, org, org.adminId, pub);
    const unreadable = await post(t, org, org.adminId, secret);
    const removed = await post(t, org, org.adminId, pub);
    await t.app.ctx.db.updateTable('posts').set({ deletedAt: new Date() }).where('id', '=', removed).execute();
    const l = await open(t.app, org, reader.client.cookie);
    l.send({ type: 'watch', postIds: [readable, unreadable, removed, newId(), 'not-a-uuid'] });
    const ack = await l.waitFor((m) => m.type === 'watching');
    expect(ack).toEqual({ type: 'watching', postIds: [readable] });
    const [seen, unseen] = await publish(t.app, [
      { orgId: org.orgId, channel: `post:${readable}`, type: 'comment.created', payload: { postId: readable, commentId: newId() } },
      { orgId: org.orgId, channel: `post:${unreadable}`, type: 'comment.created', payload: { postId: unreadable, commentId: newId() } },
    ]);
    await l.waitFor(isEvent(seen!.id));
    await settle();
    expect(l.events().map((m) => m.id)).toEqual([seen!.id]);
    void unseen;
    l.close();
  });

  it('answers an error to messages it does not understand and closes on a flood', async () => {
    const org = await createOrg(t);
    const l = await open(t.app, org, org.admin.cookie);
    l.ws.send('{not json');
    expect(await l.waitFor((m) => m.type === 'error')).toMatchObject({ code: 'BAD_MESSAGE' });
    for (let i = 0; i < 60; i += 1) {
      l.send({ type: 'ping' });
    }
    expect(await l.closed()).toBe(REALTIME_CLOSE.policy);
  });

  it('starts sending a community once the person joins it', async () => {
    const org = await createOrg(t);
    const joiner = await org.person();
    const c = await community(t, org, 'private', [org.adminId]);
    const l = await open(t.app, org, joiner.client.cookie);
    await t.app.ctx.db.insertInto('communityMembers').values({ orgId: org.orgId, communityId: c, userId: joiner.id }).execute();
    const [joined] = await publish(t.app, [
      { orgId: org.orgId, channel: `user:${joiner.id}`, type: 'membership.changed', payload: { communityId: c } },
    ]);
    await l.waitFor(isEvent(joined!.id));
    await settle();
    const [e] = await publish(t.app, [postCreated(org, await post(t, org, org.adminId, c), c, org.adminId)]);
    await l.waitFor(isEvent(e!.id));
    l.close();
  });

  it('stops sending a community once the person has left it', async () => {
    const org = await createOrg(t);
    const leaver = await org.person();
    const c = await community(t, org, 'private', [org.adminId, leaver.id]);
    const l = await open(t.app, org, leaver.client.cookie);
    await t.app.ctx.db.deleteFrom('communityMembers').where('communityId', '=', c).where('userId', '=', leaver.id).execute();
    const [left] = await publish(t.app, [
      { orgId: org.orgId, channel: `user:${leaver.id}`, type: 'membership.changed', payload: { communityId: c } },
    ]);
    await l.waitFor(isEvent(left!.id));
    await settle();
    const [e] = await publish(t.app, [postCreated(org, await post(t, org, org.adminId, c), c, org.adminId)]);
    const [mark] = await publish(t.app, [{ orgId: org.orgId, channel: `user:${leaver.id}`, type: 'notifications.read', payload: {} }]);
    await l.waitFor(isEvent(mark!.id));
    expect(l.events().map((m) => m.id)).not.toContain(e!.id);
    l.close();
  });

  it('closes the socket with 4401 once the session has ended', async () => {
    const org = await createOrg(t);
    const person = await org.person();
    const cookie = person.client.cookie;
    const l = await open(t.app, org, cookie);
    expect((await person.client.post('/api/auth/sign-out')).statusCode).toBe(200);
    await hubOf(t.app.ctx)!.recheck(Date.now() + 120_000);
    expect(await l.closed()).toBe(REALTIME_CLOSE.sessionEnded);
    expect(await connect(t.app, org, cookie)).toMatchObject({ status: 401 });
  });

  it('closes the socket of a person who was deactivated', async () => {
    const org = await createOrg(t);
    const person = await org.person();
    const l = await open(t.app, org, person.client.cookie);
    expect((await org.admin.post(`/api/admin/people/${person.id}/deactivate`)).statusCode).toBe(200);
    await hubOf(t.app.ctx)!.recheck(Date.now() + 120_000);
    expect(await l.closed()).toBe(REALTIME_CLOSE.sessionEnded);
  });

  it('replays what a client missed while it was away, and then what committed late with a lower id', async () => {
    const org = await createOrg(t);
    const member = await org.person();
    const c = await community(t, org, 'private', [org.adminId, member.id]);
    const first = await open(t.app, org, member.client.cookie);
    const [seen] = await publish(t.app, [postCreated(org, await post(t, org, org.adminId, c), c, org.adminId)]);
    await first.waitFor(isEvent(seen!.id));
    first.close();
    await settle();
    // Missed while away: two posts in the community, and a notification.
    const missed = await publish(t.app, [
      postCreated(org, await post(t, org, org.adminId, c), c, org.adminId),
      postCreated(org, await post(t, org, org.adminId, c), c, org.adminId),
      { orgId: org.orgId, channel: `user:${member.id}`, type: 'notification.created', payload: { id: newId() } },
    ]);
    // Not the member's business.
    const other = await community(t, org, 'private', [org.adminId]);
    const [foreign] = await publish(t.app, [postCreated(org, await post(t, org, org.adminId, other), other, org.adminId)]);
    const second = await open(t.app, org, member.client.cookie);
    second.send({ type: 'resume', lastId: seen!.id });
    const done = await second.waitFor((m) => m.type === 'resumed');
    const ids = second.events().map((m) => m.id);
    for (const e of missed) {
      expect(ids).toContain(e.id);
    }
    expect(ids).not.toContain(foreign!.id);
    // The replay window repeats recent events (a client drops ids it has seen), but never twice on one socket.
    expect(new Set(ids).size).toBe(ids.length);
    expect(done).toMatchObject({ type: 'resumed', lastId: expect.any(Number) });
    second.close();

    // An event that took its id first, but whose publication came after a later one was seen live.
    const [committedLate, seenLive] = await recordEvents(t.app.ctx.db, [
      postCreated(org, await post(t, org, org.adminId, c), c, org.adminId),
      postCreated(org, await post(t, org, org.adminId, c), c, org.adminId),
    ]);
    const third = await open(t.app, org, member.client.cookie);
    await t.app.ctx.bus.publish([seenLive!]);
    await third.waitFor(isEvent(seenLive!.id));
    third.close();
    const fourth = await open(t.app, org, member.client.cookie);
    fourth.send({ type: 'resume', lastId: seenLive!.id });
    await fourth.waitFor((m) => m.type === 'resumed');
    expect(fourth.events().map((m) => m.id)).toContain(committedLate!.id);
    fourth.close();
  });

  it.skipIf(dbKind !== 'postgres')('replays an event whose transaction committed after a later one had been delivered', async () => {
    const org = await createOrg(t);
    const l = await open(t.app, org, org.admin.cookie);
    const notice = (): NewRealtimeEvent => ({
      orgId: org.orgId,
      channel: `user:${org.adminId}`,
      type: 'notification.created',
      payload: { id: newId() },
    });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let recorded!: (e: RealtimeEvent) => void;
    const slowId = new Promise<RealtimeEvent>((r) => (recorded = r));
    const slow = t.app.ctx.db.transaction().execute(async (trx) => {
      const [e] = await recordEvents(trx, [notice()]);
      recorded(e!);
      await gate;
    });
    const early = await slowId;
    const [later] = await publish(t.app, [notice()]);
    expect(later!.id).toBeGreaterThan(early.id);
    await l.waitFor(isEvent(later!.id));
    l.close();
    release();
    await slow;
    const again = await open(t.app, org, org.admin.cookie);
    again.send({ type: 'resume', lastId: later!.id });
    await again.waitFor((m) => m.type === 'resumed');
    expect(again.events().map((m) => m.id)).toContain(early.id);
    again.close();
  });

  it('asks a client to resync when it is further behind than a replay covers', async () => {
    const org = await createOrg(t);
    const member = await org.person();
    const c = await community(t, org, 'public', [org.adminId, member.id]);
    const [start] = await publish(t.app, [{ orgId: org.orgId, channel: `user:${member.id}`, type: 'notifications.read', payload: {} }]);
    await publish(
      t.app,
      Array.from({ length: REPLAY_LIMIT + 5 }, () => ({
        orgId: org.orgId,
        channel: `community:${c}`,
        type: 'post.created' as const,
        payload: { postId: newId(), communityId: c },
      })),
    );
    const l = await open(t.app, org, member.client.cookie);
    l.send({ type: 'resume', lastId: start!.id });
    const resync = await l.waitFor((m) => m.type === 'resync');
    expect(resync).toEqual({ type: 'resync', lastId: expect.any(Number) });
    expect(l.events()).toEqual([]);
    l.close();
  });

  it('asks a client to resync when its last id is older than the log keeps or from another server', async () => {
    const org = await createOrg(t);
    const l = await open(t.app, org, org.admin.cookie);
    const [e] = await publish(t.app, [{ orgId: org.orgId, channel: `user:${org.adminId}`, type: 'notifications.read', payload: {} }]);
    await l.waitFor(isEvent(e!.id));
    l.send({ type: 'resume', lastId: e!.id + 1_000_000 });
    await l.waitFor((m) => m.type === 'resync');
    // Everything before it was pruned: a client that saw nothing since then cannot be caught up.
    await t.app.ctx.db.deleteFrom('realtimeEvents').where('id', '<', e!.id).execute();
    l.messages.length = 0;
    l.send({ type: 'resume', lastId: e!.id - 2 });
    await l.waitFor((m) => m.type === 'resync');
    l.messages.length = 0;
    l.send({ type: 'resume', lastId: e!.id - 1 });
    await l.waitFor((m) => m.type === 'resumed');
    l.close();
  });

  it('never buffers more than its limit for a client that stops reading, then asks it to resync', async () => {
    const org = await createOrg(t);
    const l = await open(t.app, org, org.admin.cookie);
    const socket = (l.ws as unknown as { _socket: Socket })._socket;
    socket.pause();
    const hub = hubOf(t.app.ctx)!;
    const pad = 'x'.repeat(16_000);
    let maxBuffered = 0;
    for (let batch = 0; batch < 40; batch += 1) {
      const events: RealtimeEvent[] = Array.from({ length: 50 }, (_, i) => ({
        id: 1e12 + batch * 100 + i,
        orgId: org.orgId,
        channel: `user:${org.adminId}`,
        type: 'notification.created',
        payload: { pad },
      }));
      await t.app.ctx.bus.publish(events);
      await new Promise((r) => setImmediate(r));
      maxBuffered = Math.max(maxBuffered, hub.stats().maxBuffered);
    }
    // 32 MB offered; at most the limit plus one message stays in the process.
    expect(maxBuffered).toBeGreaterThan(0);
    expect(maxBuffered).toBeLessThanOrEqual(BUFFER_LIMIT + 20_000);
    expect(hub.stats().overflows).toBeGreaterThan(0);
    socket.resume();
    await l.waitFor((m) => m.type === 'resync', 10_000);
    expect(l.events().length).toBeLessThan(2000);
    l.close();
  });

  it('closes its sockets with a restart code when the server shuts down', async () => {
    const other = await testApp();
    await other.app.listen({ port: 0, host: '127.0.0.1' });
    const org = await createOrg(other);
    const l = await open(other.app, org, org.admin.cookie);
    await other.close();
    expect(await l.closed()).toBe(REALTIME_CLOSE.restart);
  });
});

describe('realtime messages from clients', () => {
  it('accepts resume and watch, and refuses anything else', () => {
    const id = newId();
    expect(parseClientMessage(JSON.stringify({ type: 'resume', lastId: 42 }))).toEqual({ type: 'resume', lastId: 42 });
    expect(parseClientMessage(JSON.stringify({ type: 'watch', postIds: [id, id, 'x', 3] }))).toEqual({ type: 'watch', postIds: [id] });
    for (const bad of [
      '',
      'null',
      '[]',
      '{"type":"resume","lastId":-1}',
      '{"type":"resume","lastId":1.5}',
      '{"type":"resume"}',
      '{"type":"watch","postIds":"x"}',
      '{"type":"other"}',
    ]) {
      expect(parseClientMessage(bad), bad).toBeNull();
    }
    expect(parseClientMessage(JSON.stringify({ type: 'watch', postIds: Array.from({ length: 1001 }, () => id) }))).toBeNull();
    const many = Array.from({ length: 300 }, () => newId());
    expect((parseClientMessage(JSON.stringify({ type: 'watch', postIds: many })) as { postIds: string[] }).postIds).toHaveLength(200);
  });
});

describe('the realtime event log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it('prunes events older than a day and keeps the recent ones', async () => {
    const org = await createOrg(t);
    const [old, fresh] = await recordEvents(t.app.ctx.db, [
      { orgId: org.orgId, channel: `user:${org.adminId}`, type: 'notifications.read', payload: {} },
      { orgId: org.orgId, channel: `user:${org.adminId}`, type: 'notifications.read', payload: {} },
    ]);
    await sql`update realtime_events set created_at = now() - interval '25 hours' where id = ${old!.id}`.execute(t.app.ctx.db);
    expect(await pruneEvents(t.app.ctx)).toBeGreaterThanOrEqual(1);
    const left = await t.app.ctx.db.selectFrom('realtimeEvents').select('id').where('id', 'in', [old!.id, fresh!.id]).execute();
    expect(left.map((r) => r.id)).toEqual([fresh!.id]);
  });
});

const redisUrl = process.env.TEST_REDIS_URL;

describe.skipIf(!redisUrl)('realtime across nodes sharing Redis', () => {
  const prefix = `tessuto-test-${newId()}:`;
  let t: TestApp;
  let second: FastifyInstance;

  beforeAll(async () => {
    t = await testApp({ redisUrl, redisPrefix: prefix });
    const config = loadConfig({ LOG_LEVEL: 'silent' }, { redisUrl, redisPrefix: prefix, dataDir: '/nonexistent', webDir: '/nonexistent' });
    second = await buildApp({ config, database: t.database, storage: memoryStorage(), logger: false });
    await second.ready();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    await second.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await second.close();
    await t.close();
    const redis = new Redis(redisUrl!);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) {
      await redis.del(...keys);
    }
    await redis.quit();
  });

  it('delivers a post made through one node to a socket on the other, once', async () => {
    const org = await createOrg(t);
    const member = await org.person();
    const c = await community(t, org, 'private', [org.adminId, member.id]);
    const onSecond = await open(second, org, member.client.cookie);
    const onFirst = await open(t.app, org, member.client.cookie);
    const [e] = await publish(t.app, [postCreated(org, await post(t, org, org.adminId, c), c, org.adminId)]);
    await onSecond.waitFor(isEvent(e!.id));
    await onFirst.waitFor(isEvent(e!.id));
    await settle();
    expect(onSecond.events().filter((m) => m.id === e!.id)).toHaveLength(1);
    expect(onFirst.events().filter((m) => m.id === e!.id)).toHaveLength(1);
    onSecond.close();
    onFirst.close();
  });

  it('catches up from the event log when a node lost its Redis subscription', async () => {
    const org = await createOrg(t);
    const member = await org.person();
    const l = await open(second, org, member.client.cookie);
    const redis = new Redis(redisUrl!);
    try {
      const clients = String(await redis.call('client', 'list'))
        .split('\n')
        .filter((line) => line.includes(` name=${prefix}realtime `));
      expect(clients.length).toBeGreaterThanOrEqual(2);
      for (const line of clients) {
        await redis.call('client', 'kill', 'id', /id=(\d+)/.exec(line)![1]!);
      }
    } finally {
      await redis.quit();
    }
    // Published while the other node is not listening: pub/sub drops it, the log keeps it.
    const [e] = await publish(t.app, [
      { orgId: org.orgId, channel: `user:${member.id}`, type: 'notification.created', payload: { id: newId() } },
    ]);
    await l.waitFor(isEvent(e!.id), 10_000);
    l.close();
  });

  it('keeps other installations on the same Redis apart', async () => {
    const elsewhere = loadConfig(
      { LOG_LEVEL: 'silent' },
      { redisUrl, redisPrefix: `${prefix}other:`, dataDir: '/nonexistent', webDir: '/nonexistent' },
    );
    const third = await buildApp({ config: elsewhere, database: t.database, storage: memoryStorage(), logger: false });
    await third.ready();
    await third.listen({ port: 0, host: '127.0.0.1' });
    try {
      const org = await createOrg(t);
      const l = await open(third, org, org.admin.cookie);
      const [e] = await publish(t.app, [{ orgId: org.orgId, channel: `user:${org.adminId}`, type: 'notifications.read', payload: {} }]);
      await settle();
      expect(l.events().map((m) => m.id)).not.toContain(e!.id);
      l.close();
    } finally {
      await third.close();
    }
  });
});
