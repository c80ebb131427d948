import type { Readable } from 'node:stream';
import { COMMS_LIMITS, type FileKind } from '../../../shared/comms.js';
import { photoUrl } from '../../../shared/urls.js';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { decodeTimeCursor, encodeTimeCursor } from '../../platform/cursor.js';
import { AppError, badRequest, forbidden, notFound } from '../../platform/errors.js';
import { recordEvents } from '../../platform/events.js';
import { newId, newSecret } from '../../platform/ids.js';
import { enqueue } from '../../platform/jobs.js';
import { communityAbilities, requireAction, type Actor, type CommunityAbilities } from '../../platform/policy.js';
import type { ByteRange } from '../../platform/storage.js';
import { detectType, processImage } from '../attachments/attachments.content.js';
import { communityFacts } from '../communities/communities.access.js';
import { loadCommsSettings } from '../comms/settings.js';
import { writeAndPublish } from '../posts/posts.content.js';
import { contentDisposition, extOfName, fileName, servedType, SNIFF_BYTES, sniff, stemOf, type Sniffed } from './files.content.js';
import * as q from './files.queries.js';
import type { FileListQuery, FilePage, FilePatch, FileSummary, FileVersionView, FileView } from './files.schemas.js';

/** An uploaded file as the HTTP layer hands it over: its bytes still arriving. */
export interface IncomingUpload {
  /** The name the sender gave, kept only to show. */
  filename: string;
  stream: AsyncIterable<Uint8Array>;
  /** True when the stream was cut at the byte limit it was opened with. */
  truncated(): boolean;
  /** Text fields sent before the file. */
  fields: Record<string, string>;
}

/** Opens the upload of a request, reading at most `maxBytes` + 1 bytes of the file (one more tells it was larger). */
export type ReadUpload = (maxBytes: number) => Promise<IncomingUpload>;

const DEFAULT_PAGE = 30;

const tooLarge = (limit: number) =>
  new AppError(413, 'FILE_TOO_LARGE', `The file is larger than the ${Math.floor(limit / (1024 * 1024)) || 1} MB allowed here.`, { limit });

/** The community's abilities for the actor; 404 when they may not read it. */
async function readableCommunity(ctx: Ctx, actor: Actor, communityId: string): Promise<{ can: CommunityAbilities; archived: boolean }> {
  const facts = (await communityFacts(ctx.db, actor, [communityId])).get(communityId);
  const can = facts ? communityAbilities(actor, facts) : undefined;
  if (!facts || !can?.canSee || !can.canRead) {
    throw notFound('community');
  }
  return { can, archived: facts.archived };
}

/** Throws 403 unless the actor may add content to the community (an active member of an open one). */
function requirePosting(c: { can: CommunityAbilities; archived: boolean }): void {
  if (c.can.canPost) {
    return;
  }
  if (c.archived) {
    throw forbidden('COMMUNITY_ARCHIVED', 'This community is archived: its files can still be read, but no longer changed.');
  }
  throw forbidden('NOT_A_MEMBER', 'Only members can share files in this community. Join it first.');
}

/** A file the actor may read, with their abilities in its community; 404 otherwise. */
async function readableFile(ctx: Ctx, actor: Actor, id: string) {
  const file = await q.fileById(ctx.db, actor.orgId, id);
  if (!file) {
    throw notFound('file');
  }
  const community = await readableCommunity(ctx, actor, file.communityId).catch((err: unknown) => {
    throw err instanceof AppError && err.status === 404 ? notFound('file') : err;
  });
  return { file, community };
}

function abilitiesOf(actor: Actor, file: { createdBy: string | null; kind: FileKind }, can: CommunityAbilities): FileSummary['abilities'] {
  const own = file.createdBy === actor.userId;
  const canEdit = (own && can.canPost) || can.canModerate;
  return { canEdit, canDelete: own || can.canModerate, canAddVersion: can.canPost, canSetPoster: canEdit && file.kind === 'video' };
}

const person = (id: string | null, name: string | null, photoKey: string | null) =>
  id && name ? { id, name, photoUrl: photoUrl(id, photoKey) } : null;

function posterUrl(fileId: string, version: number, posterKey: string | null): string | null {
  return posterKey ? `/api/files/${fileId}/poster?version=${version}` : null;
}

function toSummary(actor: Actor, row: q.FileListRow, can: CommunityAbilities): FileSummary {
  return {
    id: row.id,
    communityId: row.communityId,
    name: row.name,
    kind: row.kind,
    description: row.description,
    mime: row.mime,
    size: row.size,
    versionCount: row.versionCount,
    uploader: person(row.uploaderId, row.uploaderName, row.uploaderPhotoKey),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    url: `/api/files/${row.id}/content`,
    posterUrl: row.kind === 'video' ? posterUrl(row.id, row.version, row.posterKey) : null,
    abilities: abilitiesOf(actor, row, can),
  };
}

