import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Ctx } from './context.js';
import type { Notice } from './events.js';

/** Whose data an entry holds: dropped with its person, and with its whole organisation. */
export interface Scope {
  orgId: string;
  userId: string;
}

interface Entry<V> {
  key: string;
  orgId: string;
  userKey: string;
  value: V;
  tags: readonly string[];
  expiresAt: number;
}

/**
 * A per-node cache of what the database says, least recently used out, for reads far more frequent than
 * the writes that change them. The database stays the truth; an entry is dropped
 * - when its person or organisation becomes stale: every successful write through the API says so to
 *   every node (`installStaleNotices`), and a gap on the bus (notices may have been lost) drops everything;
 * - when one of its tags does (the owner decides what a tag is, e.g. a post the entry shows);
 * - at the latest after `ttlMs`, which bounds what a lost notice or a write from outside the server
 *   (a command-line import) can cost.
 *
 * A value computed while its organisation changed is not stored (`begin`/`store` compare a generation),
 * so a slow read cannot put back what a write has just dropped.
 */
export class ScopedCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly byTag = new Map<string, Set<string>>();
  private readonly byUser = new Map<string, Set<string>>();
  private readonly generations = new Map<string, number>();

  constructor(
    readonly maxEntries: number,
    readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.maxEntries > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const e = this.entries.get(key);
    if (!e) {
      return undefined;
    }
    if (e.expiresAt <= this.now()) {
      this.remove(e);
      return undefined;
    }
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.value;
  }

  /** The organisation's generation, read before computing a value to store. */
  begin(orgId: string): number {
    return this.generations.get(orgId) ?? 0;
  }

  /** Keeps a value computed since `begin`, unless something in its organisation became stale meanwhile. */
  store(scope: Scope, key: string, generation: number, value: V, tags: readonly string[] = []): void {
    if (!this.enabled || this.begin(scope.orgId) !== generation) {
      return;
    }
    const old = this.entries.get(key);
    if (old) {
      this.remove(old);
    }
    const e: Entry<V> = {
      key,
      orgId: scope.orgId,
      userKey: userKey(scope.orgId, scope.userId),
      value,
      tags: [...new Set(tags)],
      expiresAt: this.now() + this.ttlMs,
    };
    this.entries.set(key, e);
    index(this.byUser, e.userKey, key);
    for (const tag of e.tags) {
      index(this.byTag, tag, key);
    }
    while (this.entries.size > this.maxEntries) {
      this.remove(this.entries.values().next().value!);
    }
  }

  /** Changes a stored value in place (keeping its expiry), when the caller knows exactly what changed. */
  update(key: string, change: (value: V) => V): void {
    const e = this.entries.get(key);
    if (e) {
      e.value = change(e.value);
    }
  }

  delete(key: string): void {
    const e = this.entries.get(key);
    if (e) {
      this.remove(e);
    }
  }

  dropOrg(orgId: string): void {
    this.bump(orgId);
    for (const e of [...this.entries.values()]) {
      if (e.orgId === orgId) {
        this.remove(e);
      }
    }
  }

  dropUser(orgId: string, userId: string): void {
    this.bump(orgId);
    this.dropKeys(this.byUser.get(userKey(orgId, userId)));
  }

  dropTag(orgId: string, tag: string): void {
    this.bump(orgId);
    this.dropKeys(this.byTag.get(tag));
  }

  clear(): void {
    // Values being computed must not be stored either, in any organisation seen so far.
    for (const orgId of new Set([...this.generations.keys(), ...[...this.entries.values()].map((e) => e.orgId)])) {
      this.bump(orgId);
    }
    this.entries.clear();
    this.byTag.clear();
    this.byUser.clear();
  }

  onNotice(n: Notice): void {
    if (n.userId) {
      this.dropUser(n.orgId, n.userId);
    } else {
      this.dropOrg(n.orgId);
    }
  }

  private bump(orgId: string): void {
    this.generations.set(orgId, (this.generations.get(orgId) ?? 0) + 1);
  }

  private dropKeys(keys: Set<string> | undefined): void {
    for (const key of [...(keys ?? [])]) {
      const e = this.entries.get(key);
      if (e) {
        this.remove(e);
      }
    }
  }

  private remove(e: Entry<V>): void {
    this.entries.delete(e.key);
    unindex(this.byUser, e.userKey, e.key);
    for (const tag of e.tags) {
      unindex(this.byTag, tag, e.key);
    }
  }
}

