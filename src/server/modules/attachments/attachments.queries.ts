import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { AttachmentsTable, DB } from '../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

export type AttachmentRow = Selectable<AttachmentsTable>;
export type NewAttachment = Pick<
  AttachmentRow,
  'id' | 'orgId' | 'uploaderId' | 'kind' | 'mime' | 'name' | 'size' | 'storageKey' | 'thumbKey' | 'width' | 'height'
>;
export type Target = { postId: string } | { commentId: string };

const VIEW_COLUMNS = ['id', 'kind', 'name', 'mime', 'size', 'width', 'height', 'thumbKey', 'postId', 'commentId', 'position'] as const;

/** Records a new upload, not yet attached to anything. */
export async function insertAttachment(db: Executor, row: NewAttachment): Promise<void> {
  await db
    .insertInto('attachments')
    .values({ ...row, postId: null, commentId: null })
    .execute();
}

/**
 * Of these ids, the uploads the person may attach to the target: their own, and either free or already
 * on this same target. Locks the rows so that two posts cannot claim the same upload at once.
 */
export async function claimableIds(
  db: Executor,
  orgId: string,
  uploaderId: string,
  target: Target,
  ids: readonly string[],
): Promise<string[]> {
  const rows = await db
    .selectFrom('attachments')
    .select('id')
    .where('orgId', '=', orgId)
    .where('uploaderId', '=', uploaderId)
    .where('id', 'in', ids)
    .where((eb) =>
      eb.or([
        eb.and([eb('postId', 'is', null), eb('commentId', 'is', null)]),
        'postId' in target ? eb('postId', '=', target.postId) : eb('commentId', '=', target.commentId),
      ]),
    )
    .forUpdate()
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Attaches these uploads to the target, their position being their place in `ids`. Repeats the
 * ownership conditions so a row taken meanwhile is not overwritten; returns how many rows it attached.
 */
export async function attach(db: Executor, orgId: string, uploaderId: string, target: Target, ids: readonly string[]): Promise<number> {
  const result = await db
    .updateTable('attachments')
    .set({
      postId: 'postId' in target ? target.postId : null,
      commentId: 'commentId' in target ? target.commentId : null,
      position: sql<number>`array_position(${[...ids]}::uuid[], id) - 1`,
    })
    .where('orgId', '=', orgId)
    .where('uploaderId', '=', uploaderId)
    .where('id', 'in', ids)
    .where((eb) =>
      eb.or([
        eb.and([eb('postId', 'is', null), eb('commentId', 'is', null)]),
        'postId' in target ? eb('postId', '=', target.postId) : eb('commentId', '=', target.commentId),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Deletes the target's attachments that are not among `keep`; returns the storage keys they used. */
export async function detachOthers(db: Executor, orgId: string, target: Target, keep: readonly string[]): Promise<string[]> {
  const rows = await db
    .deleteFrom('attachments')
    .where('orgId', '=', orgId)
    .$if('postId' in target, (qb) => qb.where('postId', '=', (target as { postId: string }).postId))
    .$if('commentId' in target, (qb) => qb.where('commentId', '=', (target as { commentId: string }).commentId))
    .$if(keep.length > 0, (qb) => qb.where('id', 'not in', keep))
    .returning(['storageKey', 'thumbKey'])
    .execute();
  return rows.flatMap((r) => (r.thumbKey ? [r.storageKey, r.thumbKey] : [r.storageKey]));
}

export type AttachmentListRow = Pick<AttachmentRow, (typeof VIEW_COLUMNS)[number]>;

/** The attachments of these posts (or comments), ordered by owner and position, in one query. */
export async function attachmentsOf(
  db: Executor,
  orgId: string,
  column: 'postId' | 'commentId',
  ids: readonly string[],
): Promise<AttachmentListRow[]> {
  return db
    .selectFrom('attachments')
    .select(VIEW_COLUMNS)
    .where('orgId', '=', orgId)
    .where(column, 'in', ids)
    .orderBy(column)
    .orderBy('position')
    .orderBy('createdAt')
    .execute();
}

/** One attachment with what deciding who may read it needs: the post it belongs to, directly or through a comment. */
export async function attachmentForReading(db: Executor, orgId: string, id: string) {
  return db
    .selectFrom('attachments as a')
    .leftJoin('comments as c', (j) => j.onRef('c.id', '=', 'a.commentId').onRef('c.orgId', '=', 'a.orgId'))
    .leftJoin('posts as p', (j) => j.on((eb) => eb('p.id', '=', eb.fn.coalesce('a.postId', 'c.postId'))).onRef('p.orgId', '=', 'a.orgId'))
    .select([
      'a.id',
      'a.uploaderId',
      'a.kind',
      'a.mime',
      'a.name',
      'a.storageKey',
      'a.thumbKey',
      'a.postId',
      'a.commentId',
      'c.deletedAt as commentDeletedAt',
      'c.hiddenAt as commentHiddenAt',
      'p.id as ownerPostId',
      'p.communityId',
      'p.deletedAt as postDeletedAt',
      'p.hiddenAt as postHiddenAt',
    ])
    .where('a.orgId', '=', orgId)
    .where('a.id', '=', id)
    .executeTakeFirst();
}

/**
 * Deletes up to `limit` uploads never attached and older than `before`, across organisations;
 * returns the storage keys each used, to be removed once the deletion is committed.
 */
export async function deleteStaleUploads(db: Executor, before: Date, limit: number): Promise<string[][]> {
  const rows = await db
    .deleteFrom('attachments')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('attachments')
        .select('id')
        .where('postId', 'is', null)
        .where('commentId', 'is', null)
        .where('createdAt', '<', before)
        .limit(limit),
    )
    .where('postId', 'is', null)
    .where('commentId', 'is', null)
    .returning(['storageKey', 'thumbKey'])
    .execute();
  return rows.map((r) => (r.thumbKey ? [r.storageKey, r.thumbKey] : [r.storageKey]));
}
