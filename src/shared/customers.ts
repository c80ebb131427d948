/**
 * The voice of the customer, shared by the server and the web app: kinds, limits and the scores'
 * definitions. NPS is % promoters (9–10) minus % detractors (0–6), from −100 to +100, always shown
 * with the number of answers; CSAT is the mean of 1–5 and the share of 4–5 ("satisfied").
 */
import type { Driver } from './listening.js';

export const ACCOUNT_SIZES = ['small', 'medium', 'large', 'enterprise'] as const;
export type AccountSize = (typeof ACCOUNT_SIZES)[number];

export const ACCOUNT_STATUSES = ['active', 'lost'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const INTERACTION_KINDS = ['meeting', 'call', 'ticket', 'note'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

export const FEEDBACK_KINDS = ['nps', 'csat'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

/** Where an answer came from: a request's link, an embedded form, a signed webhook, the ingest API. */
export const FEEDBACK_CHANNELS = ['link', 'form', 'webhook', 'api'] as const;
export type FeedbackChannel = (typeof FEEDBACK_CHANNELS)[number];

export const FOLLOWUP_STATUSES = ['open', 'in_progress', 'done'] as const;
export type FollowupStatus = (typeof FOLLOWUP_STATUSES)[number];

/** Customer languages the feedback page speaks. */
export const CUSTOMER_LOCALES = ['en', 'it'] as const;
export type CustomerLocale = (typeof CUSTOMER_LOCALES)[number];

/** Loyalty is measured per month or per quarter. */
export const PERIODS = ['month', 'quarter'] as const;
export type Period = (typeof PERIODS)[number];

/** The units the employee–customer link compares. */
export const LINK_UNITS = ['team', 'department'] as const;
export type LinkUnit = (typeof LINK_UNITS)[number];

/** The customer side of the link. */
export const LINK_MEASURES = ['nps', 'csat', 'retention'] as const;
export type LinkMeasure = (typeof LINK_MEASURES)[number];

export const CUSTOMER_LIMITS = {
  name: 200,
  shortText: 120,
  email: 254,
  summary: 4000,
  /** A customer's comment, on every channel. */
  comment: 2000,
  note: 4000,
  /** Contacts asked in one feedback request. */
  requestContacts: 500,
  /** Items of each kind in one ingest call. */
  ingestItems: 1000,
  /** Rows of one CSV import. */
  importRows: 20_000,
  importBytes: 5 * 1024 * 1024,
  /** Answers one address may post to the public pages in a minute. */
  publicPerMinute: 10,
  /** A webhook's signed timestamp may be this far from the server's clock. */
  webhookSkewSeconds: 300,
  pageSize: 50,
} as const;

export const CUSTOMER_DEFAULTS = {
  /** NPS answers up to this are detractors (0–6). */
  detractorMax: 6,
  /** CSAT answers up to this open a follow-up too (1–2). */
  csatDetractorMax: 2,
  followupDays: 5,
  requestDays: 30,
  /** Customer answers are pooled over this many months for the link (published EX–CX studies: about six). */
  windowMonths: 6,
} as const;

/** The engagement index's parts and their weights (renormalised over the parts a unit has). */
export const ENGAGEMENT_WEIGHTS = { survey: 0.5, participation: 0.2, recognition: 0.15, social: 0.15 } as const;
export type EngagementPart = keyof typeof ENGAGEMENT_WEIGHTS;

/** NPS of a set of 0–10 answers: promoters, passives, detractors and the score, or null without answers. */
export function npsOf(
  scores: Iterable<number>,
): { score: number; n: number; promoters: number; passives: number; detractors: number } | null {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const s of scores) {
    if (s >= 9) {
      promoters++;
    } else if (s >= 7) {
      passives++;
    } else {
      detractors++;
    }
  }
  const n = promoters + passives + detractors;
  return n === 0 ? null : { score: Math.round(((promoters - detractors) / n) * 100), n, promoters, passives, detractors };
}

/** CSAT of a set of 1–5 answers: the mean and the share satisfied (4–5), or null without answers. */
export function csatOf(scores: Iterable<number>): { mean: number; satisfied: number; n: number } | null {
  let n = 0;
  let sum = 0;
  let satisfied = 0;
  for (const s of scores) {
    n++;
    sum += s;
    if (s >= 4) {
      satisfied++;
    }
  }
  return n === 0 ? null : { mean: Math.round((sum / n) * 100) / 100, satisfied: Math.round((satisfied / n) * 100), n };
}

/** The NPS category of one answer. */
export const npsCategory = (score: number): 'promoter' | 'passive' | 'detractor' =>
  score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';

/** A period's key: `2026-11` for a month, `2026-Q4` for a quarter. */
export function periodKey(date: Date, period: Period): string {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth();
  return period === 'month' ? `${y}-${String(m + 1).padStart(2, '0')}` : `${y}-Q${Math.floor(m / 3) + 1}`;
}

/** The first instant of the period `key` names and the first of the next one (UTC). */
export function periodRange(key: string): { start: Date; end: Date } {
  const q = /^(\d{4})-Q([1-4])$/.exec(key);
  if (q) {
    const y = Number(q[1]);
    const m = (Number(q[2]) - 1) * 3;
    return { start: new Date(Date.UTC(y, m, 1)), end: new Date(Date.UTC(y, m + 3, 1)) };
  }
  const mm = /^(\d{4})-(\d{2})$/.exec(key);
  if (!mm) {
    throw new Error(`not a period: ${key}`);
  }
  const y = Number(mm[1]);
  const m = Number(mm[2]) - 1;
  return { start: new Date(Date.UTC(y, m, 1)), end: new Date(Date.UTC(y, m + 1, 1)) };
}

/** The drivers the link ranks (eNPS is the index's own part, not a driver here). */
export type LinkDriver = Exclude<Driver, 'enps'>;
