import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { decodeTimeCursor, keysetPage } from '../../platform/cursor.js';
import { conflict, notFound, unprocessable } from '../../platform/errors.js';
import type { Bus, Notice, RealtimeEvent } from '../../platform/events.js';
import { hashSecret, newId, newSecret } from '../../platform/ids.js';
import { enqueue } from '../../platform/jobs.js';
import { requireAction, type Actor } from '../../platform/policy.js';
import type { FeedbackKind } from '../../../shared/customers.js';
import { RECOGNITION_LIMITS } from '../../../shared/recognition.js';
import { writeAndPublish } from '../posts/posts.content.js';
import { giveKudos } from '../recognition/kudos.service.js';
import { customerSettings } from './customers.settings.js';
import * as q from './feedback.queries.js';
import type { FeedbackCategory, FeedbackItem, FeedbackListQuery, FeedbackRequest, NewRequests } from './feedback.schemas.js';

type Executor = Kysely<DB> | Transaction<DB>;
type Lang = 'en' | 'it';

const DAY_MS = 86_400_000;

const langOf = (locale: string | null | undefined): Lang => (locale?.toLowerCase().startsWith('it') ? 'it' : 'en');

/** The scores each category spans, per kind. */
const CATEGORY_RANGES: Record<FeedbackCategory, Record<FeedbackKind, [number, number]>> = {
  promoter: { nps: [9, 10], csat: [4, 5] },
  passive: { nps: [7, 8], csat: [3, 3] },
  detractor: { nps: [0, 6], csat: [1, 2] },
};

/** The category of one answer: NPS 9–10 / 7–8 / 0–6, CSAT 4–5 / 3 / 1–2. */
export function categoryOf(kind: FeedbackKind, score: number): FeedbackCategory {
  const found = (Object.keys(CATEGORY_RANGES) as FeedbackCategory[]).find((c) => {
    const [min, max] = CATEGORY_RANGES[c][kind];
    return score >= min && score <= max;
  });
  return found ?? 'detractor';
}

/** Praise is an answer a customer would recommend on: NPS 9–10 or CSAT 4–5. */
export const isPraise = (kind: FeedbackKind, score: number): boolean => categoryOf(kind, score) === 'promoter';

function rangesOf(category: FeedbackCategory, kind: FeedbackKind | undefined): q.ScoreRange[] {
  const kinds: FeedbackKind[] = kind ? [kind] : ['nps', 'csat'];
  return kinds.map((k) => {
    const [min, max] = CATEGORY_RANGES[category][k];
    return { kind: k, min, max };
  });
}

/** A LIKE pattern matching the words anywhere, their own `%`, `_` and `\` taken literally. */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const ref = (id: string | null, names: Map<string, string>) => {
  const name = id ? names.get(id) : undefined;
  return id && name !== undefined ? { id, name } : null;
};

/**
 * The read model of answers, in the order given: the names of their accounts, contacts, teams and named
 * people and their follow-ups (unless the caller has them), each loaded once for the whole page: five
 * grouped queries, whatever the number of answers.
 */
export async function presentFeedback(
  db: Executor,
  orgId: string,
  rows: readonly q.FeedbackRow[],
  opts: { followups?: boolean } = {},
): Promise<FeedbackItem[]> {
  const ids = (pick: (r: q.FeedbackRow) => string | null) => rows.map(pick).filter((id): id is string => id !== null);
  const accountIds = ids((r) => r.accountId);
  const contactIds = ids((r) => r.contactId);
  const teamIds = ids((r) => r.teamId);
  const personIds = ids((r) => r.namedUserId);
  const feedbackIds = rows.map((r) => r.id);
  const [accounts, contacts, teams, people, followups] = await Promise.all([
    q.namesOf(db, orgId, 'customerAccounts', accountIds),
    q.namesOf(db, orgId, 'customerContacts', contactIds),
    q.namesOf(db, orgId, 'teams', teamIds),
    q.namesOf(db, orgId, 'users', personIds),
    opts.followups === false ? new Map<string, NonNullable<FeedbackItem['followup']>>() : q.followupsOf(db, orgId, feedbackIds),
  ]);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    score: r.score,
    category: categoryOf(r.kind, r.score),
    comment: r.comment,
    channel: r.channel,
    source: r.source,
    account: ref(r.accountId, accounts),
    contact: ref(r.contactId, contacts),
    team: ref(r.teamId, teams),
    namedUser: ref(r.namedUserId, people),
    shareAllowed: r.shareAllowed,
    locale: r.locale,
    receivedAt: r.receivedAt,
    followup: followups.get(r.id) ?? null,
    passedOn: r.passedOnPostId && r.passedOnAt ? { postId: r.passedOnPostId, at: r.passedOnAt } : null,
  }));
}

