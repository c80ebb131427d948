import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { badRequest, notFound, pgCode } from '../../platform/errors.js';
import { can, requireAction, type Actor } from '../../platform/policy.js';
import { decodeTimeCursor, encodeTimeCursor } from '../../platform/cursor.js';
import { BANK_BY_KEY, type Dimension } from '../../../shared/listening.js';
import {
  AnonymityError,
  atomInCell,
  atomKey,
  audienceChangeAllowed,
  cellKey,
  stateKey,
  type Atom,
  type CellFilter,
} from './anonymity/release.js';
import {
  AtomIndex,
  breakdownValues,
  buildStats,
  chainIn,
  computePayload,
  IndexedLedger,
  parseCounts,
  parsePayload,
  roundTree,
  withValue,
  type Group,
  type Payload,
  type QuestionInfo,
  type RoundStats,
  type RoundTree,
} from './results.engine.js';
import * as q from './results.queries.js';
import type { Cell, CellStatus, CommentsQuery, Label, ListQuery, ResponsesQuery, ResultsQuery, TrendQuery } from './results.schemas.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** More distinct filter combinations than this on one survey in a day is flagged in the audit log. */
export const UNUSUAL_FILTERS = 40;
export const UNUSUAL_ACTION = 'listening.results.unusual';

// --- Per-node cache of closed rounds ----------------------------------------------------------------

interface Member extends Group {
  userId: string;
}

/** A ledger entry as read back: its counts, their state key and size. */
interface Entry {
  id: string;
  cellKey: string;
  counts: Record<string, number>;
  state: string;
  size: number;
}

/**
 * What is known of one round. A closed round never changes (only its ledger grows), so all of it may
 * be kept. Loads are kept as promises, so that requests arriving together read the database once.
 */
interface RoundFacts {
  tree?: Promise<RoundTree>;
  groups?: Promise<AtomIndex>;
  atoms?: Promise<Atom[]>;
  /** Grouped answers of the atoms read so far, with the sheets each atom held when read. */
  stats?: { byAtom: RoundStats; counts: Map<string, number> };
  members?: Promise<Member[]>;
  /** The ledger read so far, and the release time from which to read what was added since. */
  entries?: RoundLedger & { ids: Set<string>; since: Date | null };
  payloads?: Map<string, Payload>;
  /** The sheets indexed (built from `atoms`). */
  index?: AtomIndex;
  /**
   * Decisions that cannot change in a closed round: its sheets are fixed, so a cell's state is, and
   * releases only split the ledger's classes further, so a refused cell stays refused.
   */
  memo?: { shown: Map<string, { id: string; size: number }>; refused: Set<string> };
  /**
   * A closed round's ledger as of `stamp` (every release of the round up to it). Used and changed
   * only by the survey's queue of releases, holding the survey's lock; dropped when a release fails.
   */
  kept?: { ledger: IndexedLedger; stamp: string; k: number };
}

/** A round's ledger entries, also by cell. */
interface RoundLedger {
  list: Entry[];
  byCell: Map<string, Entry[]>;
}

function addEntry(to: RoundLedger, e: Entry): void {
  to.list.push(e);
  const same = to.byCell.get(e.cellKey);
  if (same) {
    same.push(e);
  } else {
    to.byCell.set(e.cellKey, [e]);
  }
}

/** Payloads kept per closed round, at most. */
const PAYLOADS_KEPT = 5_000;

/** Closed rounds by id, least recently used out. Nodes and trees are fixed when a round opens. */
class RoundCache {
  private readonly entries = new Map<string, RoundFacts>();
  constructor(private readonly max: number) {}

  get(id: string): RoundFacts {
    let e = this.entries.get(id);
    if (e) {
      this.entries.delete(id);
    } else {
      e = {};
    }
    this.entries.set(id, e);
    while (this.entries.size > this.max) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    return e;
  }
}

const caches = new WeakMap<object, RoundCache>();
const cacheOf = (ctx: Ctx): RoundCache => {
  let c = caches.get(ctx);
  if (!c) {
    c = new RoundCache(16);
    caches.set(ctx, c);
  }
  return c;
};

const sumOf = (counts: Readonly<Record<string, number>>) => Object.values(counts).reduce((a, b) => a + b, 0);

function entryOf(row: q.ReleaseRow): Entry {
  const counts = parseCounts(row.counts);
  return { id: row.id, cellKey: row.cellKey, counts, state: stateKey(counts), size: sumOf(counts) };
}

/** Loads round data once per request, from the cache for closed rounds. */
class Loader {
  private readonly local = new Map<string, RoundFacts>();

  constructor(
    private readonly db: Executor,
    private readonly cache: RoundCache | null,
  ) {}

  private cached(round: q.RoundRow): boolean {
    return this.cache !== null && round.status === 'closed';
  }

  private facts(round: q.RoundRow): RoundFacts {
    if (this.cached(round)) {
      return this.cache!.get(round.id);
    }
    let f = this.local.get(round.id);
    if (!f) {
      f = {};
      this.local.set(round.id, f);
    }
    return f;
  }

  /** Trees are written when a round opens and never change: cached for open rounds too. */
  private treeFacts(round: q.RoundRow): RoundFacts {
    return this.cache ? this.cache.get(round.id) : this.facts(round);
  }

  /**
   * Values of one kind for several rounds, loaded in one query for those not known yet; what is being
   * loaded is shared with concurrent requests, and forgotten if the load fails.
   */
  private async batch<K extends 'tree' | 'groups' | 'atoms'>(
    rounds: readonly q.RoundRow[],
    kind: K,
    slot: (r: q.RoundRow) => RoundFacts,
    load: (missing: q.RoundRow[]) => Promise<Map<string, Awaited<NonNullable<RoundFacts[K]>>>>,
  ): Promise<Map<string, Awaited<NonNullable<RoundFacts[K]>>>> {
    const missing = rounds.filter((r) => !slot(r)[kind]);
    if (missing.length > 0) {
      const all = load(missing);
      for (const r of missing) {
        const one = all.then((m) => m.get(r.id)!);
        (slot(r) as Record<K, unknown>)[kind] = one;
        one.catch(() => {
          if (slot(r)[kind] === one) {
            delete slot(r)[kind];
          }
        });
      }
    }
    const out = new Map<string, Awaited<NonNullable<RoundFacts[K]>>>();
    for (const r of rounds) {
      out.set(r.id, (await slot(r)[kind]) as Awaited<NonNullable<RoundFacts[K]>>);
    }
    return out;
  }

  async trees(rounds: readonly q.RoundRow[]): Promise<Map<string, RoundTree>> {
    return this.batch(
      rounds,
      'tree',
      (r) => this.treeFacts(r),
      async (missing) => {
        const rows = await q.nodesOf(
          this.db,
          missing.map((r) => r.id),
        );
        return new Map(missing.map((r) => [r.id, roundTree(rows.filter((n) => n.roundId === r.id))]));
      },
    );
  }

