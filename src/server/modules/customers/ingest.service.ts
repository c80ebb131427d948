import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, conflict, isUniqueViolation } from '../../platform/errors.js';
import type { RealtimeEvent } from '../../platform/events.js';
import { newId } from '../../platform/ids.js';
import { requireAction, type Actor } from '../../platform/policy.js';
import {
  ACCOUNT_SIZES,
  CUSTOMER_LOCALES,
  FEEDBACK_KINDS,
  INTERACTION_KINDS,
  type AccountSize,
  type CustomerLocale,
  type FeedbackKind,
  type InteractionKind,
} from '../../../shared/customers.js';
import { writeAndPublish } from '../posts/posts.content.js';
import * as q from './accounts.queries.js';
import { interactionSummary, interactionTime, normaliseEmail, today } from './accounts.service.js';
import { recordFeedback, scoreInRange } from './feedback.record.js';
import type { IngestBody, IngestResult } from './ingest.schemas.js';

type Kind = 'accounts' | 'contacts' | 'interactions' | 'feedback';

/** One invalid item: which list, its position, a stable code and a message. */
export interface ItemError {
  kind: Kind;
  index: number;
  code: string;
  message: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
function validDay(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) {
    return false;
  }
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s && d.getUTCFullYear() >= 1900 && d.getUTCFullYear() <= 2200;
}

const isLocale = (s: string): s is CustomerLocale => (CUSTOMER_LOCALES as readonly string[]).includes(s);
const isSize = (s: string): s is AccountSize => (ACCOUNT_SIZES as readonly string[]).includes(s);
const isInteractionKind = (s: string): s is InteractionKind => (INTERACTION_KINDS as readonly string[]).includes(s);
const isFeedbackKind = (s: string): s is FeedbackKind => (FEEDBACK_KINDS as readonly string[]).includes(s);
const clean = (s: string | null | undefined) => (s === undefined ? undefined : s === null ? null : s.trim() || null);
const unique = <T>(xs: T[]) => [...new Set(xs)];

/** An account as the call leaves it: one already stored, or one an item of `accounts` creates. */
interface Target {
  id: string;
  locale: string;
}

/**
 * Everything the items refer to, looked up in a few batched queries: accounts by external id and by
 * id, names already taken, teams, people, contacts and interactions already stored.
 */
async function lookups(ctx: Ctx, orgId: string, body: IngestBody) {
  const db = ctx.db;
  const refs = [...(body.contacts ?? []), ...(body.interactions ?? []), ...(body.feedback ?? [])];
  const externalIds = unique([
    ...(body.accounts ?? []).map((a) => a.externalId.trim()),
    ...refs.flatMap((r) => (r.accountExternalId ? [r.accountExternalId.trim()] : [])),
  ]);
  const accountIds = unique(refs.flatMap((r) => (r.accountId ? [r.accountId] : [])));
  const teamIds = unique([
    ...(body.accounts ?? []).flatMap((a) => a.teamIds ?? []),
    ...(body.interactions ?? []).flatMap((i) => (i.teamId ? [i.teamId] : [])),
    ...(body.feedback ?? []).flatMap((f) => (f.teamId ? [f.teamId] : [])),
  ]);
  const userIds = unique([
    ...(body.accounts ?? []).flatMap((a) => a.userIds ?? []),
    ...(body.interactions ?? []).flatMap((i) => (i.userId ? [i.userId] : [])),
  ]);
  const employeeEmails = unique((body.feedback ?? []).flatMap((f) => (f.employeeEmail ? [f.employeeEmail.trim().toLowerCase()] : [])));
  const interactionIds = unique((body.interactions ?? []).flatMap((i) => (i.externalId ? [i.externalId.trim()] : [])));
  const [byExternal, byId, byName, teams, people, employees, interactions] = await Promise.all([
    q.accountsByExternalIds(db, orgId, externalIds),
    q.accountsByIds(db, orgId, accountIds),
    q.accountsByNames(db, orgId, unique((body.accounts ?? []).map((a) => a.name.trim().toLowerCase()))),
    q.knownTeams(db, orgId, teamIds),
    q.knownPeople(db, orgId, userIds),
    q.peopleByEmails(db, orgId, employeeEmails),
    q.knownInteractionIds(db, orgId, interactionIds),
  ]);
  const stored = [...byExternal, ...byId];
  const contacts = await q.contactsOfAccounts(db, orgId, unique(stored.map((a) => a.id)));
  return {
    byExternal: new Map(byExternal.map((a) => [a.externalId!, a])),
    byId: new Map(byId.map((a) => [a.id, a])),
    byName: new Map(byName.map((a) => [a.name.toLowerCase(), a])),
    teams,
    people,
    employees: new Map(employees.map((p) => [p.key, p.id])),
    interactions,
    contacts: new Map(contacts.map((c) => [`${c.accountId}|${c.email.toLowerCase()}`, c.id])),
  };
}

