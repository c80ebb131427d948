import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findExposure, groupInCell, orgArbitrary, RowSpace, type Org } from './anonymity.test-helpers.js';
import { generaliseAudience, roundNodes, type StoredGroup } from './generalise.js';
import { atomKey, ReleaseLedger, type Ancestry, type Atom, type CellFilter, type LedgerEntry } from './release.js';

/**
 * The release ledger against an adversary that knows nothing of its classes: random organisations,
 * random respondents arriving in random order, and random sequences of filtered results and
 * breakdowns asked for between arrivals. Every request rebuilds the ledger from the stored entries,
 * as the server does. Afterwards, exact linear algebra over everything shown must find no set of
 * fewer than k sheets whose result anyone could compute.
 */

type Dimension = 'department' | 'team' | 'location' | 'line';

interface RawRequest {
  /** Which of department, team, location, line the filter sets (bits 1, 2, 4, 8). */
  mask: number;
  department: number;
  team: number;
  location: number;
  line: number;
  by: Dimension | null;
}

type Event = { kind: 'arrive'; n: number } | { kind: 'request'; index: number };

interface Scenario {
  org: Org;
  k: number;
  /** Who answers, in the order they answer. */
  answered: string[];
  requests: RawRequest[];
  events: Event[];
}

const rawRequest: fc.Arbitrary<RawRequest> = fc.record({
  // Mostly the whole round or one dimension, as people filter; sometimes any combination.
  mask: fc.oneof(
    { arbitrary: fc.constant(0), weight: 2 },
    { arbitrary: fc.constantFrom(1, 2, 4, 8), weight: 4 },
    { arbitrary: fc.nat({ max: 15 }), weight: 2 },
  ),
  department: fc.nat(),
  team: fc.nat(),
  location: fc.nat(),
  line: fc.nat(),
  by: fc.oneof(
    { arbitrary: fc.constant(null), weight: 1 },
    { arbitrary: fc.constantFrom('department' as const, 'team' as const, 'location' as const, 'line' as const), weight: 4 },
  ),
});

const scenarioArbitrary: fc.Arbitrary<Scenario> = fc.tuple(orgArbitrary(fc), fc.integer({ min: 3, max: 7 })).chain(([org, k]) =>
  fc.record({
    org: fc.constant(org),
    k: fc.constant(k),
    // Usually more than half answer.
    answered: fc.shuffledSubarray(
      org.invited.map((p) => p.userId),
      { minLength: Math.floor(org.invited.length / 2) },
    ),
    requests: fc.array(rawRequest, { minLength: 1, maxLength: 8 }),
    events: fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant('arrive' as const), n: fc.integer({ min: 1, max: 25 }) }),
        fc.record({ kind: fc.constant('request' as const), index: fc.nat() }),
      ),
      { maxLength: 24, size: 'max' },
    ),
  }),
);

const at = <T>(list: readonly T[], raw: number): T | undefined => (list.length === 0 ? undefined : list[raw % list.length]);

/** The filter and breakdown cells of a request, as the results screen would ask for them. */
function cellsOf(org: Org, raw: RawRequest): { filter: CellFilter; children: CellFilter[] } {
  const filter: CellFilter = {};
  const set = (bit: number, dim: Dimension, value: string | undefined) => {
    if (raw.mask & bit && value !== undefined) {
      filter[dim] = value;
    }
  };
  set(1, 'department', at(org.departments, raw.department)?.id);
  set(2, 'team', at(org.teams, raw.team));
  set(4, 'location', at(org.locations, raw.location));
  set(8, 'line', at(org.managers, raw.line));
  let values: string[] = [];
  switch (raw.by) {
    case null:
      break;
    case 'department':
      values = org.departments.filter((d) => d.parentId === (filter.department ?? null)).map((d) => d.id);
      break;
    case 'line':
      values = org.managers.filter((m) => (org.structure.managerOf.get(m) ?? null) === (filter.line ?? null));
      break;
    case 'team':
      values = filter.team ? [] : org.teams;
      break;
    case 'location':
      values = filter.location ? [] : org.locations;
      break;
  }
  const by = raw.by;
  return { filter, children: by ? values.map((v) => ({ ...filter, [by]: v })) : [] };
}

interface Sheet {
  id: number;
  group: StoredGroup;
}

interface Outcome {
  /** Every cell shown, as the sheets (by number) it held when shown. */
  released: number[][];
  sheets: Sheet[];
  refused: { too_few: number; differencing: number };
}

/**
 * Plays a scenario through the ledger as the server would. With `naive`, cells are shown whenever
 * they hold k sheets, with no ledger: what the adversary must be able to break.
 */
