import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { decodeTimeCursor, encodeTimeCursor } from '../../platform/cursor.js';
import { badRequest, conflict, isUniqueViolation, notFound, unprocessable } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { requireAction, type Actor } from '../../platform/policy.js';
import { csatOf, CUSTOMER_LIMITS, npsOf } from '../../../shared/customers.js';
import { customerSettings } from './customers.settings.js';
import { plainText } from './feedback.record.js';
import * as q from './accounts.queries.js';
import type {
  AccountDetail,
  AccountListQuery,
  AccountPatch,
  AccountSummary,
  Contact,
  ContactPatch,
  Interaction,
  NewAccount,
  NewContact,
  NewInteraction,
} from './accounts.schemas.js';

type Executor = Kysely<DB> | Transaction<DB>;
type Ref = { id: string; name: string };

const DEFAULT_PAGE = 50;
/** An interaction may be logged ahead of time by at most this much (a meeting booked for tomorrow morning). */
const FUTURE_SLACK_MS = 24 * 60 * 60_000;

// The same rule as the `email` format of the API schemas (ajv-formats).
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

/** An e-mail address trimmed and in lower case, or null when it is not one. */
export function normaliseEmail(raw: string): string | null {
  const email = raw.trim().toLowerCase();
  return email.length <= CUSTOMER_LIMITS.email && EMAIL.test(email) ? email : null;
}

/** Today in UTC, YYYY-MM-DD: the default "customer since". */
export const today = () => new Date().toISOString().slice(0, 10);

/** Keyset cursors over (name, id), opaque to clients. */
function encodeNameCursor(row: { name: string; id: string }): string {
  return Buffer.from(JSON.stringify([row.name, row.id])).toString('base64url');
}

function decodeNameCursor(cursor: string | undefined): { name: string; id: string } | undefined {
  if (!cursor) {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string' && /^[0-9a-f-]{36}$/.test(value[1])) {
      return { name: value[0], id: value[1] };
    }
  } catch {
    // Falls through to the error below.
  }
  throw badRequest('INVALID_CURSOR', 'The page cursor is not valid.');
}

/** The first day of the customer answers an account's scores are computed from. */
function windowStart(windowMonths: number): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - windowMonths, now.getUTCDate()));
}

/** Repeats each score as many times as it was given, so the shared definitions (npsOf, csatOf) do the counting. */
function* expand(counts: { score: number; n: number }[]): Generator<number> {
  for (const c of counts) {
    for (let i = 0; i < Number(c.n); i++) {
      yield c.score;
    }
  }
}

function groupBy<T extends { accountId: string | null }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    if (r.accountId === null) {
      continue;
    }
    const list = out.get(r.accountId) ?? [];
    list.push(r);
    out.set(r.accountId, list);
  }
  return out;
}

/**
 * Everything the summaries of some accounts show besides their own columns, in five grouped queries
 * whatever the number of accounts: serving teams, NPS over the settings' window, the latest
 * interaction and the open follow-ups.
 */
async function summarise(db: Executor, orgId: string, rows: q.AccountRow[], since?: Date): Promise<AccountSummary[]> {
  const ids = rows.map((r) => r.id);
  since ??= windowStart((await customerSettings(db, orgId)).windowMonths);
  const [teams, nps, last, open] = await Promise.all([
    q.teamsOf(db, orgId, ids),
    q.scoreCounts(db, orgId, ids, 'nps', since),
    q.lastInteractions(db, orgId, ids),
    q.openFollowupCounts(db, orgId, ids),
  ]);
  const teamsBy = groupBy(teams);
  const npsBy = groupBy(nps);
  const lastBy = new Map(last.map((r) => [r.accountId, r.at]));
  const openBy = new Map(open.map((r) => [r.accountId, Number(r.n)]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    externalId: r.externalId,
    segment: r.segment,
    region: r.region,
    size: r.size,
    locale: r.locale === 'it' ? 'it' : 'en',
    status: r.lostOn === null ? 'active' : 'lost',
    customerSince: r.customerSince,
    lostOn: r.lostOn,
    teams: (teamsBy.get(r.id) ?? []).map((t) => ({ id: t.id, name: t.name })),
    nps: npsOf(expand(npsBy.get(r.id) ?? [])),
    lastInteractionAt: lastBy.get(r.id) ?? null,
    openFollowups: openBy.get(r.id) ?? 0,
  }));
}

