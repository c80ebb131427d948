import { ACCOUNT_SIZES, CUSTOMER_LOCALES, INTERACTION_KINDS, type AccountSize, type CustomerLocale } from '../../../shared/customers.js';
import { dateLocale } from '../../components/format.js';
import type {
  AccountDetail,
  AccountInput,
  AccountStatus,
  Contact,
  FeedbackCategory,
  FeedbackItem,
  FeedbackRequestResult,
  ImportResult,
  ImportRow,
  ImportRowError,
  Interaction,
  InteractionKind,
  SkipReason,
} from './api.js';

export const isSize = (v: unknown): v is AccountSize => (ACCOUNT_SIZES as readonly unknown[]).includes(v);
export const isLocale = (v: unknown): v is CustomerLocale => (CUSTOMER_LOCALES as readonly unknown[]).includes(v);
export const isInteractionKind = (v: unknown): v is InteractionKind => (INTERACTION_KINDS as readonly unknown[]).includes(v);
export const isStatus = (v: unknown): v is AccountStatus => v === 'active' || v === 'lost';

/** The columns of the CSV import, in the order the template lists them. */
export const IMPORT_COLUMNS = [
  'name',
  'external_id',
  'segment',
  'region',
  'size',
  'locale',
  'customer_since',
  'lost_on',
  'teams',
  'people',
  'contact_name',
  'contact_email',
  'contact_title',
  'contact_locale',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

const TEMPLATE_ROWS: readonly (readonly string[])[] = [
  [
    'Acme Logistics',
    'CRM-1001',
    'Enterprise',
    'EMEA',
    'large',
    'en',
    '2023-04-01',
    '',
    'Key Accounts;Support',
    'sarah.thompson@example.com',
    'Jane Doe',
    'jane.doe@acme.example',
    'Head of Operations',
    'en',
  ],
  ['Acme Logistics', 'CRM-1001', '', '', '', '', '', '', '', '', 'Tom Baker', 'tom.baker@acme.example', 'Buyer', ''],
  ['Bottega Verdi', '', 'SMB', 'Italia', 'small', 'it', '2024-09-15', '', 'Support', '', 'Lucia Verdi', 'lucia@verdi.example', '', 'it'],
];

/** One CSV cell, quoted when it needs to be. */
function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A small example file in the import's format: the header and a few rows (two contacts of one account, and another account). */
export function templateCsv(): string {
  return [IMPORT_COLUMNS, ...TEMPLATE_ROWS].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
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

const pad = (n: number) => String(n).padStart(2, '0');

/** Today in the reader's time zone, YYYY-MM-DD. */
export function today(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A moment as a `datetime-local` input shows it, in the reader's time zone (to the minute). */
export function localDateTime(now = new Date()): string {
  return `${today(now)}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

/** The instant a `datetime-local` value names in the reader's time zone, as an ISO string; null when it is not one. */
export function instantOf(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local) || !isDay(local.slice(0, 10))) {
    return null;
  }
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** A calendar day (YYYY-MM-DD) in the reader's language, read as that day wherever the reader is. */
export function formatDay(day: string, lng: string): string {
  const d = new Date(`${day}T12:00:00`);
  return Number.isNaN(d.getTime()) ? day : d.toLocaleDateString(dateLocale(lng), { year: 'numeric', month: 'short', day: 'numeric' });
}

/** An NPS as people write it: a sign in front of positive scores. */
export function signed(score: number): string {
  return score > 0 ? `+${score}` : String(score);
}

/** A colour for an NPS (−100…+100); the number is always written next to it. */
export function npsColor(score: number): string {
  return score >= 30 ? 'brand' : score >= 0 ? 'orange' : 'red';
}

/** A colour for a CSAT mean (1–5). */
export function csatColor(mean: number): string {
  return mean >= 4 ? 'brand' : mean >= 3 ? 'orange' : 'red';
}

export const CATEGORY_COLOR: Record<FeedbackCategory, string> = { promoter: 'brand', passive: 'orange', detractor: 'red' };

/** What the account form holds while it is being filled in. */
export interface AccountFormValues {
  name: string;
  externalId: string;
  segment: string;
  region: string;
  size: AccountSize | null;
  locale: CustomerLocale;
  /** YYYY-MM-DD */
  customerSince: string;
  status: AccountStatus;
  /** YYYY-MM-DD, or '' while active. */
  lostOn: string;
  teamIds: string[];
  userIds: string[];
}

/** The form's starting values: the account being edited, or a new active customer from today. */
export function accountFormValues(account: AccountDetail | null, now = new Date()): AccountFormValues {
  if (!account) {
    return {
      name: '',
      externalId: '',
      segment: '',
      region: '',
      size: null,
      locale: 'en',
      customerSince: today(now),
      status: 'active',
      lostOn: '',
      teamIds: [],
      userIds: [],
    };
  }
  return {
    name: account.name,
    externalId: account.externalId ?? '',
    segment: account.segment ?? '',
    region: account.region ?? '',
    size: account.size,
    locale: account.locale,
    customerSince: account.customerSince,
    status: account.lostOn ? 'lost' : 'active',
    lostOn: account.lostOn ?? '',
    teamIds: account.teams.map((t) => t.id),
    userIds: account.people.map((p) => p.id),
  };
}

export type AccountFormError = 'nameRequired' | 'dayInvalid' | 'lostOnRequired' | 'lostBeforeSince' | 'future';

/** What is wrong with the form, field by field (keys of the form's messages); empty when it can be sent. */
export function accountFormErrors(v: AccountFormValues, now = new Date()): Partial<Record<keyof AccountFormValues, AccountFormError>> {
  const errors: Partial<Record<keyof AccountFormValues, AccountFormError>> = {};
  const day = today(now);
  if (!v.name.trim()) {
    errors.name = 'nameRequired';
  }
  if (!isDay(v.customerSince)) {
    errors.customerSince = 'dayInvalid';
  }
  if (v.status === 'lost') {
    if (!v.lostOn) {
      errors.lostOn = 'lostOnRequired';
    } else if (!isDay(v.lostOn)) {
      errors.lostOn = 'dayInvalid';
    } else if (v.lostOn > day) {
      errors.lostOn = 'future';
    } else if (isDay(v.customerSince) && v.lostOn < v.customerSince) {
      errors.lostOn = 'lostBeforeSince';
    }
  }
  return errors;
}

const orNull = (s: string) => s.trim() || null;

/**
 * The request body for the form's values. A new account leaves out what is empty; a change sends every
 * field so that clearing one clears it, and an active status sends `lostOn: null` to re-activate.
 */
export function toAccountInput(v: AccountFormValues, editing: boolean): AccountInput {
  const lostOn = v.status === 'lost' ? v.lostOn : null;
  if (editing) {
    return {
      name: v.name.trim(),
      externalId: orNull(v.externalId),
      segment: orNull(v.segment),
      region: orNull(v.region),
      size: v.size,
      locale: v.locale,
      customerSince: v.customerSince,
      lostOn,
      teamIds: v.teamIds,
      userIds: v.userIds,
    };
  }
  const input: AccountInput = {
    name: v.name.trim(),
    locale: v.locale,
    customerSince: v.customerSince,
    teamIds: v.teamIds,
    userIds: v.userIds,
  };
  const externalId = orNull(v.externalId);
  const segment = orNull(v.segment);
  const region = orNull(v.region);
  return {
    ...input,
    ...(externalId ? { externalId } : {}),
    ...(segment ? { segment } : {}),
    ...(region ? { region } : {}),
    ...(v.size ? { size: v.size } : {}),
    ...(lostOn ? { lostOn } : {}),
  };
}

/** One entry of an account's history: something that happened with the customer, or something they said. */
export type TimelineEntry = { type: 'interaction'; at: string; item: Interaction } | { type: 'feedback'; at: string; item: FeedbackItem };

export type TimelineSource = 'interactions' | 'feedback';

/** A paged list as far as it has been loaded (newest first), and whether the server has older items. */
export interface LoadedStream<T> {
  items: readonly T[];
  hasMore: boolean;
}

export interface Timeline {
  /** Newest first. */
  entries: TimelineEntry[];
  /** The lists to load further for the next older entries; empty when the history is complete. */
  next: TimelineSource[];
}

const time = (iso: string) => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? 0 : ms;
};

/**
 * Interleaves two newest-first paged lists into one history. An entry is shown only when nothing not yet
 * loaded can be newer than it: a list with older pages still on the server hides the other list's entries
 * below its own last loaded one, and "load more" asks for that list's next page first.
 */
export function mergeTimeline(interactions: LoadedStream<Interaction>, feedback: LoadedStream<FeedbackItem>): Timeline {
  const all: TimelineEntry[] = [
    ...interactions.items.map((item): TimelineEntry => ({ type: 'interaction', at: item.occurredAt, item })),
    ...feedback.items.map((item): TimelineEntry => ({ type: 'feedback', at: item.receivedAt, item })),
  ];
  all.sort((a, b) => time(b.at) - time(a.at) || (a.item.id < b.item.id ? 1 : a.item.id > b.item.id ? -1 : 0));

  // Where each unfinished list stops: nothing older than its last loaded entry is known yet.
  const bounds: { source: TimelineSource; at: number }[] = [];
  const bound = (source: TimelineSource, stream: LoadedStream<{ at: string }>) => {
    if (stream.hasMore) {
      const last = stream.items.at(-1);
      bounds.push({ source, at: last ? time(last.at) : Number.POSITIVE_INFINITY });
    }
  };
  bound('interactions', { hasMore: interactions.hasMore, items: interactions.items.map((i) => ({ at: i.occurredAt })) });
  bound('feedback', { hasMore: feedback.hasMore, items: feedback.items.map((f) => ({ at: f.receivedAt })) });
  if (bounds.length === 0) {
    return { entries: all, next: [] };
  }
  const cutoff = Math.max(...bounds.map((b) => b.at));
  return {
    entries: all.filter((e) => time(e.at) >= cutoff),
    next: bounds.filter((b) => b.at === cutoff).map((b) => b.source),
  };
}

/** The contacts a feedback request can go to now, and those who asked not to be contacted. */
export function askableContacts(contacts: readonly Contact[]): { askable: Contact[]; optedOut: Contact[] } {
  return { askable: contacts.filter((c) => !c.optedOut), optedOut: contacts.filter((c) => c.optedOut) };
}

/** The contacts a request skipped, by name, with why. */
export function skippedContacts(
  result: FeedbackRequestResult,
  contacts: readonly Contact[],
): { contactId: string; name: string; reason: SkipReason }[] {
  const names = new Map(contacts.map((c) => [c.id, c.name]));
  return result.skipped.map((s) => ({ ...s, name: names.get(s.contactId) ?? s.contactId }));
}

/**
 * Every row the import reported on, by row number, with its problems: the per-row outcome when the
 * server sent it, else the preview, plus rows known only from their errors. `override` replaces the
 * problems (those of a refused import, when the data changed after the check).
 */
export function importRows(result: ImportResult, override?: readonly ImportRowError[]): ImportRow[] {
  const byRow = new Map<number, ImportRow>();
  const base: ImportRow[] = result.rows ?? result.preview.map((p) => ({ ...p, contactEmail: null, errors: [] }));
  for (const r of base) {
    byRow.set(r.row, { ...r, errors: override || !result.rows ? [] : [...r.errors] });
  }
  const known = new Set(result.rows && !override ? result.rows.map((r) => r.row) : []);
  for (const { row, ...problem } of override ?? result.errors) {
    if (known.has(row)) {
      continue;
    }
    const line = byRow.get(row) ?? { row, name: '', contactEmail: null, action: 'error', errors: [] };
    line.errors.push(problem);
    line.action = 'error';
    byRow.set(row, line);
  }
  return [...byRow.values()].sort((a, b) => a.row - b.row);
}
