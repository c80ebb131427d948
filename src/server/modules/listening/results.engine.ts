import { enps as enpsScore, type Dimension, type Driver, type QuestionKind } from '../../../shared/listening.js';
import {
  AnonymityError,
  atomInCell,
  atomKey,
  ReleaseLedger,
  type Ancestry,
  type Atom,
  type CellFilter,
  type LedgerEntry,
} from './anonymity/release.js';

/**
 * The pure part of results: a round's trees, which cells a breakdown holds, and the numbers of a
 * released cell computed from the round's grouped answers. Nothing here reads the database.
 */

export interface NodeRow {
  kind: 'department' | 'line';
  nodeId: string;
  ancestors: readonly string[];
}

/** What a round's stored groups can name: for `atomInCell`, and every value with its nearest parent. */
export interface RoundTree {
  ancestry: Ancestry;
  departmentParent: ReadonlyMap<string, string | null>;
  lineParent: ReadonlyMap<string, string | null>;
}

export function roundTree(nodes: readonly NodeRow[]): RoundTree {
  const department = new Map<string, readonly string[]>();
  const line = new Map<string, readonly string[]>();
  const departmentParent = new Map<string, string | null>();
  const lineParent = new Map<string, string | null>();
  for (const n of nodes) {
    (n.kind === 'department' ? department : line).set(n.nodeId, n.ancestors);
    const parents = n.kind === 'department' ? departmentParent : lineParent;
    const chain = [n.nodeId, ...n.ancestors];
    chain.forEach((id, i) => parents.set(id, chain[i + 1] ?? null));
  }
  return { ancestry: { department, line }, departmentParent, lineParent };
}

/** `id` and its parents, nearest first. */
export function chainIn(id: string | null, parent: ReadonlyMap<string, string | null>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  let at = id;
  while (at && !seen.has(at)) {
    out.push(at);
    seen.add(at);
    at = parent.get(at) ?? null;
  }
  return out;
}

/** A stored group without its count. */
export type Group = Omit<Atom, 'count'>;

const dimensionValue = (g: Group, dim: Dimension): string | null =>
  dim === 'department' ? g.departmentId : dim === 'team' ? g.teamId : dim === 'line' ? g.lineId : g.locationId;

/** The filter with one more dimension fixed. */
export function withValue(filter: CellFilter, dim: Dimension, value: string): CellFilter {
  return { ...filter, [dim]: value };
}

/**
 * The values a breakdown by `by` shows under `filter`: for departments and manager lines the direct
 * children of the filter's value (or the top of the tree, passing down through a single top value),
 * for teams and locations every value the filter's invited people are stored under. Only values
 * with at least one invited person in the filter appear.
 */
export function breakdownValues(by: Dimension, filter: CellFilter, tree: RoundTree, groups: readonly Group[]): string[] {
  const inFilter = groups.filter((g) => atomInCell({ ...g, count: 0 }, filter, tree.ancestry));
  if (by === 'team' || by === 'location') {
    if (filter[by]) {
      return [];
    }
    return [...new Set(inFilter.map((g) => dimensionValue(g, by)).filter((v): v is string => v !== null))];
  }
  const parent = by === 'department' ? tree.departmentParent : tree.lineParent;
  const present = new Set<string>();
  for (const g of inFilter) {
    for (const v of chainIn(dimensionValue(g, by), parent)) {
      present.add(v);
    }
  }
  const children = (of: string | null) => [...present].filter((v) => (parent.get(v) ?? null) === of);
  const base = filter[by] ?? null;
  let out = children(base);
  if (base === null) {
    while (out.length === 1 && children(out[0]!).length > 0) {
      out = children(out[0]!);
    }
  }
  return out;
}

/** Invited people (or sheets) of the groups that fall in the cell. */
export function sizeIn(atoms: readonly Atom[], filter: CellFilter, tree: RoundTree): number {
  let n = 0;
  for (const a of atoms) {
    if (atomInCell(a, filter, tree.ancestry)) {
      n += a.count;
    }
  }
  return n;
}

/** Answers to one question from one stored group: how many answered, counts by value or option, texts. */
export interface QuestionStats {
  answered: number;
  /** Scale value, or option index for choice questions → how many chose it. */
  values: Map<number, number>;
  texts: number;
}

/** A round's answers grouped by stored group (`atomKey`) and question. */
export type RoundStats = Map<string, Map<string, QuestionStats>>;

/** One row of the round's grouped answers (see `roundAtomsAndStats`). */
export interface StatRow {
  departmentId: string | null;
  teamId: string | null;
  lineId: string | null;
  locationId: string | null;
  questionId: string;
  /** Sheets that answered with a value or choices. */
  answered: number;
  /** Sheets that wrote text. */
  texts: number;
  /** How many answered each value (scales) or chose each option (choice questions), by index. */
  histogram: number[];
}

