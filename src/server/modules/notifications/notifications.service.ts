import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { recordEvents, type RealtimeEvent } from '../../platform/events.js';
import * as q from './notifications.queries.js';

export type { NotificationInput } from './notifications.queries.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Records notifications inside the caller's transaction (so they exist exactly when the change does),
 * skipping people notified of their own actions and types they switched off both in the app and by
 * e-mail. The caller has already made sure each person may see what the notification points to.
 * Returns the realtime events to publish after commit.
 */
export async function notify(db: Executor, items: readonly q.NotificationInput[]): Promise<RealtimeEvent[]> {
  const wanted = items.filter((n) => n.userId !== n.actorId);
  if (wanted.length === 0) {
    return [];
  }
  const prefs = await q.prefsOf(db, [...new Set(wanted.map((n) => n.userId))]);
  const kept = wanted.filter((n) => {
    const p = prefs.get(n.userId)?.[n.type];
    return (p?.inApp ?? true) || (p?.email ?? true);
  });
  const ids = await q.insertNotifications(db, kept);
  return recordEvents(
    db,
    kept.map((n, i) => ({
      orgId: n.orgId,
      channel: `user:${n.userId}`,
      type: 'notification.created' as const,
      payload: { id: ids[i], type: n.type },
    })),
  );
}
