import { sql, type Kysely, type Transaction, type ExpressionBuilder } from 'kysely';
import type { DB, NewUser } from '../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

export async function insertUser(db: Executor, row: NewUser): Promise<void> {
  await db.insertInto('users').values(row).execute();
  await refreshSearchText(db, row.orgId, [row.id]);
}

/**
 * Recomputes the text the directory searches (name, e-mail, title, skills, interests,
 * languages, team, department and location names) for some people, or for a whole organisation.
 */
export async function refreshSearchText(db: Executor, orgId: string, userIds?: string[]): Promise<void> {
  if (userIds && userIds.length === 0) {
    return;
  }
  await sql`
    update users u set search_text = lower(concat_ws(' ', u.name, u.email, u.title,
        array_to_string(u.skills, ' '), array_to_string(u.interests, ' '), array_to_string(u.languages, ' '),
        t.name, d.name, l.name))
    from users u2
    left join teams t on t.id = u2.team_id
    left join departments d on d.id = u2.department_id
    left join locations l on l.id = u2.location_id
    where u2.id = u.id and u.org_id = ${orgId}
    ${userIds ? sql`and u.id = any(${userIds}::uuid[])` : sql``}`.execute(db);
}

export type Placement = 'departmentId' | 'teamId' | 'locationId';

/** People placed in a department, team or location (for refreshing their search text). */
export async function idsPlacedIn(db: Executor, orgId: string, column: Placement, id: string): Promise<string[]> {
  const rows = await db.selectFrom('users').select('id').where('orgId', '=', orgId).where(column, '=', id).execute();
  return rows.map((r) => r.id);
}

/** The columns of a person anyone in the organisation may see. Secrets are never in this list. */
const PUBLIC_COLUMNS = [
  'u.id',
  'u.name',
  'u.email',
  'u.title',
  'u.photoKey',
  'u.status',
  'u.roles',
  'u.departmentId',
  'u.teamId',
  'u.locationId',
  'u.managerId',
] as const;

function withPlaces(eb: ExpressionBuilder<DB & { u: DB['users'] }, 'u'>) {
  return [
    eb.selectFrom('teams').select('name').whereRef('teams.id', '=', 'u.teamId').as('teamName'),
    eb.selectFrom('departments').select('name').whereRef('departments.id', '=', 'u.departmentId').as('departmentName'),
    eb.selectFrom('locations').select('name').whereRef('locations.id', '=', 'u.locationId').as('locationName'),
    eb.selectFrom('users as r').select(eb.fn.countAll<number>().as('n')).whereRef('r.managerId', '=', 'u.id').where('r.status', '=', 'active').as('reportsCount'),
  ];
}

export interface DirectoryFilter {
  orgId: string;
  q?: string | undefined;
  departmentId?: string | undefined;
  teamId?: string | undefined;
  locationId?: string | undefined;
  includeDeactivated?: boolean | undefined;
  limit: number;
  after?: { name: string; id: string } | undefined;
  offset?: number | undefined;
}

/**
 * The people directory. Without a query: alphabetical, keyset-paginated on (name, id).
 * With one: every word must match by substring or by trigram word similarity, best matches first.
 */
export async function directory(db: Kysely<DB>, f: DirectoryFilter) {
  const words = (f.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
  const run = (ex: Executor) =>
    ex
      .selectFrom('users as u')
      .select(PUBLIC_COLUMNS)
      .select(withPlaces)
      .where('u.orgId', '=', f.orgId)
      .$if(!f.includeDeactivated, (qb) => qb.where('u.status', '=', 'active'))
      .$if(!!f.departmentId, (qb) => qb.where('u.departmentId', '=', f.departmentId!))
      .$if(!!f.teamId, (qb) => qb.where('u.teamId', '=', f.teamId!))
      .$if(!!f.locationId, (qb) => qb.where('u.locationId', '=', f.locationId!))
      .$if(words.length > 0, (qb) =>
        qb
          .where((eb) =>
            eb.and(
              words.map((w) =>
                eb.or([eb('u.searchText', 'like', `%${w.replace(/[\\%_]/g, '\\$&')}%`), sql<boolean>`${w} <% u.search_text`]),
              ),
            ),
          )
          .orderBy(sql`${sql.join(words.map((w) => sql`word_similarity(${w}, u.search_text)`), sql` + `)}`, 'desc')
          .orderBy('u.name')
          .orderBy('u.id')
          .offset(f.offset ?? 0),
      )
      .$if(words.length === 0, (qb) =>
        qb
          .$if(!!f.after, (q2) => q2.where((eb) => eb.or([eb('u.name', '>', f.after!.name), eb.and([eb('u.name', '=', f.after!.name), eb('u.id', '>', f.after!.id)])])))
          .orderBy('u.name')
          .orderBy('u.id'),
      )
      .limit(f.limit + 1)
      .execute();
  if (words.length === 0) {
    return run(db);
  }
  // A lower word-similarity threshold than the default 0.6 finds "Marko" for "Marco"; set for this transaction only.
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('pg_trgm.word_similarity_threshold', '0.45', true)`.execute(trx);
    return run(trx);
  });
}

export function findPerson(db: Executor, orgId: string, id: string) {
  return db
    .selectFrom('users as u')
    .select(PUBLIC_COLUMNS)
    .select(withPlaces)
    .select([
      'u.bio',
      'u.skills',
      'u.interests',
      'u.languages',
      'u.timezone',
      'u.pronouns',
      'u.phone',
      'u.startDate',
      'u.locale',
      'u.employeeNumber',
      'u.createdAt',
      'u.deactivatedAt',
      'u.totpEnabled',
    ])
    .where('u.orgId', '=', orgId)
    .where('u.id', '=', id)
    .executeTakeFirst();
}

/** The management chain above a person, nearest manager first (bounded, so a bad cycle cannot loop). */
export async function managerChain(db: Executor, orgId: string, id: string) {
  const r = await sql<{ id: string; name: string; title: string | null; photoKey: string | null }>`
    with recursive up(id, manager_id, depth) as (
      select id, manager_id, 0 from users where org_id = ${orgId} and id = ${id}
      union all
      select u.id, u.manager_id, up.depth + 1 from users u join up on u.id = up.manager_id
      where u.org_id = ${orgId} and up.depth < 50
    )
    select u.id, u.name, u.title, u.photo_key as "photoKey" from up join users u on u.id = up.id
    where up.depth > 0 order by up.depth`.execute(db);
  return r.rows;
}

/** Direct reports of a manager, or the top of the organisation (active people without a manager). */
export function reports(db: Executor, orgId: string, managerId: string | null, limit: number) {
  return db
    .selectFrom('users as u')
    .select(PUBLIC_COLUMNS)
    .select(withPlaces)
    .where('u.orgId', '=', orgId)
    .where('u.status', '=', 'active')
    .$if(managerId === null, (qb) => qb.where('u.managerId', 'is', null))
    .$if(managerId !== null, (qb) => qb.where('u.managerId', '=', managerId!))
    .orderBy('u.name')
    .orderBy('u.id')
    .limit(limit)
    .execute();
}

export async function updateUser(db: Executor, orgId: string, id: string, patch: Record<string, unknown>): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ ...patch, updatedAt: new Date() })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function photoKeyOf(db: Executor, orgId: string, id: string) {
  const r = await db.selectFrom('users').select('photoKey').where('orgId', '=', orgId).where('id', '=', id).executeTakeFirst();
  return r?.photoKey;
}
