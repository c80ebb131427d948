import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/policy.js';
import type { QuestionExtra } from '../posts/extras.schemas.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** What question posts show: the best answer and whether the viewer may choose it. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export async function questionExtras(db: Executor, actor: Actor, postIds: string[]): Promise<Map<string, QuestionExtra>> {
  return new Map();
}
