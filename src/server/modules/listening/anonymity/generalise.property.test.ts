import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orgArbitrary, personInGroup, upwards } from './anonymity.test-helpers.js';
import { generaliseAudience, roundNodes, type InvitedPerson, type StoredGroup } from './generalise.js';

const threshold = fc.integer({ min: 3, max: 7 });
const dimensions = ['departmentId', 'teamId', 'lineId', 'locationId'] as const;
type Values = Omit<StoredGroup, 'groupSize'>;
const nothing: Values = { departmentId: null, teamId: null, lineId: null, locationId: null };

describe('stored groups (property)', () => {
  it('give every invited person a group that they belong to and that at least k invited people match', () => {
    fc.assert(
      fc.property(orgArbitrary(fc), threshold, (org, k) => {
        const groups = generaliseAudience(org.invited, org.structure, k);
        expect([...groups.keys()].sort()).toEqual(org.invited.map((p) => p.userId).sort());
        for (const p of org.invited) {
          const g = groups.get(p.userId)!;
          // Nobody is stored under a department, team, line or location they are not in.
          expect(personInGroup(p, g, org.structure)).toBe(true);
          const matching = org.invited.filter((q) => personInGroup(q, g, org.structure)).length;
          expect(g.groupSize).toBe(matching);
          if (org.invited.length >= k) {
            expect(matching).toBeGreaterThanOrEqual(k);
          } else {
            expect({ ...g, groupSize: undefined }).toEqual({ ...nothing, groupSize: undefined });
          }
        }
      }),
      { seed: 20261126, numRuns: 250 },
    );
  });

  it('choose, dimension by dimension, the most specific value that still keeps k people together', () => {
    const chainOf = (p: InvitedPerson, dim: (typeof dimensions)[number], s: Parameters<typeof personInGroup>[2]): string[] => {
      switch (dim) {
        case 'departmentId':
          return upwards(p.departmentId, s.departmentParent);
        case 'teamId':
          return p.teamId ? [p.teamId] : [];
        case 'lineId':
          return upwards(p.managerId, s.managerOf);
        case 'locationId':
          return p.locationId ? [p.locationId] : [];
      }
    };
    fc.assert(
      fc.property(orgArbitrary(fc), threshold, (org, k) => {
        const groups = generaliseAudience(org.invited, org.structure, k);
        for (const p of org.invited) {
          const g = groups.get(p.userId)!;
          let prefix: Values = { ...nothing };
          for (const dim of dimensions) {
            const chain = chainOf(p, dim, org.structure);
            const chosen = g[dim];
            const finer = chosen === null ? chain : chain.slice(0, chain.indexOf(chosen));
            expect(chosen === null || chain.includes(chosen)).toBe(true);
            for (const value of finer) {
              const narrower = { ...prefix, [dim]: value };
              expect(org.invited.filter((q) => personInGroup(q, narrower, org.structure)).length).toBeLessThan(k);
            }
            prefix = { ...prefix, [dim]: chosen };
          }
        }
      }),
      { seed: 20261127, numRuns: 150 },
    );
  });

  it('give people stored under the same values the same group size, and snapshot every node they name with its parents', () => {
    fc.assert(
      fc.property(orgArbitrary(fc), threshold, (org, k) => {
        const groups = [...generaliseAudience(org.invited, org.structure, k).values()];
        const sizes = new Map<string, number>();
        for (const g of groups) {
          const key = dimensions.map((d) => g[d] ?? '-').join('|');
          expect(sizes.get(key) ?? g.groupSize).toBe(g.groupSize);
          sizes.set(key, g.groupSize);
        }
        const nodes = roundNodes(groups, org.structure);
        const named = {
          department: new Set(groups.map((g) => g.departmentId).filter((v) => v !== null)),
          line: new Set(groups.map((g) => g.lineId).filter((v) => v !== null)),
        };
        expect(new Set(nodes.filter((n) => n.kind === 'department').map((n) => n.nodeId))).toEqual(named.department);
        expect(new Set(nodes.filter((n) => n.kind === 'line').map((n) => n.nodeId))).toEqual(named.line);
        for (const n of nodes) {
          const parents = n.kind === 'department' ? org.structure.departmentParent : org.structure.managerOf;
          expect(n.ancestors).toEqual(upwards(n.nodeId, parents).slice(1));
        }
      }),
      { seed: 20261128, numRuns: 150 },
    );
  });
});
