import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { newId } from '../../platform/ids.js';
import type { Digest, NotificationType } from '../../../shared/social.js';
import { readableBy } from '../communities/communities.access.js';

type Executor = Kysely<DB> | Transaction<DB>;

export interface NotificationInput {
  orgId: string;
  /** Who is notified. */
  userId: string;
  type: NotificationType;
  /** Who caused it; nobody is notified of their own actions. */
  actorId: string | null;
  postId?: string | null;
  commentId?: string | null;
  communityId?: string | null;
  data?: Record<string, unknown>;
}

/** One type's channels as stored; an absent channel takes its default (on). */
export type StoredPrefs = Partial<Record<string, { inApp?: boolean; email?: boolean }>>;

export interface StoredSettings {
  digest: Digest;
  prefs: StoredPrefs;
  lastDigestAt: Date | null;
}

/** Stored settings of these people; people who never saved any are absent (the defaults apply). */
export async function settingsOf(db: Executor, userIds: readonly string[]): Promise<Map<string, StoredSettings>> {
  if (userIds.length === 0) {
    return new Map();
  }
  const rows = await db
    .selectFrom('notificationSettings')
    .select(['userId', 'digest', 'prefs', 'lastDigestAt'])
    .where('userId', 'in', userIds)
    .execute();
  return new Map(rows.map((r) => [r.userId, { digest: r.digest, prefs: r.prefs ?? {}, lastDigestAt: r.lastDigestAt }]));
}

/** Per-type preferences of these people, as stored (absent types use the defaults). */
export async function prefsOf(db: Executor, userIds: readonly string[]): Promise<Map<string, StoredPrefs>> {
  const settings = await settingsOf(db, userIds);
  return new Map([...settings].map(([id, s]) => [id, s.prefs]));
}

/**
 * Inserts notifications and returns their ids, in input order. `inApp: false` keeps a row out of the
 * notification centre; `emailSettled` marks it as not waiting for an e-mail digest.
 */
export async function insertNotifications(
  db: Executor,
  items: readonly (NotificationInput & { inApp?: boolean; emailSettled?: boolean })[],
): Promise<string[]> {
  if (items.length === 0) {
    return [];
  }
  const ids = items.map(() => newId());
  await db
    .insertInto('notifications')
    .values(
      items.map((n, i) => ({
        id: ids[i]!,
        orgId: n.orgId,
        userId: n.userId,
        type: n.type,
        actorId: n.actorId,
        postId: n.postId ?? null,
        commentId: n.commentId ?? null,
        communityId: n.communityId ?? null,
        data: JSON.stringify(n.data ?? {}),
        inApp: n.inApp ?? true,
        digestedAt: n.emailSettled ? new Date() : null,
      })),
    )
    .execute();
  return ids;
}

/**
 * Whether the reader may still read what a notification row `n` points to, over the joined post `np`
 * (the notification's post, or its comment's post), comment `nc` and community `ncm`. The community
 * condition mirrors `communityAbilities().canSee`, the post condition `canRead` plus the rule that a
 * hidden or deleted post is for its author only (and a deleted one for nobody).
 */
function visibility(reader: { userId: string; isAdmin: boolean }) {
  const postOk: RawBuilder<boolean> = sql<boolean>`(np.id is not null and np.deleted_at is null
    and (np.hidden_at is null or np.author_id = ${reader.userId}) and ${readableBy(reader.userId, 'np.community_id')})`;
  const commentOk: RawBuilder<boolean> = sql<boolean>`(nc.id is not null and nc.deleted_at is null
    and (nc.hidden_at is null or nc.author_id = ${reader.userId}))`;
  const communityOk: RawBuilder<boolean> = sql<boolean>`(ncm.id is not null and (ncm.visibility <> 'secret' or ${reader.isAdmin}
    or exists (select 1 from community_members m where m.community_id = ncm.id and m.user_id = ${reader.userId}
      and m.status in ('active', 'invited'))))`;
  /**
   * A notification pointing at something the reader can no longer read is left out; a moderation
   * notice about the reader's own content is kept (without the content) so that they learn why.
   */
  const keep: Expression<SqlBool> = sql<SqlBool>`((coalesce(n.post_id, nc.post_id) is null or ${postOk} or n.type = 'moderation')
    and (n.comment_id is null or ${commentOk} or n.type = 'moderation')
    and (n.community_id is null or ${communityOk}))`;
  return { postOk, commentOk, communityOk, keep };
}

function withTargets(db: Executor) {
  return db
    .selectFrom('notifications as n')
    .leftJoin('comments as nc', 'nc.id', 'n.commentId')
    .leftJoin('posts as np', (j) => j.on(sql`np.id`, '=', sql`coalesce(n.post_id, nc.post_id)`))
    .leftJoin('communities as ncm', 'ncm.id', 'n.communityId')
    .leftJoin('users as na', 'na.id', 'n.actorId');
}

