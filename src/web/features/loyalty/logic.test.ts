import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LinkResult, LoyaltyPoint } from './api.js';
import {
  caveatsOf,
  change,
  clampWindow,
  correlationWords,
  engagementWeights,
  fitSegment,
  formatCoefficient,
  formatInterval,
  formatMeasure,
  hasAnswers,
  hasAnyData,
  intervalWord,
  isKeyOf,
  isSmall,
  latestPair,
  linkCsvUrl,
  linkQuery,
  linkState,
  loyaltyCsvUrl,
  loyaltyQuery,
  loyaltyState,
  parseScope,
  queryString,
  rangeOf,
  recentKeys,
  rhoBar,
  scopeValue,
  shiftKey,
  strengthOf,
} from './logic.js';

const TODAY = new Date('2026-11-26T18:00:00Z');

const point = (key: string, over: Partial<LoyaltyPoint> = {}): LoyaltyPoint => ({
  key,
  start: '2026-10-01',
  nps: null,
  csat: null,
  accounts: { atStart: 0, lost: 0, retention: null, churn: null },
  interactions: { count: 0, accounts: 0, repeatAccounts: 0 },
  ...over,
});

const result = (over: Partial<LinkResult> = {}): LinkResult => ({
  unit: 'team',
  period: 'quarter',
  key: '2026-Q3',
  lag: 0,
  windowMonths: 6,
  measure: 'nps',
  points: [],
  excluded: { belowThreshold: 0, noEngagement: 0, noCustomers: 0 },
  stats: {
    n: 12,
    pearson: { r: 0.4, low: 0.1, high: 0.7 },
    spearman: { rho: 0.38, low: 0.05, high: 0.7 },
    fit: { slope: 1, intercept: 0 },
  },
  drivers: [],
  caveats: ['correlation_not_cause'],
  ...over,
});

describe('periods', () => {
  it('moves a quarter or a month across the turn of the year', () => {
    expect(shiftKey('2026-Q4', 'quarter', 1)).toBe('2027-Q1');
    expect(shiftKey('2026-Q1', 'quarter', -1)).toBe('2025-Q4');
    expect(shiftKey('2026-01', 'month', -1)).toBe('2025-12');
    expect(shiftKey('2026-11', 'month', 14)).toBe('2028-01');
  });

  it('lists the recent periods newest first, the current one included', () => {
    expect(recentKeys('quarter', 3, TODAY)).toEqual(['2026-Q4', '2026-Q3', '2026-Q2']);
    expect(recentKeys('month', 2, TODAY)).toEqual(['2026-11', '2026-10']);
  });

  it('asks for the range from the first day of the oldest period to today', () => {
    expect(rangeOf('quarter', 8, TODAY)).toEqual({ from: '2025-01-01', to: '2026-11-26' });
    expect(rangeOf('month', 12, TODAY)).toEqual({ from: '2025-12-01', to: '2026-11-26' });
  });

  it('tells a month key from a quarter key', () => {
    expect(isKeyOf('2026-11', 'month')).toBe(true);
    expect(isKeyOf('2026-13', 'month')).toBe(false);
    expect(isKeyOf('2026-Q4', 'month')).toBe(false);
    expect(isKeyOf('2026-Q4', 'quarter')).toBe(true);
    expect(isKeyOf('2026-Q5', 'quarter')).toBe(false);
  });

  it('always lands on a key of the same kind, and comes back where it started', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: -40, max: 40 }), (y, q, d) => {
        const key = `${y}-Q${q}`;
        const moved = shiftKey(key, 'quarter', d);
        expect(isKeyOf(moved, 'quarter')).toBe(true);
        expect(shiftKey(moved, 'quarter', -d)).toBe(key);
      }),
    );
  });
});

describe('the loyalty page’s address', () => {
  it('opens on the last eight quarters for the whole company, teams in the table', () => {
    const s = loyaltyState(new URLSearchParams());
    expect(s).toEqual({ period: 'quarter', count: 8, scope: { kind: 'company' }, unit: 'team', key: null });
    expect(loyaltyQuery(s, TODAY)).toEqual({ period: 'quarter', from: '2025-01-01', to: '2026-11-26' });
  });

  it('reads a department scope and asks for it by id', () => {
    const s = loyaltyState(new URLSearchParams('period=month&range=6&scope=department:d1&unit=department&key=2026-10'));
    expect(s).toMatchObject({ period: 'month', count: 6, unit: 'department', key: '2026-10' });
    expect(loyaltyQuery(s, TODAY)).toEqual({ period: 'month', from: '2026-06-01', to: '2026-11-26', departmentId: 'd1' });
  });

  it('ignores choices that are not on offer', () => {
    const s = loyaltyState(new URLSearchParams('period=year&range=7&scope=team:<b>&unit=person&key=2026-11'));
    expect(s).toEqual({ period: 'quarter', count: 8, scope: { kind: 'company' }, unit: 'team', key: null });
  });

  it('round-trips a scope through its address value', () => {
    for (const v of ['company', 'team:t-1', 'department:abc_2']) {
      expect(scopeValue(parseScope(v))).toBe(v);
    }
    expect(parseScope('team:')).toEqual({ kind: 'company' });
    expect(parseScope(null)).toEqual({ kind: 'company' });
  });

  it('exports the same query as CSV, with the unit for the per-unit file', () => {
    const q = loyaltyQuery(loyaltyState(new URLSearchParams('scope=team:t1')), TODAY);
    expect(loyaltyCsvUrl(q)).toBe('/api/customers/loyalty.csv?period=quarter&from=2025-01-01&to=2026-11-26&teamId=t1');
    expect(loyaltyCsvUrl(q, 'department')).toBe(
      '/api/customers/loyalty.csv?period=quarter&from=2025-01-01&to=2026-11-26&teamId=t1&unit=department',
    );
  });
});

