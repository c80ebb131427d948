import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { hashSecret } from '../../platform/ids.js';
import { CUSTOMER_LIMITS, CUSTOMER_LOCALES, type FeedbackKind } from '../../../shared/customers.js';
import { writeAndPublish } from '../posts/posts.content.js';
import { orgForHost } from '../org/org.service.js';
import { recordFeedback, scoreInRange } from './feedback.record.js';
import type { FormValues, Lang } from './public.html.js';

/**
 * The public feedback pages' rules, apart from HTTP and HTML: which organisation a host name is,
 * which request a token opens and whether it can still be answered, which form an embed shows, and
 * storing an answer (or quietly dropping a robot's).
 */

/** Why a public page shows no form; the page itself is chosen from the code. */
export const PAGE_CODES = {
  linkNotFound: 'LINK_NOT_FOUND',
  formNotFound: 'FORM_NOT_FOUND',
  answered: 'ALREADY_ANSWERED',
  expired: 'LINK_EXPIRED',
} as const;

const linkNotFound = () => new AppError(404, PAGE_CODES.linkNotFound, 'This feedback link does not exist.');
const formNotFound = () => new AppError(404, PAGE_CODES.formNotFound, 'This feedback form does not exist or is closed.');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Tokens are 43 URL-safe characters; anything much longer is not one and is not hashed. */
const TOKEN_MAX = 200;

export const isLang = (v: unknown): v is Lang => typeof v === 'string' && (CUSTOMER_LOCALES as readonly string[]).includes(v);

/** The preferred of English and Italian in an Accept-Language header, or null when it names neither. */
export function langFromHeader(header: string | undefined): Lang | null {
  if (!header) {
    return null;
  }
  let best: { lang: Lang; q: number } | null = null;
  for (const part of header.split(',').slice(0, 20)) {
    const [tag = '', ...params] = part.trim().split(';');
    const primary = tag.trim().toLowerCase().split('-')[0];
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (isLang(primary) && Number.isFinite(q) && q > 0 && (!best || q > best.q)) {
      best = { lang: primary, q };
    }
  }
  return best?.lang ?? null;
}

/** The fields of a posted form, each cut to its limit; unknown fields are ignored. */
export interface PostedForm extends FormValues {
  /** The raw score as sent, before it is checked against the scale. */
  rawScore: string;
  /** The honeypot: people never see it, robots fill it in. */
  website: string;
}

/** Reads a posted form (URL-encoded): the first value of each field, each cut to its limit. */
export function postedForm(body: URLSearchParams): PostedForm {
  const get = (name: string, max: number) => [...(body.get(name) ?? '')].slice(0, max).join('');
  const rawScore = get('score', 10).trim();
  const score = /^\d{1,2}$/.test(rawScore) ? Number(rawScore) : null;
  return {
    rawScore,
    score,
    comment: get('comment', CUSTOMER_LIMITS.comment),
    thank: get('thank', CUSTOMER_LIMITS.shortText),
    share: body.has('share') && body.get('share') !== '',
    email: get('email', CUSTOMER_LIMITS.email).trim(),
    website: get('website', 200),
  };
}

interface PublicOrg {
  id: string;
  name: string;
  defaultLocale: string;
}

/** The organisation a public page belongs to, by the host name it was reached at (as for the API). */
async function orgOf(ctx: Ctx, host: string, notFound: () => AppError): Promise<PublicOrg> {
  const org = await orgForHost(ctx, host);
  if (!org) {
    throw notFound();
  }
  return org;
}

/** A request's link, open for an answer. */
export interface LinkTarget {
  org: PublicOrg;
  requestId: string;
  kind: FeedbackKind;
  accountId: string;
  contactId: string;
  teamId: string | null;
  /** The contact's language, else the account's, else the one the request was sent in. */
  lang: Lang;
}

/**
 * The request a link's token opens: looked up by the token's hash (only the hash is stored, under a
 * unique index, so the lookup's timing says nothing about the token). Unknown → 404; answered or
 * expired → 410.
 */
