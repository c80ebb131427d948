import { sql, type Transaction } from 'kysely';
import sanitizeHtml from 'sanitize-html';
import type { DB } from '../../db/schema.js';
import { badRequest, gone } from '../../platform/errors.js';
import type { RealtimeEvent } from '../../platform/events.js';
import { newId } from '../../platform/ids.js';
import { CUSTOMER_LIMITS, CUSTOMER_LOCALES, type FeedbackChannel, type FeedbackKind } from '../../../shared/customers.js';
import { notify, type NotificationInput } from '../notifications/notifications.service.js';
import { customerSettings } from './customers.settings.js';

/** One customer answer, from any channel, before it is stored. */
export interface FeedbackInput {
  orgId: string;
  kind: FeedbackKind;
  score: number;
  comment?: string | null;
  channel: FeedbackChannel;
  /** The webhook's name, the integration's, … */
  source?: string | null;
  /** Its id in the sending system: a second answer with the same source and id is a duplicate. */
  externalId?: string | null;
  requestId?: string | null;
  formId?: string | null;
  accountId?: string | null;
  contactId?: string | null;
  teamId?: string | null;
  namedUserId?: string | null;
  /** Whom the customer named, in their words (matched against the account's people and the directory). */
  namedText?: string | null;
  shareAllowed?: boolean;
  locale?: string;
  receivedAt?: Date;
}

export interface Recorded {
  id: string;
  followupId: string | null;
  /** True when this source had already sent this external id: nothing new was stored. */
  duplicate: boolean;
  /** Realtime events of the notifications written (publish after commit). */
  events: RealtimeEvent[];
}

/** People told about a new detractor when the follow-up has no owner yet. */
const FOLLOWUP_RECIPIENTS = 20;

const SCORE_RANGE: Record<FeedbackKind, { min: number; max: number }> = { nps: { min: 0, max: 10 }, csat: { min: 1, max: 5 } };

/** Whether a score fits its kind's scale (0–10 for NPS, 1–5 for CSAT). */
export function scoreInRange(kind: FeedbackKind, score: number): boolean {
  const r = SCORE_RANGE[kind];
  return Number.isInteger(score) && score >= r.min && score <= r.max;
}

const NO_TAGS: sanitizeHtml.IOptions = { allowedTags: [], allowedAttributes: {}, disallowedTagsMode: 'discard' };
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };

/**
 * Customer text as plain text: every tag (and the content of scripts and styles) removed. The
 * sanitiser escapes what it keeps, so its output is decoded back; since decoding can bring back
 * markup that was written as entities, the pair runs until nothing changes.
 */
export function plainText(input: string | null | undefined, max: number): string | null {
  if (input === null || input === undefined) {
    return null;
  }
  // Line breaks written as markup stay line breaks in the text.
  let text = input.replace(/<\s*(br|\/p|\/div|\/li)\b[^>]*>/gi, '\n');
  for (let i = 0; i < 5; i++) {
    const next = sanitizeHtml(text, NO_TAGS).replace(/&(amp|lt|gt|quot|#39|#x27);/g, (m) => ENTITIES[m] ?? m);
    if (next === text) {
      break;
    }
    text = next;
  }
  // Control characters other than line breaks and tabs have no place in a comment.
  // eslint-disable-next-line no-control-regex
  text = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  if (text === '') {
    return null;
  }
  return [...text].slice(0, max).join('').trim();
}

/** A name as people type it: accents, case and spacing ignored. */
export const foldName = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

const isPromoter = (kind: FeedbackKind, score: number) => (kind === 'nps' ? score >= 9 : score >= 4);

function addDays(days: number, from = new Date()): string {
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate() + days));
  return d.toISOString().slice(0, 10);
}

/**
 * Stores one customer answer inside the caller's transaction: the comment as plain text, the serving
 * team from the account when not given, the named employee when one matches; a detractor's answer
 * opens a follow-up for the serving team and notifies it; praise that names someone and may be shared
 * notifies them. Every channel (link, form, webhook, ingest API) goes through here.
 */
