import { stringify } from 'csv-stringify/sync';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { requireAction, type Actor } from '../../platform/policy.js';
import { periodKey, periodRange, type LinkMeasure, type LinkUnit, type Period } from '../../../shared/customers.js';
import { customerSettings } from './customers.settings.js';
import { companyEngagement, LINK_DRIVERS, unitEngagement } from './engagement.js';
import { correlate, pearson, spearman } from './link.stats.js';
import * as lq from './link.queries.js';
import type { Caveat, LinkPoint, LinkQuery, LinkResult, OverTime, OverTimeQuery } from './link.schemas.js';
import * as q from './loyalty.queries.js';
import { addMonths, checkKey, churnOf, csatFrom, csvText, loadStructure, npsFrom, periodsOf, unitMapOf } from './loyalty.service.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** Below this many units a correlation says little ('too_few_units'). */
export const FEW_UNITS = 10;
/** A 95 % interval of r wider than this is flagged ('wide_interval'). */
export const WIDE_INTERVAL = 0.6;
/** A driver is ranked only with at least this many units that have it. */
const MIN_DRIVER_UNITS = 3;

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export interface Window {
  key: string;
  start: Date;
  end: Date;
}

/**
 * The customer window of an engagement period: lag 0 pools the `months` ending with the period's end,
 * lag 1 the `months` starting there (the next period onward).
 */
export function customerWindow(key: string, lag: 0 | 1, months: number): Window {
  const { end } = periodRange(key);
  return lag === 0 ? { key, start: addMonths(end, -months), end } : { key, start: end, end: addMonths(end, months) };
}

/**
 * The customer measure of each unit in each window (window key → unit → value and n): NPS or CSAT mean
 * of the answers given about the unit's teams, or retention (100 − churn, %) of the accounts they serve,
 * with n the accounts at the window's start. Units without data are absent.
 */
export async function customerMeasure(
  db: Executor,
  orgId: string,
  units: q.UnitMap,
  measure: LinkMeasure,
  windows: readonly Window[],
): Promise<Map<string, Map<string, { value: number; n: number }>>> {
  const out = new Map<string, Map<string, { value: number; n: number }>>(windows.map((w) => [w.key, new Map()]));
  if (measure === 'retention') {
    const rows = await q.accountsInWindows(db, orgId, units, windows);
    const byStart = new Map(windows.map((w) => [w.start.toISOString().slice(0, 10), w.key]));
    for (const r of rows) {
      const { retention } = churnOf(r.atStart, r.lost);
      const key = byStart.get(r.start);
      if (key !== undefined && retention !== null) {
        out.get(key)!.set(r.unitId, { value: retention, n: r.atStart });
      }
    }
    return out;
  }
  const rows = await lq.feedbackInWindows(db, orgId, units, measure, windows);
  const hist = new Map<string, Map<number, number>>();
  for (const r of rows) {
    const k = `${r.key}|${r.unitId}`;
    const h = hist.get(k) ?? new Map<number, number>();
    h.set(r.score, r.n);
    hist.set(k, h);
  }
  for (const [k, h] of hist) {
    const [key, unitId] = k.split('|') as [string, string];
    if (measure === 'nps') {
      const nps = npsFrom(h)!;
      out.get(key)!.set(unitId, { value: nps.score, n: nps.n });
    } else {
      const csat = csatFrom(h)!;
      out.get(key)!.set(unitId, { value: csat.mean, n: csat.n });
    }
  }
  return out;
}

function caveatsOf(n: number, belowThreshold: number, pearsonCi: { low: number; high: number } | null): Caveat[] {
  const out: Caveat[] = [];
  if (n === 0) {
    out.push('no_data');
  } else {
    out.push('correlation_not_cause');
  }
  if (n < FEW_UNITS) {
    out.push('too_few_units');
  }
  if (belowThreshold > 0) {
    out.push('units_left_out');
  }
  if (pearsonCi && pearsonCi.high - pearsonCi.low > WIDE_INTERVAL) {
    out.push('wide_interval');
  }
  return out;
}

/** The drivers ranked by how strongly each unit's mean moves with the customer measure (|rho|, largest first). */
function rankDrivers(points: readonly LinkPoint[]): LinkResult['drivers'] {
  const out: LinkResult['drivers'] = [];
  for (const driver of LINK_DRIVERS) {
    const with_ = points.filter((p) => p.drivers[driver] !== null && p.drivers[driver] !== undefined);
    if (with_.length < MIN_DRIVER_UNITS) {
      continue;
    }
    const x = with_.map((p) => p.drivers[driver]!);
    const y = with_.map((p) => p.customer.value);
    const rho = spearman(x, y);
    const r = pearson(x, y);
    if (rho !== null && r !== null) {
      out.push({ driver, rho: round(rho, 3), r: round(r, 3), n: with_.length });
    }
  }
  return out.sort((a, b) => Math.abs(b.rho) - Math.abs(a.rho) || a.driver.localeCompare(b.driver));
}

interface Resolved {
  unit: LinkUnit;
  period: Period;
  key: string;
  lag: 0 | 1;
  windowMonths: number;
  measure: LinkMeasure;
}

