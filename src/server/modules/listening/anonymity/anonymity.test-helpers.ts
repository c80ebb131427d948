import type fc from 'fast-check';
import type { InvitedPerson, StoredGroup, Structure } from './generalise.js';
import type { CellFilter } from './release.js';

/**
 * Test support for the anonymity proofs: random organisations built from raw numbers (so that
 * property tests shrink towards small, flat organisations), a matcher written apart from the engine,
 * and an adversary that decides with exact linear algebra which sets of answer sheets the released
 * cells let anyone compute.
 */

/** Raw choices of one person; each is reduced modulo what exists, 0 being the simplest choice. */
export interface RawPerson {
  department: number;
  team: number;
  location: number;
  manager: number;
  invited: boolean;
}

export interface RawOrg {
  /** One raw number per department: which earlier department is its parent (or none). */
  departments: number[];
  teams: number;
  locations: number;
  people: RawPerson[];
}

export interface Org {
  departments: { id: string; parentId: string | null }[];
  teams: string[];
  locations: string[];
  people: InvitedPerson[];
  invited: InvitedPerson[];
  structure: Structure;
  /** People who manage someone. */
  managers: string[];
}

/** `raw` as an index below `n`, or null when it falls on the extra slot (`n` itself). */
const pick = (raw: number, n: number): number | null => {
  const i = raw % (n + 1);
  return i < n ? i : null;
};

export function buildOrg(raw: RawOrg): Org {
  const departments = raw.departments.map((r, i) => {
    // The first choice (0) is a top-level department; otherwise an earlier one, so the tree has no cycle.
    const p = r % (i + 1);
    return { id: `d${i}`, parentId: p === 0 ? null : `d${p - 1}` };
  });
  const teams = Array.from({ length: raw.teams }, (_, i) => `t${i}`);
  const locations = Array.from({ length: raw.locations }, (_, i) => `o${i}`);
  const people: (InvitedPerson & { invited: boolean })[] = raw.people.map((p, i) => {
    const d = pick(p.department, departments.length);
    const t = pick(p.team, teams.length);
    const o = pick(p.location, locations.length);
    const m = p.manager % (i + 1);
    return {
      userId: `p${i}`,
      departmentId: d === null ? null : departments[d]!.id,
      teamId: t === null ? null : teams[t]!,
      locationId: o === null ? null : locations[o]!,
      managerId: m === 0 ? null : `p${m - 1}`,
      invited: p.invited,
    };
  });
  const structure: Structure = {
    departmentParent: new Map(departments.map((d) => [d.id, d.parentId])),
    managerOf: new Map(people.map((p) => [p.userId, p.managerId])),
  };
  const strip = ({ invited: _invited, ...p }: InvitedPerson & { invited: boolean }): InvitedPerson => p;
  return {
    departments,
    teams,
    locations,
    people: people.map(strip),
    invited: people.filter((p) => p.invited).map(strip),
    structure,
    managers: [...new Set(people.map((p) => p.managerId).filter((m): m is string => m !== null))],
  };
}

/**
 * Random organisations: a department forest, teams, locations and a manager forest over 1 to
 * `maxPeople` people, most of them invited. fast-check is passed in so that this file needs it only
 * for its types.
 */
export function orgArbitrary(lib: typeof fc, maxPeople = 80): fc.Arbitrary<Org> {
  return lib
    .record({
      departments: lib.array(lib.nat(), { minLength: 1, maxLength: 10, size: 'max' }),
      teams: lib.integer({ min: 0, max: 8 }),
      locations: lib.integer({ min: 0, max: 5 }),
      people: lib.array(
        lib.record({
          department: lib.nat(),
          team: lib.nat(),
          location: lib.nat(),
          manager: lib.nat(),
          invited: lib.nat({ max: 9 }).map((n) => n < 8),
        }),
        { minLength: 1, maxLength: maxPeople, size: 'max' },
      ),
    })
    .map(buildOrg);
}

/** `node` and everything above it, walked here rather than with the engine's helpers. */
export function upwards(node: string | null, parentOf: ReadonlyMap<string, string | null>): string[] {
  const out: string[] = [];
  for (let at = node; at !== null && !out.includes(at); at = parentOf.get(at) ?? null) {
    out.push(at);
  }
  return out;
}

/** True when a person (their own department, team, manager and location) falls in a stored group. */
export function personInGroup(p: InvitedPerson, g: Omit<StoredGroup, 'groupSize'>, s: Structure): boolean {
  return (
    (g.departmentId === null || upwards(p.departmentId, s.departmentParent).includes(g.departmentId)) &&
    (g.teamId === null || p.teamId === g.teamId) &&
    (g.lineId === null || upwards(p.managerId, s.managerOf).includes(g.lineId)) &&
    (g.locationId === null || p.locationId === g.locationId)
  );
}

