import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AccountSize, AccountStatus, InteractionKind } from '../../../shared/customers.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** The columns of an account that its views show. */
const ACCOUNT_COLUMNS = [
  'a.id',
  'a.name',
  'a.externalId',
  'a.segment',
  'a.region',
  'a.size',
  'a.locale',
  'a.customerSince',
  'a.lostOn',
] as const;

export interface AccountRow extends AccountValues {
  id: string;
}

/** The organisation's accounts with the columns their views show, for the queries below to narrow. */
function accountSelect(db: Executor, orgId: string) {
  return db.selectFrom('customerAccounts as a').select(ACCOUNT_COLUMNS).where('a.orgId', '=', orgId);
}

/** `%` and `_` typed by a person match themselves, not any text. */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * A page of accounts in name order, by keyset on (name, id) over the customer_accounts_list index.
 * `q` matches name, segment or region anywhere (case-insensitive); `teamId` keeps accounts that
 * team serves; `segment` matches the whole segment, ignoring case.
 */
export function accountPage(
  db: Executor,
  orgId: string,
  f: {
    q?: string | undefined;
    status?: AccountStatus | undefined;
    teamId?: string | undefined;
    segment?: string | undefined;
    after: { name: string; id: string } | undefined;
    limit: number;
  },
): Promise<AccountRow[]> {
  const pattern = f.q ? likePattern(f.q) : null;
  return accountSelect(db, orgId)
    .$if(pattern !== null, (qb) =>
      qb.where(
        sql<SqlBool>`(a.name ilike ${pattern} escape '\\' or a.segment ilike ${pattern} escape '\\' or a.region ilike ${pattern} escape '\\')`,
      ),
    )
    .$if(f.status === 'active', (qb) => qb.where('a.lostOn', 'is', null))
    .$if(f.status === 'lost', (qb) => qb.where('a.lostOn', 'is not', null))
    .$if(f.segment !== undefined, (qb) => qb.where(sql<SqlBool>`lower(a.segment) = lower(${f.segment!})`))
    .$if(f.teamId !== undefined, (qb) =>
      qb.where((eb) =>
        eb.exists(
          eb
            .selectFrom('customerAccountTeams as t')
            .select(sql`1`.as('one'))
            .whereRef('t.accountId', '=', 'a.id')
            .where('t.teamId', '=', f.teamId!),
        ),
      ),
    )
    .$if(f.after !== undefined, (qb) => qb.where(sql<SqlBool>`(a.name, a.id) > (${f.after!.name}, ${f.after!.id}::uuid)`))
    .orderBy('a.name')
    .orderBy('a.id')
    .limit(f.limit + 1)
    .execute();
}

/** One account of the organisation. */
export function accountById(db: Executor, orgId: string, id: string): Promise<AccountRow | undefined> {
  return accountSelect(db, orgId).where('a.id', '=', id).executeTakeFirst();
}

/** Locks an account for a change (concurrent edits of one account apply one after the other). */
export function lockAccount(db: Executor, orgId: string, id: string): Promise<AccountRow | undefined> {
  return accountSelect(db, orgId).where('a.id', '=', id).forUpdate().executeTakeFirst();
}

/** Another account with this name (ignoring case) or external id, to refuse a duplicate with a clear code. */
export function clashingAccount(
  db: Executor,
  orgId: string,
  f: { name?: string | undefined; externalId?: string | null | undefined; exceptId?: string },
) {
  return db
    .selectFrom('customerAccounts')
    .select(['id', 'name', 'externalId'])
    .where('orgId', '=', orgId)
    .where((eb) =>
      eb.or([
        ...(f.name !== undefined ? [eb(sql`lower(name)`, '=', f.name.toLowerCase())] : []),
        ...(f.externalId ? [eb('externalId', '=', f.externalId)] : []),
        sql<SqlBool>`false`,
      ]),
    )
    .$if(f.exceptId !== undefined, (qb) => qb.where('id', '!=', f.exceptId!))
    .execute();
}