describe('query strings', () => {
  it('leaves out what is not set and escapes the rest', () => {
    expect(queryString({ a: 'x y', b: undefined, c: null, d: '', e: 0 })).toBe('?a=x+y&e=0');
    expect(queryString({})).toBe('');
    expect(queryString({ q: 'a&b=c' })).toBe('?q=a%26b%3Dc');
  });
});

describe('the link page’s address', () => {
  it('opens on the last complete quarter, same period, NPS, and the company’s window', () => {
    const s = linkState(new URLSearchParams(), 9, TODAY);
    expect(s).toEqual({ unit: 'team', period: 'quarter', key: '2026-Q3', lag: 0, window: 9, measure: 'nps', windowChosen: false });
  });

  it('keeps a window chosen in the address over the settings, within 1–24 months', () => {
    expect(linkState(new URLSearchParams('window=12'), 6, TODAY)).toMatchObject({ window: 12, windowChosen: true });
    expect(linkState(new URLSearchParams('window=25'), 6, TODAY)).toMatchObject({ window: 6, windowChosen: false });
    expect(linkState(new URLSearchParams('window=0'), 6, TODAY)).toMatchObject({ window: 6, windowChosen: false });
    expect(linkState(new URLSearchParams('window=2.5'), 6, TODAY)).toMatchObject({ window: 6, windowChosen: false });
  });

  it('drops a key of the wrong kind for the period', () => {
    expect(linkState(new URLSearchParams('period=month&key=2026-Q2'), 6, TODAY).key).toBe('2026-10');
    expect(linkState(new URLSearchParams('period=month&key=2026-04'), 6, TODAY).key).toBe('2026-04');
  });

  it('builds the CSV link from the same query', () => {
    const q = linkQuery(linkState(new URLSearchParams('unit=department&lag=1&measure=csat&window=3'), 6, TODAY));
    expect(linkCsvUrl(q)).toBe('/api/customers/link.csv?unit=department&period=quarter&key=2026-Q3&lag=1&window=3&measure=csat');
  });

  it('keeps a window from the settings within what the server accepts', () => {
    expect(clampWindow(0)).toBe(1);
    expect(clampWindow(30)).toBe(24);
    expect(clampWindow(Number.NaN)).toBe(6);
  });
});

describe('summary cards', () => {
  it('pairs the newest period with the one before it', () => {
    const a = point('2026-Q3');
    const b = point('2026-Q4');
    expect(latestPair([a, b])).toEqual({ latest: b, previous: a });
    expect(latestPair([b])).toEqual({ latest: b, previous: null });
    expect(latestPair([])).toEqual({ latest: null, previous: null });
  });

  it('gives the change only when both periods have a value', () => {
    expect(change(32, 20)).toBe(12);
    expect(change(4.21, 4.3, 2)).toBe(-0.09);
    expect(change(4.3, 4.3, 2)).toBe(0);
    expect(change(null, 20)).toBeNull();
    expect(change(10, undefined)).toBeNull();
  });

  it('greys a score from fewer than five answers', () => {
    expect(isSmall(4)).toBe(true);
    expect(isSmall(5)).toBe(false);
  });

  it('sees an empty series as one without answers', () => {
    expect(hasAnswers([point('2026-Q4')])).toBe(false);
    expect(hasAnswers([point('2026-Q4', { csat: { mean: 4, satisfied: 80, n: 3 } })])).toBe(true);
    expect(hasAnyData([point('2026-Q4', { interactions: { count: 2, accounts: 1, repeatAccounts: 1 } })])).toBe(true);
    expect(hasAnyData([])).toBe(false);
  });
});

