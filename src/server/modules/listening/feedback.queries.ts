import { sql, type ExpressionBuilder, type Kysely, type Transaction } from 'kysely';
import type { DB, FeedbackThreadsTable } from '../../db/schema.js';
import { LISTENING_LIMITS, type FeedbackRecipient } from '../../../shared/listening.js';

type Executor = Kysely<DB> | Transaction<DB>;
export type ThreadStatus = 'open' | 'closed' | 'escalated';

/** The columns of a person that a conversation may show: never e-mail, roles or anything secret. */
export interface PersonRow {
  id: string;
  name: string;
  title: string | null;
  photoKey: string | null;
}

/** The organisation's anonymity threshold and its active leadership (the stored list, without people who left). */
export async function listeningFacts(db: Executor, orgId: string): Promise<{ threshold: number; leadershipIds: string[] }> {
  const row = await db.selectFrom('listeningSettings').select(['threshold', 'leadershipIds']).where('orgId', '=', orgId).executeTakeFirst();
  const stored = row?.leadershipIds ?? [];
  const active =
    stored.length === 0
      ? []
      : (
          await db
            .selectFrom('users')
            .select('id')
            .where('orgId', '=', orgId)
            .where('id', 'in', stored)
            .where('status', '=', 'active')
            .execute()
        ).map((r) => r.id);
  return { threshold: row?.threshold ?? LISTENING_LIMITS.defaultThreshold, leadershipIds: active };
}

/** Whether any active person of the organisation has the role. */
export async function orgHasRole(db: Executor, orgId: string, role: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('orgId', '=', orgId)
    .where('status', '=', 'active')
    .where(sql<boolean>`${role} = any(roles)`)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Up to `limit` active people with the role, by name, and how many there are. */
export async function peopleWithRole(
  db: Executor,
  orgId: string,
  role: string,
  limit: number,
): Promise<{ people: PersonRow[]; count: number }> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name', 'title', 'photoKey', sql<number>`count(*) over ()`.as('total')])
    .where('orgId', '=', orgId)
    .where('status', '=', 'active')
    .where(sql<boolean>`${role} = any(roles)`)
    .orderBy('name')
    .orderBy('id')
    .limit(limit)
    .execute();
  return { people: rows.map(({ total: _total, ...p }) => p), count: Number(rows[0]?.total ?? 0) };
}

/** These people (active ones only), by name. */
export async function activePeople(db: Executor, orgId: string, ids: readonly string[], limit: number): Promise<PersonRow[]> {
  if (ids.length === 0) {
    return [];
  }
  return db
    .selectFrom('users')
    .select(['id', 'name', 'title', 'photoKey'])
    .where('orgId', '=', orgId)
    .where('id', 'in', [...ids])
    .where('status', '=', 'active')
    .orderBy('name')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** A person's active manager and how many active people report directly to that manager. */
export async function managerOf(db: Executor, orgId: string, userId: string): Promise<{ person: PersonRow; reports: number } | null> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('users as m', (j) => j.onRef('m.id', '=', 'u.managerId').on('m.orgId', '=', orgId).on('m.status', '=', 'active'))
    .select(['m.id', 'm.name', 'm.title', 'm.photoKey'])
    .select((eb) =>
      eb
        .selectFrom('users as r')
        .select(eb.fn.countAll<number>().as('n'))
        .where('r.orgId', '=', orgId)
        .whereRef('r.managerId', '=', 'm.id')
        .where('r.status', '=', 'active')
        .as('reports'),
    )
    .where('u.orgId', '=', orgId)
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!row) {
    return null;
  }
  const { reports, ...person } = row;
  return { person, reports: Number(reports ?? 0) };
}

