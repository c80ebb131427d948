import { dateLocale } from '../../../../components/format.js';

/** A whole number in the reader's language: 1,234 or 1.234. */
export const formatNumber = (n: number, lng: string) => new Intl.NumberFormat(dateLocale(lng)).format(Number.isFinite(n) ? n : 0);

/** A ratio (0..1) as a percentage: 42%, 42 %. */
export const formatPercent = (r: number, lng: string) =>
  new Intl.NumberFormat(dateLocale(lng), { style: 'percent', maximumFractionDigits: 1 }).format(Number.isFinite(r) ? r : 0);

/** A small decimal such as clicks per share: 1.5, 1,5. */
export const formatDecimal = (n: number, lng: string) =>
  new Intl.NumberFormat(dateLocale(lng), { maximumFractionDigits: 2 }).format(Number.isFinite(n) ? n : 0);

const utcDay = (day: string) => new Date(`${day}T00:00:00Z`);

/** A short day and month for chart axes: "3 Mar", "3 mar". */
export const formatDay = (day: string, lng: string) =>
  utcDay(day).toLocaleDateString(dateLocale(lng), { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** A full day for tables and tooltips: "3 Mar 2026". */
export const formatLongDay = (day: string, lng: string) =>
  utcDay(day).toLocaleDateString(dateLocale(lng), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export const tooltipStyle = {
  background: 'var(--mantine-color-body)',
  border: '1px solid var(--mantine-color-default-border)',
  borderRadius: 8,
  fontSize: 13,
};

export const axisTick = { fontSize: 12, fill: 'var(--mantine-color-dimmed)' };
