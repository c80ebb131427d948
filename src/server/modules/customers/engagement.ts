import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { DRIVERS } from '../../../shared/listening.js';
import {
  ENGAGEMENT_WEIGHTS,
  periodKey,
  periodRange,
  type EngagementPart,
  type LinkDriver,
  type Period,
} from '../../../shared/customers.js';
import { parseCounts, parsePayload } from '../listening/results.engine.js';
import { cellKey } from '../listening/anonymity/release.js';
import { percentileRanks } from './link.stats.js';
import type { Structure } from './loyalty.service.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * The engagement index of a team, a department or the company in a period, 0–100:
 *
 * - survey: the mean of (driver mean − 1)/4 × 100 over the drivers and (eNPS + 100)/2 when present,
 * - participation: the response rate,
 *   both read ONLY from result cells already released by listening (the release ledger), for the
 *   unit's own cell of survey and pulse rounds that closed in the period, each round's latest release
 *   holding at least its threshold of sheets; never from answers;
 * - recognition: kudos given and received per person of the unit in the period,
 * - social: posts and comments written per person of the unit in the period,
 *   both as a percentile rank among the units of the same kind that have people (0–100),
 *
 * weighted by ENGAGEMENT_WEIGHTS renormalised over the parts present. People count for the team and
 * department they are in now; a department counts everyone in its subtree. Several rounds in one period
 * are averaged, driver by driver.
 */

export const LINK_DRIVERS = DRIVERS.filter((d): d is LinkDriver => d !== 'enps');

export type EngagementUnit = 'team' | 'department' | 'company';

export type Parts = Record<EngagementPart, number | null>;

export interface UnitEngagement {
  engagement: number;
  parts: Parts;
  /** Mean 1–5 per driver, from the released cells. */
  drivers: Record<LinkDriver, number | null>;
}

