import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB, KudosTable } from '../../db/schema.js';
import { readableBy } from '../communities/communities.access.js';

type Executor = Kysely<DB> | Transaction<DB>;
type After = { createdAt: Date; id: string } | undefined;

/** The kudos a giver already made with this idempotency key, with the hash of the request that made it. */
export async function kudosByKey(db: Executor, orgId: string, giverId: string, key: string) {
  return db
    .selectFrom('kudos')
    .select(['id', 'requestHash'])
    .where('orgId', '=', orgId)
    .where('giverId', '=', giverId)
    .where('idempotencyKey', '=', key)
    .executeTakeFirst();
}

/** Of these ids, the people of the organisation with their status; unknown ids are absent. */
export async function peopleStatus(db: Executor, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) {
    return [];
  }
  return db
    .selectFrom('users')
    .select(['id', 'name', 'status'])
    .where('orgId', '=', orgId)
    .where('id', 'in', [...ids])
    .execute();
}

export async function personExists(db: Executor, orgId: string, id: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('orgId', '=', orgId).where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

export async function teamById(db: Executor, orgId: string, id: string) {
  return db.selectFrom('teams').select(['id', 'name']).where('orgId', '=', orgId).where('id', '=', id).executeTakeFirst();
}

/** The active members of a team, by name. */
export async function activeTeamMembers(db: Executor, orgId: string, teamId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('orgId', '=', orgId)
    .where('teamId', '=', teamId)
    .where('status', '=', 'active')
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function valueById(db: Executor, orgId: string, id: string) {
  return db.selectFrom('companyValues').select(['id', 'archivedAt']).where('orgId', '=', orgId).where('id', '=', id).executeTakeFirst();
}

/** The values kudos can be tagged with now, in the administrators' order. */
export async function activeValues(db: Executor, orgId: string) {
  return db
    .selectFrom('companyValues')
    .select(['id', 'name', 'description', 'emoji'])
    .where('orgId', '=', orgId)
    .where('archivedAt', 'is', null)
    .orderBy('position')
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** Points one giver gave each of these people since an instant. */
export async function pointsGivenTo(
  db: Executor,
  orgId: string,
  giverId: string,
  recipientIds: readonly string[],
  since: Date,
): Promise<Map<string, number>> {
  if (recipientIds.length === 0) {
    return new Map();
  }
  const rows = await db
    .selectFrom('kudosRecipients as kr')
    .innerJoin('kudos as k', 'k.id', 'kr.kudosId')
    .select(['kr.userId', sql<number>`coalesce(sum(kr.points), 0)::int`.as('points')])
    .where('kr.orgId', '=', orgId)
    .where('kr.userId', 'in', [...recipientIds])
    .where('kr.createdAt', '>=', since)
    .where('k.giverId', '=', giverId)
    .groupBy('kr.userId')
    .execute();
  return new Map(rows.map((r) => [r.userId, r.points]));
}

export type NewKudosRow = Omit<KudosTable, 'pointsEach' | 'createdAt'> & { pointsEach: number; createdAt: Date };

/** One kudos and its recipients. */
export async function insertKudos(
  trx: Transaction<DB>,
  row: NewKudosRow,
  recipients: readonly { userId: string; points: number }[],
): Promise<void> {
  await trx.insertInto('kudos').values(row).execute();
  await trx
    .insertInto('kudosRecipients')
    .values(recipients.map((r) => ({ kudosId: row.id, orgId: row.orgId, userId: r.userId, points: r.points, createdAt: row.createdAt })))
    .execute();
}

/** Everything a kudos shows but its recipients, for these ids (unknown ids absent). */
export async function kudosRows(db: Executor, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) {
    return [];
  }
  return (
    db
      .selectFrom('kudos as k')
      .innerJoin('users as g', 'g.id', 'k.giverId')
      .leftJoin('teams as t', 't.id', 'k.teamId')
      .leftJoin('companyValues as v', 'v.id', 'k.valueId')
      .leftJoin('posts as p', (j) => j.onRef('p.id', '=', 'k.postId').on('p.deletedAt', 'is', null))
      .select([
        'k.id',
        'k.giverId',
        'g.name as giverName',
        'g.title as giverTitle',
        'g.photoKey as giverPhotoKey',
        'k.teamId',
        't.name as teamName',
        'k.valueId',
        'v.name as valueName',
        'v.description as valueDescription',
        'v.emoji as valueEmoji',
        'k.visibility',
        'k.pointsEach',
        'p.id as postId',
        'k.createdAt',
      ])
      // The post carries the text once published: an edit by its author shows everywhere the kudos does.
      .select(sql<string>`coalesce(p.body_html, k.message_html)`.as('html'))
      .where('k.orgId', '=', orgId)
      .where('k.id', '=', sql<string>`any(${[...ids]}::uuid[])`)
      .execute()
  );
}

/** The recipients of these kudos with the points each received, by name. */
export async function recipientRows(db: Executor, orgId: string, kudosIds: readonly string[]) {
  if (kudosIds.length === 0) {
    return [];
  }
  return db
    .selectFrom('kudosRecipients as kr')
    .innerJoin('users as u', 'u.id', 'kr.userId')
    .select(['kr.kudosId', 'kr.userId', 'kr.points', 'u.name', 'u.title', 'u.photoKey'])
    .where('kr.orgId', '=', orgId)
    .where('kr.kudosId', '=', sql<string>`any(${[...kudosIds]}::uuid[])`)
    .orderBy('u.name')
    .orderBy('u.id')
    .execute();
}

/**
 * SQL condition on a kudos aliased `k`: the viewer gave it, received it, or it is public and its post
 * is one they may read (not removed, not hidden, in a community they may read).
 */
function readableKudos(viewerId: string): Expression<SqlBool> {
  return sql<SqlBool>`(
    k.giver_id = ${viewerId}
    or exists (select 1 from kudos_recipients vr where vr.kudos_id = k.id and vr.user_id = ${viewerId})
    or (k.visibility = 'public' and exists (
      select 1 from posts vp
      where vp.id = k.post_id and vp.deleted_at is null and vp.hidden_at is null and ${readableBy(viewerId, 'vp.community_id')}
    ))
  )`;
}

/** Of these kudos, those the viewer may read. */
export async function readableKudosIds(db: Executor, orgId: string, viewerId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) {
    return new Set();
  }
  const rows = await db
    .selectFrom('kudos as k')
    .select('k.id')
    .where('k.orgId', '=', orgId)
    .where('k.id', 'in', [...ids])
    .where(readableKudos(viewerId))
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** SQL condition: the row comes after `after` in a newest-first (created_at, id) order. */
function before(after: After, createdAt: string, id: string): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.ref(createdAt)}, ${sql.ref(id)}) < (${after!.createdAt}::timestamptz, ${after!.id}::uuid)`;
}

/** A page of the kudos a person received, newest first, that the viewer may read. */
export async function receivedBy(db: Executor, orgId: string, viewerId: string, personId: string, limit: number, after: After) {
  return db
    .selectFrom('kudosRecipients as kr')
    .innerJoin('kudos as k', 'k.id', 'kr.kudosId')
    .select(['kr.kudosId as id', 'kr.createdAt'])
    .where('kr.orgId', '=', orgId)
    .where('kr.userId', '=', personId)
    .where(readableKudos(viewerId))
    .$if(after !== undefined, (qb) => qb.where(before(after, 'kr.created_at', 'kr.kudos_id')))
    .orderBy('kr.createdAt', 'desc')
    .orderBy('kr.kudosId', 'desc')
    .limit(limit + 1)
    .execute();
}

/** A page of the kudos a person gave, newest first, that the viewer may read. */
export async function givenBy(db: Executor, orgId: string, viewerId: string, personId: string, limit: number, after: After) {
  return db
    .selectFrom('kudos as k')
    .select(['k.id', 'k.createdAt'])
    .where('k.orgId', '=', orgId)
    .where('k.giverId', '=', personId)
    .where(readableKudos(viewerId))
    .$if(after !== undefined, (qb) => qb.where(before(after, 'k.created_at', 'k.id')))
    .orderBy('k.createdAt', 'desc')
    .orderBy('k.id', 'desc')
    .limit(limit + 1)
    .execute();
}

/** A page of one person's ledger entries, newest first. */
export async function ledgerPage(db: Executor, orgId: string, userId: string, limit: number, beforeId: number | undefined) {
  return db
    .selectFrom('pointsLedger')
    .select(['id', 'account', 'delta', 'reason', 'period', 'createdAt', 'kudosId', 'redemptionId', 'awardId'])
    .where('orgId', '=', orgId)
    .where('userId', '=', userId)
    .$if(beforeId !== undefined, (qb) => qb.where('id', '<', beforeId!))
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
}

/** People as shown next to content, by id. */
export async function authors(db: Executor, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) {
    return [];
  }
  return db
    .selectFrom('users')
    .select(['id', 'name', 'title', 'photoKey'])
    .where('orgId', '=', orgId)
    .where('id', '=', sql<string>`any(${[...new Set(ids)]}::uuid[])`)
    .execute();
}

/** The organisation's active administrators. */
export async function administrators(db: Executor, orgId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('orgId', '=', orgId)
    .where('status', '=', 'active')
    .where(sql<SqlBool>`'admin' = any(roles)`)
    .execute();
  return rows.map((r) => r.id);
}

/** One kudos passing points from one person to another. */
export interface EdgeRow {
  kudosId: string;
  from: string;
  to: string;
  points: number;
  createdAt: Date;
}

/**
 * Kudos with points since an instant that leave one of `from` or reach `to`: the edges any ring through
 * these people can use.
 */
export async function pointEdges(db: Executor, orgId: string, from: readonly string[], to: string, since: Date): Promise<EdgeRow[]> {
  return db
    .selectFrom('kudos as k')
    .innerJoin('kudosRecipients as kr', 'kr.kudosId', 'k.id')
    .select(['k.id as kudosId', 'k.giverId as from', 'kr.userId as to', 'kr.points', 'k.createdAt'])
    .where('k.orgId', '=', orgId)
    .where('k.createdAt', '>=', since)
    .where('kr.points', '>', 0)
    .where((eb) => eb.or([eb('k.giverId', 'in', [...from]), eb('kr.userId', '=', to)]))
    .execute();
}

/** When each ring with this person was last reviewed by an administrator. */
export async function reviewedRings(db: Executor, orgId: string, memberId: string) {
  return db
    .selectFrom('recognitionFlags')
    .select(['members', (eb) => eb.fn.max('reviewedAt').as('reviewedAt')])
    .where('orgId', '=', orgId)
    .where('kind', '=', 'ring')
    .where('status', '<>', 'open')
    .where('reviewedAt', 'is not', null)
    .where(sql<SqlBool>`${memberId}::uuid = any(members)`)
    .groupBy('members')
    .execute();
}

/**
 * Opens a flag on a ring, or updates the open one with the kudos seen since: their ids are merged, and
 * the points kept at the larger count (two givers in one ring at the same moment each see their own).
 * Returns the flag's id and whether this call opened it.
 */
export async function upsertOpenRing(
  trx: Transaction<DB>,
  f: { id: string; orgId: string; members: readonly string[]; kudosIds: readonly string[]; points: number; createdAt: Date },
): Promise<{ id: string; opened: boolean }> {
  const row = await trx
    .insertInto('recognitionFlags')
    .values({
      id: f.id,
      orgId: f.orgId,
      kind: 'ring',
      members: [...f.members],
      kudosIds: [...f.kudosIds],
      points: f.points,
      createdAt: f.createdAt,
    })
    .onConflict((oc) =>
      oc
        .columns(['orgId', 'kind', 'members'])
        .where('status', '=', 'open')
        .doUpdateSet({
          kudosIds: sql<
            string[]
          >`(select array_agg(distinct x order by x) from unnest(recognition_flags.kudos_ids || excluded.kudos_ids) x)`,
          points: sql<number>`greatest(recognition_flags.points, excluded.points)`,
        }),
    )
    .returning(['id', sql<boolean>`(xmax = 0)`.as('opened')])
    .executeTakeFirstOrThrow();
  return row;
}

const FLAG_COLUMNS = ['id', 'kind', 'members', 'points', 'kudosIds', 'status', 'createdAt', 'reviewedAt', 'note'] as const;

/** A page of flags in one status, newest first. */
export async function flagPage(db: Executor, orgId: string, status: 'open' | 'dismissed' | 'confirmed', limit: number, after: After) {
  return db
    .selectFrom('recognitionFlags as f')
    .select(FLAG_COLUMNS.map((c) => `f.${c}` as const))
    .where('f.orgId', '=', orgId)
    .where('f.status', '=', status)
    .$if(after !== undefined, (qb) => qb.where(before(after, 'f.created_at', 'f.id')))
    .orderBy('f.createdAt', 'desc')
    .orderBy('f.id', 'desc')
    .limit(limit + 1)
    .execute();
}

export type FlagRow = Awaited<ReturnType<typeof flagPage>>[number];

export async function flagById(db: Executor, orgId: string, id: string, lock = false): Promise<FlagRow | undefined> {
  return db
    .selectFrom('recognitionFlags as f')
    .select(FLAG_COLUMNS.map((c) => `f.${c}` as const))
    .where('f.orgId', '=', orgId)
    .where('f.id', '=', id)
    .$if(lock, (qb) => qb.forUpdate())
    .executeTakeFirst();
}

/** Records an administrator's decision on an open flag. */
export async function resolveFlag(
  trx: Transaction<DB>,
  r: { orgId: string; id: string; status: 'dismissed' | 'confirmed'; note: string | null; reviewedBy: string },
): Promise<void> {
  await trx
    .updateTable('recognitionFlags')
    .set({ status: r.status, note: r.note, reviewedBy: r.reviewedBy, reviewedAt: new Date() })
    .where('orgId', '=', r.orgId)
    .where('id', '=', r.id)
    .execute();
}