/** Serving teams of many accounts, in one query. */
export function teamsOf(db: Executor, orgId: string, accountIds: string[]) {
  if (accountIds.length === 0) {
    return Promise.resolve([]);
  }
  return db
    .selectFrom('customerAccountTeams as at')
    .innerJoin('teams as t', 't.id', 'at.teamId')
    .select(['at.accountId', 't.id', 't.name'])
    .where('at.orgId', '=', orgId)
    .where('at.accountId', 'in', accountIds)
    .orderBy('t.name')
    .execute();
}

/** Serving people of an account. */
export function peopleOf(db: Executor, orgId: string, accountIds: string[]) {
  if (accountIds.length === 0) {
    return Promise.resolve([]);
  }
  return db
    .selectFrom('customerAccountPeople as ap')
    .innerJoin('users as u', 'u.id', 'ap.userId')
    .select(['ap.accountId', 'u.id', 'u.name'])
    .where('ap.orgId', '=', orgId)
    .where('ap.accountId', 'in', accountIds)
    .orderBy('u.name')
    .execute();
}

/** How many answers of each score each account received since `since`, for one kind (grouped: one query for a page). */
export function scoreCounts(db: Executor, orgId: string, accountIds: string[], kind: 'nps' | 'csat', since: Date) {
  if (accountIds.length === 0) {
    return Promise.resolve([]);
  }
  return db
    .selectFrom('customerFeedback')
    .select((eb) => ['accountId', 'score', eb.fn.countAll<number>().as('n')])
    .where('orgId', '=', orgId)
    .where('accountId', 'in', accountIds)
    .where('kind', '=', kind)
    .where('receivedAt', '>=', since)
    .groupBy(['accountId', 'score'])
    .execute();
}

/** The latest interaction of each account. */
export function lastInteractions(db: Executor, orgId: string, accountIds: string[]) {
  if (accountIds.length === 0) {
    return Promise.resolve([]);
  }
  return db
    .selectFrom('customerInteractions')
    .select((eb) => ['accountId', eb.fn.max('occurredAt').as('at')])
    .where('orgId', '=', orgId)
    .where('accountId', 'in', accountIds)
    .groupBy('accountId')
    .execute();
}

/** Follow-ups not done yet, per account. */
export function openFollowupCounts(db: Executor, orgId: string, accountIds: string[]) {
  if (accountIds.length === 0) {
    return Promise.resolve([]);
  }
  return (
    db
      .selectFrom('customerFollowups')
      .select((eb) => ['accountId', eb.fn.countAll<number>().as('n')])
      .where('orgId', '=', orgId)
      .where('accountId', 'in', accountIds)
      // Named statuses rather than "not done", so the customer_followups_list index narrows on them.
      .where('status', 'in', ['open', 'in_progress'])
      .groupBy('accountId')
      .execute()
  );
}

/** Of these ids of teams or of people, those of the organisation. */
async function knownIds(db: Executor, table: 'teams' | 'users', orgId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) {
    return new Set();
  }
  const rows = await db.selectFrom(table).select('id').where('orgId', '=', orgId).where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

/** Of these team ids, those of the organisation. */
export function knownTeams(db: Executor, orgId: string, ids: string[]): Promise<Set<string>> {
  return knownIds(db, 'teams', orgId, ids);
}

/** Of these user ids, those of the organisation's people. */
export function knownPeople(db: Executor, orgId: string, ids: string[]): Promise<Set<string>> {
  return knownIds(db, 'users', orgId, ids);
}

export interface AccountValues {
  name: string;
  externalId: string | null;
  segment: string | null;
  region: string | null;
  size: AccountSize | null;
  locale: string;
  customerSince: string;
  lostOn: string | null;
}

export async function insertAccount(db: Executor, row: AccountValues & { id: string; orgId: string }): Promise<void> {
  await db.insertInto('customerAccounts').values(row).execute();
}

export async function updateAccount(db: Executor, orgId: string, id: string, changes: Partial<AccountValues>): Promise<void> {
  await db
    .updateTable('customerAccounts')
    .set({ ...changes, updatedAt: sql`now()` })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .execute();
}

export async function deleteAccount(db: Executor, orgId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('customerAccounts').where('orgId', '=', orgId).where('id', '=', id).executeTakeFirst();
  return r.numDeletedRows > 0n;
}

