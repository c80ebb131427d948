import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/policy.js';
import type { AnnouncementExtra } from '../posts/extras.schemas.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** What announcement posts show this viewer; posts whose audience the viewer is not in are left out. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export async function announcementExtras(db: Executor, actor: Actor, postIds: string[]): Promise<Map<string, AnnouncementExtra>> {
  return new Map();
}
