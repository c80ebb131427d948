import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { can, type Actor } from '../../platform/policy.js';
import { communityAccess } from '../communities/communities.access.js';
import type { QuestionExtra } from '../posts/extras.schemas.js';
import { questionRows } from './questions.queries.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** What question posts show: the best answer and whether the viewer may choose it. */
export async function questionExtras(db: Executor, actor: Actor, postIds: string[]): Promise<Map<string, QuestionExtra>> {
  const rows = await questionRows(db, actor.orgId, postIds);
  const communityIds = [...new Set(rows.flatMap((r) => (r.communityId ? [r.communityId] : [])))];
  const access = await communityAccess(db, actor, communityIds);
  const admin = can(actor, 'moderation.admin');
  return new Map(
    rows.map((r) => [
      r.postId,
      {
        bestCommentId: r.bestCommentId,
        answeredAt: r.answeredAt,
        canChooseBest: r.askerId === actor.userId || admin || (r.communityId ? (access.get(r.communityId)?.canModerate ?? false) : false),
      },
    ]),
  );
}
