import { api, ApiError, type Page } from '../../api.js';
import type {
  AccountSize,
  AccountStatus,
  CustomerLocale,
  FeedbackChannel,
  FeedbackKind,
  FollowupStatus,
  InteractionKind,
} from '../../../shared/customers.js';

import type { FeedbackCategory, FeedbackItem, Ref } from '../voice/api.js';

export type { FeedbackCategory, FeedbackItem, Ref };
export type { AccountSize, AccountStatus, CustomerLocale, FeedbackChannel, FeedbackKind, FollowupStatus, InteractionKind, Page };

export interface NpsView {
  score: number;
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
}

export interface CsatView {
  mean: number;
  /** Share of 4–5 answers, in %. */
  satisfied: number;
  n: number;
}

/** An account as lists show it. */
export interface AccountSummary {
  id: string;
  name: string;
  externalId: string | null;
  segment: string | null;
  region: string | null;
  size: AccountSize | null;
  locale: CustomerLocale;
  status: AccountStatus;
  /** YYYY-MM-DD */
  customerSince: string;
  /** YYYY-MM-DD */
  lostOn: string | null;
  teams: Ref[];
  /** Answers of the last few months (the organisation's window); null without answers. */
  nps: NpsView | null;
  lastInteractionAt: string | null;
  openFollowups: number;
}

export interface Contact {
  id: string;
  accountId: string;
  name: string;
  email: string;
  title: string | null;
  locale: CustomerLocale | null;
  optedOut: boolean;
}

export interface AccountDetail extends AccountSummary {
  people: Ref[];
  contacts: Contact[];
  csat: CsatView | null;
}

export interface Interaction {
  id: string;
  accountId: string;
  kind: InteractionKind;
  summary: string;
  occurredAt: string;
  contact: Ref | null;
  team: Ref | null;
  user: Ref | null;
  createdBy: Ref | null;
}

export interface AccountFilters {
  q?: string;
  status?: AccountStatus;
  teamId?: string;
  segment?: string;
}

/** The fields an account is created or changed with; on a change every field is optional and `lostOn: null` re-activates. */
export interface AccountInput {
  name: string;
  externalId?: string | null;
  segment?: string | null;
  region?: string | null;
  size?: AccountSize | null;
  locale?: CustomerLocale;
  customerSince?: string;
  lostOn?: string | null;
  teamIds?: string[];
  userIds?: string[];
}

export interface ContactInput {
  name: string;
  email: string;
  title?: string | null;
  locale?: CustomerLocale | null;
}

export interface ContactPatch extends Partial<ContactInput> {
  optedOut?: boolean;
}

export interface InteractionInput {
  kind: InteractionKind;
  summary: string;
  occurredAt?: string;
  contactId?: string;
  teamId?: string;
  userId?: string;
}

export interface FeedbackRequestInput {
  kind: FeedbackKind;
  contactIds: string[];
  teamId?: string;
  userId?: string;
  interactionId?: string;
}

export type SkipReason = 'opted_out' | 'pending';

export interface FeedbackRequestResult {
  created: number;
  skipped: { contactId: string; reason: SkipReason }[];
}

export type ImportAction = 'create' | 'update' | 'unchanged' | 'error';

export interface ImportRowError {
  /** The row number a spreadsheet shows: the header is row 1. */
  row: number;
  field?: string;
  code: string;
  message: string;
}

/** One row of the file and what the import does with it. */
export interface ImportRow {
  row: number;
  name: string;
  contactEmail: string | null;
  action: ImportAction;
  errors: Omit<ImportRowError, 'row'>[];
}

/** What an import did, or would do on a dry run. */
export interface ImportResult {
  dryRun: boolean;
  /** Rows with an account in them (blank rows are skipped). */
  total: number;
  creates: number;
  updates: number;
  unchanged: number;
  /** The first problems, by row. */
  errors: ImportRowError[];
  /** All problems, including those not listed. */
  errorCount: number;
  /** The first rows and what the import does with each. */
  preview: { row: number; name: string; action: ImportAction }[];
  /** Each row's outcome (the first thousand rows). */
  rows?: ImportRow[];
  accounts?: { created: number; updated: number };
  contacts?: { created: number; updated: number };
  applied: boolean;
}

const base = '/api/customers';
const account = (id: string) => `${base}/accounts/${encodeURIComponent(id)}`;
const contact = (id: string) => `${base}/contacts/${encodeURIComponent(id)}`;

/** The error of a failed fetch, read the way the app's API client reads it. */
async function errorOf(res: Response): Promise<ApiError> {
  let code = `HTTP_${res.status}`;
  let message = res.statusText || 'Request failed';
  let details: unknown;
  try {
    const data = (await res.json()) as { error?: { code?: unknown; message?: unknown; details?: unknown } };
    if (data.error && typeof data.error.code === 'string') {
      code = data.error.code;
      message = typeof data.error.message === 'string' ? data.error.message : message;
      details = data.error.details;
    }
  } catch {
    // not JSON: the HTTP status stands as the code
  }
  return new ApiError(res.status, code, message, details);
}

/**
 * Sends a CSV file as it is (text/csv), which the JSON client cannot do; the session's CSRF token
 * goes along as on every other write.
 */
async function postCsv(csv: string, dryRun: boolean, csrf: string | null): Promise<ImportResult> {
  const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'text/csv; charset=utf-8' };
  if (csrf) {
    headers['x-csrf-token'] = csrf;
  }
  let res: Response;
  try {
    res = await fetch(`${base}/import?dryRun=${dryRun ? 'true' : 'false'}`, {
      method: 'POST',
      headers,
      body: csv,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The server could not be reached.');
  }
  if (!res.ok) {
    throw await errorOf(res);
  }
  return (await res.json()) as ImportResult;
}

export const customersApi = {
  accounts: (f: AccountFilters, cursor?: string, limit = 25) =>
    api.get<Page<AccountSummary>>(`${base}/accounts`, { query: { ...f, cursor, limit } }),
  account: (id: string) => api.get<AccountDetail>(account(id)),
  createAccount: (input: AccountInput) => api.post<AccountDetail>(`${base}/accounts`, input),
  updateAccount: (id: string, patch: Partial<AccountInput>) => api.patch<AccountDetail>(account(id), patch),
  deleteAccount: (id: string) => api.delete<{ ok: true }>(account(id)),
  addContact: (accountId: string, input: ContactInput) => api.post<Contact>(`${account(accountId)}/contacts`, input),
  updateContact: (id: string, patch: ContactPatch) => api.patch<Contact>(contact(id), patch),
  deleteContact: (id: string) => api.delete<{ ok: true }>(contact(id)),
  interactions: (accountId: string, cursor?: string, limit = 20) =>
    api.get<Page<Interaction>>(`${account(accountId)}/interactions`, { query: { cursor, limit } }),
  logInteraction: (accountId: string, input: InteractionInput) => api.post<Interaction>(`${account(accountId)}/interactions`, input),
  feedback: (accountId: string, cursor?: string, limit = 20) =>
    api.get<Page<FeedbackItem>>(`${base}/feedback`, { query: { accountId, cursor, limit } }),
  requestFeedback: (input: FeedbackRequestInput) => api.post<FeedbackRequestResult>(`${base}/requests`, input),
  importCsv: postCsv,
};
