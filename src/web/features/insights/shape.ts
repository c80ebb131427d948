import { dateLocale } from '../../components/format.js';
import type { LeaderboardView, VolumePoint } from './api.js';

/** Data shaping and formatting for the recognition pages: dates, weeks, numbers, CSV. */

const DAY = 86_400_000;
/** The insights open on the last 12 weeks. */
export const DEFAULT_WEEKS = 12;
/** The longest range the insights answer for, in days both ends included: two years with a leap day. */
export const MAX_RANGE_DAYS = 731;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date as YYYY-MM-DD, read in the reader's own time zone (what a date field shows). */
export function localDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** YYYY-MM-DD to a UTC midnight timestamp; null when it is not a real date. */
export function parseDay(s: string): number | null {
  const m = DATE_RE.exec(s);
  if (!m) {
    return null;
  }
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? t : null;
}

const dayString = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Move a YYYY-MM-DD by whole days. */
export function addDays(day: string, days: number): string {
  const t = parseDay(day);
  return t === null ? day : dayString(t + days * DAY);
}

/** Twelve whole weeks: this one so far and the eleven before it, from their Monday. */
export function defaultRange(today: Date = new Date()): { from: string; to: string } {
  const to = localDate(today);
  return { from: addDays(mondayOf(to), -(DEFAULT_WEEKS - 1) * 7), to };
}

export type RangeProblem = 'invalid' | 'order' | 'tooLong';

/** What is wrong with a date range typed by the reader, or null when it can be asked for (at most `maxDays` days). */
export function rangeProblem(from: string, to: string, maxDays: number = MAX_RANGE_DAYS): RangeProblem | null {
  const a = parseDay(from);
  const b = parseDay(to);
  if (a === null || b === null) {
    return 'invalid';
  }
  if (a > b) {
    return 'order';
  }
  return Math.round((b - a) / DAY) + 1 > maxDays ? 'tooLong' : null;
}

/** The Monday starting the ISO week a YYYY-MM-DD falls in. */
export function mondayOf(day: string): string {
  const t = parseDay(day);
  if (t === null) {
    return day;
  }
  const weekday = (new Date(t).getUTCDay() + 6) % 7;
  return dayString(t - weekday * DAY);
}

/**
 * Every week of the range, with zeros where nobody was recognised, so the chart's time axis is
 * honest about quiet weeks. Weeks the server sent outside the range are kept.
 */
export function fillWeeks(volume: readonly VolumePoint[], from: string, to: string): VolumePoint[] {
  const byWeek = new Map<string, VolumePoint>();
  for (const v of volume) {
    const prev = byWeek.get(v.week);
    byWeek.set(v.week, {
      week: v.week,
      kudos: (prev?.kudos ?? 0) + (Number.isFinite(v.kudos) ? v.kudos : 0),
      points: (prev?.points ?? 0) + (Number.isFinite(v.points) ? v.points : 0),
    });
  }
  if (!rangeProblem(from, to)) {
    const last = mondayOf(to);
    for (let w = mondayOf(from); w <= last; w = addDays(w, 7)) {
      if (!byWeek.has(w)) {
        byWeek.set(w, { week: w, kudos: 0, points: 0 });
      }
    }
  }
  return [...byWeek.values()].sort((a, b) => a.week.localeCompare(b.week));
}

/** A whole number in the reader's language: 1,234 or 1.234. */
export function formatNumber(n: number, lng: string): string {
  return new Intl.NumberFormat(dateLocale(lng)).format(Number.isFinite(n) ? n : 0);
}

/** A short day and month for chart axes: "3 Mar", "3 mar". */
export function formatDay(day: string, lng: string): string {
  const t = parseDay(day);
  return t === null ? day : new Date(t).toLocaleDateString(dateLocale(lng), { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/** A full day for tables and tooltips: "3 Mar 2026". */
export function formatLongDay(day: string, lng: string): string {
  const t = parseDay(day);
  return t === null
    ? day
    : new Date(t).toLocaleDateString(dateLocale(lng), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** How many whole days ago a moment was, never negative. */
export function daysSince(iso: string, now: Date = new Date()): number | null {
  const t = new Date(iso).getTime();
  return Number.isNaN(t) ? null : Math.max(0, Math.floor((now.getTime() - t) / DAY));
}

/** Where the viewer stands on a board: among the entries shown, further down, or not on it. */
export type MyPlace = { kind: 'shown' } | { kind: 'below'; rank: number; points: number; kudos: number } | { kind: 'absent' };

export function myPlace(view: LeaderboardView, myId: string | undefined): MyPlace {
  if (myId && view.entries.some((e) => e.person.id === myId)) {
    return { kind: 'shown' };
  }
  return view.me ? { kind: 'below', ...view.me } : { kind: 'absent' };
}

/** A share of a total as a whole percentage, 0 when there is no total. */
export function percent(part: number, total: number): number {
  return total > 0 && Number.isFinite(part) ? Math.round((part / total) * 100) : 0;
}

export type CsvCell = string | number | null | undefined;

/**
 * A CSV file (RFC 4180, CRLF), safe to open in a spreadsheet: names are typed by people, so a
 * cell that would start a formula is prefixed with an apostrophe.
 */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  const cell = (v: CsvCell) => {
    let s = v === null || v === undefined ? '' : String(v);
    if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) {
      s = `'${s}`;
    }
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** A file name for an export: letters, digits and dashes only. */
export function csvName(...parts: string[]): string {
  const slug = parts
    .join('-')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'export'}.csv`;
}
