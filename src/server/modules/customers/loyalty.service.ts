import { stringify } from 'csv-stringify/sync';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { badRequest, notFound } from '../../platform/errors.js';
import { requireAction, type Actor } from '../../platform/policy.js';
import { csatOf, npsOf, periodKey, periodRange, type LinkUnit, type Period } from '../../../shared/customers.js';
import * as q from './loyalty.queries.js';
import type { LoyaltyCsvQuery, LoyaltyPoint, LoyaltyQuery, LoyaltyResult, UnitPoint, UnitsQuery } from './loyalty.schemas.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** Periods shown when no range is asked for: two years of quarters, one year of months. */
const DEFAULT_PERIODS: Record<Period, number> = { quarter: 8, month: 12 };
/** The longest range one request may cover. */
export const MAX_PERIODS = 60;

// ---------------------------------------------------------------------------------------------
// Periods

/** The same instant `months` calendar months later (UTC; the day is kept, as periods start on the 1st). */
export function addMonths(d: Date, months: number): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate()));
}

/** The keys of every period from the one holding `from` to the one holding `to`, oldest first. */
export function periodKeysBetween(period: Period, from: Date, to: Date): string[] {
  const keys: string[] = [];
  let key = periodKey(from, period);
  const last = periodKey(to, period);
  for (;;) {
    keys.push(key);
    if (key === last) {
      return keys;
    }
    if (keys.length >= MAX_PERIODS) {
      throw badRequest('RANGE_TOO_LONG', `A range may cover at most ${MAX_PERIODS} periods.`);
    }
    key = periodKey(periodRange(key).end, period);
  }
}

/** The periods a request covers: the given range, or the last 8 quarters / 12 months up to the current one. */
export function periodsOf(period: Period, from: string | undefined, to: string | undefined, now = new Date()): string[] {
  const end = to ? new Date(`${to}T00:00:00Z`) : now;
  const months = period === 'quarter' ? 3 : 1;
  const start = from
    ? new Date(`${from}T00:00:00Z`)
    : addMonths(periodRange(periodKey(end, period)).start, -months * (DEFAULT_PERIODS[period] - 1));
  if (start.getTime() > end.getTime()) {
    throw badRequest('INVALID_RANGE', 'The range ends before it starts.');
  }
  return periodKeysBetween(period, start, end);
}

