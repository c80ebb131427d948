import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** The columns a sign-in needs; secrets are selected here and nowhere else. */
export function findUserForSignIn(db: Executor, orgId: string, email: string) {
  return db
    .selectFrom('users')
    .select([
      'id',
      'orgId',
      'name',
      'email',
      'passwordHash',
      'status',
      'roles',
      'totpEnabled',
      'totpSecret',
      'failedLogins',
      'lastFailedLoginAt',
    ])
    .where('orgId', '=', orgId)
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

export function findUserSecrets(db: Executor, orgId: string, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'passwordHash', 'totpEnabled', 'totpSecret'])
    .where('orgId', '=', orgId)
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function recordFailedLogin(db: Executor, userId: string): Promise<void> {
  await db
    .updateTable('users')
    .set((eb) => ({ failedLogins: eb('failedLogins', '+', 1), lastFailedLoginAt: new Date() }))
    .where('id', '=', userId)
    .execute();
}

export async function clearFailedLogins(db: Executor, userId: string): Promise<void> {
  await db.updateTable('users').set({ failedLogins: 0, lastFailedLoginAt: null }).where('id', '=', userId).execute();
}

export async function insertSession(
  db: Executor,
  row: { id: string; orgId: string; userId: string; csrfToken: string; expiresAt: Date; userAgent: string | null },
): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** The person's columns a session carries (see SessionUser). */
const SESSION_USER = [
  'u.roles',
  'u.status',
  'u.totpEnabled',
  'u.name',
  'u.email',
  'u.title',
  'u.photoKey',
  'u.locale',
  sql<boolean>`u.title is not null and u.bio is not null and cardinality(u.skills) > 0 and u.photo_key is not null`.as('profileComplete'),
] as const;

/** The same as a session carries, for a person signed in with an API token. */
export function findSessionUser(db: Executor, orgId: string, userId: string) {
  return db.selectFrom('users as u').select(SESSION_USER).where('u.orgId', '=', orgId).where('u.id', '=', userId).executeTakeFirst();
}

/**
 * The session with its person in one query (the organisation is already known from the host). It also carries what /api/me shows,
 * so that the most frequent request of the web app costs a single lookup.
 */
export function findSession(db: Executor, id: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.userId')
    .select(['s.id', 's.orgId', 's.userId', 's.csrfToken', 's.createdAt', 's.lastSeenAt', 's.expiresAt', ...SESSION_USER])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export type SessionRecord = NonNullable<Awaited<ReturnType<typeof findSession>>>;

/** Records activity; a no-op when another node already did within the last minute. */
export async function touchSession(db: Executor, id: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ lastSeenAt: new Date() })
    .where('id', '=', id)
    .where('lastSeenAt', '<', new Date(Date.now() - 60_000))
    .execute();
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteUserSessions(db: Executor, orgId: string, userId: string): Promise<number> {
  const r = await db.deleteFrom('sessions').where('orgId', '=', orgId).where('userId', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export function findApiToken(db: Executor, tokenHash: string) {
  return db
    .selectFrom('apiTokens as t')
    .innerJoin('users as u', 'u.id', 't.userId')
    .select(['t.id', 't.orgId', 't.userId', 't.scopes', 't.expiresAt', 't.revokedAt', 't.lastUsedAt', 'u.roles', 'u.status'])
    .where('t.tokenHash', '=', tokenHash)
    .executeTakeFirst();
}

export async function touchApiToken(db: Executor, id: string): Promise<void> {
  await db.updateTable('apiTokens').set({ lastUsedAt: new Date() }).where('id', '=', id).execute();
}

export function listApiTokens(db: Executor, orgId: string, userId: string) {
  return db
    .selectFrom('apiTokens')
    .select(['id', 'name', 'scopes', 'createdAt', 'lastUsedAt', 'expiresAt', 'revokedAt'])
    .where('orgId', '=', orgId)
    .where('userId', '=', userId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
}

export async function insertApiToken(
  db: Executor,
  row: { id: string; orgId: string; userId: string; name: string; tokenHash: string; scopes: string[]; expiresAt: Date | null },
): Promise<void> {
  await db.insertInto('apiTokens').values(row).execute();
}

export async function revokeApiToken(db: Executor, orgId: string, userId: string, id: string): Promise<boolean> {
  const r = await db
    .updateTable('apiTokens')
    .set({ revokedAt: new Date() })
    .where('orgId', '=', orgId)
    .where('userId', '=', userId)
    .where('id', '=', id)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function setPassword(db: Executor, orgId: string, userId: string, passwordHash: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ passwordHash, failedLogins: 0, lastFailedLoginAt: null, updatedAt: new Date() })
    .where('orgId', '=', orgId)
    .where('id', '=', userId)
    .execute();
}

export async function setTotp(db: Executor, orgId: string, userId: string, secret: string | null, enabled: boolean) {
  await db
    .updateTable('users')
    .set({ totpSecret: secret, totpEnabled: enabled })
    .where('orgId', '=', orgId)
    .where('id', '=', userId)
    .execute();
}

export async function insertPasswordReset(
  db: Executor,
  row: { id: string; orgId: string; userId: string; tokenHash: string; expiresAt: Date },
): Promise<void> {
  await db.insertInto('passwordResets').values(row).execute();
}

/** Marks a reset link used and answers its owner, atomically: a link works once. */
export function consumePasswordReset(db: Executor, tokenHash: string) {
  return db
    .updateTable('passwordResets')
    .set({ usedAt: new Date() })
    .where('tokenHash', '=', tokenHash)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', new Date())
    .returning(['orgId', 'userId'])
    .executeTakeFirst();
}
