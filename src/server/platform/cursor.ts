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
