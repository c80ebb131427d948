import type { Ctx } from '../../platform/context.js';
import { badRequest, notFound } from '../../platform/errors.js';
import { requireAction, type Actor } from '../../platform/policy.js';
import { photoUrl } from '../../../shared/urls.js';
import { UNRECOGNISED_DAYS } from '../../../shared/recognition.js';
import * as iq from './insights.queries.js';
import { departmentExists, teamExists } from './leaderboards.queries.js';
import {
  UNRECOGNISED_PAGE,
  type InsightsQuery,
  type InsightsView,
  type UnrecognisedPage,
  type UnrecognisedQuery,
} from './leaderboards.schemas.js';

const DAY_MS = 86_400_000;
/** Weeks shown when no range is asked for. */
export const DEFAULT_WEEKS = 12;
/** The longest range one request may cover (two years, a leap day included). */
export const MAX_RANGE_DAYS = 731;

/** Midnight UTC of a 'YYYY-MM-DD' day. */
const dayStart = (day: string) => new Date(`${day}T00:00:00.000Z`);
const dayOf = (at: Date) => at.toISOString().slice(0, 10);
/** The Monday (UTC) of the ISO week containing `at`. */
function mondayOf(at: Date): Date {
  const midnight = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  return new Date(midnight - ((new Date(midnight).getUTCDay() + 6) % 7) * DAY_MS);
}

/**
 * The days an insight covers, both included, as a half-open range of instants: by default the twelve
 * ISO weeks ending with this one. Refuses a range that ends before it starts or spans more than two years.
 */
export function insightsRange(query: Pick<InsightsQuery, 'from' | 'to'>, now: Date = new Date()): iq.Range & { days: number } {
  const last = query.to ? dayStart(query.to) : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const first = query.from ? dayStart(query.from) : new Date(mondayOf(last).getTime() - (DEFAULT_WEEKS - 1) * 7 * DAY_MS);
  if (Number.isNaN(first.getTime()) || Number.isNaN(last.getTime())) {
    throw badRequest('INVALID_RANGE', 'Give days as YYYY-MM-DD.');
  }
  if (first > last) {
    throw badRequest('INVALID_RANGE', 'The range must start on or before the day it ends.', { from: dayOf(first), to: dayOf(last) });
  }
  const days = Math.round((last.getTime() - first.getTime()) / DAY_MS) + 1;
  if (days > MAX_RANGE_DAYS) {
    throw badRequest('RANGE_TOO_LONG', 'Look at two years at most at a time.', { maxDays: MAX_RANGE_DAYS });
  }
  return { from: first, to: new Date(last.getTime() + DAY_MS), days };
}

/** The Mondays of every ISO week the range touches, as 'YYYY-MM-DD'. */
export function weeksOf(range: iq.Range): string[] {
  const weeks: string[] = [];
  for (let at = mondayOf(range.from).getTime(); at < range.to.getTime(); at += 7 * DAY_MS) {
    weeks.push(dayOf(new Date(at)));
  }
  return weeks;
}

/**
 * Whose recognition the viewer may study: everyone for HR and administrators, otherwise the people who
 * report to them, directly or not. A department or team outside a manager's reports simply holds none of them.
 */
async function scopeFor(ctx: Ctx, actor: Actor, filter: { departmentId?: string | undefined; teamId?: string | undefined }) {
  requireAction(actor, 'recognition.insights');
  const everyone = actor.roles.includes('admin') || actor.roles.includes('hr');
  const [department, team] = await Promise.all([
    filter.departmentId ? departmentExists(ctx.db, actor.orgId, filter.departmentId) : true,
    filter.teamId ? teamExists(ctx.db, actor.orgId, filter.teamId) : true,
  ]);
  if (!department) {
    throw notFound('department');
  }
  if (!team) {
    throw notFound('team');
  }
  const scope: iq.Scope = {
    orgId: actor.orgId,
    managerId: everyone ? null : actor.userId,
    departmentId: filter.departmentId ?? null,
    teamId: filter.teamId ?? null,
  };
  return { kind: everyone ? ('all' as const) : ('reports' as const), scope };
}

