import { describe, expect, it } from 'vitest';
import { dateBadge, formatRange, fromLocalInput, seatsLeft, toLocalInput, zonesDiffer } from './logic.js';

describe('event times', () => {
  it('reads a date-time field in the event’s zone, summer and winter', () => {
    expect(fromLocalInput('2026-12-01T10:00', 'Europe/Rome')).toBe('2026-12-01T09:00:00.000Z');
    expect(fromLocalInput('2026-07-01T10:00', 'Europe/Rome')).toBe('2026-07-01T08:00:00.000Z');
    expect(fromLocalInput('2026-07-01T10:00', 'America/New_York')).toBe('2026-07-01T14:00:00.000Z');
    expect(fromLocalInput('2026-07-01T10:00', 'UTC')).toBe('2026-07-01T10:00:00.000Z');
  });

  it('answers null for an empty or broken field', () => {
    expect(fromLocalInput('', 'UTC')).toBeNull();
    expect(fromLocalInput('tomorrow', 'UTC')).toBeNull();
  });

  it('writes an instant back as the field shows it in a zone', () => {
    expect(toLocalInput('2026-12-01T09:00:00.000Z', 'Europe/Rome')).toBe('2026-12-01T10:00');
    expect(toLocalInput('2026-12-01T09:00:00.000Z', 'Asia/Kolkata')).toBe('2026-12-01T14:30');
    expect(fromLocalInput(toLocalInput('2026-03-29T12:00:00.000Z', 'Europe/Rome'), 'Europe/Rome')).toBe('2026-03-29T12:00:00.000Z');
  });

  it('formats a range on one day, a badge, and tells zones apart', () => {
    expect(formatRange('2026-12-01T09:00:00Z', '2026-12-01T10:00:00Z', 'Europe/Rome', 'en-GB')).toBe('Tue, 1 Dec 2026, 10:00 – 11:00');
    expect(dateBadge('2026-12-01T23:30:00Z', 'Europe/Rome', 'en-GB')).toEqual({ month: 'Dec', day: '2' });
    expect(zonesDiffer('2026-12-01T09:00:00Z', 'Europe/Rome', 'Europe/Paris')).toBe(false);
    expect(zonesDiffer('2026-12-01T09:00:00Z', 'Europe/Rome', 'UTC')).toBe(true);
  });

  it('counts seats left', () => {
    expect(seatsLeft({ capacity: null, goingCount: 3 })).toBeNull();
    expect(seatsLeft({ capacity: 2, goingCount: 3 })).toBe(0);
    expect(seatsLeft({ capacity: 5, goingCount: 3 })).toBe(2);
  });
});
