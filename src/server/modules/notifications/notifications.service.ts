import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { decodeTimeCursor, keysetPage } from '../../platform/cursor.js';
import { badRequest } from '../../platform/errors.js';
import { recordEvents, type RealtimeEvent } from '../../platform/events.js';
import { requireAction, type Actor } from '../../platform/policy.js';
import { NOTIFICATION_TYPES, type Digest, type NotificationType } from '../../../shared/social.js';
import { photoUrl } from '../../../shared/urls.js';
import * as q from './notifications.queries.js';
import { excerpt } from './notifications.text.js';

export type { NotificationInput } from './notifications.queries.js';

type Executor = Kysely<DB> | Transaction<DB>;

export interface Channels {
  inApp: boolean;
  email: boolean;
}

/** A type's channels for a person: what they stored, on by default. */
export function channelsOf(prefs: q.StoredPrefs | undefined, type: string): Channels {
  const p = prefs?.[type];
  return { inApp: p?.inApp ?? true, email: p?.email ?? true };
}

/**
 * Records notifications inside the caller's transaction (so they exist exactly when the change does),
 * skipping people notified of their own actions. Each person's preferences decide the channels:
 * - shown in the app: a row in the centre, and a realtime event;
 * - switched off in the app but wanted by e-mail: a row kept out of the centre (`in_app = false`)
 *   that only the e-mail digest picks up;
 * - not wanted by e-mail (the type's e-mail is off, or the digest is): the row is born settled for
 *   e-mail, so no digest ever picks it up;
 * - neither: nothing is written.
 * The caller has already made sure each person may see what the notification points to (and the
 * centre and digest check it again when they show it). Returns the realtime events to publish after commit.
 */
export async function notify(db: Executor, items: readonly q.NotificationInput[]): Promise<RealtimeEvent[]> {
  const wanted = items.filter((n) => n.userId !== n.actorId);
  if (wanted.length === 0) {
    return [];
  }
  const settings = await q.settingsOf(db, [...new Set(wanted.map((n) => n.userId))]);
  const rows = wanted.flatMap((n) => {
    const s = settings.get(n.userId);
    const c = channelsOf(s?.prefs, n.type);
    const email = c.email && (s?.digest ?? 'daily') !== 'off';
    return c.inApp || email ? [{ ...n, inApp: c.inApp, emailSettled: !email }] : [];
  });
  const ids = await q.insertNotifications(db, rows);
  return recordEvents(
    db,
    rows.flatMap((n, i) =>
      n.inApp
        ? [{ orgId: n.orgId, channel: `user:${n.userId}`, type: 'notification.created' as const, payload: { id: ids[i], type: n.type } }]
        : [],
    ),
  );
}

const isAdmin = (actor: Actor) => actor.roles.includes('admin');
const readerOf = (actor: Actor) => ({ orgId: actor.orgId, userId: actor.userId, isAdmin: isAdmin(actor) });

/** What a client sees of a notification; content the reader may no longer read is left out. */
export function toView(r: q.NotificationRow) {
  return {
    id: r.id,
    type: r.type,
    actor: r.actorId && r.actorName !== null ? { id: r.actorId, name: r.actorName, photoUrl: photoUrl(r.actorId, r.actorPhotoKey) } : null,
    post: r.postOk && r.postId ? { id: r.postId, excerpt: excerpt(r.postBody ?? '') } : null,
    comment: r.commentOk && r.postOk && r.commentId ? { id: r.commentId, excerpt: excerpt(r.commentBody ?? '') } : null,
    community: r.communityOk && r.communityId ? { id: r.communityId, name: r.communityName ?? '', slug: r.communitySlug ?? '' } : null,
    data: (r.data ?? {}) as Record<string, unknown>,
    createdAt: r.createdAt,
    readAt: r.readAt,
  };
}

/**
 * The notification centre: newest first, optionally unread only. What a notification points to is
 * checked again now (the reader may have left a private community, the post may be gone), and
 * notifications about something no longer readable are left out.
 */
