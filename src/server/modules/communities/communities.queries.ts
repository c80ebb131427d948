import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB, MemberRole, MemberStatus, Visibility } from '../../db/schema.js';
import type { SyncKind } from '../../../shared/social.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Turns what someone typed into a prefix query over the words of a name: every word typed must begin
 * a word ("eng gui" finds "Engineering Guild"). Only letters and digits survive, so the result is safe
 * to hand to to_tsquery.
 */
export function prefixQuery(input: string): string | null {
  const words =
    input
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu)
      ?.slice(0, 6) ?? [];
  return words.length > 0 ? words.map((w) => `${w}:*`).join(' & ') : null;
}

/** The name of the department, team or location a community follows, in the same query. */
const SYNC_NAME = sql<string | null>`case c.sync_kind
  when 'department' then (select name from departments where id = c.sync_id)
  when 'team' then (select name from teams where id = c.sync_id)
  when 'location' then (select name from locations where id = c.sync_id)
end`;

/** Communities with the viewer's own membership row and the name of what they follow. */
function withViewer(db: Executor, orgId: string, userId: string) {
  return db
    .selectFrom('communities as c')
    .leftJoin('communityMembers as m', (j) => j.onRef('m.communityId', '=', 'c.id').on('m.userId', '=', userId))
    .select([
      'c.id',
      'c.name',
      'c.slug',
      'c.description',
      'c.rules',
      'c.coverKey',
      'c.visibility',
      'c.official',
      'c.isAllCompany',
      'c.syncKind',
      'c.syncId',
      'c.memberCount',
      'c.createdAt',
      'c.archivedAt',
      'm.role',
      'm.status',
      'm.viaSync',
      SYNC_NAME.as('syncName'),
    ])
    .where('c.orgId', '=', orgId);
}

export type CommunityRow = NonNullable<Awaited<ReturnType<typeof findCommunity>>>;

/** One community by id or slug, as the viewer sees it (their membership included). */
export function findCommunity(db: Executor, orgId: string, userId: string, key: { id: string } | { slug: string }) {
  return withViewer(db, orgId, userId)
    .$if('id' in key, (qb) => qb.where('c.id', '=', (key as { id: string }).id))
    .$if('slug' in key, (qb) => qb.where('c.slug', '=', (key as { slug: string }).slug))
    .executeTakeFirst();
}

/** Several communities by id, as the viewer sees them. */
export function findCommunities(db: Executor, orgId: string, userId: string, ids: readonly string[]) {
  if (ids.length === 0) {
    return Promise.resolve([]);
  }
  return withViewer(db, orgId, userId).where('c.id', 'in', ids).execute();
}

/**
 * Takes the community's row lock for the rest of the transaction, so that concurrent membership
 * changes of one community queue up and its member count is recounted from what they committed.
 * `no key update` is the lock an update of the row takes anyway; unlike `update` it does not wait for
 * the key-share locks that inserting a membership row takes on its community, so writers that have
 * already inserted a row and then lock to recount never deadlock.
 */
export async function lockCommunity(db: Transaction<DB>, orgId: string, key: { id: string } | { slug: string }) {
  const r = await db
    .selectFrom('communities')
    .select('id')
    .where('orgId', '=', orgId)
    .$if('id' in key, (qb) => qb.where('id', '=', (key as { id: string }).id))
    .$if('slug' in key, (qb) => qb.where('slug', '=', (key as { slug: string }).slug))
    .forNoKeyUpdate()
    .executeTakeFirst();
  return r?.id;
}

export type ListFilter = 'mine' | 'discover' | 'all';

export interface ListInput {
  orgId: string;
  userId: string;
  /** Administrators see secret communities in `all`. */
  admin: boolean;
  filter: ListFilter;
  q?: string | undefined;
  after?: { name: string; id: string } | undefined;
  limit: number;
}

/**
 * Communities in name order, keyset-paginated on (name, id): the viewer's own (`mine`), the visible
 * ones they are not in (`discover`, archived ones left out), or every visible one (`all`). Secret
 * communities appear only to their members, the people invited and administrators.
 */
