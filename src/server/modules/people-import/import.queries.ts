import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ExistingPerson } from './import.rows.js';

type Executor = Kysely<DB> | Transaction<DB>;
type Structure = 'departments' | 'teams' | 'locations';

/** People of the organisation with these e-mails (lower case), with what the importer compares. Uses users_email. */
export async function findPeopleByKeys(db: Executor, orgId: string, keys: string[]): Promise<(ExistingPerson & { key: string })[]> {
  if (keys.length === 0) {
    return [];
  }
  return db
    .selectFrom('users as u')
    .leftJoin('departments as d', 'd.id', 'u.departmentId')
    .leftJoin('teams as t', 't.id', 'u.teamId')
    .leftJoin('locations as l', 'l.id', 'u.locationId')
    .select([
      'u.id',
      sql<string>`lower(u.email)`.as('key'),
      'u.name',
      'u.title',
      'd.name as departmentName',
      't.name as teamName',
      'l.name as locationName',
      'u.managerId',
      // A correlated look-up by primary key: a join let the planner walk the whole users_pkey index.
      sql<string | null>`(select lower(m.email) from users m where m.id = u.manager_id)`.as('managerKey'),
      'u.roles',
      'u.employeeNumber',
      sql<string | null>`to_char(u.start_date, 'YYYY-MM-DD')`.as('startDate'),
      'u.phone',
      'u.timezone',
      'u.locale',
      'u.skills',
    ])
    .where('u.orgId', '=', orgId)
    .where(sql<boolean>`lower(u.email) = any(${keys}::text[])`)
    .execute();
}

/** Ids (and managers) of the people with these e-mails; a lighter `findPeopleByKeys` for manager look-ups. */
export function findIdsByKeys(db: Executor, orgId: string, keys: string[]) {
  return db
    .selectFrom('users')
    .select(['id', sql<string>`lower(email)`.as('key'), 'managerId'])
    .where('orgId', '=', orgId)
    .where(sql<boolean>`lower(email) = any(${keys}::text[])`)
    .execute();
}

/** The managers of some people, to follow reporting lines outside the file. */
export function managersOf(db: Executor, orgId: string, ids: string[]) {
  return db
    .selectFrom('users')
    .select(['id', 'managerId'])
    .where('orgId', '=', orgId)
    .where('id', '=', sql<string>`any(${ids}::uuid[])`)
    .execute();
}

/** Departments, teams or locations with these names (lower case); names are unique per organisation, ignoring case. */
export function findStructures(db: Executor, table: Structure, orgId: string, keys: string[]) {
  return db
    .selectFrom(table)
    .select(['id', sql<string>`lower(name)`.as('key')])
    .where('orgId', '=', orgId)
    .where(sql<boolean>`lower(name) = any(${keys}::text[])`)
    .execute();
}

/** Inserts departments that do not exist yet; returns those actually created (another writer may have won a name). */
export function insertDepartments(db: Executor, rows: { id: string; orgId: string; name: string }[]) {
  return db
    .insertInto('departments')
    .values(rows.map((r) => ({ ...r, parentId: null })))
    .onConflict((oc) => oc.expression(sql`org_id, lower(name)`).doNothing())
    .returning(['id', sql<string>`lower(name)`.as('key')])
    .execute();
}

/** Sets the parents of departments the import has just created. */
export async function setDepartmentParents(db: Executor, orgId: string, ids: string[], parentIds: string[]): Promise<void> {
  if (ids.length === 0) {
    return;
  }
  await sql`
    update departments d set parent_id = v.parent_id
    from unnest(${ids}::uuid[], ${parentIds}::uuid[]) as v(id, parent_id)
    where d.org_id = ${orgId} and d.id = v.id`.execute(db);
}

export function insertTeams(db: Executor, rows: { id: string; orgId: string; name: string; departmentId: string | null }[]) {
  return db
    .insertInto('teams')
    .values(rows)
    .onConflict((oc) => oc.expression(sql`org_id, lower(name)`).doNothing())
    .returning(['id', sql<string>`lower(name)`.as('key')])
    .execute();
}

export function insertLocations(
  db: Executor,
  rows: { id: string; orgId: string; name: string; country: string | null; timezone: string | null }[],
) {
  return db
    .insertInto('locations')
    .values(rows)
    .onConflict((oc) => oc.expression(sql`org_id, lower(name)`).doNothing())
    .returning(['id', sql<string>`lower(name)`.as('key')])
    .execute();
}

