import type { Kysely, Transaction } from 'kysely';
import type { Static } from 'typebox';
import type { DB } from '../../db/schema.js';
import { SOCIAL_LIMITS } from '../../../shared/social.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, badRequest, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { enqueue } from '../../platform/jobs.js';
import { requireAction, type Actor } from '../../platform/policy.js';
import type { Storage } from '../../platform/storage.js';
import { communityAccess } from '../communities/communities.access.js';
import type { AttachmentView } from '../posts/posts.schemas.js';
import { contentDisposition, detectType, displayName, processImage } from './attachments.content.js';
import * as q from './attachments.queries.js';

type Executor = Kysely<DB> | Transaction<DB>;
type View = Static<typeof AttachmentView>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Uploads never attached to a post or comment are deleted after this long. */
export const UNATTACHED_TTL_MS = 24 * 60 * 60_000;

const invalid = () => badRequest('ATTACHMENT_INVALID', 'An attached file was not found among your uploads.');

/**
 * Makes exactly these uploads (the actor's own, not yet attached elsewhere) the attachments of a post or
 * comment, in this order; attachments it had before and no longer lists are deleted. Throws
 * ATTACHMENT_INVALID for an id that is not the actor's free upload. The caller has already checked that
 * the actor may write the post or comment, and passes its transaction: the stored files of removed
 * attachments are deleted by a job once that transaction commits.
 */
export async function setAttachments(
  db: Executor,
  actor: Actor,
  target: { postId: string } | { commentId: string },
  ids: readonly string[],
): Promise<void> {
  const limit = 'postId' in target ? SOCIAL_LIMITS.attachmentsPerPost : SOCIAL_LIMITS.attachmentsPerComment;
  if (ids.length > limit) {
    throw badRequest('TOO_MANY_ATTACHMENTS', `Attach at most ${limit} files.`, { limit });
  }
  if (new Set(ids).size !== ids.length || ids.some((id) => !UUID.test(id))) {
    throw invalid();
  }
  if (ids.length > 0) {
    const claimable = await q.claimableIds(db, actor.orgId, actor.userId, target, ids);
    if (claimable.length !== ids.length) {
      throw invalid();
    }
    if ((await q.attach(db, actor.orgId, actor.userId, target, ids)) !== ids.length) {
      throw invalid();
    }
  }
  const removed = await q.detachOthers(db, actor.orgId, target, ids);
  if (removed.length > 0) {
    await enqueue(db, actor.orgId, 'attachments.purge', { keys: removed });
  }
}

/** The attachments of these posts or comments, keyed by post or comment id, in their order. */
export async function attachmentViews(
  db: Executor,
  orgId: string,
  of: { postIds: readonly string[] } | { commentIds: readonly string[] },
): Promise<Map<string, View[]>> {
  const [column, ids] = 'postIds' in of ? (['postId', of.postIds] as const) : (['commentId', of.commentIds] as const);
  const unique = [...new Set(ids)];
  const out = new Map<string, View[]>(unique.map((id) => [id, []]));
  if (unique.length === 0) {
    return out;
  }
  for (const row of await q.attachmentsOf(db, orgId, column, unique)) {
    const owner = row[column];
    if (owner) {
      out.get(owner)?.push(toView(row));
    }
  }
  return out;
}

function toView(row: Pick<q.AttachmentRow, 'id' | 'kind' | 'name' | 'mime' | 'size' | 'width' | 'height' | 'thumbKey'>): View {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    mime: row.mime,
    size: row.size,
    width: row.width,
    height: row.height,
    url: `/api/attachments/${row.id}`,
    thumbUrl: row.thumbKey ? `/api/attachments/${row.id}/thumb` : null,
  };
}

export interface IncomingFile {
  /** The name the sender gave, kept only to show. */
  filename: string;
  data: Buffer;
}

/**
 * Stores an upload of the actor, unattached until a post or comment claims it. Its kind is decided
 * from its bytes; pictures are re-encoded without metadata and get a thumbnail.
 */
