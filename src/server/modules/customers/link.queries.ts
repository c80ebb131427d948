import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { FeedbackKind } from '../../../shared/customers.js';
import { COMPANY_UNIT, type UnitMap } from './loyalty.queries.js';

type Executor = Kysely<DB> | Transaction<DB>;

export interface WindowScoreRow {
  unitId: string;
  key: string;
  score: number;
  n: number;
}

/**
 * Answers of one kind received in each window [start, end), counted by unit, window and score, in one
 * statement. Windows may overlap (a rolling window per period): an answer counts in each it falls in.
 */
export async function feedbackInWindows(
  db: Executor,
  orgId: string,
  units: UnitMap,
  kind: FeedbackKind,
  windows: readonly { key: string; start: Date; end: Date }[],
): Promise<WindowScoreRow[]> {
  if (windows.length === 0 || (units.kind === 'teams' && units.pairs.length === 0)) {
    return [];
  }
  const unit = units.kind === 'company' ? sql`${COMPANY_UNIT}::text` : sql`m.unit_id::text`;
  const join =
    units.kind === 'company'
      ? sql``
      : sql`join unnest(${units.pairs.map((p) => p.teamId)}::uuid[], ${units.pairs.map((p) => p.unitId)}::uuid[]) as m(team_id, unit_id)
              on m.team_id = f.team_id`;
  const from = new Date(Math.min(...windows.map((w) => w.start.getTime()))).toISOString();
  const to = new Date(Math.max(...windows.map((w) => w.end.getTime()))).toISOString();
  const { rows } = await sql<{ unitId: string; key: string; score: number; n: string | number }>`
    select ${unit} as unit_id, w.key, f.score, count(*) as n
      from customer_feedback f
      join unnest(${windows.map((w) => w.key)}::text[], ${windows.map((w) => w.start.toISOString())}::timestamptz[],
                  ${windows.map((w) => w.end.toISOString())}::timestamptz[]) as w(key, s, e)
        on f.received_at >= w.s and f.received_at < w.e
      ${join}
     where f.org_id = ${orgId} and f.kind = ${kind}
       and f.received_at >= ${from}::timestamptz and f.received_at < ${to}::timestamptz
     group by 1, 2, 3
  `.execute(db);
  return rows.map((r) => ({ unitId: r.unitId, key: r.key, score: Number(r.score), n: Number(r.n) }));
}
