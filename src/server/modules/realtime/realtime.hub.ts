import { Counter, Gauge, type Registry } from 'prom-client';
import type { RawData, WebSocket } from 'ws';
import type { Ctx } from '../../platform/context.js';
import type { RealtimeEvent } from '../../platform/events.js';
import type { Actor } from '../../platform/policy.js';
import { REALTIME_CLOSE, REALTIME_MAX_WATCHED, type RealtimeServerMessage, type Visibility } from '../../../shared/social.js';
import { resolveSession } from '../auth/auth.service.js';
import * as realtime from './realtime.service.js';

/**
 * Bytes a socket may have waiting to be written before the node stops sending to it. Event hints are
 * ids only (about 200 bytes), so this is several hundred events; beyond it the client is told to resync
 * once it has drained, and memory per socket stays bounded whatever the client does.
 */
export const BUFFER_LIMIT = 128 * 1024;
/** A socket that does not drain within this time is dropped; its client reconnects and resumes. */
const DRAIN_TIMEOUT_MS = 30_000;
const DRAIN_CHECK_MS = 200;
/** Events held for a socket while its subscriptions load or a replay runs. */
const PENDING_LIMIT = 1000;
/** Ids a socket remembers having sent, so that replays and catch-ups do not send them twice. */
const RECENT_IDS = 1024;
/** How often the session behind a socket and its subscriptions are checked again (jittered ±20 %). */
const RECHECK_MS = 60_000;
const RECHECK_TICK_MS = 5_000;
const PING_MS = 30_000;
/** Client messages allowed per window; a flood closes the socket. */
const MESSAGE_BURST = 30;
const MESSAGE_WINDOW_MS = 10_000;
/** Pruning runs this often on every node (the delete is idempotent, so nodes need not agree who does it). */
const PRUNE_EVERY_MS = 3600_000;
const VISIBILITY_TTL_MS = 30_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Conn {
  ws: WebSocket;
  actor: Actor;
  org: { id: string; requireTotp: boolean };
  token: string;
  sub: realtime.Subscription;
  /** Watched post id → its community (null on a profile). */
  watched: Map<string, string | null>;
  /** Index keys this socket is filed under. */
  keys: Set<string>;
  tagKeys: Set<string>;
  /** Live events are held in `pending` until subscriptions are loaded and while a replay runs. */
  phase: 'starting' | 'replaying' | 'live';
  pending: RealtimeEvent[];
  pendingOverflow: boolean;
  /** Stopped sending because the client reads too slowly; a resync follows once it drains. */
  overflowSince: number | null;
  drainTimer: NodeJS.Timeout | undefined;
  recent: Set<number>;
  /** Ring of the ids in `recent`, oldest at `recentAt`. */
  recentRing: number[];
  recentAt: number;
  alive: boolean;
  closed: boolean;
  nextCheck: number;
  refreshQueued: boolean;
  /** Client messages and refreshes run one at a time, in order. */
  work: Promise<void>;
  budget: number;
  budgetAt: number;
}

export interface Handshake {
  actor: Actor;
  org: { id: string; requireTotp: boolean };
  /** The session token, to check later that the session still exists. */
  token: string;
}

export interface HubStats {
  sockets: number;
  /** Largest number of bytes waiting on one socket right now. */
  maxBuffered: number;
  /** Times a socket was found too slow since the hub started. */
  overflows: number;
}

const key = (orgId: string, name: string) => `${orgId} ${name}`;
const jitter = (ms: number) => ms * (0.8 + Math.random() * 0.4);

/**
 * The sockets of this node. Events arrive once per audience from the bus and are fanned out here by
 * channel (`community:<id>` reaches the members connected to this node), so publishing costs the same
 * whatever the size of the audience. Each socket only ever receives channels its person may read.
 */
export class RealtimeHub {
  private readonly conns = new Set<Conn>();
  private readonly byChannel = new Map<string, Set<Conn>>();
  private readonly byTag = new Map<string, Set<Conn>>();
  private readonly tagFollowersPerOrg = new Map<string, number>();
  private readonly byUser = new Map<string, Set<Conn>>();
  private readonly visibility = new Map<string, { v: Visibility | null; at: number }>();
  private readonly serialized = new WeakMap<RealtimeEvent, Buffer>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly unsubscribe: (() => void)[] = [];
  private overflows = 0;
  private sent = 0;
  private checking = false;
  private stopped = false;
  private readonly metrics: { resyncs?: Counter<'reason'> } = {};

