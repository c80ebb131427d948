/**
 * Times of events. An event is planned in its own time zone: the editor's date-time fields show the
 * wall-clock time there, and the page shows it in the reader's zone too when the two differ.
 */

/** The time zones to choose from (the browser's list, UTC first). */
export function timeZones(): string[] {
  const list = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...list.filter((z) => z !== 'UTC')];
}

/** The reader's own time zone. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function parts(date: Date, zone: string) {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const p = Object.fromEntries(f.formatToParts(date).map((x) => [x.type, x.value]));
  return {
    y: Number(p.year),
    mo: Number(p.month),
    d: Number(p.day),
    h: Number(p.hour),
    mi: Number(p.minute),
    s: Number(p.second),
  };
}

/** The zone's offset from UTC at an instant, in minutes. */
function offsetAt(date: Date, zone: string): number {
  const p = parts(date, zone);
  return Math.round((Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s) - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as the value of a date-time field (`YYYY-MM-DDTHH:mm`) in a zone. */
export function toLocalInput(iso: string | Date, zone: string): string {
  const p = parts(new Date(iso), zone);
  return `${p.y}-${pad(p.mo)}-${pad(p.d)}T${pad(p.h)}:${pad(p.mi)}`;
}

/**
 * The instant a date-time field's value means in a zone, as an ISO string; null when the field is
 * empty or invalid. A time skipped by a summer-time change moves forward, as calendars do.
 */
export function fromLocalInput(value: string, zone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) {
    return null;
  }
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (Number.isNaN(wall)) {
    return null;
  }
  let guess = wall - offsetAt(new Date(wall), zone) * 60_000;
  // A second pass settles instants near a change of offset.
  guess = wall - offsetAt(new Date(guess), zone) * 60_000;
  return new Date(guess).toISOString();
}

/** A start and end in a zone and language, e.g. "Tue 1 Dec 2026, 10:00 – 11:00". */
export function formatRange(startIso: string, endIso: string, zone: string, locale: string): string {
  const start = new Date(startIso);
  const end = new Date(endIso);
  const day = new Intl.DateTimeFormat(locale, { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
  const time = new Intl.DateTimeFormat(locale, { timeZone: zone, hour: '2-digit', minute: '2-digit' });
  const sameDay = day.format(start) === day.format(end);
  return sameDay
    ? `${day.format(start)}, ${time.format(start)} – ${time.format(end)}`
    : `${day.format(start)}, ${time.format(start)} – ${day.format(end)}, ${time.format(end)}`;
}

/** The month (short) and day of the start in a zone, for a calendar-leaf badge. */
export function dateBadge(iso: string, zone: string, locale: string): { month: string; day: string } {
  const d = new Date(iso);
  return {
    month: new Intl.DateTimeFormat(locale, { timeZone: zone, month: 'short' }).format(d),
    day: new Intl.DateTimeFormat(locale, { timeZone: zone, day: 'numeric' }).format(d),
  };
}

/** True when two zones show different clocks at this instant (so both times are worth showing). */
export function zonesDiffer(iso: string, a: string, b: string): boolean {
  const d = new Date(iso);
  return offsetAt(d, a) !== offsetAt(d, b);
}

/** Seats left, or null when there is no limit. */
export function seatsLeft(e: { capacity: number | null; goingCount: number }): number | null {
  return e.capacity === null ? null : Math.max(0, e.capacity - e.goingCount);
}