const contactView = (c: q.ContactRow): Contact => ({
  id: c.id,
  accountId: c.accountId,
  name: c.name,
  email: c.email,
  title: c.title,
  locale: c.locale === 'en' || c.locale === 'it' ? c.locale : null,
  optedOut: c.optedOutAt !== null,
});

async function detail(db: Executor, orgId: string, row: q.AccountRow): Promise<AccountDetail> {
  const since = windowStart((await customerSettings(db, orgId)).windowMonths);
  const [[summary], people, contacts, csat] = await Promise.all([
    summarise(db, orgId, [row], since),
    q.peopleOf(db, orgId, [row.id]),
    q.contactsOf(db, orgId, row.id),
    q.scoreCounts(db, orgId, [row.id], 'csat', since),
  ]);
  return {
    ...summary!,
    people: people.map((p) => ({ id: p.id, name: p.name })),
    contacts: contacts.map(contactView),
    csat: csatOf(expand(csat)),
  };
}

async function loadAccount(db: Executor, orgId: string, id: string): Promise<q.AccountRow> {
  const row = await q.accountById(db, orgId, id);
  if (!row) {
    throw notFound('account');
  }
  return row;
}

/** Throws 422 UNKNOWN_TEAM / UNKNOWN_PERSON naming the first id that is not the organisation's. */
export async function checkTeamsAndPeople(
  db: Executor,
  orgId: string,
  teamIds: readonly string[] | undefined,
  userIds: readonly string[] | undefined,
): Promise<void> {
  if (teamIds?.length) {
    const known = await q.knownTeams(db, orgId, [...teamIds]);
    const unknown = teamIds.find((id) => !known.has(id));
    if (unknown) {
      throw unprocessable('UNKNOWN_TEAM', 'This team does not exist.', { teamId: unknown });
    }
  }
  if (userIds?.length) {
    const known = await q.knownPeople(db, orgId, [...userIds]);
    const unknown = userIds.find((id) => !known.has(id));
    if (unknown) {
      throw unprocessable('UNKNOWN_PERSON', 'This person is not a member of the organisation.', { userId: unknown });
    }
  }
}

/** A short free-text field: trimmed, empty meaning none. */
const cleanShort = (s: string | null | undefined) => (s === undefined ? undefined : s === null ? null : s.trim() || null);

function cleanName(name: string): string {
  const clean = name.trim().replace(/\s+/g, ' ');
  if (!clean) {
    throw badRequest('MISSING_NAME', 'Give the account a name.');
  }
  return clean;
}

function checkDates(customerSince: string, lostOn: string | null) {
  if (lostOn !== null && lostOn < customerSince) {
    throw badRequest('LOST_BEFORE_SINCE', 'An account cannot be lost before it became a customer.');
  }
}

/** Refuses a name or external id another account already has, before the unique indexes would. */
async function checkUnique(
  db: Executor,
  orgId: string,
  f: { name?: string | undefined; externalId?: string | null | undefined; exceptId?: string },
) {
  const clash = await q.clashingAccount(db, orgId, f);
  if (f.name !== undefined && clash.some((c) => c.name.toLowerCase() === f.name!.toLowerCase())) {
    throw conflict('ACCOUNT_EXISTS', 'An account with this name already exists.');
  }
  if (f.externalId && clash.some((c) => c.externalId === f.externalId)) {
    throw conflict('EXTERNAL_ID_EXISTS', 'Another account already has this external id.');
  }
}

/** A concurrent write with the same name or external id loses the race on the unique indexes: the same 409. */
function duplicateAccount(err: unknown): never {
  if (isUniqueViolation(err)) {
    const text = `${(err as { constraint?: string }).constraint ?? ''} ${(err as Error).message}`;
    if (text.includes('customer_accounts_external')) {
      throw conflict('EXTERNAL_ID_EXISTS', 'Another account already has this external id.');
    }
    throw conflict('ACCOUNT_EXISTS', 'An account with this name already exists.');
  }
  throw err;
}

