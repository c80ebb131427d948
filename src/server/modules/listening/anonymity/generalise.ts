/**
 * Which group each invited person's answers are stored under.
 *
 * When a round opens, every invited person gets a stored group: a department, a team, a manager's
 * line and a location, in that order of priority. Each is the most specific value (a department or
 * any of its parents; a manager or any manager above them) such that at least `k` invited people
 * match everything chosen so far; when no value reaches `k`, the dimension is stored as unknown.
 * So no stored combination ever narrows a sheet down to fewer than `k` invited people, even for
 * someone reading the database, and `groupSize` is what the respondent is told: "your answer is
 * counted among at least N people".
 */

export interface InvitedPerson {
  userId: string;
  departmentId: string | null;
  teamId: string | null;
  locationId: string | null;
  managerId: string | null;
}

export interface Structure {
  /** Every department of the organisation and its parent. */
  departmentParent: ReadonlyMap<string, string | null>;
  /** Every person of the organisation and their manager (chains may pass through people not invited). */
  managerOf: ReadonlyMap<string, string | null>;
}

export interface StoredGroup {
  departmentId: string | null;
  teamId: string | null;
  lineId: string | null;
  locationId: string | null;
  /** Invited people who match the stored group (at least `k` whenever at least `k` were invited). */
  groupSize: number;
}

export interface RoundNode {
  kind: 'department' | 'line';
  nodeId: string;
  /** Parents, nearest first. */
  ancestors: string[];
}

/** `start` and its parents, nearest first; stops at a cycle. */
export function chainOf(start: string | null, parentOf: ReadonlyMap<string, string | null>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  let at = start;
  while (at && !seen.has(at)) {
    out.push(at);
    seen.add(at);
    at = parentOf.get(at) ?? null;
  }
  return out;
}

type Chains = [department: string[], team: string[], line: string[], location: string[]];

/** Stored groups for every invited person, keyed by user id. */
export function generaliseAudience(people: readonly InvitedPerson[], structure: Structure, k: number): Map<string, StoredGroup> {
  const chains = new Map<string, Chains>(
    people.map((p) => [
      p.userId,
      [
        chainOf(p.departmentId, structure.departmentParent),
        p.teamId ? [p.teamId] : [],
        chainOf(p.managerId, structure.managerOf),
        p.locationId ? [p.locationId] : [],
      ],
    ]),
  );
  const out = new Map<string, StoredGroup>();
  const chain = (userId: string, dim: number): string[] => chains.get(userId)?.[dim] ?? [];
  const step = (dim: number, members: readonly InvitedPerson[], choosers: readonly InvitedPerson[], chosen: (string | null)[]) => {
    if (dim === 4) {
      for (const p of choosers) {
        const [departmentId, teamId, lineId, locationId] = chosen as [string | null, string | null, string | null, string | null];
        out.set(p.userId, { departmentId, teamId, lineId, locationId, groupSize: members.length });
      }
      return;
    }
    const counts = new Map<string, number>();
    for (const q of members) {
      for (const value of chain(q.userId, dim)) {
        counts.set(value, (counts.get(value) ?? 0) + 1);
      }
    }
    const byValue = new Map<string | null, InvitedPerson[]>();
    for (const p of choosers) {
      const value = chain(p.userId, dim).find((v) => (counts.get(v) ?? 0) >= k) ?? null;
      const list = byValue.get(value);
      if (list) {
        list.push(p);
      } else {
        byValue.set(value, [p]);
      }
    }
    for (const [value, group] of byValue) {
      const matching = value === null ? members : members.filter((q) => chain(q.userId, dim).includes(value));
      step(dim + 1, matching, group, [...chosen, value]);
    }
  };
  step(0, people, people, []);
  return out;
}

/**
 * The departments and manager lines a round's stored groups can name, with their parents as they
 * were when the round opened, so that a department's or a manager's results include everything below.
 */
export function roundNodes(groups: Iterable<StoredGroup>, structure: Structure): RoundNode[] {
  const departments = new Set<string>();
  const lines = new Set<string>();
  for (const g of groups) {
    if (g.departmentId) {
      departments.add(g.departmentId);
    }
    if (g.lineId) {
      lines.add(g.lineId);
    }
  }
  return [
    ...[...departments].map((id) => ({
      kind: 'department' as const,
      nodeId: id,
      ancestors: chainOf(id, structure.departmentParent).slice(1),
    })),
    ...[...lines].map((id) => ({ kind: 'line' as const, nodeId: id, ancestors: chainOf(id, structure.managerOf).slice(1) })),
  ];
}