/** Whether anyone active reports directly to this person. */
export async function hasDirectReports(db: Executor, orgId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('orgId', '=', orgId)
    .where('managerId', '=', userId)
    .where('status', '=', 'active')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** What a thread row carries, with the manager it was written to and the writer once revealed. */
const threadColumns = [
  't.id',
  't.orgId',
  't.recipientKind',
  't.recipientId',
  't.subject',
  't.status',
  't.blocked',
  't.revealedUserId',
  't.writerUnread',
  't.recipientUnread',
  't.startedOn',
  't.activityOn',
  't.activitySeq',
  't.escalationNote',
  't.escalatedBy',
  't.escalatedOn',
  't.writerKeyHash',
] as const;

function threads(db: Executor, orgId: string) {
  return db
    .selectFrom('feedbackThreads as t')
    .leftJoin('users as r', 'r.id', 't.recipientId')
    .leftJoin('users as w', 'w.id', 't.revealedUserId')
    .leftJoin('users as e', 'e.id', 't.escalatedBy')
    .select(threadColumns)
    .select([
      'r.name as recipientName',
      'r.title as recipientTitle',
      'r.photoKey as recipientPhotoKey',
      'w.name as revealedName',
      'w.title as revealedTitle',
      'w.photoKey as revealedPhotoKey',
      'e.name as escalatedByName',
      'e.title as escalatedByTitle',
      'e.photoKey as escalatedByPhotoKey',
    ])
    .where('t.orgId', '=', orgId);
}

export type ThreadRow = NonNullable<Awaited<ReturnType<typeof threadById>>>;

export async function threadById(db: Executor, orgId: string, id: string) {
  return threads(db, orgId).where('t.id', '=', id).executeTakeFirst();
}

export async function threadByKeyHash(db: Executor, orgId: string, hash: string) {
  return threads(db, orgId).where('t.writerKeyHash', '=', hash).executeTakeFirst();
}

/** The threads of these key hashes, latest activity first. */
export async function threadsByKeyHashes(db: Executor, orgId: string, hashes: readonly string[]) {
  if (hashes.length === 0) {
    return [];
  }
  return threads(db, orgId)
    .where('t.writerKeyHash', 'in', [...hashes])
    .orderBy('t.activitySeq', 'desc')
    .execute();
}

/** Locks a thread for a change (messages are numbered under this lock); null when it is not there. */
export async function lockThread(trx: Transaction<DB>, orgId: string, id: string) {
  return trx
    .selectFrom('feedbackThreads')
    .select(['id', 'status', 'blocked', 'revealedUserId'])
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Writes a new thread. It is dated by the day only; its id is random (not time-ordered), and it
 * carries nothing of the writer but the hash of their key.
 */
export async function insertThread(
  trx: Transaction<DB>,
  t: { id: string; orgId: string; recipientKind: FeedbackRecipient; recipientId: string | null; writerKeyHash: string; subject: string },
): Promise<void> {
  await trx
    .insertInto('feedbackThreads')
    .values({ ...t, recipientUnread: true, notifyPending: true })
    .execute();
}

/** Appends a message after the thread's last one (call with the thread locked). */
export async function appendMessage(
  trx: Transaction<DB>,
  m: { id: string; threadId: string; sender: 'writer' | 'recipient'; authorId: string | null; body: string; bodyHtml: string },
): Promise<void> {
  await trx
    .insertInto('feedbackMessages')
    .columns(['id', 'threadId', 'seq', 'sender', 'authorId', 'body', 'bodyHtml'])
    .expression((eb) =>
      eb
        .selectFrom('feedbackMessages')
        .select([
          sql.val(m.id).as('id'),
          sql.val(m.threadId).as('threadId'),
          sql<number>`coalesce(max(seq), 0) + 1`.as('seq'),
          sql.val(m.sender).as('sender'),
          sql.val(m.authorId).as('authorId'),
          sql.val(m.body).as('body'),
          sql.val(m.bodyHtml).as('bodyHtml'),
        ])
        .where('threadId', '=', m.threadId),
    )
    .execute();
}

/** Moves the thread up its recipients' inbox after a message, and marks who has something unread. */
export async function touchThread(trx: Transaction<DB>, id: string, by: 'writer' | 'recipient'): Promise<void> {
  await trx
    .updateTable('feedbackThreads')
    .set({
      activitySeq: sql<string>`nextval('feedback_seq')`,
      activityOn: sql<string>`current_date`,
      ...(by === 'writer' ? { recipientUnread: true, notifyPending: true } : { writerUnread: true }),
    })
    .where('id', '=', id)
    .execute();
}

export async function updateThread(
  db: Executor,
  orgId: string,
  id: string,
  patch: {
    status?: ThreadStatus;
    blocked?: boolean;
    writerUnread?: boolean;
    recipientUnread?: boolean;
    revealedUserId?: string;
    escalation?: { note: string; by: string };
  },
): Promise<void> {
  const { escalation, ...rest } = patch;
  await db
    .updateTable('feedbackThreads')
    .set({
      ...rest,
      ...(escalation ? { escalationNote: escalation.note, escalatedBy: escalation.by, escalatedOn: sql<string>`current_date` } : {}),
    })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .execute();
}

/** A page of a thread's messages (the newest `limit`, or those before `before`), oldest first, with their authors. */
export async function messagesOf(db: Executor, threadId: string, before: number | undefined, limit: number) {
  const rows = await db
    .selectFrom('feedbackMessages as m')
    .leftJoin('users as u', 'u.id', 'm.authorId')
    .select(['m.seq', 'm.sender', 'm.bodyHtml', 'm.sentOn', 'm.authorId', 'u.name', 'u.title', 'u.photoKey', 'u.roles'])
    .where('m.threadId', '=', threadId)
    .$if(before !== undefined, (qb) => qb.where('m.seq', '<', before!))
    .orderBy('m.seq', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit).reverse();
  return { messages: page, olderBefore: rows.length > limit && page[0] ? page[0].seq : null };
}

/** Which threads a viewer receives, as the service decided from the access rules. */
export interface InboxScope {
  userId: string;
  hr: boolean;
  leadership: boolean;
  escalated: boolean;
}

function inboxWhere(scope: InboxScope) {
  return (eb: ExpressionBuilder<DB & { t: FeedbackThreadsTable }, 't'>) =>
    eb.or([
      eb.and([eb('t.recipientKind', '=', 'manager'), eb('t.recipientId', '=', scope.userId)]),
      ...(scope.hr ? [eb('t.recipientKind', '=', 'hr')] : []),
      ...(scope.leadership ? [eb('t.recipientKind', '=', 'leadership')] : []),
      ...(scope.escalated ? [eb('t.escalatedOn', 'is not', null)] : []),
    ]);
}

/** A page of the viewer's inbox, latest activity first, with message counts, in one query. */
export async function inboxPage(
  db: Executor,
  orgId: string,
  scope: InboxScope,
  opts: { status: ThreadStatus | undefined; afterSeq: number | undefined; limit: number },
) {
  return threads(db, orgId)
    .select((eb) => [
      eb
        .selectFrom('feedbackMessages as m')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('m.threadId', '=', 't.id')
        .as('messageCount'),
      eb
        .selectFrom('feedbackMessages as m')
        .select('m.sender')
        .whereRef('m.threadId', '=', 't.id')
        .orderBy('m.seq', 'desc')
        .limit(1)
        .as('lastSender'),
    ])
    .where(inboxWhere(scope))
    .$if(opts.status !== undefined, (qb) => qb.where('t.status', '=', opts.status!))
    .$if(opts.afterSeq !== undefined, (qb) => qb.where('t.activitySeq', '<', String(opts.afterSeq)))
    .orderBy('t.activitySeq', 'desc')
    .limit(opts.limit + 1)
    .execute();
}

/** How many threads of the viewer's inbox are unread and how many are not closed. */
export async function inboxCounts(db: Executor, orgId: string, scope: InboxScope): Promise<{ unread: number; open: number }> {
  const row = await threads(db, orgId)
    .clearSelect()
    .select([
      sql<number>`count(*) filter (where t.recipient_unread and t.status <> 'closed')`.as('unread'),
      sql<number>`count(*) filter (where t.status <> 'closed')`.as('open'),
    ])
    .where(inboxWhere(scope))
    .executeTakeFirstOrThrow();
  return { unread: Number(row.unread), open: Number(row.open) };
}

/** An arbitrary constant naming the feedback notifier's advisory lock. */
const FEEDBACK_LOCK = '7431962000501';

export async function lockFeedbackScheduling(trx: Transaction<DB>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${FEEDBACK_LOCK}::bigint)`.execute(trx);
}

/** Whether a notifier run is pending: at all, or (`later`) to run after now. */
export async function hasPendingFeedbackRun(db: Executor, later: boolean): Promise<boolean> {
  const row = await db
    .selectFrom('jobs')
    .select('id')
    .where('kind', '=', 'listening.feedback')
    .where('status', '=', 'pending')
    .$if(later, (qb) => qb.where('runAt', '>', sql<Date>`now()`))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Threads with writer messages their recipients were not told about yet, locked for this run. */
export async function pendingThreads(trx: Transaction<DB>, limit: number) {
  return trx
    .selectFrom('feedbackThreads')
    .select(['id', 'orgId', 'recipientKind', 'recipientId'])
    .where('notifyPending', '=', true)
    .orderBy('activitySeq')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

/** Active people of these organisations with the HR or administrator role. */
export async function overseersOf(db: Executor, orgIds: readonly string[]) {
  if (orgIds.length === 0) {
    return [];
  }
  return db
    .selectFrom('users')
    .select(['id', 'orgId', 'roles'])
    .where('orgId', 'in', [...orgIds])
    .where('status', '=', 'active')
    .where(sql<boolean>`roles && array['hr', 'admin']::text[]`)
    .execute();
}

/** The active leadership of each of these organisations (organisations that named none are absent). */
export async function leadershipOf(db: Executor, orgIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (orgIds.length === 0) {
    return out;
  }
  const rows = await db
    .selectFrom('listeningSettings as s')
    .innerJoin('users as u', (j) =>
      j
        .on(sql<boolean>`u.id = any(s.leadership_ids)`)
        .onRef('u.orgId', '=', 's.orgId')
        .on('u.status', '=', 'active'),
    )
    .select(['s.orgId', 'u.id'])
    .where('s.orgId', 'in', [...orgIds])
    .execute();
  for (const r of rows) {
    out.set(r.orgId, [...(out.get(r.orgId) ?? []), r.id]);
  }
  return out;
}

/** Of these people, the active ones. */
export async function activeIds(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) {
    return new Set();
  }
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('id', 'in', [...ids])
    .where('status', '=', 'active')
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function clearPending(trx: Transaction<DB>, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) {
    await trx
      .updateTable('feedbackThreads')
      .set({ notifyPending: false })
      .where('id', 'in', [...ids])
      .execute();
  }
}