  constructor(
    private readonly ctx: Ctx,
    registry?: Registry,
  ) {
    if (registry) {
      const conns = this.conns;
      new Gauge({
        name: 'realtime_sockets',
        help: 'Open realtime WebSocket connections on this node',
        registers: [registry],
        collect() {
          this.set(conns.size);
        },
      });
      this.metrics.resyncs = new Counter({
        name: 'realtime_resyncs_total',
        help: 'Resyncs sent to clients, by reason (slow: the client read too slowly; behind: too much to replay)',
        labelNames: ['reason'],
        registers: [registry],
      });
      const sent = () => this.sent;
      new Counter({
        name: 'realtime_events_sent_total',
        help: 'Events written to sockets',
        registers: [registry],
        collect() {
          this.reset();
          this.inc(sent());
        },
      });
    }
  }

  /** Starts receiving events from the bus and the periodic checks. */
  start(): void {
    this.unsubscribe.push(this.ctx.bus.subscribe((e) => this.onEvent(e)));
    const off = this.ctx.bus.onGap?.((since) => void this.catchUp(since));
    if (off) {
      this.unsubscribe.push(off);
    }
    this.every(RECHECK_TICK_MS, () => void this.recheck());
    this.every(PING_MS, () => this.ping());
    const prune = setTimeout(
      () => {
        void this.prune();
        this.every(PRUNE_EVERY_MS, () => void this.prune());
      },
      60_000 + Math.random() * 9 * 60_000,
    );
    prune.unref();
    this.timers.push(prune);
  }

  /** Closes every socket with a code that makes clients reconnect, spread out, to another node. */
  close(): void {
    this.stopped = true;
    for (const off of this.unsubscribe) {
      off();
    }
    for (const t of this.timers) {
      clearInterval(t);
    }
    for (const c of [...this.conns]) {
      this.drop(c);
      c.ws.close(REALTIME_CLOSE.restart, 'restarting');
    }
  }

  stats(): HubStats {
    let maxBuffered = 0;
    for (const c of this.conns) {
      maxBuffered = Math.max(maxBuffered, c.ws.bufferedAmount);
    }
    return { sockets: this.conns.size, maxBuffered, overflows: this.overflows };
  }

  /** Takes over an upgraded socket whose person and origin were already checked. */
  accept(ws: WebSocket, hs: Handshake): void {
    const c: Conn = {
      ws,
      actor: hs.actor,
      org: hs.org,
      token: hs.token,
      sub: { memberships: new Map(), channels: new Set(), tags: new Set() },
      watched: new Map(),
      keys: new Set(),
      tagKeys: new Set(),
      phase: 'starting',
      pending: [],
      pendingOverflow: false,
      overflowSince: null,
      drainTimer: undefined,
      recent: new Set(),
      recentRing: [],
      recentAt: 0,
      alive: true,
      closed: false,
      nextCheck: Date.now() + jitter(RECHECK_MS),
      refreshQueued: false,
      work: Promise.resolve(),
      budget: MESSAGE_BURST,
      budgetAt: Date.now(),
    };
    if (this.stopped) {
      ws.close(REALTIME_CLOSE.restart, 'restarting');
      return;
    }
    this.conns.add(c);
    const users = this.byUser.get(key(c.actor.orgId, c.actor.userId)) ?? new Set();
    users.add(c);
    this.byUser.set(key(c.actor.orgId, c.actor.userId), users);
    ws.on('close', () => this.drop(c));
    ws.on('pong', () => {
      c.alive = true;
    });
    ws.on('message', (data, isBinary) => this.onMessage(c, data, isBinary));
    this.run(c, async () => {
      const sub = (await realtime.subscriptionsOf(this.ctx, [c.actor])).get(c.actor.userId);
      if (!sub || c.closed) {
        return;
      }
      this.setSubscription(c, sub);
      const lastId = await realtime.latestEventId(this.ctx);
      this.send(c, { type: 'ready', lastId });
      await this.goLive(c);
    });
  }