/** Replaces the teams serving an account. */
export async function setAccountTeams(db: Executor, orgId: string, accountId: string, teamIds: string[]): Promise<void> {
  await db.deleteFrom('customerAccountTeams').where('orgId', '=', orgId).where('accountId', '=', accountId).execute();
  if (teamIds.length > 0) {
    await db
      .insertInto('customerAccountTeams')
      .values(teamIds.map((teamId) => ({ orgId, accountId, teamId })))
      .execute();
  }
}

/** Replaces the people serving an account. */
export async function setAccountPeople(db: Executor, orgId: string, accountId: string, userIds: string[]): Promise<void> {
  await db.deleteFrom('customerAccountPeople').where('orgId', '=', orgId).where('accountId', '=', accountId).execute();
  if (userIds.length > 0) {
    await db
      .insertInto('customerAccountPeople')
      .values(userIds.map((userId) => ({ orgId, accountId, userId })))
      .execute();
  }
}

const CONTACT_COLUMNS = ['c.id', 'c.accountId', 'c.name', 'c.email', 'c.title', 'c.locale', 'c.optedOutAt'] as const;

export interface ContactRow {
  id: string;
  accountId: string;
  name: string;
  email: string;
  title: string | null;
  locale: string | null;
  optedOutAt: Date | null;
}

/** A contact as it is written: everything but the opt-out, which has its own way in. */
export type ContactValues = Omit<ContactRow, 'optedOutAt'> & { orgId: string };

/** The organisation's contacts with the columns their views show, for the queries below to narrow. */
function contactSelect(db: Executor, orgId: string) {
  return db.selectFrom('customerContacts as c').select(CONTACT_COLUMNS).where('c.orgId', '=', orgId);
}

/** The contacts of an account, by name. */
export function contactsOf(db: Executor, orgId: string, accountId: string): Promise<ContactRow[]> {
  return contactSelect(db, orgId).where('c.accountId', '=', accountId).orderBy('c.name').orderBy('c.id').execute();
}

export function contactById(db: Executor, orgId: string, id: string): Promise<ContactRow | undefined> {
  return contactSelect(db, orgId).where('c.id', '=', id).executeTakeFirst();
}

/** Another contact of the account with this e-mail (ignoring case). */
export function contactWithEmail(db: Executor, orgId: string, accountId: string, email: string, exceptId?: string) {
  return db
    .selectFrom('customerContacts')
    .select('id')
    .where('orgId', '=', orgId)
    .where('accountId', '=', accountId)
    .where(sql<SqlBool>`lower(email) = ${email.toLowerCase()}`)
    .$if(exceptId !== undefined, (qb) => qb.where('id', '!=', exceptId!))
    .executeTakeFirst();
}

export async function insertContact(db: Executor, row: ContactValues): Promise<void> {
  await db.insertInto('customerContacts').values(row).execute();
}

export async function updateContact(
  db: Executor,
  orgId: string,
  id: string,
  changes: { name?: string; email?: string; title?: string | null; locale?: string | null; optedOutAt?: Date | null },
): Promise<void> {
  await db.updateTable('customerContacts').set(changes).where('orgId', '=', orgId).where('id', '=', id).execute();
}

export async function deleteContact(db: Executor, orgId: string, id: string): Promise<void> {
  await db.deleteFrom('customerContacts').where('orgId', '=', orgId).where('id', '=', id).execute();
}

/** Interactions with their contact, team, person and author, in one query. */
function interactionSelect(db: Executor, orgId: string) {
  return db
    .selectFrom('customerInteractions as i')
    .leftJoin('customerContacts as c', 'c.id', 'i.contactId')
    .leftJoin('teams as t', 't.id', 'i.teamId')
    .leftJoin('users as u', 'u.id', 'i.userId')
    .leftJoin('users as cb', 'cb.id', 'i.createdBy')
    .select([
      'i.id',
      'i.accountId',
      'i.kind',
      'i.summary',
      'i.occurredAt',
      'i.contactId',
      'c.name as contactName',
      'i.teamId',
      't.name as teamName',
      'i.userId',
      'u.name as userName',
      'i.createdBy',
      'cb.name as createdByName',
    ])
    .where('i.orgId', '=', orgId);
}

