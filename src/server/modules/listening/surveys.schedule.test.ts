import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, DAY_MS, nextOpening, opening, remindersDue, roundClosesAt } from './surveys.schedule.js';

const at = (iso: string) => new Date(iso);

describe('the survey calendar', () => {
  it('adds calendar months, keeping the day or the month’s last day', () => {
    expect(addMonths(at('2026-01-31T09:00:00Z'), 1).toISOString()).toBe('2026-02-28T09:00:00.000Z');
    expect(addMonths(at('2028-01-31T09:00:00Z'), 1).toISOString()).toBe('2028-02-29T09:00:00.000Z');
    expect(addMonths(at('2026-01-31T09:00:00Z'), 2).toISOString()).toBe('2026-03-31T09:00:00.000Z');
    expect(addMonths(at('2026-11-15T09:00:00Z'), 3).toISOString()).toBe('2027-02-15T09:00:00.000Z');
  });

  it('opens weekly, fortnightly and monthly rounds on the calendar of the first round, without drifting', () => {
    const anchor = at('2026-01-31T09:00:00Z');
    // A tick opens a round up to a minute late; the next one is still due on time.
    expect(nextOpening('weekly', anchor, new Date(anchor.getTime() + 40_000)).toISOString()).toBe('2026-02-07T09:00:00.000Z');
    expect(nextOpening('biweekly', anchor, at('2026-02-14T09:00:30Z')).toISOString()).toBe('2026-02-28T09:00:00.000Z');
    expect(nextOpening('monthly', anchor, at('2026-01-31T09:00:30Z')).toISOString()).toBe('2026-02-28T09:00:00.000Z');
    expect(nextOpening('monthly', anchor, at('2026-02-28T09:00:30Z')).toISOString()).toBe('2026-03-31T09:00:00.000Z');
  });

  it('always finds the first opening after the last one', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('weekly' as const, 'biweekly' as const, 'monthly' as const),
        fc.date({ min: at('2025-01-01'), max: at('2030-01-01'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 400 * DAY_MS }),
        (recurrence, anchor, offset) => {
          const after = new Date(anchor.getTime() + offset);
          const next = nextOpening(recurrence, anchor, after);
          expect(next.getTime()).toBeGreaterThan(after.getTime());
          // No opening of the calendar lies between `after` and `next`.
          let k = 0;
          while (opening(recurrence, anchor, k).getTime() <= after.getTime()) {
            k += 1;
          }
          expect(opening(recurrence, anchor, Math.max(1, k)).getTime()).toBe(next.getTime());
        },
      ),
    );
  });

  it('closes a one-off round at the survey’s end, and recurring rounds after their days but never past the end', () => {
    const opens = at('2026-03-01T08:00:00Z');
    expect(roundClosesAt('none', opens, 7, null).toISOString()).toBe('2026-03-08T08:00:00.000Z');
    expect(roundClosesAt('none', opens, 7, at('2026-03-20T00:00:00Z')).toISOString()).toBe('2026-03-20T00:00:00.000Z');
    expect(roundClosesAt('weekly', opens, 5, at('2026-03-20T00:00:00Z')).toISOString()).toBe('2026-03-06T08:00:00.000Z');
    expect(roundClosesAt('weekly', opens, 5, at('2026-03-03T00:00:00Z')).toISOString()).toBe('2026-03-03T00:00:00.000Z');
  });

  it('counts the reminders that are due, leaving out those after the close', () => {
    const opens = at('2026-03-01T08:00:00Z');
    const closes = at('2026-03-06T08:00:00Z');
    expect(remindersDue([2, 4, 6], opens, closes, at('2026-03-02T08:00:00Z'))).toBe(0);
    expect(remindersDue([2, 4, 6], opens, closes, at('2026-03-03T08:00:00Z'))).toBe(1);
    expect(remindersDue([2, 4, 6], opens, closes, at('2026-03-10T08:00:00Z'))).toBe(2);
  });
});
