import { DIMENSIONS, DRIVERS, type Driver, type QuestionKind } from '../../../shared/listening.js';
import type { Breakdown, Cell, CellStatus, FilterDepartment, ResultFilter, ResultsRound, TrendPoint } from './api.js';

/** Pure shaping for the results pages: URL state, trees, shares, colour bands and trend series. */

export const BREAKDOWNS: readonly Breakdown[] = DIMENSIONS;

export function isBreakdown(v: string | null | undefined): v is Breakdown {
  return (BREAKDOWNS as readonly string[]).includes(v ?? '');
}

/** The filter named by the page's address, ignoring anything that is not a plain id. */
export function filterFromParams(params: URLSearchParams): ResultFilter {
  const f: ResultFilter = {};
  for (const d of DIMENSIONS) {
    const v = params.get(d)?.trim();
    if (v && v.length <= 64 && /^[\w-]+$/.test(v)) {
      f[d] = v;
    }
  }
  return f;
}

/** Whether any part of a filter is set. */
export function hasFilter(f: ResultFilter): boolean {
  return DIMENSIONS.some((d) => Boolean(f[d]));
}

/** The round the page shows: the one asked for when it exists, else the newest. */
export function pickRound(rounds: readonly ResultsRound[], asked: string | null): ResultsRound | null {
  return rounds.find((r) => r.id === asked) ?? rounds[0] ?? null;
}

export interface TreeOption {
  id: string;
  name: string;
  depth: number;
}

/**
 * Departments in tree order (each under its parent, siblings by name) with their depth. A
 * department whose parent is unknown starts a tree of its own; a loop in the data cannot hang it.
 */
export function departmentTree(departments: readonly FilterDepartment[], lng = 'en'): TreeOption[] {
  const ids = new Set(departments.map((d) => d.id));
  const children = new Map<string | null, FilterDepartment[]>();
  for (const d of departments) {
    const parent = d.parentId && ids.has(d.parentId) && d.parentId !== d.id ? d.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(d);
    children.set(parent, list);
  }
  const byName = (a: FilterDepartment, b: FilterDepartment) => a.name.localeCompare(b.name, lng);
  const out: TreeOption[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const d of [...(children.get(parent) ?? [])].sort(byName)) {
      if (seen.has(d.id)) {
        continue;
      }
      seen.add(d.id);
      out.push({ id: d.id, name: d.name, depth });
      walk(d.id, depth + 1);
    }
  };
  walk(null, 0);
  // departments caught in a parent loop never hang off the root: list them at the top level
  for (const d of [...departments].sort(byName)) {
    if (!seen.has(d.id)) {
      seen.add(d.id);
      out.push({ id: d.id, name: d.name, depth: 0 });
      walk(d.id, 1);
    }
  }
  return out;
}

/**
 * Whole percentages of a total that add up to exactly 100 (largest remainder), so a stacked bar and
 * its legend never disagree. All zeros when there is nothing to share.
 */
export function shares(counts: readonly number[], total?: number): number[] {
  const clean = counts.map((c) => (Number.isFinite(c) && c > 0 ? c : 0));
  const sum = total !== undefined && Number.isFinite(total) && total > 0 ? total : clean.reduce((a, b) => a + b, 0);
  if (sum <= 0) {
    return clean.map(() => 0);
  }
  const exact = clean.map((c) => (c / sum) * 100);
  const floors = exact.map(Math.floor);
  // a total larger than the counts (multiple choice: people may pick several) is not forced to 100
  const target = Math.min(100, Math.round(exact.reduce((a, b) => a + b, 0)));
  let missing = target - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (missing <= 0) {
      break;
    }
    floors[i]! += 1;
    missing -= 1;
  }
  return floors;
}

/** The response rate as a whole percentage; null when the counts are not both known. */
export function responsePercent(cell: Pick<Cell, 'responses' | 'invited' | 'responseRate'>): number | null {
  if (cell.responses !== null && cell.invited !== null && cell.invited > 0) {
    return Math.min(100, Math.round((cell.responses / cell.invited) * 100));
  }
  if (cell.responseRate !== null && Number.isFinite(cell.responseRate)) {
    return Math.round(cell.responseRate <= 1 ? cell.responseRate * 100 : cell.responseRate);
  }
  return null;
}

/** Five colour bands for a favourable share, lowest first; null when there is no number. */
export type Band = 0 | 1 | 2 | 3 | 4;

export function favourableBand(f: number | null | undefined): Band | null {
  if (f === null || f === undefined || !Number.isFinite(f)) {
    return null;
  }
  if (f < 40) {
    return 0;
  }
  if (f < 55) {
    return 1;
  }
  if (f < 70) {
    return 2;
  }
  return f < 85 ? 3 : 4;
}

/** The lower bound of each band, for the legend. */
export const BAND_FLOORS: readonly number[] = [0, 40, 55, 70, 85];

/** eNPS bands: below zero, around zero, clearly positive, strongly positive. */
export function enpsBand(score: number | null | undefined): Band | null {
  if (score === null || score === undefined || !Number.isFinite(score)) {
    return null;
  }
  if (score < -20) {
    return 0;
  }
  if (score < 0) {
    return 1;
  }
  if (score < 20) {
    return 2;
  }
  return score < 50 ? 3 : 4;
}

/**
 * Background and text of each band: orange for low, neutral for the middle, the brand teal for high
 * (an orange–blue scale stays distinct with the common colour-vision deficiencies). Tints are mixed
 * over the page background so the normal text colour stays readable in both themes.
 */
