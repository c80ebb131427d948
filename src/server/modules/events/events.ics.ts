import ical, { ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from 'ical-generator';

/**
 * iCalendar files of events. Times are written in the event's own time zone (DTSTART;TZID=…) with a
 * VTIMEZONE computed from the platform's time zone data, so that calendars show the right local time
 * and follow summer-time changes; UTC events are written in UTC (…Z).
 */

export interface IcsEvent {
  id: string;
  title: string;
  /** Plain text (the Markdown source). */
  description: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  place: string | null;
  onlineUrl: string | null;
  sequence: number;
  cancelled: boolean;
  /** The event's page in the app. */
  link: string;
}

/** True when the platform knows this IANA time zone. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const partsFormat = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of an instant in a zone. */
function wall(date: Date, zone: string) {
  let f = partsFormat.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormat.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(date).map((x) => [x.type, x.value]));
  return { y: p.year ?? '1970', mo: p.month ?? '01', d: p.day ?? '01', h: p.hour ?? '00', mi: p.minute ?? '00', s: p.second ?? '00' };
}

/** The zone's offset from UTC at an instant, in minutes. */
function offsetMinutes(date: Date, zone: string): number {
  const w = wall(date, zone);
  const asUtc = Date.UTC(Number(w.y), Number(w.mo) - 1, Number(w.d), Number(w.h), Number(w.mi), Number(w.s));
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

const localStamp = (date: Date, zone: string) => {
  const w = wall(date, zone);
  return `${w.y}${w.mo}${w.d}T${w.h}${w.mi}${w.s}`;
};

/**
 * A date as ical-generator's Luxon-like input: it asks for the wall-clock time in the event's zone
 * (a plain Date would be written in the server's own zone).
 */
function zoned(date: Date, zone: string) {
  const stub = {
    get isValid() {
      return !Number.isNaN(date.getTime());
    },
    zone: { type: 'iana' },
    setZone: (z?: string) => zoned(date, z ?? zone),
    toJSDate: () => date,
    toJSON: () => date.toISOString(),
    toFormat: (fmt: string) => {
      const w = wall(date, zone);
      return fmt === 'yyyyLLdd' ? `${w.y}${w.mo}${w.d}` : `${w.h}${w.mi}${w.s}`;
    },
  };
  return stub;
}

const fmtOffset = (m: number) => {
  const a = Math.abs(m);
  return `${m < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}${String(a % 60).padStart(2, '0')}`;
};

/**
 * A VTIMEZONE with the zone's actual offset changes between two instants (one observance per change,
 * found by bisection on the platform's data), so that no recurrence rules have to be guessed.
 */
export function vtimezone(zone: string, from: Date, to: Date): string {
  const HOUR = 3_600_000;
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  const observance = (at: Date, before: number, after: number) => {
    const kind = after > before ? 'DAYLIGHT' : 'STANDARD';
    // DTSTART is the wall-clock time, in the offset in force before the change, when it happens.
    const local = new Date(at.getTime() + before * 60_000).toISOString();
    const stamp = `${local.slice(0, 4)}${local.slice(5, 7)}${local.slice(8, 10)}T${local.slice(11, 13)}${local.slice(14, 16)}${local.slice(17, 19)}`;
    lines.push(`BEGIN:${kind}`, `DTSTART:${stamp}`, `TZOFFSETFROM:${fmtOffset(before)}`, `TZOFFSETTO:${fmtOffset(after)}`, `END:${kind}`);
  };
  const start = new Date(from.getTime() - 400 * 24 * HOUR);
  const end = new Date(to.getTime() + 24 * HOUR);
  let prev = offsetMinutes(start, zone);
  observance(start, prev, prev);
  const STEP = 24 * HOUR;
  for (let t = start.getTime(); t < end.getTime(); t += STEP) {
    const next = offsetMinutes(new Date(t + STEP), zone);
    if (next !== prev) {
      let lo = t;
      let hi = t + STEP;
      while (hi - lo > 60_000) {
        const mid = lo + Math.floor((hi - lo) / 2 / 60_000) * 60_000;
        if (offsetMinutes(new Date(mid), zone) === prev) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      observance(new Date(hi), prev, next);
      prev = next;
    }
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}

/** A calendar of these events; `host` makes their UIDs (`<id>@<host>`) unique and stable across files. */
export function buildCalendar(opts: { name: string; host: string; events: readonly IcsEvent[]; publish?: boolean }): ICalCalendar {
  const starts = opts.events.map((e) => e.startsAt.getTime());
  const first = new Date(starts.length > 0 ? Math.min(...starts) : Date.now());
  const last = new Date(Math.max(...opts.events.map((e) => e.endsAt.getTime()), first.getTime()));
  const cal = ical({
    name: opts.name,
    prodId: { company: 'Tessuto', product: 'Tessuto', language: 'EN' },
    timezone: { name: null, generator: (zone) => vtimezone(zone, first, last) },
    ...(opts.publish ? { method: ICalCalendarMethod.PUBLISH } : {}),
  });
  for (const e of opts.events) {
    const utc = e.timeZone === 'UTC' || e.timeZone === 'Etc/UTC';
    const description = [e.description.trim(), e.onlineUrl, e.link].filter((x): x is string => Boolean(x)).join('\n\n');
    cal.createEvent({
      id: `${e.id}@${opts.host}`,
      sequence: e.sequence,
      start: utc ? e.startsAt : zoned(e.startsAt, e.timeZone),
      end: utc ? e.endsAt : zoned(e.endsAt, e.timeZone),
      ...(utc ? {} : { timezone: e.timeZone }),
      summary: e.title,
      description,
      location: e.place ?? e.onlineUrl ?? null,
      url: e.onlineUrl ?? e.link,
      status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return cal;
}

/** The local time of an instant in a zone, as `YYYYMMDDTHHMMSS` (for tests and checks). */
export const localTime = localStamp;
