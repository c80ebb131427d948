import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/policy.js';
import type { PollExtra } from '../posts/extras.schemas.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** What poll posts show this viewer: options, counts when they may be shown, their own votes. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export async function pollExtras(db: Executor, actor: Actor, postIds: string[]): Promise<Map<string, PollExtra>> {
  return new Map();
}
