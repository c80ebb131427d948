import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB, MemberRole, MemberStatus } from '../../db/schema.js';
import { communityAbilities, type Actor, type CommunityAbilities, type CommunityFacts } from '../../platform/policy.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Who may read what, for every domain that shows community content (posts, feeds, search,
 * notifications, realtime). Rules live in the policy module; these are the batched look-ups it needs,
 * and the SQL forms of "readable by this person" for list queries.
 */

/** The facts the policy needs for each of these communities, in one query. Unknown ids are absent. */
export async function communityFacts(db: Executor, actor: Actor, ids: readonly string[]): Promise<Map<string, CommunityFacts>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) {
    return new Map();
  }
  const rows = await db
    .selectFrom('communities as c')
    .leftJoin('communityMembers as m', (j) => j.onRef('m.communityId', '=', 'c.id').on('m.userId', '=', actor.userId))
    .select(['c.id', 'c.visibility', 'c.archivedAt', 'c.isAllCompany', 'c.syncKind', 'm.role', 'm.status', 'm.viaSync'])
    .where('c.orgId', '=', actor.orgId)
    .where('c.id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, toFacts(r)]));
}

/** The policy's facts from a community row joined with the actor's membership row (absent: nulls). */
export function toFacts(r: {
  visibility: CommunityFacts['visibility'];
  archivedAt: Date | null;
  isAllCompany: boolean;
  syncKind: string | null;
  role: MemberRole | null;
  status: MemberStatus | null;
  viaSync: boolean | null;
}): CommunityFacts {
  return {
    visibility: r.visibility,
    archived: r.archivedAt !== null,
    isAllCompany: r.isAllCompany,
    synced: r.syncKind !== null || r.isAllCompany,
    membership: r.role && r.status ? { role: r.role, status: r.status, viaSync: r.viaSync ?? false } : null,
  };
}

/** The actor's abilities in each of these communities (batched); unknown ids are absent. */
export async function communityAccess(db: Executor, actor: Actor, ids: readonly string[]): Promise<Map<string, CommunityAbilities>> {
  const facts = await communityFacts(db, actor, ids);
  return new Map([...facts].map(([id, f]) => [id, communityAbilities(actor, f)]));
}

/**
 * SQL condition: the community in `communityColumn` (a posts-like table's nullable community id) is
 * readable by the person — public and not banned from it, or an active member. A null community (a
 * post on a profile) is readable by everyone in the organisation. Mirrors `communityAbilities().canRead`.
 */
export function readableBy(userId: string, communityColumn: string): Expression<SqlBool> {
  const col = sql.ref(communityColumn);
  return sql<SqlBool>`(${col} is null or ${col} in (
    select c.id from communities c
    left join community_members m on m.community_id = c.id and m.user_id = ${userId}
    where c.id = ${col} and (m.status = 'active' or (c.visibility = 'public' and m.status is distinct from 'banned'))
  ))`;
}

/** The ids of the communities the person is an active member of (for feeds and realtime subscriptions). */
export async function memberCommunityIds(db: Executor, orgId: string, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('communityMembers')
    .select('communityId')
    .where('orgId', '=', orgId)
    .where('userId', '=', userId)
    .where('status', '=', 'active')
    .execute();
  return rows.map((r) => r.communityId);
}

/**
 * Of these people, the ones who may read content of this community (null: a profile post, readable by
 * every active person). Used so that a mention or a notification never reaches someone who may not see it.
 */
export async function peopleWhoCanRead(
  db: Executor,
  orgId: string,
  communityId: string | null,
  userIds: readonly string[],
): Promise<Set<string>> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) {
    return new Set();
  }
  const rows = await db
    .selectFrom('users as u')
    .select('u.id')
    .where('u.orgId', '=', orgId)
    .where('u.status', '=', 'active')
    .where('u.id', 'in', unique)
    .$if(communityId !== null, (qb) =>
      qb.where((eb) =>
        eb.exists(
          eb
            .selectFrom('communities as c')
            .leftJoin('communityMembers as m', (j) => j.onRef('m.communityId', '=', 'c.id').onRef('m.userId', '=', 'u.id'))
            .select(sql`1`.as('one'))
            .where('c.id', '=', communityId!)
            .where((eb) =>
              eb.or([
                eb('m.status', '=', 'active'),
                eb.and([eb('c.visibility', '=', 'public'), eb('m.status', 'is distinct from', 'banned')]),
              ]),
            ),
        ),
      ),
    )
    .execute();
  return new Set(rows.map((r) => r.id));
}
