import { badRequest } from '../../platform/errors.js';

/**
 * Opaque page cursors of the feeds. Times travel as whole microseconds since the epoch, the
 * database's own precision: a millisecond Date would skip or repeat posts written within the same
 * millisecond at a page boundary.
 */

/** A position in a list ordered by (time, id), newest first. */
export interface TimeKey {
  us: number;
  id: string;
}

/** A position in a list ordered by (score, id), highest first, scored as of a fixed moment. */
export interface ScoreKey {
  score: number;
  id: string;
  asOfUs: number;
}

/** A position in the list of hashtags someone follows, newest first. */
export interface TagKey {
  us: number;
  tag: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Microseconds from 1970 to 2500: anything else is not a time this database wrote. */
const MAX_US = 16_725_225_600_000_000;

const encode = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');

function parts(cursor: string, kind: string): unknown[] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (Array.isArray(value) && value[0] === kind) {
      return value.slice(1) as unknown[];
    }
  } catch {
    // falls through to the error below
  }
  throw invalid();
}

const invalid = () => badRequest('INVALID_CURSOR', 'The page cursor is not valid.');
const isUs = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= MAX_US;
const isId = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

export const encodeTimeKey = (k: TimeKey) => encode(['t', k.us, k.id]);
export const encodeScoreKey = (k: ScoreKey) => encode(['s', k.score, k.id, k.asOfUs]);
export const encodeTagKey = (k: TagKey) => encode(['g', k.us, k.tag]);

export function decodeTimeKey(cursor: string | undefined): TimeKey | undefined {
  if (!cursor) {
    return undefined;
  }
  const [us, id] = parts(cursor, 't');
  if (!isUs(us) || !isId(id)) {
    throw invalid();
  }
  return { us, id };
}

export function decodeScoreKey(cursor: string | undefined): ScoreKey | undefined {
  if (!cursor) {
    return undefined;
  }
  const [score, id, asOfUs] = parts(cursor, 's');
  if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || !isId(id) || !isUs(asOfUs)) {
    throw invalid();
  }
  return { score, id, asOfUs };
}

export function decodeTagKey(cursor: string | undefined): TagKey | undefined {
  if (!cursor) {
    return undefined;
  }
  const [us, tag] = parts(cursor, 'g');
  if (!isUs(us) || typeof tag !== 'string' || tag.length === 0 || tag.length > 100) {
    throw invalid();
  }
  return { us, tag };
}
