import { dateLocale } from '../../components/format.js';
import {
  CUSTOMER_DEFAULTS,
  FEEDBACK_CHANNELS,
  FEEDBACK_KINDS,
  FOLLOWUP_STATUSES,
  npsCategory,
  type FeedbackChannel,
  type FeedbackKind,
  type FollowupStatus,
} from '../../../shared/customers.js';
import type { CustomerSettings, FeedbackCategory, FeedbackItem, FollowupFilters } from './api.js';

export const CATEGORIES = ['promoter', 'passive', 'detractor'] as const satisfies readonly FeedbackCategory[];

export const isKind = (v: unknown): v is FeedbackKind => (FEEDBACK_KINDS as readonly unknown[]).includes(v);
export const isChannel = (v: unknown): v is FeedbackChannel => (FEEDBACK_CHANNELS as readonly unknown[]).includes(v);
export const isCategory = (v: unknown): v is FeedbackCategory => (CATEGORIES as readonly unknown[]).includes(v);
export const isFollowupStatus = (v: unknown): v is FollowupStatus => (FOLLOWUP_STATUSES as readonly unknown[]).includes(v);

/**
 * The colours of each category, always shown with its name, never alone: dark shades behind white
 * text and a light yellow behind near-black text keep the words above AA contrast in both themes.
 */
export const CATEGORY_COLOR: Record<FeedbackCategory, { bg: string; c: string }> = {
  promoter: { bg: 'teal.9', c: 'white' },
  passive: { bg: 'yellow.3', c: 'dark.9' },
  detractor: { bg: 'red.9', c: 'white' },
};

export const FOLLOWUP_COLOR: Record<FollowupStatus, string> = { open: 'orange', in_progress: 'blue', done: 'teal' };

/** The highest score of each kind of question. */
export const SCORE_MAX: Record<FeedbackKind, number> = { nps: 10, csat: 5 };

/**
 * The category of one answer, the way the server files it: NPS by the usual 9–10 / 7–8 / 0–6 bands;
 * CSAT 4–5 pleased, 3 neutral, 1–2 unhappy.
 */
export function categoryOf(kind: FeedbackKind, score: number): FeedbackCategory {
  if (kind === 'nps') {
    return npsCategory(score);
  }
  return score >= 4 ? 'promoter' : score === 3 ? 'passive' : 'detractor';
}

/** Praise is a top answer: 9–10 on NPS, 4–5 on CSAT. */
export function isPraise(item: Pick<FeedbackItem, 'kind' | 'score'>): boolean {
  return item.kind === 'nps' ? item.score >= 9 : item.score >= 4;
}

/** Praise can be passed on once, only when it names someone and the customer agreed to share their words. */
export function canPassOn(item: Pick<FeedbackItem, 'kind' | 'score' | 'shareAllowed' | 'namedUser' | 'passedOn'>): boolean {
  return item.shareAllowed && item.namedUser !== null && item.passedOn === null && isPraise(item);
}

/** Today as the server counts due days (the UTC calendar day), so the list and its highlights agree. */
export function today(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** A real calendar day written as YYYY-MM-DD (a date input may hand over anything a browser lets through). */
export function isDay(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) {
    return false;
  }
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** How a follow-up's due day stands: late when its day has passed and it is not done. */
export function dueState(f: { status: FollowupStatus; dueOn: string }, day: string): 'done' | 'overdue' | 'today' | 'later' {
  if (f.status === 'done') {
    return 'done';
  }
  if (f.dueOn < day) {
    return 'overdue';
  }
  return f.dueOn === day ? 'today' : 'later';
}

/** The moves a follow-up's status may make (the server enforces them; the page only offers these). */
export const FOLLOWUP_MOVES: Record<FollowupStatus, readonly FollowupStatus[]> = {
  open: ['in_progress', 'done'],
  in_progress: ['done', 'open'],
  done: ['open'],
};

export const canMove = (from: FollowupStatus, to: FollowupStatus): boolean => FOLLOWUP_MOVES[from].includes(to);

export const isOverdue = (f: { status: FollowupStatus; dueOn: string }, day: string): boolean => dueState(f, day) === 'overdue';

/** The tabs of the follow-ups page. */
export const FOLLOWUP_TABS = ['open', 'in_progress', 'done', 'mine'] as const;
export type FollowupTab = (typeof FOLLOWUP_TABS)[number];
export const isFollowupTab = (v: unknown): v is FollowupTab => (FOLLOWUP_TABS as readonly unknown[]).includes(v);

/** The tab to show: people who are not customer staff only ever see their own follow-ups. */
export function pickTab(requested: string | null, staff: boolean): FollowupTab {
  if (!staff) {
    return 'mine';
  }
  return isFollowupTab(requested) ? requested : 'open';
}

/** The list query behind a tab; "mine" spans every status. */
export function tabFilters(tab: FollowupTab): FollowupFilters {
  return tab === 'mine' ? { mine: true } : { status: tab };
}

/** The bounds the settings form accepts. */
export const SETTINGS_BOUNDS: Record<keyof CustomerSettings, { min: number; max: number }> = {
  // 9 and 10 are always promoters; a detractor band reaching them would make praise a complaint.
  detractorMax: { min: 0, max: 8 },
  csatDetractorMax: { min: 1, max: 3 },
  followupDays: { min: 1, max: 60 },
  requestDays: { min: 1, max: 180 },
  windowMonths: { min: 1, max: 24 },
};

export const SETTINGS_FIELDS = [
  'detractorMax',
  'csatDetractorMax',
  'followupDays',
  'requestDays',
  'windowMonths',
] as const satisfies readonly (keyof CustomerSettings)[];

/** What the settings form holds: a number input gives '' while it is empty. */
export type SettingsValues = Record<keyof CustomerSettings, number | string>;

export const DEFAULT_SETTINGS: CustomerSettings = {
  detractorMax: CUSTOMER_DEFAULTS.detractorMax,
  csatDetractorMax: CUSTOMER_DEFAULTS.csatDetractorMax,
  followupDays: CUSTOMER_DEFAULTS.followupDays,
  requestDays: CUSTOMER_DEFAULTS.requestDays,
  windowMonths: CUSTOMER_DEFAULTS.windowMonths,
};

/** Why one setting is not acceptable, or null: 'required', 'whole' (not a whole number) or 'range'. */
export function settingProblem(field: keyof CustomerSettings, value: number | string): 'required' | 'whole' | 'range' | null {
  if (value === '' || value === null || value === undefined) {
    return 'required';
  }
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) {
    return 'required';
  }
  if (!Number.isInteger(n)) {
    return 'whole';
  }
  const { min, max } = SETTINGS_BOUNDS[field];
  return n < min || n > max ? 'range' : null;
}

