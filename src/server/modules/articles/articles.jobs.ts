import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Handlers } from '../../platform/jobs.js';
import { ensureTick, scheduleNextTick } from '../../platform/ticks.js';
import { runArticleTick } from './articles.service.js';

/** Publishes scheduled articles and unpublishes expired ones. */
export function articleHandlers(): Pick<Handlers, 'articles.tick'> {
  return {
    'articles.tick': async (_payload, trx) => {
      const now = new Date();
      await scheduleNextTick(trx, 'articles.tick', now);
      return runArticleTick(trx, now);
    },
  };
}

/** Starts the tick when a node starts its job worker (idempotent across nodes). */
export async function ensureArticleSchedule(db: Kysely<DB>): Promise<void> {
  await ensureTick(db, 'articles.tick');
}