  /** Invited people by stored group, indexed. */
  async groups(rounds: readonly q.RoundRow[]): Promise<Map<string, AtomIndex>> {
    return this.batch(
      rounds,
      'groups',
      (r) => this.facts(r),
      async (missing) => {
        const [trees, rows] = await Promise.all([
          this.trees(missing),
          q.audienceGroups(
            this.db,
            missing.map((r) => r.id),
          ),
        ]);
        return new Map(
          missing.map((r) => [r.id, new AtomIndex(rows.filter((g) => g.roundId === r.id).map(stripRound), trees.get(r.id)!.ancestry)]),
        );
      },
    );
  }

  async atoms(rounds: readonly q.RoundRow[]): Promise<Map<string, Atom[]>> {
    return this.batch(
      rounds,
      'atoms',
      (r) => this.facts(r),
      async (missing) => {
        const rows = await q.roundAtoms(
          this.db,
          missing.map((r) => r.id),
        );
        return new Map(missing.map((r) => [r.id, rows.filter((a) => a.roundId === r.id).map(stripRound)]));
      },
    );
  }

  /** Reads the round's sheets again (an open round, when people answered meanwhile). */
  async freshAtoms(round: q.RoundRow): Promise<Atom[]> {
    const atoms = (await q.roundAtoms(this.db, [round.id])).map(stripRound);
    this.facts(round).atoms = Promise.resolve(atoms);
    return atoms;
  }

  /**
   * The ledger of each round. Releases are written one survey at a time under its lock and stamped
   * with the time they were written, so a closed round's ledger is read once and then only from the
   * last time seen on.
   */
  async entries(rounds: readonly q.RoundRow[]): Promise<Map<string, RoundLedger>> {
    const out = new Map<string, RoundLedger>();
    const fresh = rounds.filter((r) => !this.cached(r));
    if (fresh.length > 0) {
      const rows = await q.releasesOf(
        this.db,
        fresh.map((r) => r.id),
        null,
      );
      for (const r of fresh) {
        const ledger: RoundLedger = { list: [], byCell: new Map() };
        for (const row of rows) {
          if (row.roundId === r.id) {
            addEntry(ledger, entryOf(row));
          }
        }
        out.set(r.id, ledger);
      }
    }
    const kept = rounds.filter((r) => this.cached(r));
    if (kept.length > 0) {
      const states = kept.map((r) => (this.facts(r).entries ??= { list: [], byCell: new Map(), ids: new Set(), since: null }));
      const since = states.some((s) => s.since === null) ? null : new Date(Math.min(...states.map((s) => s.since!.getTime())));
      const rows = await q.releasesOf(
        this.db,
        kept.map((r) => r.id),
        since,
      );
      kept.forEach((r, i) => {
        const st = states[i]!;
        for (const row of rows) {
          if (row.roundId === r.id && !st.ids.has(row.id)) {
            addEntry(st, entryOf(row));
            st.ids.add(row.id);
            if (st.since === null || row.releasedAt > st.since) {
              st.since = row.releasedAt;
            }
          }
        }
        out.set(r.id, st);
      });
    }
    return out;
  }

  /** Stored payloads of releases, by id (kept for closed rounds). */
  async payloads(wanted: readonly { round: q.RoundRow; id: string }[]): Promise<Map<string, Payload>> {
    const out = new Map<string, Payload>();
    const missing: { round: q.RoundRow; id: string }[] = [];
    for (const w of wanted) {
      const p = this.facts(w.round).payloads?.get(w.id);
      if (p) {
        out.set(w.id, p);
      } else {
        missing.push(w);
      }
    }
    const rows = await q.releasePayloads(
      this.db,
      missing.map((m) => m.id),
    );
    for (const m of missing) {
      const p = parsePayload(rows.get(m.id));
      out.set(m.id, p);
      const f = this.facts(m.round);
      f.payloads ??= new Map();
      if (f.payloads.size < PAYLOADS_KEPT) {
        f.payloads.set(m.id, p);
      }
    }
    return out;
  }

  /** The sheets of the round, indexed (kept with the atoms they were built from). */
  atomIndex(round: q.RoundRow, atoms: Atom[], tree: RoundTree): AtomIndex {
    const f = this.facts(round);
    if (!f.index || f.index.atoms !== atoms) {
      f.index = new AtomIndex(atoms, tree.ancestry);
    }
    return f.index;
  }

  /** Decisions kept for a closed round; null for an open one. */
  memo(round: q.RoundRow): NonNullable<RoundFacts['memo']> | null {
    if (!this.cached(round)) {
      return null;
    }
    const f = this.facts(round);
    f.memo ??= { shown: new Map(), refused: new Set() };
    return f.memo;
  }

  /**
   * Grouped answers of some atoms, with the sheets each held when read (in the same statement): the
   * caller compares those counts with the ones it decided on. Kept for closed rounds.
   */
  async statsFor(round: q.RoundRow, atoms: readonly Atom[], all: boolean): Promise<{ byAtom: RoundStats; counts: Map<string, number> }> {
    const f = this.facts(round);
    const empty = (): NonNullable<RoundFacts['stats']> => ({ byAtom: new Map(), counts: new Map() });
    const known = this.cached(round) ? (f.stats ??= empty()) : empty();
    const missing = atoms.filter((a) => !known.counts.has(atomKey(a)));
    if (missing.length > 0) {
      const read = await q.roundStats(this.db, round.id, all && missing.length === atoms.length ? 'all' : missing);
      buildStats(read.stats, known.byAtom);
      for (const a of missing) {
        known.counts.set(atomKey(a), 0);
      }
      for (const a of read.atoms) {
        known.counts.set(atomKey(a), a.count);
      }
    }
    return known;
  }

  async members(round: q.RoundRow): Promise<Member[]> {
    const f = this.facts(round);
    if (!f.members) {
      const load = q.audienceMembers(this.db, round.id);
      f.members = load;
      load.catch(() => {
        if (f.members === load) {
          delete f.members;
        }
      });
    }
    return f.members;
  }

  /** A closed round's kept ledger slot (null for open rounds or without a cache). */
  keptSlot(round: q.RoundRow): RoundFacts | null {
    return this.cached(round) ? this.facts(round) : null;
  }
}

const stripRound = <T extends { roundId: string }>({ roundId: _, ...rest }: T): Omit<T, 'roundId'> => rest;

// --- Deciding cells ---------------------------------------------------------------------------------

interface CellSpec {
  filter: CellFilter;
  label: Label | null;
}

interface Decision {
  status: CellStatus;
  stale: boolean;
  /** Invited people in the cell (shown only from the threshold up). */
  invited: number;
  payload: Payload | null;
  releaseId: string | null;
}

interface Plan {
  round: q.RoundRow;
  specs: CellSpec[];
  /** Try the cells in the given order (otherwise: the first, then the rest from the largest down). */
  keepOrder?: boolean;
}

interface SurveyFacts {
  survey: q.SurveyRow;
  /** Every round of the survey (rounds are compared with each other). */
  rounds: readonly q.RoundRow[];
  questions: readonly q.QuestionRow[];
}