/** The settings to send, or null while any value is not acceptable. */
export function toSettings(values: SettingsValues): CustomerSettings | null {
  if (SETTINGS_FIELDS.some((f) => settingProblem(f, values[f]) !== null)) {
    return null;
  }
  return {
    detractorMax: Number(values.detractorMax),
    csatDetractorMax: Number(values.csatDetractorMax),
    followupDays: Number(values.followupDays),
    requestDays: Number(values.requestDays),
    windowMonths: Number(values.windowMonths),
  };
}

/** A link the server gave, made absolute for copying into another system. */
export function absoluteUrl(url: string, origin: string): string {
  return /^https?:\/\//i.test(url) ? url : `${origin.replace(/\/$/, '')}${url.startsWith('/') ? '' : '/'}${url}`;
}

const SAMPLE_BODY = '{"kind":"nps","score":9,"comment":"Great support","accountExternalId":"ACME-001"}';

/**
 * A shell example that signs and sends one answer: the signature is the hex HMAC-SHA256, keyed by the
 * secret, of the timestamp, a dot and the raw body. The secret is read from the environment, never pasted.
 */
export function curlExample(url: string): string {
  return [
    `BODY='${SAMPLE_BODY}'`,
    'TS=$(date +%s)',
    `SIG=$(printf '%s.%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$TESSUTO_WEBHOOK_SECRET" | sed 's/^.* //')`,
    `curl -X POST '${url}' \\`,
    `  -H 'content-type: application/json' \\`,
    `  -H "x-tessuto-timestamp: $TS" \\`,
    `  -H "x-tessuto-signature: sha256=$SIG" \\`,
    `  --data "$BODY"`,
  ].join('\n');
}

/** The same in Node.js (18 or newer, for fetch). */
export function nodeExample(url: string): string {
  return [
    "import { createHmac } from 'node:crypto';",
    '',
    "const body = JSON.stringify({ kind: 'nps', score: 9, comment: 'Great support', accountExternalId: 'ACME-001' });",
    'const timestamp = String(Math.floor(Date.now() / 1000));',
    "const signature = createHmac('sha256', process.env.TESSUTO_WEBHOOK_SECRET)",
    '  .update(`${timestamp}.${body}`)',
    "  .digest('hex');",
    '',
    `const res = await fetch('${url}', {`,
    "  method: 'POST',",
    '  headers: {',
    "    'content-type': 'application/json',",
    "    'x-tessuto-timestamp': timestamp,",
    "    'x-tessuto-signature': `sha256=${signature}`,",
    '  },',
    '  body,',
    '});',
    'console.log(res.status, await res.json());',
  ].join('\n');
}

/** A calendar day (YYYY-MM-DD) in the reader's language, read as that day wherever the reader is. */
export function formatDay(day: string, lng: string): string {
  const d = new Date(`${day}T12:00:00`);
  return Number.isNaN(d.getTime()) ? day : d.toLocaleDateString(dateLocale(lng), { year: 'numeric', month: 'short', day: 'numeric' });
}

/** An instant with its time of day, in the reader's language and time zone. */
export function formatWhen(iso: string, lng: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(dateLocale(lng), { dateStyle: 'medium', timeStyle: 'short' });
}