/** Checks that a key names a period of the given kind. */
export function checkKey(period: Period, key: string): string {
  const ok = period === 'quarter' ? /^\d{4}-Q[1-4]$/.test(key) : /^\d{4}-(0[1-9]|1[0-2])$/.test(key);
  if (!ok) {
    throw badRequest('INVALID_PERIOD', `"${key}" is not a ${period}.`);
  }
  return key;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------
// Structure: departments (with sub-departments) and teams

export interface Structure {
  departments: q.DepartmentRow[];
  teams: q.TeamRow[];
  /** A department and every department above it, nearest first. */
  chain(departmentId: string | null): string[];
  /** A department and every department below it. */
  subtree(departmentId: string): Set<string>;
}

export function structureOf(rows: { departments: q.DepartmentRow[]; teams: q.TeamRow[] }): Structure {
  const parent = new Map(rows.departments.map((d) => [d.id, d.parentId]));
  const chain = (id: string | null) => {
    const out: string[] = [];
    const seen = new Set<string>();
    let at = id;
    while (at && !seen.has(at) && parent.has(at)) {
      out.push(at);
      seen.add(at);
      at = parent.get(at) ?? null;
    }
    return out;
  };
  return {
    ...rows,
    chain,
    subtree: (id) => new Set(rows.departments.filter((d) => chain(d.id).includes(id)).map((d) => d.id)),
  };
}

export async function loadStructure(db: Executor, orgId: string): Promise<Structure> {
  return structureOf(await q.orgStructure(db, orgId));
}

/**
 * The (team, unit) pairs of a kind of unit: each team for itself, or each team for its department and
 * every department above it. `only` keeps the given units.
 */
export function unitMapOf(s: Structure, unit: LinkUnit, only?: ReadonlySet<string>): q.UnitMap {
  const pairs: { teamId: string; unitId: string }[] = [];
  for (const t of s.teams) {
    const units = unit === 'team' ? [t.id] : s.chain(t.departmentId);
    for (const unitId of units) {
      if (!only || only.has(unitId)) {
        pairs.push({ teamId: t.id, unitId });
      }
    }
  }
  return { kind: 'teams', pairs };
}

export interface Scope {
  kind: 'company' | 'department' | 'team';
  ref: { id: string; name: string } | null;
  /** The teams in scope; null for the whole company. */
  teamIds: Set<string> | null;
  /** The departments in scope (the department and those below it); null unless a department. */
  departmentIds: Set<string> | null;
}

/** The company, a department with its sub-departments, or a team; 404 for one the organisation does not have. */
export function scopeOf(s: Structure, departmentId: string | undefined, teamId: string | undefined): Scope {
  if (departmentId && teamId) {
    throw badRequest('INVALID_SCOPE', 'Choose a department or a team, not both.');
  }
  if (teamId) {
    const team = s.teams.find((t) => t.id === teamId);
    if (!team) {
      throw notFound('team');
    }
    return { kind: 'team', ref: { id: team.id, name: team.name }, teamIds: new Set([team.id]), departmentIds: null };
  }
  if (departmentId) {
    const dept = s.departments.find((d) => d.id === departmentId);
    if (!dept) {
      throw notFound('department');
    }
    const departmentIds = s.subtree(dept.id);
    const teamIds = new Set(s.teams.filter((t) => t.departmentId !== null && departmentIds.has(t.departmentId)).map((t) => t.id));
    return { kind: 'department', ref: { id: dept.id, name: dept.name }, teamIds, departmentIds };
  }
  return { kind: 'company', ref: null, teamIds: null, departmentIds: null };
}

/** The scope as one unit: everything, or its teams counting for it. */
function scopeUnitMap(scope: Scope): q.UnitMap {
  if (!scope.teamIds || !scope.ref) {
    return { kind: 'company' };
  }
  const unitId = scope.ref.id;
  return { kind: 'teams', pairs: [...scope.teamIds].map((teamId) => ({ teamId, unitId })) };
}

// ---------------------------------------------------------------------------------------------
// Measures

/** Each score repeated as often as it was given. */
function* expand(histogram: ReadonlyMap<number, number>): Generator<number> {
  for (const [score, n] of histogram) {
    for (let i = 0; i < n; i++) {
      yield score;
    }
  }
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Churn and retention (%, one decimal) of the accounts at a period's start; null without any. */
export function churnOf(atStart: number, lost: number): { retention: number | null; churn: number | null } {
  if (atStart === 0) {
    return { retention: null, churn: null };
  }
  const churn = round1((lost / atStart) * 100);
  return { churn, retention: round1(100 - churn) };
}

/** NPS or CSAT of a histogram of scores (score → answers). */
export const npsFrom = (h: ReadonlyMap<number, number> | undefined) => (h ? npsOf(expand(h)) : null);
export const csatFrom = (h: ReadonlyMap<number, number> | undefined) => (h ? csatOf(expand(h)) : null);

/**
 * The loyalty measures of every unit of the map in each period: one statement for answers, one for
 * accounts and one for interactions, each grouped by unit and period. Units and periods without data
 * get empty measures.
 */
export async function loyaltyPoints(
  db: Executor,
  orgId: string,
  units: q.UnitMap,
  unitIds: readonly string[],
  period: Period,
  keys: readonly string[],
): Promise<Map<string, LoyaltyPoint[]>> {
  const ranges = keys.map((key) => ({ key, ...periodRange(key) }));
  const from = ranges[0]!.start;
  const to = ranges.at(-1)!.end;
  const [scores, accounts, interactions] = await Promise.all([
    q.feedbackByPeriod(db, orgId, units, period, from, to),
    q.accountsInWindows(db, orgId, units, ranges),
    q.interactionsByPeriod(db, orgId, units, period, from, to),
  ]);
  const cell = (unitId: string, start: string) => `${unitId}|${start}`;
  const hist = new Map<string, Map<number, number>>();
  for (const r of scores) {
    const k = `${cell(r.unitId, r.start)}|${r.kind}`;
    const h = hist.get(k) ?? new Map<number, number>();
    h.set(r.score, (h.get(r.score) ?? 0) + r.n);
    hist.set(k, h);
  }
  const acc = new Map(accounts.map((r) => [cell(r.unitId, r.start), r]));
  const inter = new Map(interactions.map((r) => [cell(r.unitId, r.start), r]));
  const out = new Map<string, LoyaltyPoint[]>();
  for (const unitId of unitIds) {
    out.set(
      unitId,
      ranges.map(({ key, start }) => {
        const c = cell(unitId, day(start));
        const a = acc.get(c);
        const i = inter.get(c);
        const atStart = a?.atStart ?? 0;
        const lost = a?.lost ?? 0;
        return {
          key,
          start: day(start),
          nps: npsFrom(hist.get(`${c}|nps`)),
          csat: csatFrom(hist.get(`${c}|csat`)),
          accounts: { atStart, lost, ...churnOf(atStart, lost) },
          interactions: { count: i?.count ?? 0, accounts: i?.accounts ?? 0, repeatAccounts: i?.repeatAccounts ?? 0 },
        };
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Service

/** Loyalty of the company, a department (with its sub-departments) or a team, per period. */
export async function loyalty(ctx: Ctx, actor: Actor, query: LoyaltyQuery): Promise<LoyaltyResult> {
  requireAction(actor, 'customers.insights');
  const period = query.period ?? 'quarter';
  const keys = periodsOf(period, query.from, query.to);
  const scope = scopeOf(await loadStructure(ctx.db, actor.orgId), query.departmentId, query.teamId);
  const unitId = scope.ref?.id ?? q.COMPANY_UNIT;
  const points = await loyaltyPoints(ctx.db, actor.orgId, scopeUnitMap(scope), [unitId], period, keys);
  return { period, scope: { kind: scope.kind, ref: scope.ref }, series: points.get(unitId)! };
}

interface UnitCursor {
  name: string;
  id: string;
}

const encodeCursor = (c: UnitCursor) => Buffer.from(JSON.stringify([c.name, c.id])).toString('base64url');

function decodeCursor(cursor: string | undefined): UnitCursor | undefined {
  if (!cursor) {
    return undefined;
  }
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown;
    if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'string' && /^[0-9a-f-]{36}$/.test(v[1])) {
      return { name: v[0], id: v[1] };
    }
  } catch {
    // Falls through to the error below.
  }
  throw badRequest('INVALID_CURSOR', 'The page cursor is not valid.');
}

/** Loyalty of each team or department in one period, a page at a time by name. */
export async function loyaltyUnits(ctx: Ctx, actor: Actor, query: UnitsQuery): Promise<{ items: UnitPoint[]; nextCursor: string | null }> {
  requireAction(actor, 'customers.insights');
  const period = query.period ?? 'quarter';
  const unit = query.unit ?? 'team';
  const key = query.key ? checkKey(period, query.key) : periodKey(new Date(), period);
  const limit = query.limit ?? 50;
  const rows = await q.unitsPage(ctx.db, actor.orgId, unit, limit, decodeCursor(query.cursor));
  const page = rows.slice(0, limit);
  const ids = new Set(page.map((r) => r.id));
  const structure = await loadStructure(ctx.db, actor.orgId);
  const points = await loyaltyPoints(ctx.db, actor.orgId, unitMapOf(structure, unit, ids), [...ids], period, [key]);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({ unit: { id: r.id, name: r.name }, ...points.get(r.id)![0]! })),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}

/** A spreadsheet must not read a name as a formula. */
export const csvText = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

const pointColumns = [
  'period',
  'start',
  'nps',
  'nps_answers',
  'promoters',
  'passives',
  'detractors',
  'csat_mean',
  'csat_satisfied_pct',
  'csat_answers',
  'accounts_at_start',
  'accounts_lost',
  'retention_pct',
  'churn_pct',
  'interactions',
  'accounts_with_interactions',
  'repeat_accounts',
];

const pointCells = (p: LoyaltyPoint) => [
  p.key,
  p.start,
  p.nps?.score ?? '',
  p.nps?.n ?? 0,
  p.nps?.promoters ?? 0,
  p.nps?.passives ?? 0,
  p.nps?.detractors ?? 0,
  p.csat?.mean ?? '',
  p.csat?.satisfied ?? '',
  p.csat?.n ?? 0,
  p.accounts.atStart,
  p.accounts.lost,
  p.accounts.retention ?? '',
  p.accounts.churn ?? '',
  p.interactions.count,
  p.interactions.accounts,
  p.interactions.repeatAccounts,
];

/**
 * The loyalty measures as CSV, with the same filters as the dashboard: one row per period, or with
 * `unit` one per team or department in scope and period. Aggregates only.
 */
export async function loyaltyCsv(ctx: Ctx, actor: Actor, query: LoyaltyCsvQuery): Promise<string> {
  requireAction(actor, 'customers.insights');
  const period = query.period ?? 'quarter';
  const keys = periodsOf(period, query.from, query.to);
  const structure = await loadStructure(ctx.db, actor.orgId);
  const scope = scopeOf(structure, query.departmentId, query.teamId);
  if (!query.unit) {
    const unitId = scope.ref?.id ?? q.COMPANY_UNIT;
    const points = await loyaltyPoints(ctx.db, actor.orgId, scopeUnitMap(scope), [unitId], period, keys);
    return stringify(points.get(unitId)!.map(pointCells), { header: true, columns: pointColumns, bom: true });
  }
  if (query.unit === 'department' && scope.kind === 'team') {
    throw badRequest('INVALID_SCOPE', 'A team has no departments to list.');
  }
  const units =
    query.unit === 'team'
      ? structure.teams.filter((t) => !scope.teamIds || scope.teamIds.has(t.id))
      : structure.departments.filter((d) => !scope.departmentIds || scope.departmentIds.has(d.id));
  units.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const ids = new Set(units.map((u) => u.id));
  const points = await loyaltyPoints(ctx.db, actor.orgId, unitMapOf(structure, query.unit, ids), [...ids], period, keys);
  const rows = units.flatMap((u) => points.get(u.id)!.map((p) => [query.unit, u.id, csvText(u.name), ...pointCells(p)]));
  return stringify(rows, { header: true, columns: ['unit', 'unit_id', 'unit_name', ...pointColumns], bom: true });
}
