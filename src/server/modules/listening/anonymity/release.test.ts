import { describe, expect, it } from 'vitest';
import { atomKey, audienceChangeAllowed, ReleaseLedger, type Atom, type Ancestry } from './release.js';

const none: Ancestry = { department: new Map([['sales', []]]), line: new Map() };
const atom = (teamId: string, locationId: string, count: number): Atom => ({
  departmentId: 'sales',
  teamId,
  lineId: null,
  locationId,
  count,
});

describe('release ledger', () => {
  it('refuses a cell below the threshold and a sibling that would leave a small remainder of its parent', () => {
    const atoms = [atom('a', 'mi', 6), atom('b', 'mi', 5), atom('c', 'mi', 2)];
    const ledger = new ReleaseLedger(5, atoms, none, []);
    expect(ledger.tryRelease({ department: 'sales' }).ok).toBe(true);
    expect(ledger.tryRelease({ team: 'c' })).toMatchObject({ ok: false, reason: 'too_few' });
    expect(ledger.tryRelease({ team: 'a' }).ok).toBe(true);
    // sales − a − b would be team c's 2 people: the next smallest neighbour is suppressed.
    expect(ledger.tryRelease({ team: 'b' })).toMatchObject({ ok: false, reason: 'differencing' });
    expect(ledger.smallestClass()).toBeGreaterThanOrEqual(5);
  });

  it('refuses the same cell again when fewer than the threshold answered since it was shown', () => {
    const first = new ReleaseLedger(5, [atom('a', 'mi', 5)], none, []);
    const shown = first.tryRelease({ team: 'a' });
    expect(shown.ok).toBe(true);
    const counts = shown.ok ? shown.counts : {};
    const later = new ReleaseLedger(5, [atom('a', 'mi', 6)], none, [{ cellKey: 'x', counts }]);
    expect(later.tryRelease({ team: 'a' })).toMatchObject({ ok: false, reason: 'differencing' });
    const muchLater = new ReleaseLedger(5, [atom('a', 'mi', 10)], none, [{ cellKey: 'x', counts }]);
    expect(muchLater.tryRelease({ team: 'a' }).ok).toBe(true);
  });

  it('refuses a crossing breakdown that would cut an earlier report into a small piece', () => {
    const atoms = [atom('a', 'mi', 8), atom('a', 'rm', 2), atom('b', 'mi', 2), atom('b', 'rm', 8)];
    const ledger = new ReleaseLedger(5, atoms, none, []);
    expect(ledger.tryRelease({ team: 'a' }).ok).toBe(true);
    expect(ledger.tryRelease({ location: 'mi' })).toMatchObject({ ok: false, reason: 'differencing' });
  });

  it('fails closed on a ledger that holds more sheets than the round', () => {
    expect(
      () => new ReleaseLedger(5, [atom('a', 'mi', 3)], none, [{ cellKey: 'x', counts: { [atomKey(atom('a', 'mi', 0))]: 5 } }]),
    ).toThrow();
  });

  it('refuses comparing rounds whose audience changed by fewer than the threshold', () => {
    const six = new Set(['1', '2', '3', '4', '5', '6']);
    expect(audienceChangeAllowed(six, new Set([...six, '7']), 5)).toBe(false);
    expect(audienceChangeAllowed(six, new Set(six), 5)).toBe(true);
    expect(audienceChangeAllowed(six, new Set([...six, '7', '8', '9', '10', '11']), 5)).toBe(true);
  });
});