async function resolve(ctx: Ctx, actor: Actor, query: LinkQuery): Promise<Resolved> {
  const period = query.period ?? 'quarter';
  const lag: 0 | 1 = query.lag === 1 ? 1 : 0;
  const now = new Date();
  // With a lag the customers come after the period, so by default it is the last one already over.
  const key = query.key
    ? checkKey(period, query.key)
    : lag === 0
      ? periodKey(now, period)
      : periodKey(addMonths(periodRange(periodKey(now, period)).start, period === 'quarter' ? -3 : -1), period);
  const windowMonths = query.window ?? (await customerSettings(ctx.db, actor.orgId)).windowMonths;
  return { unit: query.unit ?? 'team', period, key, lag, windowMonths, measure: query.measure ?? 'nps' };
}

/**
 * Each team's or department's engagement in a period beside its customers' loyalty, with both
 * correlations, the fitted line, the drivers ranked and the caveats. Units without a released result
 * cell of their own are left out and counted.
 */
export async function link(ctx: Ctx, actor: Actor, query: LinkQuery): Promise<LinkResult> {
  requireAction(actor, 'customers.insights');
  const p = await resolve(ctx, actor, query);
  const structure = await loadStructure(ctx.db, actor.orgId);
  const window = customerWindow(p.key, p.lag, p.windowMonths);
  const [eng, customers] = await Promise.all([
    unitEngagement(ctx.db, actor.orgId, p.unit, structure, p.period, p.key),
    customerMeasure(ctx.db, actor.orgId, unitMapOf(structure, p.unit), p.measure, [window]),
  ]);
  const customer = customers.get(window.key)!;
  const ids = [...eng.units.keys()].filter((id) => customer.has(id));
  const names = await q.unitNames(ctx.db, actor.orgId, p.unit, ids);
  const points: LinkPoint[] = ids
    .filter((id) => names.has(id))
    .map((id) => {
      const e = eng.units.get(id)!;
      return {
        unit: { id, name: names.get(id)! },
        engagement: e.engagement,
        parts: e.parts,
        drivers: e.drivers,
        customer: customer.get(id)!,
      };
    })
    .sort((a, b) => a.unit.name.localeCompare(b.unit.name) || a.unit.id.localeCompare(b.unit.id));
  const c = correlate(
    points.map((pt) => pt.engagement),
    points.map((pt) => pt.customer.value),
  );
  const excluded = {
    belowThreshold: eng.belowThreshold.length,
    noEngagement: [...customer.keys()].filter((id) => !eng.withPeople.has(id)).length,
    noCustomers: [...eng.units.keys()].filter((id) => !customer.has(id)).length,
  };
  return {
    ...p,
    points,
    excluded,
    stats: {
      n: c.n,
      pearson: c.pearson && { r: round(c.pearson.r, 3), low: round(c.pearson.low, 3), high: round(c.pearson.high, 3) },
      spearman: c.spearman && { rho: round(c.spearman.rho, 3), low: round(c.spearman.low, 3), high: round(c.spearman.high, 3) },
      fit: c.fit && { slope: round(c.fit.slope, 4), intercept: round(c.fit.intercept, 4) },
    },
    drivers: rankDrivers(points),
    caveats: caveatsOf(c.n, excluded.belowThreshold, c.pearson),
  };
}

/**
 * The company's engagement and customer measure period by period (the last 8 quarters or 12 months),
 * customers pooled over the window ending with each period.
 */
export async function linkOverTime(ctx: Ctx, actor: Actor, query: OverTimeQuery): Promise<OverTime> {
  requireAction(actor, 'customers.insights');
  const period = query.period ?? 'quarter';
  const measure = query.measure ?? 'nps';
  const windowMonths = query.window ?? (await customerSettings(ctx.db, actor.orgId)).windowMonths;
  const keys = periodsOf(period, undefined, undefined);
  const structure = await loadStructure(ctx.db, actor.orgId);
  const windows = keys.map((key) => customerWindow(key, 0, windowMonths));
  const [engagement, customers] = await Promise.all([
    companyEngagement(ctx.db, actor.orgId, structure, period, keys),
    customerMeasure(ctx.db, actor.orgId, { kind: 'company' }, measure, windows),
  ]);
  return {
    series: keys.map((key) => ({
      key,
      engagement: engagement.get(key) ?? null,
      customer: customers.get(key)?.get(q.COMPANY_UNIT) ?? null,
    })),
  };
}

/** The link's points as CSV, with the same filters: one row per unit, aggregates only. */
export async function linkCsv(ctx: Ctx, actor: Actor, query: LinkQuery): Promise<string> {
  const r = await link(ctx, actor, query);
  const rows = r.points.map((p) => [
    r.unit,
    p.unit.id,
    csvText(p.unit.name),
    r.key,
    r.lag,
    r.windowMonths,
    p.engagement,
    p.parts.survey ?? '',
    p.parts.participation ?? '',
    p.parts.recognition ?? '',
    p.parts.social ?? '',
    ...LINK_DRIVERS.map((d) => p.drivers[d] ?? ''),
    r.measure,
    p.customer.value,
    p.customer.n,
  ]);
  const columns = [
    'unit',
    'unit_id',
    'unit_name',
    'period',
    'lag',
    'window_months',
    'engagement',
    'survey',
    'participation',
    'recognition',
    'social',
    ...LINK_DRIVERS.map((d) => `driver_${d}`),
    'measure',
    'customer_value',
    'customer_n',
  ];
  return stringify(rows, { header: true, columns, bom: true });
}
