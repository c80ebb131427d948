import { badRequest } from './errors.js';

/** Keyset cursors over (created_at, id), opaque to clients. */
export function encodeTimeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');
}

export function decodeTimeCursor(cursor: string | undefined): { createdAt: Date; id: string } | undefined {
  if (!cursor) {
    return undefined;
  }
  const [ts, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const createdAt = new Date(ts ?? '');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(createdAt.getTime())) {
    throw badRequest('INVALID_CURSOR', 'The page cursor is not valid.');
  }
  return { createdAt, id };
}

/** Cuts a page from `limit + 1` rows read, with the cursor of its last row when more follow. */
export function keysetPage<T extends { createdAt: Date; id: string }>(rows: T[], limit: number): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last ? encodeTimeCursor(last) : null };
}
