import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { badRequest, conflict, notFound, unprocessable } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { requireAction, type Actor } from '../../platform/policy.js';
import { BADGE_RULES, type BadgeIcon } from '../../../shared/recognition.js';
import { notify } from '../notifications/notifications.service.js';
import { writeAndPublish } from '../posts/posts.content.js';
import { ensureRuleBadges } from './badges.rules.js';
import * as q from './badges.queries.js';
import type { AdminBadge, BadgeCaseItem, RecognitionPrefs } from './badges.schemas.js';
import { gamificationFor } from './recognition.settings.js';

/** Custom badges one organisation may have (archived ones count): enough for any company, bounded for every list. */
export const MAX_CUSTOM_BADGES = 200;

const DEFAULT_PREFS: RecognitionPrefs = { hideFromLeaderboards: false, birthday: null, celebrateBirthday: false };

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether 'MM-DD' is a day of some year: 02-29 is (people born on it celebrate on 02-28 in other years). */
export function isCalendarDay(mmdd: string): boolean {
  const m = /^(\d{2})-(\d{2})$/.exec(mmdd);
  if (!m) {
    return false;
  }
  const month = Number(m[1]);
  const day = Number(m[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1]!;
}

function caseItem(r: q.CaseRow): BadgeCaseItem {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    icon: r.icon,
    rule: r.rule,
    awardedAt: r.awardedAt,
    reason: r.reason,
    hidden: r.hidden,
  };
}

function adminView(r: q.BadgeRow & { holders: number }): AdminBadge {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    icon: r.icon,
    rule: r.rule,
    archived: r.archivedAt !== null,
    holders: r.holders,
  };
}

/**
 * A person's badge case. Hidden badges only to the person themselves; nothing at all when badges are
 * switched off for the person (the company's setting or their office's country), for them too.
 */
export async function personBadges(ctx: Ctx, actor: Actor, personId: string): Promise<{ items: BadgeCaseItem[] }> {
  requireAction(actor, 'recognition.read');
  if (!(await q.peopleStatus(ctx.db, actor.orgId, [personId])).has(personId)) {
    throw notFound('person');
  }
  if (!(await gamificationFor(ctx.db, actor.orgId, [personId])).get(personId)) {
    return { items: [] };
  }
  const rows = await q.badgeCase(ctx.db, actor.orgId, personId, personId === actor.userId);
  return { items: rows.map(caseItem) };
}

/** Hides one of one's own badges from everyone else, or shows it again. */
export async function setOwnBadgeHidden(ctx: Ctx, actor: Actor, badgeId: string, hidden: boolean): Promise<BadgeCaseItem> {
  requireAction(actor, 'recognition.give');
  if (!(await q.setBadgeHidden(ctx.db, actor.orgId, actor.userId, badgeId, hidden))) {
    throw notFound('badge');
  }
  const item = (await q.badgeCase(ctx.db, actor.orgId, actor.userId, true)).find((r) => r.id === badgeId);
  if (!item) {
    throw notFound('badge');
  }
  return caseItem(item);
}

/** One's own recognition preferences (the defaults until saved). */
export async function getPrefs(ctx: Ctx, actor: Actor): Promise<RecognitionPrefs> {
  requireAction(actor, 'recognition.read');
  return (await q.prefsOf(ctx.db, actor.orgId, actor.userId)) ?? DEFAULT_PREFS;
}

/** Changes one's own recognition preferences; a birthday must be a real day ('02-29' included). */
export async function updatePrefs(ctx: Ctx, actor: Actor, patch: Partial<RecognitionPrefs>): Promise<RecognitionPrefs> {
  requireAction(actor, 'recognition.give');
  if (patch.birthday !== undefined && patch.birthday !== null && !isCalendarDay(patch.birthday)) {
    throw badRequest('INVALID_BIRTHDAY', 'Give the birthday as month and day, like 03-14, on a day that exists.');
  }
  return ctx.db.transaction().execute(async (trx) => {
    const current = (await q.prefsOf(trx, actor.orgId, actor.userId)) ?? DEFAULT_PREFS;
    const next: RecognitionPrefs = {
      hideFromLeaderboards: patch.hideFromLeaderboards ?? current.hideFromLeaderboards,
      birthday: patch.birthday !== undefined ? patch.birthday : current.birthday,
      celebrateBirthday: patch.celebrateBirthday ?? current.celebrateBirthday,
    };
    await q.savePrefs(trx, actor.orgId, actor.userId, next);
    return next;
  });
}

/** Every badge of the organisation for administrators: the rule badges (created on first need), then custom ones. */
export async function listBadges(ctx: Ctx, actor: Actor): Promise<{ items: AdminBadge[] }> {
  requireAction(actor, 'recognition.admin');
  await ensureRuleBadges(ctx.db, actor.orgId);
  return { items: (await q.badgesWithHolders(ctx.db, actor.orgId, BADGE_RULES)).map(adminView) };
}

async function adminBadge(ctx: Ctx, orgId: string, id: string): Promise<AdminBadge> {
  const [row] = await q.badgesWithHolders(ctx.db, orgId, BADGE_RULES, id);
  if (!row) {
    throw notFound('badge');
  }
  return adminView(row);
}

function requireName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) {
    throw badRequest('EMPTY_NAME', 'Give the badge a name.');
  }
  return trimmed;
}

const nameTaken = () => conflict('BADGE_NAME_TAKEN', 'Another badge already has this name.');

