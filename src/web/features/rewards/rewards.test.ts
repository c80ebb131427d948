import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RECOGNITION_LIMITS } from '../../../shared/recognition.js';
import { check, countryGroups, emojiOk, moveTarget, newIdempotencyKey, redeemBlock, rewardInput, signed } from './logic.js';

const reward = (over: Partial<{ cost: number; stock: number | null; active: boolean }> = {}) => ({
  cost: 100,
  stock: null,
  active: true,
  ...over,
});

describe('whether a reward can be redeemed', () => {
  it('allows it when the balance covers the cost and there is stock', () => {
    expect(redeemBlock(reward(), 100, true)).toBeNull();
    expect(redeemBlock(reward({ stock: 1 }), 250, true)).toBeNull();
  });

  it('says how many points are missing when the balance is short', () => {
    expect(redeemBlock(reward({ cost: 120 }), 90, true)).toEqual({ kind: 'short', missing: 30 });
  });

  it('refuses what is out of stock before talking about points', () => {
    expect(redeemBlock(reward({ stock: 0 }), 0, true)).toEqual({ kind: 'outOfStock' });
  });

  it('refuses an inactive reward and everything when points are off for the person', () => {
    expect(redeemBlock(reward({ active: false }), 1000, true)).toEqual({ kind: 'inactive' });
    expect(redeemBlock(reward(), 1000, false)).toEqual({ kind: 'off' });
  });

  it('never blocks a reward the balance covers, and always blocks one it does not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), (cost, balance) => {
        const block = redeemBlock(reward({ cost }), balance, true);
        return balance >= cost ? block === null : block?.kind === 'short' && block.missing === cost - balance;
      }),
    );
  });
});

describe('idempotency keys', () => {
  it('are new for each attempt and fit the server limit', () => {
    const keys = new Set(Array.from({ length: 50 }, newIdempotencyKey));
    expect(keys.size).toBe(50);
    for (const k of keys) {
      expect(k.length).toBeGreaterThan(0);
      expect(k.length).toBeLessThanOrEqual(RECOGNITION_LIMITS.idempotencyKey);
    }
  });
});

describe('moving a company value', () => {
  const v = (id: string, archived = false) => ({ id, archived });

  it('swaps with the neighbour above or below', () => {
    const all = [v('a'), v('b'), v('c')];
    expect(moveTarget(all, 'c', 'up')).toBe(1);
    expect(moveTarget(all, 'a', 'down')).toBe(1);
  });

  it('skips archived values, since their places count on the server but nobody sees them', () => {
    const all = [v('a'), v('x', true), v('b'), v('y', true), v('c')];
    expect(moveTarget(all, 'b', 'up')).toBe(0);
    expect(moveTarget(all, 'b', 'down')).toBe(4);
  });

  it('does nothing at either end or for an unknown value', () => {
    const all = [v('a'), v('b')];
    expect(moveTarget(all, 'a', 'up')).toBeNull();
    expect(moveTarget(all, 'b', 'down')).toBeNull();
    expect(moveTarget(all, 'zzz', 'up')).toBeNull();
  });

  it('gives the order the administrator asked for once the server shifts the others', () => {
    // The server removes the value and inserts it at the position, as the API documents.
    const apply = (ids: string[], id: string, position: number) => {
      const others = ids.filter((x) => x !== id);
      return [...others.slice(0, position), id, ...others.slice(position)];
    };
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 2, maxLength: 8 }), fc.nat(), fc.boolean(), (archivedFlags, pick, up) => {
        const all = archivedFlags.map((archived, i) => v(`v${i}`, archived));
        const active = all.filter((x) => !x.archived);
        if (active.length === 0) {
          return true;
        }
        const moving = active[pick % active.length]!;
        const position = moveTarget(all, moving.id, up ? 'up' : 'down');
        const at = active.indexOf(moving);
        if (position === null) {
          return up ? at === 0 : at === active.length - 1;
        }
        const after = apply(
          all.map((x) => x.id),
          moving.id,
          position,
        ).filter((id) => !all.find((x) => x.id === id)!.archived);
        const expected = active.map((x) => x.id);
        const j = up ? at - 1 : at + 1;
        [expected[at], expected[j]] = [expected[j]!, expected[at]!];
        expect(after).toEqual(expected);
        return true;
      }),
    );
  });
});

describe('form checks', () => {
  it('require a name and keep it within the limit', () => {
    expect(check.name('  ', 40)).toBe('rewards.validation.required');
    expect(check.name('x'.repeat(41), 40)).toBe('rewards.validation.tooLong');
    expect(check.name(` ${'x'.repeat(40)} `, 40)).toBeNull();
  });

  it('take whole numbers within the range only', () => {
    expect(check.whole('', 1, 10)).toBe('rewards.validation.required');
    expect(check.whole(0, 1, 10)).toBe('rewards.validation.range');
    expect(check.whole(2.5, 1, 10)).toBe('rewards.validation.range');
    expect(check.whole(11, 1, 10)).toBe('rewards.validation.range');
    expect(check.whole(10, 1, 10)).toBeNull();
    expect(check.whole('7', 1, 10)).toBeNull();
  });

  it('accept one emoji but no words, like the server', () => {
    expect(emojiOk('')).toBe(true);
    expect(emojiOk('🤝')).toBe(true);
    expect(emojiOk('👩‍👩‍👧‍👦')).toBe(true);
    expect(emojiOk('🇮🇹')).toBe(true);
    expect(emojiOk('ok')).toBe(false);
    expect(emojiOk('🤝 🤝')).toBe(false);
    expect(emojiOk('🤝'.repeat(9))).toBe(false);
  });
});

describe('the reward form', () => {
  it('sends trimmed text, numbers, and no stock for an unlimited reward', () => {
    const base = { name: ' Day off ', description: ' A day ', cost: '300', stock: '5', requiresApproval: true, active: true };
    expect(rewardInput({ ...base, unlimited: true })).toEqual({
      name: 'Day off',
      description: 'A day',
      cost: 300,
      stock: null,
      requiresApproval: true,
      active: true,
    });
    expect(rewardInput({ ...base, unlimited: false }).stock).toBe(5);
  });
});

describe('points in the history', () => {
  it('carry their sign in text, not only in colour', () => {
    expect(signed(12, 'en-GB')).toBe('+12');
    expect(signed(-1200, 'en-GB')).toBe('−1,200');
    expect(signed(-1200, 'it-IT')).toBe('−1200');
    expect(signed(0, 'en-GB')).toBe('0');
  });
});

describe('countries where gamification can be off', () => {
  it('lists office countries first, each once, and every other country after', () => {
    const g = countryGroups(['it', 'IT', 'DE', null, 'bogus'], [], 'en');
    expect(g.offices.map((o) => o.value)).toEqual(['DE', 'IT']);
    expect(g.offices[1]!.label).toBe('Italy (IT)');
    expect(g.others.some((o) => o.value === 'IT')).toBe(false);
    expect(g.others.some((o) => o.value === 'FR')).toBe(true);
    expect(g.others.length).toBeGreaterThan(200);
  });

  it('keeps a chosen code even when it is not a known country', () => {
    const g = countryGroups([], ['QZ'], 'it');
    expect(g.others.some((o) => o.value === 'QZ')).toBe(true);
  });
});