/** The threshold of a round's results: the survey's, which may only have been raised since. */
const thresholdOf = (survey: q.SurveyRow, round: q.RoundRow) => Math.max(survey.threshold, round.threshold);

/** Thrown when people answered between deciding and reading the answers: decide again. */
class SheetsMoved extends Error {}

/**
 * Thrown by a read pass that meets a new cell of a closed round: its ledger is kept by the survey's
 * queue. Carries the sheets of the request's new cells, whose answers (which never change in a closed
 * round) are read before joining the queue.
 */
class NeedsLedger extends Error {
  constructor(
    readonly round: q.RoundRow,
    readonly atoms: Atom[],
    readonly all: boolean,
  ) {
    super('needs the kept ledger');
  }
}

type Mode = 'read' | 'locked';

interface Pass {
  decisions: Decision[][];
  /** Cells to release, with their numbers. */
  pending: q.NewRelease[];
  /** The survey's ledger as it was when the pass began. */
  stamp: q.ReleaseStamp;
  /** Kept ledgers this (locked) pass took and changed: given back once the releases are stored. */
  taken: { slot: RoundFacts; roundId: string; ledger: IndexedLedger; k: number }[];
}

/** Releases of one survey on this node, one after the other (the database lock orders the nodes). */
const queues = new WeakMap<object, Map<string, Promise<unknown>>>();

function serially<T>(ctx: Ctx, surveyId: string, job: () => Promise<T>): Promise<T> {
  let map = queues.get(ctx);
  if (!map) {
    map = new Map();
    queues.set(ctx, map);
  }
  const run = (map.get(surveyId) ?? Promise.resolve()).then(job, job);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  map.set(surveyId, tail);
  void tail.then(() => {
    if (map.get(surveyId) === tail) {
      map.delete(surveyId);
    }
  });
  return run;
}

/**
 * Decides every cell of the plans and returns the decisions in the plans' order. Cells already
 * released or refused are decided without a lock. New cells of an open round are decided and their
 * numbers computed without a lock too, then stored holding the survey's results lock if nothing was
 * released for the survey in between; otherwise, and for new cells of a closed round (whose ledger is
 * kept in memory), the decision is taken under the lock, so that no two viewers ever release
 * conflicting cells.
 */
async function decide(ctx: Ctx, facts: SurveyFacts, plans: readonly Plan[]): Promise<Decision[][]> {
  const cache = cacheOf(ctx);
  let first: Pass | null = null;
  try {
    first = await decidePass(ctx.db, new Loader(ctx.db, cache), facts, plans, 'read');
    if (first.pending.length === 0) {
      return first.decisions;
    }
  } catch (err) {
    if (!(err instanceof NeedsLedger)) {
      throw err;
    }
    await new Loader(ctx.db, cache).statsFor(err.round, err.atoms, err.all);
  }
  const optimistic = first;
  let taken: Pass['taken'] = [];
  let stamps = new Map<string, string>();
  const decisions = await serially(ctx, facts.survey.id, () =>
    ctx.db.transaction().execute(async (trx) => {
      await q.lockSurveyResults(trx, facts.survey.id);
      if (optimistic) {
        const now = await q.releaseStamp(trx, facts.survey.id);
        if (now.releases === optimistic.stamp.releases && now.last === optimistic.stamp.last) {
          await q.insertReleases(trx, optimistic.pending);
          return optimistic.decisions;
        }
      }
      const pass = await decidePass(trx, new Loader(trx, cache), facts, plans, 'locked');
      await q.insertReleases(trx, pass.pending);
      taken = pass.taken;
      stamps = await q.roundStamps(
        trx,
        taken.map((t) => t.roundId),
      );
      return pass.decisions;
    }),
  );
  // Stored: the kept ledgers now hold every release of their rounds.
  for (const t of taken) {
    t.slot.kept = { ledger: t.ledger, stamp: stamps.get(t.roundId) ?? '', k: t.k };
  }
  return decisions;
}

async function decidePass(db: Executor, loader: Loader, facts: SurveyFacts, plans: readonly Plan[], mode: Mode): Promise<Pass> {
  const rounds = plans.map((p) => p.round);
  // Read mode: the stamp the locked step compares with. Locked mode: each round's, for its kept ledger.
  const stamp = mode === 'read' ? await q.releaseStamp(db, facts.survey.id) : { releases: -1, last: null };
  const roundStamps =
    mode === 'locked'
      ? await q.roundStamps(
          db,
          rounds.map((r) => r.id),
        )
      : new Map<string, string>();
  // The ledger before the sheets: sheets only grow, so every count read here is within the atoms read next.
  const entries = await loader.entries(rounds);
  const releasedByRound = new Map<string, Set<string>>();
  if (facts.rounds.length > 1) {
    for (const r of await q.releasedCells(db, facts.survey.id)) {
      const set = releasedByRound.get(r.roundId) ?? new Set<string>();
      set.add(r.cellKey);
      releasedByRound.set(r.roundId, set);
    }
  }
  const [trees, groups, atoms] = await Promise.all([loader.trees(rounds), loader.groups(rounds), loader.atoms(rounds)]);
  const decisions: Decision[][] = [];
  const pending: q.NewRelease[] = [];
  const taken: Pass['taken'] = [];
  for (const plan of plans) {
    const round = {
      plan,
      tree: trees.get(plan.round.id)!,
      groups: groups.get(plan.round.id)!,
      entries: entries.get(plan.round.id)!,
      stamp: roundStamps.get(plan.round.id) ?? '',
    };
    let roundAtoms = atoms.get(plan.round.id)!;
    for (let attempt = 1; ; attempt++) {
      try {
        const done = await decideRound(loader, facts, round, roundAtoms, releasedByRound, mode, taken);
        decisions.push(done.decisions);
        pending.push(...done.pending);
        break;
      } catch (err) {
        if (!(err instanceof SheetsMoved) || attempt >= 3) {
          throw err;
        }
        roundAtoms = await loader.freshAtoms(plan.round);
      }
    }
  }
  // Stored numbers of the cells shown from the ledger, in one query.
  const wanted = plans.flatMap((plan, i) =>
    decisions[i]!.filter((d) => d.status === 'shown' && !d.payload && d.releaseId).map((d) => ({ round: plan.round, d })),
  );
  const payloads = await loader.payloads(wanted.map((w) => ({ round: w.round, id: w.d.releaseId! })));
  for (const { d } of wanted) {
    d.payload = payloads.get(d.releaseId!)!;
  }
  return { decisions, pending, stamp, taken };
}

