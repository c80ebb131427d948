import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Flow, LeaderboardView } from './api.js';
import { layoutNetwork, shortLabel } from './network.js';
import {
  addDays,
  csvName,
  daysSince,
  defaultRange,
  fillWeeks,
  formatDay,
  formatLongDay,
  formatNumber,
  mondayOf,
  myPlace,
  parseDay,
  percent,
  rangeProblem,
  toCsv,
} from './shape.js';

const SIZE = { width: 600, height: 400, labelX: 80, labelY: 80, minRadius: 6, maxRadius: 26, minWidth: 1.5, maxWidth: 12 };

const dept = (id: string, people: number) => ({ id, name: `Dept ${id}`, people });

/** Every number anywhere in a value, to check that nothing came out as NaN or infinite. */
function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') {
    return [value];
  }
  if (typeof value === 'string') {
    return (value.match(/-?[\d.]+(e-?\d+)?|NaN|Infinity/g) ?? []).map(Number);
  }
  if (value && typeof value === 'object') {
    return Object.values(value).flatMap(numbersIn);
  }
  return [];
}

describe('the department network layout', () => {
  const flow: Flow = {
    nodes: [dept('a', 40), dept('b', 10), dept('c', 0), dept('d', 20)],
    links: [
      { source: 'a', target: 'b', count: 10 },
      { source: 'b', target: 'a', count: 5 },
      { source: 'c', target: 'd', count: 1 },
      { source: 'a', target: 'a', count: 7 },
    ],
  };

  it('places every department on one circle around the centre, the first at the top', () => {
    const l = layoutNetwork(flow, SIZE);
    expect(l.center).toEqual({ x: 300, y: 200 });
    expect(l.radius).toBeGreaterThan(0);
    for (const n of l.nodes) {
      expect(Math.hypot(n.x - 300, n.y - 200)).toBeCloseTo(l.radius, 1);
    }
    expect(l.nodes[0]!.x).toBeCloseTo(300, 5);
    expect(l.nodes[0]!.y).toBeLessThan(200);
  });

  it('spaces departments evenly, clockwise, and keeps them inside the drawing with room for names', () => {
    const l = layoutNetwork(flow, SIZE);
    const angles = l.nodes.map((n) => Math.atan2(n.y - 200, n.x - 300));
    const steps = angles.map((a, i) => (angles[(i + 1) % angles.length]! - a + 4 * Math.PI) % (2 * Math.PI));
    for (const s of steps) {
      expect(s).toBeCloseTo(Math.PI / 2, 2);
    }
    for (const n of l.nodes) {
      expect(n.y - n.r).toBeGreaterThanOrEqual(80 - 0.01);
      expect(n.y + n.r).toBeLessThanOrEqual(320 + 0.01);
    }
  });

  it('sizes departments by their people, the largest at the maximum, an empty one at the minimum', () => {
    const l = layoutNetwork(flow, SIZE);
    const r = Object.fromEntries(l.nodes.map((n) => [n.id, n.r]));
    expect(r.a).toBeCloseTo(26, 1);
    expect(r.c).toBe(6);
    expect(r.a).toBeGreaterThan(r.d!);
    expect(r.d).toBeGreaterThan(r.b!);
  });

  it('never lets neighbouring departments overlap, however many there are', () => {
    const many: Flow = { nodes: Array.from({ length: 40 }, (_, i) => dept(String(i), 100)), links: [] };
    const l = layoutNetwork(many, SIZE);
    for (let i = 0; i < l.nodes.length; i++) {
      const a = l.nodes[i]!;
      const b = l.nodes[(i + 1) % l.nodes.length]!;
      expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(a.r + b.r);
    }
  });

  it('makes link widths follow the count: the busiest at the maximum width, others in proportion', () => {
    const l = layoutNetwork(flow, SIZE);
    const w = Object.fromEntries(l.links.map((x) => [x.key, x.width]));
    expect(w['a>b']).toBe(12);
    expect(w['b>a']).toBeCloseTo(1.5 + (10.5 * 5) / 10, 2);
    expect(w['c>d']).toBeCloseTo(1.5 + 10.5 / 10, 2);
    expect(l.maxCount).toBe(10);
  });

  it('draws busier links more solid than quiet ones', () => {
    const l = layoutNetwork(flow, SIZE);
    const o = l.links.map((x) => x.opacity);
    expect(o).toEqual([...o].sort((a, b) => b - a));
    expect(o[0]).toBeCloseTo(0.85, 2);
    expect(o[o.length - 1]).toBeGreaterThanOrEqual(0.3);
  });

  it('draws the widest links first so thin ones stay on top', () => {
    const l = layoutNetwork(flow, SIZE);
    expect(l.links.map((x) => x.count)).toEqual([10, 5, 1]);
  });

  it('keeps kudos within a department on the node instead of drawing a loop', () => {
    const l = layoutNetwork(flow, SIZE);
    expect(l.links.some((x) => x.source === x.target)).toBe(false);
    const a = l.nodes.find((n) => n.id === 'a')!;
    expect(a).toMatchObject({ within: 7, gave: 10, received: 5 });
  });

  it('bends the two directions between a pair apart, so both stay visible', () => {
    const l = layoutNetwork(flow, SIZE);
    const ab = l.links.find((x) => x.key === 'a>b')!;
    const ba = l.links.find((x) => x.key === 'b>a')!;
    expect(ab.d).not.toEqual(ba.d);
    expect(Math.hypot(ab.mid.x - ba.mid.x, ab.mid.y - ba.mid.y)).toBeGreaterThan(10);
  });

  it('starts a link at the edge of its source and ends its arrow at the edge of its target', () => {
    const l = layoutNetwork(flow, SIZE);
    const ab = l.links.find((x) => x.key === 'a>b')!;
    const a = l.nodes.find((n) => n.id === 'a')!;
    const b = l.nodes.find((n) => n.id === 'b')!;
    const [sx, sy] = ab.d.split(' ').slice(1, 3).map(Number) as [number, number];
    expect(Math.hypot(sx - a.x, sy - a.y)).toBeCloseTo(a.r + 1, 0);
    const [tx, ty] = ab.arrow.split(' ')[0]!.split(',').map(Number) as [number, number];
    expect(Math.hypot(tx - b.x, ty - b.y)).toBeCloseTo(b.r + 1.5, 0);
  });

  it('adds repeated pairs together and ignores links to unknown departments or with no kudos', () => {
    const l = layoutNetwork(
      {
        nodes: [dept('a', 1), dept('b', 1)],
        links: [
          { source: 'a', target: 'b', count: 2 },
          { source: 'a', target: 'b', count: 3 },
          { source: 'a', target: 'zz', count: 9 },
          { source: 'b', target: 'a', count: 0 },
          { source: 'b', target: 'a', count: Number.NaN },
        ],
      },
      SIZE,
    );
    expect(l.links.map((x) => [x.key, x.count])).toEqual([['a>b', 5]]);
  });

  it('returns an empty drawing, with no NaN, when there is nothing to draw', () => {
    const l = layoutNetwork({ nodes: [], links: [] }, SIZE);
    expect(l.nodes).toEqual([]);
    expect(l.links).toEqual([]);
    expect(numbersIn(l).every(Number.isFinite)).toBe(true);
  });

  it('puts a single department in the middle', () => {
    const l = layoutNetwork({ nodes: [dept('a', 3)], links: [{ source: 'a', target: 'a', count: 4 }] }, SIZE);
    expect(l.nodes[0]).toMatchObject({ x: 300, y: 200, within: 4 });
    expect(l.links).toEqual([]);
  });

  it('has no NaN for departments with no people, zero-sized drawings or nonsense numbers', () => {
    for (const size of [SIZE, { width: 0, height: 0 }, { width: 10, height: 10 }, { width: Number.NaN, height: 300 }]) {
      const l = layoutNetwork(
        {
          nodes: [dept('a', 0), dept('b', 0), { id: 'c', name: 'C', people: Number.NaN }],
          links: [
            { source: 'a', target: 'b', count: 1 },
            { source: 'b', target: 'c', count: 1 },
          ],
        },
        size,
      );
      expect(numbersIn(l).every(Number.isFinite)).toBe(true);
      expect(l.nodes.every((n) => n.r >= 0)).toBe(true);
    }
  });

  it('stays finite and inside the drawing for any departments and links (property)', () => {
    const arb = fc.record({
      n: fc.integer({ min: 0, max: 30 }),
      people: fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 30 }),
      links: fc.array(fc.tuple(fc.nat(35), fc.nat(35), fc.integer({ min: -5, max: 1000 })), { maxLength: 80 }),
      width: fc.integer({ min: 0, max: 1600 }),
      height: fc.integer({ min: 0, max: 900 }),
    });
    fc.assert(
      fc.property(arb, ({ n, people, links, width, height }) => {
        const flow: Flow = {
          nodes: Array.from({ length: n }, (_, i) => dept(String(i), people[i] ?? 0)),
          links: links.map(([s, t, c]) => ({ source: String(s), target: String(t), count: c })),
        };
        const l = layoutNetwork(flow, { width, height });
        expect(numbersIn(l).every(Number.isFinite)).toBe(true);
        for (const node of l.nodes) {
          expect(node.x).toBeGreaterThanOrEqual(-0.01);
          expect(node.x).toBeLessThanOrEqual(width + 0.01);
          expect(node.y).toBeGreaterThanOrEqual(-0.01);
          expect(node.y).toBeLessThanOrEqual(height + 0.01);
        }
        for (const link of l.links) {
          expect(link.count).toBeGreaterThan(0);
          expect(link.width).toBeGreaterThanOrEqual(1.5);
          expect(link.width).toBeLessThanOrEqual(12);
        }
      }),
    );
  });

  it('shortens long department names with an ellipsis', () => {
    expect(shortLabel('Sales', 16)).toBe('Sales');
    expect(shortLabel('Research and Development', 10)).toBe('Research…');
    expect(shortLabel('Research and Development', 10).length).toBeLessThanOrEqual(10);
  });
});

