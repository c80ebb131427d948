import { api, type Page } from '../../api.js';
import type { CustomerLocale, FeedbackChannel, FeedbackKind, FollowupStatus } from '../../../shared/customers.js';

export type { CustomerLocale, FeedbackChannel, FeedbackKind, FollowupStatus };

/** Something named: an account, a contact, a team or a person. */
export interface Ref {
  id: string;
  name: string;
}

export type FeedbackCategory = 'promoter' | 'passive' | 'detractor';

/** One customer answer, as the inbox shows it. The comment is plain text and must be shown as such. */
export interface FeedbackItem {
  id: string;
  kind: FeedbackKind;
  score: number;
  category: FeedbackCategory;
  comment: string | null;
  channel: FeedbackChannel;
  source: string | null;
  account: Ref | null;
  contact: Ref | null;
  team: Ref | null;
  namedUser: Ref | null;
  shareAllowed: boolean;
  locale: string;
  receivedAt: string;
  followup: { id: string; status: FollowupStatus; dueOn: string } | null;
  passedOn: { postId: string; at: string } | null;
}

export interface FeedbackFilters {
  kind?: FeedbackKind;
  category?: FeedbackCategory;
  channel?: FeedbackChannel;
  teamId?: string;
  accountId?: string;
  q?: string;
}

export interface Followup {
  id: string;
  status: FollowupStatus;
  /** YYYY-MM-DD */
  dueOn: string;
  owner: Ref | null;
  team: Ref | null;
  account: Ref | null;
  feedback: Omit<FeedbackItem, 'followup'>;
  createdAt: string;
  closedAt: string | null;
  overdue: boolean;
}

export interface FollowupNote {
  id: string;
  author: Ref | null;
  body: string;
  createdAt: string;
}

export interface FollowupDetail extends Followup {
  notes: FollowupNote[];
}

export interface FollowupFilters {
  status?: FollowupStatus;
  teamId?: string;
  mine?: boolean;
}

export interface FollowupPatch {
  status?: FollowupStatus;
  ownerId?: string | null;
  dueOn?: string;
}

export interface CustomerSettings {
  detractorMax: number;
  csatDetractorMax: number;
  followupDays: number;
  requestDays: number;
  windowMonths: number;
}

export interface Webhook {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revoked: boolean;
  url: string;
}

/** A new webhook: the only time its secret is shown. */
export interface WebhookCreated {
  id: string;
  name: string;
  url: string;
  secret: string;
}

export interface CustomerForm {
  id: string;
  name: string;
  kind: FeedbackKind;
  team: Ref | null;
  active: boolean;
  url: string;
  snippet: string;
}

export interface FormInput {
  name: string;
  kind: FeedbackKind;
  teamId?: string;
}

const base = '/api/customers';
const enc = encodeURIComponent;

export const voiceApi = {
  feedback: (f: FeedbackFilters, cursor?: string) => api.get<Page<FeedbackItem>>(`${base}/feedback`, { query: { ...f, cursor } }),
  passOn: (id: string, message?: string, valueId?: string) =>
    api.post<{ postId: string }>(
      `${base}/feedback/${enc(id)}/pass-on`,
      { ...(message ? { message } : {}), ...(valueId ? { valueId } : {}) },
      { quiet: true },
    ),

  followups: (f: FollowupFilters, cursor?: string) =>
    api.get<Page<Followup>>(`${base}/followups`, {
      query: { status: f.status, teamId: f.teamId, mine: f.mine ? 'true' : undefined, cursor },
    }),
  followup: (id: string) => api.get<FollowupDetail>(`${base}/followups/${enc(id)}`),
  updateFollowup: (id: string, patch: FollowupPatch) => api.patch<FollowupDetail>(`${base}/followups/${enc(id)}`, patch),
  addNote: (id: string, body: string) => api.post<FollowupDetail>(`${base}/followups/${enc(id)}/notes`, { body }),

  settings: () => api.get<CustomerSettings>(`${base}/settings`),
  saveSettings: (s: CustomerSettings) => api.put<CustomerSettings>(`${base}/settings`, s),

  webhooks: () => api.get<{ items: Webhook[] }>(`${base}/webhooks`),
  createWebhook: (name: string) => api.post<WebhookCreated>(`${base}/webhooks`, { name }),
  revokeWebhook: (id: string) => api.delete<unknown>(`${base}/webhooks/${enc(id)}`),

  forms: () => api.get<{ items: CustomerForm[] }>(`${base}/forms`),
  createForm: (input: FormInput) => api.post<CustomerForm>(`${base}/forms`, input),
  updateForm: (id: string, patch: { name?: string; active?: boolean }) => api.patch<CustomerForm>(`${base}/forms/${enc(id)}`, patch),
};