/** The weighted mean of the parts present, renormalised over them; null when none is. */
export function engagementIndex(parts: Parts): number | null {
  let sum = 0;
  let weight = 0;
  for (const part of Object.keys(ENGAGEMENT_WEIGHTS) as EngagementPart[]) {
    const v = parts[part];
    if (v !== null) {
      sum += ENGAGEMENT_WEIGHTS[part] * v;
      weight += ENGAGEMENT_WEIGHTS[part];
    }
  }
  return weight === 0 ? null : sum / weight;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;
const mean = (xs: readonly number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);

/** The released survey numbers of a unit in a period. */
export interface SurveyPart {
  survey: number | null;
  participation: number | null;
  drivers: Record<LinkDriver, number | null>;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** The released cells that describe exactly one unit of a kind, and how to read the unit from the key. */
const CELLS: Record<EngagementUnit, { pattern: string; unitOf: (key: string) => string }> = {
  team: { pattern: `^d=;t=${UUID};l=;o=$`, unitOf: (key) => key.slice('d=;t='.length, 'd=;t='.length + 36) },
  department: { pattern: `^d=${UUID};t=;l=;o=$`, unitOf: (key) => key.slice('d='.length, 'd='.length + 36) },
  company: { pattern: `^${cellKey({})}$`, unitOf: () => '' },
};

/**
 * The released survey numbers of every unit of a kind in each period (period key → unit → part), from
 * the release ledger alone: for each round of a survey or pulse that closed in the period, the latest
 * release of the unit's cell that holds at least the round's threshold of sheets.
 */
export async function releasedSurveyParts(
  db: Executor,
  orgId: string,
  unit: EngagementUnit,
  period: Period,
  keys: readonly string[],
): Promise<Map<string, Map<string, SurveyPart>>> {
  const out = new Map<string, Map<string, SurveyPart>>();
  if (keys.length === 0) {
    return out;
  }
  const from = periodRange(keys[0]!).start;
  const to = periodRange(keys.at(-1)!).end;
  const cells = CELLS[unit];
  const { rows } = await sql<{ roundId: string; cellKey: string; start: string; counts: unknown; payload: unknown; k: number }>`
    select rel.round_id, rel.cell_key, rel.counts, rel.payload,
           to_char(date_trunc(${sql.lit(period)}, r.closes_at at time zone 'UTC'), 'YYYY-MM-DD') as start,
           greatest(s.threshold, r.threshold) as k
      from survey_rounds r
      join surveys s on s.id = r.survey_id
      join survey_releases rel on rel.round_id = r.id
     where r.org_id = ${orgId} and s.org_id = ${orgId}
       and r.status = 'closed' and s.kind in ('survey', 'pulse')
       and r.closes_at >= ${from.toISOString()}::timestamptz and r.closes_at < ${to.toISOString()}::timestamptz
       and rel.cell_key ~ ${cells.pattern}
     order by rel.round_id, rel.cell_key, rel.released_at desc, rel.id desc
  `.execute(db);
  // The latest release of each round's cell that holds at least the round's threshold of sheets.
  const chosen = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const key = `${r.roundId}|${r.cellKey}`;
    if (chosen.has(key)) {
      continue;
    }
    const size = Object.values(parseCounts(r.counts)).reduce((a, b) => a + b, 0);
    if (size >= Number(r.k)) {
      chosen.set(key, r);
    }
  }
  interface Gathered {
    drivers: Map<LinkDriver, number[]>;
    enps: number[];
    rates: number[];
  }
  const gathered = new Map<string, Gathered>();
  for (const r of chosen.values()) {
    const key = periodKey(new Date(`${r.start}T00:00:00Z`), period);
    const g = `${key}|${cells.unitOf(r.cellKey)}`;
    const acc: Gathered = gathered.get(g) ?? { drivers: new Map(), enps: [], rates: [] };
    const p = parsePayload(r.payload);
    for (const d of p.drivers) {
      if (d.driver !== 'enps' && (LINK_DRIVERS as readonly string[]).includes(d.driver)) {
        const list = acc.drivers.get(d.driver) ?? [];
        list.push(d.mean);
        acc.drivers.set(d.driver, list);
      }
    }
    if (p.enps) {
      acc.enps.push(p.enps.score);
    }
    if (p.responseRate !== null) {
      acc.rates.push(p.responseRate);
    }
    gathered.set(g, acc);
  }
  for (const [g, acc] of gathered) {
    const [key, unitId] = g.split('|') as [string, string];
    const drivers = Object.fromEntries(
      LINK_DRIVERS.map((d) => {
        const m = mean(acc.drivers.get(d) ?? []);
        return [d, m === null ? null : round2(m)];
      }),
    ) as Record<LinkDriver, number | null>;
    const items = [
      ...[...acc.drivers.values()].map((list) => ((mean(list)! - 1) / 4) * 100),
      ...(acc.enps.length > 0 ? [(mean(acc.enps)! + 100) / 2] : []),
    ];
    const m = mean(items);
    const rate = mean(acc.rates);
    const byUnit = out.get(key) ?? new Map<string, SurveyPart>();
    byUnit.set(unitId, { survey: m === null ? null : round1(m), participation: rate === null ? null : round1(rate), drivers });
    out.set(key, byUnit);
  }
  return out;
}

/** How people are matched to units: by their team, through their department's chain, or all of them. */
function memberJoin(unit: EngagementUnit, structure: Structure) {
  if (unit === 'team') {
    return { unit: sql`u.team_id::text`, join: sql``, where: sql`and u.team_id is not null` };
  }
  if (unit === 'company') {
    return { unit: sql`''::text`, join: sql``, where: sql`` };
  }
  const pairs = structure.departments.flatMap((d) => structure.chain(d.id).map((a) => [d.id, a] as const));
  return {
    unit: sql`m.unit_id::text`,
    join: sql`join unnest(${pairs.map((p) => p[0])}::uuid[], ${pairs.map((p) => p[1])}::uuid[]) as m(department_id, unit_id)
                on m.department_id = u.department_id`,
    where: sql``,
  };
}

export interface Activity {
  people: number;
  /** Kudos given plus received, per person. */
  recognition: number;
  /** Posts and comments written, per person. */
  social: number;
}

/**
 * Active people of each unit now, and their recognition and social activity per period
 * (period key → unit → activity); units without people are absent. Three grouped statements.
 */
export async function activity(
  db: Executor,
  orgId: string,
  unit: EngagementUnit,
  structure: Structure,
  period: Period,
  keys: readonly string[],
): Promise<{ people: Map<string, number>; byPeriod: Map<string, Map<string, Activity>> }> {
  const from = periodRange(keys[0]!).start.toISOString();
  const to = periodRange(keys.at(-1)!).end.toISOString();
  const m = memberJoin(unit, structure);
  const bucket = (column: string) =>
    sql<string>`to_char(date_trunc(${sql.lit(period)}, ${sql.ref(column)} at time zone 'UTC'), 'YYYY-MM-DD')`;
  const [people, recognition, social] = await Promise.all([
    sql<{ unitId: string; n: string | number }>`
      select ${m.unit} as unit_id, count(*) as n
        from users u ${m.join}
       where u.org_id = ${orgId} and u.status = 'active' ${m.where}
       group by 1
    `.execute(db),
    sql<{ unitId: string; start: string; n: string | number }>`
      with ev as (
        select k.giver_id as user_id, ${bucket('k.created_at')} as start
          from kudos k
         where k.org_id = ${orgId} and k.created_at >= ${from}::timestamptz and k.created_at < ${to}::timestamptz
        union all
        select kr.user_id, ${bucket('kr.created_at')}
          from kudos_recipients kr
         where kr.org_id = ${orgId} and kr.created_at >= ${from}::timestamptz and kr.created_at < ${to}::timestamptz
      )
      select ${m.unit} as unit_id, ev.start, count(*) as n
        from ev join users u on u.id = ev.user_id ${m.join}
       where u.org_id = ${orgId} and u.status = 'active' ${m.where}
       group by 1, 2
    `.execute(db),
    sql<{ unitId: string; start: string; n: string | number }>`
      with ev as (
        -- Kudos and celebration posts are recognition, counted above.
        select p.author_id as user_id, ${bucket('p.created_at')} as start
          from posts p
         where p.org_id = ${orgId} and p.deleted_at is null and p.kind not in ('kudos', 'celebration')
           and p.created_at >= ${from}::timestamptz and p.created_at < ${to}::timestamptz
        union all
        select c.author_id, ${bucket('c.created_at')}
          from comments c
         where c.org_id = ${orgId} and c.deleted_at is null
           and c.created_at >= ${from}::timestamptz and c.created_at < ${to}::timestamptz
      )
      select ${m.unit} as unit_id, ev.start, count(*) as n
        from ev join users u on u.id = ev.user_id ${m.join}
       where u.org_id = ${orgId} and u.status = 'active' ${m.where}
       group by 1, 2
    `.execute(db),
  ]);
  const headcount = new Map(people.rows.map((r) => [r.unitId, Number(r.n)]));
  const byPeriod = new Map<string, Map<string, Activity>>();
  for (const key of keys) {
    byPeriod.set(key, new Map([...headcount].map(([id, n]) => [id, { people: n, recognition: 0, social: 0 }])));
  }
  const add = (rows: { unitId: string; start: string; n: string | number }[], field: 'recognition' | 'social') => {
    for (const r of rows) {
      const a = byPeriod.get(periodKey(new Date(`${r.start}T00:00:00Z`), period))?.get(r.unitId);
      if (a) {
        a[field] = Number(r.n) / a.people;
      }
    }
  };
  add(recognition.rows, 'recognition');
  add(social.rows, 'social');
  return { people: headcount, byPeriod };
}

export interface PeriodEngagement {
  /** Units with a released cell and an index. */
  units: Map<string, UnitEngagement>;
  /** Units with people but no released cell of their own in the period. */
  belowThreshold: string[];
  /** Units that have people. */
  withPeople: Set<string>;
}

/** The engagement of every team or department in one period (see the top of this file). */
export async function unitEngagement(
  db: Executor,
  orgId: string,
  unit: 'team' | 'department',
  structure: Structure,
  period: Period,
  key: string,
): Promise<PeriodEngagement> {
  const [surveys, act] = await Promise.all([
    releasedSurveyParts(db, orgId, unit, period, [key]),
    activity(db, orgId, unit, structure, period, [key]),
  ]);
  const rates = act.byPeriod.get(key)!;
  const recognition = percentileRanks(new Map([...rates].map(([id, a]) => [id, a.recognition])));
  const social = percentileRanks(new Map([...rates].map(([id, a]) => [id, a.social])));
  const released = surveys.get(key) ?? new Map<string, SurveyPart>();
  const units = new Map<string, UnitEngagement>();
  const belowThreshold: string[] = [];
  for (const id of act.people.keys()) {
    const s = released.get(id);
    if (!s) {
      belowThreshold.push(id);
      continue;
    }
    const parts: Parts = {
      survey: s.survey,
      participation: s.participation,
      recognition: round1(recognition.get(id) ?? 0),
      social: round1(social.get(id) ?? 0),
    };
    units.set(id, { engagement: round1(engagementIndex(parts)!), parts, drivers: s.drivers });
  }
  return { units, belowThreshold, withPeople: new Set(act.people.keys()) };
}

/**
 * The company's engagement in each period: the company cell of rounds closed in the period, with
 * recognition and social activity per person scaled to the busiest period shown (100 × value / max),
 * since there are no other units to rank the company among. Null for a period without a released
 * company cell, as a unit without one is left out of the link.
 */
export async function companyEngagement(
  db: Executor,
  orgId: string,
  structure: Structure,
  period: Period,
  keys: readonly string[],
): Promise<Map<string, number | null>> {
  const [surveys, act] = await Promise.all([
    releasedSurveyParts(db, orgId, 'company', period, keys),
    activity(db, orgId, 'company', structure, period, keys),
  ]);
  const of = (key: string) => act.byPeriod.get(key)?.get('');
  const maxRecognition = Math.max(0, ...keys.map((k) => of(k)?.recognition ?? 0));
  const maxSocial = Math.max(0, ...keys.map((k) => of(k)?.social ?? 0));
  const scaled = (v: number | undefined, max: number) => (max > 0 ? (100 * (v ?? 0)) / max : null);
  return new Map(
    keys.map((key) => {
      const s = surveys.get(key)?.get('');
      if (!s) {
        return [key, null];
      }
      const index = engagementIndex({
        survey: s.survey,
        participation: s.participation,
        recognition: scaled(of(key)?.recognition, maxRecognition),
        social: scaled(of(key)?.social, maxSocial),
      });
      return [key, index === null ? null : round1(index)];
    }),
  );
}
