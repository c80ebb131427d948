import type { Ctx } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { conflict } from '../../platform/errors.js';
import { requireAction, type Actor } from '../../platform/policy.js';
import {
  ADVOCACY_DEFAULTS,
  type AdvocacySettingsDto,
  type GuidelinesDto,
  type LeaderboardRowDto,
  type MyAdvocacyDto,
} from '../../../shared/advocacy.js';
import { photoUrl } from '../../../shared/urls.js';
import { writeAndPublish } from '../posts/posts.content.js';
import { awardAndList, REACH_BADGES, weekStart } from './motivation.js';
import * as q from './motivation.queries.js';
import { ADVOCACY_BOARD_LIMIT, type AdvocacyBoardPeriod, type AdvocacyBoardQuery, type MyAdvocacyPatch } from './motivation.schemas.js';
import { loadAdvocacySettings, saveAdvocacySettings, type AdvocacySettings, type AdvocacySettingsPatch } from './settings.js';

const settingsDto = (s: AdvocacySettings): AdvocacySettingsDto => ({
  guidelines: s.guidelines,
  guidelinesVersion: s.guidelinesVersion,
  pointsPerShare: s.pointsPerShare,
  pointsCapPerWeek: s.pointsCapPerWeek,
});

/** The company's social media guidelines (current version) and when the reader accepted them. */
export async function getGuidelines(ctx: Ctx, actor: Actor): Promise<GuidelinesDto> {
  requireAction(actor, 'advocacy.share');
  const s = await loadAdvocacySettings(ctx.db, actor.orgId);
  const at = await q.acceptedAt(ctx.db, actor.orgId, actor.userId, s.guidelinesVersion);
  return { html: s.guidelinesHtml, markdown: s.guidelines, version: s.guidelinesVersion, acceptedAt: at?.toISOString() ?? null };
}

/**
 * Records that the reader accepted this version of the guidelines (again is fine). A version that is
 * no longer current is refused (409 GUIDELINES_CHANGED): they read a text that has since changed.
 */
export async function acceptGuidelines(ctx: Ctx, actor: Actor, version: number): Promise<GuidelinesDto> {
  requireAction(actor, 'advocacy.share');
  const s = await loadAdvocacySettings(ctx.db, actor.orgId);
  if (version !== s.guidelinesVersion) {
    throw conflict('GUIDELINES_CHANGED', 'The guidelines have changed since you read them. Please read them again.', {
      version: s.guidelinesVersion,
    });
  }
  await q.insertAcceptance(ctx.db, actor.orgId, actor.userId, version);
  return getGuidelines(ctx, actor);
}

/** The organisation's advocacy settings (communications staff and administrators). */
export async function getSettings(ctx: Ctx, actor: Actor): Promise<AdvocacySettingsDto> {
  requireAction(actor, 'advocacy.manage');
  return settingsDto(await loadAdvocacySettings(ctx.db, actor.orgId));
}

/**
 * Changes some advocacy settings. New guidelines raise their version, so everyone accepts them again
 * before their next share. Audited with the changed values (the guidelines text by its new version only).
 */
export async function updateSettings(ctx: Ctx, actor: Actor, patch: AdvocacySettingsPatch): Promise<AdvocacySettingsDto> {
  requireAction(actor, 'advocacy.manage');
  const change = { ...patch, ...(patch.guidelines !== undefined ? { guidelines: patch.guidelines.trim() } : {}) };
  return ctx.db.transaction().execute(async (trx) => {
    const { settings, guidelinesChanged } = await saveAdvocacySettings(trx, actor.orgId, change);
    const { guidelines: _text, ...values } = change;
    await audit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'advocacy.settings',
      data: { ...values, ...(guidelinesChanged ? { guidelinesVersion: settings.guidelinesVersion } : {}) },
    });
    return settingsDto(settings);
  });
}

/**
 * The reader's own advocacy: shares, clicks and visitors over all time, this week's points against the
 * cap, whether they accepted the current guidelines and left the leaderboard. Reach badges are looked
 * at here too (the click path must stay fast, so it never awards them), only once the first milestone
 * is reached.
 */
export async function getMine(ctx: Ctx, actor: Actor): Promise<MyAdvocacyDto> {
  requireAction(actor, 'advocacy.share');
  const [settings, totals, points, hidden, guidelines] = await Promise.all([
    loadAdvocacySettings(ctx.db, actor.orgId),
    q.totalsOf(ctx.db, actor.orgId, actor.userId),
    q.sharePointsSince(ctx.db, actor.orgId, actor.userId, weekStart()),
    q.hideFromLeaderboard(ctx.db, actor.orgId, actor.userId),
    q.guidelinesState(ctx.db, actor.orgId, actor.userId),
  ]);
  if (totals.visitors >= Math.min(...ADVOCACY_DEFAULTS.reachMilestones)) {
    await writeAndPublish(ctx, async (trx) => ({
      result: null,
      events: (await awardAndList(trx, actor.orgId, [actor.userId], REACH_BADGES)).events,
    }));
  }
  return {
    ...totals,
    pointsThisWeek: points,
    pointsCapPerWeek: settings.pointsCapPerWeek,
    pointsPerShare: settings.pointsPerShare,
    hideFromLeaderboard: hidden,
    guidelinesAccepted: guidelines.accepted,
  };
}

/** Leaves (or comes back to) the advocacy leaderboard. */
export async function updateMine(ctx: Ctx, actor: Actor, patch: MyAdvocacyPatch): Promise<MyAdvocacyDto> {
  requireAction(actor, 'advocacy.share');
  await q.saveHideFromLeaderboard(ctx.db, actor.orgId, actor.userId, patch.hideFromLeaderboard);
  return getMine(ctx, actor);
}

/** The first instant of the period containing `now`, in UTC; null for all time. */
export function boardSince(period: AdvocacyBoardPeriod, now: Date = new Date()): Date | null {
  switch (period) {
    case 'week':
      return weekStart(now);
    case 'month':
      return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    case 'all':
      return null;
  }
}

/**
 * The advocacy leaderboard of the period, by shares then clicks. People who left it or left the
 * company are not listed; the reader's own row always comes back (rank 0 when they are not ranked).
 */
export async function leaderboard(
  ctx: Ctx,
  actor: Actor,
  query: AdvocacyBoardQuery,
): Promise<{ items: LeaderboardRowDto[]; me: LeaderboardRowDto | null }> {
  requireAction(actor, 'advocacy.share');
  const limit = query.limit ?? ADVOCACY_BOARD_LIMIT.default;
  const rows = await q.boardRows(ctx.db, {
    orgId: actor.orgId,
    since: boardSince(query.period ?? 'month'),
    limit,
    viewerId: actor.userId,
  });
  const dto = (r: q.AdvocacyBoardRow): LeaderboardRowDto => ({
    rank: r.rank,
    person: { id: r.userId, name: r.name, photoUrl: photoUrl(r.userId, r.photoKey) },
    shares: Number(r.shares),
    clicks: Number(r.clicks),
  });
  const mine = rows.find((r) => r.userId === actor.userId);
  return { items: rows.filter((r) => r.n >= 1 && r.n <= limit).map(dto), me: mine ? dto(mine) : null };
}