/** Creates a custom badge, awarded by hand by administrators. Audited. */
export async function createBadge(
  ctx: Ctx,
  actor: Actor,
  input: { name: string; description?: string | undefined; icon?: BadgeIcon | undefined },
): Promise<AdminBadge> {
  requireAction(actor, 'recognition.admin');
  const name = requireName(input.name);
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    if ((await q.customBadgeCount(trx, actor.orgId)) >= MAX_CUSTOM_BADGES) {
      throw conflict('TOO_MANY_BADGES', `An organisation can have at most ${MAX_CUSTOM_BADGES} badges of its own.`, {
        limit: MAX_CUSTOM_BADGES,
      });
    }
    if (await q.badgeNameTaken(trx, actor.orgId, name)) {
      throw nameTaken();
    }
    const row = { id, orgId: actor.orgId, name, description: input.description?.trim() ?? '', icon: input.icon ?? 'award' };
    await q.insertBadge(trx, { ...row, createdBy: actor.userId });
    await audit(trx, { orgId: actor.orgId, actorId: actor.userId, action: 'badge.create', targetId: id, data: { name, icon: row.icon } });
  });
  return adminBadge(ctx, actor.orgId, id);
}

/**
 * Renames, redescribes, changes the icon of, archives or restores a badge (rule badges included: an
 * organisation may rename them or stop awarding them). Archived badges stay with the people who hold
 * them but are no longer awarded. Audited.
 */
export async function updateBadge(
  ctx: Ctx,
  actor: Actor,
  id: string,
  patch: { name?: string | undefined; description?: string | undefined; icon?: BadgeIcon | undefined; archived?: boolean | undefined },
): Promise<AdminBadge> {
  requireAction(actor, 'recognition.admin');
  const name = patch.name === undefined ? undefined : requireName(patch.name);
  await ctx.db.transaction().execute(async (trx) => {
    const badge = await q.lockBadge(trx, actor.orgId, id);
    if (!badge) {
      throw notFound('badge');
    }
    const archived = patch.archived ?? badge.archivedAt !== null;
    const checkName = !archived && ((name !== undefined && name !== badge.name) || (badge.archivedAt !== null && patch.archived === false));
    if (checkName && (await q.badgeNameTaken(trx, actor.orgId, name ?? badge.name, id))) {
      throw nameTaken();
    }
    const change = {
      ...(name !== undefined ? { name } : {}),
      ...(patch.description !== undefined ? { description: patch.description.trim() } : {}),
      ...(patch.icon !== undefined ? { icon: patch.icon } : {}),
      ...(patch.archived !== undefined && patch.archived !== (badge.archivedAt !== null)
        ? { archivedAt: patch.archived ? new Date() : null }
        : {}),
    };
    if (Object.keys(change).length === 0) {
      return;
    }
    await q.updateBadge(trx, actor.orgId, id, change);
    await audit(trx, { orgId: actor.orgId, actorId: actor.userId, action: 'badge.update', targetId: id, data: change });
  });
  return adminBadge(ctx, actor.orgId, id);
}

/**
 * Awards a custom badge by hand to people, with an optional reason shown in their badge case. People
 * for whom badges are switched off are left out; people who already hold it keep their first award.
 * Those who receive it are notified. Audited.
 */
export async function awardBadge(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { userIds: string[]; reason?: string | undefined },
): Promise<{ badge: AdminBadge; awarded: string[]; alreadyHeld: string[]; gamificationOff: string[] }> {
  requireAction(actor, 'recognition.admin');
  const userIds = [...new Set(input.userIds)];
  const reason = input.reason?.trim() || null;
  const result = await writeAndPublish(ctx, async (trx) => {
    // The lock keeps an award and an archiving of the same badge in order.
    const badge = await q.lockBadge(trx, actor.orgId, id);
    if (!badge) {
      throw notFound('badge');
    }
    if (badge.rule !== null) {
      throw unprocessable('RULE_BADGE', 'This badge is earned through activity; it cannot be awarded by hand.');
    }
    if (badge.archivedAt !== null) {
      throw unprocessable('BADGE_ARCHIVED', 'This badge is archived. Restore it to award it again.');
    }
    const status = await q.peopleStatus(trx, actor.orgId, userIds);
    if (userIds.some((u) => !status.has(u))) {
      throw notFound('person');
    }
    const inactive = userIds.filter((u) => status.get(u) !== 'active');
    if (inactive.length > 0) {
      throw unprocessable('PERSON_INACTIVE', 'Badges can only be awarded to active people.', { userIds: inactive });
    }
    const gamification = await gamificationFor(trx, actor.orgId, userIds);
    const eligible = userIds.filter((u) => gamification.get(u) === true);
    const given = await q.insertUserBadges(
      trx,
      eligible.map((userId) => ({ orgId: actor.orgId, userId, badgeId: id, awardedBy: actor.userId, reason })),
    );
    const awarded = new Set(given.map((g) => g.userId));
    const outcome = {
      awarded: eligible.filter((u) => awarded.has(u)),
      alreadyHeld: eligible.filter((u) => !awarded.has(u)),
      gamificationOff: userIds.filter((u) => gamification.get(u) !== true),
    };
    if (outcome.awarded.length > 0) {
      await audit(trx, {
        orgId: actor.orgId,
        actorId: actor.userId,
        action: 'badge.award',
        targetId: id,
        data: { userIds: outcome.awarded, reason },
      });
    }
    const events = await notify(
      trx,
      outcome.awarded.map((userId) => ({
        orgId: actor.orgId,
        userId,
        type: 'badge' as const,
        actorId: actor.userId,
        data: { badgeId: id, name: badge.name, rule: null, icon: badge.icon, reason },
      })),
    );
    return { result: outcome, events };
  });
  return { badge: await adminBadge(ctx, actor.orgId, id), ...result };
}
