import { stringify } from 'csv-stringify/sync';
import { SHARE_NETWORKS, type AdvocacyInsightsDto, type ShareNetwork } from '../../../shared/advocacy.js';
import type { Ctx } from '../../platform/context.js';
import { badRequest, notFound } from '../../platform/errors.js';
import { requireAction, type Actor } from '../../platform/policy.js';
import * as q from './insights.queries.js';
import type { InsightTable, InsightsCsvQuery, InsightsQuery } from './insights.schemas.js';

/** Days shown when no range is asked for, and the most one request may cover. */
export const DEFAULT_DAYS = 30;
export const MAX_DAYS = 366;
/** Items and campaigns listed as the top ones. */
const TOP = 10;

const DAY_MS = 86_400_000;
const dayOf = (d: Date) => d.toISOString().slice(0, 10);
const parseDay = (s: string) => new Date(`${s}T00:00:00Z`);

/** The range of a request, checked: by default the last 30 days up to today (UTC). */
export function rangeOf(from: string | undefined, to: string | undefined, now = new Date()): { from: string; to: string; days: number } {
  const end = to ?? dayOf(now);
  const start = from ?? dayOf(new Date(parseDay(end).getTime() - (DEFAULT_DAYS - 1) * DAY_MS));
  const days = Math.round((parseDay(end).getTime() - parseDay(start).getTime()) / DAY_MS) + 1;
  if (Number.isNaN(days)) {
    throw badRequest('INVALID_RANGE', 'The dates are not valid.');
  }
  if (days < 1) {
    throw badRequest('INVALID_RANGE', 'The range ends before it starts.');
  }
  if (days > MAX_DAYS) {
    throw badRequest('RANGE_TOO_LONG', `A range may cover at most ${MAX_DAYS} days.`, { maxDays: MAX_DAYS });
  }
  return { from: start, to: end, days };
}

/** Every day of the range, oldest first. */
export function daysBetween(from: string, days: number): string[] {
  const start = parseDay(from).getTime();
  return Array.from({ length: days }, (_, i) => dayOf(new Date(start + i * DAY_MS)));
}

const ratio = (part: number, whole: number, digits = 4) => {
  const f = 10 ** digits;
  return whole > 0 ? Math.min(1, Math.round((part / whole) * f) / f) : 0;
};

/** Adds up counts by one of their keys. */
function sumBy(rows: readonly q.DayNetworkCount[], key: 'day' | 'network'): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) {
    out.set(r[key], (out.get(r[key]) ?? 0) + r.n);
  }
  return out;
}

/**
 * Advocacy insights of a period (and maybe one campaign): totals, per network, per day with the
 * empty days, top items and campaigns, and participation per department. Aggregates only.
 */
export async function insights(ctx: Ctx, actor: Actor, query: InsightsQuery): Promise<AdvocacyInsightsDto> {
  requireAction(actor, 'advocacy.insights');
  const { from, to, days } = rangeOf(query.from, query.to);
  const campaignId = query.campaignId ?? null;
  if (campaignId && !(await q.campaignExists(ctx.db, actor.orgId, campaignId))) {
    throw notFound('campaign');
  }
  const scope: q.InsightScope = { orgId: actor.orgId, from, to, campaignId };
  const [shares, clicks, distinct, items, campaigns, departments] = await Promise.all([
    q.sharesByDayAndNetwork(ctx.db, scope),
    q.clicksByDayAndNetwork(ctx.db, scope),
    q.distinctCounts(ctx.db, scope),
    q.topItems(ctx.db, scope, TOP),
    q.topCampaigns(ctx.db, scope, TOP),
    q.participationByDepartment(ctx.db, scope),
  ]);
  const sharesByDay = sumBy(shares, 'day');
  const clicksByDay = sumBy(clicks, 'day');
  const sharesByNetwork = sumBy(shares, 'network');
  const clicksByNetwork = sumBy(clicks, 'network');
  const totalShares = shares.reduce((n, r) => n + r.n, 0);
  const totalClicks = clicks.reduce((n, r) => n + r.n, 0);
  return {
    from,
    to,
    totals: {
      shares: totalShares,
      clicks: totalClicks,
      visitors: distinct.visitors,
      sharers: distinct.sharers,
      activePeople: distinct.activePeople,
      participation: ratio(distinct.sharers, distinct.activePeople),
    },
    byNetwork: SHARE_NETWORKS.map((network: ShareNetwork) => {
      const s = sharesByNetwork.get(network) ?? 0;
      const c = clicksByNetwork.get(network) ?? 0;
      return { network, shares: s, clicks: c, clicksPerShare: s > 0 ? Math.round((c / s) * 100) / 100 : 0 };
    }),
    overTime: daysBetween(from, days).map((day) => ({ day, shares: sharesByDay.get(day) ?? 0, clicks: clicksByDay.get(day) ?? 0 })),
    topItems: items.map((r) => ({ id: r.id, title: r.name, shares: r.shares, clicks: r.clicks })),
    topCampaigns: campaigns,
    byDepartment: departments.map((d) => ({ ...d, participation: ratio(d.sharers, d.people) })),
  };
}

/** Prefixes a cell a spreadsheet would evaluate as a formula with an apostrophe (CSV injection). */
const FORMULA = /^'*[=+\-@\t\r]/;
export const csvText = (v: string) => (FORMULA.test(v) ? `'${v}` : v);

type Cell = string | number;

/** The header and rows of one table of the insights, as the CSV carries them. */
export function csvTable(data: AdvocacyInsightsDto, table: InsightTable): { columns: string[]; rows: Cell[][] } {
  switch (table) {
    case 'overTime':
      return { columns: ['day', 'shares', 'clicks'], rows: data.overTime.map((r) => [r.day, r.shares, r.clicks]) };
    case 'byNetwork':
      return {
        columns: ['network', 'shares', 'clicks', 'clicks_per_share'],
        rows: data.byNetwork.map((r) => [r.network, r.shares, r.clicks, r.clicksPerShare]),
      };
    case 'topItems':
      return {
        columns: ['item_id', 'title', 'shares', 'clicks'],
        rows: data.topItems.map((r) => [r.id, csvText(r.title), r.shares, r.clicks]),
      };
    case 'topCampaigns':
      return {
        columns: ['campaign_id', 'name', 'shares', 'clicks'],
        rows: data.topCampaigns.map((r) => [r.id, csvText(r.name), r.shares, r.clicks]),
      };
    case 'byDepartment':
      return {
        columns: ['department_id', 'department', 'active_people', 'sharers', 'participation_pct'],
        rows: data.byDepartment.map((r) => [
          r.id ?? '',
          r.id === null ? '(no department)' : csvText(r.name),
          r.people,
          r.sharers,
          Math.round(r.participation * 1000) / 10,
        ]),
      };
  }
}

/** One table of the insights as CSV, with the same filters as the page, and its file name. */
export async function insightsCsv(ctx: Ctx, actor: Actor, query: InsightsCsvQuery): Promise<{ csv: string; fileName: string }> {
  const data = await insights(ctx, actor, { from: query.from, to: query.to, campaignId: query.campaignId });
  const { columns, rows } = csvTable(data, query.table);
  return {
    csv: stringify(rows, { header: true, columns, bom: true }),
    fileName: `advocacy-${query.table}-${data.from}-${data.to}.csv`,
  };
}