/** A notification with what the reader may still see of its post, comment, community and actor. */
export interface NotificationRow {
  id: string;
  type: string;
  data: unknown;
  createdAt: Date;
  readAt: Date | null;
  actorId: string | null;
  actorName: string | null;
  actorPhotoKey: string | null;
  postId: string | null;
  postBody: string | null;
  commentId: string | null;
  commentBody: string | null;
  communityId: string | null;
  communityName: string | null;
  communitySlug: string | null;
  postOk: boolean;
  commentOk: boolean;
  communityOk: boolean;
  /** False when the reader can no longer read what it points to (the centre leaves it out). */
  visible: boolean;
}

function selectRow(db: Executor, reader: { userId: string; isAdmin: boolean }) {
  const v = visibility(reader);
  return withTargets(db).select([
    'n.id',
    'n.type',
    'n.data',
    'n.createdAt',
    'n.readAt',
    'n.actorId',
    'na.name as actorName',
    'na.photoKey as actorPhotoKey',
    'np.id as postId',
    'np.body as postBody',
    'nc.id as commentId',
    'nc.body as commentBody',
    'ncm.id as communityId',
    'ncm.name as communityName',
    'ncm.slug as communitySlug',
    v.postOk.as('postOk'),
    v.commentOk.as('commentOk'),
    v.communityOk.as('communityOk'),
    sql<boolean>`${v.keep}`.as('visible'),
  ]);
}

/** One page of a person's notification centre, newest first, keyset on (created_at, id). */
export async function page(
  db: Executor,
  reader: { orgId: string; userId: string; isAdmin: boolean },
  opts: { unreadOnly: boolean; limit: number; after: { createdAt: Date; id: string } | undefined },
): Promise<NotificationRow[]> {
  const rows = await selectRow(db, reader)
    .where(visibility(reader).keep)
    .where('n.orgId', '=', reader.orgId)
    .where('n.userId', '=', reader.userId)
    .where('n.inApp', '=', true)
    .$if(opts.unreadOnly, (qb) => qb.where('n.readAt', 'is', null))
    .$if(opts.after !== undefined, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('n.createdAt', '<', opts.after!.createdAt),
          eb.and([eb('n.createdAt', '=', opts.after!.createdAt), eb('n.id', '<', opts.after!.id)]),
        ]),
      ),
    )
    .orderBy('n.createdAt', 'desc')
    .orderBy('n.id', 'desc')
    .limit(opts.limit + 1)
    .execute();
  return rows;
}

