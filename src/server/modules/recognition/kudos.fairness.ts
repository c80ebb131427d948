import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { unprocessable } from '../../platform/errors.js';
import type { RealtimeEvent } from '../../platform/events.js';
import { newId } from '../../platform/ids.js';
import { notify } from '../notifications/notifications.service.js';
import * as q from './kudos.queries.js';
import type { RecognitionSettings } from './recognition.settings.js';

/**
 * Fairness of points: a cap on what one giver can pour onto one colleague, and flags on "rings" —
 * two or three people passing points around among themselves. Rings are flagged for an administrator
 * to look at, never blocked: close teammates thank each other often, and only a person can tell.
 */

const DAY_MS = 24 * 60 * 60_000;

/**
 * When points passed around a closed loop of people (A→B→A, or A→B→C→A, points on every step) look
 * like farming rather than thanks. Only the last `windowDays` count: about one allowance month, so
 * that a loop is judged on what its members could give at once. It is flagged when either:
 * - every step of the loop carries at least `minKudosPerEdge` kudos with points — thanking the same
 *   person once or twice a month is ordinary teamwork, three times each way around a loop is a habit;
 * - or the points passed around the loop reach `minPoints` — half of the default monthly allowance
 *   circulating inside a closed group, however few kudos carried it.
 */
export const RING_THRESHOLD = { windowDays: 30, minKudosPerEdge: 3, minPoints: 50 } as const;

/**
 * Refuses a gift that would take what this giver gave one recipient within the company's window past
 * the company's per-recipient limit (a limit of 0 switches the rule off). `points` holds what each
 * recipient would get now.
 */
export async function checkRecipientLimit(
  trx: Transaction<DB>,
  orgId: string,
  giverId: string,
  points: ReadonlyMap<string, number>,
  settings: Pick<RecognitionSettings, 'recipientLimit' | 'recipientLimitDays'>,
  names: ReadonlyMap<string, string>,
  now: Date,
): Promise<void> {
  const receiving = [...points].filter(([, p]) => p > 0).map(([id]) => id);
  if (settings.recipientLimit <= 0 || receiving.length === 0) {
    return;
  }
  const since = new Date(now.getTime() - settings.recipientLimitDays * DAY_MS);
  const given = await q.pointsGivenTo(trx, orgId, giverId, receiving, since);
  const over = receiving
    .map((id) => ({ id, remaining: Math.max(0, settings.recipientLimit - (given.get(id) ?? 0)) }))
    .filter((r) => r.remaining < (points.get(r.id) ?? 0));
  if (over.length === 0) {
    return;
  }
  const first = over[0]!;
  const who = over.length === 1 ? (names.get(first.id) ?? 'this colleague') : 'some of these colleagues';
  throw unprocessable(
    'RECIPIENT_LIMIT',
    over.length === 1
      ? `You can give ${who} at most ${first.remaining} more points for now: one person can receive at most ${settings.recipientLimit} points from you in ${settings.recipientLimitDays} days.`
      : `You have given ${who} as many points as the company allows in ${settings.recipientLimitDays} days (${settings.recipientLimit} each).`,
    { limit: settings.recipientLimit, days: settings.recipientLimitDays, recipients: over },
  );
}

/** A loop of people passing points around, as flagged. */
export interface Ring {
  /** Sorted, so that one loop has one key whichever way and wherever it is entered. */
  members: string[];
  kudosIds: string[];
  points: number;
}

export const ringKey = (members: readonly string[]) => [...members].sort().join(',');

/**
 * The rings of two or three people through the steps giver→recipient that meet `RING_THRESHOLD`, from
 * the kudos with points of the window. Kudos up to an administrator's last review of a ring
 * (`reviewedAt`, by ring key) no longer count for it: a dismissed ring is flagged again only when it
 * meets the threshold anew.
 */
