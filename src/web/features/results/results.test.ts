import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resultsCsvUrl, type Cell, type TrendPoint } from './api.js';
import {
  departmentTree,
  driverColumns,
  enpsBand,
  enpsGroup,
  favourableBand,
  filterFromParams,
  pickRound,
  responsePercent,
  scaleLabelKeys,
  shares,
  signedNumber,
  trendSeries,
  validBreakdown,
  validFilter,
} from './logic.js';

const cell = (over: Partial<Cell> = {}): Cell => ({
  key: 'k',
  label: null,
  filter: {},
  status: 'shown',
  stale: false,
  invited: 20,
  responses: 12,
  responseRate: 60,
  enps: { score: 10, answers: 12, promoters: 5, passives: 4, detractors: 3 },
  drivers: [
    { driver: 'growth', favourable: 70, mean: 3.9, answers: 12 },
    { driver: 'recognition', favourable: 55.4, mean: 3.4, answers: 12 },
  ],
  questions: [],
  comments: null,
  ...over,
});

const round = (number: number, id = `r${number}`) => ({ id, number, closesAt: `2026-0${number}-10T12:00:00.000Z` });

describe('the filter in the address', () => {
  it('reads the four dimensions and ignores anything that is not a plain id', () => {
    const p = new URLSearchParams('department=d1&team=t-2&location=<script>&line=&by=team&x=1');
    expect(filterFromParams(p)).toEqual({ department: 'd1', team: 't-2' });
  });

  it('keeps only values the overview offers', () => {
    const offered = { departments: [{ id: 'd1' }], teams: [{ id: 't1' }], locations: [], lines: [{ id: 'm1' }] };
    expect(validFilter({ department: 'd1', team: 'gone', line: 'm1', location: 'l1' }, offered)).toEqual({ department: 'd1', line: 'm1' });
    expect(validBreakdown('team', offered)).toBe('team');
    expect(validBreakdown('location', offered)).toBeNull();
    expect(validBreakdown('everyone', offered)).toBeNull();
    expect(validBreakdown(null, offered)).toBeNull();
  });

  it('shows the round asked for when it exists, else the newest', () => {
    const rounds = [
      { id: 'b', number: 2, opensAt: '', closesAt: '', status: 'open' as const },
      { id: 'a', number: 1, opensAt: '', closesAt: '', status: 'closed' as const },
    ];
    expect(pickRound(rounds, 'a')?.id).toBe('a');
    expect(pickRound(rounds, 'zzz')?.id).toBe('b');
    expect(pickRound(rounds, null)?.id).toBe('b');
    expect(pickRound([], 'a')).toBeNull();
  });
});

describe('the CSV export link', () => {
  it('asks for the same round, filter and breakdown the page shows, and nothing empty', () => {
    const url = resultsCsvUrl('s 1', { round: 'r1', department: 'd1', by: 'team' });
    expect(url).toBe('/api/listening/surveys/s%201/results.csv?round=r1&department=d1&by=team');
  });
});

describe('the department tree', () => {
  it('puts each department under its parent, siblings by name, with depths', () => {
    const tree = departmentTree([
      { id: 'c', name: 'Sales Milano', parentId: 'a' },
      { id: 'a', name: 'Sales', parentId: null },
      { id: 'b', name: 'Engineering', parentId: null },
      { id: 'd', name: 'Inside sales', parentId: 'a' },
      { id: 'e', name: 'Field', parentId: 'c' },
    ]);
    expect(tree.map((d) => `${d.depth}:${d.name}`)).toEqual(['0:Engineering', '0:Sales', '1:Inside sales', '1:Sales Milano', '2:Field']);
  });

  it('lists every department exactly once, even with unknown parents or loops', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), parent: fc.constantFrom(null, 'a', 'b', 'c', 'x') }), {
          maxLength: 6,
        }),
        (rows) => {
          const unique = [...new Map(rows.map((r) => [r.id, r])).values()];
          const tree = departmentTree(unique.map((r) => ({ id: r.id, name: r.id.toUpperCase(), parentId: r.parent })));
          expect(tree.map((d) => d.id).sort()).toEqual(unique.map((r) => r.id).sort());
        },
      ),
    );
  });
});

