import { api, type Page } from '../../api.js';
import type { AmaStatus } from '../../../shared/comms.js';

export type AmaWhen = 'upcoming' | 'live' | 'past';
export type QuestionSort = 'top' | 'new';
export type QuestionStatus = 'open' | 'answered' | 'all';

export interface AmaAbilities {
  canAsk: boolean;
  canAskAnonymously: boolean;
  canAnswer: boolean;
  canModerate: boolean;
  canEdit: boolean;
  canStart: boolean;
  canEnd: boolean;
}

export interface AmaSummary {
  id: string;
  title: string;
  host: { id: string; name: string; title: string | null; photoUrl: string | null };
  community: { id: string; name: string; slug: string } | null;
  startsAt: string;
  endsAt: string;
  allowAnonymous: boolean;
  status: AmaStatus;
  questionCount: number;
  answeredCount: number;
  createdAt: string;
  abilities: AmaAbilities;
}

export interface AmaDetail extends AmaSummary {
  /** Markdown as written. */
  description: string;
  /** Sanitised on the server. */
  descriptionHtml: string;
}

export interface AmaQuestion {
  id: string;
  amaId: string;
  author: { id: string; name: string; photoUrl: string | null } | null;
  anonymous: boolean;
  body: string;
  upvoteCount: number;
  myVote: boolean;
  mine: boolean;
  answer: string | null;
  /** Sanitised on the server. */
  answerHtml: string | null;
  answeredAt: string | null;
  createdAt: string;
  canVote: boolean;
  canAnswer: boolean;
  canHide: boolean;
}

export interface AmaInput {
  title: string;
  description: string;
  hostId: string;
  startsAt: string;
  endsAt: string;
  allowAnonymous: boolean;
  communityId: string | null;
}

const base = (id: string) => `/api/amas/${id}`;
const question = (id: string) => `/api/amas/questions/${id}`;

export const amasApi = {
  list: (when: AmaWhen, cursor?: string) => api.get<Page<AmaSummary>>('/api/amas', { query: { when, cursor } }),
  get: (id: string) => api.get<AmaDetail>(base(id)),
  create: (body: AmaInput) => api.post<AmaDetail>('/api/amas', body),
  update: (id: string, patch: Partial<AmaInput>) => api.patch<AmaDetail>(base(id), patch),
  start: (id: string) => api.post<AmaDetail>(`${base(id)}/live`),
  end: (id: string) => api.post<AmaDetail>(`${base(id)}/end`),
  questions: (id: string, sort: QuestionSort, status: QuestionStatus, cursor?: string) =>
    api.get<Page<AmaQuestion>>(`${base(id)}/questions`, { query: { sort, status, cursor } }),
  ask: (id: string, body: string, anonymous: boolean) => api.post<AmaQuestion>(`${base(id)}/questions`, { body, anonymous }),
  vote: (questionId: string, on: boolean) =>
    on
      ? api.put<{ upvoteCount: number; myVote: boolean }>(`${question(questionId)}/vote`)
      : api.delete<{ upvoteCount: number; myVote: boolean }>(`${question(questionId)}/vote`),
  answer: (questionId: string, answer: string) => api.post<AmaQuestion>(`${question(questionId)}/answer`, { answer }),
  hide: (questionId: string) => api.post<{ ok: true }>(`${question(questionId)}/hide`),
};
