import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Table types, in one place. `npm run check:schema` (part of CI) compares them with
 * the migrated database, so they cannot drift.
 */
/** A timestamp the database fills when omitted. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A timestamp that must be given on insert. */
type RequiredTimestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json = ColumnType<unknown, string | undefined, string>;

export interface OrgsTable {
  id: string;
  name: string;
  host: string | null;
  defaultLocale: Generated<string>;
  requireTotp: Generated<boolean>;
  createdAt: CreatedAt;
}

export interface DepartmentsTable {
  id: string;
  orgId: string;
  name: string;
  parentId: string | null;
  createdAt: CreatedAt;
}

export interface TeamsTable {
  id: string;
  orgId: string;
  name: string;
  departmentId: string | null;
  createdAt: CreatedAt;
}

export interface LocationsTable {
  id: string;
  orgId: string;
  name: string;
  country: string | null;
  timezone: string | null;
  createdAt: CreatedAt;
}

export interface UsersTable {
  id: string;
  orgId: string;
  email: string;
  name: string;
  passwordHash: string | null;
  roles: Generated<string[]>;
  status: Generated<'active' | 'deactivated'>;
  locale: string | null;
  title: string | null;
  bio: string | null;
  skills: Generated<string[]>;
  interests: Generated<string[]>;
  languages: Generated<string[]>;
  timezone: string | null;
  pronouns: string | null;
  phone: string | null;
  startDate: ColumnType<string | null, string | null | undefined, string | null>;
  photoKey: string | null;
  employeeNumber: string | null;
  departmentId: string | null;
  teamId: string | null;
  locationId: string | null;
  managerId: string | null;
  totpSecret: string | null;
  totpEnabled: Generated<boolean>;
  failedLogins: Generated<number>;
  lastFailedLoginAt: Date | null;
  searchText: Generated<string>;
  /** Generated from search_text by the database; never written. */
  searchVector: ColumnType<string | null, never, never>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
  deactivatedAt: Date | null;
}

export interface SessionsTable {
  id: string;
  orgId: string;
  userId: string;
  csrfToken: string;
  createdAt: CreatedAt;
  lastSeenAt: Timestamp;
  expiresAt: RequiredTimestamp;
  userAgent: string | null;
}

export interface InvitationsTable {
  id: string;
  orgId: string;
  email: string;
  name: string | null;
  roles: Generated<string[]>;
  tokenHash: string;
  invitedBy: string | null;
  createdAt: CreatedAt;
  expiresAt: RequiredTimestamp;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

export interface PasswordResetsTable {
  id: string;
  orgId: string;
  userId: string;
  tokenHash: string;
  createdAt: CreatedAt;
  expiresAt: RequiredTimestamp;
  usedAt: Date | null;
}

export interface ApiTokensTable {
  id: string;
  orgId: string;
  userId: string;
  name: string;
  tokenHash: string;
  scopes: string[];
  createdAt: CreatedAt;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export interface AuditLogTable {
  id: string;
  orgId: string;
  actorId: string | null;
  action: string;
  targetId: string | null;
  data: Json;
  createdAt: CreatedAt;
}

export interface JobsTable {
  id: string;
  orgId: string | null;
  kind: string;
  payload: Json;
  runAt: Timestamp;
  attempts: Generated<number>;
  status: Generated<'pending' | 'done' | 'failed'>;
  lastError: string | null;
  createdAt: CreatedAt;
}

/** The distinct words of people's names per organisation, for correcting typos in searches. */
export interface NameWordsTable {
  orgId: string;
  word: string;
}

export interface DB {
  orgs: OrgsTable;
  departments: DepartmentsTable;
  teams: TeamsTable;
  locations: LocationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  invitations: InvitationsTable;
  passwordResets: PasswordResetsTable;
  apiTokens: ApiTokensTable;
  auditLog: AuditLogTable;
  jobs: JobsTable;
  nameWords: NameWordsTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Org = Selectable<OrgsTable>;
