import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { newId } from '../../platform/ids.js';
import type { NotificationType } from '../../../shared/social.js';

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

/** Per-type preferences of these people, as stored (absent types use the defaults). */
export async function prefsOf(
  db: Executor,
  userIds: readonly string[],
): Promise<Map<string, Record<string, { inApp?: boolean; email?: boolean }>>> {
  if (userIds.length === 0) {
    return new Map();
  }
  const rows = await db.selectFrom('notificationSettings').select(['userId', 'prefs']).where('userId', 'in', userIds).execute();
  return new Map(rows.map((r) => [r.userId, (r.prefs ?? {}) as Record<string, { inApp?: boolean; email?: boolean }>]));
}

/** Inserts notifications and returns their ids, in input order. */
export async function insertNotifications(db: Executor, items: readonly NotificationInput[]): Promise<string[]> {
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
      })),
    )
    .execute();
  return ids;
}