/** The customer feedback inbox: every answer of the organisation, newest first, filtered. */
export async function listFeedback(ctx: Ctx, actor: Actor, input: FeedbackListQuery) {
  requireAction(actor, 'customers.read');
  const limit = input.limit ?? 20;
  const words = input.q?.trim();
  const rows = await q.feedbackPage(
    ctx.db,
    actor.orgId,
    {
      kind: input.kind,
      ranges: input.category ? rangesOf(input.category, input.kind) : undefined,
      accountId: input.accountId,
      teamId: input.teamId,
      channel: input.channel,
      like: words ? containsPattern(words) : undefined,
    },
    limit,
    decodeTimeCursor(input.cursor),
  );
  const { page, nextCursor } = keysetPage(
    rows.map((r) => ({ ...r, createdAt: r.receivedAt })),
    limit,
  );
  return { items: await presentFeedback(ctx.db, actor.orgId, page), nextCursor };
}

// Passing praise on -------------------------------------------------------------------------------

/**
 * A customer's words taken literally in Markdown: they can neither format, link by brackets, mention,
 * tag nor start a list or a fence. Only what the renderer would interpret is escaped, so the stored text
 * stays readable.
 */
const literal = (text: string): string =>
  text
    .replace(/[\\`*_[\]<>#@&~]/g, (c) => `\\${c}`)
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/^([-+])/, '\\$1');

/** The customer's words as a Markdown quote, each line trimmed (so no line becomes a code block). */
const quoteOf = (comment: string): string =>
  comment
    .split(/\r?\n/)
    .map((line) => line.trim())
    .map((line) => (line ? `> ${literal(line)}` : '>'))
    .join('\n');

/**
 * The kudos message: the words of whoever passes the praise on, then the customer's quoted and signed
 * with their account's name only (never the contact's name or address), cut so it fits a kudos.
 */
export function praiseMessage(opts: { lang: Lang; message: string | null; comment: string | null; accountName: string | null }): string {
  const it = opts.lang === 'it';
  const account = opts.accountName ? literal(opts.accountName) : null;
  const signature = it ? `— un cliente${account ? ` di ${account}` : ''}` : `— a customer${account ? ` of ${account}` : ''}`;
  const fallback = it ? 'Un cliente ti ha ringraziato per nome.' : 'A customer thanked you by name.';
  const intro = opts.message?.trim() ?? '';
  const compose = (comment: string) => {
    const quote = `${comment ? quoteOf(comment) : `> ${fallback}`}\n>\n> ${signature}`;
    return intro ? `${intro}\n\n${quote}` : quote;
  };
  let comment = opts.comment?.trim() ?? '';
  let text = compose(comment);
  // Each round cuts at least the excess; the cap only guards against a pathological loop.
  for (let round = 0; round < 20 && text.length > RECOGNITION_LIMITS.message && comment.length > 1; round++) {
    const excess = text.length - RECOGNITION_LIMITS.message;
    comment = `${comment.slice(0, Math.max(1, comment.length - excess - 1)).trimEnd()}…`;
    text = compose(comment);
  }
  return text;
}

/**
 * A copy of the platform context whose database is the caller's transaction: services that open their
 * own transaction (`ctx.db.transaction()`) run inside the caller's instead, and their realtime events
 * are kept for the caller to publish once its transaction has committed.
 */
function withinTransaction(ctx: Ctx, trx: Transaction<DB>): { ctx: Ctx; events: RealtimeEvent[]; notices: Notice[] } {
  const events: RealtimeEvent[] = [];
  const notices: Notice[] = [];
  const db = new Proxy(trx, {
    get(target, prop) {
      if (prop === 'transaction') {
        return () => ({ execute: <T>(work: (inner: Transaction<DB>) => Promise<T>) => work(target) });
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  }) as unknown as Kysely<DB>;
  // Events and cache notices wait for the caller's commit; listening goes to the real bus.
  const bus: Bus = {
    publish: (published) => {
      events.push(...published);
      return Promise.resolve();
    },
    notice: (notice) => {
      notices.push(notice);
      return Promise.resolve();
    },
    subscribe: (listener) => ctx.bus.subscribe(listener),
    onNotice: (listener) => ctx.bus.onNotice(listener),
    close: () => ctx.bus.close(),
  };
  return { ctx: { ...ctx, db, bus }, events, notices };
}

/**
 * Passes a customer's praise on to the employee it names, as a public kudos from the actor in All
 * company, without points, quoting the customer. Only praise (NPS 9–10, CSAT 4–5) that names someone
 * and that the customer allowed to be shared, and only once. The kudos and the mark on the answer are
 * written in one transaction: the answer is locked first, so two people passing it on at the same
 * time make one post.
 */
export async function passOn(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { message?: string | undefined; valueId?: string | undefined },
): Promise<{ postId: string }> {
  requireAction(actor, 'customers.praise');
  const notices: Notice[] = [];
  const result = await writeAndPublish(ctx, async (trx) => {
    const fb = await q.lockForPassOn(trx, actor.orgId, id);
    if (!fb) {
      throw notFound('feedback');
    }
    if (fb.passedOnAt !== null || fb.passedOnPostId !== null) {
      throw conflict('ALREADY_PASSED_ON', 'This praise has already been passed on.');
    }
    if (!fb.namedUserId || !fb.shareAllowed || !isPraise(fb.kind, fb.score)) {
      throw unprocessable('NOT_SHAREABLE', 'Only praise that names someone, and that the customer allowed to be shared, can be passed on.');
    }
    const reader = await q.readerLocale(trx, actor.orgId, fb.namedUserId);
    if (!reader) {
      throw notFound('person');
    }
    const message = praiseMessage({
      lang: langOf(reader.locale ?? reader.orgLocale),
      message: input.message ?? null,
      comment: fb.comment,
      accountName: fb.accountName,
    });
    const bound = withinTransaction(ctx, trx);
    notices.length = 0;
    const { kudos } = await giveKudos(bound.ctx, actor, {
      recipientIds: [fb.namedUserId],
      message,
      points: 0,
      visibility: 'public',
      ...(input.valueId ? { valueId: input.valueId } : {}),
    });
    if (!kudos.postId) {
      throw conflict('NOT_POSTED', 'The recognition post could not be written.');
    }
    const now = new Date();
    await q.markPassedOn(trx, actor.orgId, id, kudos.postId, actor.userId, now);
    await audit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'customers.praise.passed_on',
      targetId: id,
      data: { postId: kudos.postId, kudosId: kudos.id, recipientId: fb.namedUserId },
    });
    notices.push(...bound.notices);
    return { result: { postId: kudos.postId }, events: bound.events };
  });
  for (const notice of notices) {
    await ctx.bus.notice(notice).catch((err: unknown) => ctx.log.warn({ err }, 'cache notice failed'));
  }
  return result;
}

// Feedback requests --------------------------------------------------------------------------------

/** The subject and text of a feedback request e-mail, in the customer's language. */
export function requestMail(opts: { lang: Lang; kind: FeedbackKind; contactName: string; company: string; link: string; days: number }): {
  subject: string;
  text: string;
} {
  const { company, link, days } = opts;
  if (opts.lang === 'it') {
    const question =
      opts.kind === 'nps'
        ? `Quanto consiglierebbe ${company} a un amico o a un collega?`
        : `Quanto è soddisfatto del servizio di ${company}?`;
    return {
      subject: `${company} vorrebbe la sua opinione`,
      text: [
        `Gentile ${opts.contactName},`,
        '',
        `${question} Basta un minuto: risponda da questo link, valido ${days === 1 ? '1 giorno' : `${days} giorni`} e per una sola risposta:`,
        link,
        '',
        'Se preferisce non ricevere più queste richieste, risponda a questa e-mail e lo faremo sapere.',
        '',
        'Grazie,',
        company,
        '',
      ].join('\n'),
    };
  }
  const question =
    opts.kind === 'nps'
      ? `How likely are you to recommend ${company} to a friend or colleague?`
      : `How satisfied are you with ${company}'s service?`;
  return {
    subject: `${company} would like your opinion`,
    text: [
      `Dear ${opts.contactName},`,
      '',
      `${question} It takes a minute: answer through this link, valid for ${days === 1 ? '1 day' : `${days} days`} and for one answer:`,
      link,
      '',
      'If you would rather not receive these requests, reply to this e-mail and let us know.',
      '',
      'Thank you,',
      company,
      '',
    ].join('\n'),
  };
}

/**
 * Asks contacts for an NPS or CSAT answer: one single-use link per contact (only its hash is kept), sent
 * by e-mail in the contact's language through a mail job written in the same transaction. Contacts who
 * opted out, or who still have an open request of the same kind, are skipped and listed.
 */
export async function createRequests(
  ctx: Ctx,
  actor: Actor,
  input: NewRequests,
): Promise<{ created: number; skipped: { contactId: string; reason: 'opted_out' | 'pending' }[] }> {
  requireAction(actor, 'customers.manage');
  const ids = [...new Set(input.contactIds)];
  const host = new URL(ctx.config.publicUrl).hostname;
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const contacts = await q.contactsForRequests(trx, actor.orgId, ids);
    if (contacts.length !== ids.length) {
      const known = new Set(contacts.map((c) => c.id));
      throw unprocessable('UNKNOWN_CONTACT', 'Some of these contacts do not exist.', { ids: ids.filter((id) => !known.has(id)) });
    }
    if (input.teamId !== undefined && !(await q.exists(trx, actor.orgId, 'teams', input.teamId))) {
      throw unprocessable('UNKNOWN_TEAM', 'This team does not exist.');
    }
    if (input.userId !== undefined && !(await q.isActivePerson(trx, actor.orgId, input.userId))) {
      throw unprocessable('UNKNOWN_USER', 'This person is not an active member of the organisation.');
    }
    if (input.interactionId !== undefined && !(await q.exists(trx, actor.orgId, 'customerInteractions', input.interactionId))) {
      throw unprocessable('UNKNOWN_INTERACTION', 'This interaction does not exist.');
    }
    const now = new Date();
    const settings = await customerSettings(trx, actor.orgId);
    const pending = await q.pendingContacts(trx, actor.orgId, input.kind, ids, now);
    const company = await q.orgName(trx, actor.orgId);
    const expiresAt = new Date(now.getTime() + settings.requestDays * DAY_MS);
    const byId = new Map(contacts.map((c) => [c.id, c]));
    const skipped: { contactId: string; reason: 'opted_out' | 'pending' }[] = [];
    const rows: q.NewRequestRow[] = [];
    const mails: { to: string; subject: string; text: string; messageId: string }[] = [];
    for (const contactId of ids) {
      const c = byId.get(contactId)!;
      if (c.optedOutAt !== null) {
        skipped.push({ contactId, reason: 'opted_out' });
        continue;
      }
      if (pending.has(contactId)) {
        skipped.push({ contactId, reason: 'pending' });
        continue;
      }
      const id = newId();
      const token = newSecret();
      const lang = langOf(c.locale ?? c.accountLocale);
      rows.push({
        id,
        orgId: actor.orgId,
        accountId: c.accountId,
        contactId,
        kind: input.kind,
        tokenHash: hashSecret(token),
        teamId: input.teamId ?? null,
        userId: input.userId ?? null,
        interactionId: input.interactionId ?? null,
        locale: lang,
        createdBy: actor.userId,
        createdAt: now,
        expiresAt,
      });
      mails.push({
        to: c.email,
        ...requestMail({
          lang,
          kind: input.kind,
          contactName: c.name,
          company,
          link: `${ctx.config.publicUrl}/r/${token}`,
          days: settings.requestDays,
        }),
        messageId: `<feedback-request.${id}@${host}>`,
      });
    }
    await q.insertRequests(trx, rows);
    for (const mail of mails) {
      await enqueue(trx, actor.orgId, 'mail.send', mail);
    }
    await audit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'customers.requests.sent',
      data: { kind: input.kind, sent: rows.length, skipped: skipped.length },
    });
    return { created: rows.length, skipped };
  });
  if (outcome.created > 0) {
    ctx.worker.poke();
  }
  return outcome;
}

/** Feedback requests sent, newest first, optionally for one account. */
export async function listRequests(
  ctx: Ctx,
  actor: Actor,
  input: { accountId?: string | undefined; cursor?: string | undefined; limit?: number | undefined },
): Promise<{ items: FeedbackRequest[]; nextCursor: string | null }> {
  requireAction(actor, 'customers.read');
  const limit = input.limit ?? 20;
  const rows = await q.requestPage(ctx.db, actor.orgId, input.accountId, limit, decodeTimeCursor(input.cursor));
  const { page, nextCursor } = keysetPage(rows, limit);
  const now = Date.now();
  return {
    items: page.map((r) => ({
      id: r.id,
      kind: r.kind,
      account: { id: r.accountId, name: r.accountName },
      contact: { id: r.contactId, name: r.contactName },
      team: r.teamId && r.teamName !== null ? { id: r.teamId, name: r.teamName } : null,
      user: r.userId && r.userName !== null ? { id: r.userId, name: r.userName } : null,
      createdAt: r.createdAt,
      expiresAt: r.expiresAt,
      answeredAt: r.answeredAt,
      status: r.answeredAt ? 'answered' : new Date(r.expiresAt).getTime() <= now ? 'expired' : 'sent',
    })),
    nextCursor,
  };
}