export type InteractionRow = Awaited<ReturnType<ReturnType<typeof interactionSelect>['executeTakeFirstOrThrow']>>;

/** A page of an account's interactions, newest first, by keyset on the customer_interactions_account index. */
export function interactionPage(
  db: Executor,
  orgId: string,
  accountId: string,
  after: { createdAt: Date; id: string } | undefined,
  limit: number,
): Promise<InteractionRow[]> {
  return interactionSelect(db, orgId)
    .where('i.accountId', '=', accountId)
    .$if(after !== undefined, (qb) =>
      qb.where(sql<SqlBool>`(i.occurred_at, i.id) < (${after!.createdAt}::timestamptz, ${after!.id}::uuid)`),
    )
    .orderBy('i.occurredAt', 'desc')
    .orderBy('i.id', 'desc')
    .limit(limit + 1)
    .execute();
}

export function interactionById(db: Executor, orgId: string, id: string): Promise<InteractionRow | undefined> {
  return interactionSelect(db, orgId).where('i.id', '=', id).executeTakeFirst();
}

export interface InteractionValues {
  id: string;
  orgId: string;
  accountId: string;
  kind: InteractionKind;
  summary: string;
  occurredAt: Date;
  contactId: string | null;
  teamId: string | null;
  userId: string | null;
  externalId: string | null;
  createdBy: string | null;
}

export async function insertInteraction(db: Executor, row: InteractionValues): Promise<void> {
  await db.insertInto('customerInteractions').values(row).execute();
}

/** Accounts with these external ids (the CSV import matches on them first). */
export function accountsByExternalIds(db: Executor, orgId: string, externalIds: string[]): Promise<AccountRow[]> {
  if (externalIds.length === 0) {
    return Promise.resolve([]);
  }
  return accountSelect(db, orgId)
    .where(sql<SqlBool>`a.external_id = any(${externalIds}::text[])`)
    .execute();
}

/** Accounts with these names, given in lower case (matched like the customer_accounts_name index). */
export function accountsByNames(db: Executor, orgId: string, keys: string[]): Promise<AccountRow[]> {
  if (keys.length === 0) {
    return Promise.resolve([]);
  }
  return accountSelect(db, orgId)
    .where(sql<SqlBool>`lower(a.name) = any(${keys}::text[])`)
    .execute();
}

/** Teams with these names, given in lower case. */
export function teamsByNames(db: Executor, orgId: string, keys: string[]) {
  if (keys.length === 0) {
    return Promise.resolve([]);
  }
  return db
    .selectFrom('teams')
    .select(['id', sql<string>`lower(name)`.as('key')])
    .where('orgId', '=', orgId)
    .where(sql<SqlBool>`lower(name) = any(${keys}::text[])`)
    .execute();
}

/** People with these e-mails, given in lower case. */
export function peopleByEmails(db: Executor, orgId: string, keys: string[]) {
  if (keys.length === 0) {
    return Promise.resolve([]);
  }
  return db
    .selectFrom('users')
    .select(['id', sql<string>`lower(email)`.as('key')])
    .where('orgId', '=', orgId)
    .where(sql<SqlBool>`lower(email) = any(${keys}::text[])`)
    .execute();
}

/** Serving team and person ids of many accounts (to tell which ones an import adds). */
export async function servingIds(db: Executor, orgId: string, accountIds: string[]) {
  if (accountIds.length === 0) {
    return { teams: [], people: [] };
  }
  const [teams, people] = await Promise.all([
    db
      .selectFrom('customerAccountTeams')
      .select(['accountId', 'teamId as id'])
      .where('orgId', '=', orgId)
      .where('accountId', 'in', accountIds)
      .execute(),
    db
      .selectFrom('customerAccountPeople')
      .select(['accountId', 'userId as id'])
      .where('orgId', '=', orgId)
      .where('accountId', 'in', accountIds)
      .execute(),
  ]);
  return { teams, people };
}

