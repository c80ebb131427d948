import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { recordEvents, type RealtimeEvent } from '../../platform/events.js';
import { newId } from '../../platform/ids.js';
import { SOCIAL_LIMITS, type SyncKind } from '../../../shared/social.js';
import * as q from './communities.queries.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Automatic membership: All company holds every active person, and a community that follows a
 * department, team or location holds the active people placed directly in it. Sub-departments do
 * not count: a department's community is for the people the organisation places there, so that
 * moving a department in the tree never reshuffles thousands of memberships behind anyone's back.
 *
 * These functions are called by the domains that change people's placement or status, inside their
 * own transaction, after their own access checks.
 */

/** Above this many changes at once (an import, a demo load) no realtime events are written; clients resync on reconnect. */
const EVENT_LIMIT = 1000;

const ALL_COMPANY_NAME = 'All company';
const ALL_COMPANY_SLUG = 'all-company';

/** Slugs the API uses as paths next to community ids. */
const RESERVED_SLUGS = new Set(['suggest', 'new']);
const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a slug may be used: not a reserved word, and not shaped like an id (addresses accept both). */
export function slugAllowed(slug: string): boolean {
  return !RESERVED_SLUGS.has(slug) && !UUID_SHAPE.test(slug);
}

/** A URL-friendly form of a name: "Città & Caffè!" → "citta-caffe". */
export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SOCIAL_LIMITS.communitySlug - 6)
    .replace(/-+$/, '');
  if (base.length >= 2 && slugAllowed(base)) {
    return base;
  }
  return base ? `community-${base}`.slice(0, SOCIAL_LIMITS.communitySlug - 6).replace(/-+$/, '') : 'community';
}

/** The base slug when it is free, otherwise the base with the smallest free numeric suffix. */
export async function uniqueSlug(db: Executor, orgId: string, base: string): Promise<string> {
  const taken = await q.slugsLike(db, orgId, base);
  if (!taken.has(base)) {
    return base;
  }
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) {
      return candidate;
    }
  }
}

/** Creates the organisation's All company community if it has none; returns its id. */
export async function ensureAllCompany(db: Executor, orgId: string): Promise<string> {
  for (;;) {
    const existing = await q.allCompanyId(db, orgId);
    if (existing) {
      return existing;
    }
    const id = newId();
    const slug = await uniqueSlug(db, orgId, ALL_COMPANY_SLUG);
    if (await q.insertAllCompany(db, { id, orgId, name: ALL_COMPANY_NAME, slug })) {
      return id;
    }
  }
}

/**
 * Brings these people's automatic memberships (or, without ids, everyone's in the organisation) in
 * line with their placement and status: All company and the communities following their department,
 * team or location. Call it in the same transaction as any change to people's placement or status,
 * and publish the returned events after commit. Opens its own transaction when given none.
 * `statusChanged`: these people were just deactivated or reactivated, which changes the member
 * count of every community they are in, not only the automatic ones.
 */
export async function syncAutomaticMemberships(
  db: Executor,
  orgId: string,
  userIds?: readonly string[],
  opts: { statusChanged?: boolean } = {},
): Promise<RealtimeEvent[]> {
  if (!db.isTransaction) {
    return db.transaction().execute((trx) => syncAutomaticMemberships(trx, orgId, userIds, opts));
  }
  if (userIds && userIds.length === 0) {
    return [];
  }
  await ensureAllCompany(db, orgId);
  return applySync(db, orgId, { userIds: userIds ? [...new Set(userIds)] : undefined }, opts);
}

/**
 * Turns the communities following a department, team or location that is about to be deleted into
 * ordinary communities, keeping their members. Call it before the delete, in the same transaction.
 */
export async function releaseSyncedCommunities(db: Executor, orgId: string, kind: SyncKind, id: string): Promise<string[]> {
  return q.releaseSync(db, orgId, kind, id);
}

/**
 * Applies automatic membership within a scope (some people, some communities, or the whole
 * organisation), keeps the member counts of the communities it touched right and records a
 * `membership.changed` event for each person whose membership changed.
 */
export async function applySync(
  db: Executor,
  orgId: string,
  scope: q.SyncScope,
  opts: { statusChanged?: boolean } = {},
): Promise<RealtimeEvent[]> {
  const { added, removed } = await q.syncMembers(db, orgId, scope);
  const changed = [...added, ...removed];
  if (!scope.userIds && !scope.communityIds) {
    await q.recountMembers(db, orgId, 'all');
  } else if (scope.communityIds) {
    await q.recountMembers(db, orgId, scope.communityIds);
  } else if (opts.statusChanged) {
    // A person's status counts in every community they are in, automatic or not.
    const theirs = await q.communitiesOf(db, orgId, scope.userIds!);
    await q.recountMembers(db, orgId, [...theirs, ...removed.map((r) => r.communityId)]);
  } else {
    // Everyone added is an active person; a removed row counted only if its person is active.
    const deltas = new Map<string, number>();
    for (const a of added) {
      deltas.set(a.communityId, (deltas.get(a.communityId) ?? 0) + 1);
    }
    for (const r of removed.filter((x) => x.counted)) {
      deltas.set(r.communityId, (deltas.get(r.communityId) ?? 0) - 1);
    }
    await q.addToMemberCounts(db, orgId, deltas);
  }
  if (changed.length === 0 || changed.length > EVENT_LIMIT) {
    return [];
  }
  return recordEvents(
    db,
    changed.map((c) => ({
      orgId,
      channel: `user:${c.userId}`,
      type: 'membership.changed' as const,
      payload: { communityId: c.communityId },
    })),
  );
}