/**
 * Recognition insights over a range of days: kudos received per week, per company value, between
 * departments, and the totals. Counts only, never what a kudos said, so private kudos count without
 * showing anything of themselves.
 */
export async function recognitionInsights(ctx: Ctx, actor: Actor, query: InsightsQuery, now: Date = new Date()): Promise<InsightsView> {
  requireAction(actor, 'recognition.insights');
  const range = insightsRange(query, now);
  const { kind, scope } = await scopeFor(ctx, actor, query);
  const [volume, values, links, sums] = await Promise.all([
    iq.volumeByWeek(ctx.db, scope, range),
    iq.valueCounts(ctx.db, scope, range),
    iq.flowLinks(ctx.db, scope, range),
    iq.totals(ctx.db, scope, range),
  ]);
  const linked = [...new Set(links.flatMap((l) => [l.source, l.target]))];
  const nodes = await iq.flowNodes(ctx.db, scope, linked);
  const byWeek = new Map(volume.map((v) => [v.week, v]));
  return {
    scope: kind,
    volume: weeksOf(range).map((week) => ({ week, kudos: byWeek.get(week)?.kudos ?? 0, points: byWeek.get(week)?.points ?? 0 })),
    values: values.map((v) => ({
      value: v.id === null ? null : { id: v.id, name: v.name ?? '', description: v.description ?? '', emoji: v.emoji },
      count: v.count,
    })),
    flow: { nodes, links },
    totals: sums,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Microseconds from 1970 to 2500: anything else is not a time this database wrote. */
const MAX_US = 16_725_225_600_000_000;

export function encodeUnrecognisedCursor(k: iq.UnrecognisedKey): string {
  return Buffer.from(JSON.stringify([k.lastUs, k.name, k.id])).toString('base64url');
}

export function decodeUnrecognisedCursor(cursor: string | undefined): iq.UnrecognisedKey | undefined {
  if (cursor === undefined) {
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  } catch {
    value = undefined;
  }
  if (Array.isArray(value) && value.length === 3) {
    const [lastUs, name, id] = value as unknown[];
    const validUs = lastUs === null || (Number.isSafeInteger(lastUs) && (lastUs as number) >= 0 && (lastUs as number) <= MAX_US);
    if (validUs && typeof name === 'string' && typeof id === 'string' && UUID.test(id)) {
      return { lastUs: lastUs as number | null, name, id };
    }
  }
  throw badRequest('INVALID_CURSOR', 'The page cursor is not valid.');
}

/**
 * Active people in scope nobody recognised in the last `UNRECOGNISED_DAYS` days, with when they last
 * were: never-recognised first, then the longest without, so that the list reads as who to think of first.
 */
export async function unrecognisedPeople(
  ctx: Ctx,
  actor: Actor,
  query: UnrecognisedQuery,
  now: Date = new Date(),
): Promise<UnrecognisedPage> {
  requireAction(actor, 'recognition.insights');
  const after = decodeUnrecognisedCursor(query.cursor);
  const { scope } = await scopeFor(ctx, actor, query);
  const limit = query.limit ?? UNRECOGNISED_PAGE.default;
  const cutoff = new Date(now.getTime() - UNRECOGNISED_DAYS * DAY_MS);
  const rows = await iq.unrecognised(ctx.db, scope, cutoff, after, limit);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      person: { id: r.id, name: r.name, title: r.title, photoUrl: photoUrl(r.id, r.photoKey) },
      department: r.department,
      lastRecognisedAt: r.lastRecognisedAt,
    })),
    nextCursor: rows.length > limit && last ? encodeUnrecognisedCursor({ lastUs: last.lastUs, name: last.name, id: last.id }) : null,
  };
}
