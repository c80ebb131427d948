import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { CommunityFilesTable, DB, FileVersionsTable } from '../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

export type FileRow = Selectable<CommunityFilesTable>;
export type VersionRow = Selectable<FileVersionsTable>;

/** A file as lists and pages show it: with its latest version and who uploaded that version. */
export interface FileListRow {
  id: string;
  communityId: string;
  name: string;
  kind: FileRow['kind'];
  description: string;
  createdBy: string | null;
  versionCount: number;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  mime: string;
  size: number;
  posterKey: string | null;
  uploaderId: string | null;
  uploaderName: string | null;
  uploaderPhotoKey: string | null;
}

/** Records a new file and its first version, in the caller's transaction. */
export async function insertFile(
  db: Executor,
  file: Pick<FileRow, 'id' | 'orgId' | 'communityId' | 'name' | 'kind' | 'description' | 'createdBy'>,
  version: Pick<VersionRow, 'id' | 'storageKey' | 'mime' | 'size'>,
): Promise<void> {
  const now = new Date();
  await db
    .insertInto('communityFiles')
    .values({ ...file, versionCount: 1, createdAt: now, updatedAt: now, deletedAt: null })
    .execute();
  await db
    .insertInto('fileVersions')
    .values({ ...version, orgId: file.orgId, fileId: file.id, version: 1, posterKey: null, uploaderId: file.createdBy, createdAt: now })
    .execute();
}

/** A file that is not deleted, or undefined. */
export async function fileById(db: Executor, orgId: string, id: string): Promise<FileRow | undefined> {
  return db
    .selectFrom('communityFiles')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
}

/** The same, locked until the transaction ends, so that two new versions never get the same number. */
export async function lockFile(db: Executor, orgId: string, id: string): Promise<FileRow | undefined> {
  return db
    .selectFrom('communityFiles')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Adds the next version of a locked file and makes it the current one (new name, moved to the top of
 * the list). A video's poster carries over to its new version until another one is set.
 */
export async function addVersion(
  db: Executor,
  file: Pick<FileRow, 'id' | 'orgId' | 'versionCount'>,
  name: string,
  version: Pick<VersionRow, 'id' | 'storageKey' | 'mime' | 'size' | 'uploaderId'>,
): Promise<number> {
  const next = file.versionCount + 1;
  const previous = await db
    .selectFrom('fileVersions')
    .select('posterKey')
    .where('orgId', '=', file.orgId)
    .where('fileId', '=', file.id)
    .where('version', '=', file.versionCount)
    .executeTakeFirst();
  await db
    .insertInto('fileVersions')
    .values({ ...version, orgId: file.orgId, fileId: file.id, version: next, posterKey: previous?.posterKey ?? null })
    .execute();
  await db
    .updateTable('communityFiles')
    .set({ versionCount: next, name, updatedAt: new Date() })
    .where('orgId', '=', file.orgId)
    .where('id', '=', file.id)
    .execute();
  return next;
}

const listColumns = [
  'f.id',
  'f.communityId',
  'f.name',
  'f.kind',
  'f.description',
  'f.createdBy',
  'f.versionCount',
  'f.createdAt',
  'f.updatedAt',
  'v.version',
  'v.mime',
  'v.size',
  'v.posterKey',
  'v.uploaderId',
  'u.name as uploaderName',
  'u.photoKey as uploaderPhotoKey',
] as const;

function withLatest(db: Executor, orgId: string) {
  return db
    .selectFrom('communityFiles as f')
    .innerJoin('fileVersions as v', (j) =>
      j.onRef('v.fileId', '=', 'f.id').onRef('v.version', '=', 'f.versionCount').onRef('v.orgId', '=', 'f.orgId'),
    )
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'v.uploaderId').onRef('u.orgId', '=', 'f.orgId'))
    .select(listColumns)
    .where('f.orgId', '=', orgId)
    .where('f.deletedAt', 'is', null);
}

const toListRow = <T extends { size: number | string | bigint }>(r: T) => ({ ...r, size: Number(r.size) });