/** Adds grouped answers to `stats` (a new map when absent). */
export function buildStats(rows: readonly StatRow[], stats: RoundStats = new Map()): RoundStats {
  for (const r of rows) {
    const key = atomKey(r);
    let byQuestion = stats.get(key);
    if (!byQuestion) {
      byQuestion = new Map();
      stats.set(key, byQuestion);
    }
    const values = new Map<number, number>();
    r.histogram.forEach((n, i) => {
      if (n > 0) {
        values.set(i, n);
      }
    });
    byQuestion.set(r.questionId, { answered: r.answered, values, texts: r.texts });
  }
  return stats;
}

export interface QuestionInfo {
  id: string;
  kind: QuestionKind;
  driver: Driver | null;
  options: readonly string[];
}

export interface EnpsView {
  score: number;
  answers: number;
  promoters: number;
  passives: number;
  detractors: number;
}

export interface DriverScore {
  driver: Driver;
  /** Share of favourable answers (4–5), 0–100. */
  favourable: number;
  mean: number;
  answers: number;
}

export interface QuestionScore {
  questionId: string;
  answers: number;
  uniform: boolean;
  mean: number | null;
  favourable: number | null;
  distribution: number[] | null;
}

/** The numbers of a released cell, as stored with its release. */
export interface Payload {
  invited: number | null;
  responses: number;
  responseRate: number | null;
  enps: EnpsView | null;
  drivers: DriverScore[];
  questions: QuestionScore[];
  /** Open-text answers in the cell; shown only when the cell reaches the comment threshold. */
  texts: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;
const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0);

function distributionOf(q: QuestionInfo, values: ReadonlyMap<number, number>): number[] {
  const length = q.kind === 'scale5' ? 5 : q.kind === 'scale10' ? 11 : q.options.length;
  const offset = q.kind === 'scale5' ? 1 : 0;
  const out = Array.from({ length }, () => 0);
  for (const [v, n] of values) {
    const i = v - offset;
    if (i >= 0 && i < length) {
      out[i] = out[i]! + n;
    }
  }
  return out;
}

/** True when every answer is the same: one scale value, one option, or (multiple choice) the same set. */
function isUniform(q: QuestionInfo, answers: number, distribution: readonly number[]): boolean {
  if (q.kind === 'multi') {
    return distribution.every((n) => n === 0 || n === answers);
  }
  return distribution.filter((n) => n > 0).length <= 1;
}

const favourableFrom = (kind: QuestionKind, distribution: readonly number[]): number =>
  kind === 'scale5' ? distribution[3]! + distribution[4]! : distribution[9]! + distribution[10]!;

function meanOf(kind: QuestionKind, distribution: readonly number[], answers: number): number {
  const offset = kind === 'scale5' ? 1 : 0;
  return distribution.reduce((sum, n, i) => sum + n * (i + offset), 0) / answers;
}

/**
 * The numbers of a cell holding the sheets `counts` (by atom) of a round. A question, driver or eNPS
 * answered by fewer than `k` people in the cell, or answered the same way by everyone, shows no
 * distribution or score: only that it had answers.
 */
export function computePayload(
  questions: readonly QuestionInfo[],
  stats: RoundStats,
  counts: Readonly<Record<string, number>>,
  k: number,
  invited: number,
): Payload {
  const responses = Object.values(counts).reduce((a, b) => a + b, 0);
  const merged = new Map<string, { answered: number; values: Map<number, number>; texts: number }>();
  for (const q of questions) {
    merged.set(q.id, { answered: 0, values: new Map(), texts: 0 });
  }
  for (const key of Object.keys(counts)) {
    for (const [questionId, s] of stats.get(key) ?? []) {
      const m = merged.get(questionId);
      if (!m) {
        continue;
      }
      m.answered += s.answered;
      m.texts += s.texts;
      for (const [v, n] of s.values) {
        m.values.set(v, (m.values.get(v) ?? 0) + n);
      }
    }
  }
  const scores: QuestionScore[] = [];
  const byDriver = new Map<Driver, number[]>();
  let enps: EnpsView | null = null;
  let enpsSeen = false;
  let texts = 0;
  for (const q of questions) {
    const m = merged.get(q.id)!;
    if (q.kind === 'text') {
      texts += m.texts;
      continue;
    }
    const distribution = distributionOf(q, m.values);
    const answers = m.answered;
    const enough = answers >= k;
    const uniform = enough && isUniform(q, answers, distribution);
    const shown = enough && !uniform;
    const scale = q.kind === 'scale5' || q.kind === 'scale10';
    scores.push({
      questionId: q.id,
      answers,
      uniform,
      mean: shown && scale ? round2(meanOf(q.kind, distribution, answers)) : null,
      favourable: shown && scale ? percent(favourableFrom(q.kind, distribution), answers) : null,
      distribution: shown ? distribution : null,
    });
    if (q.driver === 'enps' && q.kind === 'scale10' && !enpsSeen) {
      enpsSeen = true;
      const score = enpsScore(distribution);
      if (shown && score !== null) {
        const detractors = distribution.slice(0, 7).reduce((a, b) => a + b, 0);
        const promoters = distribution[9]! + distribution[10]!;
        enps = { score, answers, promoters, passives: answers - promoters - detractors, detractors };
      }
    } else if (q.driver && q.driver !== 'enps' && q.kind === 'scale5') {
      const sum = byDriver.get(q.driver) ?? [0, 0, 0, 0, 0];
      distribution.forEach((n, i) => (sum[i] = sum[i]! + n));
      byDriver.set(q.driver, sum);
    }
  }
  const drivers: DriverScore[] = [];
  for (const [driver, distribution] of byDriver) {
    const answers = distribution.reduce((a, b) => a + b, 0);
    if (answers < k || isUniform({ id: '', kind: 'scale5', driver, options: [] }, answers, distribution)) {
      continue;
    }
    drivers.push({
      driver,
      favourable: percent(favourableFrom('scale5', distribution), answers),
      mean: round2(meanOf('scale5', distribution, answers)),
      answers,
    });
  }
  return {
    invited: invited >= k ? invited : null,
    responses,
    responseRate: invited >= k && invited > 0 ? round1(Math.min(100, (responses / invited) * 100)) : null,
    enps,
    drivers,
    questions: scores,
    texts,
  };
}