/** The decisions of one round's cells, and the releases they need (not stored here). */
async function decideRound(
  loader: Loader,
  facts: SurveyFacts,
  r: { plan: Plan; tree: RoundTree; groups: AtomIndex; entries: RoundLedger; stamp: string },
  atoms: Atom[],
  releasedByRound: Map<string, Set<string>>,
  mode: Mode,
  taken: Pass['taken'],
): Promise<{ decisions: Decision[]; pending: q.NewRelease[] }> {
  const { plan, tree } = r;
  const round = plan.round;
  const k = thresholdOf(facts.survey, round);
  const index = loader.atomIndex(round, atoms, tree);
  const memo = loader.memo(round);
  // Built only when a cell is neither known nor remembered: most requests show cells already released.
  let ledger: IndexedLedger | undefined;
  const states = r.entries.byCell;
  const order = plan.specs.map((_, i) => i);
  if (!plan.keepOrder) {
    const sizes = plan.specs.map((s) => index.size(s.filter));
    const rest = order
      .slice(1)
      .sort((a, b) => sizes[b]! - sizes[a]! || cellKey(plan.specs[a]!.filter).localeCompare(cellKey(plan.specs[b]!.filter)));
    order.splice(1, order.length - 1, ...rest);
  }
  const decisions: Decision[] = new Array<Decision>(plan.specs.length);
  /** New releases, returned together once the round's cells are decided. */
  const pending: { i: number; key: string; stateKey: string; counts: Record<string, number>; invited: number }[] = [];
  const tooFew = (invited: number): Decision => ({ status: 'too_few', stale: false, invited, payload: null, releaseId: null });

  /** Refused now: the last state released earlier, if it still reaches the threshold, else nothing. */
  const heldBack = (key: string, invited: number): Decision => {
    memo?.refused.add(`${k}|${key}`);
    const last = states
      .get(key)
      ?.filter((s) => s.size >= k)
      .at(-1);
    return last
      ? { status: 'shown', stale: true, invited, payload: null, releaseId: last.id }
      : { status: 'suppressed', stale: false, invited, payload: null, releaseId: null };
  };

  for (const i of order) {
    const filter = plan.specs[i]!.filter;
    const key = cellKey(filter);
    const invited = r.groups.size(filter);
    const remembered = memo?.shown.get(key);
    if (remembered) {
      decisions[i] =
        remembered.size < k ? tooFew(invited) : { status: 'shown', stale: false, invited, payload: null, releaseId: remembered.id };
      continue;
    }
    if (memo?.refused.has(`${k}|${key}`)) {
      decisions[i] = heldBack(key, invited);
      continue;
    }
    const counts = index.countsOf(filter);
    const size = sumOf(counts);
    if (size < k) {
      decisions[i] = tooFew(invited);
      continue;
    }
    const state = stateKey(counts);
    const known = states.get(key)?.find((s) => s.state === state);
    if (known) {
      memo?.shown.set(key, { id: known.id, size });
      decisions[i] = { status: 'shown', stale: false, invited, payload: null, releaseId: known.id };
      continue;
    }
    if (!(await otherRoundsAllow(loader, facts, round, filter, k, releasedByRound))) {
      decisions[i] = heldBack(key, invited);
      continue;
    }
    if (!ledger) {
      const slot = loader.keptSlot(round);
      if (slot && mode === 'read') {
        const wanted = new Map<string, Atom>();
        for (const spec of plan.specs) {
          const key = cellKey(spec.filter);
          if (!memo?.shown.has(key) && !memo?.refused.has(`${k}|${key}`)) {
            for (const a of index.select(spec.filter)) {
              wanted.set(atomKey(a), a);
            }
          }
        }
        throw new NeedsLedger(round, [...wanted.values()], wanted.size === atoms.length);
      }
      const kept = slot?.kept;
      ledger =
        kept && kept.stamp === r.stamp && kept.k === k && kept.ledger.index.atoms === atoms
          ? kept.ledger
          : new IndexedLedger(k, atoms, tree.ancestry, r.entries.list, index);
      if (slot) {
        // Taken: given back with its new stamp once the releases are stored, dropped if they are not.
        delete slot.kept;
        taken.push({ slot, roundId: round.id, ledger, k });
      }
    }
    const result = ledger.tryRelease(filter);
    if (!result.ok) {
      decisions[i] = result.reason === 'too_few' ? tooFew(invited) : heldBack(key, invited);
      continue;
    }
    pending.push({ i, key, stateKey: result.stateKey, counts: result.counts, invited });
  }
  if (pending.length === 0) {
    return { decisions, pending: [] };
  }
  // The answers of exactly the sheets decided on: every atom must hold as many sheets as it did.
  const needed = new Map<string, Atom>();
  for (const p of pending) {
    for (const key of Object.keys(p.counts)) {
      needed.set(key, index.byKey(key));
    }
  }
  const read = await loader.statsFor(round, [...needed.values()], needed.size === atoms.length);
  for (const [key, a] of needed) {
    if (read.counts.get(key) !== a.count) {
      throw new SheetsMoved();
    }
  }
  const questions = questionsOfRound(facts.questions, round);
  const rows: q.NewRelease[] = [];
  for (const p of pending) {
    const payload = computePayload(questions, read.byAtom, p.counts, k, p.invited);
    rows.push({ roundId: round.id, cellKey: p.key, stateKey: p.stateKey, counts: p.counts, payload });
    decisions[p.i] = { status: 'shown', stale: false, invited: p.invited, payload, releaseId: null };
  }
  const keys = releasedByRound.get(round.id) ?? new Set<string>();
  for (const p of pending) {
    keys.add(p.key);
  }
  releasedByRound.set(round.id, keys);
  return { decisions, pending: rows };
}

/** The filter a cell key names (the inverse of `cellKey`). */
function filterOfKey(key: string): CellFilter {
  const m = /^d=([^;]*);t=([^;]*);l=([^;]*);o=([^;]*)$/.exec(key);
  if (!m) {
    throw new AnonymityError('A released cell has an unknown key');
  }
  const f: CellFilter = {};
  if (m[1]) {
    f.department = m[1];
  }
  if (m[2]) {
    f.team = m[2];
  }
  if (m[3]) {
    f.line = m[3];
  }
  if (m[4]) {
    f.location = m[4];
  }
  return f;
}

/**
 * Rounds compared: a cell of another round of the survey already shown whose invited people differ
 * from this cell's by fewer than the threshold (one joined, one left) would describe them next to
 * this one, so this round's cell is held back. Every cell shown in the other rounds is compared, not
 * only the same filter: another filter may select the same people.
 */
async function otherRoundsAllow(
  loader: Loader,
  facts: SurveyFacts,
  round: q.RoundRow,
  filter: CellFilter,
  k: number,
  releasedByRound: ReadonlyMap<string, ReadonlySet<string>>,
): Promise<boolean> {
  const others = facts.rounds.filter((o) => o.id !== round.id && (releasedByRound.get(o.id)?.size ?? 0) > 0);
  if (others.length === 0) {
    return true;
  }
  const all = [round, ...others];
  const [trees, groups] = await Promise.all([loader.trees(all), loader.groups(all)]);
  const mySize = groups.get(round.id)!.size(filter);
  let mine: Set<string> | undefined;
  const invitedIn = async (r: q.RoundRow, f: CellFilter) => {
    const tree = trees.get(r.id)!;
    return new Set((await loader.members(r)).filter((m) => atomInCell({ ...m, count: 1 }, f, tree.ancestry)).map((m) => m.userId));
  };
  for (const other of others) {
    for (const key of releasedByRound.get(other.id)!) {
      const theirFilter = filterOfKey(key);
      // Sizes apart by the threshold or more: the people differ by at least that many.
      if (Math.abs(groups.get(other.id)!.size(theirFilter) - mySize) >= k) {
        continue;
      }
      mine ??= await invitedIn(round, filter);
      if (!audienceChangeAllowed(mine, await invitedIn(other, theirFilter), k)) {
        return false;
      }
    }
  }
  return true;
}

