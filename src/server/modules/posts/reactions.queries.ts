import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

export type TargetTable = 'posts' | 'comments';

export interface ReactionTotals {
  reactionCounts: Record<string, number>;
  reactionCount: number;
}

/**
 * Locks a post or comment and reads its reaction counts. Every change of a reaction to it takes this
 * lock first, so changes by the same person (two tabs, a double click) run one after the other and see
 * each other's result.
 */
export async function lockTotals(db: Executor, table: TargetTable, orgId: string, id: string): Promise<ReactionTotals | undefined> {
  const row = await db
    .selectFrom(table)
    .select(['reactionCounts', 'reactionCount'])
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row ? { reactionCounts: (row.reactionCounts ?? {}) as Record<string, number>, reactionCount: row.reactionCount } : undefined;
}

export async function writeTotals(db: Executor, table: TargetTable, orgId: string, id: string, totals: ReactionTotals): Promise<void> {
  await db
    .updateTable(table)
    .set({ reactionCounts: JSON.stringify(totals.reactionCounts), reactionCount: totals.reactionCount })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .execute();
}

/** The person's reaction to a post or comment, if any. */
export async function reactionOf(db: Executor, targetId: string, userId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('reactions')
    .select('kind')
    .where('targetId', '=', targetId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return row?.kind;
}

/**
 * Records the person's reaction, replacing another kind. Returns the kind it replaced (null when there
 * was none); undefined when the same kind was already there and nothing changed.
 */
export async function putReaction(
  db: Executor,
  r: { orgId: string; targetType: 'post' | 'comment'; targetId: string; userId: string; kind: string },
  previous: string | undefined,
): Promise<string | null | undefined> {
  if (previous === r.kind) {
    return undefined;
  }
  if (previous !== undefined) {
    await db.updateTable('reactions').set({ kind: r.kind }).where('targetId', '=', r.targetId).where('userId', '=', r.userId).execute();
    return previous;
  }
  const inserted = await db
    .insertInto('reactions')
    .values({ ...r, createdAt: new Date() })
    .onConflict((oc) => oc.columns(['targetId', 'userId']).doNothing())
    .returning('kind')
    .executeTakeFirst();
  return inserted ? null : undefined;
}

/** Removes the person's reaction; returns its kind, or undefined when there was none. */
export async function deleteReaction(db: Executor, targetId: string, userId: string): Promise<string | undefined> {
  const row = await db
    .deleteFrom('reactions')
    .where('targetId', '=', targetId)
    .where('userId', '=', userId)
    .returning('kind')
    .executeTakeFirst();
  return row?.kind;
}

/** Who reacted to a post or comment, newest first, optionally of one kind. */
export async function reactors(
  db: Executor,
  orgId: string,
  targetId: string,
  opts: { kind?: string | undefined; limit: number; after?: { createdAt: Date; id: string } | undefined },
) {
  const after = opts.after;
  return db
    .selectFrom('reactions as r')
    .innerJoin('users as u', 'u.id', 'r.userId')
    .select(['r.userId as id', 'r.kind', 'r.createdAt', 'u.name', 'u.title', 'u.photoKey'])
    .where('r.orgId', '=', orgId)
    .where('r.targetId', '=', targetId)
    .$if(opts.kind !== undefined, (qb) => qb.where('r.kind', '=', opts.kind!))
    .$if(after !== undefined, (qb) =>
      qb.where(
        sql<boolean>`(r.created_at < ${after!.createdAt}::timestamptz or (r.created_at = ${after!.createdAt}::timestamptz and r.user_id > ${after!.id}::uuid))`,
      ),
    )
    .orderBy('r.createdAt', 'desc')
    .orderBy('r.userId')
    .limit(opts.limit + 1)
    .execute();
}