export function listCommunities(db: Executor, f: ListInput) {
  const query = f.q ? prefixQuery(f.q) : null;
  return withViewer(db, f.orgId, f.userId)
    .$if(f.filter === 'mine', (qb) => qb.where('m.status', '=', 'active'))
    .$if(f.filter === 'discover', (qb) =>
      qb
        .where('c.archivedAt', 'is', null)
        .where((eb) => eb.or([eb('m.status', 'is', null), eb('m.status', 'in', ['requested', 'invited'])]))
        .where((eb) => eb.or([eb('c.visibility', '!=', 'secret'), eb('m.status', '=', 'invited')])),
    )
    .$if(f.filter === 'all' && !f.admin, (qb) =>
      qb.where((eb) => eb.or([eb('c.visibility', '!=', 'secret'), eb('m.status', 'in', ['active', 'invited'])])),
    )
    .$if(query !== null, (qb) => qb.where(sql<boolean>`c.search_vector @@ to_tsquery('simple', ${query})`))
    .$if(!!f.after, (qb) => qb.where((eb) => eb(eb.refTuple('c.name', 'c.id'), '>', eb.tuple(f.after!.name, f.after!.id))))
    .orderBy('c.name')
    .orderBy('c.id')
    .limit(f.limit + 1)
    .execute();
}

/** Visible, open communities whose name words begin with what was typed; the viewer's own first. */
export function suggestCommunities(db: Executor, orgId: string, userId: string, admin: boolean, q: string, limit: number) {
  const query = prefixQuery(q);
  if (!query) {
    return Promise.resolve([]);
  }
  return db
    .selectFrom('communities as c')
    .leftJoin('communityMembers as m', (j) => j.onRef('m.communityId', '=', 'c.id').on('m.userId', '=', userId))
    .select(['c.id', 'c.name', 'c.slug', 'c.visibility', 'c.official'])
    .where('c.orgId', '=', orgId)
    .where('c.archivedAt', 'is', null)
    .where(sql<boolean>`c.search_vector @@ to_tsquery('simple', ${query})`)
    .$if(!admin, (qb) => qb.where((eb) => eb.or([eb('c.visibility', '!=', 'secret'), eb('m.status', 'in', ['active', 'invited'])])))
    .orderBy(sql`coalesce(m.status = 'active', false)`, 'desc')
    .orderBy('c.name')
    .orderBy('c.id')
    .limit(limit)
    .execute();
}

/** Slugs in use that are this one or this one with a numeric suffix. */
export async function slugsLike(db: Executor, orgId: string, base: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('communities')
    .select('slug')
    .where('orgId', '=', orgId)
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
    .execute();
  return new Set(rows.map((r) => r.slug));
}

export async function insertCommunity(
  db: Executor,
  row: {
    id: string;
    orgId: string;
    name: string;
    slug: string;
    description: string;
    rules: string;
    visibility: Visibility;
    official: boolean;
    isAllCompany?: boolean;
    syncKind: SyncKind | null;
    syncId: string | null;
    createdBy: string | null;
  },
): Promise<void> {
  await db.insertInto('communities').values(row).execute();
}

/**
 * The organisation's All company community, unless it already has one (or the slug is taken: the
 * caller then tries another). Returns whether it was created.
 */