export async function openLink(ctx: Ctx, host: string, token: string): Promise<LinkTarget> {
  const org = await orgOf(ctx, host, linkNotFound);
  if (token.length === 0 || token.length > TOKEN_MAX) {
    throw linkNotFound();
  }
  const row = await ctx.db
    .selectFrom('customerFeedbackRequests as r')
    .innerJoin('customerAccounts as a', 'a.id', 'r.accountId')
    .innerJoin('customerContacts as c', 'c.id', 'r.contactId')
    .select([
      'r.id',
      'r.kind',
      'r.accountId',
      'r.contactId',
      'r.teamId',
      'r.locale',
      'r.expiresAt',
      'r.answeredAt',
      'a.locale as accountLocale',
      'c.locale as contactLocale',
    ])
    .where('r.tokenHash', '=', hashSecret(token))
    .where('r.orgId', '=', org.id)
    .executeTakeFirst();
  if (!row) {
    throw linkNotFound();
  }
  const lang = [row.contactLocale, row.accountLocale, row.locale].find(isLang) ?? 'en';
  // The page that says so speaks the customer's language too.
  if (row.answeredAt) {
    throw new AppError(410, PAGE_CODES.answered, 'This feedback link has already been answered.', { lang });
  }
  if (row.expiresAt.getTime() <= Date.now()) {
    throw new AppError(410, PAGE_CODES.expired, 'This feedback link has expired.', { lang });
  }
  return {
    org,
    requestId: row.id,
    kind: row.kind,
    accountId: row.accountId,
    contactId: row.contactId,
    teamId: row.teamId,
    lang,
  };
}

/** An embeddable form, active. */
export interface FormTarget {
  org: PublicOrg;
  formId: string;
  kind: FeedbackKind;
  teamId: string | null;
  /** The organisation's language, when the visitor's browser names neither English nor Italian. */
  lang: Lang;
}

/** The active form an embed shows; unknown, malformed or inactive → 404. */
export async function openForm(ctx: Ctx, host: string, formId: string): Promise<FormTarget> {
  const org = await orgOf(ctx, host, formNotFound);
  if (!UUID.test(formId)) {
    throw formNotFound();
  }
  const form = await ctx.db
    .selectFrom('customerForms')
    .select(['id', 'kind', 'teamId'])
    .where('orgId', '=', org.id)
    .where('id', '=', formId)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!form) {
    throw formNotFound();
  }
  return { org, formId: form.id, kind: form.kind, teamId: form.teamId, lang: isLang(org.defaultLocale) ? org.defaultLocale : 'en' };
}

/**
 * What came of a posted answer: stored (or dropped as a robot's), or sent back for a valid score; with
 * the language the page is in (the one asked for, else the target's).
 */
export type Outcome<T> = { ok: true; lang: Lang } | { ok: false; lang: Lang; target: T };

/** Answers a request's link once; a second answer, even a concurrent one, gets 410. */
export async function answerLink(
  ctx: Ctx,
  host: string,
  token: string,
  form: PostedForm,
  asked: Lang | null,
): Promise<Outcome<LinkTarget>> {
  const target = await openLink(ctx, host, token);
  const lang = asked ?? target.lang;
  if (form.website.trim() !== '') {
    return { ok: true, lang };
  }
  if (form.score === null || !scoreInRange(target.kind, form.score)) {
    return { ok: false, lang, target };
  }
  const score = form.score;
  await writeAndPublish(ctx, async (trx) => {
    const recorded = await recordFeedback(trx, {
      orgId: target.org.id,
      kind: target.kind,
      score,
      comment: form.comment,
      channel: 'link',
      requestId: target.requestId,
      accountId: target.accountId,
      contactId: target.contactId,
      teamId: target.teamId,
      namedText: form.thank,
      shareAllowed: form.share,
      locale: lang,
    });
    return { result: recorded.id, events: recorded.events };
  });
  return { ok: true, lang };
}

/** Answers an embedded form: the e-mail, when it is a contact's, links the answer to them and their account. */
export async function answerForm(
  ctx: Ctx,
  host: string,
  formId: string,
  form: PostedForm,
  asked: Lang | null,
): Promise<Outcome<FormTarget>> {
  const target = await openForm(ctx, host, formId);
  const lang = asked ?? target.lang;
  if (form.website.trim() !== '') {
    return { ok: true, lang };
  }
  if (form.score === null || !scoreInRange(target.kind, form.score)) {
    return { ok: false, lang, target };
  }
  const score = form.score;
  const contact =
    form.email !== ''
      ? await ctx.db
          .selectFrom('customerContacts')
          .select(['id', 'accountId'])
          .where('orgId', '=', target.org.id)
          .where((eb) => eb(eb.fn('lower', ['email']), '=', form.email.toLowerCase()))
          .orderBy('createdAt')
          .orderBy('id')
          .limit(1)
          .executeTakeFirst()
      : undefined;
  await writeAndPublish(ctx, async (trx) => {
    const recorded = await recordFeedback(trx, {
      orgId: target.org.id,
      kind: target.kind,
      score,
      comment: form.comment,
      channel: 'form',
      formId: target.formId,
      accountId: contact?.accountId ?? null,
      contactId: contact?.id ?? null,
      teamId: target.teamId,
      namedText: form.thank,
      shareAllowed: form.share,
      locale: lang,
    });
    return { result: recorded.id, events: recorded.events };
  });
  return { ok: true, lang };
}