/** Contacts of many accounts, all of them (an import compares its rows with them by e-mail). */
export function contactsOfAccounts(db: Executor, orgId: string, accountIds: string[]): Promise<ContactRow[]> {
  if (accountIds.length === 0) {
    return Promise.resolve([]);
  }
  return contactSelect(db, orgId).where('c.accountId', 'in', accountIds).execute();
}

/** Inserts many accounts in one statement. */
export async function insertAccounts(db: Executor, rows: (AccountValues & { id: string; orgId: string })[]): Promise<void> {
  if (rows.length > 0) {
    await db.insertInto('customerAccounts').values(rows).execute();
  }
}

/** Adds serving teams, keeping those already there. */
export async function addAccountTeams(db: Executor, rows: { orgId: string; accountId: string; teamId: string }[]): Promise<void> {
  if (rows.length > 0) {
    await db
      .insertInto('customerAccountTeams')
      .values(rows)
      .onConflict((oc) => oc.columns(['accountId', 'teamId']).doNothing())
      .execute();
  }
}

/** Adds serving people, keeping those already there. */
export async function addAccountPeople(db: Executor, rows: { orgId: string; accountId: string; userId: string }[]): Promise<void> {
  if (rows.length > 0) {
    await db
      .insertInto('customerAccountPeople')
      .values(rows)
      .onConflict((oc) => oc.columns(['accountId', 'userId']).doNothing())
      .execute();
  }
}

/**
 * Creates contacts or updates them by e-mail within their account (conflict on customer_contacts_email);
 * a null title or language keeps what the contact has. Returns which rows were new.
 */
export function upsertContacts(db: Executor, rows: ContactValues[]) {
  if (rows.length === 0) {
    return Promise.resolve([]);
  }
  return db
    .insertInto('customerContacts')
    .values(rows)
    .onConflict((oc) =>
      oc.expression(sql`account_id, lower(email)`).doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        title: eb.fn.coalesce('excluded.title', 'customerContacts.title'),
        locale: eb.fn.coalesce('excluded.locale', 'customerContacts.locale'),
      })),
    )
    .returning(['id', 'accountId', sql<string>`lower(email)`.as('key'), sql<boolean>`(xmax = 0)`.as('inserted')])
    .execute();
}

/** Accounts of the organisation among these ids. */
export function accountsByIds(db: Executor, orgId: string, ids: string[]): Promise<AccountRow[]> {
  if (ids.length === 0) {
    return Promise.resolve([]);
  }
  return accountSelect(db, orgId).where('a.id', 'in', ids).execute();
}

/** External ids of interactions already stored, among these. */
export async function knownInteractionIds(db: Executor, orgId: string, externalIds: string[]): Promise<Set<string>> {
  if (externalIds.length === 0) {
    return new Set();
  }
  const rows = await db
    .selectFrom('customerInteractions')
    .select('externalId')
    .where('orgId', '=', orgId)
    .where(sql<SqlBool>`external_id = any(${externalIds}::text[])`)
    .execute();
  return new Set(rows.flatMap((r) => (r.externalId ? [r.externalId] : [])));
}

/**
 * Inserts interactions, skipping those whose external id is already stored (customer_interactions_external);
 * returns the ids actually written.
 */
export async function insertInteractions(db: Executor, rows: InteractionValues[]): Promise<Set<string>> {
  if (rows.length === 0) {
    return new Set();
  }
  const written = await db
    .insertInto('customerInteractions')
    .values(rows)
    .onConflict((oc) => oc.columns(['orgId', 'externalId']).where('externalId', 'is not', null).doNothing())
    .returning('id')
    .execute();
  return new Set(written.map((r) => r.id));
}

/** Opts contacts in or out by id. */
export async function setContactsOptedOut(db: Executor, orgId: string, ids: string[], optedOut: boolean): Promise<void> {
  if (ids.length === 0) {
    return;
  }
  await db
    .updateTable('customerContacts')
    .set({ optedOutAt: optedOut ? sql`coalesce(opted_out_at, now())` : null })
    .where('orgId', '=', orgId)
    .where('id', 'in', ids)
    .execute();
}
