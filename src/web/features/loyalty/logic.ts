import {
  CUSTOMER_DEFAULTS,
  ENGAGEMENT_WEIGHTS,
  LINK_MEASURES,
  LINK_UNITS,
  PERIODS,
  periodKey,
  periodRange,
  type EngagementPart,
  type LinkMeasure,
  type LinkUnit,
  type Period,
} from '../../../shared/customers.js';
import type { Interval, LinkQuery, LinkResult, LoyaltyPoint, LoyaltyQuery, OverTimeQuery } from './api.js';

/** Pure shaping for the loyalty and link dashboards: address state, query strings, periods and plain words. */

/** A score from fewer answers than this is shown greyed, with a hint that it may swing a lot. */
export const SMALL_N = 5;

/** How far back the loyalty charts can look, in periods. */
export const RANGE_CHOICES: Record<Period, readonly number[]> = { month: [6, 12, 24], quarter: [4, 8, 12] };
const DEFAULT_COUNT: Record<Period, number> = { month: 12, quarter: 8 };

/** The rolling window over which customer answers are pooled, in months. */
export const WINDOW_LIMITS = { min: 1, max: 24 } as const;

/** Periods offered in the link's period picker. */
export const LINK_KEY_COUNT: Record<Period, number> = { month: 18, quarter: 8 };

/** An interval of a correlation wider than this says little: most of the possible range is still open. */
export const WIDE_INTERVAL = 0.5;

export const isSmall = (n: number) => n < SMALL_N;

const isPeriod = (v: string | null): v is Period => (PERIODS as readonly string[]).includes(v ?? '');
const isUnit = (v: string | null): v is LinkUnit => (LINK_UNITS as readonly string[]).includes(v ?? '');
const isMeasure = (v: string | null): v is LinkMeasure => (LINK_MEASURES as readonly string[]).includes(v ?? '');
const ID_RE = /^[\w-]{1,64}$/;

/** Whether `key` names a period of the given kind (`2026-11` for months, `2026-Q4` for quarters). */
export function isKeyOf(key: string, period: Period): boolean {
  return period === 'month' ? /^\d{4}-(0[1-9]|1[0-2])$/.test(key) : /^\d{4}-Q[1-4]$/.test(key);
}

/** The key `delta` periods after (or, negative, before) `key`. */
export function shiftKey(key: string, period: Period, delta: number): string {
  const { start } = periodRange(key);
  const months = (period === 'month' ? 1 : 3) * delta;
  return periodKey(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 1)), period);
}

