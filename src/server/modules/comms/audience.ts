import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { CommsAudience } from '../../../shared/comms.js';
import { badRequest } from '../../platform/errors.js';
import { audiencePeople, loadStructure } from '../listening/rounds.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** One person an audience reaches, with where they are (for counts per segment). */
export interface AudienceMember {
  userId: string;
  departmentId: string | null;
  teamId: string | null;
  locationId: string | null;
}

/** An audience as stored (JSON) or sent, with only its known fields, each a list of strings. */
export function parseCommsAudience(raw: unknown): CommsAudience {
  const a = (typeof raw === 'string' ? JSON.parse(raw) : raw) as CommsAudience | null;
  const ids = (v: unknown) => (Array.isArray(v) ? [...new Set(v.filter((x): x is string => typeof x === 'string'))] : []);
  return {
    all: a?.all === true,
    departmentIds: ids(a?.departmentIds),
    teamIds: ids(a?.teamIds),
    locationIds: ids(a?.locationIds),
    communityIds: ids(a?.communityIds),
    userIds: ids(a?.userIds),
  };
}

/** Whether the audience names nobody at all (a clear error rather than a message to no one). */
export function isEmptyAudience(a: CommsAudience): boolean {
  return (
    !a.all && !a.departmentIds?.length && !a.teamIds?.length && !a.locationIds?.length && !a.communityIds?.length && !a.userIds?.length
  );
}

/**
 * Checks that every id the audience names exists in the organisation; throws 400 AUDIENCE_UNKNOWN
 * naming the first unknown kind. Whether the sender may reach a community is the caller's check.
 */
export async function checkAudienceIds(db: Executor, orgId: string, a: CommsAudience): Promise<void> {
  const checks: Array<[keyof CommsAudience, 'departments' | 'teams' | 'locations' | 'communities' | 'users']> = [
    ['departmentIds', 'departments'],
    ['teamIds', 'teams'],
    ['locationIds', 'locations'],
    ['communityIds', 'communities'],
    ['userIds', 'users'],
  ];
  for (const [field, table] of checks) {
    const ids = (a[field] as string[] | undefined) ?? [];
    if (ids.length === 0) {
      continue;
    }
    const found = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('orgId', '=', orgId)
      .where('id', 'in', ids)
      .executeTakeFirstOrThrow();
    if (Number(found.n) !== ids.length) {
      throw badRequest('AUDIENCE_UNKNOWN', `The audience names ${table} that do not exist.`, { field });
    }
  }
}

/**
 * The active people an audience reaches now, each once, ordered by id. Departments include their
 * sub-departments; communities reach their active members.
 */
export async function audienceMembers(db: Executor, orgId: string, a: CommsAudience): Promise<AudienceMember[]> {
  const structure = await loadStructure(db, orgId);
  const structural = await audiencePeople(
    db,
    orgId,
    { all: a.all, departmentIds: a.departmentIds, teamIds: a.teamIds, locationIds: a.locationIds },
    structure,
  );
  const hasStructural = a.all || Boolean(a.departmentIds?.length || a.teamIds?.length || a.locationIds?.length);
  const byId = new Map<string, AudienceMember>();
  for (const p of hasStructural ? structural : []) {
    byId.set(p.userId, { userId: p.userId, departmentId: p.departmentId, teamId: p.teamId, locationId: p.locationId });
  }
  const extraIds = new Set<string>(a.userIds ?? []);
  if (a.communityIds?.length) {
    const members = await db
      .selectFrom('communityMembers')
      .select('userId')
      .where('orgId', '=', orgId)
      .where('communityId', 'in', a.communityIds)
      .where('status', '=', 'active')
      .execute();
    for (const m of members) {
      extraIds.add(m.userId);
    }
  }
  const missing = [...extraIds].filter((id) => !byId.has(id));
  if (missing.length > 0) {
    const people = await db
      .selectFrom('users')
      .select(['id', 'departmentId', 'teamId', 'locationId'])
      .where('orgId', '=', orgId)
      .where('status', '=', 'active')
      .where('id', 'in', missing)
      .execute();
    for (const p of people) {
      byId.set(p.id, { userId: p.id, departmentId: p.departmentId, teamId: p.teamId, locationId: p.locationId });
    }
  }
  return [...byId.values()].sort((x, y) => (x.userId < y.userId ? -1 : x.userId > y.userId ? 1 : 0));
}