/**
 * Streams an upload into storage under a new key: its kind and type told from its first bytes, its
 * size held to the organisation's limit for that kind while it arrives. Whatever fails on the way
 * (too large, cut short, refused) leaves nothing stored.
 */
async function receive(
  ctx: Ctx,
  actor: Actor,
  fileId: string,
  read: ReadUpload,
): Promise<{ key: string; size: number; type: Sniffed; incoming: IncomingUpload }> {
  const limits = await loadCommsSettings(ctx.db, actor.orgId);
  const incoming = await read(Math.max(limits.fileMaxBytes, limits.videoMaxBytes));
  const iterator = incoming.stream[Symbol.asyncIterator]();
  // A body that ends before its file does (the connection dropped) is the sender's problem, not a server error.
  const source = {
    next: () =>
      iterator.next().catch((err: unknown) => {
        throw err instanceof AppError ? err : badRequest('UPLOAD_INCOMPLETE', 'The upload was interrupted before the end. Try again.');
      }),
    return: () => iterator.return?.(),
  };
  const chunks: Buffer[] = [];
  let headLength = 0;
  let done = false;
  while (headLength < SNIFF_BYTES) {
    const next = await source.next();
    if (next.done) {
      done = true;
      break;
    }
    chunks.push(Buffer.from(next.value));
    headLength += next.value.length;
  }
  const head = Buffer.concat(chunks);
  let type: Sniffed;
  let limit: number;
  try {
    type = await sniff(head.subarray(0, SNIFF_BYTES), incoming.filename);
    limit = type.kind === 'video' ? limits.videoMaxBytes : limits.fileMaxBytes;
    if (head.length > limit) {
      throw tooLarge(limit);
    }
  } catch (err) {
    // Stops reading the rest of a refused upload.
    await source.return();
    throw err;
  }
  const key = `files/${actor.orgId}/${fileId}/${newSecret(9)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')}.${type.ext}`;
  async function* counted(): AsyncGenerator<Uint8Array> {
    let size = head.length;
    yield head;
    while (!done) {
      const next = await source.next();
      if (next.done) {
        break;
      }
      size += next.value.length;
      if (size > limit) {
        throw tooLarge(limit);
      }
      yield next.value;
    }
    if (incoming.truncated()) {
      throw tooLarge(limit);
    }
  }
  let size: number;
  try {
    size = await ctx.storage.putStream(key, counted());
  } catch (err) {
    await ctx.storage.delete(key).catch(() => undefined);
    throw err;
  }
  return { key, size, type, incoming };
}

/** Runs the database part of an upload; the stored object goes again when it fails. */
async function keepOrDrop<T>(ctx: Ctx, key: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    await ctx.storage.delete(key).catch(() => undefined);
    throw err;
  }
}

function filesChanged(actor: Actor, communityId: string, fileId: string) {
  return { orgId: actor.orgId, channel: `community:${communityId}`, type: 'files.changed' as const, payload: { communityId, fileId } };
}

function descriptionOf(raw: string | undefined): string {
  const text = (raw ?? '').trim();
  if (text.length > COMMS_LIMITS.fileDescription) {
    throw badRequest('DESCRIPTION_TOO_LONG', `Keep the description under ${COMMS_LIMITS.fileDescription} characters.`, {
      limit: COMMS_LIMITS.fileDescription,
    });
  }
  return text;
}

/** Shares a file or a video in a community, for those who may post there. */
export async function upload(ctx: Ctx, actor: Actor, communityId: string, read: ReadUpload): Promise<FileView> {
  requireAction(actor, 'content.write');
  requirePosting(await readableCommunity(ctx, actor, communityId));
  const id = newId();
  const { key, size, type, incoming } = await receive(ctx, actor, id, read);
  await keepOrDrop(ctx, key, async () => {
    const description = descriptionOf(incoming.fields.description);
    await writeAndPublish(ctx, async (trx) => {
      await q.insertFile(
        trx,
        {
          id,
          orgId: actor.orgId,
          communityId,
          name: fileName(incoming.filename, type.ext),
          kind: type.kind,
          description,
          createdBy: actor.userId,
        },
        { id: newId(), storageKey: key, mime: type.mime, size },
      );
      return { result: undefined, events: await recordEvents(trx, [filesChanged(actor, communityId, id)]) };
    });
  });
  return get(ctx, actor, id);
}

