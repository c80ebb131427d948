import { api, type Page } from '../../api.js';
import type { FeedbackRecipient } from '../../../shared/listening.js';

export type { FeedbackRecipient };

export const THREAD_STATUSES = ['open', 'closed', 'escalated'] as const;
export type ThreadStatus = (typeof THREAD_STATUSES)[number];

export interface Person {
  id: string;
  name: string;
  title: string | null;
  photoUrl: string | null;
}

export type ReplierRole = 'manager' | 'hr' | 'leadership' | 'admin';

/** Where a new conversation can go, and who would read it. */
export interface FeedbackOptions {
  threshold: number;
  manager: { person: Person; reports: number; allowed: boolean } | null;
  hr: { people: Person[]; count: number; administrators: boolean };
  leadership: { people: Person[]; count: number; administrators: boolean };
}

interface ThreadBase {
  subject: string;
  recipientKind: FeedbackRecipient;
  recipient: Person | null;
  status: ThreadStatus;
  blocked: boolean;
  /** Days ('YYYY-MM-DD'): conversations never carry a precise time. */
  startedOn: string;
  activityOn: string;
}

export interface WriterSummary extends ThreadBase {
  key: string;
  threadId: string;
  revealed: boolean;
  unread: boolean;
}

export interface WriterMessage {
  seq: number;
  sender: 'writer' | 'recipient';
  html: string;
  sentOn: string;
  author: (Person & { role: ReplierRole | null }) | null;
}

export interface WriterThread extends ThreadBase {
  threadId: string;
  revealed: boolean;
  unread: boolean;
  canReply: boolean;
  canReveal: boolean;
  messages: WriterMessage[];
  olderBefore: number | null;
}

export interface InboxItem extends ThreadBase {
  id: string;
  unread: boolean;
  escalated: boolean;
  revealed: Person | null;
  messages: number;
  lastSender: 'writer' | 'recipient';
}

export interface InboxSummary {
  receives: boolean;
  unread: number;
  open: number;
}

export interface RecipientMessage {
  seq: number;
  sender: 'writer' | 'recipient';
  html: string;
  sentOn: string;
  author: Person | null;
}

export interface RecipientThread extends ThreadBase {
  id: string;
  unread: boolean;
  revealed: Person | null;
  escalation: { note: string; by: Person | null; on: string } | null;
  canReply: boolean;
  canClose: boolean;
  canReopen: boolean;
  canEscalate: boolean;
  canBlock: boolean;
  messages: RecipientMessage[];
  olderBefore: number | null;
}

const BASE = '/api/listening/feedback';
/** Writer requests carry the key in this header only, never in the address. */
const keyed = (key: string) => ({ headers: { 'x-feedback-key': key } });
const id = (x: string) => encodeURIComponent(x);

export const writerApi = {
  options: () => api.get<FeedbackOptions>(`${BASE}/options`),
  start: (body: { recipient: FeedbackRecipient; subject: string; body: string }) =>
    api.post<{ threadId: string; key: string }>(`${BASE}/threads`, body),
  mine: (keys: string[]) => api.post<{ items: WriterSummary[] }>(`${BASE}/threads/mine`, { keys }),
  thread: (key: string, before?: number) => api.get<WriterThread>(`${BASE}/thread`, { ...keyed(key), query: { before } }),
  reply: (key: string, body: string) => api.post<WriterThread>(`${BASE}/thread/messages`, { body }, keyed(key)),
  markRead: (key: string) => api.post<{ ok: true }>(`${BASE}/thread/read`, {}, keyed(key)),
  reveal: (key: string) => api.post<WriterThread>(`${BASE}/thread/reveal`, {}, keyed(key)),
};

export const inboxApi = {
  list: (status: ThreadStatus, cursor?: string) => api.get<Page<InboxItem>>(`${BASE}/inbox`, { query: { status, cursor, limit: 20 } }),
  summary: () => api.get<InboxSummary>(`${BASE}/inbox/summary`),
  thread: (threadId: string, before?: number) => api.get<RecipientThread>(`${BASE}/inbox/${id(threadId)}`, { query: { before } }),
  reply: (threadId: string, body: string) => api.post<RecipientThread>(`${BASE}/inbox/${id(threadId)}/messages`, { body }),
  close: (threadId: string) => api.post<RecipientThread>(`${BASE}/inbox/${id(threadId)}/close`, {}),
  reopen: (threadId: string) => api.post<RecipientThread>(`${BASE}/inbox/${id(threadId)}/reopen`, {}),
  escalate: (threadId: string, note: string) => api.post<RecipientThread>(`${BASE}/inbox/${id(threadId)}/escalate`, { note }),
  block: (threadId: string) => api.post<RecipientThread>(`${BASE}/inbox/${id(threadId)}/block`, {}),
};
