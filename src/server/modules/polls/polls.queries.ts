import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

export interface NewPoll {
  postId: string;
  orgId: string;
  multiple: boolean;
  anonymous: boolean;
  threshold: number;
  closesAt: Date | null;
  options: { id: string; label: string }[];
}

/** A poll and its options, written with its post. */
export async function insertPoll(trx: Transaction<DB>, p: NewPoll): Promise<void> {
  await trx
    .insertInto('polls')
    .values({
      postId: p.postId,
      orgId: p.orgId,
      multiple: p.multiple,
      anonymous: p.anonymous,
      threshold: p.threshold,
      closesAt: p.closesAt,
    })
    .execute();
  await trx
    .insertInto('pollOptions')
    .values(p.options.map((o, i) => ({ id: o.id, orgId: p.orgId, postId: p.postId, position: i, label: o.label })))
    .execute();
}

export interface PollRow {
  postId: string;
  multiple: boolean;
  anonymous: boolean;
  threshold: number;
  closesAt: Date | null;
  voterCount: number;
  shownCounts: unknown;
  shownVoters: number;
}

const POLL = ['postId', 'multiple', 'anonymous', 'threshold', 'closesAt', 'voterCount', 'shownCounts', 'shownVoters'] as const;

/** One poll. */
export async function pollRow(db: Executor, orgId: string, postId: string): Promise<PollRow | undefined> {
  return db.selectFrom('polls').select(POLL).where('orgId', '=', orgId).where('postId', '=', postId).executeTakeFirst();
}

/** The polls of a page of posts. */
export async function pollRows(db: Executor, orgId: string, postIds: readonly string[]): Promise<PollRow[]> {
  return db
    .selectFrom('polls')
    .select(POLL)
    .where('orgId', '=', orgId)
    .where('postId', 'in', [...postIds])
    .execute();
}

export interface OptionRow {
  id: string;
  postId: string;
  label: string;
  voteCount: number;
}

/** The options of these polls, in their order. */
export async function optionRows(db: Executor, orgId: string, postIds: readonly string[]): Promise<OptionRow[]> {
  return db
    .selectFrom('pollOptions')
    .select(['id', 'postId', 'label', 'voteCount'])
    .where('orgId', '=', orgId)
    .where('postId', 'in', [...postIds])
    .orderBy('postId')
    .orderBy('position')
    .execute();
}

/** Which of these polls the person voted in (anonymous ones included: only the fact, never the choice). */
export async function votedIn(db: Executor, orgId: string, userId: string, postIds: readonly string[]): Promise<Set<string>> {
  const rows = await db
    .selectFrom('pollVoters')
    .select('postId')
    .where('orgId', '=', orgId)
    .where('userId', '=', userId)
    .where('postId', 'in', [...postIds])
    .execute();
  return new Set(rows.map((r) => r.postId));
}

/** The person's own choices in these (non-anonymous) polls: anonymous votes carry no person. */
export async function myVotes(db: Executor, orgId: string, userId: string, postIds: readonly string[]) {
  return db
    .selectFrom('pollVotes')
    .select(['postId', 'optionId'])
    .where('orgId', '=', orgId)
    .where('userId', '=', userId)
    .where('postId', 'in', [...postIds])
    .execute();
}

/**
 * Records that the person voted; false when they already had. The primary key decides, so two votes
 * sent at once cannot both pass.
 */
export async function addVoter(trx: Transaction<DB>, orgId: string, postId: string, userId: string): Promise<boolean> {
  const row = await trx
    .insertInto('pollVoters')
    .values({ orgId, postId, userId })
    .onConflict((oc) => oc.columns(['postId', 'userId']).doNothing())
    .returning('userId')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Adds the votes and counts them on the options and the poll. An anonymous vote is stored with no
 * person and no time, so nothing joins it back to who cast it. Returns the poll's counts after the vote.
 */
export async function addVotes(
  trx: Transaction<DB>,
  orgId: string,
  postId: string,
  optionIds: readonly string[],
  voter: { userId: string; at: Date } | null,
): Promise<{ voterCount: number; shownVoters: number; threshold: number }> {
  await trx
    .insertInto('pollVotes')
    .values(optionIds.map((optionId) => ({ orgId, postId, optionId, userId: voter?.userId ?? null, createdAt: voter?.at ?? null })))
    .execute();
  await trx
    .updateTable('pollOptions')
    .set((eb) => ({ voteCount: sql<number>`${eb.ref('voteCount')} + 1` }))
    .where('orgId', '=', orgId)
    .where('postId', '=', postId)
    .where('id', 'in', [...optionIds])
    .execute();
  return trx
    .updateTable('polls')
    .set((eb) => ({ voterCount: sql<number>`${eb.ref('voterCount')} + 1` }))
    .where('orgId', '=', orgId)
    .where('postId', '=', postId)
    .returning(['voterCount', 'shownVoters', 'threshold'])
    .executeTakeFirstOrThrow();
}

/** Takes a new snapshot of an anonymous poll's counts: what everybody sees until the next one. */
export async function snapshotCounts(trx: Transaction<DB>, orgId: string, postId: string, voters: number): Promise<void> {
  const options = await trx
    .selectFrom('pollOptions')
    .select(['id', 'voteCount'])
    .where('orgId', '=', orgId)
    .where('postId', '=', postId)
    .execute();
  const counts = Object.fromEntries(options.map((o) => [o.id, o.voteCount]));
  await trx
    .updateTable('polls')
    .set({ shownCounts: JSON.stringify(counts), shownVoters: voters })
    .where('orgId', '=', orgId)
    .where('postId', '=', postId)
    .execute();
}

/** A page of a non-anonymous poll's voters, newest first, each with the options they chose. */
export async function voterPage(db: Executor, orgId: string, postId: string, limit: number, cursor?: { createdAt: Date; id: string }) {
  return db
    .selectFrom('pollVotes as v')
    .innerJoin('users as u', 'u.id', 'v.userId')
    .select([
      'u.id',
      'u.name',
      'u.title',
      'u.photoKey',
      sql<Date>`v.created_at`.as('createdAt'),
      sql<string[]>`array_agg(v.option_id order by v.option_id)`.as('optionIds'),
    ])
    .where('v.orgId', '=', orgId)
    .where('v.postId', '=', postId)
    .where('v.userId', 'is not', null)
    .$if(cursor !== undefined, (qb) =>
      qb.where(sql<boolean>`(v.created_at, u.id) < (${cursor!.createdAt}::timestamptz, ${cursor!.id}::uuid)`),
    )
    .groupBy(['u.id', 'v.createdAt'])
    .orderBy('v.createdAt', 'desc')
    .orderBy('u.id', 'desc')
    .limit(limit + 1)
    .execute();
}
