import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { conflict } from '../../platform/errors.js';
import type { RealtimeEvent } from '../../platform/events.js';
import type { ShareNetwork } from '../../../shared/advocacy.js';
import type { BadgeRule } from '../../../shared/recognition.js';
import { awardRuleBadges, ensureRuleBadges } from '../recognition/badges.rules.js';
import { heldBadges } from '../recognition/badges.queries.js';
import { appendEntries, lockPeople } from '../recognition/ledger.js';
import { gamificationFor } from '../recognition/recognition.settings.js';
import * as q from './motivation.queries.js';
import { loadAdvocacySettings } from './settings.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** A share just recorded, for the points and badges it may earn. */
export interface RecordedShare {
  id: string;
  userId: string;
  itemId: string;
  network: ShareNetwork;
}

/** The badges sharing can earn: the first share, and reach (visitors over all of one's links). */
export const SHARE_BADGES: readonly BadgeRule[] = ['first_share', 'reach_100', 'reach_1000'];
export const REACH_BADGES: readonly BadgeRule[] = ['reach_100', 'reach_1000'];

/** The first instant of the ISO week (Monday 00:00 UTC) containing `now`: points are capped per week. */
export function weekStart(now: Date = new Date()): Date {
  const day = (now.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - day));
}

/**
 * Throws 409 GUIDELINES_NOT_ACCEPTED (details: { version }) unless the person has accepted the
 * current version of the company's social media guidelines.
 */
export async function requireGuidelinesAccepted(db: Executor, orgId: string, userId: string): Promise<void> {
  const state = await q.guidelinesState(db, orgId, userId);
  if (!state.accepted) {
    throw conflict('GUIDELINES_NOT_ACCEPTED', 'Read and accept the social media guidelines before sharing.', {
      version: state.version,
    });
  }
}

/**
 * Awards the rule badges among `rules` these people earned (in the caller's transaction) and tells
 * which ones each got now: the notification events alone do not say, and a person may have turned
 * badge notifications off.
 */
export async function awardAndList(
  trx: Transaction<DB>,
  orgId: string,
  userIds: readonly string[],
  rules: readonly BadgeRule[],
): Promise<{ events: RealtimeEvent[]; awarded: { userId: string; rule: BadgeRule }[] }> {
  const badges = await ensureRuleBadges(trx, orgId);
  const ids = rules.flatMap((rule) => {
    const b = badges.get(rule);
    return b ? [b.id] : [];
  });
  const key = (h: { userId: string; badgeId: string }) => `${h.userId}:${h.badgeId}`;
  const before = new Set((await heldBadges(trx, orgId, userIds, ids)).map(key));
  const events = await awardRuleBadges(trx, orgId, userIds, rules);
  const ruleOf = new Map([...badges.entries()].map(([rule, b]) => [b.id, rule]));
  const awarded = (await heldBadges(trx, orgId, userIds, ids))
    .filter((h) => !before.has(key(h)))
    .map((h) => ({ userId: h.userId, rule: ruleOf.get(h.badgeId)! }));
  return { events, awarded };
}

/**
 * The points (through the recognition ledger, within the weekly cap, only for the first share of an
 * item to a network) and badges a share earns, in the share's transaction. Sets `shares.points`.
 * Returns the notification events to publish after commit.
 *
 * The person is locked first, so that two shares at the same moment are counted one after the other
 * and cannot both pass the cap (or both count as the first share of an item to a network).
 */
export async function rewardShare(
  trx: Transaction<DB>,
  orgId: string,
  share: RecordedShare,
): Promise<{ points: number; badges: string[]; events: RealtimeEvent[] }> {
  const active = await lockPeople(trx, orgId, [share.userId]);
  if (!active.has(share.userId)) {
    return { points: 0, badges: [], events: [] };
  }
  const [settings, gamification, repeat, earned] = await Promise.all([
    loadAdvocacySettings(trx, orgId),
    gamificationFor(trx, orgId, [share.userId]),
    q.sharedBefore(trx, orgId, share),
    q.sharePointsSince(trx, orgId, share.userId, weekStart()),
  ]);
  const points =
    gamification.get(share.userId) === true && !repeat
      ? Math.max(0, Math.min(settings.pointsPerShare, settings.pointsCapPerWeek - earned))
      : 0;
  if (points > 0) {
    await appendEntries(trx, [
      {
        orgId,
        userId: share.userId,
        account: 'received',
        delta: points,
        period: null,
        reason: 'share',
        kudosId: null,
        redemptionId: null,
        awardId: null,
        shareId: share.id,
      },
    ]);
    await q.setSharePoints(trx, orgId, share.id, points);
  }
  const { events, awarded } = await awardAndList(trx, orgId, [share.userId], SHARE_BADGES);
  return { points, badges: awarded.map((a) => a.rule), events };
}
