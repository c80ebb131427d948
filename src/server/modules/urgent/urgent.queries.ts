import { type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { newId } from '../../platform/ids.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** An urgent broadcast as its delivery needs it. */
export interface UrgentRow {
  id: string;
  orgId: string;
  authorId: string;
  title: string;
  body: string;
  urgent: boolean;
  publishedAt: Date | null;
  endedAt: Date | null;
  cancelledAt: Date | null;
  escalationLevel: number;
}

/** One published urgent announcement of the organisation (ended or not). */
export async function urgentById(db: Executor, orgId: string, id: string): Promise<UrgentRow | undefined> {
  return db
    .selectFrom('announcements')
    .select(['id', 'orgId', 'authorId', 'title', 'body', 'urgent', 'publishedAt', 'endedAt', 'cancelledAt', 'escalationLevel'])
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .where('urgent', '=', true)
    .executeTakeFirst();
}

/** An urgent announcement with no organisation known yet (job payloads carry ids only). */
export async function urgentForJob(db: Executor, id: string): Promise<UrgentRow | undefined> {
  const row = await db.selectFrom('announcements').select('orgId').where('id', '=', id).executeTakeFirst();
  return row ? urgentById(db, row.orgId, id) : undefined;
}

/** Whether the person is among the broadcast's recipients. */
export async function isRecipient(db: Executor, orgId: string, announcementId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('announcementRecipients')
    .select('userId')
    .where('orgId', '=', orgId)
    .where('announcementId', '=', announcementId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** A recipient to reach by e-mail, in their language. */
export interface MailTarget {
  userId: string;
  email: string;
  locale: string | null;
  defaultLocale: string;
}

/**
 * Marks the active recipients who have not acknowledged (the author left out) as reached through
 * `channel`, and returns them. `fromChannel` makes the step conditional, so that a second run finds
 * no one to reach again.
 */
export async function markReached(
  db: Executor,
  orgId: string,
  announcementId: string,
  authorId: string,
  channel: string,
  fromChannel?: string,
): Promise<MailTarget[]> {
  const rows = await db
    .updateTable('announcementRecipients as r')
    .set({ lastChannel: channel })
    .from('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.orgId')
    .whereRef('u.id', '=', 'r.userId')
    .where('r.orgId', '=', orgId)
    .where('u.orgId', '=', orgId)
    .where('r.announcementId', '=', announcementId)
    .where('r.ackedAt', 'is', null)
    .where('r.userId', '!=', authorId)
    .where('u.status', '=', 'active')
    .$if(fromChannel !== undefined, (qb) => qb.where('r.lastChannel', '=', fromChannel ?? ''))
    .returning(['r.userId', 'u.email', 'u.locale', 'o.defaultLocale'])
    .execute();
  return rows.sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
}

/**
 * Moves the broadcast to escalation `round` if it is still at the round before and has not ended;
 * false when another run already did (or the broadcast is over).
 */
export async function advanceEscalation(db: Executor, orgId: string, id: string, round: number): Promise<boolean> {
  const res = await db
    .updateTable('announcements')
    .set({ escalationLevel: round, updatedAt: new Date() })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .where('escalationLevel', '=', round - 1)
    .where('endedAt', 'is', null)
    .where('cancelledAt', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Ends the broadcast now, unless it already ended; returns when it ended (now or before). */
export async function endBroadcast(db: Executor, orgId: string, id: string): Promise<{ endedAt: Date; changed: boolean }> {
  const updated = await db
    .updateTable('announcements')
    .set({ endedAt: new Date(), updatedAt: new Date() })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .where('endedAt', 'is', null)
    .returning('endedAt')
    .executeTakeFirst();
  if (updated?.endedAt) {
    return { endedAt: updated.endedAt, changed: true };
  }
  const row = await db
    .selectFrom('announcements')
    .select('endedAt')
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return { endedAt: row.endedAt ?? new Date(), changed: false };
}

/** The urgent broadcasts on the person's banner: published, not ended, not acknowledged by them; newest first. */
export async function activeFor(db: Executor, orgId: string, userId: string, limit: number) {
  return db
    .selectFrom('announcementRecipients as r')
    .innerJoin('announcements as a', 'a.id', 'r.announcementId')
    .innerJoin('users as u', 'u.id', 'a.authorId')
    .select([
      'a.id',
      'a.title',
      'a.body',
      'a.bodyHtml',
      'a.publishedAt',
      'a.authorId',
      'u.name as authorName',
      'u.photoKey as authorPhotoKey',
    ])
    .where('r.orgId', '=', orgId)
    .where('r.userId', '=', userId)
    .where('r.ackedAt', 'is', null)
    .where('a.orgId', '=', orgId)
    .where('a.urgent', '=', true)
    .where('a.publishedAt', 'is not', null)
    .where('a.endedAt', 'is', null)
    .where('a.cancelledAt', 'is', null)
    .orderBy('a.publishedAt', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
}

/** The organisation's VAPID key pair, if made. */
export async function vapidKeys(db: Executor, orgId: string): Promise<{ publicKey: string; privateKey: string } | undefined> {
  const row = await db
    .selectFrom('commsSettings')
    .select(['vapidPublicKey', 'vapidPrivateKey'])
    .where('orgId', '=', orgId)
    .executeTakeFirst();
  return row?.vapidPublicKey && row.vapidPrivateKey ? { publicKey: row.vapidPublicKey, privateKey: row.vapidPrivateKey } : undefined;
}

/**
 * Stores a new key pair unless the organisation has one already (two first uses at once keep the
 * first pair), and returns the pair in force.
 */
export async function storeVapidKeys(
  db: Executor,
  orgId: string,
  keys: { publicKey: string; privateKey: string },
): Promise<{ publicKey: string; privateKey: string }> {
  await db
    .insertInto('commsSettings')
    .values({ orgId, vapidPublicKey: keys.publicKey, vapidPrivateKey: keys.privateKey })
    .onConflict((oc) =>
      oc
        .column('orgId')
        .doUpdateSet({ vapidPublicKey: keys.publicKey, vapidPrivateKey: keys.privateKey })
        .where('commsSettings.vapidPublicKey', 'is', null),
    )
    .execute();
  const stored = await vapidKeys(db, orgId);
  if (!stored) {
    throw new Error('VAPID keys were not stored');
  }
  return stored;
}

/**
 * Saves a subscription by its endpoint: a new one, or new keys for the person's own. Returns false,
 * changing nothing, when the endpoint is someone else's.
 */
export async function upsertSubscription(
  db: Executor,
  s: { orgId: string; userId: string; endpoint: string; p256dh: string; auth: string },
): Promise<boolean> {
  const row = await db
    .insertInto('pushSubscriptions')
    .values({ id: newId(), ...s })
    .onConflict((oc) =>
      oc
        .column('endpoint')
        .doUpdateSet({ p256dh: s.p256dh, auth: s.auth, failures: 0 })
        .where('pushSubscriptions.orgId', '=', s.orgId)
        .where('pushSubscriptions.userId', '=', s.userId),
    )
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Removes the person's oldest subscriptions beyond the newest `keep`. */
export async function keepNewestSubscriptions(db: Executor, orgId: string, userId: string, keep: number): Promise<void> {
  const extra = await db
    .selectFrom('pushSubscriptions')
    .select('id')
    .where('orgId', '=', orgId)
    .where('userId', '=', userId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .offset(keep)
    .execute();
  if (extra.length > 0) {
    await db
      .deleteFrom('pushSubscriptions')
      .where('orgId', '=', orgId)
      .where(
        'id',
        'in',
        extra.map((r) => r.id),
      )
      .execute();
  }
}

/** Removes one of the person's subscriptions; whether there was one. */
export async function deleteSubscription(db: Executor, orgId: string, userId: string, endpoint: string): Promise<boolean> {
  const res = await db
    .deleteFrom('pushSubscriptions')
    .where('orgId', '=', orgId)
    .where('userId', '=', userId)
    .where('endpoint', '=', endpoint)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** A subscription to send to, with its organisation's keys. */
export interface PushTarget {
  id: string;
  orgId: string;
  userId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  vapidPublicKey: string | null;
  vapidPrivateKey: string | null;
}

/** Every subscription of these people, each with its organisation's VAPID keys. */
export async function subscriptionsOf(db: Executor, userIds: readonly string[]): Promise<PushTarget[]> {
  if (userIds.length === 0) {
    return [];
  }
  return db
    .selectFrom('pushSubscriptions as s')
    .innerJoin('users as u', (j) => j.onRef('u.id', '=', 's.userId').onRef('u.orgId', '=', 's.orgId'))
    .leftJoin('commsSettings as c', 'c.orgId', 's.orgId')
    .select(['s.id', 's.orgId', 's.userId', 's.endpoint', 's.p256dh', 's.auth', 'c.vapidPublicKey', 'c.vapidPrivateKey'])
    .where('s.userId', 'in', userIds)
    .where('u.status', '=', 'active')
    .orderBy('s.id')
    .execute();
}

/** Which of these people have at least one subscribed browser. */
export async function subscribedAmong(db: Executor, orgId: string, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) {
    return new Set();
  }
  const rows = await db
    .selectFrom('pushSubscriptions')
    .select('userId')
    .distinct()
    .where('orgId', '=', orgId)
    .where('userId', 'in', userIds)
    .execute();
  return new Set(rows.map((r) => r.userId));
}

/** What one push round did to the subscriptions: gone ones removed, failures counted, successes noted. */
export async function settlePushes(
  db: Executor,
  orgId: string,
  outcome: { gone: string[]; failed: string[]; delivered: string[] },
): Promise<void> {
  if (outcome.gone.length > 0) {
    await db.deleteFrom('pushSubscriptions').where('orgId', '=', orgId).where('id', 'in', outcome.gone).execute();
  }
  if (outcome.failed.length > 0) {
    await db
      .updateTable('pushSubscriptions')
      .set((eb) => ({ failures: eb('failures', '+', 1) }))
      .where('orgId', '=', orgId)
      .where('id', 'in', outcome.failed)
      .execute();
  }
  if (outcome.delivered.length > 0) {
    await db
      .updateTable('pushSubscriptions')
      .set({ failures: 0, lastSuccessAt: new Date() })
      .where('orgId', '=', orgId)
      .where('id', 'in', outcome.delivered)
      .execute();
  }
}
