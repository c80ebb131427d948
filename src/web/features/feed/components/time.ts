import { dateLocale, formatDate } from '../../../components/format.js';

/** "5 min ago", "yesterday", then the date; the exact time is in the tooltip and for screen readers. */
export function relativeTime(iso: string, lng: string, nowMs: number, justNow: string): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) {
    return iso;
  }
  const seconds = Math.round((then - nowMs) / 1000);
  const abs = Math.abs(seconds);
  const rtf = new Intl.RelativeTimeFormat(dateLocale(lng), { numeric: 'auto', style: 'short' });
  if (abs < 45) {
    return justNow;
  }
  if (abs < 3600) {
    return rtf.format(Math.round(seconds / 60), 'minute');
  }
  if (abs < 86_400) {
    return rtf.format(Math.round(seconds / 3600), 'hour');
  }
  if (abs < 7 * 86_400) {
    return rtf.format(Math.round(seconds / 86_400), 'day');
  }
  return formatDate(iso, lng);
}
