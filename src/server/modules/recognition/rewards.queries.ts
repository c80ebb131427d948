import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, RedemptionStatus, RewardsTable } from '../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * A keyset position in a time-ordered list (newest first). Times are whole microseconds since the epoch,
 * the database's own precision: a millisecond Date would skip rows written within the same millisecond
 * (several in one transaction) at a page boundary.
 */
export interface TimeKey {
  us: number;
  id: string;
}

const usOf = (column: string) => sql<number>`(extract(epoch from ${sql.ref(column)}) * 1000000)::int8`;
/** Rows strictly after this position, newest first. */
const before = (timeColumn: string, idColumn: string, key: TimeKey) =>
  sql<boolean>`(${sql.ref(timeColumn)}, ${sql.ref(idColumn)}) < (timestamptz 'epoch' + ${key.us}::int8 * interval '1 microsecond', ${key.id}::uuid)`;

export type RewardRow = Pick<
  Selectable<RewardsTable>,
  'id' | 'name' | 'description' | 'imageKey' | 'cost' | 'stock' | 'requiresApproval' | 'active' | 'createdAt'
>;

const rewardColumns = ['id', 'name', 'description', 'imageKey', 'cost', 'stock', 'requiresApproval', 'active', 'createdAt'] as const;

/** A catalogue page, cheapest first (ties by id): active rewards, or all of them. */
export async function rewardPage(
  db: Executor,
  orgId: string,
  opts: { all: boolean; limit: number; after: { cost: number; id: string } | undefined },
): Promise<RewardRow[]> {
  const after = opts.after;
  return db
    .selectFrom('rewards')
    .select(rewardColumns)
    .where('orgId', '=', orgId)
    .$if(!opts.all, (qb) => qb.where('active', '=', true))
    .$if(after !== undefined, (qb) =>
      qb.where((eb) => eb.or([eb('cost', '>', after!.cost), eb.and([eb('cost', '=', after!.cost), eb('id', '>', after!.id)])])),
    )
    .orderBy('cost')
    .orderBy('id')
    .limit(opts.limit + 1)
    .execute();
}

