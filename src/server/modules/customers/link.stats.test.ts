import { describe, expect, it } from 'vitest';
import { correlate, leastSquares, pearson, pearsonInterval, percentileRanks, spearman, spearmanInterval } from './link.stats.js';

// Anscombe's quartet, data set I (Anscombe, 1973): r = 0.816, y = 3.00 + 0.500 x.
const ANSCOMBE_X = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5];
const ANSCOMBE_Y = [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68];

// The textbook Spearman example (IQ against hours of television a week): Σd² = 194, so
// rho = 1 − 6·194 / (10·99) = −29/165.
const IQ = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
const TV = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];

describe('link statistics', () => {
  it("reproduces Pearson's r and the least-squares line of Anscombe's first data set", () => {
    expect(pearson(ANSCOMBE_X, ANSCOMBE_Y)).toBeCloseTo(0.816, 3);
    const fit = leastSquares(ANSCOMBE_X, ANSCOMBE_Y)!;
    expect(fit.slope).toBeCloseTo(0.5, 3);
    expect(fit.intercept).toBeCloseTo(3.0, 2);
  });

  it("reproduces Spearman's rho of the textbook example, ties or not", () => {
    expect(spearman(IQ, TV)).toBeCloseTo(-29 / 165, 10);
    // Midranks for ties: a perfectly monotone relation with ties is still 1.
    expect(spearman([1, 2, 2, 3], [10, 20, 20, 30])).toBeCloseTo(1, 10);
    // Order of the pairs does not matter.
    expect(spearman([...IQ].reverse(), [...TV].reverse())).toBeCloseTo(-29 / 165, 10);
  });

  it("gives Fisher's 95 % interval of r = 0.5 from 28 pairs", () => {
    // z = atanh(0.5) = 0.5493, SE = 1/√25 = 0.2, z ± 1.96·0.2 = [0.1573, 0.9413] → tanh → [0.156, 0.736].
    const ci = pearsonInterval(0.5, 28)!;
    expect(ci.low).toBeCloseTo(0.156, 3);
    expect(ci.high).toBeCloseTo(0.736, 3);
  });

  it("widens Spearman's interval by √1.06", () => {
    // z = atanh(−0.17576) = −0.1776, SE = √(1.06/7) = 0.3891, z ± 0.7627 → tanh → [−0.735, 0.526].
    const ci = spearmanInterval(-29 / 165, 10)!;
    expect(ci.low).toBeCloseTo(-0.735, 2);
    expect(ci.high).toBeCloseTo(0.526, 2);
    const p = pearsonInterval(-29 / 165, 10)!;
    expect(ci.high - ci.low).toBeGreaterThan(p.high - p.low);
  });

  it('gives no interval below four pairs and no correlation without variation', () => {
    expect(pearsonInterval(0.9, 3)).toBeNull();
    expect(spearmanInterval(0.9, 3)).toBeNull();
    expect(pearson([1, 1, 1, 1], [1, 2, 3, 4])).toBeNull();
    expect(spearman([1, 2, 3, 4], [5, 5, 5, 5])).toBeNull();
    expect(leastSquares([2, 2, 2], [1, 2, 3])).toBeNull();
    const three = correlate([1, 2, 3], [2, 4, 7]);
    expect(three).toMatchObject({ n: 3, pearson: null, spearman: null });
    expect(three.fit!.slope).toBeCloseTo(2.5, 10);
  });

  it('puts a perfect relation at ±1 with an interval that stays inside [−1, 1]', () => {
    const c = correlate([1, 2, 3, 4, 5], [10, 8, 6, 4, 2]);
    expect(c.pearson!.r).toBeCloseTo(-1, 10);
    expect(c.spearman!.rho).toBeCloseTo(-1, 10);
    expect(c.pearson!.low).toBeGreaterThanOrEqual(-1);
    expect(c.pearson!.high).toBeLessThanOrEqual(-0.99);
    expect(c.fit).toEqual({ slope: -2, intercept: 12 });
    // Floating point puts these a hair above 1 (1.0000000000000002); atanh of that would be NaN.
    const perfect = correlate([1, 2, 3, 4], [2, 4, 6, 8]);
    expect(perfect.pearson).toEqual({ r: 1, low: 1, high: 1 });
    expect(correlate([85, 84.9, 80, 75], [100, 33, -33, -100]).spearman).toEqual({ rho: 1, low: 1, high: 1 });
  });

  it('ranks values as the share below plus half the share equal', () => {
    const ranks = percentileRanks(
      new Map([
        ['a', 1],
        ['b', 2],
        ['c', 2],
        ['d', 4],
      ]),
    );
    expect(Object.fromEntries(ranks)).toEqual({ a: 12.5, b: 50, c: 50, d: 87.5 });
    expect(percentileRanks(new Map([['alone', 3]])).get('alone')).toBe(50);
    expect(percentileRanks(new Map()).size).toBe(0);
  });
});
