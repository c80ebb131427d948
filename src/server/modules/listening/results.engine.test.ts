import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orgArbitrary } from './anonymity/anonymity.test-helpers.js';
import { generaliseAudience, roundNodes } from './anonymity/generalise.js';
import { atomKey, ReleaseLedger, type Atom, type CellFilter } from './anonymity/release.js';
import {
  AtomIndex,
  breakdownValues,
  computePayload,
  IndexedLedger,
  roundTree,
  type QuestionInfo,
  type RoundStats,
} from './results.engine.js';

describe('results engine', () => {
  it('the indexed ledger selects the same sheets and takes the same decisions as the release ledger', () => {
    fc.assert(
      fc.property(
        orgArbitrary(fc, 60),
        fc.integer({ min: 3, max: 6 }),
        fc.array(fc.record({ mask: fc.nat({ max: 15 }), pick: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }) }), { maxLength: 25 }),
        fc.array(fc.nat({ max: 100 }), { minLength: 60, maxLength: 60 }),
        (org, k, requests, answered) => {
          const groups = generaliseAudience(org.invited, org.structure, k);
          const tree = roundTree(roundNodes(groups.values(), org.structure));
          const byKey = new Map<string, Atom>();
          org.invited.forEach((p, i) => {
            if ((answered[i] ?? 0) < 70) {
              const g = groups.get(p.userId)!;
              const key = atomKey(g);
              const a = byKey.get(key) ?? {
                departmentId: g.departmentId,
                teamId: g.teamId,
                lineId: g.lineId,
                locationId: g.locationId,
                count: 0,
              };
              a.count += 1;
              byKey.set(key, a);
            }
          });
          const atoms = [...byKey.values()];
          const values = {
            department: [...tree.departmentParent.keys()],
            team: org.teams,
            line: [...tree.lineParent.keys()],
            location: org.locations,
          };
          const plain = new ReleaseLedger(k, atoms, tree.ancestry, []);
          const indexed = new IndexedLedger(k, atoms, tree.ancestry, []);
          const index = new AtomIndex(atoms, tree.ancestry);
          for (const r of requests) {
            const filter: CellFilter = {};
            (['department', 'team', 'line', 'location'] as const).forEach((dim, i) => {
              const list = values[dim];
              if (r.mask & (1 << i) && list.length > 0) {
                filter[dim] = list[r.pick[i]! % list.length]!;
              }
            });
            expect(index.countsOf(filter)).toEqual(plain.countsOf(filter));
            expect(indexed.tryRelease(filter)).toEqual(plain.tryRelease(filter));
          }
          expect(indexed.smallestClass()).toEqual(plain.smallestClass());
        },
      ),
      { numRuns: 150 },
    );
  });

  it('computes scores, hides uniform and thin questions, and counts open text', () => {
    const questions: QuestionInfo[] = [
      { id: 'q1', kind: 'scale5', driver: 'growth', options: [] },
      { id: 'q2', kind: 'scale5', driver: 'growth', options: [] },
      { id: 'q3', kind: 'scale10', driver: 'enps', options: [] },
      { id: 'q4', kind: 'multi', driver: null, options: ['a', 'b'] },
      { id: 'q5', kind: 'text', driver: null, options: [] },
    ];
    const stats: RoundStats = new Map([
      [
        'x',
        new Map([
          [
            'q1',
            {
              answered: 5,
              values: new Map([
                [5, 3],
                [1, 2],
              ]),
              texts: 0,
            },
          ],
          ['q2', { answered: 3, values: new Map([[4, 3]]), texts: 0 }],
          ['q3', { answered: 5, values: new Map([[10, 5]]), texts: 0 }],
          [
            'q4',
            {
              answered: 5,
              values: new Map([
                [0, 5],
                [1, 5],
              ]),
              texts: 0,
            },
          ],
          ['q5', { answered: 0, values: new Map(), texts: 4 }],
        ]),
      ],
    ]);
    const p = computePayload(questions, stats, { x: 5 }, 5, 8);
    expect(p).toMatchObject({ invited: 8, responses: 5, responseRate: 62.5, enps: null, texts: 4 });
    expect(p.questions).toEqual([
      { questionId: 'q1', answers: 5, uniform: false, mean: 3.4, favourable: 60, distribution: [2, 0, 0, 0, 3] },
      // Fewer answers than the threshold: the count only.
      { questionId: 'q2', answers: 3, uniform: false, mean: null, favourable: null, distribution: null },
      { questionId: 'q3', answers: 5, uniform: true, mean: null, favourable: null, distribution: null },
      // Everyone chose the same set.
      { questionId: 'q4', answers: 5, uniform: true, mean: null, favourable: null, distribution: null },
    ]);
    // The driver pools both questions: 8 answers, 6 favourable.
    expect(p.drivers).toEqual([{ driver: 'growth', favourable: 75, mean: 3.63, answers: 8 }]);
    expect(computePayload(questions, stats, { x: 5 }, 5, 4)).toMatchObject({ invited: null, responseRate: null });
  });

  it('breaks down by the children of a tree, passing down a single top value', () => {
    const tree = roundTree([
      { kind: 'department', nodeId: 'sales', ancestors: ['all'] },
      { kind: 'department', nodeId: 'north', ancestors: ['sales', 'all'] },
      { kind: 'department', nodeId: 'ops', ancestors: ['all'] },
      { kind: 'line', nodeId: 'm', ancestors: ['ceo'] },
    ]);
    const g = (departmentId: string | null, teamId: string | null, locationId: string | null) => ({
      departmentId,
      teamId,
      lineId: 'm',
      locationId,
    });
    const groups = [g('north', 't1', 'mi'), g('sales', 't2', null), g('ops', 't3', 'rm'), g(null, null, 'mi')];
    expect(breakdownValues('department', {}, tree, groups).sort()).toEqual(['ops', 'sales']);
    expect(breakdownValues('department', { department: 'sales' }, tree, groups)).toEqual(['north']);
    expect(breakdownValues('team', { department: 'sales' }, tree, groups).sort()).toEqual(['t1', 't2']);
    expect(breakdownValues('team', { team: 't1' }, tree, groups)).toEqual([]);
    expect(breakdownValues('location', {}, tree, groups).sort()).toEqual(['mi', 'rm']);
    // One manager at the top: the lines just below them instead.
    expect(breakdownValues('line', {}, tree, groups)).toEqual(['m']);
  });
});