function play(s: Scenario, naive = false): Outcome {
  const { org, k } = s;
  const groups = generaliseAudience(org.invited, org.structure, k);
  const nodes = roundNodes(groups.values(), org.structure);
  const ancestry: Ancestry = {
    department: new Map(nodes.filter((n) => n.kind === 'department').map((n) => [n.nodeId, n.ancestors])),
    line: new Map(nodes.filter((n) => n.kind === 'line').map((n) => [n.nodeId, n.ancestors])),
  };
  const sheets: Sheet[] = [];
  const entries: LedgerEntry[] = [];
  const out: Outcome = { released: [], sheets, refused: { too_few: 0, differencing: 0 } };
  let next = 0;
  const arrive = (n: number) => {
    for (; n > 0 && next < s.answered.length; n--) {
      sheets.push({ id: sheets.length, group: groups.get(s.answered[next++]!)! });
    }
  };
  const inCell = (f: CellFilter) => sheets.filter((sh) => groupInCell(sh.group, f, org.structure)).map((sh) => sh.id);
  const request = (raw: RawRequest) => {
    const atoms = new Map<string, Atom>();
    for (const { group } of sheets) {
      const key = atomKey(group);
      const a = atoms.get(key) ?? { ...group, count: 0 };
      a.count += 1;
      atoms.set(key, a);
    }
    const ledger = new ReleaseLedger(k, [...atoms.values()], ancestry, entries);
    const { filter, children } = cellsOf(org, raw);
    // Parent first, then children from the largest down, as the ledger asks.
    const ordered = [
      filter,
      ...children
        .map((f) => ({ f, n: inCell(f).length }))
        .sort((a, b) => b.n - a.n)
        .map((c) => c.f),
    ];
    for (const f of ordered) {
      const members = inCell(f);
      if (naive) {
        if (members.length >= k) {
          out.released.push(members);
        }
        continue;
      }
      const r = ledger.tryRelease(f);
      // The engine counts the cell's sheets as the adversary does.
      expect(r.size).toBe(members.length);
      if (r.ok) {
        expect(r.size).toBeGreaterThanOrEqual(k);
        if (!r.known) {
          entries.push({ cellKey: r.cellKey, counts: r.counts });
        }
        out.released.push(members);
      } else {
        out.refused[r.reason] += 1;
      }
    }
  };
  for (const e of s.events) {
    if (e.kind === 'arrive') {
      arrive(e.n);
    } else {
      request(s.requests[e.index % s.requests.length]!);
    }
  }
  // Everyone else answers, then every request is asked again: earlier results against later ones.
  arrive(s.answered.length);
  s.requests.forEach(request);
  return out;
}

describe('release ledger (property)', () => {
  it('never lets any sequence of filters, breakdowns and arrivals expose fewer than k sheets', () => {
    const stats = { runs: 0, withRelease: 0, released: 0, tooFew: 0, differencing: 0 };
    fc.assert(
      fc.property(scenarioArbitrary, (s) => {
        const outcome = play(s);
        const exposure = findExposure(outcome.released, outcome.sheets.length, s.k);
        stats.runs += 1;
        stats.withRelease += outcome.released.length > 0 ? 1 : 0;
        stats.released += outcome.released.length;
        stats.tooFew += outcome.refused.too_few;
        stats.differencing += outcome.refused.differencing;
        expect(exposure, `sheets ${exposure?.sheets.join(', ')} can be computed from ${outcome.released.length} shown cells`).toBeNull();
      }),
      { seed: 20261126, numRuns: 500 },
    );
    // Not vacuous: most runs show results, and the ledger had to hold some back.
    expect(stats.withRelease / stats.runs).toBeGreaterThan(0.6);
    expect(stats.released).toBeGreaterThan(stats.runs);
    expect(stats.differencing).toBeGreaterThan(stats.runs / 10);
    expect(stats.tooFew).toBeGreaterThan(0);
  });

  it('has an adversary that breaks a threshold without a ledger on the same scenarios', () => {
    let broken = 0;
    const samples = fc.sample(scenarioArbitrary, { seed: 20261126, numRuns: 100 });
    for (const s of samples) {
      const outcome = play(s, true);
      try {
        if (findExposure(outcome.released, outcome.sheets.length, s.k, 20_000)) {
          broken += 1;
        }
      } catch {
        // Too many small groups to decide within the budget: not counted.
      }
    }
    expect(broken).toBeGreaterThan(samples.length / 10);
  });
});