const userKey = (orgId: string, userId: string) => `${orgId}:${userId}`;

function index(map: Map<string, Set<string>>, at: string, key: string): void {
  let set = map.get(at);
  if (!set) {
    set = new Set();
    map.set(at, set);
  }
  set.add(key);
}

function unindex(map: Map<string, Set<string>>, at: string, key: string): void {
  const set = map.get(at);
  if (set?.delete(key) && set.size === 0) {
    map.delete(at);
  }
}

/**
 * Writes that change nothing anyone else's cached reads show, or whose effect on them travels as
 * realtime events which the caches follow (reactions and comments on `post:<id>`, follows on
 * `user:<id>`). They make only the writer stale; every other write makes its whole organisation stale,
 * which is always safe.
 */
const PERSONAL_WRITES = new Set([
  'PUT /api/posts/:id/reaction',
  'DELETE /api/posts/:id/reaction',
  'PUT /api/comments/:id/reaction',
  'DELETE /api/comments/:id/reaction',
  'PUT /api/posts/:id/bookmark',
  'DELETE /api/posts/:id/bookmark',
  'POST /api/posts/:id/comments',
  'PATCH /api/comments/:id',
  'DELETE /api/comments/:id',
  'PUT /api/people/:id/follow',
  'DELETE /api/people/:id/follow',
  'PUT /api/hashtags/:tag/follow',
  'DELETE /api/hashtags/:tag/follow',
  'POST /api/attachments',
  'POST /api/reports',
  'POST /api/notifications/read',
  'PUT /api/me/notification-settings',
  'PATCH /api/me/notification-settings',
  'POST /api/auth/sign-out',
  'POST /api/auth/sign-out-everywhere',
  'POST /api/me/password',
  'POST /api/me/totp',
  'POST /api/me/totp/enable',
  'POST /api/me/totp/disable',
  'POST /api/me/tokens',
  'DELETE /api/me/tokens/:id',
]);

/** Writes without a signed-in person that change nothing a cache holds (a failed sign-in counts only failures). */
const HARMLESS_ANONYMOUS_WRITES = new Set(['POST /api/auth/sign-in', 'POST /api/auth/password-reset']);

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function staleAfter(req: FastifyRequest): Notice | undefined {
  if (!WRITES.has(req.method)) {
    return undefined;
  }
  const route = `${req.method} ${req.routeOptions.url ?? ''}`;
  if (req.actor) {
    const personal = PERSONAL_WRITES.has(route);
    return { topic: 'stale', orgId: req.actor.orgId, ...(personal ? { userId: req.actor.userId } : {}) };
  }
  // A password reset ends the person's sessions; an accepted invitation adds someone.
  return req.org && !HARMLESS_ANONYMOUS_WRITES.has(route) ? { topic: 'stale', orgId: req.org.id } : undefined;
}

/**
 * Tells every node what a write made stale, before its answer leaves, so that the writer's next read
 * already misses it (on other nodes, as soon as the notice arrives over the bus).
 */
export function installStaleNotices(app: FastifyInstance, ctx: Ctx): void {
  app.addHook('onSend', async (req, reply, payload) => {
    // A refused write changed nothing; a failed one may have committed before it failed.
    const notice = reply.statusCode < 400 || reply.statusCode >= 500 ? staleAfter(req) : undefined;
    if (notice) {
      await ctx.bus.notice(notice);
    }
    return payload;
  });
}

/** Keeps a cache in step with the bus: notices from every node, and a gap (some may be lost) drops everything. */
export function followNotices(app: FastifyInstance, ctx: Ctx, cache: ScopedCache<unknown>): void {
  const offs = [ctx.bus.onNotice((n) => cache.onNotice(n)), ctx.bus.onGap?.(() => cache.clear()) ?? (() => undefined)];
  app.addHook('onClose', async () => offs.forEach((off) => off()));
}
