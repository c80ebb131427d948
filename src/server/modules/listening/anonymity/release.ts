/**
 * Which result cells may be shown: the release ledger.
 *
 * A cell is a set of answer sheets of one round: those whose stored group matches a filter
 * (department and manager's line include everything below them). Sheets with the same stored group
 * form an atom. Every cell ever shown, to any viewer, is kept in the ledger with the number of sheets
 * it held of each atom at that moment, so a cell shown again later with more answers is a different,
 * larger set.
 *
 * The rule: take every cell in the ledger plus the candidate, and split the round's sheets into
 * classes of sheets that belong to exactly the same cells. Anything a viewer can compute by adding
 * and subtracting shown totals (a parent minus its children, a team minus a subgroup, today's total
 * minus yesterday's, a department minus a location, …) is a sum over whole classes. So when every
 * class holds either no sheet or at least `k` sheets, no combination of shown results can describe
 * fewer than `k` people; a candidate that would cut a class into a smaller piece is refused. This
 * covers differencing against a parent, a sibling, an earlier filter and an earlier moment, for
 * every viewer at once, and suppresses the next smallest neighbour where a breakdown would otherwise
 * leave a small remainder.
 *
 * Segments: an atom's sheets grow while the round is open. The ledger records how many sheets of the
 * atom each released cell held, so the atom is cut into segments at those counts (the first N
 * sheets, the next M, …); only counts are needed, never which sheet came when.
 *
 * Anything inconsistent (a count that went down, an unknown node) throws: callers show nothing.
 */

export interface Atom {
  departmentId: string | null;
  teamId: string | null;
  lineId: string | null;
  locationId: string | null;
  /** Sheets in the round with exactly this stored group. */
  count: number;
}

export interface CellFilter {
  department?: string | null;
  team?: string | null;
  line?: string | null;
  location?: string | null;
}

/** Parents of every department and manager the round's groups name (see `roundNodes`). */
export interface Ancestry {
  department: ReadonlyMap<string, readonly string[]>;
  line: ReadonlyMap<string, readonly string[]>;
}

export interface LedgerEntry {
  cellKey: string;
  /** Sheets of each atom (by `atomKey`) the cell held when it was shown. */
  counts: Readonly<Record<string, number>>;
}

export type ReleaseResult =
  | { ok: true; cellKey: string; stateKey: string; counts: Record<string, number>; size: number; known: boolean }
  | { ok: false; cellKey: string; reason: 'too_few' | 'differencing'; size: number };

export class AnonymityError extends Error {}

export function atomKey(a: Pick<Atom, 'departmentId' | 'teamId' | 'lineId' | 'locationId'>): string {
  return `${a.departmentId ?? '-'}|${a.teamId ?? '-'}|${a.lineId ?? '-'}|${a.locationId ?? '-'}`;
}

/** A filter's canonical key: the same filter always gives the same key. */
export function cellKey(f: CellFilter): string {
  return `d=${f.department ?? ''};t=${f.team ?? ''};l=${f.line ?? ''};o=${f.location ?? ''}`;
}

/** The key of a cell's state: which sheets of which atoms it holds. */
export function stateKey(counts: Readonly<Record<string, number>>): string {
  return Object.keys(counts)
    .sort()
    .map((k) => `${k}=${counts[k]}`)
    .join(',');
}

function under(value: string | null, node: string, ancestry: ReadonlyMap<string, readonly string[]>): boolean {
  if (value === null) {
    return false;
  }
  if (value === node) {
    return true;
  }
  const parents = ancestry.get(value);
  if (!parents) {
    throw new AnonymityError(`No ancestry for ${value}`);
  }
  return parents.includes(node);
}

/** True when the atom's sheets belong to the cell. */
export function atomInCell(a: Atom, f: CellFilter, ancestry: Ancestry): boolean {
  return (
    (!f.department || under(a.departmentId, f.department, ancestry.department)) &&
    (!f.team || a.teamId === f.team) &&
    (!f.line || under(a.lineId, f.line, ancestry.line)) &&
    (!f.location || a.locationId === f.location)
  );
}

interface Segment {
  /** Sheets in the segment. */
  weight: number;
  /** The atom's count at the segment's end: a cell holding at least this many sheets of the atom holds it. */
  upTo: number;
  cls: number;
}

/** The ledger of one round, and the decisions it takes. */
export class ReleaseLedger {
  private readonly atoms = new Map<string, Atom>();
  private readonly segments = new Map<string, Segment[]>();
  private readonly released = new Map<string, Set<string>>();
  private readonly classWeight = new Map<number, number>();
  private nextClass = 1;

