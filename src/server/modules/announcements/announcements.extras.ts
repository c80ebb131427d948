import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { can, type Actor } from '../../platform/policy.js';
import type { AnnouncementExtra } from '../posts/extras.schemas.js';
import { extrasRows } from './announcements.queries.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * What announcement posts show this viewer, in one query for the page: their recipients, their
 * author and broadcasters see them; for anyone else they are left out (hidden), so that a targeted
 * announcement never shows in someone else's search, profile or feed.
 */
export async function announcementExtras(db: Executor, actor: Actor, postIds: string[]): Promise<Map<string, AnnouncementExtra>> {
  const found = new Map<string, AnnouncementExtra>();
  if (postIds.length === 0) {
    return found;
  }
  const broadcaster = can(actor, 'comms.broadcast');
  for (const r of await extrasRows(db, actor.orgId, actor.userId, postIds)) {
    const author = r.authorId === actor.userId;
    const recipient = r.recipientId !== null;
    if (!r.postId || !(recipient || author || broadcaster)) {
      continue;
    }
    found.set(r.postId, {
      id: r.id,
      title: r.title,
      urgent: r.urgent,
      requiresAck: r.requiresAck,
      ackDueAt: r.ackDueAt,
      pinnedUntil: r.pinnedUntil,
      mine: recipient ? { seenAt: r.seenAt, ackedAt: r.ackedAt } : null,
      canSeeStats: author || broadcaster,
    });
  }
  return found;
}