export async function insertAllCompany(db: Executor, row: { id: string; orgId: string; name: string; slug: string }): Promise<boolean> {
  const r = await db
    .insertInto('communities')
    .values({ ...row, visibility: 'public', official: true, isAllCompany: true, syncKind: null, syncId: null, createdBy: null })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export async function updateCommunity(
  db: Executor,
  orgId: string,
  id: string,
  patch: Partial<{
    name: string;
    slug: string;
    description: string;
    rules: string;
    visibility: Visibility;
    official: boolean;
    archivedAt: Date | null;
    coverKey: string | null;
  }>,
): Promise<void> {
  await db
    .updateTable('communities')
    .set({ ...patch, updatedAt: new Date() })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .execute();
}

export async function coverKeyOf(db: Executor, orgId: string, id: string) {
  const r = await db.selectFrom('communities').select('coverKey').where('orgId', '=', orgId).where('id', '=', id).executeTakeFirst();
  return r?.coverKey;
}

/** The community already following this department, team or location, if any. */
export async function communityFollowing(db: Executor, orgId: string, kind: SyncKind, id: string) {
  const r = await db
    .selectFrom('communities')
    .select('id')
    .where('orgId', '=', orgId)
    .where('syncKind', '=', kind)
    .where('syncId', '=', id)
    .executeTakeFirst();
  return r?.id;
}

/** Whether the department, team or location exists in the organisation. */
export async function structureExists(db: Executor, orgId: string, kind: SyncKind, id: string): Promise<boolean> {
  const table = ({ department: 'departments', team: 'teams', location: 'locations' } as const)[kind];
  const r = await db.selectFrom(table).select('id').where('orgId', '=', orgId).where('id', '=', id).executeTakeFirst();
  return r !== undefined;
}

/** Of these people, the active ones of the organisation. */
export async function activePeople(db: Executor, orgId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) {
    return new Set();
  }
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('orgId', '=', orgId)
    .where('status', '=', 'active')
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** One person's membership row in a community (any status), with whether the person is active. */
export function findMember(db: Executor, communityId: string, userId: string) {
  return db
    .selectFrom('communityMembers as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .select(['m.userId', 'm.role', 'm.status', 'm.viaSync', 'u.status as userStatus'])
    .where('m.communityId', '=', communityId)
    .where('m.userId', '=', userId)
    .executeTakeFirst();
}

/** Membership rows of these people in a community. */
export async function membersAmong(db: Executor, communityId: string, userIds: readonly string[]) {
  if (userIds.length === 0) {
    return [];
  }
  return db
    .selectFrom('communityMembers')
    .select(['userId', 'role', 'status'])
    .where('communityId', '=', communityId)
    .where('userId', 'in', userIds)
    .execute();
}

/** Creates a membership row, or changes the existing one to these values. */
export async function upsertMember(
  db: Executor,
  row: { orgId: string; communityId: string; userId: string; role: MemberRole; status: MemberStatus; invitedBy?: string | null },
): Promise<void> {
  await db
    .insertInto('communityMembers')
    .values({ ...row, viaSync: false })
    .onConflict((oc) =>
      oc.columns(['communityId', 'userId']).doUpdateSet({
        role: row.role,
        status: row.status,
        ...(row.invitedBy === undefined ? {} : { invitedBy: row.invitedBy }),
        updatedAt: new Date(),
      }),
    )
    .execute();
}

/** Invitations for people with no membership row yet; returns whom it invited. */
export async function insertInvitations(
  db: Executor,
  orgId: string,
  communityId: string,
  invitedBy: string,
  userIds: readonly string[],
): Promise<string[]> {
  if (userIds.length === 0) {
    return [];
  }
  const rows = await db
    .insertInto('communityMembers')
    .values(userIds.map((userId) => ({ orgId, communityId, userId, role: 'member' as const, status: 'invited' as const, invitedBy })))
    .onConflict((oc) => oc.columns(['communityId', 'userId']).doNothing())
    .returning('userId')
    .execute();
  return rows.map((r) => r.userId);
}

export async function setMember(
  db: Executor,
  communityId: string,
  userId: string,
  patch: Partial<{ role: MemberRole; status: MemberStatus }>,
): Promise<void> {
  await db
    .updateTable('communityMembers')
    .set({ ...patch, updatedAt: new Date() })
    .where('communityId', '=', communityId)
    .where('userId', '=', userId)
    .execute();
}

export async function deleteMember(db: Executor, communityId: string, userId: string): Promise<void> {
  await db.deleteFrom('communityMembers').where('communityId', '=', communityId).where('userId', '=', userId).execute();
}

/** Active owners who are active people. */
export async function countOwners(db: Executor, communityId: string): Promise<number> {
  const r = await db
    .selectFrom('communityMembers as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('m.communityId', '=', communityId)
    .where('m.role', '=', 'owner')
    .where('m.status', '=', 'active')
    .where('u.status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Owners and moderators who handle requests (active people only). */
export async function moderatorIds(db: Executor, communityId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('communityMembers as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .select('m.userId')
    .where('m.communityId', '=', communityId)
    .where('m.role', 'in', ['owner', 'moderator'])
    .where('m.status', '=', 'active')
    .where('u.status', '=', 'active')
    .execute();
  return rows.map((r) => r.userId);
}

export interface MemberListInput {
  orgId: string;
  communityId: string;
  status: MemberStatus;
  role?: MemberRole | undefined;
  q?: string | undefined;
  after?: { name: string; id: string } | undefined;
  /** Just this person's row. */
  only?: string | undefined;
  limit: number;
}

/** Members (or requests, invitations, bans) of a community in name order, keyset-paginated on (name, id). */
export function listMembers(db: Executor, f: MemberListInput) {
  const query = f.q ? prefixQuery(f.q) : null;
  return db
    .selectFrom('communityMembers as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .select(['u.id', 'u.name', 'u.title', 'u.photoKey', 'm.role', 'm.status', 'm.viaSync', 'm.invitedBy', 'm.createdAt'])
    .where('m.orgId', '=', f.orgId)
    .where('m.communityId', '=', f.communityId)
    .where('m.status', '=', f.status)
    .where('u.status', '=', 'active')
    .$if(!!f.role, (qb) => qb.where('m.role', '=', f.role!))
    .$if(!!f.only, (qb) => qb.where('m.userId', '=', f.only!))
    .$if(query !== null, (qb) => qb.where(sql<boolean>`u.search_vector @@ to_tsquery('simple', ${query})`))
    .$if(!!f.after, (qb) => qb.where((eb) => eb(eb.refTuple('u.name', 'u.id'), '>', eb.tuple(f.after!.name, f.after!.id))))
    .orderBy('u.name')
    .orderBy('u.id')
    .limit(f.limit + 1)
    .execute();
}

/**
 * Sets each community's member count to its active members who are active people. The rows are
 * locked first (in id order, so two writers never deadlock; see `lockCommunity` for the lock mode)
 * and counted afterwards, by a statement that sees every change committed before the lock was granted.
 */
export async function recountMembers(db: Executor, orgId: string, communityIds: readonly string[] | 'all'): Promise<void> {
  if (communityIds !== 'all' && communityIds.length === 0) {
    return;
  }
  const only = communityIds === 'all' ? sql`` : sql`and id = any(${[...new Set(communityIds)]}::uuid[])`;
  await sql`select id from communities where org_id = ${orgId} ${only} order by id for no key update`.execute(db);
  await sql`
    update communities c set member_count = n.count
    from (
      select c2.id, (
        select count(*) from community_members m join users u on u.id = m.user_id
        where m.community_id = c2.id and m.status = 'active' and u.status = 'active'
      )::int as count
      from communities c2 where c2.org_id = ${orgId} ${communityIds === 'all' ? sql`` : sql`and c2.id = any(${[...new Set(communityIds)]}::uuid[])`}
    ) n
    where c.id = n.id and c.member_count <> n.count`.execute(db);
}

/**
 * Adds to member counts (negative to subtract), for changes whose effect on the count is known, so a
 * large community is not recounted for every join. Rows are locked in id order first, as in
 * `recountMembers`, so that concurrent writers queue up instead of deadlocking.
 */
export async function addToMemberCounts(db: Executor, orgId: string, deltas: ReadonlyMap<string, number>): Promise<void> {
  const changed = [...deltas].filter(([, d]) => d !== 0);
  if (changed.length === 0) {
    return;
  }
  const ids = changed.map(([id]) => id);
  await sql`select id from communities where org_id = ${orgId} and id = any(${ids}::uuid[]) order by id for no key update`.execute(db);
  await sql`
    update communities c set member_count = c.member_count + d.delta
    from unnest(${ids}::uuid[], ${changed.map(([, d]) => d)}::int[]) as d(id, delta)
    where c.id = d.id and c.org_id = ${orgId}`.execute(db);
}

/** Communities in which these people have a membership row of any kind. */
export async function communitiesOf(db: Executor, orgId: string, userIds: readonly string[]): Promise<string[]> {
  if (userIds.length === 0) {
    return [];
  }
  const r = await sql<{ id: string }>`
    select distinct community_id as id from community_members
    where org_id = ${orgId} and user_id = any(${[...userIds]}::uuid[])`.execute(db);
  return r.rows.map((x) => x.id);
}

/** The organisation's All company community, if it has one. */
export async function allCompanyId(db: Executor, orgId: string): Promise<string | undefined> {
  const r = await db.selectFrom('communities').select('id').where('orgId', '=', orgId).where('isAllCompany', '=', true).executeTakeFirst();
  return r?.id;
}

export interface SyncScope {
  userIds?: readonly string[] | undefined;
  communityIds?: readonly string[] | undefined;
}

/**
 * The (community, person) pairs automatic membership calls for: every active person in All company,
 * and the active people placed directly in the department, team or location a community follows.
 * One equality join per kind, so a whole organisation is matched with hash joins.
 */
function wantedPairs(orgId: string, s: SyncScope): RawBuilder<unknown> {
  const users = s.userIds ? sql`and u.id = any(${[...s.userIds]}::uuid[])` : sql``;
  const communities = s.communityIds ? sql`and c.id = any(${[...s.communityIds]}::uuid[])` : sql``;
  const placed = (kind: SyncKind, column: string) => sql`
    select c.id as community_id, u.id as user_id
    from communities c join users u on u.${sql.ref(column)} = c.sync_id and u.org_id = c.org_id
    where c.org_id = ${orgId} and c.sync_kind = ${kind} and u.status = 'active' ${users} ${communities}`;
  return sql`
    select c.id as community_id, u.id as user_id
    from communities c join users u on u.org_id = c.org_id
    where c.org_id = ${orgId} and c.is_all_company and u.status = 'active' ${users} ${communities}
    union all ${placed('department', 'department_id')}
    union all ${placed('team', 'team_id')}
    union all ${placed('location', 'location_id')}`;
}

/**
 * Brings automatic memberships in line with people's placement and status: adds the people who
 * belong (turning a pending request or invitation into membership, never lifting a ban) and removes
 * those who no longer do. Rows added by hand are left alone. Returns the pairs it changed.
 */
export async function syncMembers(
  db: Executor,
  orgId: string,
  s: SyncScope,
): Promise<{ added: { communityId: string; userId: string }[]; removed: { communityId: string; userId: string; counted: boolean }[] }> {
  const added = await sql<{ communityId: string; userId: string }>`
    with wanted as (${wantedPairs(orgId, s)})
    insert into community_members (org_id, community_id, user_id, role, status, via_sync)
    select ${orgId}, w.community_id, w.user_id, 'member', 'active', true from wanted w
    where not exists (
      select 1 from community_members m
      where m.community_id = w.community_id and m.user_id = w.user_id and m.status in ('active', 'banned')
    )
    on conflict (community_id, user_id) do update set status = 'active', via_sync = true, updated_at = now()
    returning community_id as "communityId", user_id as "userId"`.execute(db);
  const users = s.userIds ? sql`and m.user_id = any(${[...s.userIds]}::uuid[])` : sql``;
  const communities = s.communityIds ? sql`and m.community_id = any(${[...s.communityIds]}::uuid[])` : sql``;
  // The same rule as wantedPairs, read the other way round: a plain join, with no anti-join over the union.
  const removed = await sql<{ communityId: string; userId: string; counted: boolean }>`
    delete from community_members m using communities c, users u
    where c.id = m.community_id and u.id = m.user_id and c.org_id = ${orgId}
      and (c.is_all_company or c.sync_kind is not null)
      and m.via_sync and m.status = 'active' ${users} ${communities}
      and not (u.status = 'active' and (
        c.is_all_company
        or (c.sync_kind = 'department' and u.department_id is not distinct from c.sync_id)
        or (c.sync_kind = 'team' and u.team_id is not distinct from c.sync_id)
        or (c.sync_kind = 'location' and u.location_id is not distinct from c.sync_id)
      ))
    returning m.community_id as "communityId", m.user_id as "userId", u.status = 'active' as counted`.execute(db);
  return { added: added.rows, removed: removed.rows };
}

/**
 * Turns the communities following a department, team or location that is going away into ordinary
 * ones: their current members stay, now as members added by hand. Returns their ids.
 */
export async function releaseSync(db: Executor, orgId: string, kind: SyncKind, id: string): Promise<string[]> {
  const rows = await db
    .updateTable('communities')
    .set({ syncKind: null, syncId: null, updatedAt: new Date() })
    .where('orgId', '=', orgId)
    .where('syncKind', '=', kind)
    .where('syncId', '=', id)
    .returning('id')
    .execute();
  const ids = rows.map((r) => r.id);
  if (ids.length > 0) {
    await db.updateTable('communityMembers').set({ viaSync: false }).where('communityId', 'in', ids).execute();
  }
  return ids;
}
