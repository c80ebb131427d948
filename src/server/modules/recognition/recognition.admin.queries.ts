import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { CompanyValuesTable, DB } from '../../db/schema.js';
import type { Role } from '../../../shared/roles.js';

type Executor = Kysely<DB> | Transaction<DB>;

export type ValueRow = Pick<Selectable<CompanyValuesTable>, 'id' | 'name' | 'description' | 'emoji' | 'position' | 'archivedAt'>;

const valueColumns = ['id', 'name', 'description', 'emoji', 'position', 'archivedAt'] as const;

/** Every company value, archived ones included, in the order people see them. */
export async function values(db: Executor, orgId: string): Promise<ValueRow[]> {
  return db
    .selectFrom('companyValues')
    .select(valueColumns)
    .where('orgId', '=', orgId)
    .orderBy('position')
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

/** The same, locked for the rest of the transaction, so that two reorderings cannot interleave. */
export async function lockValues(trx: Transaction<DB>, orgId: string): Promise<ValueRow[]> {
  return trx
    .selectFrom('companyValues')
    .select(valueColumns)
    .where('orgId', '=', orgId)
    .orderBy('position')
    .orderBy('createdAt')
    .orderBy('id')
    .forUpdate()
    .execute();
}

export async function findValue(db: Executor, orgId: string, id: string): Promise<ValueRow | undefined> {
  return db.selectFrom('companyValues').select(valueColumns).where('orgId', '=', orgId).where('id', '=', id).executeTakeFirst();
}

/** Whether another value of the organisation has this name, whatever its case. */
export async function nameTaken(db: Executor, orgId: string, name: string, exceptId?: string): Promise<boolean> {
  const r = await db
    .selectFrom('companyValues')
    .select('id')
    .where('orgId', '=', orgId)
    .where(sql<string>`lower(name)`, '=', name.toLowerCase())
    .$if(exceptId !== undefined, (qb) => qb.where('id', '<>', exceptId!))
    .executeTakeFirst();
  return r !== undefined;
}

/** Adds a value at the end of the order. */
export async function insertValue(
  trx: Transaction<DB>,
  row: { id: string; orgId: string; name: string; description: string; emoji: string | null },
): Promise<void> {
  await trx
    .insertInto('companyValues')
    .values((eb) => ({
      ...row,
      position: eb
        .selectFrom('companyValues')
        .select(sql<number>`coalesce(max(position) + 1, 0)::int`.as('next'))
        .where('orgId', '=', row.orgId),
    }))
    .execute();
}

export async function updateValue(
  trx: Transaction<DB>,
  orgId: string,
  id: string,
  patch: { name?: string; description?: string; emoji?: string | null; archivedAt?: Date | null },
): Promise<void> {
  if (Object.keys(patch).length === 0) {
    return;
  }
  await trx.updateTable('companyValues').set(patch).where('orgId', '=', orgId).where('id', '=', id).execute();
}

/** Numbers the values 0, 1, 2 … in this order, in one statement. */
export async function renumberValues(trx: Transaction<DB>, orgId: string, orderedIds: readonly string[]): Promise<void> {
  if (orderedIds.length === 0) {
    return;
  }
  const rows = sql.join(orderedIds.map((id, i) => sql`(${id}::uuid, ${i}::int)`));
  await sql`
    update company_values set position = v.pos
    from (values ${rows}) as v (id, pos)
    where company_values.id = v.id and company_values.org_id = ${orgId} and company_values.position <> v.pos
  `.execute(trx);
}

/** The allowance rules, each with its person (for a rule about one person). */
export async function allowanceRules(db: Executor, orgId: string) {
  return db
    .selectFrom('allowanceRules as r')
    .leftJoin('users as u', 'u.id', 'r.userId')
    .select(['r.id', 'r.role', 'r.amount', 'u.id as userId', 'u.name', 'u.title', 'u.photoKey'])
    .where('r.orgId', '=', orgId)
    .orderBy('u.name')
    .orderBy('r.id')
    .execute();
}

/** Sets the monthly allowance of everyone with this role (the largest of a person's roles applies). */
export async function upsertRoleRule(db: Executor, row: { id: string; orgId: string; role: Role; amount: number }): Promise<void> {
  await db
    .insertInto('allowanceRules')
    .values({ ...row, userId: null })
    .onConflict((oc) => oc.columns(['orgId', 'role']).where('role', 'is not', null).doUpdateSet({ amount: row.amount }))
    .execute();
}

/** Sets one person's monthly allowance, whatever their roles. */
export async function upsertPersonRule(db: Executor, row: { id: string; orgId: string; userId: string; amount: number }): Promise<void> {
  await db
    .insertInto('allowanceRules')
    .values({ ...row, role: null })
    .onConflict((oc) => oc.columns(['orgId', 'userId']).where('userId', 'is not', null).doUpdateSet({ amount: row.amount }))
    .execute();
}

/** Removes a rule; true when there was one. */
export async function deleteRule(db: Executor, orgId: string, of: { role: Role } | { userId: string }): Promise<boolean> {
  const r = await db
    .deleteFrom('allowanceRules')
    .where('orgId', '=', orgId)
    .$if('role' in of, (qb) => qb.where('role', '=', (of as { role: Role }).role))
    .$if('userId' in of, (qb) => qb.where('userId', '=', (of as { userId: string }).userId))
    .executeTakeFirst();
  return r.numDeletedRows > 0n;
}

export async function personStatus(db: Executor, orgId: string, id: string) {
  const r = await db.selectFrom('users').select('status').where('orgId', '=', orgId).where('id', '=', id).executeTakeFirst();
  return r?.status;
}
