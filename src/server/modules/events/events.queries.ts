import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { RsvpStatus } from '../../../shared/comms.js';
import { readableBy } from '../communities/communities.access.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** An event with its community, organiser and the viewer's RSVP, in one query. */
function eventSelect(db: Executor, orgId: string, viewerId: string) {
  return db
    .selectFrom('events as e')
    .leftJoin('communities as c', (j) => j.onRef('c.id', '=', 'e.communityId').on('c.orgId', '=', orgId))
    .leftJoin('users as o', (j) => j.onRef('o.id', '=', 'e.organiserId').on('o.orgId', '=', orgId))
    .leftJoin('eventRsvps as r', (j) => j.onRef('r.eventId', '=', 'e.id').on('r.userId', '=', viewerId))
    .select([
      'e.id',
      'e.title',
      'e.description',
      'e.descriptionHtml',
      'e.startsAt',
      'e.endsAt',
      'e.timeZone',
      'e.place',
      'e.onlineUrl',
      'e.capacity',
      'e.goingCount',
      'e.maybeCount',
      'e.waitlistCount',
      'e.reminderMinutes',
      'e.remindedAt',
      'e.sequence',
      'e.cancelledAt',
      'e.createdAt',
      'e.communityId',
      'c.name as communityName',
      'c.slug as communitySlug',
      'e.organiserId',
      'o.name as organiserName',
      'o.photoKey as organiserPhotoKey',
      'r.status as myRsvp',
    ])
    .where('e.orgId', '=', orgId);
}

export type EventRow = Awaited<ReturnType<ReturnType<typeof eventSelect>['executeTakeFirstOrThrow']>>;

/** One event of the organisation, whoever may read it (the service checks); locked when `lock` is set. */
export async function eventById(db: Executor, orgId: string, viewerId: string, id: string, lock = false): Promise<EventRow | undefined> {
  return eventSelect(db, orgId, viewerId)
    .where('e.id', '=', id)
    .$if(lock, (qb) => qb.forUpdate('e'))
    .executeTakeFirst();
}

export interface EventFilter {
  when: 'upcoming' | 'past';
  communityId?: string | undefined;
  /** Only events this person answered going, maybe or waitlist. */
  mine: boolean;
  now: Date;
}

/** Where a page of events resumes. */
export type EventAfter = { startsAt: Date; id: string } | undefined;

/**
 * A page of events the viewer may read (company-wide, or in a community they may read), cancelled
 * ones left out: upcoming (not yet ended) soonest first, past latest first. `limit + 1` rows.
 */
export async function eventPage(
  db: Executor,
  orgId: string,
  viewerId: string,
  f: EventFilter,
  limit: number,
  after: EventAfter,
): Promise<EventRow[]> {
  const upcoming = f.when === 'upcoming';
  return eventSelect(db, orgId, viewerId)
    .where('e.cancelledAt', 'is', null)
    .where(readableBy(viewerId, 'e.community_id'))
    .where('e.endsAt', upcoming ? '>' : '<=', f.now)
    .$if(f.communityId !== undefined, (qb) => qb.where('e.communityId', '=', f.communityId!))
    .$if(f.mine, (qb) => qb.where('r.status', 'in', ['going', 'maybe', 'waitlist']))
    .$if(after !== undefined, (qb) =>
      qb.where(
        upcoming
          ? sql<SqlBool>`(e.starts_at, e.id) > (${after!.startsAt}, ${after!.id}::uuid)`
          : sql<SqlBool>`(e.starts_at, e.id) < (${after!.startsAt}, ${after!.id}::uuid)`,
      ),
    )
    .orderBy('e.startsAt', upcoming ? 'asc' : 'desc')
    .orderBy('e.id', upcoming ? 'asc' : 'desc')
    .limit(limit + 1)
    .execute();
}

export interface EventValues {
  title: string;
  description: string;
  descriptionHtml: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  place: string | null;
  onlineUrl: string | null;
  capacity: number | null;
  reminderMinutes: number;
}

export async function insertEvent(
  db: Executor,
  row: EventValues & { id: string; orgId: string; organiserId: string; communityId: string | null },
): Promise<void> {
  await db.insertInto('events').values(row).execute();
}