describe('date ranges', () => {
  it('reads only real calendar dates', () => {
    expect(parseDay('2026-02-28')).toBe(Date.UTC(2026, 1, 28));
    expect(parseDay('2026-02-30')).toBeNull();
    expect(parseDay('2026-2-3')).toBeNull();
    expect(parseDay('')).toBeNull();
  });

  it('opens on twelve whole weeks: this one so far and the eleven before, from a Monday', () => {
    const r = defaultRange(new Date(2026, 2, 18, 15, 30));
    expect(r).toEqual({ from: '2025-12-29', to: '2026-03-18' });
    expect(mondayOf(r.from)).toBe(r.from);
    expect(fillWeeks([], r.from, r.to)).toHaveLength(12);
  });

  it('moves across month and year ends', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('refuses reversed, malformed and longer-than-two-years ranges', () => {
    expect(rangeProblem('2026-01-01', '2026-03-01')).toBeNull();
    expect(rangeProblem('2026-01-01', '2026-01-01')).toBeNull();
    expect(rangeProblem('2026-03-01', '2026-01-01')).toBe('order');
    expect(rangeProblem('2026-13-01', '2026-01-01')).toBe('invalid');
    expect(rangeProblem('2024-01-01', '2025-12-31')).toBeNull();
    expect(rangeProblem('2024-01-01', '2026-01-01')).toBe('tooLong');
  });

  it('finds the Monday of any day', () => {
    expect(mondayOf('2026-03-16')).toBe('2026-03-16');
    expect(mondayOf('2026-03-22')).toBe('2026-03-16');
    expect(mondayOf('2026-01-01')).toBe('2025-12-29');
  });

  it('fills quiet weeks with zeros, in order, keeping the weeks the server sent', () => {
    const weeks = fillWeeks(
      [
        { week: '2026-03-09', kudos: 3, points: 30 },
        { week: '2026-02-23', kudos: 1, points: 5 },
      ],
      '2026-02-25',
      '2026-03-18',
    );
    expect(weeks).toEqual([
      { week: '2026-02-23', kudos: 1, points: 5 },
      { week: '2026-03-02', kudos: 0, points: 0 },
      { week: '2026-03-09', kudos: 3, points: 30 },
      { week: '2026-03-16', kudos: 0, points: 0 },
    ]);
  });

  it('adds no weeks for a range that cannot be asked for', () => {
    expect(fillWeeks([{ week: '2026-03-09', kudos: 1, points: 1 }], '2026-03-18', '2026-01-01')).toHaveLength(1);
  });
});

describe('formatting', () => {
  it('writes numbers the way each language does', () => {
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(formatNumber(1234567, 'it')).toBe('1.234.567');
    expect(formatNumber(Number.NaN, 'en')).toBe('0');
  });

  it('writes days for axes and tables in the reader’s language, whatever the time zone', () => {
    expect(formatDay('2026-03-02', 'en')).toBe('2 Mar');
    expect(formatDay('2026-03-02', 'it')).toBe('2 mar');
    expect(formatLongDay('2026-03-02', 'en')).toBe('2 Mar 2026');
    expect(formatLongDay('nonsense', 'en')).toBe('nonsense');
  });

  it('counts whole days since a moment, never below zero', () => {
    const now = new Date('2026-03-18T12:00:00Z');
    expect(daysSince('2026-03-08T13:00:00Z', now)).toBe(9);
    expect(daysSince('2026-04-01T00:00:00Z', now)).toBe(0);
    expect(daysSince('nope', now)).toBeNull();
  });

  it('rounds shares to whole percentages and never divides by zero', () => {
    expect(percent(1, 3)).toBe(33);
    expect(percent(2, 3)).toBe(67);
    expect(percent(5, 0)).toBe(0);
  });

  it('writes CSV with quoting, CRLF lines, and formulas defused', () => {
    const csv = toCsv(
      ['Department', 'Kudos'],
      [
        ['Sales, North', 3],
        ['=HYPERLINK("x")', 1],
        ['Say "hi"', null],
        ['-5 team', -5],
      ],
    );
    expect(csv).toBe('Department,Kudos\r\n"Sales, North",3\r\n"\'=HYPERLINK(""x"")",1\r\n"Say ""hi""",\r\n\'-5 team,-5\r\n');
  });

  it('makes plain file names', () => {
    expect(csvName('Recognition per week', '2026-01-01')).toBe('recognition-per-week-2026-01-01.csv');
    expect(csvName('Qualità & Cura')).toBe('qualita-cura.csv');
    expect(csvName('***')).toBe('export.csv');
  });
});

describe('the viewer on a leaderboard', () => {
  const person = (id: string) => ({ id, name: id, title: null, photoUrl: null });
  const view = (me: LeaderboardView['me'], ids: string[]): LeaderboardView => ({
    board: 'received',
    period: 'month',
    enabled: true,
    entries: ids.map((id, i) => ({ rank: i + 1, person: person(id), points: 10 - i, kudos: 1 })),
    me,
  });

  it('is "shown" when among the entries', () => {
    expect(myPlace(view({ rank: 2, points: 9, kudos: 1 }, ['a', 'me']), 'me')).toEqual({ kind: 'shown' });
  });

  it('is "below" with the rank when further down', () => {
    expect(myPlace(view({ rank: 14, points: 2, kudos: 1 }, ['a', 'b']), 'me')).toEqual({ kind: 'below', rank: 14, points: 2, kudos: 1 });
  });

  it('is "absent" when not on the board (hidden, no gamification, or no kudos)', () => {
    expect(myPlace(view(null, ['a']), 'me')).toEqual({ kind: 'absent' });
    expect(myPlace(view(null, []), undefined)).toEqual({ kind: 'absent' });
  });
});