describe('release ledger: the tracker attack', () => {
  // Sales in Milano is 8 people: 6 in team X and 2 in team Y; 5 more of team X are in Roma.
  const ancestry: Ancestry = { department: new Map([['sales', []]]), line: new Map() };
  const atom = (teamId: string, locationId: string, count: number): Atom => ({
    departmentId: 'sales',
    teamId,
    lineId: null,
    locationId,
    count,
  });
  const atoms = [atom('x', 'mi', 6), atom('y', 'mi', 2), atom('x', 'rm', 5)];
  const A: CellFilter = { location: 'mi' };
  const B: CellFilter = { team: 'x' };
  const AB: CellFilter = { location: 'mi', team: 'x' };

  // Sheets 0–5: team X in Milano; 6–7: team Y in Milano; 8–12: team X in Roma.
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
  const members = new Map([
    [A, range(0, 8)],
    [B, [...range(0, 6), ...range(8, 13)]],
    [AB, range(0, 6)],
  ]);

  it('never shows all of A, A∩B and B, in any order, when A minus A∩B is two people', () => {
    for (const order of [
      [A, AB, B],
      [A, B, AB],
      [B, AB, A],
      [B, A, AB],
      [AB, A, B],
      [AB, B, A],
    ]) {
      const ledger = new ReleaseLedger(5, atoms, ancestry, []);
      const results = order.map((f) => ledger.tryRelease(f));
      // Each cell alone is large enough: only the ledger can refuse it.
      expect(results.every((r) => r.size >= 5)).toBe(true);
      expect(results[0]!.ok).toBe(true);
      const refused = results.filter((r) => !r.ok);
      expect(refused.length).toBeGreaterThan(0);
      expect(refused.every((r) => r.reason === 'differencing')).toBe(true);
      const shown = order.filter((_, i) => results[i]!.ok).map((f) => members.get(f)!);
      expect(findExposure(shown, 13, 5)).toBeNull();
      expect(ledger.smallestClass()).toBeGreaterThanOrEqual(5);
    }
  });

  it('refuses the third cell on a later request rebuilt from the stored entries', () => {
    const first = new ReleaseLedger(5, atoms, ancestry, []);
    const entries: LedgerEntry[] = [];
    for (const f of [B, AB]) {
      const r = first.tryRelease(f);
      expect(r.ok).toBe(true);
      if (r.ok) {
        entries.push({ cellKey: r.cellKey, counts: r.counts });
      }
    }
    const later = new ReleaseLedger(5, atoms, ancestry, entries);
    expect(later.tryRelease(A)).toMatchObject({ ok: false, reason: 'differencing' });
    // The two already shown are still shown, unchanged.
    expect(later.tryRelease(B)).toMatchObject({ ok: true, known: true });
    expect(later.tryRelease(AB)).toMatchObject({ ok: true, known: true });
  });

  it('is what the adversary exploits when all three are shown', () => {
    const [cellA, cellB, cellAB] = [members.get(A)!, members.get(B)!, members.get(AB)!];
    expect(findExposure([cellA, cellB], 13, 5)).toBeNull();
    expect(findExposure([cellA, cellAB, cellB], 13, 5)).toEqual({ sheets: [6, 7] });
  });
});

describe('the adversary', () => {
  it('decides row-space membership exactly', () => {
    const space = new RowSpace(3);
    space.add([1n, 1n, 0n]);
    space.add([0n, 1n, 1n]);
    expect(space.rank).toBe(2);
    expect(space.contains([1n, 0n, -1n])).toBe(true);
    expect(space.contains([1n, 2n, 1n])).toBe(true);
    expect(space.contains([1n, 0n, 0n])).toBe(false);
    expect(space.contains([1n, 0n, 1n])).toBe(false);
    space.add([2n, 0n, 0n]);
    expect(space.contains([1n, 0n, 0n])).toBe(true);
  });

  it('finds no exposure where small groups overlap but never separate, and finds one once they do', () => {
    // Groups a = {0, 1}, b = {2, 3}, c = {4, 5}; k = 3.
    const ab = [0, 1, 2, 3];
    const bc = [2, 3, 4, 5];
    expect(findExposure([ab, bc], 6, 3)).toBeNull();
    expect(findExposure([ab, bc, [0, 1, 2, 3, 4, 5]], 6, 3)).toEqual({ sheets: [0, 1] });
    // A shown cell smaller than k is itself an exposure.
    expect(findExposure([ab, bc], 6, 5)).toEqual({ sheets: [0, 1, 2, 3] });
    // Sheets in no shown cell are never exposed, whatever else is shown.
    expect(findExposure([[0, 1, 2, 3, 4]], 7, 5)).toBeNull();
  });
});