function questionsOfRound(questions: readonly q.QuestionRow[], round: q.RoundRow): QuestionInfo[] {
  const asked = new Set(round.questionIds);
  return questions.filter((x) => asked.has(x.id)).map((x) => ({ id: x.id, kind: x.kind, driver: x.driver, options: optionsOf(x.options) }));
}

function optionsOf(raw: unknown): string[] {
  const v = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
  return Array.isArray(v) ? v.filter((o): o is string => typeof o === 'string') : [];
}

// --- Presenting cells -------------------------------------------------------------------------------

function cleanFilter(f: CellFilter): Cell['filter'] {
  const out: Cell['filter'] = {};
  for (const dim of ['department', 'team', 'location', 'line'] as const) {
    const v = f[dim];
    if (v) {
      out[dim] = v;
    }
  }
  return out;
}

function emptyCell(spec: CellSpec, status: CellStatus): Cell {
  return {
    key: cellKey(spec.filter),
    label: spec.label,
    filter: cleanFilter(spec.filter),
    status,
    stale: false,
    invited: null,
    responses: null,
    responseRate: null,
    enps: null,
    drivers: [],
    questions: [],
    comments: null,
  };
}

/** A decision as the API shows it; numbers stored under a lower threshold are trimmed to the current one. */
function cellView(spec: CellSpec, d: Decision, k: number, commentThreshold: number): Cell {
  if (d.status === 'unavailable') {
    return emptyCell(spec, 'unavailable');
  }
  if (d.status !== 'shown' || !d.payload) {
    return { ...emptyCell(spec, d.status === 'shown' ? 'unavailable' : d.status), invited: d.invited >= k ? d.invited : null };
  }
  const p = d.payload;
  return {
    ...emptyCell(spec, 'shown'),
    stale: d.stale,
    invited: p.invited !== null && p.invited >= k ? p.invited : null,
    responses: p.responses,
    responseRate: p.invited !== null && p.invited >= k ? p.responseRate : null,
    enps: p.enps && p.enps.answers >= k ? p.enps : null,
    drivers: p.drivers.filter((x) => x.answers >= k),
    questions: p.questions.map((x) => (x.answers >= k ? x : { ...x, uniform: false, mean: null, favourable: null, distribution: null })),
    comments: p.responses >= commentThreshold ? p.texts : null,
  };
}

const unavailable = (specs: readonly CellSpec[]) => specs.map((s) => emptyCell(s, 'unavailable'));

/** Logs a failed check without anything from the answers: only what failed and where. */
function logFailure(ctx: Ctx, err: unknown, surveyId: string) {
  ctx.log.error(
    {
      surveyId,
      error: err instanceof Error ? err.name : typeof err,
      code: pgCode(err),
      ...(err instanceof AnonymityError ? { reason: err.message } : {}),
    },
    'listening results check failed; nothing was shown',
  );
}

// --- Access -----------------------------------------------------------------------------------------

interface Viewer {
  actor: Actor;
  /** Managers see their own reporting line only; null for HR and administrators. */
  managerId: string | null;
}

function viewerOf(actor: Actor): Viewer {
  requireAction(actor, 'listening.results');
  return { actor, managerId: can(actor, 'listening.manage') ? null : actor.userId };
}

/** The survey, when the viewer may see its results (a manager: when their line is in one of its rounds). */
async function surveyFor(ctx: Ctx, viewer: Viewer, surveyId: string): Promise<SurveyFacts> {
  const survey = await q.surveyOf(ctx.db, viewer.actor.orgId, surveyId);
  if (!survey || (viewer.managerId && !(await q.lineInSurvey(ctx.db, survey.id, viewer.managerId)))) {
    throw notFound('survey');
  }
  const [rounds, questions] = await Promise.all([q.roundsOf(ctx.db, survey.id), q.questionsOf(ctx.db, survey.id)]);
  return { survey, rounds, questions };
}

function pickRound(rounds: readonly q.RoundRow[], roundId: string | undefined): q.RoundRow {
  const round = roundId ? rounds.find((r) => r.id === roundId) : rounds.at(-1);
  if (!round) {
    throw notFound('survey round');
  }
  return round;
}

/**
 * The filter a request names, scoped to the viewer: a manager's always stays within their own line,
 * and a line they name must be below them in one of the rounds.
 */
function scopedFilter(viewer: Viewer, query: TrendQuery, trees: Iterable<RoundTree>): CellFilter {
  const f: CellFilter = {};
  if (query.department) {
    f.department = query.department;
  }
  if (query.team) {
    f.team = query.team;
  }
  if (query.location) {
    f.location = query.location;
  }
  if (viewer.managerId) {
    const m = viewer.managerId;
    if (query.line && query.line !== m && ![...trees].some((t) => chainIn(query.line!, t.lineParent).includes(m))) {
      throw notFound('line');
    }
    f.line = query.line ?? m;
  } else if (query.line) {
    f.line = query.line;
  }
  return f;
}

/** Counts the filter combinations a viewer uses on a survey each day and flags unusually many. */
async function noteFilterUse(ctx: Ctx, viewer: Viewer, surveyId: string, filter: CellFilter, by?: Dimension) {
  const key = `${cellKey(filter)};b=${by ?? ''}`;
  const used = await q.recordFilterUse(ctx.db, surveyId, viewer.actor.userId, key);
  if (used !== null && used > UNUSUAL_FILTERS) {
    await ctx.db.transaction().execute(async (trx) => {
      if (!(await q.flaggedToday(trx, viewer.actor.orgId, viewer.actor.userId, surveyId, UNUSUAL_ACTION))) {
        await audit(trx, {
          orgId: viewer.actor.orgId,
          actorId: viewer.actor.userId,
          action: UNUSUAL_ACTION,
          targetId: surveyId,
          data: { filterCombinations: used },
        });
      }
    });
  }
}

// --- Results ----------------------------------------------------------------------------------------

async function labelNames(ctx: Ctx, orgId: string, dim: Dimension, ids: readonly string[]): Promise<Map<string, string>> {
  const n = await q.namesOf(ctx.db, orgId, {
    departments: dim === 'department' ? ids : [],
    teams: dim === 'team' ? ids : [],
    locations: dim === 'location' ? ids : [],
    people: dim === 'line' ? ids : [],
  });
  return dim === 'department' ? n.departments : dim === 'team' ? n.teams : dim === 'location' ? n.locations : n.people;
}