  private every(ms: number, fn: () => void): void {
    const t = setInterval(fn, ms);
    t.unref();
    this.timers.push(t);
  }

  /** Runs socket work in order; a failure closes the socket (the client reconnects) rather than leaving it half set up. */
  private run(c: Conn, fn: () => Promise<void>): void {
    c.work = c.work.then(fn).catch((err: unknown) => {
      this.ctx.log.warn({ err }, 'realtime socket failed');
      this.drop(c);
      c.ws.close(1011, 'server error');
    });
  }

  private drop(c: Conn): void {
    if (c.closed) {
      return;
    }
    c.closed = true;
    clearInterval(c.drainTimer);
    this.conns.delete(c);
    this.reindex(c, new Set(), new Set());
    const userKey = key(c.actor.orgId, c.actor.userId);
    const users = this.byUser.get(userKey);
    users?.delete(c);
    if (users?.size === 0) {
      this.byUser.delete(userKey);
    }
    c.pending = [];
  }

  private setSubscription(c: Conn, sub: realtime.Subscription): void {
    c.sub = sub;
    const channels = new Set([...sub.channels, ...[...c.watched.keys()].map((id) => `post:${id}`)]);
    this.reindex(c, new Set([...channels].map((ch) => key(c.actor.orgId, ch))), new Set([...sub.tags].map((t) => key(c.actor.orgId, t))));
  }

  private reindex(c: Conn, keys: Set<string>, tagKeys: Set<string>): void {
    for (const k of c.keys) {
      if (!keys.has(k)) {
        const set = this.byChannel.get(k);
        set?.delete(c);
        if (set?.size === 0) {
          this.byChannel.delete(k);
        }
      }
    }
    for (const k of keys) {
      if (!c.keys.has(k)) {
        const set = this.byChannel.get(k) ?? new Set();
        set.add(c);
        this.byChannel.set(k, set);
      }
    }
    c.keys = keys;
    const org = c.actor.orgId;
    for (const k of c.tagKeys) {
      if (!tagKeys.has(k)) {
        const set = this.byTag.get(k);
        set?.delete(c);
        if (set?.size === 0) {
          this.byTag.delete(k);
        }
      }
    }
    for (const k of tagKeys) {
      if (!c.tagKeys.has(k)) {
        const set = this.byTag.get(k) ?? new Set();
        set.add(c);
        this.byTag.set(k, set);
      }
    }
    const hadTags = c.tagKeys.size > 0;
    const hasTags = tagKeys.size > 0;
    if (hadTags !== hasTags) {
      const n = (this.tagFollowersPerOrg.get(org) ?? 0) + (hasTags ? 1 : -1);
      if (n > 0) {
        this.tagFollowersPerOrg.set(org, n);
      } else {
        this.tagFollowersPerOrg.delete(org);
      }
    }
    c.tagKeys = tagKeys;
  }

  private onEvent(e: RealtimeEvent): void {
    try {
      this.route(e);
    } catch (err) {
      this.ctx.log.warn({ err, eventId: e.id }, 'realtime event could not be routed');
    }
  }

  /**
   * Sends an event to the sockets of its channel, and a new post to those following one of its
   * hashtags who may read it. An event that names a community other than its channel's (a post on a
   * watched post's channel, a profile) reaches only those who may read that community.
   */
  private route(e: RealtimeEvent): void {
    const direct = [...(this.byChannel.get(key(e.orgId, e.channel)) ?? [])];
    if (e.channel.startsWith('user:') && (e.type === 'membership.changed' || e.type === 'follows.changed')) {
      for (const c of direct) {
        this.queueRefresh(c);
      }
    }
    const guard = guardedCommunity(e);
    const byTag =
      e.type === 'post.created' &&
      (this.tagFollowersPerOrg.get(e.orgId) ?? 0) > 0 &&
      (e.channel.startsWith('community:') || e.channel.startsWith('profile:'));
    if (guard === null && !byTag) {
      for (const c of direct) {
        this.deliver(c, e);
      }
      return;
    }
    this.routeChecked(e, direct, guard, byTag).catch((err: unknown) =>
      this.ctx.log.warn({ err, eventId: e.id }, 'realtime event could not be routed'),
    );
  }