describe('shares of a distribution', () => {
  it('add up to exactly 100 when the parts make the whole', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { minLength: 1, maxLength: 11 }), (counts) => {
        const total = counts.reduce((a, b) => a + b, 0);
        const s = shares(counts);
        expect(s.reduce((a, b) => a + b, 0)).toBe(total === 0 ? 0 : 100);
        s.forEach((p, i) => expect(Math.abs(p - (total ? (counts[i]! / total) * 100 : 0))).toBeLessThan(1));
      }),
    );
  });

  it('share multiple choice out of the people who answered, not out of the ticks', () => {
    expect(shares([5, 5, 2], 10)).toEqual([50, 50, 20]);
  });

  it('never produce NaN from bad input', () => {
    expect(shares([Number.NaN, -3, 4])).toEqual([0, 0, 100]);
    expect(shares([0, 0])).toEqual([0, 0]);
  });
});

describe('response rates', () => {
  it('come from the counts when both are known', () => {
    expect(responsePercent(cell())).toBe(60);
    expect(responsePercent(cell({ responses: 7, invited: 9, responseRate: null }))).toBe(78);
  });

  it('are unknown while the counts are hidden', () => {
    expect(responsePercent(cell({ responses: null, invited: null, responseRate: null }))).toBeNull();
  });
});

describe('colour bands', () => {
  it('split favourable shares at 40, 55, 70 and 85', () => {
    expect([0, 39.9, 40, 54, 55, 69, 70, 84, 85, 100].map(favourableBand)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
    expect(favourableBand(null)).toBeNull();
    expect(favourableBand(Number.NaN)).toBeNull();
  });

  it('split eNPS at −20, 0, 20 and 50', () => {
    expect([-100, -21, -20, -1, 0, 19, 20, 49, 50].map(enpsBand)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4]);
  });

  it('group 0–10 answers as detractors, passives and promoters', () => {
    expect([0, 6, 7, 8, 9, 10].map(enpsGroup)).toEqual(['detractor', 'detractor', 'passive', 'passive', 'promoter', 'promoter']);
  });
});

describe('heatmap columns', () => {
  it('list the drivers any cell reports in the bank order, leaving eNPS to its own column', () => {
    const cells = [
      cell(),
      cell({
        drivers: [
          { driver: 'enps', favourable: null, mean: 7, answers: 5 },
          { driver: 'peers', favourable: 80, mean: 4, answers: 5 },
        ],
      }),
    ];
    expect(driverColumns(cells)).toEqual(['recognition', 'growth', 'peers']);
  });
});

describe('the trend', () => {
  it('orders rounds oldest first and leaves gaps, never zeros, where a round is not shown', () => {
    const points: TrendPoint[] = [
      { round: round(3), cell: cell({ enps: { score: -5, answers: 10, promoters: 2, passives: 3, detractors: 5 } }) },
      { round: round(1), cell: cell() },
      { round: round(2), cell: cell({ status: 'too_few', enps: null, drivers: [], responses: null }) },
      { round: round(4), cell: cell({ status: 'suppressed', enps: null, drivers: [], responses: null }) },
    ];
    const s = trendSeries(points);
    expect(s.rows.map((r) => r.number)).toEqual([1, 2, 3, 4]);
    expect(s.rows.map((r) => r.enps)).toEqual([10, null, -5, null]);
    expect(s.rows.map((r) => r.drivers.growth)).toEqual([70, null, 70, null]);
    expect(s.gaps).toEqual([
      { number: 2, status: 'too_few' },
      { number: 4, status: 'suppressed' },
    ]);
    expect(s.drivers).toEqual(['recognition', 'growth']);
    expect(s.hasEnps).toBe(true);
  });

  it('shows nothing of a cell that is not shown even if numbers came with it', () => {
    const s = trendSeries([{ round: round(1), cell: cell({ status: 'unavailable' }) }]);
    expect(s.rows[0]!.enps).toBeNull();
    expect(s.rows[0]!.responses).toBeNull();
    expect(s.drivers).toEqual([]);
  });
});

describe('labels and numbers', () => {
  it('reads a check-in scale as a mood, other agreement scales as agreement', () => {
    expect(scaleLabelKeys('scale5', 'checkin')[0]).toBe('results.scale.mood.1');
    expect(scaleLabelKeys('scale5', 'growth')[4]).toBe('results.scale.agree.5');
    expect(scaleLabelKeys('scale10', 'enps')).toEqual([]);
  });

  it('signs eNPS scores', () => {
    expect(signedNumber(23, 'en-GB')).toBe('+23');
    expect(signedNumber(0, 'en-GB')).toBe('0');
    expect(signedNumber(-5, 'it-IT')).toMatch(/^-5$|^−5$/);
  });
});