/** Changes an event and raises its sequence, so that calendars replace their copy. */
export async function updateEvent(
  db: Executor,
  orgId: string,
  id: string,
  changes: Partial<EventValues> & { remindedAt?: Date | null; cancelledAt?: Date },
): Promise<void> {
  await db
    .updateTable('events')
    .set({ ...changes, sequence: sql<number>`sequence + 1`, updatedAt: new Date() })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .execute();
}

/** The person's RSVP row for an event, if any. */
export async function rsvpOf(db: Executor, orgId: string, eventId: string, userId: string) {
  return db
    .selectFrom('eventRsvps')
    .select(['status', 'createdAt'])
    .where('orgId', '=', orgId)
    .where('eventId', '=', eventId)
    .where('userId', '=', userId)
    .executeTakeFirst();
}

/**
 * Writes a person's answer. Joining the waitlist (again) puts them at its end: the row's `created_at`
 * is the place in the queue.
 */
export async function upsertRsvp(
  db: Executor,
  row: { orgId: string; eventId: string; userId: string; status: RsvpStatus; queuedNow: boolean },
): Promise<void> {
  const now = new Date();
  await db
    .insertInto('eventRsvps')
    .values({ orgId: row.orgId, eventId: row.eventId, userId: row.userId, status: row.status, createdAt: now, updatedAt: now })
    .onConflict((oc) =>
      oc.columns(['eventId', 'userId']).doUpdateSet({ status: row.status, updatedAt: now, ...(row.queuedNow ? { createdAt: now } : {}) }),
    )
    .execute();
}

/** Moves the counters of an event by these amounts (in the transaction holding its lock). */
export async function adjustCounts(
  db: Executor,
  orgId: string,
  eventId: string,
  d: { going: number; maybe: number; waitlist: number },
): Promise<void> {
  if (d.going === 0 && d.maybe === 0 && d.waitlist === 0) {
    return;
  }
  await db
    .updateTable('events')
    .set({
      goingCount: sql<number>`going_count + ${d.going}`,
      maybeCount: sql<number>`maybe_count + ${d.maybe}`,
      waitlistCount: sql<number>`waitlist_count + ${d.waitlist}`,
    })
    .where('orgId', '=', orgId)
    .where('id', '=', eventId)
    .execute();
}

/** The first `n` people on the waitlist, in the order they joined it. */
export async function firstWaitlisted(db: Executor, orgId: string, eventId: string, n: number): Promise<string[]> {
  if (n <= 0) {
    return [];
  }
  const rows = await db
    .selectFrom('eventRsvps')
    .select('userId')
    .where('orgId', '=', orgId)
    .where('eventId', '=', eventId)
    .where('status', '=', 'waitlist')
    .orderBy('createdAt')
    .orderBy('userId')
    .limit(n)
    .execute();
  return rows.map((r) => r.userId);
}

/** Gives these waitlisted people a seat. */
export async function promote(db: Executor, orgId: string, eventId: string, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) {
    return;
  }
  await db
    .updateTable('eventRsvps')
    .set({ status: 'going', updatedAt: new Date() })
    .where('orgId', '=', orgId)
    .where('eventId', '=', eventId)
    .where('userId', 'in', userIds)
    .where('status', '=', 'waitlist')
    .execute();
}

/** The people who answered one of these statuses. */
export async function rsvpUserIds(db: Executor, orgId: string, eventId: string, statuses: readonly RsvpStatus[]): Promise<string[]> {
  const rows = await db
    .selectFrom('eventRsvps')
    .select('userId')
    .where('orgId', '=', orgId)
    .where('eventId', '=', eventId)
    .where('status', 'in', statuses)
    .execute();
  return rows.map((r) => r.userId);
}

/** A page of people by their answer, first answers first; `limit + 1` rows. */
export async function attendeePage(
  db: Executor,
  orgId: string,
  eventId: string,
  status: RsvpStatus,
  limit: number,
  after: { createdAt: Date; id: string } | undefined,
) {
  return db
    .selectFrom('eventRsvps as r')
    .innerJoin('users as u', (j) => j.onRef('u.id', '=', 'r.userId').on('u.orgId', '=', orgId))
    .select(['u.id', 'u.name', 'u.photoKey', 'r.status', 'r.createdAt'])
    .where('r.orgId', '=', orgId)
    .where('r.eventId', '=', eventId)
    .where('r.status', '=', status)
    .where('u.status', '=', 'active')
    .$if(after !== undefined, (qb) => qb.where(sql<SqlBool>`(r.created_at, r.user_id) > (${after!.createdAt}, ${after!.id}::uuid)`))
    .orderBy('r.createdAt')
    .orderBy('r.userId')
    .limit(limit + 1)
    .execute();
}