  private async routeChecked(e: RealtimeEvent, direct: Conn[], guard: string | null, byTag: boolean): Promise<void> {
    const seen = new Set(direct);
    const followers: Conn[] = [];
    const channelCommunity = e.channel.startsWith('community:') ? e.channel.slice('community:'.length) : null;
    if (byTag && typeof e.payload.postId === 'string') {
      const given = Array.isArray(e.payload.tags) ? e.payload.tags.filter((t): t is string => typeof t === 'string') : null;
      const tags = given ?? (await realtime.tagsOfPosts(this.ctx, e.orgId, [e.payload.postId])).get(e.payload.postId) ?? [];
      for (const tag of tags) {
        for (const c of this.byTag.get(key(e.orgId, tag)) ?? []) {
          if (!seen.has(c)) {
            seen.add(c);
            followers.push(c);
          }
        }
      }
    }
    const needed = [guard, followers.length > 0 ? channelCommunity : null].filter((id): id is string => id !== null);
    const visibility = await this.visibilityOf(e.orgId, needed);
    for (const c of direct) {
      if (guard === null || this.mayRead(c, guard, visibility)) {
        this.deliver(c, e);
      }
    }
    for (const c of followers) {
      if (
        (channelCommunity === null || this.mayRead(c, channelCommunity, visibility)) &&
        (guard === null || this.mayRead(c, guard, visibility))
      ) {
        this.deliver(c, e);
      }
    }
  }

  private mayRead(c: Conn, communityId: string, visibility: Map<string, Visibility | null>): boolean {
    if (c.sub.memberships.get(communityId) === 'active') {
      return true;
    }
    const v = visibility.get(communityId);
    return v ? realtime.canReadCommunity(c.actor, c.sub, v)(communityId) : false;
  }

  /** Community visibility, cached briefly: a change reaches this check within VISIBILITY_TTL_MS. */
  private async visibilityOf(orgId: string, ids: readonly string[]): Promise<Map<string, Visibility | null>> {
    const now = Date.now();
    const out = new Map<string, Visibility | null>();
    const missing: string[] = [];
    for (const id of ids) {
      const hit = this.visibility.get(id);
      if (hit && now - hit.at < VISIBILITY_TTL_MS) {
        out.set(id, hit.v);
      } else {
        missing.push(id);
      }
    }
    if (missing.length > 0) {
      const found = await realtime.visibilityOf(this.ctx, orgId, missing);
      if (this.visibility.size > 10_000) {
        this.visibility.clear();
      }
      for (const id of missing) {
        const v = found.get(id) ?? null;
        this.visibility.set(id, { v, at: now });
        out.set(id, v);
      }
    }
    return out;
  }

  /** Sends one event, or holds it while the socket is not live; never queues beyond the limits. */
  private deliver(c: Conn, e: RealtimeEvent): void {
    if (c.closed) {
      return;
    }
    if (c.phase !== 'live') {
      if (c.pending.length >= PENDING_LIMIT) {
        c.pendingOverflow = true;
        c.pending = [];
      } else if (!c.pendingOverflow) {
        c.pending.push(e);
      }
      return;
    }
    if (c.recent.has(e.id) || c.overflowSince !== null) {
      return;
    }
    if (c.ws.bufferedAmount > BUFFER_LIMIT) {
      this.overflow(c);
      return;
    }
    c.recent.add(e.id);
    if (c.recentRing.length < RECENT_IDS) {
      c.recentRing.push(e.id);
    } else {
      c.recent.delete(c.recentRing[c.recentAt]!);
      c.recentRing[c.recentAt] = e.id;
      c.recentAt = (c.recentAt + 1) % RECENT_IDS;
    }
    // Encoded once per event, however many sockets it goes to.
    let frame = this.serialized.get(e);
    if (frame === undefined) {
      const message: RealtimeServerMessage = { type: 'event', id: e.id, channel: e.channel, event: e.type, payload: e.payload };
      frame = Buffer.from(JSON.stringify(message));
      this.serialized.set(e, frame);
    }
    c.ws.send(frame, { binary: false });
    this.sent += 1;
  }

  private send(c: Conn, message: RealtimeServerMessage): void {
    if (!c.closed) {
      c.ws.send(JSON.stringify(message));
    }
  }

