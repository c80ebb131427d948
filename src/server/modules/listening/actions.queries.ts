import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ActionScope, ActionStatus, Driver } from '../../../shared/listening.js';

type Executor = Kysely<DB> | Transaction<DB>;
type After = { createdAt: Date; id: string } | undefined;

/** Whose actions a reader manages: everyone's (HR and administrators), or those they created, own or that speak to their line. */
export type Reach = { all: true } | { all: false; userId: string };

/** Everything an action shows, with its owner, author, survey and the name of its scope, in one query. */
function actionSelect(db: Executor, orgId: string) {
  return db
    .selectFrom('listeningActions as a')
    .leftJoin('users as o', (j) => j.onRef('o.id', '=', 'a.ownerId').on('o.orgId', '=', orgId))
    .leftJoin('users as c', (j) => j.onRef('c.id', '=', 'a.createdBy').on('c.orgId', '=', orgId))
    .leftJoin('surveys as s', (j) => j.onRef('s.id', '=', 'a.surveyId').on('s.orgId', '=', orgId))
    .leftJoin('departments as sd', (j) => j.onRef('sd.id', '=', 'a.scopeId').on('a.scopeKind', '=', 'department'))
    .leftJoin('teams as st', (j) => j.onRef('st.id', '=', 'a.scopeId').on('a.scopeKind', '=', 'team'))
    .leftJoin('users as sl', (j) => j.onRef('sl.id', '=', 'a.scopeId').on('a.scopeKind', '=', 'line'))
    .select((eb) => [
      'a.id',
      'a.title',
      'a.description',
      'a.descriptionHtml',
      'a.status',
      'a.dueOn',
      'a.driver',
      'a.scopeKind',
      'a.scopeId',
      'a.sharedAt',
      'a.createdAt',
      'a.updatedAt',
      'a.ownerId',
      'o.name as ownerName',
      'o.title as ownerTitle',
      'o.photoKey as ownerPhotoKey',
      'a.createdBy',
      'c.name as creatorName',
      'c.title as creatorTitle',
      'c.photoKey as creatorPhotoKey',
      'a.surveyId',
      's.title as surveyTitle',
      eb.fn.coalesce('sd.name', 'st.name', 'sl.name').as('scopeName'),
    ])
    .where('a.orgId', '=', orgId);
}

export type ActionRow = Awaited<ReturnType<ReturnType<typeof actionSelect>['executeTakeFirstOrThrow']>>;

/** SQL condition: the action is one the reader manages (see `Reach`). */
function managedBy(reach: Reach): Expression<SqlBool> {
  if (reach.all) {
    return sql<SqlBool>`true`;
  }
  const me = reach.userId;
  return sql<SqlBool>`(a.created_by = ${me} or a.owner_id = ${me} or (a.scope_kind = 'line' and a.scope_id = ${me}))`;
}