export function ringsThrough(
  edges: readonly q.EdgeRow[],
  giverId: string,
  recipientIds: readonly string[],
  reviewedAt: ReadonlyMap<string, Date> = new Map(),
): Ring[] {
  const steps = new Map<string, q.EdgeRow[]>();
  const next = new Map<string, Set<string>>();
  for (const e of edges) {
    if (e.points <= 0 || e.from === e.to) {
      continue;
    }
    const key = `${e.from}>${e.to}`;
    steps.set(key, [...(steps.get(key) ?? []), e]);
    next.set(e.from, (next.get(e.from) ?? new Set()).add(e.to));
  }
  const has = (from: string, to: string) => steps.has(`${from}>${to}`);
  const loops: string[][] = [];
  for (const r of new Set(recipientIds)) {
    if (r === giverId || !has(giverId, r)) {
      continue;
    }
    if (has(r, giverId)) {
      loops.push([giverId, r]);
    }
    for (const x of next.get(r) ?? []) {
      if (x !== giverId && x !== r && has(x, giverId)) {
        loops.push([giverId, r, x]);
      }
    }
  }
  const rings = new Map<string, Ring>();
  for (const loop of loops) {
    const key = ringKey(loop);
    const since = reviewedAt.get(key);
    const around = loop.map((from, i) =>
      (steps.get(`${from}>${loop[(i + 1) % loop.length]}`) ?? []).filter((e) => !since || e.createdAt > since),
    );
    if (around.some((s) => s.length === 0)) {
      continue;
    }
    const points = around.flat().reduce((sum, e) => sum + e.points, 0);
    const often = around.every((s) => s.length >= RING_THRESHOLD.minKudosPerEdge);
    if (!often && points < RING_THRESHOLD.minPoints) {
      continue;
    }
    const kudosIds = [...new Set(around.flat().map((e) => e.kudosId))].sort();
    const seen = rings.get(key);
    // The same people can loop both ways round; the flag keeps the heavier direction.
    if (!seen || seen.points < points) {
      rings.set(key, { members: key.split(','), kudosIds, points });
    }
  }
  return [...rings.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, ring]) => ring);
}

/**
 * After a gift, flags the rings it closes or grows: an open flag per ring (one at a time, kept by a
 * unique index), its kudos and points updated as the ring grows; administrators outside the ring are
 * notified once, when the flag opens. Returns the events to publish after commit.
 */
export async function flagRings(
  trx: Transaction<DB>,
  orgId: string,
  giverId: string,
  recipientIds: readonly string[],
  now: Date,
): Promise<RealtimeEvent[]> {
  if (recipientIds.length === 0) {
    return [];
  }
  const since = new Date(now.getTime() - RING_THRESHOLD.windowDays * DAY_MS);
  const [edges, reviewed] = await Promise.all([
    q.pointEdges(trx, orgId, [giverId, ...recipientIds], giverId, since),
    q.reviewedRings(trx, orgId, giverId),
  ]);
  const reviewedAt = new Map(reviewed.filter((r) => r.reviewedAt).map((r) => [ringKey(r.members), new Date(r.reviewedAt!)]));
  const events: RealtimeEvent[] = [];
  let admins: string[] | undefined;
  // Rings come sorted by key, so concurrent gifts touch the flags in one order and cannot deadlock.
  for (const ring of ringsThrough(edges, giverId, recipientIds, reviewedAt)) {
    const flag = await q.upsertOpenRing(trx, { id: newId(), orgId, ...ring, createdAt: now });
    if (!flag.opened) {
      continue;
    }
    admins ??= await q.administrators(trx, orgId);
    events.push(
      ...(await notify(
        trx,
        admins
          .filter((id) => !ring.members.includes(id))
          .map((userId) => ({
            orgId,
            userId,
            type: 'recognition_flag' as const,
            actorId: null,
            data: { flagId: flag.id, kind: 'ring', people: ring.members.length, points: ring.points },
          })),
      )),
    );
  }
  return events;
}
