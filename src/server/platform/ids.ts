import { randomBytes, createHash, timingSafeEqual } from 'node:crypto';
import { v7 } from 'uuid';

/** Time-ordered ids (UUIDv7): sortable by creation, index-friendly, unguessable enough for URLs. */
export const newId = (): string => v7();

/** A random secret for links and tokens, URL-safe. */
export const newSecret = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** Secrets are stored hashed; a database leak must not hand out live links or sessions. */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