/** How many unread notifications the centre shows, counting at most `cap`. */
export async function unreadCount(db: Executor, reader: { orgId: string; userId: string; isAdmin: boolean }, cap: number): Promise<number> {
  const v = visibility(reader);
  const row = await db
    .selectFrom(
      withTargets(db)
        .select('n.id')
        .where('n.orgId', '=', reader.orgId)
        .where('n.userId', '=', reader.userId)
        .where('n.inApp', '=', true)
        .where('n.readAt', 'is', null)
        .where(v.keep)
        .limit(cap)
        .as('unread'),
    )
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Marks some (or all) of a person's unread notifications in the centre as read; returns the ids marked. */
export async function markRead(db: Executor, orgId: string, userId: string, ids: readonly string[] | 'all'): Promise<string[]> {
  if (ids !== 'all' && ids.length === 0) {
    return [];
  }
  const rows = await db
    .updateTable('notifications')
    .set({ readAt: new Date() })
    .where('orgId', '=', orgId)
    .where('userId', '=', userId)
    .where('inApp', '=', true)
    .where('readAt', 'is', null)
    .$if(ids !== 'all', (qb) => qb.where('id', 'in', ids as readonly string[]))
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Saves a person's settings (creating their row on first save). */
export async function upsertSettings(
  db: Executor,
  orgId: string,
  userId: string,
  s: { digest: Digest; prefs: StoredPrefs },
): Promise<void> {
  await db
    .insertInto('notificationSettings')
    .values({ orgId, userId, digest: s.digest, prefs: JSON.stringify(s.prefs) })
    .onConflict((oc) => oc.column('userId').doUpdateSet({ digest: s.digest, prefs: JSON.stringify(s.prefs) }))
    .execute();
}

/** Stops notifications still waiting for a digest from being e-mailed: all of them, or those of some types. */
export async function settlePendingEmail(db: Executor, userId: string, types: readonly string[] | 'all'): Promise<void> {
  if (types !== 'all' && types.length === 0) {
    return;
  }
  await db
    .updateTable('notifications')
    .set({ digestedAt: new Date() })
    .where('userId', '=', userId)
    .where('digestedAt', 'is', null)
    .where('readAt', 'is', null)
    .$if(types !== 'all', (qb) => qb.where('type', 'in', types as readonly string[]))
    .execute();
}

// Digests

/** Takes the installation-wide lock that serialises digest scheduling until the transaction ends. */
export async function lockDigestScheduling(trx: Transaction<DB>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${DIGEST_LOCK}::bigint)`.execute(trx);
}
/** An arbitrary constant naming the digest scheduler's advisory lock. */
const DIGEST_LOCK = '7431962000115';

/** Whether a digest scheduling job waits to run later than now (the next link of the recurring chain). */
export async function hasFutureSchedule(db: Executor): Promise<boolean> {
  const row = await db
    .selectFrom('jobs')
    .select('id')
    .where('kind', '=', 'digest.schedule')
    .where('status', '=', 'pending')
    .where('runAt', '>', sql<Date>`now()`)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether any digest scheduling job is pending at all (due or later). */
export async function hasPendingSchedule(db: Executor): Promise<boolean> {
  const row = await db
    .selectFrom('jobs')
    .select('id')
    .where('kind', '=', 'digest.schedule')
    .where('status', '=', 'pending')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** People whose digest build is already queued. */
export async function queuedDigestBuilds(db: Executor): Promise<Set<string>> {
  const rows = await db
    .selectFrom('jobs')
    .select(sql<string>`payload->>'userId'`.as('userId'))
    .where('kind', '=', 'digest.build')
    .where('status', '=', 'pending')
    .execute();
  return new Set(rows.map((r) => r.userId));
}

/**
 * Active people, in every organisation, with notifications waiting for an e-mail and a digest that is
 * not switched off, with what deciding whether they are due needs. Those waiting longest come first.
 */
export async function digestCandidates(db: Executor, limit: number) {
  return db
    .selectFrom('users as u')
    .leftJoin('notificationSettings as s', 's.userId', 'u.id')
    .leftJoin('locations as l', 'l.id', 'u.locationId')
    .select(['u.id', 'u.orgId', 'u.timezone', 'l.timezone as locationTimezone', 's.digest', 's.lastDigestAt'])
    .where('u.status', '=', 'active')
    .where('u.id', 'in', (eb) =>
      eb.selectFrom('notifications').select('userId').distinct().where('digestedAt', 'is', null).where('readAt', 'is', null),
    )
    .where((eb) => eb.or([eb('s.digest', 'is', null), eb('s.digest', '<>', 'off')]))
    .orderBy(sql`s.last_digest_at asc nulls first`)
    .limit(limit)
    .execute();
}

/** The person a digest is for, with their organisation's name and language. */
export async function digestRecipient(db: Executor, userId: string) {
  return db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.orgId')
    .leftJoin('locations as l', 'l.id', 'u.locationId')
    .select([
      'u.id',
      'u.orgId',
      'u.email',
      'u.name',
      'u.locale',
      'u.roles',
      'u.status',
      'u.timezone',
      'l.timezone as locationTimezone',
      'o.name as orgName',
      'o.defaultLocale',
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst();
}

/**
 * Locks the person's settings row for the rest of the transaction (creating it with the defaults when
 * absent), so that two builds of the same digest queue up and the second sees the first's result.
 */
export async function lockSettings(trx: Transaction<DB>, orgId: string, userId: string): Promise<StoredSettings> {
  await trx
    .insertInto('notificationSettings')
    .values({ orgId, userId })
    .onConflict((oc) => oc.column('userId').doNothing())
    .execute();
  const row = await trx
    .selectFrom('notificationSettings')
    .select(['digest', 'prefs', 'lastDigestAt'])
    .where('userId', '=', userId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { digest: row.digest, prefs: row.prefs ?? {}, lastDigestAt: row.lastDigestAt };
}

/**
 * A person's notifications waiting for an e-mail, newest first, with what they may still see of them;
 * `visible` is false for those pointing at something they can no longer read.
 */
export async function pendingEmail(
  db: Executor,
  reader: { orgId: string; userId: string; isAdmin: boolean },
  limit: number,
): Promise<NotificationRow[]> {
  const rows = await selectRow(db, reader)
    .where('n.orgId', '=', reader.orgId)
    .where('n.userId', '=', reader.userId)
    .where('n.digestedAt', 'is', null)
    .where('n.readAt', 'is', null)
    .orderBy('n.createdAt', 'desc')
    .orderBy('n.id', 'desc')
    .limit(limit)
    .execute();
  return rows;
}

/** Records that these notifications were handled by a digest. */
export async function markDigested(db: Executor, ids: readonly string[], at: Date): Promise<void> {
  if (ids.length === 0) {
    return;
  }
  await db.updateTable('notifications').set({ digestedAt: at }).where('id', 'in', ids).execute();
}

export async function setLastDigestAt(db: Executor, userId: string, at: Date): Promise<void> {
  await db.updateTable('notificationSettings').set({ lastDigestAt: at }).where('userId', '=', userId).execute();
}
