import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { RealtimeEvent } from '../../platform/events.js';
import { newId } from '../../platform/ids.js';
import { BADGE_RULES, type BadgeIcon, type BadgeRule } from '../../../shared/recognition.js';
import { ADVOCACY_DEFAULTS } from '../../../shared/advocacy.js';
import { notify } from '../notifications/notifications.service.js';
import { gamificationFor } from './recognition.settings.js';
import * as q from './badges.queries.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * What each rule badge is called when an organisation first needs it. The web app shows rule badges
 * in the reader's language by their rule key; these names are what the API and administrators start
 * from (administrators may rename them).
 */
export const RULE_BADGES: Record<BadgeRule, { name: string; description: string; icon: BadgeIcon }> = {
  first_post: { name: 'First post', description: 'Wrote a first post.', icon: 'pencil' },
  first_kudos_given: { name: 'First thanks', description: 'Gave kudos for the first time.', icon: 'heart' },
  kudos_received_10: { name: 'Ten kudos', description: 'Received 10 kudos.', icon: 'star' },
  best_answer: { name: 'Best answer', description: 'Wrote an answer chosen as the best.', icon: 'bulb' },
  five_departments: {
    name: 'Bridge builder',
    description: 'Gave kudos to people in 5 different departments.',
    icon: 'building-bridge',
  },
  streak_4_weeks: { name: 'Steady thanks', description: 'Gave kudos in each of 4 consecutive weeks.', icon: 'flame' },
  first_share: { name: 'First share', description: 'Shared company news outside for the first time.', icon: 'rocket' },
  reach_100: { name: 'Hundred visitors', description: 'Brought 100 visitors through shared links.', icon: 'target' },
  reach_1000: { name: 'Thousand visitors', description: 'Brought 1,000 visitors through shared links.', icon: 'world' },
};

/** Kudos received for `kudos_received_10`. */
const KUDOS_RECEIVED = 10;
/** Departments thanked for `five_departments`. */
const DEPARTMENTS_THANKED = 5;
/** Consecutive ISO weeks of giving for `streak_4_weeks`. */
const STREAK_WEEKS = 4;
/** Distinct visitors over all of a person's tracked links for `reach_100` and `reach_1000`. */
const [REACH_100 = 100, REACH_1000 = 1000] = ADVOCACY_DEFAULTS.reachMilestones;

/**
 * Who among these people meets each rule, one query per rule whatever the number of people.
 * `best_answer` has nothing to look at yet: posts have no questions and answers, so nobody can earn it
 * until they do (the badge exists so that organisations can see and rename it).
 */
const earners: Record<BadgeRule, ((db: Executor, orgId: string, userIds: readonly string[]) => Promise<string[]>) | null> = {
  first_post: q.peopleWhoPosted,
  first_kudos_given: q.peopleWhoGaveKudos,
  kudos_received_10: (db, orgId, ids) => q.peopleWithKudosReceived(db, orgId, ids, KUDOS_RECEIVED),
  best_answer: null,
  five_departments: (db, orgId, ids) => q.peopleWhoThankedDepartments(db, orgId, ids, DEPARTMENTS_THANKED),
  streak_4_weeks: (db, orgId, ids) => q.peopleWithGivingStreak(db, orgId, ids, STREAK_WEEKS),
  first_share: q.peopleWhoShared,
  reach_100: (db, orgId, ids) => q.peopleWithReach(db, orgId, ids, REACH_100),
  reach_1000: (db, orgId, ids) => q.peopleWithReach(db, orgId, ids, REACH_1000),
};

/** The organisation's rule badges, creating those it does not have yet (once, whatever runs at the same time). */
export async function ensureRuleBadges(db: Executor, orgId: string): Promise<Map<BadgeRule, q.BadgeRow>> {
  let rows = await q.ruleBadges(db, orgId);
  const have = new Set(rows.map((r) => r.rule));
  const missing = BADGE_RULES.filter((rule) => !have.has(rule));
  if (missing.length > 0) {
    await q.insertRuleBadges(
      db,
      missing.map((rule) => ({ id: newId(), orgId, rule, ...RULE_BADGES[rule] })),
    );
    rows = await q.ruleBadges(db, orgId);
  }
  const known = new Set<string>(BADGE_RULES);
  return new Map(rows.filter((r) => r.rule !== null && known.has(r.rule)).map((r) => [r.rule as BadgeRule, r]));
}

/**
 * Awards the rule badges (first post, first kudos given, …) these people have just earned, in the
 * transaction of the activity that earned them; returns the notification events to publish.
 *
 * Only the rules a person does not hold yet are looked at, for people whose gamification is on, and
 * never for an archived badge. A fixed number of queries whatever the number of people. The insert
 * ignores badges already held, so two activities at the same moment award (and notify) once.
 * `only` limits the rules looked at, for an activity that can only earn some (a post: `first_post`).
 */
export async function awardRuleBadges(
  trx: Transaction<DB>,
  orgId: string,
  userIds: readonly string[],
  only?: readonly BadgeRule[],
): Promise<RealtimeEvent[]> {
  // Sorted, so that concurrent awards insert in one order and never wait on each other in a cycle.
  const people = [...new Set(userIds)].sort();
  if (people.length === 0) {
    return [];
  }
  const badges = await ensureRuleBadges(trx, orgId);
  const rules = (only ?? BADGE_RULES).filter((rule) => earners[rule] !== null && badges.get(rule)?.archivedAt === null);
  if (rules.length === 0) {
    return [];
  }
  const badgeIds = rules.map((rule) => badges.get(rule)!.id);
  const held = new Set((await q.heldBadges(trx, orgId, people, badgeIds)).map((h) => `${h.userId}:${h.badgeId}`));
  const open = (rule: BadgeRule) => people.filter((id) => !held.has(`${id}:${badges.get(rule)!.id}`));
  if (rules.every((rule) => open(rule).length === 0)) {
    return [];
  }
  const gamification = await gamificationFor(
    trx,
    orgId,
    people.filter((id) => rules.some((rule) => open(rule).includes(id))),
  );
  const earned: { rule: BadgeRule; userId: string }[] = [];
  for (const rule of rules) {
    const candidates = open(rule).filter((id) => gamification.get(id) === true);
    if (candidates.length > 0) {
      for (const userId of await earners[rule]!(trx, orgId, candidates)) {
        earned.push({ rule, userId });
      }
    }
  }
  const awarded = await q.insertUserBadges(
    trx,
    earned.map((e) => ({ orgId, userId: e.userId, badgeId: badges.get(e.rule)!.id, awardedBy: null, reason: null })),
  );
  const byId = new Map([...badges.values()].map((b) => [b.id, b]));
  return notify(
    trx,
    awarded.map((a) => {
      const badge = byId.get(a.badgeId)!;
      return {
        orgId,
        userId: a.userId,
        type: 'badge' as const,
        actorId: null,
        data: { badgeId: badge.id, name: badge.name, rule: badge.rule, icon: badge.icon },
      };
    }),
  );
}