/** Active people's names and addresses, for e-mails. */
export async function recipients(db: Executor, orgId: string, userIds: readonly string[]) {
  if (userIds.length === 0) {
    return [];
  }
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'locale'])
    .where('orgId', '=', orgId)
    .where('id', 'in', userIds)
    .where('status', '=', 'active')
    .execute();
}

/** The organisation's default language, for people who chose none. */
export async function orgLocale(db: Executor, orgId: string): Promise<string> {
  const row = await db.selectFrom('orgs').select('defaultLocale').where('id', '=', orgId).executeTakeFirst();
  return row?.defaultLocale ?? 'en';
}

// Calendar feeds

/** Revokes the person's feed tokens; returns how many were active. */
export async function revokeTokens(db: Executor, orgId: string, userId: string): Promise<number> {
  const rows = await db
    .updateTable('calendarTokens')
    .set({ revokedAt: new Date() })
    .where('orgId', '=', orgId)
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .returning('id')
    .execute();
  return rows.length;
}

export async function insertToken(db: Executor, row: { id: string; orgId: string; userId: string; tokenHash: string }) {
  return db.insertInto('calendarTokens').values(row).returning('createdAt').executeTakeFirstOrThrow();
}

/** The person's active feed token, if any (never the token itself: only its hash is stored). */
export async function activeToken(db: Executor, orgId: string, userId: string) {
  return db
    .selectFrom('calendarTokens')
    .select('createdAt')
    .where('orgId', '=', orgId)
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .orderBy('createdAt', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The active person an active feed token of this organisation belongs to. */
export async function tokenOwner(db: Executor, orgId: string, tokenHash: string) {
  return db
    .selectFrom('calendarTokens as t')
    .innerJoin('users as u', (j) => j.onRef('u.id', '=', 't.userId').on('u.orgId', '=', orgId))
    .select('u.id')
    .where('t.orgId', '=', orgId)
    .where('t.tokenHash', '=', tokenHash)
    .where('t.revokedAt', 'is', null)
    .where('u.status', '=', 'active')
    .executeTakeFirst();
}

/**
 * The events of a person's feed: those they answered going or maybe, starting in the window, that
 * they may read now (a community they left drops out). Cancelled ones stay, so that calendars remove them.
 */
export async function feedEvents(db: Executor, orgId: string, userId: string, from: Date, to: Date, limit: number) {
  return eventSelect(db, orgId, userId)
    .where('r.status', 'in', ['going', 'maybe'])
    .where('e.startsAt', '>=', from)
    .where('e.startsAt', '<=', to)
    .where(readableBy(userId, 'e.community_id'))
    .orderBy('e.startsAt')
    .orderBy('e.id')
    .limit(limit)
    .execute();
}

// Reminders

/**
 * Claims events whose reminder is due (of every organisation) and marks them reminded in one
 * statement: rows another node holds are skipped, and a claimed event is never reminded twice.
 * An event that started more than a few minutes ago is not reminded any more.
 */
export async function claimDueReminders(trx: Transaction<DB>, limit: number) {
  return trx
    .updateTable('events')
    .set({ remindedAt: sql<Date>`now()` })
    .where(
      'id',
      'in',
      trx
        .selectFrom('events')
        .select('id')
        .where('remindedAt', 'is', null)
        .where('cancelledAt', 'is', null)
        .where(sql<SqlBool>`starts_at - make_interval(mins => reminder_minutes) <= now()`)
        .where(sql<SqlBool>`starts_at > now() - interval '5 minutes'`)
        .orderBy('startsAt')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .where('remindedAt', 'is', null)
    .returning(['id', 'orgId', 'title', 'communityId', 'startsAt', 'timeZone', 'place', 'onlineUrl'])
    .execute();
}