  /** Stops sending to a socket that reads too slowly; once it drains, it is told to resync. */
  private overflow(c: Conn): void {
    c.overflowSince = Date.now();
    this.overflows += 1;
    clearInterval(c.drainTimer);
    c.drainTimer = setInterval(() => {
      if (c.closed) {
        clearInterval(c.drainTimer);
        return;
      }
      if (c.ws.bufferedAmount <= BUFFER_LIMIT / 4) {
        clearInterval(c.drainTimer);
        this.run(c, () => this.resync(c, 'slow'));
      } else if (Date.now() - c.overflowSince! > DRAIN_TIMEOUT_MS) {
        clearInterval(c.drainTimer);
        this.drop(c);
        c.ws.terminate();
      }
    }, DRAIN_CHECK_MS);
    c.drainTimer.unref();
  }

  /** Tells the client to refetch what it shows and continue from the newest id; ends an overflow. */
  private async resync(c: Conn, reason: 'slow' | 'behind', lastId?: number): Promise<void> {
    const id = lastId ?? (await realtime.latestEventId(this.ctx));
    c.overflowSince = null;
    this.metrics.resyncs?.inc({ reason });
    this.send(c, { type: 'resync', lastId: id });
  }

  private async goLive(c: Conn): Promise<void> {
    const held = c.pending;
    const lost = c.pendingOverflow;
    c.pending = [];
    c.pendingOverflow = false;
    c.phase = 'live';
    if (lost) {
      await this.resync(c, 'slow');
      return;
    }
    for (const e of held) {
      this.deliver(c, e);
    }
  }

  private onMessage(c: Conn, data: RawData, isBinary: boolean): void {
    const now = Date.now();
    c.budget = Math.min(MESSAGE_BURST, c.budget + ((now - c.budgetAt) / MESSAGE_WINDOW_MS) * MESSAGE_BURST);
    c.budgetAt = now;
    if (c.budget < 1) {
      this.drop(c);
      c.ws.close(REALTIME_CLOSE.policy, 'too many messages');
      return;
    }
    c.budget -= 1;
    const message = isBinary ? null : parseClientMessage(rawText(data));
    if (!message) {
      this.send(c, { type: 'error', code: 'BAD_MESSAGE', message: 'This message is not understood.' });
      return;
    }
    if (message.type === 'resume') {
      this.run(c, () => this.resume(c, message.lastId));
    } else {
      this.run(c, () => this.watch(c, message.postIds));
    }
  }

  private async resume(c: Conn, lastId: number): Promise<void> {
    if (c.closed) {
      return;
    }
    c.phase = 'replaying';
    const r = await realtime.replay(this.ctx, c.actor, c.sub, c.watched.keys(), lastId);
    if (r.kind === 'resync') {
      await this.resync(c, 'behind', r.lastId);
      await this.goLive(c);
      return;
    }
    const visibility = await this.visibilityOf(
      c.actor.orgId,
      r.events.flatMap((e) => guardedCommunity(e) ?? []),
    );
    c.phase = 'live';
    let count = 0;
    for (const e of r.events) {
      const guard = guardedCommunity(e);
      if (guard === null || this.mayRead(c, guard, visibility)) {
        this.deliver(c, e);
        count += 1;
      }
    }
    this.send(c, { type: 'resumed', lastId: r.lastId, count });
    await this.goLive(c);
  }

  private async watch(c: Conn, postIds: string[]): Promise<void> {
    if (c.closed) {
      return;
    }
    const readable = await realtime.watchablePosts(this.ctx, c.actor, postIds);
    c.watched = readable;
    this.setSubscription(c, c.sub);
    this.send(c, { type: 'watching', postIds: [...readable.keys()] });
  }

  private queueRefresh(c: Conn): void {
    if (c.refreshQueued) {
      return;
    }
    c.refreshQueued = true;
    this.run(c, async () => {
      c.refreshQueued = false;
      await this.refresh([c]);
    });
  }

  /** Reloads memberships, follows and watched posts: a left community or a post gone private stops at once. */
  private async refresh(conns: Conn[]): Promise<void> {
    const open = conns.filter((c) => !c.closed);
    const subs = await realtime.subscriptionsOf(
      this.ctx,
      open.map((c) => c.actor),
    );
    for (const c of open) {
      if (c.watched.size > 0) {
        c.watched = await realtime.watchablePosts(this.ctx, c.actor, [...c.watched.keys()]);
      }
      const sub = subs.get(c.actor.userId);
      if (sub && !c.closed) {
        this.setSubscription(c, sub);
      }
    }
  }