describe('correlations in words', () => {
  it('names the strength in the usual bands', () => {
    expect(strengthOf(0.05)).toBe('none');
    expect(strengthOf(-0.2)).toBe('weak');
    expect(strengthOf(0.3)).toBe('moderate');
    expect(strengthOf(-0.55)).toBe('strong');
    expect(strengthOf(0.9)).toBe('veryStrong');
  });

  it('says what the interval adds', () => {
    expect(intervalWord(null)).toBe('missing');
    expect(intervalWord({ low: -0.1, high: 0.6 })).toBe('includesZero');
    expect(intervalWord({ low: 0.1, high: 0.75 })).toBe('wide');
    expect(intervalWord({ low: 0.4, high: 0.7 })).toBe('narrow');
    expect(intervalWord({ low: -0.8, high: -0.5 })).toBe('narrow');
  });

  it('picks the words for "a moderate positive relation; the interval is wide"', () => {
    expect(correlationWords(0.42, { low: 0.05, high: 0.7 })).toEqual({
      relation: 'loyalty.relation.moderate.positive',
      interval: 'loyalty.interval.wide',
    });
    expect(correlationWords(-0.75, { low: -0.9, high: -0.5 })).toEqual({
      relation: 'loyalty.relation.veryStrong.negative',
      interval: 'loyalty.interval.narrow',
    });
    expect(correlationWords(0.02, null).relation).toBe('loyalty.relation.none');
  });

  it('writes coefficients and intervals with a sign and two decimals, in the reader’s language', () => {
    expect(formatCoefficient(0.4236, 'en-GB')).toBe('+0.42');
    expect(formatCoefficient(-0.1, 'en-GB')).toBe('−0.10');
    expect(formatCoefficient(0, 'en-GB')).toBe('0.00');
    expect(formatCoefficient(0.5, 'it-IT')).toBe('+0,50');
    expect(formatInterval({ low: -0.12, high: 0.65 }, 'en-GB')).toBe('−0.12 – +0.65');
  });
});

describe('the scatter', () => {
  it('formats each measure its own way', () => {
    expect(formatMeasure('nps', 32, 'en-GB')).toBe('+32');
    expect(formatMeasure('nps', -8, 'en-GB')).toBe('−8');
    expect(formatMeasure('csat', 4.25, 'it-IT')).toBe('4,25');
    expect(formatMeasure('retention', 93.5, 'en-GB')).toBe('93.5%');
  });

  it('draws the fitted line over the engagement the units span', () => {
    expect(fitSegment({ slope: 0.5, intercept: 10 }, [40, 80, 60], [-100, 100])).toEqual([
      { x: 40, y: 30 },
      { x: 80, y: 50 },
    ]);
  });

  it('stops the line where it leaves the measure’s range', () => {
    const seg = fitSegment({ slope: 0.1, intercept: 0 }, [0, 100], [1, 5])!;
    expect(seg[0]).toEqual({ x: 10, y: 1 });
    expect(seg[1]).toEqual({ x: 50, y: 5 });
  });

  it('draws no line without a fit or with a single engagement value', () => {
    expect(fitSegment(null, [1, 2], [0, 100])).toBeNull();
    expect(fitSegment({ slope: 1, intercept: 0 }, [50, 50], [0, 100])).toBeNull();
    expect(fitSegment({ slope: 1, intercept: 0 }, [50], [0, 100])).toBeNull();
  });

  it('keeps every end of the line inside the chart', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.double({ min: -200, max: 200, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 2, maxLength: 20 }),
        (slope, intercept, xs) => {
          const seg = fitSegment({ slope, intercept }, xs, [-100, 100]);
          for (const end of seg ?? []) {
            expect(end.x).toBeGreaterThanOrEqual(Math.min(...xs) - 0.01);
            expect(end.x).toBeLessThanOrEqual(Math.max(...xs) + 0.01);
          }
        },
      ),
    );
  });
});

describe('the link’s explanation and caveats', () => {
  it('lists the engagement index’s parts with weights that add up to 100', () => {
    const w = engagementWeights();
    expect(w[0]).toEqual({ part: 'survey', pct: 50 });
    expect(w.reduce((s, x) => s + x.pct, 0)).toBe(100);
  });

  it('always says that correlation is not cause, last', () => {
    expect(caveatsOf(result({ caveats: [] }))).toEqual(['correlation_not_cause']);
  });

  it('adds what the page can see for itself, in a stable order', () => {
    const r = result({
      caveats: ['wide_interval', 'too_few_units', 'correlation_not_cause'],
      excluded: { belowThreshold: 2, noEngagement: 0, noCustomers: 1 },
      stats: { n: 0, pearson: null, spearman: null, fit: null },
    });
    expect(caveatsOf(r)).toEqual(['no_data', 'too_few_units', 'units_left_out', 'wide_interval', 'correlation_not_cause']);
  });

  it('draws a driver’s bar to the side of its sign, never beyond the track', () => {
    expect(rhoBar(0.42)).toEqual({ side: 'positive', pct: 42 });
    expect(rhoBar(-0.3)).toEqual({ side: 'negative', pct: 30 });
    expect(rhoBar(1.4)).toEqual({ side: 'positive', pct: 100 });
    expect(rhoBar(Number.NaN)).toEqual({ side: 'positive', pct: 0 });
  });
});