/** The cells of a results request: the filter, then its breakdown; all 'unavailable' if anything fails. */
async function resultCells(
  ctx: Ctx,
  facts: SurveyFacts,
  round: q.RoundRow,
  filter: CellFilter,
  by: Dimension | undefined,
): Promise<Cell[]> {
  let specs: CellSpec[] = [{ filter, label: null }];
  try {
    if (by) {
      const loader = new Loader(ctx.db, cacheOf(ctx));
      const tree = (await loader.trees([round])).get(round.id)!;
      const groups = (await loader.groups([round])).get(round.id)!;
      const values = breakdownValues(by, filter, tree, groups.atoms);
      const names = await labelNames(ctx, facts.survey.orgId, by, values);
      const children = values
        .map((v) => ({ filter: withValue(filter, by, v), label: { dimension: by, id: v, name: names.get(v) ?? '—' } }))
        .sort((a, b) => a.label.name.localeCompare(b.label.name) || a.label.id.localeCompare(b.label.id));
      specs = [specs[0]!, ...children];
    }
    const [decisions] = await decide(ctx, facts, [{ round, specs }]);
    const k = thresholdOf(facts.survey, round);
    const ct = Math.max(facts.survey.commentThreshold, k);
    return specs.map((s, i) => cellView(s, decisions![i]!, k, ct));
  } catch (err) {
    logFailure(ctx, err, facts.survey.id);
    return unavailable(specs);
  }
}

async function prepare(ctx: Ctx, actor: Actor, surveyId: string, query: TrendQuery & { round?: string | undefined }) {
  const viewer = viewerOf(actor);
  const facts = await surveyFor(ctx, viewer, surveyId);
  const round = pickRound(facts.rounds, query.round);
  const tree = (await new Loader(ctx.db, cacheOf(ctx)).trees([round])).get(round.id)!;
  const filter = scopedFilter(viewer, query, [tree]);
  return { viewer, facts, round, filter };
}

/** Results of one round for a filter and its breakdown, through the release ledger. */
export async function results(ctx: Ctx, actor: Actor, surveyId: string, query: ResultsQuery) {
  const { viewer, facts, round, filter } = await prepare(ctx, actor, surveyId, query);
  await noteFilterUse(ctx, viewer, facts.survey.id, filter, query.by);
  const cells = await resultCells(ctx, facts, round, filter, query.by);
  return { round: { id: round.id, number: round.number, status: round.status }, cells };
}

/** The filter's cell in every round, oldest first. */
export async function trend(ctx: Ctx, actor: Actor, surveyId: string, query: TrendQuery) {
  const viewer = viewerOf(actor);
  const facts = await surveyFor(ctx, viewer, surveyId);
  const trees = await new Loader(ctx.db, cacheOf(ctx)).trees(facts.rounds);
  const filter = scopedFilter(viewer, query, trees.values());
  await noteFilterUse(ctx, viewer, facts.survey.id, filter);
  const spec: CellSpec = { filter, label: null };
  let cells: Cell[];
  try {
    const decisions = await decide(
      ctx,
      facts,
      facts.rounds.map((round) => ({ round, specs: [spec] })),
    );
    cells = facts.rounds.map((round, i) => {
      const k = thresholdOf(facts.survey, round);
      return cellView(spec, decisions[i]![0]!, k, Math.max(facts.survey.commentThreshold, k));
    });
  } catch (err) {
    logFailure(ctx, err, facts.survey.id);
    cells = facts.rounds.map(() => emptyCell(spec, 'unavailable'));
  }
  return {
    points: facts.rounds.map((r, i) => ({ round: { id: r.id, number: r.number, closesAt: r.closesAt }, cell: cells[i]! })),
  };
}

// --- Comments ---------------------------------------------------------------------------------------

const COMMENTS_PAGE = 20;

/** The stored values each filter value covers, for selecting a cell's sheets in SQL (as `atomInCell`). */
function sheetCell(filter: CellFilter, tree: RoundTree): q.SheetCell {
  const below = (node: string, ancestry: ReadonlyMap<string, readonly string[]>) => [
    node,
    ...[...ancestry].filter(([, parents]) => parents.includes(node)).map(([id]) => id),
  ];
  return {
    ...(filter.department ? { departmentIds: below(filter.department, tree.ancestry.department) } : {}),
    ...(filter.team ? { teamId: filter.team } : {}),
    ...(filter.line ? { lineIds: below(filter.line, tree.ancestry.line) } : {}),
    ...(filter.location ? { locationId: filter.location } : {}),
  };
}

function decodeOrderCursor(cursor: string | undefined): string | undefined {
  if (!cursor) {
    return undefined;
  }
  const key = Buffer.from(cursor, 'base64url').toString();
  if (!/^[0-9a-f]{32}$/.test(key)) {
    throw badRequest('INVALID_CURSOR', 'The page cursor is not valid.');
  }
  return key;
}

const today = () => new Date().toISOString().slice(0, 10);
const dateOnly = (d: Date) => new Date(d).toISOString().slice(0, 10);

/**
 * Open-text answers of a cell that is shown in its newest state and reaches the comment threshold,
 * shuffled per viewer and day, dated by their round only.
 */
export async function comments(ctx: Ctx, actor: Actor, surveyId: string, query: CommentsQuery) {
  const { viewer, facts, round, filter } = await prepare(ctx, actor, surveyId, query);
  const after = decodeOrderCursor(query.cursor);
  await noteFilterUse(ctx, viewer, facts.survey.id, filter);
  const limit = query.limit ?? COMMENTS_PAGE;
  const k = thresholdOf(facts.survey, round);
  const ct = Math.max(facts.survey.commentThreshold, k);
  const none = (status: CellStatus) => ({ status, items: [], nextCursor: null });
  try {
    const [[d]] = (await decide(ctx, facts, [{ round, specs: [{ filter, label: null }] }])) as [[Decision]];
    if (d.status !== 'shown') {
      return none(d.status);
    }
    // An older state is shown: its comments cannot be told apart from the newest ones.
    if (d.stale || !d.payload) {
      return none('suppressed');
    }
    if (d.payload.responses < ct) {
      return none('too_few');
    }
    const key = cellKey(filter);
    const tree = (await new Loader(ctx.db, cacheOf(ctx)).trees([round])).get(round.id)!;
    const textIds = facts.questions.filter((x) => x.kind === 'text' && round.questionIds.includes(x.id)).map((x) => x.id);
    const seed = createHash('sha256').update(`${viewer.actor.userId}|${today()}|${round.id}`).digest('hex').slice(0, 32);
    // Read in one snapshot, and only while the cell's newest state is the one released: a comment
    // written since must not appear next to numbers that do not count it.
    const rows = await ctx.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const atoms = (await q.roundAtoms(trx, [round.id])).map(stripRound);
        const counts = new AtomIndex(atoms, tree.ancestry).countsOf(filter);
        const released = await q.releaseExists(trx, round.id, key, stateKey(counts));
        if (!released) {
          return null;
        }
        return q.commentsPage(trx, {
          roundId: round.id,
          questionIds: textIds,
          cell: sheetCell(filter, tree),
          seed,
          ...(query.q ? { search: query.q } : {}),
          ...(after ? { after } : {}),
          limit,
        });
      });
    if (!rows) {
      return none('suppressed');
    }
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      status: 'shown' as const,
      items: page.map((r) => ({ text: r.text, questionId: r.questionId, roundNumber: round.number, roundDate: dateOnly(round.closesAt) })),
      nextCursor: rows.length > limit && last ? Buffer.from(last.orderKey).toString('base64url') : null,
    };
  } catch (err) {
    logFailure(ctx, err, facts.survey.id);
    return none('unavailable');
  }
}