/** The `count` most recent periods, the current one first. */
export function recentKeys(period: Period, count: number, today: Date = new Date()): string[] {
  const current = periodKey(today, period);
  return Array.from({ length: count }, (_, i) => shiftKey(current, period, -i));
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The dates the loyalty series asks for: from the first day of the oldest of `count` periods to today. */
export function rangeOf(period: Period, count: number, today: Date = new Date()): { from: string; to: string } {
  const oldest = recentKeys(period, count, today)[count - 1] ?? periodKey(today, period);
  return { from: day(periodRange(oldest).start), to: day(today) };
}

export type Scope = { kind: 'company' } | { kind: 'department'; id: string } | { kind: 'team'; id: string };

/** The scope named in the address (`department:<id>`, `team:<id>`); anything else is the whole company. */
export function parseScope(v: string | null): Scope {
  const m = /^(department|team):(.+)$/.exec(v ?? '');
  if (m && ID_RE.test(m[2]!)) {
    return m[1] === 'team' ? { kind: 'team', id: m[2]! } : { kind: 'department', id: m[2]! };
  }
  return { kind: 'company' };
}

export function scopeValue(s: Scope): string {
  return s.kind === 'company' ? 'company' : `${s.kind}:${s.id}`;
}

export interface LoyaltyState {
  period: Period;
  /** How many periods the charts show. */
  count: number;
  scope: Scope;
  /** What the per-unit table lists. */
  unit: LinkUnit;
  /** The period of the per-unit table; null for the latest. */
  key: string | null;
}

/** The loyalty page's state from its address, ignoring whatever is not a valid choice. */
export function loyaltyState(params: URLSearchParams): LoyaltyState {
  const p = params.get('period');
  const period: Period = isPeriod(p) ? p : 'quarter';
  const count = Number(params.get('range'));
  const unit = params.get('unit');
  const key = params.get('key');
  return {
    period,
    count: RANGE_CHOICES[period].includes(count) ? count : DEFAULT_COUNT[period],
    scope: parseScope(params.get('scope')),
    unit: isUnit(unit) ? unit : 'team',
    key: key && isKeyOf(key, period) ? key : null,
  };
}

/** What the loyalty series is asked for. */
export function loyaltyQuery(s: LoyaltyState, today: Date = new Date()): LoyaltyQuery {
  return {
    period: s.period,
    ...rangeOf(s.period, s.count, today),
    ...(s.scope.kind === 'department' ? { departmentId: s.scope.id } : {}),
    ...(s.scope.kind === 'team' ? { teamId: s.scope.id } : {}),
  };
}

/** `?a=1&b=2` from the values that are set, in the order given; empty when none is. */
export function queryString(q: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v !== undefined && v !== null && v !== '') {
      params.set(k, String(v));
    }
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** The aggregated CSV of the same series the page shows; with `unit`, one row per team or department and period. */
export function loyaltyCsvUrl(q: LoyaltyQuery, unit?: LinkUnit): string {
  return `/api/customers/loyalty.csv${queryString({ ...q, unit })}`;
}

export interface LinkState extends LinkQuery {
  /** True when the window came from the address, not from the company's settings. */
  windowChosen: boolean;
}

/**
 * The link page's state from its address. Without a period key it opens on the last complete
 * period: the current one has not closed its surveys yet.
 */
export function linkState(params: URLSearchParams, defaultWindow: number, today: Date = new Date()): LinkState {
  const unit = params.get('unit');
  const p = params.get('period');
  const period: Period = isPeriod(p) ? p : 'quarter';
  const key = params.get('key');
  const measure = params.get('measure');
  const w = Number(params.get('window'));
  const windowChosen = Number.isInteger(w) && w >= WINDOW_LIMITS.min && w <= WINDOW_LIMITS.max;
  return {
    unit: isUnit(unit) ? unit : 'team',
    period,
    key: key && isKeyOf(key, period) ? key : shiftKey(periodKey(today, period), period, -1),
    lag: params.get('lag') === '1' ? 1 : 0,
    window: windowChosen ? w : clampWindow(defaultWindow),
    measure: isMeasure(measure) ? measure : 'nps',
    windowChosen,
  };
}

/** A window in months the server accepts; the usual six when the value makes no sense. */
export function clampWindow(n: number): number {
  if (!Number.isFinite(n)) {
    return CUSTOMER_DEFAULTS.windowMonths;
  }
  return Math.min(WINDOW_LIMITS.max, Math.max(WINDOW_LIMITS.min, Math.round(n)));
}

export function linkQuery(s: LinkState): LinkQuery {
  return { unit: s.unit, period: s.period, key: s.key, lag: s.lag, window: s.window, measure: s.measure };
}

export function overTimeQuery(s: LinkState): OverTimeQuery {
  return { period: s.period, measure: s.measure, window: s.window };
}

export function linkCsvUrl(q: LinkQuery): string {
  return `/api/customers/link.csv${queryString({ ...q })}`;
}

/** The newest period of a series and the one before it, for the summary cards. */
export function latestPair(series: readonly LoyaltyPoint[]): { latest: LoyaltyPoint | null; previous: LoyaltyPoint | null } {
  return { latest: series[series.length - 1] ?? null, previous: series[series.length - 2] ?? null };
}

/** The change from one period to the next, rounded to `digits` decimals; null when either side is missing. */
export function change(latest: number | null | undefined, previous: number | null | undefined, digits = 0): number | null {
  if (latest === null || latest === undefined || previous === null || previous === undefined) {
    return null;
  }
  const f = 10 ** digits;
  const d = Math.round((latest - previous) * f) / f;
  return Object.is(d, -0) ? 0 : d;
}

/** Whether a series holds any customer answer at all. */
export function hasAnswers(series: readonly LoyaltyPoint[]): boolean {
  return series.some((p) => (p.nps?.n ?? 0) > 0 || (p.csat?.n ?? 0) > 0);
}

/** Whether a series holds anything to draw: answers, accounts or interactions. */
export function hasAnyData(series: readonly LoyaltyPoint[]): boolean {
  return hasAnswers(series) || series.some((p) => p.accounts.atStart > 0 || p.interactions.count > 0);
}

export type Strength = 'none' | 'weak' | 'moderate' | 'strong' | 'veryStrong';

/** How strong a correlation is, in the usual bands of the social sciences. */
export function strengthOf(r: number): Strength {
  const a = Math.abs(r);
  return a < 0.1 ? 'none' : a < 0.3 ? 'weak' : a < 0.5 ? 'moderate' : a < 0.7 ? 'strong' : 'veryStrong';
}

export type IntervalWord = 'missing' | 'includesZero' | 'wide' | 'narrow';

/** What a 95 % interval tells a reader: nothing (none), maybe no relation at all, little, or something firm. */
export function intervalWord(ci: Interval | null): IntervalWord {
  if (!ci || !Number.isFinite(ci.low) || !Number.isFinite(ci.high)) {
    return 'missing';
  }
  if (ci.low <= 0 && ci.high >= 0) {
    return 'includesZero';
  }
  return ci.high - ci.low > WIDE_INTERVAL ? 'wide' : 'narrow';
}

/**
 * The translation keys that say a correlation in words: the relation ("a moderate positive
 * relation") and what its interval adds ("the interval is wide").
 */
export function correlationWords(coefficient: number, ci: Interval | null): { relation: string; interval: string } {
  const strength = strengthOf(coefficient);
  const relation = strength === 'none' ? 'none' : `${strength}.${coefficient > 0 ? 'positive' : 'negative'}`;
  return { relation: `loyalty.relation.${relation}`, interval: `loyalty.interval.${intervalWord(ci)}` };
}

/** A correlation coefficient with two decimals and its sign: "+0.42", "−0.10", "0.00". */
export function formatCoefficient(v: number, locale: string): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' })
    .format(v)
    .replace('-', '−');
}

