import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/policy.js';
import type { ArticleExtra } from '../posts/extras.schemas.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** What article posts show in a feed: title, cover, summary, reading time. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export async function articleExtras(db: Executor, actor: Actor, postIds: string[]): Promise<Map<string, ArticleExtra>> {
  return new Map();
}
