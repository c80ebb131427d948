import type { Recurrence } from '../../../shared/listening.js';

/**
 * The calendar of surveys: when rounds open and close and when reminders are due. Pure functions of
 * dates, all in UTC.
 */

export const DAY_MS = 86_400_000;

/** The longest a round of each recurrence may stay open, so that rounds never overlap. */
export const MAX_ROUND_DAYS: Record<Recurrence, number> = { none: 90, weekly: 7, biweekly: 14, monthly: 28 };

/** `d` plus `months` calendar months, on the same day of the month or the month's last day when shorter. */
export function addMonths(d: Date, months: number): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(y, m, Math.min(d.getUTCDate(), last), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()),
  );
}

/** The `k`th opening after `anchor` (k = 0 is the anchor itself). */
export function opening(recurrence: Exclude<Recurrence, 'none'>, anchor: Date, k: number): Date {
  switch (recurrence) {
    case 'weekly':
      return new Date(anchor.getTime() + k * 7 * DAY_MS);
    case 'biweekly':
      return new Date(anchor.getTime() + k * 14 * DAY_MS);
    case 'monthly':
      return addMonths(anchor, k);
  }
}

/**
 * When the round after one opened at `after` is due: the first opening of the survey's calendar
 * (counted from its first round, `anchor`) strictly later than `after`. Counting from the first round
 * keeps the calendar from drifting (a tick opens a round up to a minute late) and keeps monthly rounds
 * on their day (31 January, 28 February, 31 March).
 */
export function nextOpening(recurrence: Exclude<Recurrence, 'none'>, anchor: Date, after: Date): Date {
  const span = after.getTime() - anchor.getTime();
  let k =
    recurrence === 'monthly'
      ? (after.getUTCFullYear() - anchor.getUTCFullYear()) * 12 + after.getUTCMonth() - anchor.getUTCMonth() - 1
      : Math.floor(span / ((recurrence === 'weekly' ? 7 : 14) * DAY_MS));
  k = Math.max(1, k);
  while (opening(recurrence, anchor, k).getTime() <= after.getTime()) {
    k += 1;
  }
  while (k > 1 && opening(recurrence, anchor, k - 1).getTime() > after.getTime()) {
    k -= 1;
  }
  return opening(recurrence, anchor, k);
}

/**
 * When a round opened at `opensAt` closes: a one-off survey's round stays open until the survey's end
 * when it has one, else for `roundDays`; a recurring survey's rounds last `roundDays`, never past the end.
 */
export function roundClosesAt(recurrence: Recurrence, opensAt: Date, roundDays: number, endsAt: Date | null): Date {
  const byDays = new Date(opensAt.getTime() + roundDays * DAY_MS);
  if (!endsAt || endsAt.getTime() <= opensAt.getTime()) {
    return byDays;
  }
  if (recurrence === 'none') {
    return endsAt;
  }
  return endsAt.getTime() < byDays.getTime() ? endsAt : byDays;
}

/** How many of the reminder days of a round have come by `now` (reminders falling after the close never come). */
export function remindersDue(reminderDays: readonly number[], opensAt: Date, closesAt: Date, now: Date): number {
  return reminderDays.filter((d) => {
    const at = opensAt.getTime() + d * DAY_MS;
    return at <= now.getTime() && at < closesAt.getTime();
  }).length;
}