// --- CSV --------------------------------------------------------------------------------------------

const CSV_WORDS = {
  en: {
    group: 'Group',
    dimension: 'Dimension',
    status: 'Status',
    stale: 'Earlier results',
    invited: 'Invited',
    responses: 'Responses',
    rate: 'Response rate %',
    enps: 'eNPS',
    enpsAnswers: 'eNPS answers',
    favourable: 'favourable %',
    mean: 'mean',
    answers: 'answers',
    everyone: 'Everyone in the results',
    yes: 'yes',
    no: 'no',
    dimensions: { department: 'Department', team: 'Team', location: 'Location', line: 'Manager’s line' },
    statuses: { shown: 'shown', too_few: 'too few answers', suppressed: 'held back', unavailable: 'unavailable' },
  },
  it: {
    group: 'Gruppo',
    dimension: 'Dimensione',
    status: 'Stato',
    stale: 'Risultati precedenti',
    invited: 'Invitati',
    responses: 'Risposte',
    rate: 'Tasso di risposta %',
    enps: 'eNPS',
    enpsAnswers: 'Risposte eNPS',
    favourable: 'favorevoli %',
    mean: 'media',
    answers: 'risposte',
    everyone: 'Tutti nei risultati',
    yes: 'sì',
    no: 'no',
    dimensions: { department: 'Reparto', team: 'Team', location: 'Sede', line: 'Riporti del responsabile' },
    statuses: { shown: 'visibile', too_few: 'troppo poche risposte', suppressed: 'trattenuto', unavailable: 'non disponibile' },
  },
} as const;

/** Prefixes a cell a spreadsheet would evaluate as a formula with an apostrophe (CSV injection). */
const FORMULA = /^'*[=+\-@\t\r]/;
const escapeCell = (value: string) => (FORMULA.test(value) ? `'${value}` : value);

function csvLine(cells: readonly (string | number | null)[]): string {
  return cells
    .map((c) => {
      const s = escapeCell(c === null ? '' : String(c));
      return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
    })
    .join(',');
}

function questionText(x: q.QuestionRow, italian: boolean): string {
  const bank = x.bankKey ? BANK_BY_KEY.get(x.bankKey) : undefined;
  return bank ? (italian ? bank.it : bank.en) : x.text;
}