/**
 * Checks every item before anything is written and returns the plan of writes, or the list of every
 * invalid item. Items may refer to accounts and contacts sent in the same call.
 */
function check(body: IngestBody, found: Awaited<ReturnType<typeof lookups>>) {
  const errors: ItemError[] = [];
  const fail = (kind: Kind, index: number, code: string, message: string) => errors.push({ kind, index, code, message });
  const now = new Date();

  // Accounts: upserted by external id.
  const targets = new Map<string, Target>();
  const accounts: (q.AccountValues & { id: string; existing: q.AccountRow | null; teamIds?: string[]; userIds?: string[] })[] = [];
  const names = new Map<string, number>();
  for (const [index, a] of (body.accounts ?? []).entries()) {
    const externalId = a.externalId.trim();
    const name = a.name.trim().replace(/\s+/g, ' ');
    const existing = found.byExternal.get(externalId) ?? null;
    const before = errors.length;
    if (!externalId) {
      fail('accounts', index, 'MISSING_EXTERNAL_ID', 'An account needs its external id.');
    } else if (targets.has(externalId)) {
      fail('accounts', index, 'DUPLICATE_ITEM', `Another account item already has the external id "${externalId}".`);
    }
    if (!name) {
      fail('accounts', index, 'MISSING_NAME', 'An account needs a name.');
    } else {
      const other = found.byName.get(name.toLowerCase());
      if ((other && other.id !== existing?.id) || names.has(name.toLowerCase())) {
        fail('accounts', index, 'ACCOUNT_EXISTS', `Another account is already called "${name}".`);
      }
      names.set(name.toLowerCase(), index);
    }
    const size = a.size === undefined || a.size === null ? a.size : a.size.trim().toLowerCase();
    if (size && !isSize(size)) {
      fail('accounts', index, 'INVALID_SIZE', `The size must be one of ${ACCOUNT_SIZES.join(', ')}.`);
    }
    const locale = a.locale?.trim().toLowerCase();
    if (locale !== undefined && !isLocale(locale)) {
      fail('accounts', index, 'INVALID_LOCALE', 'The language must be en or it.');
    }
    for (const [field, value] of [
      ['customerSince', a.customerSince],
      ['lostOn', a.lostOn],
    ] as const) {
      if (value !== undefined && value !== null && !validDay(value)) {
        fail('accounts', index, 'INVALID_DATE', `${field} is not a date (YYYY-MM-DD).`);
      }
    }
    const since = a.customerSince ?? existing?.customerSince ?? today();
    const lost = a.lostOn === undefined ? (existing?.lostOn ?? null) : a.lostOn;
    if (lost !== null && lost < since) {
      fail('accounts', index, 'LOST_BEFORE_SINCE', 'An account cannot be lost before it became a customer.');
    }
    if ((a.teamIds ?? []).some((id) => !found.teams.has(id))) {
      fail('accounts', index, 'UNKNOWN_TEAM', 'A team of this account does not exist.');
    }
    if ((a.userIds ?? []).some((id) => !found.people.has(id))) {
      fail('accounts', index, 'UNKNOWN_PERSON', 'A person of this account is not a member of the organisation.');
    }
    if (errors.length > before) {
      continue;
    }
    const id = existing?.id ?? newId();
    const values: q.AccountValues = {
      name,
      externalId,
      segment: clean(a.segment) === undefined ? (existing?.segment ?? null) : clean(a.segment)!,
      region: clean(a.region) === undefined ? (existing?.region ?? null) : clean(a.region)!,
      size: size === undefined ? (existing?.size ?? null) : (size as AccountSize | null),
      locale: locale ?? existing?.locale ?? 'en',
      customerSince: since,
      lostOn: lost,
    };
    targets.set(externalId, { id, locale: values.locale });
    accounts.push({
      ...values,
      id,
      existing,
      ...(a.teamIds ? { teamIds: unique(a.teamIds) } : {}),
      ...(a.userIds ? { userIds: unique(a.userIds) } : {}),
    });
  }

  const account = (
    kind: Kind,
    index: number,
    r: { accountExternalId?: string | undefined; accountId?: string | undefined },
    required: boolean,
  ) => {
    if (r.accountExternalId !== undefined) {
      const key = r.accountExternalId.trim();
      const hit = targets.get(key) ?? found.byExternal.get(key);
      if (!hit) {
        fail(kind, index, 'UNKNOWN_ACCOUNT', `No account has the external id "${key}".`);
        return undefined;
      }
      if (r.accountId !== undefined && r.accountId !== hit.id) {
        fail(kind, index, 'ACCOUNT_MISMATCH', 'accountId and accountExternalId name different accounts.');
        return undefined;
      }
      return { id: hit.id, locale: hit.locale };
    }
    if (r.accountId !== undefined) {
      const hit = found.byId.get(r.accountId);
      if (!hit) {
        fail(kind, index, 'UNKNOWN_ACCOUNT', 'This account does not exist.');
        return undefined;
      }
      return { id: hit.id, locale: hit.locale };
    }
    if (required) {
      fail(kind, index, 'MISSING_ACCOUNT', 'Name the account by accountExternalId or accountId.');
    }
    return undefined;
  };

  // Contacts: upserted by e-mail within their account.
  const contactKeys = new Set(found.contacts.keys());
  const contacts: { accountId: string; name: string; email: string; title: string | null; locale: string | null; optedOut?: boolean }[] =
    [];
  const sentContacts = new Set<string>();
  for (const [index, c] of (body.contacts ?? []).entries()) {
    const before = errors.length;
    const target = account('contacts', index, c, true);
    const email = normaliseEmail(c.email);
    if (!email) {
      fail('contacts', index, 'INVALID_EMAIL', 'This is not a valid e-mail address.');
    }
    const name = c.name.trim();
    if (!name) {
      fail('contacts', index, 'MISSING_NAME', 'A contact needs a name.');
    }
    const locale = c.locale === undefined || c.locale === null ? c.locale : c.locale.trim().toLowerCase();
    if (locale && !isLocale(locale)) {
      fail('contacts', index, 'INVALID_LOCALE', 'The language must be en or it.');
    }
    if (target && email) {
      const key = `${target.id}|${email}`;
      if (sentContacts.has(key)) {
        fail('contacts', index, 'DUPLICATE_ITEM', 'Another contact item has this account and e-mail address.');
      }
      sentContacts.add(key);
    }
    if (errors.length > before || !target || !email) {
      continue;
    }
    contactKeys.add(`${target.id}|${email}`);
    contacts.push({
      accountId: target.id,
      name,
      email,
      title: clean(c.title) ?? null,
      locale: locale ?? null,
      ...(c.optedOut !== undefined ? { optedOut: c.optedOut } : {}),
    });
  }

  const contactOf = (kind: Kind, index: number, target: Target | undefined, raw: string | undefined) => {
    if (raw === undefined) {
      return null;
    }
    const email = normaliseEmail(raw);
    if (!email) {
      fail(kind, index, 'INVALID_EMAIL', 'contactEmail is not a valid e-mail address.');
      return null;
    }
    if (!target) {
      fail(kind, index, 'MISSING_ACCOUNT', 'A contact is named within its account: give accountExternalId or accountId.');
      return null;
    }
    if (!contactKeys.has(`${target.id}|${email}`)) {
      fail(kind, index, 'UNKNOWN_CONTACT', 'The account has no contact with this e-mail address.');
      return null;
    }
    return email;
  };

  // Interactions: once per external id.
  const interactions: (Omit<q.InteractionValues, 'orgId' | 'createdBy' | 'contactId'> & { contactEmail: string | null })[] = [];
  let duplicateInteractions = 0;
  const sentInteractions = new Set<string>();
  for (const [index, i] of (body.interactions ?? []).entries()) {
    const before = errors.length;
    const target = account('interactions', index, i, true);
    if (!isInteractionKind(i.kind)) {
      fail('interactions', index, 'INVALID_KIND', `The kind must be one of ${INTERACTION_KINDS.join(', ')}.`);
    }
    const summary = interactionSummary(i.summary);
    if (!summary) {
      fail('interactions', index, 'EMPTY_SUMMARY', 'An interaction needs a summary.');
    }
    const at = interactionTime(i.occurredAt, now);
    if (at === 'invalid') {
      fail('interactions', index, 'INVALID_DATE', 'occurredAt is not a date and time.');
    } else if (at === 'future') {
      fail('interactions', index, 'OCCURRED_IN_FUTURE', 'An interaction can be logged at most a day ahead.');
    }
    const contactEmail = contactOf('interactions', index, target, i.contactEmail);
    if (i.teamId && !found.teams.has(i.teamId)) {
      fail('interactions', index, 'UNKNOWN_TEAM', 'This team does not exist.');
    }
    if (i.userId && !found.people.has(i.userId)) {
      fail('interactions', index, 'UNKNOWN_PERSON', 'This person is not a member of the organisation.');
    }
    const externalId = clean(i.externalId) ?? null;
    if (errors.length > before || !target || !summary || !(at instanceof Date)) {
      continue;
    }
    if (externalId !== null && (found.interactions.has(externalId) || sentInteractions.has(externalId))) {
      duplicateInteractions += 1;
      continue;
    }
    if (externalId !== null) {
      sentInteractions.add(externalId);
    }
    interactions.push({
      id: newId(),
      accountId: target.id,
      kind: i.kind as InteractionKind,
      summary,
      occurredAt: at,
      contactEmail,
      teamId: i.teamId ?? null,
      userId: i.userId ?? null,
      externalId,
    });
  }

  // Feedback: recorded through the one path every channel takes.
  const feedback: {
    kind: FeedbackKind;
    score: number;
    comment: string | null;
    externalId: string | null;
    accountId: string | null;
    contactEmail: string | null;
    teamId: string | null;
    namedUserId: string | null;
    shareAllowed: boolean;
    locale: string;
    receivedAt: Date;
  }[] = [];
  for (const [index, f] of (body.feedback ?? []).entries()) {
    const before = errors.length;
    const target = account('feedback', index, f, false);
    const kind = f.kind.trim().toLowerCase();
    if (!isFeedbackKind(kind)) {
      fail('feedback', index, 'INVALID_KIND', 'The kind must be nps or csat.');
    } else if (!scoreInRange(kind, f.score)) {
      fail('feedback', index, 'SCORE_OUT_OF_RANGE', kind === 'nps' ? 'An NPS score is from 0 to 10.' : 'A CSAT score is from 1 to 5.');
    }
    const contactEmail = contactOf('feedback', index, target, f.contactEmail);
    if (f.teamId && !found.teams.has(f.teamId)) {
      fail('feedback', index, 'UNKNOWN_TEAM', 'This team does not exist.');
    }
    let namedUserId: string | null = null;
    if (f.employeeEmail !== undefined) {
      namedUserId = found.employees.get(f.employeeEmail.trim().toLowerCase()) ?? null;
      if (!namedUserId) {
        fail('feedback', index, 'UNKNOWN_PERSON', 'Nobody in the organisation has this e-mail address.');
      }
    }
    const locale = f.locale?.trim().toLowerCase();
    if (locale !== undefined && !isLocale(locale)) {
      fail('feedback', index, 'INVALID_LOCALE', 'The language must be en or it.');
    }
    const at = f.receivedAt === undefined ? now : new Date(f.receivedAt);
    if (Number.isNaN(at.getTime())) {
      fail('feedback', index, 'INVALID_DATE', 'receivedAt is not a date and time.');
    } else if (at.getTime() > now.getTime() + 5 * 60_000) {
      fail('feedback', index, 'RECEIVED_IN_FUTURE', 'receivedAt is in the future.');
    }
    if (errors.length > before || !isFeedbackKind(kind)) {
      continue;
    }
    feedback.push({
      kind,
      score: f.score,
      comment: f.comment ?? null,
      externalId: clean(f.externalId) ?? null,
      accountId: target?.id ?? null,
      contactEmail,
      teamId: f.teamId ?? null,
      namedUserId,
      shareAllowed: f.shareAllowed ?? false,
      locale: locale ?? target?.locale ?? 'en',
      receivedAt: at,
    });
  }
  return { errors, accounts, contacts, interactions, duplicateInteractions, feedback };
}