/** Accounts in name order, filtered by text, status, serving team or segment. */
export async function listAccounts(ctx: Ctx, actor: Actor, input: AccountListQuery) {
  requireAction(actor, 'customers.read');
  const limit = input.limit ?? DEFAULT_PAGE;
  const text = input.q?.trim();
  const rows = await q.accountPage(ctx.db, actor.orgId, {
    q: text || undefined,
    status: input.status,
    teamId: input.teamId,
    segment: input.segment?.trim() || undefined,
    after: decodeNameCursor(input.cursor),
    limit,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: await summarise(ctx.db, actor.orgId, page),
    nextCursor: rows.length > limit && last ? encodeNameCursor(last) : null,
  };
}

/** One account with its people, contacts and CSAT. */
export async function getAccount(ctx: Ctx, actor: Actor, id: string): Promise<AccountDetail> {
  requireAction(actor, 'customers.read');
  return detail(ctx.db, actor.orgId, await loadAccount(ctx.db, actor.orgId, id));
}

/** Creates an account with its serving teams and people, and records it in the audit log. */
export async function createAccount(ctx: Ctx, actor: Actor, input: NewAccount): Promise<AccountDetail> {
  requireAction(actor, 'customers.manage');
  const orgId = actor.orgId;
  const values: q.AccountValues = {
    name: cleanName(input.name),
    externalId: cleanShort(input.externalId) ?? null,
    segment: cleanShort(input.segment) ?? null,
    region: cleanShort(input.region) ?? null,
    size: input.size ?? null,
    locale: input.locale ?? 'en',
    customerSince: input.customerSince ?? today(),
    lostOn: input.lostOn ?? null,
  };
  checkDates(values.customerSince, values.lostOn);
  const id = newId();
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      await checkTeamsAndPeople(trx, orgId, input.teamIds, input.userIds);
      await checkUnique(trx, orgId, { name: values.name, externalId: values.externalId });
      await q.insertAccount(trx, { id, orgId, ...values });
      await q.setAccountTeams(trx, orgId, id, input.teamIds ?? []);
      await q.setAccountPeople(trx, orgId, id, input.userIds ?? []);
      await audit(trx, { orgId, actorId: actor.userId, action: 'customers.account.created', targetId: id, data: { name: values.name } });
    })
    .catch(duplicateAccount);
  return detail(ctx.db, orgId, await loadAccount(ctx.db, orgId, id));
}

/** Changes an account; lists of teams and people replace the current ones, `lostOn: null` makes it active again. */
export async function updateAccount(ctx: Ctx, actor: Actor, id: string, patch: AccountPatch): Promise<AccountDetail> {
  requireAction(actor, 'customers.manage');
  const orgId = actor.orgId;
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      const row = await q.lockAccount(trx, orgId, id);
      if (!row) {
        throw notFound('account');
      }
      const changes: Partial<q.AccountValues> = {};
      if (patch.name !== undefined) {
        changes.name = cleanName(patch.name);
      }
      if (patch.externalId !== undefined) {
        changes.externalId = cleanShort(patch.externalId) ?? null;
      }
      if (patch.segment !== undefined) {
        changes.segment = cleanShort(patch.segment) ?? null;
      }
      if (patch.region !== undefined) {
        changes.region = cleanShort(patch.region) ?? null;
      }
      if (patch.size !== undefined) {
        changes.size = patch.size;
      }
      if (patch.locale !== undefined) {
        changes.locale = patch.locale;
      }
      if (patch.customerSince !== undefined) {
        changes.customerSince = patch.customerSince;
      }
      if (patch.lostOn !== undefined) {
        changes.lostOn = patch.lostOn;
      }
      checkDates(changes.customerSince ?? row.customerSince, changes.lostOn === undefined ? row.lostOn : changes.lostOn);
      await checkTeamsAndPeople(trx, orgId, patch.teamIds, patch.userIds);
      const renamed = changes.name !== undefined && changes.name.toLowerCase() !== row.name.toLowerCase();
      const newExternal = changes.externalId !== undefined && changes.externalId !== row.externalId;
      if (renamed || newExternal) {
        await checkUnique(trx, orgId, {
          name: renamed ? changes.name : undefined,
          externalId: newExternal ? changes.externalId : undefined,
          exceptId: id,
        });
      }
      await q.updateAccount(trx, orgId, id, changes);
      if (patch.teamIds !== undefined) {
        await q.setAccountTeams(trx, orgId, id, patch.teamIds);
      }
      if (patch.userIds !== undefined) {
        await q.setAccountPeople(trx, orgId, id, patch.userIds);
      }
      await audit(trx, {
        orgId,
        actorId: actor.userId,
        action: 'customers.account.updated',
        targetId: id,
        data: { fields: Object.keys(patch).sort() },
      });
    })
    .catch(duplicateAccount);
  return detail(ctx.db, orgId, await loadAccount(ctx.db, orgId, id));
}