  /**
   * Closes sockets whose session ended (sign-out, expiry, deactivation) and refreshes the others'
   * subscriptions; each socket is due about once a minute (`now` moves the clock, for tests).
   */
  async recheck(now = Date.now()): Promise<void> {
    if (this.checking) {
      return;
    }
    this.checking = true;
    try {
      const due = [...this.conns].filter((c) => c.phase === 'live' && c.nextCheck <= now);
      const alive: Conn[] = [];
      for (const c of due) {
        c.nextCheck = now + jitter(RECHECK_MS);
        const session = await resolveSession(this.ctx, c.org, c.token, { touch: false });
        if (!session || session.actor.userId !== c.actor.userId) {
          this.drop(c);
          c.ws.close(REALTIME_CLOSE.sessionEnded, 'session ended');
          continue;
        }
        c.actor = session.actor;
        alive.push(c);
      }
      if (alive.length > 0) {
        await this.refresh(alive);
      }
    } catch (err) {
      this.ctx.log.warn({ err }, 'realtime recheck failed');
    } finally {
      this.checking = false;
    }
  }

  private ping(): void {
    for (const c of this.conns) {
      if (!c.alive) {
        this.drop(c);
        c.ws.terminate();
        continue;
      }
      c.alive = false;
      c.ws.ping();
    }
  }

  /** After losing the link to the other nodes: replays what they published meanwhile, or asks everyone to resync. */
  private async catchUp(since: Date): Promise<void> {
    try {
      const events = await realtime.eventsSince(this.ctx, since);
      if (events === null) {
        const lastId = await realtime.latestEventId(this.ctx);
        for (const c of this.conns) {
          if (c.phase === 'live') {
            await this.resync(c, 'behind', lastId);
          }
        }
        return;
      }
      for (const e of events) {
        this.onEvent(e);
      }
    } catch (err) {
      this.ctx.log.warn({ err }, 'realtime catch-up failed');
    }
  }

  private async prune(): Promise<void> {
    try {
      const n = await realtime.pruneEvents(this.ctx);
      if (n > 0) {
        this.ctx.log.info({ deleted: n }, 'pruned realtime events');
      }
    } catch (err) {
      this.ctx.log.warn({ err }, 'pruning realtime events failed');
    }
  }

  /** Sockets of this person on this node (tests and diagnostics). */
  socketsOf(orgId: string, userId: string): number {
    return this.byUser.get(key(orgId, userId))?.size ?? 0;
  }
}

/**
 * The community an event names when its channel does not already stand for it (a post on a profile
 * or on a watched post's channel): only those who may read that community receive it. Events on
 * `user:<id>` are addressed to that person (their invitation to a secret community, say) and pass.
 */
function guardedCommunity(e: RealtimeEvent): string | null {
  const communityId = e.payload.communityId;
  if (typeof communityId !== 'string' || e.channel.startsWith('user:') || e.channel === `community:${communityId}`) {
    return null;
  }
  return communityId;
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) {
    return Buffer.concat(data).toString('utf8');
  }
  return Buffer.from(data as Buffer).toString('utf8');
}

type ClientMessage = { type: 'resume'; lastId: number } | { type: 'watch'; postIds: string[] };

/** Validates a client message; anything else is refused without closing the socket. */
export function parseClientMessage(text: string): ClientMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) {
    return null;
  }
  const m = value as Record<string, unknown>;
  if (m.type === 'resume' && typeof m.lastId === 'number' && Number.isSafeInteger(m.lastId) && m.lastId >= 0) {
    return { type: 'resume', lastId: m.lastId };
  }
  if (m.type === 'watch' && Array.isArray(m.postIds) && m.postIds.length <= REALTIME_MAX_WATCHED * 5) {
    const ids = [...new Set(m.postIds.filter((id): id is string => typeof id === 'string' && UUID.test(id)))];
    return { type: 'watch', postIds: ids.slice(0, REALTIME_MAX_WATCHED) };
  }
  return null;
}