/** Uploads the next version of a file; a video stays a video and a file stays a file. */
export async function addVersion(ctx: Ctx, actor: Actor, id: string, read: ReadUpload): Promise<FileView> {
  requireAction(actor, 'content.write');
  const { file, community } = await readableFile(ctx, actor, id);
  requirePosting(community);
  const { key, size, type } = await receive(ctx, actor, id, read);
  await keepOrDrop(ctx, key, async () => {
    if (type.kind !== file.kind) {
      throw badRequest(
        'FILE_KIND_CHANGED',
        file.kind === 'video'
          ? 'A new version of a video must be a video too.'
          : 'A new version of a file cannot be a video. Share the video as a file of its own.',
      );
    }
    await writeAndPublish(ctx, async (trx) => {
      const locked = await q.lockFile(trx, actor.orgId, id);
      if (!locked) {
        throw notFound('file');
      }
      await q.addVersion(trx, locked, fileName(stemOf(locked.name), type.ext), {
        id: newId(),
        storageKey: key,
        mime: type.mime,
        size,
        uploaderId: actor.userId,
      });
      return { result: undefined, events: await recordEvents(trx, [filesChanged(actor, file.communityId, id)]) };
    });
  });
  return get(ctx, actor, id);
}

/** A page of a community's files, most recently changed first. */
export async function list(ctx: Ctx, actor: Actor, communityId: string, query: FileListQuery): Promise<FilePage> {
  requireAction(actor, 'content.read');
  const { can } = await readableCommunity(ctx, actor, communityId);
  const limit = query.limit ?? DEFAULT_PAGE;
  const after = decodeTimeCursor(query.cursor);
  const rows = await q.listFiles(ctx.db, actor.orgId, communityId, after && { updatedAt: after.createdAt, id: after.id }, limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => toSummary(actor, r, can)),
    nextCursor: rows.length > limit && last ? encodeTimeCursor({ createdAt: last.updatedAt, id: last.id }) : null,
  };
}

/** A file with all its versions. */
export async function get(ctx: Ctx, actor: Actor, id: string): Promise<FileView> {
  requireAction(actor, 'content.read');
  const { community } = await readableFile(ctx, actor, id);
  const [row, versions] = await Promise.all([q.fileWithLatest(ctx.db, actor.orgId, id), q.versionsOf(ctx.db, actor.orgId, id)]);
  if (!row) {
    throw notFound('file');
  }
  return {
    ...toSummary(actor, row, community.can),
    versions: versions.map((v): FileVersionView => ({
      id: v.id,
      version: v.version,
      mime: v.mime,
      size: v.size,
      uploader: person(v.uploaderId, v.uploaderName, v.uploaderPhotoKey),
      createdAt: v.createdAt,
      url: `/api/files/${id}/content?version=${v.version}`,
      posterUrl: row.kind === 'video' ? posterUrl(id, v.version, v.posterKey) : null,
    })),
  };
}

/** Renames a file (its extension stays what its content is) or changes its description. */
export async function update(ctx: Ctx, actor: Actor, id: string, patch: FilePatch): Promise<FileView> {
  requireAction(actor, 'content.write');
  const { file, community } = await readableFile(ctx, actor, id);
  if (!abilitiesOf(actor, file, community.can).canEdit) {
    throw forbidden();
  }
  await writeAndPublish(ctx, async (trx) => {
    await q.updateFile(trx, actor.orgId, id, {
      ...(patch.name !== undefined ? { name: fileName(patch.name, extOfName(file.name)) } : {}),
      ...(patch.description !== undefined ? { description: descriptionOf(patch.description) } : {}),
    });
    return { result: undefined, events: await recordEvents(trx, [filesChanged(actor, file.communityId, id)]) };
  });
  return get(ctx, actor, id);
}

/**
 * Deletes a file for everyone: its uploader, or a moderator of its community. The row stays as a
 * tombstone; every stored version and poster is removed by a job once the deletion is committed.
 */
export async function remove(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  requireAction(actor, 'content.write');
  const { file, community } = await readableFile(ctx, actor, id);
  if (!abilitiesOf(actor, file, community.can).canDelete) {
    throw forbidden();
  }
  await writeAndPublish(ctx, async (trx) => {
    const keys = await q.softDelete(trx, actor.orgId, id);
    await enqueue(trx, actor.orgId, 'attachments.purge', { keys });
    if (file.createdBy !== actor.userId) {
      await audit(trx, { orgId: actor.orgId, actorId: actor.userId, action: 'file.deleted', targetId: id, data: { name: file.name } });
    }
    return { result: undefined, events: await recordEvents(trx, [filesChanged(actor, file.communityId, id)]) };
  });
  ctx.worker.poke();
}

