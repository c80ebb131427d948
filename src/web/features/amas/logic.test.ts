import { describe, expect, it } from 'vitest';
import { defaultTimes, fromLocalInput, toLocalInput } from './logic.js';

describe('AMA form times', () => {
  it('reads back the same minute it wrote', () => {
    const iso = new Date(2026, 2, 18, 15, 30).toISOString();
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
  });

  it('refuses what is not a date and time', () => {
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('tomorrow')).toBeNull();
    expect(toLocalInput('nonsense')).toBe('');
  });

  it('starts a new AMA at the next full hour, for an hour', () => {
    const { startsAt, endsAt } = defaultTimes(new Date(2026, 2, 18, 15, 20));
    expect(startsAt).toBe('2026-03-18T16:00');
    expect(endsAt).toBe('2026-03-18T17:00');
  });
});
