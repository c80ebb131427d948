import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** The organisation's audit trail, newest first, keyset-paginated on (created_at, id). */
export function list(db: Kysely<DB>, orgId: string, limit: number, after?: { createdAt: Date; id: string }) {
  return db
    .selectFrom('auditLog as a')
    .leftJoin('users as u', 'u.id', 'a.actorId')
    .select(['a.id', 'a.action', 'a.actorId', 'u.name as actorName', 'a.targetId', 'a.data', 'a.createdAt'])
    .where('a.orgId', '=', orgId)
    .$if(!!after, (qb) =>
      qb.where((eb) =>
        eb.or([eb('a.createdAt', '<', after!.createdAt), eb.and([eb('a.createdAt', '=', after!.createdAt), eb('a.id', '<', after!.id)])]),
      ),
    )
    .orderBy('a.createdAt', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit + 1)
    .execute();
}