/** Deletes an account with its contacts and interactions; its customers' answers stay, without the account. */
export async function deleteAccount(ctx: Ctx, actor: Actor, id: string): Promise<{ ok: true }> {
  requireAction(actor, 'customers.manage');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await q.lockAccount(trx, actor.orgId, id);
    if (!row || !(await q.deleteAccount(trx, actor.orgId, id))) {
      throw notFound('account');
    }
    await audit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'customers.account.deleted',
      targetId: id,
      data: { name: row.name, externalId: row.externalId },
    });
  });
  return { ok: true };
}

function contactEmail(raw: string): string {
  const email = normaliseEmail(raw);
  if (!email) {
    throw badRequest('INVALID_EMAIL', 'This is not a valid e-mail address.');
  }
  return email;
}

const duplicateContact = (err: unknown): never => {
  if (isUniqueViolation(err)) {
    throw conflict('CONTACT_EXISTS', 'This account already has a contact with this e-mail address.');
  }
  throw err;
};

/** Adds a contact to an account; one e-mail address once per account. */
export async function addContact(ctx: Ctx, actor: Actor, accountId: string, input: NewContact): Promise<Contact> {
  requireAction(actor, 'customers.manage');
  const orgId = actor.orgId;
  const email = contactEmail(input.email);
  const name = input.name.trim();
  if (!name) {
    throw badRequest('MISSING_NAME', 'Give the contact a name.');
  }
  const id = newId();
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      await loadAccount(trx, orgId, accountId);
      if (await q.contactWithEmail(trx, orgId, accountId, email)) {
        throw conflict('CONTACT_EXISTS', 'This account already has a contact with this e-mail address.');
      }
      await q.insertContact(trx, {
        id,
        orgId,
        accountId,
        name,
        email,
        title: cleanShort(input.title) ?? null,
        locale: input.locale ?? null,
      });
    })
    .catch(duplicateContact);
  return contactView((await q.contactById(ctx.db, orgId, id))!);
}

/** Changes a contact; opting out stops feedback requests to them. */
export async function updateContact(ctx: Ctx, actor: Actor, id: string, patch: ContactPatch): Promise<Contact> {
  requireAction(actor, 'customers.manage');
  const orgId = actor.orgId;
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      const c = await q.contactById(trx, orgId, id);
      if (!c) {
        throw notFound('contact');
      }
      const changes: Parameters<typeof q.updateContact>[3] = {};
      if (patch.name !== undefined) {
        changes.name = patch.name.trim();
        if (!changes.name) {
          throw badRequest('MISSING_NAME', 'Give the contact a name.');
        }
      }
      if (patch.email !== undefined) {
        changes.email = contactEmail(patch.email);
        if (await q.contactWithEmail(trx, orgId, c.accountId, changes.email, id)) {
          throw conflict('CONTACT_EXISTS', 'This account already has a contact with this e-mail address.');
        }
      }
      if (patch.title !== undefined) {
        changes.title = cleanShort(patch.title) ?? null;
      }
      if (patch.locale !== undefined) {
        changes.locale = patch.locale;
      }
      if (patch.optedOut !== undefined && patch.optedOut !== (c.optedOutAt !== null)) {
        changes.optedOutAt = patch.optedOut ? new Date() : null;
      }
      if (Object.keys(changes).length > 0) {
        await q.updateContact(trx, orgId, id, changes);
      }
    })
    .catch(duplicateContact);
  return contactView((await q.contactById(ctx.db, orgId, id))!);
}

