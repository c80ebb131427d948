import type { Ctx } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { requireAction, type Actor } from '../../platform/policy.js';
import { photoUrl } from '../../../shared/urls.js';
import type { LeaderboardPeriod } from '../../../shared/recognition.js';
import { recognitionSettings } from './recognition.settings.js';
import * as q from './leaderboards.queries.js';
import { LEADERBOARD_LIMIT, type LeaderboardQuery, type LeaderboardView } from './leaderboards.schemas.js';

/** The first instant of the period containing `now`, in UTC; null for all time. */
export function periodStart(period: LeaderboardPeriod, now: Date = new Date()): Date | null {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  switch (period) {
    case 'month':
      return new Date(Date.UTC(y, m, 1));
    case 'quarter':
      return new Date(Date.UTC(y, m - (m % 3), 1));
    case 'year':
      return new Date(Date.UTC(y, 0, 1));
    case 'all':
      return null;
  }
}

/**
 * A leaderboard: the most recognised (`received`) or most recognising (`given`) people of the period,
 * optionally within a department or for one company value. Private kudos count (they are recognition
 * too) but nothing of their content is shown. People whose points are off, who asked to be hidden or
 * who left are not ranked. A board the company switched off answers `enabled: false` with no entries,
 * and so do both boards when points are off for the whole company.
 */
export async function leaderboard(ctx: Ctx, actor: Actor, query: LeaderboardQuery, now: Date = new Date()): Promise<LeaderboardView> {
  requireAction(actor, 'recognition.read');
  const board = query.board ?? 'received';
  const period = query.period ?? 'month';
  const [settings, department, value] = await Promise.all([
    recognitionSettings(ctx.db, actor.orgId),
    query.departmentId ? q.departmentExists(ctx.db, actor.orgId, query.departmentId) : true,
    query.valueId ? q.valueExists(ctx.db, actor.orgId, query.valueId) : true,
  ]);
  if (!department) {
    throw notFound('department');
  }
  if (!value) {
    throw notFound('value');
  }
  const enabled = settings.gamification && settings.leaderboards[board];
  if (!enabled) {
    return { board, period, enabled, entries: [], me: null };
  }
  const limit = query.limit ?? LEADERBOARD_LIMIT.default;
  const rows = await q.boardRows(ctx.db, {
    orgId: actor.orgId,
    board,
    since: periodStart(period, now),
    departmentId: query.departmentId ?? null,
    valueId: query.valueId ?? null,
    offCountries: settings.gamificationOffCountries.map((c) => c.toUpperCase()),
    limit,
    viewerId: actor.userId,
  });
  const mine = rows.find((r) => r.userId === actor.userId);
  return {
    board,
    period,
    enabled,
    entries: rows
      .filter((r) => r.n <= limit)
      .map((r) => ({
        rank: r.rank,
        person: { id: r.userId, name: r.name, title: r.title, photoUrl: photoUrl(r.userId, r.photoKey) },
        points: r.points,
        kudos: r.kudos,
      })),
    me: mine ? { rank: mine.rank, points: mine.points, kudos: mine.kudos } : null,
  };
}
