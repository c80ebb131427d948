import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

const ORG_COLUMNS = ['id', 'name', 'host', 'defaultLocale', 'requireTotp', 'createdAt'] as const;

/** The organisation serving a host name: an exact host match, else the instance's default (no host). */
export function findOrgForHost(db: Executor, host: string) {
  return db
    .selectFrom('orgs')
    .select(ORG_COLUMNS)
    .where((eb) => eb.or([eb('host', '=', host), eb('host', 'is', null)]))
    .orderBy(sql`host is null`)
    .orderBy('createdAt')
    .limit(1)
    .executeTakeFirst();
}

export async function countDefaultOrgs(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('orgs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('host', 'is', null)
    .executeTakeFirstOrThrow();
  return r.n;
}

export async function insertOrg(db: Executor, row: { id: string; name: string; host: string | null; defaultLocale: string }) {
  await db.insertInto('orgs').values(row).execute();
}

export function getOrg(db: Executor, orgId: string) {
  return db.selectFrom('orgs').select(ORG_COLUMNS).where('id', '=', orgId).executeTakeFirstOrThrow();
}

export async function updateOrg(db: Executor, orgId: string, patch: { name?: string; defaultLocale?: string; requireTotp?: boolean }) {
  await db.updateTable('orgs').set(patch).where('id', '=', orgId).execute();
}

type Structure = 'departments' | 'teams' | 'locations';

export function listDepartments(db: Executor, orgId: string) {
  return db
    .selectFrom('departments as d')
    .select((eb) => [
      'd.id',
      'd.name',
      'd.parentId',
      eb
        .selectFrom('users')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('users.departmentId', '=', 'd.id')
        .where('users.status', '=', 'active')
        .as('people'),
    ])
    .where('d.orgId', '=', orgId)
    .orderBy('d.name')
    .limit(5000)
    .execute();
}

export function listTeams(db: Executor, orgId: string) {
  return db
    .selectFrom('teams as t')
    .select((eb) => [
      't.id',
      't.name',
      't.departmentId',
      eb
        .selectFrom('users')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('users.teamId', '=', 't.id')
        .where('users.status', '=', 'active')
        .as('people'),
    ])
    .where('t.orgId', '=', orgId)
    .orderBy('t.name')
    .limit(5000)
    .execute();
}

export function listLocations(db: Executor, orgId: string) {
  return db
    .selectFrom('locations as l')
    .select((eb) => [
      'l.id',
      'l.name',
      'l.country',
      'l.timezone',
      eb
        .selectFrom('users')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('users.locationId', '=', 'l.id')
        .where('users.status', '=', 'active')
        .as('people'),
    ])
    .where('l.orgId', '=', orgId)
    .orderBy('l.name')
    .limit(5000)
    .execute();
}

export async function insertDepartment(db: Executor, row: { id: string; orgId: string; name: string; parentId: string | null }) {
  await db.insertInto('departments').values(row).execute();
}
export async function insertTeam(db: Executor, row: { id: string; orgId: string; name: string; departmentId: string | null }) {
  await db.insertInto('teams').values(row).execute();
}
export async function insertLocation(
  db: Executor,
  row: { id: string; orgId: string; name: string; country: string | null; timezone: string | null },
) {
  await db.insertInto('locations').values(row).execute();
}

export async function updateDepartment(db: Executor, orgId: string, id: string, patch: { name?: string; parentId?: string | null }) {
  const r = await db.updateTable('departments').set(patch).where('orgId', '=', orgId).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
export async function updateTeam(db: Executor, orgId: string, id: string, patch: { name?: string; departmentId?: string | null }) {
  const r = await db.updateTable('teams').set(patch).where('orgId', '=', orgId).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
export async function updateLocation(
  db: Executor,
  orgId: string,
  id: string,
  patch: { name?: string; country?: string | null; timezone?: string | null },
) {
  const r = await db.updateTable('locations').set(patch).where('orgId', '=', orgId).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function deleteStructure(db: Executor, table: Structure, orgId: string, id: string) {
  const r = await db.deleteFrom(table).where('orgId', '=', orgId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Ids among `ids` that exist in the table for this organisation. */
export async function existingIds(db: Executor, table: Structure | 'users', orgId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) {
    return new Set();
  }
  const rows = await db.selectFrom(table).select('id').where('orgId', '=', orgId).where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

/** Ancestors of a department (nearest first), to refuse cycles. */
export async function departmentAncestors(db: Executor, orgId: string, id: string): Promise<string[]> {
  const r = await sql<{ id: string }>`
    with recursive up(id, parent_id, depth) as (
      select id, parent_id, 0 from departments where org_id = ${orgId} and id = ${id}
      union all
      select d.id, d.parent_id, up.depth + 1 from departments d join up on d.id = up.parent_id where d.org_id = ${orgId} and up.depth < 100
    )
    select id from up order by depth`.execute(db);
  return r.rows.map((x) => x.id);
}