export async function deleteContact(ctx: Ctx, actor: Actor, id: string): Promise<{ ok: true }> {
  requireAction(actor, 'customers.manage');
  const c = await q.contactById(ctx.db, actor.orgId, id);
  if (!c) {
    throw notFound('contact');
  }
  await q.deleteContact(ctx.db, actor.orgId, id);
  return { ok: true };
}

const ref = (id: string | null, name: string | null): Ref | null => (id !== null && name !== null ? { id, name } : null);

const interactionView = (r: q.InteractionRow): Interaction => ({
  id: r.id,
  accountId: r.accountId,
  kind: r.kind,
  summary: r.summary,
  occurredAt: r.occurredAt,
  contact: ref(r.contactId, r.contactName),
  team: ref(r.teamId, r.teamName),
  user: ref(r.userId, r.userName),
  createdBy: ref(r.createdBy, r.createdByName),
});

/** An account's interactions, newest first. */
export async function listInteractions(
  ctx: Ctx,
  actor: Actor,
  accountId: string,
  input: { cursor?: string | undefined; limit?: number | undefined },
) {
  requireAction(actor, 'customers.read');
  await loadAccount(ctx.db, actor.orgId, accountId);
  const limit = input.limit ?? DEFAULT_PAGE;
  const rows = await q.interactionPage(ctx.db, actor.orgId, accountId, decodeTimeCursor(input.cursor), limit);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(interactionView),
    nextCursor: rows.length > limit && last ? encodeTimeCursor({ createdAt: last.occurredAt, id: last.id }) : null,
  };
}

/** An interaction's summary as stored: plain text, never empty. */
export function interactionSummary(raw: string): string | null {
  return plainText(raw, CUSTOMER_LIMITS.summary);
}

/** When an interaction happened: now by default; `invalid` when it is not a time, `future` when more than a day ahead. */
export function interactionTime(raw: string | undefined, now = new Date()): Date | 'invalid' | 'future' {
  if (raw === undefined) {
    return now;
  }
  const at = new Date(raw);
  if (Number.isNaN(at.getTime())) {
    return 'invalid';
  }
  return at.getTime() > now.getTime() + FUTURE_SLACK_MS ? 'future' : at;
}

/** Logs a meeting, call, ticket or note with an account. */
export async function addInteraction(ctx: Ctx, actor: Actor, accountId: string, input: NewInteraction): Promise<Interaction> {
  requireAction(actor, 'customers.interact');
  const orgId = actor.orgId;
  const summary = interactionSummary(input.summary);
  if (!summary) {
    throw badRequest('EMPTY_SUMMARY', 'Write what happened.');
  }
  const occurredAt = interactionTime(input.occurredAt);
  if (occurredAt === 'invalid') {
    throw badRequest('INVALID_DATE', 'This is not a date and time.');
  }
  if (occurredAt === 'future') {
    throw badRequest('OCCURRED_IN_FUTURE', 'An interaction can be logged at most a day ahead.');
  }
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await loadAccount(trx, orgId, accountId);
    const contactId = input.contactId ?? null;
    if (contactId !== null) {
      const c = await q.contactById(trx, orgId, contactId);
      if (!c || c.accountId !== accountId) {
        throw unprocessable('UNKNOWN_CONTACT', 'This contact is not one of the account.');
      }
    }
    const teamId = input.teamId ?? null;
    const userId = input.userId ?? null;
    await checkTeamsAndPeople(trx, orgId, teamId ? [teamId] : undefined, userId ? [userId] : undefined);
    await q.insertInteraction(trx, {
      id,
      orgId,
      accountId,
      kind: input.kind,
      summary,
      occurredAt,
      contactId,
      teamId,
      userId,
      externalId: null,
      createdBy: actor.userId,
    });
  });
  return interactionView((await q.interactionById(ctx.db, orgId, id))!);
}