export const BAND_BACKGROUND: Readonly<Record<Band, string>> = {
  0: 'color-mix(in srgb, var(--mantine-color-orange-6) 42%, transparent)',
  1: 'color-mix(in srgb, var(--mantine-color-orange-6) 18%, transparent)',
  2: 'color-mix(in srgb, var(--mantine-color-gray-5) 16%, transparent)',
  3: 'color-mix(in srgb, var(--mantine-color-brand-6) 22%, transparent)',
  4: 'color-mix(in srgb, var(--mantine-color-brand-6) 46%, transparent)',
};

/** The drivers a set of cells reports, in the bank's order; eNPS has its own column. */
export function driverColumns(cells: readonly Pick<Cell, 'drivers'>[]): Driver[] {
  const present = new Set<Driver>();
  for (const c of cells) {
    for (const d of c.drivers) {
      if (d.driver !== 'enps') {
        present.add(d.driver);
      }
    }
  }
  return DRIVERS.filter((d) => present.has(d));
}

/** A cell's favourable share for one driver, or null. */
export function driverValue(cell: Pick<Cell, 'drivers'>, driver: Driver): number | null {
  const d = cell.drivers.find((x) => x.driver === driver);
  return d && d.favourable !== null && Number.isFinite(d.favourable) ? d.favourable : null;
}

/** The labels a scale question's distribution is read with: their i18n keys, lowest first. */
export function scaleLabelKeys(kind: QuestionKind, driver: Driver | null): string[] {
  if (kind === 'scale5') {
    const set = driver === 'checkin' ? 'mood' : 'agree';
    return [1, 2, 3, 4, 5].map((n) => `results.scale.${set}.${n}`);
  }
  return [];
}

/** The eNPS group of a 0–10 answer. */
export function enpsGroup(value: number): 'detractor' | 'passive' | 'promoter' {
  return value <= 6 ? 'detractor' : value <= 8 ? 'passive' : 'promoter';
}

export interface TrendRow {
  roundId: string;
  number: number;
  closesAt: string;
  status: CellStatus;
  stale: boolean;
  enps: number | null;
  responses: number | null;
  drivers: Partial<Record<Driver, number | null>>;
}

export interface TrendSeries {
  rows: TrendRow[];
  drivers: Driver[];
  /** Rounds whose cell could not be shown, with why: they are gaps in the lines. */
  gaps: { number: number; status: CellStatus }[];
  hasEnps: boolean;
}

/** Trend points (oldest first) as chart rows; a round whose cell is not shown gives nulls, never zeros. */
export function trendSeries(points: readonly TrendPoint[]): TrendSeries {
  const sorted = [...points].sort((a, b) => a.round.number - b.round.number);
  const drivers = driverColumns(sorted.filter((p) => p.cell.status === 'shown').map((p) => p.cell));
  const rows = sorted.map((p): TrendRow => {
    const shown = p.cell.status === 'shown';
    return {
      roundId: p.round.id,
      number: p.round.number,
      closesAt: p.round.closesAt,
      status: p.cell.status,
      stale: p.cell.stale,
      enps: shown && p.cell.enps ? p.cell.enps.score : null,
      responses: shown ? p.cell.responses : null,
      drivers: Object.fromEntries(drivers.map((d) => [d, shown ? driverValue(p.cell, d) : null])),
    };
  });
  return {
    rows,
    drivers,
    gaps: rows.filter((r) => r.status !== 'shown').map((r) => ({ number: r.number, status: r.status })),
    hasEnps: rows.some((r) => r.enps !== null),
  };
}

/** A signed whole number for eNPS: "+23", "−5", "0". */
export function signedNumber(n: number, locale: string): string {
  return new Intl.NumberFormat(locale, { signDisplay: 'exceptZero', maximumFractionDigits: 0 }).format(n);
}

/** A mean with one decimal in the reader's language: "3.8", "3,8". */
export function decimal(n: number, locale: string): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);
}

/** Agreement scale, 1 to 5: orange for disagreeing, grey for neutral, teal for agreeing. */
export const SCALE5_COLORS: readonly string[] = [
  'var(--mantine-color-orange-8)',
  'var(--mantine-color-orange-4)',
  'var(--mantine-color-gray-5)',
  'var(--mantine-color-brand-4)',
  'var(--mantine-color-brand-8)',
];

/** eNPS groups in the same scale: detractors, passives, promoters. */
export const ENPS_COLORS = {
  detractor: 'var(--mantine-color-orange-7)',
  passive: 'var(--mantine-color-gray-5)',
  promoter: 'var(--mantine-color-brand-7)',
} as const;

export interface OfferedFilters {
  departments: readonly { id: string }[];
  teams: readonly { id: string }[];
  locations: readonly { id: string }[];
  lines: readonly { id: string }[];
}

/** The values the overview offers for one dimension. */
export function offered(filters: OfferedFilters, d: Breakdown): readonly { id: string }[] {
  switch (d) {
    case 'department':
      return filters.departments;
    case 'team':
      return filters.teams;
    case 'location':
      return filters.locations;
    case 'line':
      return filters.lines;
  }
}

/** Keep only filter values the overview offers: a stale or hand-edited address never reaches the server. */
export function validFilter(f: ResultFilter, filters: OfferedFilters): ResultFilter {
  const out: ResultFilter = {};
  for (const d of DIMENSIONS) {
    const v = f[d];
    if (v && offered(filters, d).some((x) => x.id === v)) {
      out[d] = v;
    }
  }
  return out;
}

/** The breakdown the address asks for, when the overview offers groups for it. */
export function validBreakdown(asked: string | null, filters: OfferedFilters): Breakdown | null {
  return isBreakdown(asked) && offered(filters, asked).length > 0 ? asked : null;
}