/** SQL condition: the row comes after `after` in a newest-first order of these two columns. */
function before(after: After, at: string, id: string): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.ref(at)}, ${sql.ref(id)}) < (${after!.createdAt}::timestamptz, ${after!.id}::uuid)`;
}

/** One action the reader manages; undefined when it does not exist or they do not manage it. */
export async function managedAction(db: Executor, orgId: string, reach: Reach, id: string): Promise<ActionRow | undefined> {
  return actionSelect(db, orgId).where('a.id', '=', id).where(managedBy(reach)).executeTakeFirst();
}

/** A page of the actions the reader manages, newest first, optionally of one status or one survey. */
export async function managedPage(
  db: Executor,
  orgId: string,
  reach: Reach,
  f: { status?: ActionStatus | undefined; surveyId?: string | undefined; limit: number; after: After },
): Promise<ActionRow[]> {
  return actionSelect(db, orgId)
    .where(managedBy(reach))
    .$if(f.status !== undefined, (qb) => qb.where('a.status', '=', f.status!))
    .$if(f.surveyId !== undefined, (qb) => qb.where('a.surveyId', '=', f.surveyId!))
    .$if(f.after !== undefined, (qb) => qb.where(before(f.after, 'a.created_at', 'a.id')))
    .orderBy('a.createdAt', 'desc')
    .orderBy('a.id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

/**
 * A page of the shared actions whose scope includes this person, most recently shared first: the
 * whole company, their department or one above it, their team, or the line of any manager above them.
 */
export async function sharedWithPage(db: Executor, orgId: string, userId: string, limit: number, after: After): Promise<ActionRow[]> {
  const departments = sql<string>`(
    with recursive up(id) as (
      select department_id from users where id = ${userId} and org_id = ${orgId} and department_id is not null
      union
      select d.parent_id from departments d join up on d.id = up.id where d.parent_id is not null
    ) select id from up)`;
  const managers = sql<string>`(
    with recursive up(id) as (
      select manager_id from users where id = ${userId} and org_id = ${orgId} and manager_id is not null
      union
      select u.manager_id from users u join up on u.id = up.id where u.manager_id is not null
    ) select id from up)`;
  const team = sql<string>`(select team_id from users where id = ${userId} and org_id = ${orgId} and team_id is not null)`;
  return actionSelect(db, orgId)
    .where('a.sharedAt', 'is not', null)
    .where(
      sql<SqlBool>`(a.scope_kind = 'company'
        or (a.scope_kind = 'department' and a.scope_id in ${departments})
        or (a.scope_kind = 'team' and a.scope_id in ${team})
        or (a.scope_kind = 'line' and a.scope_id in ${managers}))`,
    )
    .$if(after !== undefined, (qb) => qb.where(before(after, 'a.shared_at', 'a.id')))
    .orderBy('a.sharedAt', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit + 1)
    .execute();
}

/**
 * The active people an action's scope speaks to: everyone, a department with the ones below it, a
 * team, or everyone reporting to a manager, directly or not. One query whatever the size.
 */
export async function peopleInScope(db: Executor, orgId: string, kind: ActionScope, scopeId: string | null): Promise<string[]> {
  let rows: { id: string }[];
  if (kind === 'company') {
    rows = await db.selectFrom('users').select('id').where('orgId', '=', orgId).where('status', '=', 'active').execute();
  } else if (kind === 'team') {
    rows = await db
      .selectFrom('users')
      .select('id')
      .where('orgId', '=', orgId)
      .where('status', '=', 'active')
      .where('teamId', '=', scopeId)
      .execute();
  } else if (kind === 'department') {
    ({ rows } = await sql<{ id: string }>`
      with recursive down(id) as (
        select id from departments where id = ${scopeId} and org_id = ${orgId}
        union
        select d.id from departments d join down on d.parent_id = down.id where d.org_id = ${orgId}
      )
      select u.id from users u where u.org_id = ${orgId} and u.status = 'active' and u.department_id in (select id from down)`.execute(db));
  } else {
    ({ rows } = await sql<{ id: string }>`
      with recursive down(id) as (
        select id from users where manager_id = ${scopeId} and org_id = ${orgId}
        union
        select u.id from users u join down on u.manager_id = down.id where u.org_id = ${orgId}
      )
      select u.id from users u where u.id in (select id from down) and u.status = 'active'`.execute(db));
  }
  return rows.map((r) => r.id);
}

/** The person, when they are an active member of the organisation. */
export async function activePerson(db: Executor, orgId: string, id: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

/** Whether a department, team or survey of the organisation exists. */
export async function exists(db: Executor, orgId: string, table: 'departments' | 'teams' | 'surveys', id: string): Promise<boolean> {
  const row = await db.selectFrom(table).select('id').where('orgId', '=', orgId).where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

export interface NewActionRow {
  id: string;
  orgId: string;
  title: string;
  description: string;
  descriptionHtml: string;
  ownerId: string | null;
  dueOn: string | null;
  status: ActionStatus;
  surveyId: string | null;
  driver: Driver | null;
  scopeKind: ActionScope;
  scopeId: string | null;
  createdBy: string | null;
}

export async function insertAction(db: Executor, row: NewActionRow): Promise<void> {
  await db.insertInto('listeningActions').values(row).execute();
}

export type ActionChanges = Partial<
  Pick<
    NewActionRow,
    'title' | 'description' | 'descriptionHtml' | 'ownerId' | 'dueOn' | 'status' | 'surveyId' | 'driver' | 'scopeKind' | 'scopeId'
  >
>;

export async function updateAction(db: Executor, orgId: string, id: string, changes: ActionChanges): Promise<void> {
  await db
    .updateTable('listeningActions')
    .set({ ...changes, updatedAt: new Date() })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .execute();
}

/** Marks the action shared, once: false when it already was (a concurrent share won). */
export async function markShared(db: Executor, orgId: string, id: string, at: Date): Promise<boolean> {
  const row = await db
    .updateTable('listeningActions')
    .set({ sharedAt: at, updatedAt: at })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .where('sharedAt', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteAction(db: Executor, orgId: string, id: string): Promise<void> {
  await db.deleteFrom('listeningActions').where('orgId', '=', orgId).where('id', '=', id).execute();
}