/** A person as the importer writes them; `null` keeps what an existing person has. */
export interface ImportedPerson {
  id: string;
  orgId: string;
  email: string;
  name: string;
  title: string | null;
  departmentId: string | null;
  teamId: string | null;
  locationId: string | null;
  /** Empty keeps an existing person's roles; a new person is always given at least employee. */
  roles: string[];
  employeeNumber: string | null;
  startDate: string | null;
  phone: string | null;
  timezone: string | null;
  locale: string | null;
  /** Empty keeps an existing person's skills. */
  skills: string[];
  /** Null keeps an existing person's manager; the manager must exist by the end of the statement. */
  managerId: string | null;
}

/**
 * Creates or updates people by e-mail in one statement (conflict on users_email, i.e. org_id and
 * lower(email)). Imported people get no password: they sign in after an invitation or a reset.
 * Returns the id of every row, new or existing.
 */
export function upsertPeople(db: Executor, rows: ImportedPerson[]) {
  return db
    .insertInto('users')
    .values(rows.map((r) => ({ ...r, passwordHash: null })))
    .onConflict((oc) =>
      oc.expression(sql`org_id, lower(email)`).doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        title: eb.fn.coalesce('excluded.title', 'users.title'),
        departmentId: eb.fn.coalesce('excluded.departmentId', 'users.departmentId'),
        teamId: eb.fn.coalesce('excluded.teamId', 'users.teamId'),
        locationId: eb.fn.coalesce('excluded.locationId', 'users.locationId'),
        roles: sql<string[]>`case when cardinality(excluded.roles) = 0 then users.roles else excluded.roles end`,
        employeeNumber: eb.fn.coalesce('excluded.employeeNumber', 'users.employeeNumber'),
        startDate: eb.fn.coalesce('excluded.startDate', 'users.startDate'),
        phone: eb.fn.coalesce('excluded.phone', 'users.phone'),
        timezone: eb.fn.coalesce('excluded.timezone', 'users.timezone'),
        locale: eb.fn.coalesce('excluded.locale', 'users.locale'),
        skills: sql<string[]>`case when cardinality(excluded.skills) = 0 then users.skills else excluded.skills end`,
        managerId: eb.fn.coalesce('excluded.managerId', 'users.managerId'),
        updatedAt: sql`now()`,
      })),
    )
    .returning(['id', sql<string>`lower(email)`.as('key')])
    .execute();
}

/** Sets managers in one statement for many people (the second pass, once everyone exists). */
export async function setManagers(db: Executor, orgId: string, ids: string[], managerIds: string[]): Promise<void> {
  if (ids.length === 0) {
    return;
  }
  await sql`
    update users u set manager_id = v.manager_id, updated_at = now()
    from unnest(${ids}::uuid[], ${managerIds}::uuid[]) as v(id, manager_id)
    where u.org_id = ${orgId} and u.id = v.id`.execute(db);
}

/** One page of the export, in the directory's order (name, id), by keyset on the users_name index. */
export function exportPage(db: Executor, orgId: string, after: { name: string; id: string } | null, limit: number) {
  return db
    .selectFrom('users as u')
    .leftJoin('departments as d', 'd.id', 'u.departmentId')
    .leftJoin('departments as pd', 'pd.id', 'd.parentId')
    .leftJoin('teams as t', 't.id', 'u.teamId')
    .leftJoin('locations as l', 'l.id', 'u.locationId')
    .leftJoin('users as m', 'm.id', 'u.managerId')
    .select([
      'u.id',
      'u.email',
      'u.name',
      'u.title',
      'd.name as department',
      'pd.name as parentDepartment',
      't.name as team',
      'l.name as location',
      'l.country',
      'm.email as managerEmail',
      'u.roles',
      'u.employeeNumber',
      sql<string | null>`to_char(u.start_date, 'YYYY-MM-DD')`.as('startDate'),
      'u.phone',
      'u.timezone',
      'u.locale',
      'u.skills',
    ])
    .where('u.orgId', '=', orgId)
    .$if(after !== null, (qb) => qb.where(sql<boolean>`(u.name, u.id) > (${after!.name}, ${after!.id}::uuid)`))
    .orderBy('u.name')
    .orderBy('u.id')
    .limit(limit)
    .execute();
}

/**
 * Refreshes the planner's statistics after a bulk import. PGlite has no autovacuum, so without
 * this a freshly imported organisation is planned as if it were empty.
 */
export async function analyzePeople(db: Executor): Promise<void> {
  await sql`analyze users, departments, teams, locations`.execute(db);
}

/** An active administrator or HR person of the organisation, found by e-mail (the command line acts as them). */
export function findImporter(db: Executor, orgId: string, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'roles'])
    .where('orgId', '=', orgId)
    .where(sql<boolean>`lower(email) = ${email.toLowerCase()}`)
    .where('status', '=', 'active')
    .executeTakeFirst();
}