export async function findReward(db: Executor, orgId: string, id: string): Promise<RewardRow | undefined> {
  return db.selectFrom('rewards').select(rewardColumns).where('orgId', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export async function insertReward(
  db: Executor,
  row: {
    id: string;
    orgId: string;
    name: string;
    description: string;
    cost: number;
    stock: number | null;
    requiresApproval: boolean;
    active: boolean;
  },
): Promise<void> {
  await db.insertInto('rewards').values(row).execute();
}

/** Changes a reward; false when it is not in the organisation. */
export async function updateReward(
  db: Executor,
  orgId: string,
  id: string,
  patch: Partial<Pick<RewardRow, 'name' | 'description' | 'cost' | 'stock' | 'requiresApproval' | 'active' | 'imageKey'>>,
): Promise<boolean> {
  const r = await db
    .updateTable('rewards')
    .set({ ...patch, updatedAt: new Date() })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Locks a reward's row for the rest of the transaction and returns its picture's key. */
export async function lockRewardImage(trx: Transaction<DB>, orgId: string, id: string): Promise<{ imageKey: string | null } | undefined> {
  return trx.selectFrom('rewards').select('imageKey').where('orgId', '=', orgId).where('id', '=', id).forUpdate().executeTakeFirst();
}

/**
 * Takes one from a limited stock in one conditional update, so that concurrent redemptions queue on the
 * row and the stock never goes below zero. True when one was taken (or the stock is unlimited).
 */
export async function takeFromStock(trx: Transaction<DB>, orgId: string, id: string): Promise<boolean> {
  const r = await trx
    .updateTable('rewards')
    .set({ stock: sql<number>`stock - 1` })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .where('stock', '>', 0)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Puts one back into a limited stock (an unlimited one stays unlimited). */
export async function returnToStock(trx: Transaction<DB>, orgId: string, id: string): Promise<void> {
  await trx
    .updateTable('rewards')
    .set({ stock: sql<number>`stock + 1` })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .where('stock', 'is not', null)
    .execute();
}

/** The redemption this person already made with this idempotency key, if any. */
export async function redemptionByKey(db: Executor, orgId: string, userId: string, key: string) {
  return db
    .selectFrom('redemptions')
    .select(['id', 'rewardId'])
    .where('orgId', '=', orgId)
    .where('userId', '=', userId)
    .where('idempotencyKey', '=', key)
    .executeTakeFirst();
}

export async function insertRedemption(
  trx: Transaction<DB>,
  row: {
    id: string;
    orgId: string;
    rewardId: string;
    userId: string;
    cost: number;
    status: RedemptionStatus;
    decidedAt: Date | null;
    idempotencyKey: string | null;
  },
): Promise<void> {
  await trx.insertInto('redemptions').values(row).execute();
}

/**
 * Decides a pending redemption in one conditional update, so that of two concurrent decisions only one
 * wins. Returns what the decision affects, or undefined when it was not pending (or does not exist).
 */
export async function decidePending(
  trx: Transaction<DB>,
  orgId: string,
  id: string,
  decision: { status: 'approved' | 'refused'; note: string | null; decidedBy: string },
) {
  return trx
    .updateTable('redemptions')
    .set({ status: decision.status, note: decision.note, decidedBy: decision.decidedBy, decidedAt: new Date() })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returning(['id', 'rewardId', 'userId', 'cost'])
    .executeTakeFirst();
}

export async function redemptionExists(db: Executor, orgId: string, id: string): Promise<boolean> {
  const r = await db.selectFrom('redemptions').select('id').where('orgId', '=', orgId).where('id', '=', id).executeTakeFirst();
  return r !== undefined;
}

/**
 * Redemptions with their reward, person and decider, in one query: by id (a non-empty list), or a page
 * (newest first) of one person's or of a status.
 */
export async function redemptionRows(
  db: Executor,
  orgId: string,
  f: { ids?: readonly string[]; userId?: string; status?: RedemptionStatus | undefined; limit?: number; after?: TimeKey | undefined },
) {
  const after = f.after;
  return db
    .selectFrom('redemptions as r')
    .innerJoin('rewards as w', 'w.id', 'r.rewardId')
    .innerJoin('users as u', 'u.id', 'r.userId')
    .leftJoin('users as d', 'd.id', 'r.decidedBy')
    .select([
      'r.id',
      'r.cost',
      'r.status',
      'r.note',
      'r.createdAt',
      usOf('r.createdAt').as('us'),
      'r.decidedAt',
      'w.id as rewardId',
      'w.name as rewardName',
      'w.imageKey as rewardImageKey',
      'u.id as userId',
      'u.name as userName',
      'u.title as userTitle',
      'u.photoKey as userPhotoKey',
      'd.id as deciderId',
      'd.name as deciderName',
      'd.title as deciderTitle',
      'd.photoKey as deciderPhotoKey',
    ])
    .where('r.orgId', '=', orgId)
    .$if(f.ids !== undefined, (qb) => qb.where('r.id', 'in', [...f.ids!]))
    .$if(f.userId !== undefined, (qb) => qb.where('r.userId', '=', f.userId!))
    .$if(f.status !== undefined, (qb) => qb.where('r.status', '=', f.status!))
    .$if(after !== undefined, (qb) => qb.where(before('r.createdAt', 'r.id', after!)))
    .orderBy('r.createdAt', 'desc')
    .orderBy('r.id', 'desc')
    .$if(f.limit !== undefined, (qb) => qb.limit(f.limit! + 1))
    .execute();
}
export type RedemptionRow = Awaited<ReturnType<typeof redemptionRows>>[number];

/** These people's state in the organisation (people of other organisations are absent). */
export async function peopleOf(db: Executor, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) {
    return [];
  }
  return db
    .selectFrom('users')
    .select(['id', 'name', 'title', 'photoKey', 'status'])
    .where('orgId', '=', orgId)
    .where('id', 'in', [...ids])
    .execute();
}

export async function insertAward(
  trx: Transaction<DB>,
  row: { id: string; orgId: string; grantedBy: string; reason: string; points: number },
) {
  return trx.insertInto('awards').values(row).returning('createdAt').executeTakeFirstOrThrow();
}

/** Awards with their granter: by id (a non-empty list), or a page, newest first. */
export async function awardRows(db: Executor, orgId: string, f: { ids?: readonly string[]; limit?: number; after?: TimeKey | undefined }) {
  const after = f.after;
  return db
    .selectFrom('awards as a')
    .leftJoin('users as g', 'g.id', 'a.grantedBy')
    .select([
      'a.id',
      'a.points',
      'a.reason',
      'a.createdAt',
      usOf('a.createdAt').as('us'),
      'g.id as granterId',
      'g.name as granterName',
      'g.title as granterTitle',
      'g.photoKey as granterPhotoKey',
    ])
    .where('a.orgId', '=', orgId)
    .$if(f.ids !== undefined, (qb) => qb.where('a.id', 'in', [...f.ids!]))
    .$if(after !== undefined, (qb) => qb.where(before('a.createdAt', 'a.id', after!)))
    .orderBy('a.createdAt', 'desc')
    .orderBy('a.id', 'desc')
    .$if(f.limit !== undefined, (qb) => qb.limit(f.limit! + 1))
    .execute();
}

/** Who received each of these awards (from their ledger entries), in name order; one query for a page. */
export async function awardRecipients(db: Executor, orgId: string, awardIds: readonly string[]) {
  if (awardIds.length === 0) {
    return [];
  }
  return db
    .selectFrom('pointsLedger as l')
    .innerJoin('users as u', 'u.id', 'l.userId')
    .select(['l.awardId', 'u.id', 'u.name', 'u.title', 'u.photoKey'])
    .where('l.orgId', '=', orgId)
    .where('l.reason', '=', 'award')
    .where('l.awardId', 'in', [...awardIds])
    .orderBy('u.name')
    .orderBy('u.id')
    .execute();
}
