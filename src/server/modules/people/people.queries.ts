import { sql, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { DB, NewUser } from '../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

export async function insertUser(db: Executor, row: NewUser): Promise<void> {
  await db.insertInto('users').values(row).execute();
  await refreshSearchText(db, row.orgId, [row.id]);
}

/** The text the directory searches, as an SQL expression over a person row `u` and their placements. */
const SEARCH_TEXT = sql<string>`lower(concat_ws(' ', u.name, regexp_replace(split_part(u.email, '@', 1), '[^[:alnum:]]+', ' ', 'g'), u.title,
    array_to_string(u.skills, ' '), array_to_string(u.interests, ' '), array_to_string(u.languages, ' '),
    (select name from teams where id = u.team_id),
    (select name from departments where id = u.department_id),
    (select name from locations where id = u.location_id)))`;

/**
 * Recomputes the text the directory searches (name, the words of the e-mail's local part, title, skills, interests, languages,
 * team, department and location names) for some people, or for a whole organisation. Rows whose
 * text is unchanged are not rewritten, so a re-import or a refresh of everyone stays cheap.
 */
export async function refreshSearchText(db: Executor, orgId: string, userIds?: string[]): Promise<void> {
  if (userIds && userIds.length === 0) {
    return;
  }
  await sql`
    insert into name_words (org_id, word)
    select distinct ${orgId}::uuid, w from users u, regexp_split_to_table(lower(u.name), '[^[:alnum:]]+') w
    where u.org_id = ${orgId} ${userIds ? sql`and u.id = any(${userIds}::uuid[])` : sql``} and length(w) >= 2
    on conflict do nothing`.execute(db);
  await sql`
    update users u set search_text = ${SEARCH_TEXT}
    where u.org_id = ${orgId}
    ${userIds ? sql`and u.id = any(${userIds}::uuid[])` : sql``}
    and u.search_text is distinct from ${SEARCH_TEXT}`.execute(db);
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

/** A person with their team, department and location names, in one query. */
function people(db: Executor) {
  return db
    .selectFrom('users as u')
    .leftJoin('teams as t', 't.id', 'u.teamId')
    .leftJoin('departments as d', 'd.id', 'u.departmentId')
    .leftJoin('locations as l', 'l.id', 'u.locationId')
    .select(PUBLIC_COLUMNS)
    .select(['t.name as teamName', 'd.name as departmentName', 'l.name as locationName']);
}

/** The same, with how many active people report to each (the org chart and profiles need it; the directory does not). */
function peopleWithReports(db: Executor) {
  return people(db).select((eb) =>
    eb
      .selectFrom('users as r')
      .select(eb.fn.countAll<number>().as('n'))
      .whereRef('r.orgId', '=', 'u.orgId')
      .whereRef('r.managerId', '=', 'u.id')
      .where('r.status', '=', 'active')
      .as('reportsCount'),
  );
}

/**
 * Turns what someone typed into a prefix query: every word must begin a word of the person's
 * searchable text ("brun" finds Bruno). Only letters and digits survive, so the result is safe
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

export interface DirectoryFilter {
  orgId: string;
  q?: string | undefined;
  departmentId?: string | undefined;
  teamId?: string | undefined;
  locationId?: string | undefined;
  includeDeactivated?: boolean | undefined;
  limit: number;
  after?: { name: string; id: string } | undefined;
}

/**
 * The people directory, alphabetical and keyset-paginated on (name, id). With a query, every word
 * must be the beginning of a word of the person's name, e-mail, title, skills, team, department or
 * location (GIN index on the stored tsvector).
 */
export async function directory(db: Executor, f: DirectoryFilter) {
  const query = f.q ? prefixQuery(f.q) : null;
  if (query === null) {
    // Walking the name index and stopping after a page is the fastest way to list everyone.
    return filtered(people(db), f)
      .orderBy('u.name')
      .orderBy('u.id')
      .limit(f.limit + 1)
      .execute();
  }
  const matches = sql<boolean>`to_tsquery('simple', ${query})`;
  // A frequent word (an office, a common skill) matches plenty of the next people in name order:
  // look at those first. When they hold less than a page, the word is rare or its matches cluster
  // elsewhere in the alphabet (every "Marco" sits among the Ms): collect every match through the
  // GIN index and sort those instead. Either way the page is exactly the next matches by name.
  const window = filtered(db.selectFrom('users as u').select(['u.id', 'u.name', 'u.searchVector']), f)
    .orderBy('u.name')
    .orderBy('u.id')
    .limit(NAME_WINDOW)
    .as('w');
  const near = await db
    .selectFrom(window)
    .innerJoin('users as u', 'u.id', 'w.id')
    .leftJoin('teams as t', 't.id', 'u.teamId')
    .leftJoin('departments as d', 'd.id', 'u.departmentId')
    .leftJoin('locations as l', 'l.id', 'u.locationId')
    .select(PUBLIC_COLUMNS)
    .select(['t.name as teamName', 'd.name as departmentName', 'l.name as locationName'])
    .where(sql<boolean>`w.search_vector @@ ${matches}`)
    .orderBy('w.name')
    .orderBy('w.id')
    .limit(f.limit + 1)
    .execute();
  if (near.length > f.limit) {
    return near;
  }
  return db
    .with(
      (w) => w('hits').materialized(),
      (d) => filtered(d.selectFrom('users as u').select(['u.id', 'u.name']), f).where(sql<boolean>`u.search_vector @@ ${matches}`),
    )
    .with(
      (w) => w('page').materialized(),
      (d) =>
        d
          .selectFrom('hits')
          .select(['id', 'name'])
          .orderBy('name')
          .orderBy('id')
          .limit(f.limit + 1),
    )
    .selectFrom('page as p')
    .innerJoin('users as u', 'u.id', 'p.id')
    .leftJoin('teams as t', 't.id', 'u.teamId')
    .leftJoin('departments as d', 'd.id', 'u.departmentId')
    .leftJoin('locations as l', 'l.id', 'u.locationId')
    .select(PUBLIC_COLUMNS)
    .select(['t.name as teamName', 'd.name as departmentName', 'l.name as locationName'])
    .orderBy('p.name')
    .orderBy('p.id')
    .execute();
}

/** How many people in name order a search looks through before collecting every match instead. */
const NAME_WINDOW = 1500;

/** The directory's filters and keyset position, on a query over `users as u`. */
function filtered<QB extends SelectQueryBuilder<DB & { u: DB['users'] }, 'u', object>>(qb: QB, f: DirectoryFilter): QB {
  return qb
    .where('u.orgId', '=', f.orgId)
    .$if(!f.includeDeactivated, (q) => q.where('u.status', '=', 'active'))
    .$if(!!f.departmentId, (q) => q.where('u.departmentId', '=', f.departmentId!))
    .$if(!!f.teamId, (q) => q.where('u.teamId', '=', f.teamId!))
    .$if(!!f.locationId, (q) => q.where('u.locationId', '=', f.locationId!))
    .$if(!!f.after, (q) => q.where((eb) => eb(eb.refTuple('u.name', 'u.id'), '>', eb.tuple(f.after!.name, f.after!.id)))) as QB;
}

/**
 * For each word, the closest word of someone's name (trigram similarity), if any is close enough:
 * "marko" → "marco". The dictionary is small (distinct name words), so this is cheap at any size.
 */
export async function correctWords(db: Executor, orgId: string, words: string[]): Promise<Map<string, string>> {
  if (words.length === 0) {
    return new Map();
  }
  const r = await sql<{ input: string; word: string }>`
    select distinct on (w.input) w.input, n.word
    from unnest(${words}::text[]) as w(input)
    join name_words n on n.org_id = ${orgId} and n.word % w.input
    order by w.input, similarity(n.word, w.input) desc, n.word`.execute(db);
  return new Map(r.rows.map((x) => [x.input, x.word]));
}

export function findPerson(db: Executor, orgId: string, id: string) {
  return peopleWithReports(db)
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
  return peopleWithReports(db)
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
