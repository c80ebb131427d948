import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { CommsAudience } from '../../../shared/comms.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Where one person stands, for "does this campaign's audience reach them": their department and
 * every department above it, their team, location, and the communities they are an active member of.
 */
export interface Reach {
  userId: string;
  departmentIds: string[];
  teamId: string | null;
  locationId: string | null;
  communityIds: string[];
}

/** One person's reach, in one query (whatever the number of campaigns asked about afterwards). */
export async function readerReach(db: Executor, orgId: string, userId: string): Promise<Reach> {
  const r = await sql<{ teamId: string | null; locationId: string | null; departmentIds: string[] | null; communityIds: string[] | null }>`
    select u.team_id as "teamId", u.location_id as "locationId",
      (with recursive up(id, depth) as (
         select u.department_id, 0 where u.department_id is not null
         union all
         select d.parent_id, up.depth + 1 from departments d join up on d.id = up.id
         where d.org_id = ${orgId} and d.parent_id is not null and up.depth < 100
       ) select array_agg(id::text) from up) as "departmentIds",
      (select array_agg(m.community_id::text) from community_members m
       where m.org_id = ${orgId} and m.user_id = u.id and m.status = 'active') as "communityIds"
    from users u
    where u.org_id = ${orgId} and u.id = ${userId}`.execute(db);
  const row = r.rows[0];
  return {
    userId,
    departmentIds: row?.departmentIds ?? [],
    teamId: row?.teamId ?? null,
    locationId: row?.locationId ?? null,
    communityIds: row?.communityIds ?? [],
  };
}

/**
 * SQL condition: the CommsAudience in `audienceColumn` (jsonb, as stored: camelCase keys) reaches the
 * person. Departments reach their sub-departments, so the person's department chain is matched.
 */
export function audienceReaches(reach: Reach, audienceColumn: string): Expression<SqlBool> {
  const a = sql.ref(audienceColumn);
  const parts = [sql<SqlBool>`${a} @> '{"all": true}'::jsonb`, sql<SqlBool>`${a} -> 'userIds' ? ${reach.userId}`];
  if (reach.departmentIds.length > 0) {
    parts.push(sql<SqlBool>`${a} -> 'departmentIds' ?| ${reach.departmentIds}::text[]`);
  }
  if (reach.teamId) {
    parts.push(sql<SqlBool>`${a} -> 'teamIds' ? ${reach.teamId}`);
  }
  if (reach.locationId) {
    parts.push(sql<SqlBool>`${a} -> 'locationIds' ? ${reach.locationId}`);
  }
  if (reach.communityIds.length > 0) {
    parts.push(sql<SqlBool>`${a} -> 'communityIds' ?| ${reach.communityIds}::text[]`);
  }
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

/** The same rule in TypeScript, for one campaign already loaded. */
export function reaches(audience: CommsAudience, reach: Reach): boolean {
  const any = (ids: string[] | undefined, mine: readonly string[]) => (ids ?? []).some((id) => mine.includes(id));
  return (
    audience.all === true ||
    any(audience.userIds, [reach.userId]) ||
    any(audience.departmentIds, reach.departmentIds) ||
    (reach.teamId !== null && any(audience.teamIds, [reach.teamId])) ||
    (reach.locationId !== null && any(audience.locationIds, [reach.locationId])) ||
    any(audience.communityIds, reach.communityIds)
  );
}
