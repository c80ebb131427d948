import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

export async function insertInvitation(
  db: Executor,
  row: {
    id: string;
    orgId: string;
    email: string;
    name: string | null;
    roles: string[];
    tokenHash: string;
    invitedBy: string;
    expiresAt: Date;
  },
) {
  await db.insertInto('invitations').values(row).execute();
}

/** Withdraws earlier open invitations to the same address, so only the newest link works. */
export async function revokeOpenFor(db: Executor, orgId: string, email: string) {
  await db
    .updateTable('invitations')
    .set({ revokedAt: new Date() })
    .where('orgId', '=', orgId)
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .where('acceptedAt', 'is', null)
    .where('revokedAt', 'is', null)
    .execute();
}

export function list(db: Executor, orgId: string, limit: number, after?: { createdAt: Date; id: string }) {
  return db
    .selectFrom('invitations as i')
    .leftJoin('users as u', 'u.id', 'i.invitedBy')
    .select([
      'i.id',
      'i.email',
      'i.name',
      'i.roles',
      'i.createdAt',
      'i.expiresAt',
      'i.acceptedAt',
      'i.revokedAt',
      'u.name as invitedByName',
    ])
    .where('i.orgId', '=', orgId)
    .$if(!!after, (qb) =>
      qb.where((eb) =>
        eb.or([eb('i.createdAt', '<', after!.createdAt), eb.and([eb('i.createdAt', '=', after!.createdAt), eb('i.id', '<', after!.id)])]),
      ),
    )
    .orderBy('i.createdAt', 'desc')
    .orderBy('i.id', 'desc')
    .limit(limit + 1)
    .execute();
}

export async function revoke(db: Executor, orgId: string, id: string): Promise<boolean> {
  const r = await db
    .updateTable('invitations')
    .set({ revokedAt: new Date() })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .where('acceptedAt', 'is', null)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export function findByToken(db: Executor, tokenHash: string) {
  return db
    .selectFrom('invitations as i')
    .innerJoin('orgs as o', 'o.id', 'i.orgId')
    .select(['i.id', 'i.orgId', 'i.email', 'i.name', 'i.roles', 'i.expiresAt', 'i.acceptedAt', 'i.revokedAt', 'o.name as orgName'])
    .where('i.tokenHash', '=', tokenHash)
    .executeTakeFirst();
}

/** Marks an invitation used, atomically, so that a link signs up at most one person. */
export function consume(db: Executor, tokenHash: string) {
  return db
    .updateTable('invitations')
    .set({ acceptedAt: new Date() })
    .where('tokenHash', '=', tokenHash)
    .where('acceptedAt', 'is', null)
    .where('revokedAt', 'is', null)
    .where('expiresAt', '>', new Date())
    .returning(['id', 'orgId', 'email', 'roles'])
    .executeTakeFirst();
}

export function findUserByEmail(db: Executor, orgId: string, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'status', 'passwordHash'])
    .where('orgId', '=', orgId)
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}