/** A 95 % interval as "−0.12 – +0.65" (a dash between, readable in both languages). */
export function formatInterval(ci: Interval, locale: string): string {
  return `${formatCoefficient(ci.low, locale)} – ${formatCoefficient(ci.high, locale)}`;
}

/** The range a customer measure can take, for the charts' axes. */
export function measureDomain(measure: LinkMeasure): [number, number] {
  switch (measure) {
    case 'nps':
      return [-100, 100];
    case 'csat':
      return [1, 5];
    case 'retention':
      return [0, 100];
  }
}

/** A customer measure in the reader's language: NPS signed, CSAT with one or two decimals, retention as a percentage. */
export function formatMeasure(measure: LinkMeasure, value: number, locale: string): string {
  switch (measure) {
    case 'nps':
      return new Intl.NumberFormat(locale, { signDisplay: 'exceptZero', maximumFractionDigits: 0 }).format(value).replace('-', '−');
    case 'csat':
      return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 2 }).format(value);
    case 'retention':
      return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
  }
}

/**
 * The fitted line's two ends over the engagement the units actually span (a line drawn beyond the
 * data would claim more than the data says), clipped to the measure's range; null without a fit or
 * with a single engagement value.
 */
export function fitSegment(
  fit: { slope: number; intercept: number } | null,
  xs: readonly number[],
  domain: [number, number],
): [{ x: number; y: number }, { x: number; y: number }] | null {
  if (!fit || xs.length < 2 || !Number.isFinite(fit.slope) || !Number.isFinite(fit.intercept)) {
    return null;
  }
  let lo = Math.min(...xs);
  let hi = Math.max(...xs);
  if (!(hi > lo)) {
    return null;
  }
  const y = (x: number) => fit.slope * x + fit.intercept;
  // move each end inwards to where the line enters the chart, so it never leaves the plot area
  const clip = (x: number, towards: number) => {
    const v = y(x);
    if (fit.slope === 0 || (v >= domain[0] && v <= domain[1])) {
      return x;
    }
    const edge = v < domain[0] ? domain[0] : domain[1];
    const at = (edge - fit.intercept) / fit.slope;
    return Math.min(Math.max(at, Math.min(x, towards)), Math.max(x, towards));
  };
  [lo, hi] = [clip(lo, hi), clip(hi, lo)];
  const round = (n: number) => Math.round(n * 100) / 100;
  return [
    { x: round(lo), y: round(y(lo)) },
    { x: round(hi), y: round(y(hi)) },
  ];
}

/** The engagement index's parts with their weights as whole percentages, heaviest first. */
export function engagementWeights(): { part: EngagementPart; pct: number }[] {
  return (Object.entries(ENGAGEMENT_WEIGHTS) as [EngagementPart, number][])
    .map(([part, w]) => ({ part, pct: Math.round(w * 100) }))
    .sort((a, b) => b.pct - a.pct);
}

/** How many units the link left out, for whatever reason. */
export function leftOut(excluded: LinkResult['excluded']): number {
  return excluded.belowThreshold + excluded.noEngagement + excluded.noCustomers;
}

/**
 * The caveats to show, in a stable order. That correlation is not cause is always said; the
 * others come from the server, plus what the page can see for itself.
 */
export function caveatsOf(result: LinkResult): LinkResult['caveats'] {
  const set = new Set(result.caveats);
  set.add('correlation_not_cause');
  if (result.stats.n === 0) {
    set.add('no_data');
  }
  if (leftOut(result.excluded) > 0) {
    set.add('units_left_out');
  }
  const order: LinkResult['caveats'] = ['no_data', 'too_few_units', 'units_left_out', 'wide_interval', 'correlation_not_cause'];
  return order.filter((c) => set.has(c));
}

/** A driver's bar: which side of zero and how long, as a share (0–100) of its half of the track. */
export function rhoBar(rho: number): { side: 'positive' | 'negative'; pct: number } {
  const v = Number.isFinite(rho) ? Math.max(-1, Math.min(1, rho)) : 0;
  return { side: v < 0 ? 'negative' : 'positive', pct: Math.round(Math.abs(v) * 100) };
}
