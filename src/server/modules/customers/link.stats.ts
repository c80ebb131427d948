import { linearRegression, sampleCorrelation, sampleRankCorrelation } from 'simple-statistics';

/**
 * The statistics of the employee–customer link, kept pure so that they can be checked against
 * published values. Correlations come from simple-statistics; the confidence intervals use Fisher's
 * z transform, with the Bonett–Wright standard error for Spearman's rho.
 */

export interface Interval {
  low: number;
  high: number;
}

/**
 * The two-sided 95 % normal quantile. Written out rather than taken from simple-statistics' `probit`,
 * whose inverse error function approximation gives 1.9572 here: enough to move an interval's ends
 * in the third decimal.
 */
const Z95 = 1.959963984540054;

/** Fewer pairs than this give no interval: Fisher's standard error needs n > 3. */
export const MIN_CI_N = 4;

function fisherInterval(r: number, se: number): Interval {
  const z = Math.atanh(r);
  return { low: Math.tanh(z - Z95 * se), high: Math.tanh(z + Z95 * se) };
}

/** 95 % interval of Pearson's r from n pairs: Fisher z with standard error 1/√(n−3). */
export function pearsonInterval(r: number, n: number): Interval | null {
  return n < MIN_CI_N || !Number.isFinite(r) ? null : fisherInterval(r, 1 / Math.sqrt(n - 3));
}

/** 95 % interval of Spearman's rho from n pairs: Fisher z with standard error √(1.06/(n−3)) (Bonett and Wright, 2000). */
export function spearmanInterval(rho: number, n: number): Interval | null {
  return n < MIN_CI_N || !Number.isFinite(rho) ? null : fisherInterval(rho, Math.sqrt(1.06 / (n - 3)));
}

/** A correlation, or null when undefined; rounding can carry a perfect one a hair past ±1, where atanh fails. */
const finite = (v: number): number | null => (Number.isFinite(v) ? Math.max(-1, Math.min(1, v)) : null);

/** Pearson's r, or null with fewer than two pairs or when either side does not vary. */
export function pearson(x: readonly number[], y: readonly number[]): number | null {
  return x.length < 2 || x.length !== y.length ? null : finite(sampleCorrelation([...x], [...y]));
}

/** Spearman's rho (ties share their mean rank), or null with fewer than two pairs or no variation. */
export function spearman(x: readonly number[], y: readonly number[]): number | null {
  return x.length < 2 || x.length !== y.length ? null : finite(sampleRankCorrelation([...x], [...y]));
}

/** The least-squares line y = slope·x + intercept, or null when x does not vary. */
export function leastSquares(x: readonly number[], y: readonly number[]): { slope: number; intercept: number } | null {
  if (x.length < 2 || x.length !== y.length || x.every((v) => v === x[0])) {
    return null;
  }
  const { m, b } = linearRegression(x.map((v, i) => [v, y[i]!]));
  return Number.isFinite(m) && Number.isFinite(b) ? { slope: m, intercept: b } : null;
}

export interface Correlation {
  n: number;
  pearson: { r: number; low: number; high: number } | null;
  spearman: { rho: number; low: number; high: number } | null;
  fit: { slope: number; intercept: number } | null;
}

/** Both correlations with their intervals (none below four pairs) and the fitted line. */
export function correlate(x: readonly number[], y: readonly number[]): Correlation {
  const n = Math.min(x.length, y.length);
  const r = pearson(x, y);
  const rho = spearman(x, y);
  const ri = r === null ? null : pearsonInterval(r, n);
  const si = rho === null ? null : spearmanInterval(rho, n);
  return {
    n,
    pearson: r !== null && ri ? { r, ...ri } : null,
    spearman: rho !== null && si ? { rho, ...si } : null,
    fit: leastSquares(x, y),
  };
}

/**
 * Percentile rank of each value among all of them, 0–100: the share below plus half the share equal
 * (the usual definition, so that ties share one rank and a lone value sits at 50).
 */
export function percentileRanks<K>(values: ReadonlyMap<K, number>): Map<K, number> {
  const sorted = [...values.values()].sort((a, b) => a - b);
  const n = sorted.length;
  const firstAtLeast = (v: number) => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  };
  const firstAbove = (v: number) => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  };
  const out = new Map<K, number>();
  for (const [key, v] of values) {
    const below = firstAtLeast(v);
    const equal = firstAbove(v) - below;
    out.set(key, ((below + equal / 2) / n) * 100);
  }
  return out;
}