/**
 * Takes accounts, contacts, interactions and customer answers from another system (a CRM, a help
 * desk) in one call. Accounts are upserted by external id, contacts by e-mail within their account;
 * interactions and answers with an external id already received count as duplicates. All or
 * nothing: when any item is invalid, nothing is written and every invalid item is listed.
 */
export async function ingest(ctx: Ctx, actor: Actor, body: IngestBody): Promise<IngestResult> {
  requireAction(actor, 'customers.manage');
  const orgId = actor.orgId;
  const found = await lookups(ctx, orgId, body);
  const plan = check(body, found);
  if (plan.errors.length > 0) {
    throw new AppError(
      400,
      'INVALID_ITEMS',
      `Nothing was written: ${plan.errors.length} ${plan.errors.length === 1 ? 'item is' : 'items are'} not valid.`,
      plan.errors,
    );
  }
  const source = body.source?.trim() || 'api';
  const result: IngestResult = {
    accounts: { created: 0, updated: 0 },
    contacts: { created: 0, updated: 0 },
    interactions: { created: 0, duplicate: plan.duplicateInteractions },
    feedback: { created: 0, duplicate: 0 },
  };
  return writeAndPublish(ctx, async (trx) => {
    const events: RealtimeEvent[] = [];
    for (const { id, existing, teamIds, userIds, ...values } of plan.accounts) {
      if (existing) {
        await q.updateAccount(trx, orgId, id, values);
        result.accounts.updated += 1;
      } else {
        await q.insertAccount(trx, { id, orgId, ...values });
        result.accounts.created += 1;
      }
      if (teamIds) {
        await q.setAccountTeams(trx, orgId, id, teamIds);
      }
      if (userIds) {
        await q.setAccountPeople(trx, orgId, id, userIds);
      }
    }
    const contactIds = new Map(found.contacts);
    const written = await q.upsertContacts(
      trx,
      plan.contacts.map((c) => ({
        id: newId(),
        orgId,
        accountId: c.accountId,
        name: c.name,
        email: c.email,
        title: c.title,
        locale: c.locale,
      })),
    );
    for (const w of written) {
      contactIds.set(`${w.accountId}|${w.key}`, w.id);
      result.contacts[w.inserted ? 'created' : 'updated'] += 1;
    }
    for (const optedOut of [true, false]) {
      await q.setContactsOptedOut(
        trx,
        orgId,
        plan.contacts.filter((c) => c.optedOut === optedOut).map((c) => contactIds.get(`${c.accountId}|${c.email}`)!),
        optedOut,
      );
    }
    const contactId = (accountId: string | null, email: string | null) =>
      accountId && email ? (contactIds.get(`${accountId}|${email}`) ?? null) : null;
    const inserted = await q.insertInteractions(
      trx,
      plan.interactions.map(({ contactEmail, ...i }) => ({
        ...i,
        orgId,
        contactId: contactId(i.accountId, contactEmail),
        createdBy: actor.userId,
      })),
    );
    result.interactions.created = inserted.size;
    // Another call may have stored the same external id in the meantime: it counts as a duplicate.
    result.interactions.duplicate += plan.interactions.length - inserted.size;
    for (const f of plan.feedback) {
      const recorded = await recordFeedback(trx, {
        orgId,
        kind: f.kind,
        score: f.score,
        comment: f.comment,
        channel: 'api',
        source,
        externalId: f.externalId,
        accountId: f.accountId,
        contactId: contactId(f.accountId, f.contactEmail),
        teamId: f.teamId,
        namedUserId: f.namedUserId,
        shareAllowed: f.shareAllowed,
        locale: f.locale,
        receivedAt: f.receivedAt,
      });
      result.feedback[recorded.duplicate ? 'duplicate' : 'created'] += 1;
      events.push(...recorded.events);
    }
    await audit(trx, { orgId, actorId: actor.userId, action: 'customers.ingested', data: { source, ...result } });
    return { result, events };
  }).catch((err: unknown) => {
    if (isUniqueViolation(err)) {
      throw conflict('INGEST_CONFLICT', 'Accounts or contacts changed while this call was being written. Send it again.');
    }
    throw err;
  });
}