/** Sets the picture a video shows before it plays (on its current version), re-encoded without metadata. */
export async function setPoster(
  ctx: Ctx,
  actor: Actor,
  id: string,
  read: () => Promise<{ filename: string; data: Buffer }>,
): Promise<FileView> {
  requireAction(actor, 'content.write');
  const { file, community } = await readableFile(ctx, actor, id);
  if (file.kind !== 'video') {
    throw badRequest('NOT_A_VIDEO', 'Only videos have a poster image.');
  }
  if (!abilitiesOf(actor, file, community.can).canSetPoster) {
    throw forbidden();
  }
  const upload = await read();
  const notImage = () => badRequest('POSTER_NOT_IMAGE', 'Choose a picture (JPEG, PNG or WebP) for the poster.');
  const type = await detectType(upload.data, upload.filename).catch((err: unknown) => {
    throw err instanceof AppError && err.code === 'UNSUPPORTED_FILE_TYPE' ? notImage() : err;
  });
  if (type.kind !== 'image') {
    throw notImage();
  }
  const image = await processImage(upload.data, type.format);
  const key = `files/${actor.orgId}/${id}/poster-${newSecret(9)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')}.webp`;
  await ctx.storage.put(key, image.data);
  const old = await keepOrDrop(ctx, key, () =>
    writeAndPublish(ctx, async (trx) => {
      const locked = await q.lockFile(trx, actor.orgId, id);
      const current = locked && (await q.versionOf(trx, actor.orgId, id, locked.versionCount));
      if (!current) {
        throw notFound('file');
      }
      const replaced = await q.setPoster(trx, actor.orgId, id, current.id, key);
      return { result: replaced, events: await recordEvents(trx, [filesChanged(actor, file.communityId, id)]) };
    }),
  );
  if (old) {
    await ctx.storage.delete(old).catch(() => undefined);
  }
  return get(ctx, actor, id);
}

/** What answering a request for a file's bytes needs. */
export interface ServedContent {
  status: 200 | 206 | 416;
  /** The whole version's size. */
  size: number;
  range: ByteRange | undefined;
  type: string;
  disposition: string;
  etag: string;
  /** The bytes to send; none for HEAD and for 416. */
  stream: Readable | undefined;
}

/**
 * Reads one `Range` header against an object of `size` bytes: the single range it asks for, 'whole'
 * when it asks for none (or several, or is not understood, which HTTP lets a server ignore), or
 * 'unsatisfiable' when it starts past the end.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'whole' | 'unsatisfiable' {
  const m = header ? /^bytes=\s*(\d*)-(\d*)\s*$/.exec(header) : null;
  if (!m) {
    return 'whole';
  }
  const [, a = '', b = ''] = m;
  if (a === '' && b === '') {
    return 'whole';
  }
  if (a === '') {
    const suffix = Number(b);
    if (suffix === 0 || size === 0) {
      return 'unsatisfiable';
    }
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(a);
  if (b !== '' && Number(b) < start) {
    return 'whole';
  }
  if (start >= size) {
    return 'unsatisfiable';
  }
  return { start, end: b === '' ? size - 1 : Math.min(Number(b), size - 1) };
}

/**
 * A version of a file (the current one by default) for someone who may read its community: whole or
 * the one byte range asked for, so that videos stream and seek. `withBody` false answers HEAD.
 */
export async function readContent(
  ctx: Ctx,
  actor: Actor,
  id: string,
  opts: { version?: number | undefined; range?: string | undefined; withBody: boolean },
): Promise<ServedContent> {
  requireAction(actor, 'content.read');
  const { file } = await readableFile(ctx, actor, id);
  const v = await q.versionOf(ctx.db, actor.orgId, id, opts.version);
  const size = v && (await ctx.storage.size(v.storageKey));
  if (!v || size === undefined) {
    throw notFound('file');
  }
  const name = fileName(stemOf(file.name), extOfName(v.storageKey));
  const served = { size, type: servedType(v.mime), disposition: contentDisposition(file.kind, name), etag: `"${v.id}"` };
  const range = parseRange(opts.range, size);
  if (range === 'unsatisfiable') {
    return { ...served, status: 416, range: undefined, stream: undefined };
  }
  const part = range === 'whole' ? undefined : range;
  const stream = opts.withBody && size > 0 ? await ctx.storage.read(v.storageKey, part) : undefined;
  return { ...served, status: part ? 206 : 200, range: part, stream };
}

/** A video version's poster picture. */
export async function readPoster(ctx: Ctx, actor: Actor, id: string, version: number | undefined): Promise<Buffer> {
  requireAction(actor, 'content.read');
  await readableFile(ctx, actor, id);
  const v = await q.versionOf(ctx.db, actor.orgId, id, version);
  const data = v?.posterKey ? await ctx.storage.get(v.posterKey) : undefined;
  if (!data) {
    throw notFound('poster');
  }
  return data;
}
