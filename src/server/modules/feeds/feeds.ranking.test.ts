import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { engagementScore, RANKING } from './feeds.ranking.js';

const asOf = new Date('2026-11-26T12:00:00Z');
const count = fc.integer({ min: 0, max: 100_000 });
const engagement = fc.record({ reactions: count, comments: count, shares: count });
/** Ages up to a month, in minutes. */
const age = fc.integer({ min: 0, max: 30 * 24 * 60 });
const at = (minutes: number) => new Date(asOf.getTime() - minutes * 60_000);

describe('engagement score', () => {
  it('ranks a newer post above an older one with the same engagement', () => {
    fc.assert(
      fc.property(engagement, age, age, (e, a, b) => {
        fc.pre(a !== b);
        const [newer, older] = a < b ? [a, b] : [b, a];
        expect(engagementScore({ ...e, createdAt: at(newer) }, asOf)).toBeGreaterThan(
          engagementScore({ ...e, createdAt: at(older) }, asOf),
        );
      }),
    );
  });

  it('ranks more engagement above less at the same age, whatever kind it is', () => {
    fc.assert(
      fc.property(
        engagement,
        age,
        fc.constantFrom('reactions', 'comments', 'shares'),
        fc.integer({ min: 1, max: 1000 }),
        (e, a, kind, more) => {
          const createdAt = at(a);
          const base = engagementScore({ ...e, createdAt }, asOf);
          expect(engagementScore({ ...e, [kind]: e[kind] + more, createdAt }, asOf)).toBeGreaterThan(base);
        },
      ),
    );
  });

  it('weighs a share above a comment above a reaction', () => {
    const createdAt = at(60);
    const none = { reactions: 0, comments: 0, shares: 0, createdAt };
    const reaction = engagementScore({ ...none, reactions: 1 }, asOf);
    const comment = engagementScore({ ...none, comments: 1 }, asOf);
    const share = engagementScore({ ...none, shares: 1 }, asOf);
    expect(share).toBeGreaterThan(comment);
    expect(comment).toBeGreaterThan(reaction);
  });

  it('is positive and finite, and treats a post dated after the moment of ranking as brand new', () => {
    fc.assert(
      fc.property(engagement, fc.integer({ min: -600, max: 30 * 24 * 60 }), (e, a) => {
        const s = engagementScore({ ...e, createdAt: at(a) }, asOf);
        expect(s).toBeGreaterThan(0);
        expect(Number.isFinite(s)).toBe(true);
      }),
    );
    const e = { reactions: 2, comments: 1, shares: 0 };
    expect(engagementScore({ ...e, createdAt: at(-30) }, asOf)).toBe(engagementScore({ ...e, createdAt: asOf }, asOf));
    expect(engagementScore({ ...e, createdAt: asOf }, asOf)).toBeCloseTo(5 / Math.pow(RANKING.ageOffsetHours, RANKING.gravity));
  });
});
