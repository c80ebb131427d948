import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { DB, PointsLedgerTable } from '../../db/schema.js';
import { unprocessable } from '../../platform/errors.js';
import { recognitionSettings } from './recognition.settings.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * The points ledger. Two accounts per person:
 * - `allowance`: what they may give this month. Its size comes from the rules (a rule for the person,
 *   else the largest rule of their roles, else the company default) and what they gave this month is
 *   taken from it; nothing rolls over, because only this month's entries count.
 * - `received`: what others gave them, awards, minus redemptions; it never expires.
 *
 * Entries are only ever appended; balances are sums. Whoever spends from an account first locks its
 * owner (`lockPeople`) in the same transaction, so that concurrent spending cannot overdraw it.
 */

/** The allowance month of an instant: 'YYYY-MM', in UTC. */
export const periodOf = (at: Date = new Date()) => at.toISOString().slice(0, 7);

/** The first instant of the next allowance month, when the allowance resets. */
export function resetsAt(period: string): Date {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1));
}

export type NewEntry = Omit<Insertable<PointsLedgerTable>, 'id' | 'createdAt'>;

/**
 * Locks these people's ledger for the rest of the transaction (their user rows, in a fixed order, so
 * that two transactions locking overlapping sets cannot deadlock). Returns the ids that exist in the
 * organisation and are active.
 *
 * The lock is FOR NO KEY UPDATE: it excludes other spenders, but not the key-share locks that inserts
 * referencing these people take. With FOR UPDATE, two people thanking each other at the same moment
 * would deadlock: each holds their own row and waits to reference the other's.
 */
export async function lockPeople(trx: Transaction<DB>, orgId: string, userIds: readonly string[]): Promise<Set<string>> {
  const ids = [...new Set(userIds)].sort();
  if (ids.length === 0) {
    return new Set();
  }
  const rows = await trx
    .selectFrom('users')
    .select(['id', 'status'])
    .where('orgId', '=', orgId)
    .where('id', 'in', ids)
    .orderBy('id')
    .forNoKeyUpdate()
    .execute();
  return new Set(rows.filter((r) => r.status === 'active').map((r) => r.id));
}

/** Each person's monthly allowance: their own rule, else the largest rule among their roles, else the company default. */
export async function allowanceOf(db: Executor, orgId: string, userIds: readonly string[]): Promise<Map<string, number>> {
  const ids = [...new Set(userIds)];
  const result = new Map<string, number>();
  if (ids.length === 0) {
    return result;
  }
  const [settings, people, rules] = await Promise.all([
    recognitionSettings(db, orgId),
    db.selectFrom('users').select(['id', 'roles']).where('orgId', '=', orgId).where('id', 'in', ids).execute(),
    db.selectFrom('allowanceRules').select(['role', 'userId', 'amount']).where('orgId', '=', orgId).execute(),
  ]);
  const byUser = new Map(rules.filter((r) => r.userId).map((r) => [r.userId!, r.amount]));
  const byRole = new Map(rules.filter((r) => r.role).map((r) => [r.role!, r.amount]));
  for (const p of people) {
    const own = byUser.get(p.id);
    const fromRoles = p.roles.map((r) => byRole.get(r)).filter((a): a is number => a !== undefined);
    result.set(p.id, own ?? (fromRoles.length > 0 ? Math.max(...fromRoles) : settings.defaultAllowance));
  }
  return result;
}

export interface Balances {
  allowance: { total: number; given: number; remaining: number; period: string; resetsAt: Date };
  received: number;
}

/** Both balances of each person, from the ledger, for the allowance month `period`. */
export async function balancesOf(
  db: Executor,
  orgId: string,
  userIds: readonly string[],
  period: string = periodOf(),
): Promise<Map<string, Balances>> {
  const ids = [...new Set(userIds)];
  const result = new Map<string, Balances>();
  if (ids.length === 0) {
    return result;
  }
  const [totals, sums] = await Promise.all([
    allowanceOf(db, orgId, ids),
    db
      .selectFrom('pointsLedger')
      .select(['userId', sql<number>`coalesce(sum(delta) filter (where account = 'received'), 0)::int`.as('received')])
      .select(sql<number>`coalesce(-sum(delta) filter (where account = 'allowance' and period = ${period}), 0)::int`.as('given'))
      .where('orgId', '=', orgId)
      .where('userId', 'in', ids)
      .groupBy('userId')
      .execute(),
  ]);
  const byUser = new Map(sums.map((s) => [s.userId, s]));
  for (const id of ids) {
    const total = totals.get(id);
    if (total === undefined) {
      continue;
    }
    const s = byUser.get(id);
    const given = s?.given ?? 0;
    result.set(id, {
      allowance: { total, given, remaining: Math.max(0, total - given), period, resetsAt: resetsAt(period) },
      received: s?.received ?? 0,
    });
  }
  return result;
}

/** Appends entries; the caller has locked every person whose balance an entry lowers. */
export async function appendEntries(trx: Transaction<DB>, entries: readonly NewEntry[]): Promise<void> {
  if (entries.length > 0) {
    await trx
      .insertInto('pointsLedger')
      .values([...entries])
      .execute();
  }
}

/**
 * Takes `amount` from a locked person's account, refusing (422) what the balance does not cover, so a
 * balance never goes below zero. An allowance is spent from the month `period` (this month unless given).
 */
export async function spend(
  trx: Transaction<DB>,
  orgId: string,
  userId: string,
  account: 'allowance' | 'received',
  amount: number,
  entry: Pick<NewEntry, 'reason' | 'kudosId' | 'redemptionId' | 'awardId'>,
  period: string = periodOf(),
): Promise<void> {
  if (amount <= 0) {
    return;
  }
  const balance = (await balancesOf(trx, orgId, [userId], period)).get(userId);
  const available = account === 'allowance' ? (balance?.allowance.remaining ?? 0) : (balance?.received ?? 0);
  if (available < amount) {
    throw account === 'allowance'
      ? unprocessable('INSUFFICIENT_ALLOWANCE', `You have ${available} points left to give this month.`, { remaining: available })
      : unprocessable('INSUFFICIENT_POINTS', `You have ${available} points.`, { balance: available });
  }
  await appendEntries(trx, [{ orgId, userId, account, delta: -amount, period: account === 'allowance' ? period : null, ...entry }]);
}