export async function upload(ctx: Ctx, actor: Actor, read: () => Promise<IncomingFile>): Promise<View> {
  requireAction(actor, 'content.write');
  const file = await read();
  if (file.data.length > ctx.config.uploadLimit) {
    throw new AppError(413, 'FILE_TOO_LARGE', 'The file is too large.', { limit: ctx.config.uploadLimit });
  }
  const type = await detectType(file.data, file.filename);
  const id = newId();
  const prefix = `attachments/${actor.orgId}/${id}`;
  let row: q.NewAttachment;
  if (type.kind === 'image') {
    const image = await processImage(file.data, type.format);
    row = {
      id,
      orgId: actor.orgId,
      uploaderId: actor.userId,
      kind: 'image',
      mime: 'image/webp',
      name: displayName(file.filename, 'webp'),
      size: image.data.length,
      storageKey: `${prefix}.webp`,
      thumbKey: `${prefix}-thumb.webp`,
      width: image.width,
      height: image.height,
    };
    await ctx.storage.put(row.storageKey, image.data);
    await ctx.storage.put(row.thumbKey!, image.thumb);
  } else {
    row = {
      id,
      orgId: actor.orgId,
      uploaderId: actor.userId,
      kind: 'file',
      mime: type.mime,
      name: displayName(file.filename, type.ext),
      size: file.data.length,
      storageKey: `${prefix}.${type.ext}`,
      thumbKey: null,
      width: null,
      height: null,
    };
    await ctx.storage.put(row.storageKey, file.data);
  }
  try {
    await q.insertAttachment(ctx.db, row);
  } catch (err) {
    await deleteFiles(ctx.storage, row.thumbKey ? [row.storageKey, row.thumbKey] : [row.storageKey]);
    throw err;
  }
  return toView(row);
}

export interface ServedFile {
  data: Buffer;
  /** Content-Type to send. */
  type: string;
  disposition: string;
}

/**
 * An attachment's bytes (or its thumbnail) for the actor: their own upload, or an attachment of a post
 * or comment they may read. A removed post or comment, or a hidden one, keeps its files from everyone
 * but the uploader (and, when hidden, the moderators who may still see it).
 */
export async function readAttachment(ctx: Ctx, actor: Actor, id: string, variant: 'file' | 'thumb'): Promise<ServedFile> {
  requireAction(actor, 'content.read');
  const a = await q.attachmentForReading(ctx.db, actor.orgId, id);
  if (!a || !(await mayRead(ctx, actor, a))) {
    throw notFound('attachment');
  }
  const key = variant === 'thumb' ? a.thumbKey : a.storageKey;
  const data = key ? await ctx.storage.get(key) : undefined;
  if (!key || !data) {
    throw notFound('attachment');
  }
  const type = variant === 'thumb' ? 'image/webp' : a.mime.startsWith('text/') ? `${a.mime}; charset=utf-8` : a.mime;
  return { data, type, disposition: contentDisposition(a.kind, a.name) };
}

async function mayRead(ctx: Ctx, actor: Actor, a: NonNullable<Awaited<ReturnType<typeof q.attachmentForReading>>>): Promise<boolean> {
  if (a.uploaderId === actor.userId) {
    return true;
  }
  if (!a.ownerPostId || a.postDeletedAt || a.commentDeletedAt) {
    return false;
  }
  let canModerate = actor.roles.includes('admin');
  if (a.communityId) {
    const access = (await communityAccess(ctx.db, actor, [a.communityId])).get(a.communityId);
    if (!access?.canRead) {
      return false;
    }
    canModerate ||= access.canModerate;
  }
  return !(a.postHiddenAt || a.commentHiddenAt) || canModerate;
}

/** Removes stored files; a file already gone is not an error. */
export async function deleteFiles(storage: Storage, keys: readonly string[]): Promise<void> {
  for (const key of keys) {
    await storage.delete(key);
  }
}

const SWEEP_BATCH = 500;

/**
 * Deletes uploads that were never attached within UNATTACHED_TTL_MS (rows now, files by a job after
 * commit) across organisations; returns how many it deleted.
 */
export async function sweepStaleUploads(ctx: Ctx, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - UNATTACHED_TTL_MS);
  let total = 0;
  for (;;) {
    const removed = await ctx.db.transaction().execute(async (trx) => {
      const rows = await q.deleteStaleUploads(trx, before, SWEEP_BATCH);
      if (rows.length > 0) {
        await enqueue(trx, null, 'attachments.purge', { keys: rows.flat() });
      }
      return rows.length;
    });
    total += removed;
    if (removed > 0) {
      ctx.worker.poke();
    }
    if (removed < SWEEP_BATCH) {
      return total;
    }
  }
}

/** Runs the sweep of stale uploads now and then every `intervalMs`; returns the function that stops it. */
export function startUploadSweeper(ctx: Ctx, intervalMs = 60 * 60_000): () => void {
  const run = () => {
    sweepStaleUploads(ctx).catch((err: unknown) => ctx.log.warn({ err }, 'sweeping stale uploads failed'));
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  setImmediate(run);
  return () => clearInterval(timer);
}