  /**
   * @param k the threshold: the smallest number of sheets any computable set may hold
   * @param atoms the round's atoms as they are now
   * @param entries every cell released so far for the round, oldest first
   */
  constructor(
    private readonly k: number,
    atoms: readonly Atom[],
    private readonly ancestry: Ancestry,
    entries: readonly LedgerEntry[],
  ) {
    if (!Number.isInteger(k) || k < 3) {
      throw new AnonymityError('The threshold must be an integer of at least 3');
    }
    const bounds = new Map<string, Set<number>>();
    for (const a of atoms) {
      const key = atomKey(a);
      this.atoms.set(key, a);
      bounds.set(key, new Set(a.count > 0 ? [a.count] : []));
    }
    for (const e of entries) {
      for (const [key, n] of Object.entries(e.counts)) {
        const atom = this.atoms.get(key);
        if (!atom || !Number.isInteger(n) || n <= 0 || n > atom.count) {
          throw new AnonymityError('The ledger holds sheets the round does not have');
        }
        bounds.get(key)!.add(n);
      }
    }
    let empty = 0;
    for (const [key, set] of bounds) {
      let previous = 0;
      const list: Segment[] = [];
      for (const upTo of [...set].sort((a, b) => a - b)) {
        list.push({ weight: upTo - previous, upTo, cls: 0 });
        empty += upTo - previous;
        previous = upTo;
      }
      this.segments.set(key, list);
    }
    this.classWeight.set(0, empty);
    for (const e of entries) {
      this.split(this.segmentsOf(e.counts));
      const states = this.released.get(e.cellKey) ?? new Set<string>();
      states.add(stateKey(e.counts));
      this.released.set(e.cellKey, states);
    }
  }

  /** The sheets a filter selects now, by atom. */
  countsOf(filter: CellFilter): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const [key, atom] of this.atoms) {
      if (atom.count > 0 && atomInCell(atom, filter, this.ancestry)) {
        counts[key] = atom.count;
      }
    }
    return counts;
  }

  /**
   * Decides whether the filter's cell may be shown now and, when it may, records it in this ledger
   * (the caller stores it). Cells asked for together should be tried parent first, then children
   * from the largest down, so that the smallest neighbours are the ones suppressed.
   */
  tryRelease(filter: CellFilter): ReleaseResult {
    const key = cellKey(filter);
    const counts = this.countsOf(filter);
    const size = Object.values(counts).reduce((a, b) => a + b, 0);
    if (size < this.k) {
      return { ok: false, cellKey: key, reason: 'too_few', size };
    }
    const state = stateKey(counts);
    if (this.released.get(key)?.has(state)) {
      return { ok: true, cellKey: key, stateKey: state, counts, size, known: true };
    }
    const segments = this.segmentsOf(counts);
    const inside = new Map<number, number>();
    for (const s of segments) {
      inside.set(s.cls, (inside.get(s.cls) ?? 0) + s.weight);
    }
    for (const [cls, within] of inside) {
      const outside = this.classWeight.get(cls)! - within;
      const small = (n: number) => n > 0 && n < this.k;
      // Sheets never shown (class 0) may stay behind in any number: nothing shown describes them.
      if (small(within) || (cls !== 0 && small(outside))) {
        return { ok: false, cellKey: key, reason: 'differencing', size };
      }
    }
    this.split(segments);
    const states = this.released.get(key) ?? new Set<string>();
    states.add(state);
    this.released.set(key, states);
    return { ok: true, cellKey: key, stateKey: state, counts, size, known: false };
  }

  /** Smallest non-empty class, for tests and diagnostics. */
  smallestClass(): number {
    let min = Infinity;
    for (const [cls, w] of this.classWeight) {
      if (cls !== 0 && w > 0) {
        min = Math.min(min, w);
      }
    }
    return min;
  }

  private segmentsOf(counts: Readonly<Record<string, number>>): Segment[] {
    const out: Segment[] = [];
    for (const [key, n] of Object.entries(counts)) {
      for (const s of this.segments.get(key) ?? []) {
        if (s.upTo <= n) {
          out.push(s);
        }
      }
    }
    return out;
  }

  /** Moves the given segments out of their classes into new ones (one per class they came from). */
  private split(segments: readonly Segment[]): void {
    const renamed = new Map<number, number>();
    for (const s of segments) {
      let to = renamed.get(s.cls);
      if (to === undefined) {
        to = this.nextClass++;
        renamed.set(s.cls, to);
        this.classWeight.set(to, 0);
      }
      this.classWeight.set(s.cls, this.classWeight.get(s.cls)! - s.weight);
      this.classWeight.set(to, this.classWeight.get(to)! + s.weight);
      s.cls = to;
    }
  }
}

/**
 * The same filter across two rounds of a pulse: when the invited people changed by fewer than `k`
 * (one joined, one left), comparing the two results could describe them, so the later one is
 * refused. Audiences are the snapshots taken when each round opened.
 */
export function audienceChangeAllowed(a: ReadonlySet<string>, b: ReadonlySet<string>, k: number): boolean {
  let changed = 0;
  for (const id of a) {
    if (!b.has(id)) {
      changed++;
    }
  }
  for (const id of b) {
    if (!a.has(id)) {
      changed++;
    }
  }
  return changed === 0 || changed >= k;
}
