import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AudienceMember } from '../comms/audience.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** Recipients are written this many at a time (8 parameters a row stays far below PostgreSQL's limit). */
const RECIPIENT_BATCH = 2000;

/** Without a due date, a person is reminded at most this many times. */
export const MAX_OPEN_REMINDERS = 3;

export interface NewAnnouncementRow {
  id: string;
  orgId: string;
  authorId: string;
  title: string;
  body: string;
  bodyHtml: string;
  audience: unknown;
  audienceSize: number;
  urgent: boolean;
  publishAt: Date | null;
  pinnedUntil: Date | null;
  requiresAck: boolean;
  ackDueAt: Date | null;
}

export async function insertAnnouncement(db: Executor, row: NewAnnouncementRow): Promise<void> {
  await db
    .insertInto('announcements')
    .values({ ...row, audience: JSON.stringify(row.audience), createdAt: new Date() })
    .execute();
}

/** Changes an announcement that has not been published; false when it was published or cancelled meanwhile. */
export async function updateDraft(
  db: Executor,
  orgId: string,
  id: string,
  patch: Omit<NewAnnouncementRow, 'id' | 'orgId' | 'authorId'>,
): Promise<boolean> {
  const row = await db
    .updateTable('announcements')
    .set({ ...patch, audience: JSON.stringify(patch.audience), updatedAt: new Date() })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .where('publishedAt', 'is', null)
    .where('cancelledAt', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Cancels an announcement before it is published; false when it was published or cancelled meanwhile. */
export async function cancelAnnouncement(db: Executor, orgId: string, id: string): Promise<boolean> {
  const row = await db
    .updateTable('announcements')
    .set({ cancelledAt: new Date(), updatedAt: new Date() })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .where('publishedAt', 'is', null)
    .where('cancelledAt', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

const ANNOUNCEMENT_COLUMNS = [
  'a.id',
  'a.orgId',
  'a.authorId',
  'a.postId',
  'a.title',
  'a.body',
  'a.bodyHtml',
  'a.audience',
  'a.audienceSize',
  'a.urgent',
  'a.publishAt',
  'a.publishedAt',
  'a.pinnedUntil',
  'a.requiresAck',
  'a.ackDueAt',
  'a.lastRemindedAt',
  'a.cancelledAt',
  'a.createdAt',
  'u.name as authorName',
  'u.photoKey as authorPhotoKey',
] as const;

function withAuthor(db: Executor) {
  return db.selectFrom('announcements as a').innerJoin('users as u', 'u.id', 'a.authorId').select(ANNOUNCEMENT_COLUMNS);
}

/** One announcement with its author; locked for a change when asked. */
export async function announcementById(db: Executor, orgId: string, id: string, lock = false) {
  return withAuthor(db)
    .where('a.orgId', '=', orgId)
    .where('a.id', '=', id)
    .$if(lock, (qb) => qb.forUpdate('a'))
    .executeTakeFirst();
}

export type AnnouncementRow = NonNullable<Awaited<ReturnType<typeof announcementById>>>;

/** The viewer's receipt of one announcement, if they are a recipient. */
export async function receiptOf(db: Executor, orgId: string, announcementId: string, userId: string) {
  return db
    .selectFrom('announcementRecipients')
    .select(['seenAt', 'ackedAt'])
    .where('orgId', '=', orgId)
    .where('announcementId', '=', announcementId)
    .where('userId', '=', userId)
    .executeTakeFirst();
}

/** The viewer's receipts of several announcements at once. */
export async function receiptsOf(db: Executor, orgId: string, userId: string, ids: readonly string[]) {
  if (ids.length === 0) {
    return new Map<string, { seenAt: Date | null; ackedAt: Date | null }>();
  }
  const rows = await db
    .selectFrom('announcementRecipients')
    .select(['announcementId', 'seenAt', 'ackedAt'])
    .where('orgId', '=', orgId)
    .where('userId', '=', userId)
    .where('announcementId', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.announcementId, { seenAt: r.seenAt, ackedAt: r.ackedAt }]));
}

/** Snapshots the recipients with where each one is, a batch of rows per statement. */
export async function insertRecipients(
  db: Executor,
  orgId: string,
  announcementId: string,
  members: readonly AudienceMember[],
  deliveredAt: Date,
): Promise<void> {
  for (let i = 0; i < members.length; i += RECIPIENT_BATCH) {
    await db
      .insertInto('announcementRecipients')
      .values(
        members.slice(i, i + RECIPIENT_BATCH).map((m) => ({
          orgId,
          announcementId,
          userId: m.userId,
          departmentId: m.departmentId,
          teamId: m.teamId,
          locationId: m.locationId,
          deliveredAt,
          lastChannel: 'app',
        })),
      )
      .onConflict((oc) => oc.columns(['announcementId', 'userId']).doNothing())
      .execute();
  }
}

export async function markPublished(
  db: Executor,
  orgId: string,
  id: string,
  values: { postId: string; publishedAt: Date; audienceSize: number },
): Promise<void> {
  await db
    .updateTable('announcements')
    .set({ ...values, updatedAt: values.publishedAt })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .execute();
}

export interface InboxKey {
  pending: number;
  at: Date;
  id: string;
}

const pendingExpr = sql<number>`(case when a.requires_ack and r.acked_at is null then 1 else 0 end)`;

/** Announcements addressed to the person: those waiting for their acknowledgement first, then newest first. */
export async function inboxPage(db: Executor, orgId: string, userId: string, after: InboxKey | undefined, limit: number) {
  return withAuthor(db)
    .innerJoin('announcementRecipients as r', (j) => j.onRef('r.announcementId', '=', 'a.id').on('r.userId', '=', userId))
    .select([pendingExpr.as('pending'), 'r.seenAt', 'r.ackedAt'])
    .where('r.orgId', '=', orgId)
    .where('a.publishedAt', 'is not', null)
    .$if(after !== undefined, (qb) =>
      qb.where(sql<boolean>`(${pendingExpr}, a.published_at, a.id) < (${after!.pending}, ${after!.at}, ${after!.id}::uuid)`),
    )
    .orderBy(pendingExpr, 'desc')
    .orderBy('a.publishedAt', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
}

/** Announcements one person wrote (or everyone's, when `authorId` is null), newest first. */
export async function sentPage(
  db: Executor,
  orgId: string,
  authorId: string | null,
  after: { createdAt: Date; id: string } | undefined,
  limit: number,
) {
  return withAuthor(db)
    .where('a.orgId', '=', orgId)
    .$if(authorId !== null, (qb) => qb.where('a.authorId', '=', authorId!))
    .$if(after !== undefined, (qb) => qb.where(sql<boolean>`(a.created_at, a.id) < (${after!.createdAt}, ${after!.id}::uuid)`))
    .orderBy('a.createdAt', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
}

/** Delivered, seen and acknowledged counts of several announcements, in one query. */
export async function countsOf(db: Executor, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) {
    return new Map<string, { delivered: number; seen: number; acknowledged: number }>();
  }
  const rows = await db
    .selectFrom('announcementRecipients')
    .select((eb) => [
      'announcementId',
      eb.fn.countAll<string>().as('delivered'),
      eb.fn.count<string>('seenAt').as('seen'),
      eb.fn.count<string>('ackedAt').as('acknowledged'),
    ])
    .where('orgId', '=', orgId)
    .where('announcementId', 'in', ids)
    .groupBy('announcementId')
    .execute();
  return new Map(
    rows.map((r) => [r.announcementId, { delivered: Number(r.delivered), seen: Number(r.seen), acknowledged: Number(r.acknowledged) }]),
  );
}

/**
 * What stays on top of the person's home: announcements addressed to them that are pinned now, or
 * wait for their acknowledgement; unacknowledged first, then newest first.
 */
export async function pinnedFor(db: Executor, orgId: string, userId: string, limit: number) {
  return withAuthor(db)
    .innerJoin('announcementRecipients as r', (j) => j.onRef('r.announcementId', '=', 'a.id').on('r.userId', '=', userId))
    .select([pendingExpr.as('pending'), 'r.seenAt', 'r.ackedAt'])
    .where('r.orgId', '=', orgId)
    .where('a.publishedAt', 'is not', null)
    .where((eb) =>
      eb.or([eb('a.pinnedUntil', '>', sql<Date>`now()`), eb.and([eb('a.requiresAck', '=', true), eb('r.ackedAt', 'is', null)])]),
    )
    .orderBy(pendingExpr, 'desc')
    .orderBy('a.publishedAt', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
}

/** Records that the person opened it; the receipt when it changed, undefined when it was seen already (or not theirs). */
export async function markSeen(db: Executor, orgId: string, id: string, userId: string) {
  return db
    .updateTable('announcementRecipients')
    .set({ seenAt: new Date() })
    .where('orgId', '=', orgId)
    .where('announcementId', '=', id)
    .where('userId', '=', userId)
    .where('seenAt', 'is', null)
    .returning(['seenAt', 'ackedAt'])
    .executeTakeFirst();
}

/** Records the acknowledgement (and that it was seen); undefined when it was acknowledged already (or not theirs). */
export async function markAcked(db: Executor, orgId: string, id: string, userId: string) {
  const now = new Date();
  return db
    .updateTable('announcementRecipients')
    .set((eb) => ({ ackedAt: now, seenAt: eb.fn.coalesce('seenAt', eb.val(now)) }))
    .where('orgId', '=', orgId)
    .where('announcementId', '=', id)
    .where('userId', '=', userId)
    .where('ackedAt', 'is', null)
    .returning(['seenAt', 'ackedAt'])
    .executeTakeFirst();
}

/** Delivered, seen and acknowledged counts of one announcement, per department, team or location (names included). */
export async function segmentCounts(db: Executor, orgId: string, id: string, by: 'department' | 'team' | 'location') {
  const column = sql.ref(`r.${by}_id`);
  const table = sql.table(by === 'department' ? 'departments' : by === 'team' ? 'teams' : 'locations');
  const { rows } = await sql<{ id: string | null; name: string | null; delivered: string; seen: string; acknowledged: string }>`
    select ${column} as id, s.name, count(*) as delivered, count(r.seen_at) as seen, count(r.acked_at) as acknowledged
    from announcement_recipients r
    left join ${table} s on s.id = ${column} and s.org_id = ${orgId}
    where r.org_id = ${orgId} and r.announcement_id = ${id}
    group by ${column}, s.name
    order by s.name nulls last, ${column}`.execute(db);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    delivered: Number(r.delivered),
    seen: Number(r.seen),
    acknowledged: Number(r.acknowledged),
  }));
}

export interface NameKey {
  name: string;
  id: string;
}

/** Recipients who have not acknowledged (or not opened, with `unseen`) it, by name. */
export async function pendingPage(
  db: Executor,
  orgId: string,
  id: string,
  opts: { unseen: boolean; after: NameKey | undefined; limit: number },
) {
  return db
    .selectFrom('announcementRecipients as r')
    .innerJoin('users as u', 'u.id', 'r.userId')
    .select(['u.id', 'u.name', 'u.title', 'u.photoKey', 'r.seenAt', 'r.remindedCount'])
    .where('r.orgId', '=', orgId)
    .where('r.announcementId', '=', id)
    .where(opts.unseen ? 'r.seenAt' : 'r.ackedAt', 'is', null)
    .$if(opts.after !== undefined, (qb) => qb.where(sql<boolean>`(u.name, u.id) > (${opts.after!.name}, ${opts.after!.id}::uuid)`))
    .orderBy('u.name')
    .orderBy('u.id')
    .limit(opts.limit)
    .execute();
}

/**
 * Counts one more reminder for each recipient still waiting (not acknowledged, or not opened with
 * `unseen`), in one statement, and returns who they are. `capped` leaves out those reminded
 * MAX_OPEN_REMINDERS times already.
 */
export async function takeReminded(db: Executor, orgId: string, id: string, opts: { unseen: boolean; capped: boolean }): Promise<string[]> {
  const rows = await db
    .updateTable('announcementRecipients')
    .set((eb) => ({ remindedCount: eb('remindedCount', '+', 1) }))
    .where('orgId', '=', orgId)
    .where('announcementId', '=', id)
    .where(opts.unseen ? 'seenAt' : 'ackedAt', 'is', null)
    .$if(opts.capped, (qb) => qb.where('remindedCount', '<', MAX_OPEN_REMINDERS))
    .returning('userId')
    .execute();
  return rows.map((r) => r.userId);
}

export async function setLastReminded(db: Executor, orgId: string, id: string, at: Date): Promise<void> {
  await db.updateTable('announcements').set({ lastRemindedAt: at }).where('orgId', '=', orgId).where('id', '=', id).execute();
}

/** Scheduled announcements whose time has come, locked so that two nodes never publish one twice. */
export async function duePublications(db: Executor, limit: number) {
  return db
    .selectFrom('announcements')
    .select(['id', 'orgId'])
    .where('publishedAt', 'is', null)
    .where('cancelledAt', 'is', null)
    .where('publishAt', '<=', sql<Date>`now()`)
    .orderBy('publishAt')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

/**
 * Published announcements asking for acknowledgement whose next reminder is due: every
 * `reminder_hours` (the organisation's setting) until the due time, and once at the due time.
 * Locked so that two nodes never remind twice.
 */
export async function dueReminders(db: Executor, limit: number) {
  const { rows } = await sql<{ id: string; orgId: string; authorId: string; title: string; ackDueAt: Date | null }>`
    select a.id, a.org_id, a.author_id, a.title, a.ack_due_at from announcements a
    left join comms_settings s on s.org_id = a.org_id
    where a.published_at is not null and a.cancelled_at is null and a.requires_ack
      and (
        ((a.ack_due_at is null or a.ack_due_at > now())
          and coalesce(a.last_reminded_at, a.published_at) + make_interval(hours => coalesce(s.reminder_hours, 24)) <= now())
        or (a.ack_due_at <= now() and a.ack_due_at > now() - interval '1 day'
          and coalesce(a.last_reminded_at, a.published_at) < a.ack_due_at)
      )
    order by a.published_at
    limit ${limit}
    for update of a skip locked`.execute(db);
  return rows;
}

/** The author as an actor for work done later in their name (publishing at the scheduled time). */
export async function authorOf(db: Executor, orgId: string, userId: string) {
  return db.selectFrom('users').select(['id', 'roles', 'status']).where('orgId', '=', orgId).where('id', '=', userId).executeTakeFirst();
}

/** What announcement posts carry for this viewer: the announcement, and the viewer's receipt when they are a recipient. */
export async function extrasRows(db: Executor, orgId: string, userId: string, postIds: readonly string[]) {
  return db
    .selectFrom('announcements as a')
    .leftJoin('announcementRecipients as r', (j) => j.onRef('r.announcementId', '=', 'a.id').on('r.userId', '=', userId))
    .select([
      'a.id',
      'a.postId',
      'a.authorId',
      'a.title',
      'a.urgent',
      'a.requiresAck',
      'a.ackDueAt',
      'a.pinnedUntil',
      'r.userId as recipientId',
      'r.seenAt',
      'r.ackedAt',
    ])
    .where('a.orgId', '=', orgId)
    .where('a.postId', 'in', postIds)
    .execute();
}