export async function recordFeedback(trx: Transaction<DB>, input: FeedbackInput): Promise<Recorded> {
  const { orgId, kind, score } = input;
  if (!scoreInRange(kind, score)) {
    const r = SCORE_RANGE[kind];
    throw badRequest('SCORE_OUT_OF_RANGE', `A ${kind.toUpperCase()} score is a whole number from ${r.min} to ${r.max}.`);
  }
  const source = input.source ?? null;
  const externalId = input.externalId ?? null;
  if (externalId !== null) {
    const existing = await findByExternalId(trx, orgId, source, externalId);
    if (existing) {
      return { id: existing, followupId: null, duplicate: true, events: [] };
    }
  }

  // A request answers once: claiming it here makes a second, concurrent answer lose.
  let request: { teamId: string | null; userId: string | null } | null = null;
  if (input.requestId) {
    const claimed = await trx
      .updateTable('customerFeedbackRequests')
      .set({ answeredAt: new Date() })
      .where('id', '=', input.requestId)
      .where('orgId', '=', orgId)
      .where('answeredAt', 'is', null)
      .where('expiresAt', '>', new Date())
      .returning(['teamId', 'userId'])
      .executeTakeFirst();
    if (!claimed) {
      throw gone('REQUEST_CLOSED', 'This feedback link has already been answered or has expired.');
    }
    request = claimed;
  }

  const account = input.accountId
    ? await trx
        .selectFrom('customerAccounts')
        .select(['id', 'name'])
        .where('orgId', '=', orgId)
        .where('id', '=', input.accountId)
        .executeTakeFirst()
    : undefined;
  if (input.accountId && !account) {
    throw badRequest('UNKNOWN_ACCOUNT', 'This customer account does not exist.');
  }
  if (input.contactId) {
    const contact = await trx
      .selectFrom('customerContacts')
      .select('accountId')
      .where('orgId', '=', orgId)
      .where('id', '=', input.contactId)
      .executeTakeFirst();
    if (!contact || (account && contact.accountId !== account.id)) {
      throw badRequest('UNKNOWN_CONTACT', 'This contact does not exist or belongs to another account.');
    }
  }
  const teamId = await teamOf(trx, orgId, input.teamId ?? request?.teamId ?? null, account?.id ?? null);

  const namedText = plainText(input.namedText, CUSTOMER_LIMITS.shortText);
  let namedUserId: string | null = null;
  if (input.namedUserId) {
    const user = await trx
      .selectFrom('users')
      .select('id')
      .where('orgId', '=', orgId)
      .where('id', '=', input.namedUserId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    namedUserId = user?.id ?? null;
  } else if (namedText !== null) {
    namedUserId = await matchNamed(trx, orgId, account?.id ?? null, namedText);
  }

  const locale = (CUSTOMER_LOCALES as readonly string[]).includes(input.locale ?? '') ? (input.locale as string) : 'en';
  const shareAllowed = input.shareAllowed ?? false;
  const comment = plainText(input.comment, CUSTOMER_LIMITS.comment);
  const values = {
    id: newId(),
    orgId,
    kind,
    score,
    comment,
    channel: input.channel,
    source,
    externalId,
    requestId: input.requestId ?? null,
    formId: input.formId ?? null,
    accountId: account?.id ?? null,
    contactId: input.contactId ?? null,
    teamId,
    namedUserId,
    namedText,
    shareAllowed,
    locale,
    receivedAt: input.receivedAt ?? new Date(),
    passedOnPostId: null,
    passedOnBy: null,
    passedOnAt: null,
  };
  const inserted = await trx
    .insertInto('customerFeedback')
    .values(values)
    .onConflict((oc) => oc.columns(['orgId', 'source', 'externalId']).where('externalId', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    // The same answer arrived twice at once: the other one was stored first.
    const existing = await findByExternalId(trx, orgId, source, externalId ?? '');
    if (!existing) {
      throw new Error('customer feedback conflicted but no stored answer was found');
    }
    return { id: existing, followupId: null, duplicate: true, events: [] };
  }
  const feedbackId = inserted.id;

  const settings = await customerSettings(trx, orgId);
  const detractor = kind === 'nps' ? score <= settings.detractorMax : score <= settings.csatDetractorMax;
  const notifications: NotificationInput[] = [];
  let followupId: string | null = null;
  if (detractor) {
    followupId = newId();
    const ownerId = request?.userId ?? null;
    await trx
      .insertInto('customerFollowups')
      .values({
        id: followupId,
        orgId,
        feedbackId,
        accountId: account?.id ?? null,
        teamId,
        ownerId,
        dueOn: addDays(settings.followupDays),
        closedAt: null,
      })
      .execute();
    const recipients = ownerId ? [ownerId] : await followupRecipients(trx, orgId, account?.id ?? null, teamId);
    for (const userId of recipients) {
      notifications.push({
        orgId,
        userId,
        type: 'customer_followup',
        actorId: null,
        data: { followupId, feedbackId, accountName: account?.name ?? null },
      });
    }
  }
  if (isPromoter(kind, score) && namedUserId && shareAllowed) {
    // The customer allowed their words to reach the person they named: the notification carries them,
    // since the person thanked usually cannot read the customer inbox.
    notifications.push({
      orgId,
      userId: namedUserId,
      type: 'customer_praise',
      actorId: null,
      data: { feedbackId, accountName: account?.name ?? null, quote: comment ? comment.slice(0, 280) : null },
    });
  }
  const events = notifications.length > 0 ? await notify(trx, notifications) : [];
  return { id: feedbackId, followupId, duplicate: false, events };
}

async function findByExternalId(trx: Transaction<DB>, orgId: string, source: string | null, externalId: string): Promise<string | null> {
  const row = await trx
    .selectFrom('customerFeedback')
    .select('id')
    .where('orgId', '=', orgId)
    .where('externalId', '=', externalId)
    .where(source === null ? sql<boolean>`source is null` : sql<boolean>`source = ${source}`)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The team an answer belongs to: the one given (when it is the organisation's), else the account's first serving team by name. */
async function teamOf(trx: Transaction<DB>, orgId: string, given: string | null, accountId: string | null): Promise<string | null> {
  if (given) {
    const team = await trx.selectFrom('teams').select('id').where('orgId', '=', orgId).where('id', '=', given).executeTakeFirst();
    if (!team) {
      throw badRequest('UNKNOWN_TEAM', 'This team does not exist.');
    }
    return team.id;
  }
  if (!accountId) {
    return null;
  }
  const first = await trx
    .selectFrom('customerAccountTeams as cat')
    .innerJoin('teams as t', 't.id', 'cat.teamId')
    .select('t.id')
    .where('cat.orgId', '=', orgId)
    .where('cat.accountId', '=', accountId)
    .orderBy('t.name')
    .orderBy('t.id')
    .limit(1)
    .executeTakeFirst();
  return first?.id ?? null;
}

/**
 * The employee a customer named: one of the people serving the account (full name, or a first name
 * only one of them has), else the only active person in the organisation with exactly that name.
 */
async function matchNamed(trx: Transaction<DB>, orgId: string, accountId: string | null, text: string): Promise<string | null> {
  const wanted = foldName(text);
  if (wanted === '') {
    return null;
  }
  if (accountId) {
    const people = await trx
      .selectFrom('customerAccountPeople as p')
      .innerJoin('users as u', 'u.id', 'p.userId')
      .select(['u.id', 'u.name'])
      .where('p.orgId', '=', orgId)
      .where('p.accountId', '=', accountId)
      .where('u.status', '=', 'active')
      .execute();
    const full = people.filter((p) => foldName(p.name) === wanted);
    if (full.length === 1 && full[0]) {
      return full[0].id;
    }
    if (full.length === 0 && !wanted.includes(' ')) {
      const first = people.filter((p) => foldName(p.name).split(' ')[0] === wanted);
      if (first.length === 1 && first[0]) {
        return first[0].id;
      }
    }
  }
  const exact = await trx
    .selectFrom('users')
    .select('id')
    .where('orgId', '=', orgId)
    .where('status', '=', 'active')
    .where(sql<boolean>`lower(name) = lower(${text.trim().replace(/\s+/g, ' ')})`)
    .limit(2)
    .execute();
  return exact.length === 1 && exact[0] ? exact[0].id : null;
}

/** Who hears of an unowned follow-up: the people serving the account, then the team's managers. */
async function followupRecipients(trx: Transaction<DB>, orgId: string, accountId: string | null, teamId: string | null): Promise<string[]> {
  const ids = new Set<string>();
  if (accountId) {
    const serving = await trx
      .selectFrom('customerAccountPeople as p')
      .innerJoin('users as u', 'u.id', 'p.userId')
      .select('u.id')
      .where('p.orgId', '=', orgId)
      .where('p.accountId', '=', accountId)
      .where('u.status', '=', 'active')
      .orderBy('u.name')
      .orderBy('u.id')
      .limit(FOLLOWUP_RECIPIENTS)
      .execute();
    serving.forEach((r) => ids.add(r.id));
  }
  if (teamId && ids.size < FOLLOWUP_RECIPIENTS) {
    const managers = await trx
      .selectFrom('users')
      .select('id')
      .where('orgId', '=', orgId)
      .where('teamId', '=', teamId)
      .where('status', '=', 'active')
      .where(sql<boolean>`'manager' = any(roles)`)
      .orderBy('name')
      .orderBy('id')
      .limit(FOLLOWUP_RECIPIENTS)
      .execute();
    managers.forEach((r) => ids.add(r.id));
  }
  return [...ids].slice(0, FOLLOWUP_RECIPIENTS);
}