/** Reads a stored payload back, refusing anything that does not look like one. */
export function parsePayload(raw: unknown): Payload {
  const p = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Payload | null;
  if (!p || typeof p !== 'object' || typeof p.responses !== 'number' || !Array.isArray(p.questions) || !Array.isArray(p.drivers)) {
    throw new Error('A stored result is not readable');
  }
  return p;
}

/** Reads stored counts back (Record<atomKey, sheets>). */
export function parseCounts(raw: unknown): Record<string, number> {
  const c = (typeof raw === 'string' ? JSON.parse(raw) : raw) as unknown;
  if (!c || typeof c !== 'object' || Array.isArray(c)) {
    throw new Error('Stored counts are not readable');
  }
  return c as Record<string, number>;
}

/**
 * The atoms of a round indexed by every value that selects them (a department or line also by each of
 * its parents), so that a cell's atoms are found without scanning the whole round. Selects exactly
 * what `atomInCell` selects; every stored department and line must be in the round's tree.
 */
export class AtomIndex {
  private readonly by = {
    department: new Map<string, number[]>(),
    team: new Map<string, number[]>(),
    line: new Map<string, number[]>(),
    location: new Map<string, number[]>(),
  };

  constructor(
    readonly atoms: readonly Atom[],
    private readonly ancestry: Ancestry,
  ) {
    const add = (dim: Dimension, value: string, i: number) => {
      const list = this.by[dim].get(value);
      if (list) {
        list.push(i);
      } else {
        this.by[dim].set(value, [i]);
      }
    };
    atoms.forEach((a, i) => {
      for (const [dim, value, tree] of [
        ['department', a.departmentId, ancestry.department],
        ['line', a.lineId, ancestry.line],
      ] as const) {
        if (value !== null) {
          const parents = tree.get(value);
          if (!parents) {
            throw new AnonymityError(`No ancestry for ${value}`);
          }
          for (const v of [value, ...parents]) {
            add(dim, v, i);
          }
        }
      }
      if (a.teamId !== null) {
        add('team', a.teamId, i);
      }
      if (a.locationId !== null) {
        add('location', a.locationId, i);
      }
    });
  }

  private keys: Map<string, Atom> | undefined;

  /** An atom by its key (which must be one of them). */
  byKey(key: string): Atom {
    this.keys ??= new Map(this.atoms.map((a) => [atomKey(a), a]));
    const a = this.keys.get(key);
    if (!a) {
      throw new AnonymityError('An unknown atom');
    }
    return a;
  }

  /** The atoms in the cell. */
  select(filter: CellFilter): Atom[] {
    let smallest: readonly number[] | null = null;
    for (const dim of ['department', 'team', 'line', 'location'] as const) {
      const value = filter[dim];
      if (value) {
        const list = this.by[dim].get(value) ?? [];
        if (smallest === null || list.length < smallest.length) {
          smallest = list;
        }
      }
    }
    const candidates = smallest === null ? this.atoms : smallest.map((i) => this.atoms[i]!);
    return candidates.filter((a) => atomInCell(a, filter, this.ancestry));
  }

  size(filter: CellFilter): number {
    return this.select(filter).reduce((n, a) => n + a.count, 0);
  }

  /** As `ReleaseLedger.countsOf`: the sheets the filter selects, by atom. */
  countsOf(filter: CellFilter): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const a of this.select(filter)) {
      if (a.count > 0) {
        counts[atomKey(a)] = a.count;
      }
    }
    return counts;
  }
}

/** The release ledger, finding a cell's atoms through an index: the same decisions, without scanning every atom. */
export class IndexedLedger extends ReleaseLedger {
  readonly index: AtomIndex;

  /** `index` may be given when already built from the same atoms. */
  constructor(k: number, atoms: readonly Atom[], ancestry: Ancestry, entries: readonly LedgerEntry[], index?: AtomIndex) {
    super(k, atoms, ancestry, entries);
    this.index = index?.atoms === atoms ? index : new AtomIndex(atoms, ancestry);
  }

  override countsOf(filter: CellFilter): Record<string, number> {
    return this.index.countsOf(filter);
  }
}