/** The cells of a results request as CSV: the same cells and statuses as the JSON, aggregates only. */
export async function resultsCsv(ctx: Ctx, actor: Actor, surveyId: string, query: ResultsQuery): Promise<string> {
  const { viewer, facts, round, filter } = await prepare(ctx, actor, surveyId, query);
  await noteFilterUse(ctx, viewer, facts.survey.id, filter, query.by);
  const cells = await resultCells(ctx, facts, round, filter, query.by);
  const italian = (await q.viewerLocale(ctx.db, actor.orgId, actor.userId)).startsWith('it');
  const w = italian ? CSV_WORDS.it : CSV_WORDS.en;
  const names = await q.namesOf(ctx.db, actor.orgId, {
    departments: filter.department ? [filter.department] : [],
    teams: filter.team ? [filter.team] : [],
    locations: filter.location ? [filter.location] : [],
    people: filter.line ? [filter.line] : [],
  });
  const filterName =
    [
      filter.department && names.departments.get(filter.department),
      filter.team && names.teams.get(filter.team),
      filter.location && names.locations.get(filter.location),
      filter.line && names.people.get(filter.line),
    ]
      .filter(Boolean)
      .join(' · ') || w.everyone;
  const asked = questionsOfRound(facts.questions, round).filter((x) => x.kind !== 'text');
  const rows = facts.questions.filter((x) => asked.some((a) => a.id === x.id));
  const drivers = [...new Set(asked.filter((x) => x.kind === 'scale5' && x.driver && x.driver !== 'enps').map((x) => x.driver!))];
  const header = [
    w.group,
    w.dimension,
    w.status,
    w.stale,
    w.invited,
    w.responses,
    w.rate,
    w.enps,
    w.enpsAnswers,
    ...drivers.flatMap((d) => [`${d} ${w.favourable}`, `${d} ${w.mean}`]),
    ...rows.flatMap((x, i) => {
      const t = `Q${i + 1} ${questionText(x, italian)}`;
      return x.kind === 'scale5' || x.kind === 'scale10'
        ? [`${t} (${w.answers})`, `${t} (${w.mean})`, `${t} (${w.favourable})`]
        : [`${t} (${w.answers})`];
    }),
  ];
  const lines = [csvLine(header)];
  for (const c of cells) {
    const byDriver = new Map(c.drivers.map((d) => [d.driver, d]));
    const byQuestion = new Map(c.questions.map((x) => [x.questionId, x]));
    lines.push(
      csvLine([
        c.label ? c.label.name : filterName,
        c.label ? w.dimensions[c.label.dimension] : '',
        w.statuses[c.status],
        c.status === 'shown' ? (c.stale ? w.yes : w.no) : '',
        c.invited,
        c.responses,
        c.responseRate,
        c.enps?.score ?? null,
        c.enps?.answers ?? null,
        ...drivers.flatMap((d) => [byDriver.get(d)?.favourable ?? null, byDriver.get(d)?.mean ?? null]),
        ...rows.flatMap((x) => {
          const s = byQuestion.get(x.id);
          return x.kind === 'scale5' || x.kind === 'scale10'
            ? [s?.answers ?? null, s?.mean ?? null, s?.favourable ?? null]
            : [s?.answers ?? null];
        }),
      ]),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

// --- Overview and lists -----------------------------------------------------------------------------

/** What the results page needs first: the survey, its rounds, the viewer's scope, filter values, questions. */
export async function overview(ctx: Ctx, actor: Actor, surveyId: string) {
  const viewer = viewerOf(actor);
  const facts = await surveyFor(ctx, viewer, surveyId);
  const { survey, rounds } = facts;
  const loader = new Loader(ctx.db, cacheOf(ctx));
  const [trees, groups, locale] = await Promise.all([
    loader.trees(rounds),
    loader.groups(rounds),
    q.viewerLocale(ctx.db, actor.orgId, actor.userId),
  ]);
  const m = viewer.managerId;
  const departmentParent = new Map<string, string | null>();
  const teams = new Set<string>();
  const locations = new Set<string>();
  const lines = new Set<string>(m ? [m] : []);
  for (const round of rounds) {
    const tree = trees.get(round.id)!;
    for (const g of groups.get(round.id)!.atoms) {
      if (m && !atomInCell(g, { line: m }, tree.ancestry)) {
        continue;
      }
      for (const d of chainIn(g.departmentId, tree.departmentParent)) {
        departmentParent.set(d, tree.departmentParent.get(d) ?? null);
      }
      if (g.teamId) {
        teams.add(g.teamId);
      }
      if (g.locationId) {
        locations.add(g.locationId);
      }
      const chain = chainIn(g.lineId, tree.lineParent);
      for (const l of m ? chain.slice(0, chain.indexOf(m) + 1) : chain) {
        lines.add(l);
      }
    }
  }
  const names = await q.namesOf(ctx.db, actor.orgId, {
    departments: [...departmentParent.keys()],
    teams: [...teams],
    locations: [...locations],
    people: [...lines],
  });
  const named = (ids: Iterable<string>, from: Map<string, string>) =>
    [...ids].map((id) => ({ id, name: from.get(id) ?? '—' })).sort((a, b) => a.name.localeCompare(b.name));
  const italian = locale.startsWith('it');
  return {
    survey: {
      id: survey.id,
      kind: survey.kind,
      title: survey.title,
      anonymity: survey.anonymity,
      threshold: survey.threshold,
      commentThreshold: survey.commentThreshold,
      status: survey.status,
    },
    rounds: [...rounds].reverse().map((r) => ({ id: r.id, number: r.number, opensAt: r.opensAt, closesAt: r.closesAt, status: r.status })),
    scope: m ? { kind: 'line' as const, managerId: m, name: names.people.get(m) ?? '—' } : { kind: 'all' as const },
    filters: {
      departments: named(departmentParent.keys(), names.departments).map((d) => ({ ...d, parentId: departmentParent.get(d.id) ?? null })),
      teams: named(teams, names.teams),
      locations: named(locations, names.locations),
      lines: named(lines, names.people),
    },
    questions: facts.questions.map((x) => ({
      id: x.id,
      kind: x.kind,
      driver: x.driver,
      text: questionText(x, italian),
      options: optionsOf(x.options),
    })),
  };
}

/** The surveys the viewer may see results of, newest first. */
export async function resultSurveys(ctx: Ctx, actor: Actor, query: ListQuery) {
  const viewer = viewerOf(actor);
  const limit = query.limit ?? 20;
  const rows = await q.resultSurveysPage(ctx.db, actor.orgId, viewer.managerId, limit, decodeTimeCursor(query.cursor));
  const page = rows.slice(0, limit);
  const last = new Map(
    (
      await q.lastRounds(
        ctx.db,
        page.map((s) => s.id),
      )
    ).map((r) => [r.surveyId, r]),
  );
  const tail = page.at(-1);
  return {
    items: page.map((s) => {
      const r = last.get(s.id);
      return {
        id: s.id,
        kind: s.kind,
        title: s.title,
        anonymity: s.anonymity,
        status: s.status,
        rounds: Number(s.rounds ?? 0),
        lastRound: r ? { id: r.id, number: r.number, closesAt: r.closesAt, status: r.status } : null,
      };
    }),
    nextCursor: rows.length > limit && tail ? encodeTimeCursor(tail) : null,
  };
}

// --- Attributed responses ---------------------------------------------------------------------------

function decodeNameCursor(cursor: string | undefined): { name: string; id: string } | undefined {
  if (!cursor) {
    return undefined;
  }
  const raw = Buffer.from(cursor, 'base64url').toString();
  const at = raw.lastIndexOf('|');
  const id = raw.slice(at + 1);
  if (at < 0 || !/^[0-9a-f-]{36}$/.test(id)) {
    throw badRequest('INVALID_CURSOR', 'The page cursor is not valid.');
  }
  return { name: raw.slice(0, at), id };
}

/** Each person's answers to an attributed survey (HR and administrators); other surveys do not have any. */
export async function responses(ctx: Ctx, actor: Actor, surveyId: string, query: ResponsesQuery) {
  requireAction(actor, 'listening.manage');
  const survey = await q.surveyOf(ctx.db, actor.orgId, surveyId);
  if (!survey || survey.anonymity !== 'attributed') {
    throw notFound('survey');
  }
  const round = pickRound(await q.roundsOf(ctx.db, survey.id), query.round);
  const after = decodeNameCursor(query.cursor);
  const limit = query.limit ?? 20;
  const rows = await q.attributedSheetsPage(ctx.db, actor.orgId, round.id, limit, after);
  const page = rows.slice(0, limit);
  const answers = await q.answersOfSheets(
    ctx.db,
    page.map((r) => r.sheetId),
  );
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      person: { id: r.id, name: r.name },
      answers: answers
        .filter((a) => a.sheetId === r.sheetId)
        .map((a) => ({ questionId: a.questionId, value: a.value, choices: a.choices, text: a.text })),
    })),
    nextCursor: rows.length > limit && last ? Buffer.from(`${last.name}|${last.id}`).toString('base64url') : null,
  };
}

// --- Releasing the common views when a round closes -------------------------------------------------

/**
 * Releases the views most people look at, in order of priority, so that they are the ones shown
 * rather than whichever a curious viewer asked for first: the whole audience, each department from
 * the top down, each team, each manager's line from the top down. Call it in its own transaction
 * once the round has closed.
 */
export async function releaseCanonical(trx: Transaction<DB>, roundId: string): Promise<void> {
  const survey = await q.surveyOfRound(trx, roundId);
  if (!survey) {
    return;
  }
  const [rounds, questions] = await Promise.all([q.roundsOf(trx, survey.id), q.questionsOf(trx, survey.id)]);
  const round = rounds.find((r) => r.id === roundId);
  if (!round || round.status !== 'closed') {
    return;
  }
  const loader = new Loader(trx, null);
  const tree = (await loader.trees([round])).get(round.id)!;
  const groups = (await loader.groups([round])).get(round.id)!.atoms;
  const depthFirst = (parent: ReadonlyMap<string, string | null>, value: (g: Atom) => string | null) => {
    const all = new Set<string>();
    for (const g of groups) {
      for (const v of chainIn(value(g), parent)) {
        all.add(v);
      }
    }
    return [...all].sort((a, b) => chainIn(a, parent).length - chainIn(b, parent).length || a.localeCompare(b));
  };
  const specs: CellSpec[] = [
    { filter: {}, label: null },
    ...depthFirst(tree.departmentParent, (g) => g.departmentId).map((department) => ({ filter: { department }, label: null })),
    ...[...new Set(groups.map((g) => g.teamId).filter((t): t is string => t !== null))]
      .sort()
      .map((team) => ({ filter: { team }, label: null })),
    ...depthFirst(tree.lineParent, (g) => g.lineId).map((line) => ({ filter: { line }, label: null })),
  ];
  await q.lockSurveyResults(trx, survey.id);
  const { pending } = await decidePass(trx, loader, { survey, rounds, questions }, [{ round, specs, keepOrder: true }], 'locked');
  await q.insertReleases(trx, pending);
}