/** A page of a community's files, most recently changed first (keyset on updated_at, id). */
export async function listFiles(
  db: Executor,
  orgId: string,
  communityId: string,
  after: { updatedAt: Date; id: string } | undefined,
  limit: number,
): Promise<FileListRow[]> {
  const rows = await withLatest(db, orgId)
    .where('f.communityId', '=', communityId)
    .$if(after !== undefined, (qb) => qb.where((eb) => eb(eb.refTuple('f.updatedAt', 'f.id'), '<', eb.tuple(after!.updatedAt, after!.id))))
    .orderBy('f.updatedAt', 'desc')
    .orderBy('f.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toListRow);
}

/** One file with its latest version, or undefined when it does not exist or is deleted. */
export async function fileWithLatest(db: Executor, orgId: string, id: string): Promise<FileListRow | undefined> {
  const row = await withLatest(db, orgId).where('f.id', '=', id).executeTakeFirst();
  return row ? toListRow(row) : undefined;
}

/** Every version of a file, newest first, with who uploaded each. */
export async function versionsOf(db: Executor, orgId: string, fileId: string) {
  const rows = await db
    .selectFrom('fileVersions as v')
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'v.uploaderId').onRef('u.orgId', '=', 'v.orgId'))
    .select([
      'v.id',
      'v.version',
      'v.mime',
      'v.size',
      'v.storageKey',
      'v.posterKey',
      'v.uploaderId',
      'v.createdAt',
      'u.name as uploaderName',
      'u.photoKey as uploaderPhotoKey',
    ])
    .where('v.orgId', '=', orgId)
    .where('v.fileId', '=', fileId)
    .orderBy('v.version', 'desc')
    .execute();
  return rows.map(toListRow);
}

/** One version of a file (the given number, or the latest), or undefined. */
export async function versionOf(db: Executor, orgId: string, fileId: string, version: number | undefined): Promise<VersionRow | undefined> {
  const row = await db
    .selectFrom('fileVersions')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('fileId', '=', fileId)
    .$if(version !== undefined, (qb) => qb.where('version', '=', version!))
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toListRow(row) : undefined;
}

/** Changes a file's name or description. */
export async function updateFile(db: Executor, orgId: string, id: string, patch: { name?: string; description?: string }): Promise<void> {
  await db
    .updateTable('communityFiles')
    .set({ ...patch, updatedAt: new Date() })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .execute();
}

/** Marks a file deleted; returns every stored key of its versions and posters, for removal after commit. */
export async function softDelete(db: Executor, orgId: string, id: string): Promise<string[]> {
  await db
    .updateTable('communityFiles')
    .set({ deletedAt: new Date() })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .execute();
  const rows = await db
    .selectFrom('fileVersions')
    .select(['storageKey', 'posterKey'])
    .where('orgId', '=', orgId)
    .where('fileId', '=', id)
    .execute();
  return [...new Set(rows.flatMap((r) => (r.posterKey ? [r.storageKey, r.posterKey] : [r.storageKey])))];
}

/**
 * Gives the version its poster; returns the poster it had when no other version of the file still uses
 * it (a poster carries over to later versions), so the caller can remove it.
 */
export async function setPoster(db: Executor, orgId: string, fileId: string, versionId: string, key: string): Promise<string | null> {
  const before = await db
    .selectFrom('fileVersions')
    .select('posterKey')
    .where('orgId', '=', orgId)
    .where('id', '=', versionId)
    .executeTakeFirst();
  await db.updateTable('fileVersions').set({ posterKey: key }).where('orgId', '=', orgId).where('id', '=', versionId).execute();
  const old = before?.posterKey ?? null;
  if (!old) {
    return null;
  }
  const used = await db
    .selectFrom('fileVersions')
    .select(sql<number>`count(*)`.as('n'))
    .where('orgId', '=', orgId)
    .where('fileId', '=', fileId)
    .where('posterKey', '=', old)
    .executeTakeFirstOrThrow();
  return Number(used.n) === 0 ? old : null;
}