/** True when a sheet stored under `g` belongs to the result cell `f` (a department or line includes all below it). */
export function groupInCell(g: Omit<StoredGroup, 'groupSize'>, f: CellFilter, s: Structure): boolean {
  return (
    (!f.department || upwards(g.departmentId, s.departmentParent).includes(f.department)) &&
    (!f.team || g.teamId === f.team) &&
    (!f.line || upwards(g.lineId, s.managerOf).includes(f.line)) &&
    (!f.location || g.locationId === f.location)
  );
}

// ---------------------------------------------------------------------------------------------
// The adversary.
//
// Every figure a result shows (counts, sums, distributions, means given the count) is a sum over
// the sheets of its cell, so what anyone can compute from released cells is exactly the row space of
// the matrix whose rows are those cells as 0/1 vectors over the sheets. A set of sheets S is exposed
// when its indicator vector lies in that row space. Sheets that belong to exactly the same released
// cells have identical columns, and every vector of the row space takes the same value on identical
// columns, so an exposed set is a union of whole column groups: the search may run over groups.
// Membership is decided exactly over the rationals (integer elimination with BigInt).
// ---------------------------------------------------------------------------------------------

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    [x, y] = [y, x % y];
  }
  return x;
};

function normalise(v: bigint[]): bigint[] {
  let g = 0n;
  for (const x of v) {
    g = gcd(g, x);
  }
  return g > 1n ? v.map((x) => x / g) : v;
}

/** An echelon basis of a row space over the rationals, kept with integer entries. */
export class RowSpace {
  /** Basis rows sorted by pivot (their first non-zero column). */
  private readonly basis: { pivot: number; row: bigint[] }[] = [];

  constructor(private readonly width: number) {}

  get rank(): number {
    return this.basis.length;
  }

  private reduce(vector: readonly bigint[]): bigint[] {
    let v = [...vector];
    for (const { pivot, row } of this.basis) {
      const a = v[pivot]!;
      if (a !== 0n) {
        const b = row[pivot]!;
        v = normalise(v.map((x, i) => x * b - row[i]! * a));
      }
    }
    return v;
  }

  add(vector: readonly bigint[]): void {
    if (vector.length !== this.width) {
      throw new Error('row of the wrong width');
    }
    const r = this.reduce(vector);
    const pivot = r.findIndex((x) => x !== 0n);
    if (pivot >= 0) {
      const at = this.basis.findIndex((b) => b.pivot > pivot);
      this.basis.splice(at < 0 ? this.basis.length : at, 0, { pivot, row: r });
    }
  }

  contains(vector: readonly bigint[]): boolean {
    return this.reduce(vector).every((x) => x === 0n);
  }
}

export interface Exposure {
  /** The sheets a viewer could compute a result for. */
  sheets: number[];
}

/**
 * The smallest-first search for a set of fewer than `k` (and more than 0) sheets whose indicator lies
 * in the row space of the released cells. `released` lists each shown cell as the sheets it held;
 * sheets are numbered 0…`sheetCount - 1`. Returns the first exposed set found, or null when none
 * exists. Throws when the search would exceed `budget` candidate sets (undecided is not a pass).
 */
export function findExposure(released: readonly (readonly number[])[], sheetCount: number, k: number, budget = 200_000): Exposure | null {
  // Column groups: sheets with the same membership in every released cell.
  const signature = Array.from({ length: sheetCount }, () => [] as number[]);
  released.forEach((cell, r) => {
    for (const s of cell) {
      signature[s]!.push(r);
    }
  });
  const groups = new Map<string, number[]>();
  signature.forEach((sig, s) => {
    if (sig.length > 0) {
      const key = sig.join(',');
      const g = groups.get(key);
      if (g) {
        g.push(s);
      } else {
        groups.set(key, [s]);
      }
    }
  });
  const all = [...groups.values()];
  const columnOf = new Map<number, number>();
  all.forEach((g, c) => g.forEach((s) => columnOf.set(s, c)));
  const space = new RowSpace(all.length);
  for (const cell of released) {
    const row = Array.from({ length: all.length }, () => 0n);
    for (const s of cell) {
      row[columnOf.get(s)!] = 1n;
    }
    space.add(row);
  }
  // Candidates: unions of groups smaller than k whose total stays below k (sheets in no released
  // cell are never part of an exposed set: every vector of the row space is 0 on them).
  const small = all.map((g, c) => ({ c, size: g.length })).filter((g) => g.size < k);
  let tried = 0;
  const chosen: number[] = [];
  const search = (from: number, total: number): number[] | null => {
    for (let i = from; i < small.length; i++) {
      const g = small[i]!;
      if (total + g.size >= k) {
        continue;
      }
      chosen.push(g.c);
      if (++tried > budget) {
        throw new Error(`undecided: more than ${budget} candidate sets among ${small.length} small groups`);
      }
      const v = Array.from({ length: all.length }, () => 0n);
      for (const c of chosen) {
        v[c] = 1n;
      }
      if (space.contains(v)) {
        return [...chosen];
      }
      const deeper = search(i + 1, total + g.size);
      if (deeper) {
        return deeper;
      }
      chosen.pop();
    }
    return null;
  };
  const found = search(0, 0);
  return found ? { sheets: found.flatMap((c) => all[c]!).sort((a, b) => a - b) } : null;
}