export async function list(
  ctx: Ctx,
  actor: Actor,
  input: { cursor?: string | undefined; unread?: boolean | undefined; limit?: number | undefined },
) {
  requireAction(actor, 'content.read');
  const limit = input.limit ?? 20;
  const rows = await q.page(ctx.db, readerOf(actor), { unreadOnly: input.unread ?? false, limit, after: decodeTimeCursor(input.cursor) });
  const { page, nextCursor } = keysetPage(rows, limit);
  return { items: page.map(toView), nextCursor };
}

const UNREAD_CAP = 100;

/** How many unread notifications the centre shows (up to 100). */
export async function unreadCount(ctx: Ctx, actor: Actor) {
  requireAction(actor, 'content.read');
  return { count: await q.unreadCount(ctx.db, readerOf(actor), UNREAD_CAP) };
}

/**
 * Marks notifications as read (some by id, or all) and tells the person's other tabs. Notifications
 * switched off in the app are not touched: they still wait for the e-mail digest.
 */
export async function markRead(ctx: Ctx, actor: Actor, input: { ids?: string[] | undefined; all?: true | undefined }) {
  requireAction(actor, 'me.update');
  if (!input.all === !input.ids) {
    throw badRequest('IDS_OR_ALL', 'Give either the ids to mark as read, or all: true.');
  }
  const which = input.all ? 'all' : (input.ids ?? []);
  const { marked, events } = await ctx.db.transaction().execute(async (trx) => {
    const marked = await q.markRead(trx, actor.orgId, actor.userId, which);
    const events =
      marked.length === 0
        ? []
        : await recordEvents(trx, [
            {
              orgId: actor.orgId,
              channel: `user:${actor.userId}`,
              type: 'notifications.read',
              payload: which === 'all' ? { all: true } : { ids: marked },
            },
          ]);
    return { marked, events };
  });
  await ctx.bus.publish(events);
  return { marked: marked.length };
}

function settingsView(s: { digest: Digest; prefs: q.StoredPrefs } | undefined) {
  return {
    digest: s?.digest ?? 'daily',
    types: Object.fromEntries(NOTIFICATION_TYPES.map((t) => [t, channelsOf(s?.prefs, t)])) as Record<NotificationType, Channels>,
  };
}

/** The person's notification settings, every type listed (defaults: in the app and by e-mail, daily digest). */
export async function getSettings(ctx: Ctx, actor: Actor) {
  requireAction(actor, 'me.read');
  const s = await q.settingsOf(ctx.db, [actor.userId]);
  return settingsView(s.get(actor.userId));
}

/**
 * Changes the digest frequency and the channels of some types. What waits for an e-mail the person no
 * longer wants (digest off, or the type's e-mail off) is settled at once, so it is never sent.
 */
export async function putSettings(
  ctx: Ctx,
  actor: Actor,
  input: { digest?: Digest | undefined; types?: Partial<Record<NotificationType, Channels | undefined>> | undefined },
) {
  requireAction(actor, 'me.update');
  return ctx.db.transaction().execute(async (trx) => {
    const current = (await q.settingsOf(trx, [actor.userId])).get(actor.userId);
    const digest = input.digest ?? current?.digest ?? 'daily';
    const prefs: q.StoredPrefs = { ...current?.prefs };
    for (const t of NOTIFICATION_TYPES) {
      const c = input.types?.[t];
      if (c) {
        prefs[t] = { inApp: c.inApp, email: c.email };
      }
    }
    await q.upsertSettings(trx, actor.orgId, actor.userId, { digest, prefs });
    if (digest === 'off') {
      await q.settlePendingEmail(trx, actor.userId, 'all');
    } else {
      await q.settlePendingEmail(
        trx,
        actor.userId,
        NOTIFICATION_TYPES.filter((t) => !channelsOf(prefs, t).email),
      );
    }
    return settingsView({ digest, prefs });
  });
}
