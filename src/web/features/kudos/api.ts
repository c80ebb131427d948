import { api, type Page } from '../../api.js';
import type { KudosVisibility } from '../../../shared/recognition.js';
import type { Author } from '../feed/api.js';

export type { Author };

/** A company value kudos can be tagged with. */
export interface Value {
  id: string;
  name: string;
  description: string;
  emoji: string | null;
}

/** What the signed-in person may give, and how: GET /api/recognition/me. */
export interface RecognitionMe {
  /** False when points are switched off for this person (company-wide or in their country). */
  gamification: boolean;
  allowance: { total: number; given: number; remaining: number; period: string; resetsAt: string };
  /** Points received and not yet spent. */
  received: number;
  values: Value[];
  requireValue: boolean;
  recipientLimit: { points: number; days: number };
}

export interface KudosView {
  id: string;
  giver: Author;
  recipients: (Author & { points: number })[];
  team: { id: string; name: string } | null;
  value: Value | null;
  /** The message, sanitised by the server. */
  html: string;
  visibility: KudosVisibility;
  pointsEach: number;
  /** The feed post of public kudos. */
  postId: string | null;
  createdAt: string;
}

export interface NewKudos {
  recipientIds?: string[];
  teamId?: string;
  valueId?: string;
  message: string;
  points?: number;
  visibility?: KudosVisibility;
  communityId?: string;
  attachmentIds?: string[];
}

export type KudosDirection = 'received' | 'given';

export interface BadgeView {
  id: string;
  name: string;
  description: string;
  icon: string;
  /** Set on badges earned by a rule; the app names those in the reader's language. */
  rule: string | null;
  awardedAt: string;
  reason: string | null;
  hidden: boolean;
}

export interface RecognitionPrefs {
  hideFromLeaderboards: boolean;
  /** 'MM-DD', without a year. */
  birthday: string | null;
  celebrateBirthday: boolean;
}

const enc = encodeURIComponent;

export const kudosApi = {
  me: () => api.get<RecognitionMe>('/api/recognition/me'),
  /** The key makes a retry after a lost answer give once, not twice. */
  give: (body: NewKudos, idempotencyKey: string) =>
    api.post<KudosView>('/api/kudos', body, { headers: { 'Idempotency-Key': idempotencyKey } }),
  get: (id: string) => api.get<KudosView>(`/api/kudos/${enc(id)}`),
  ofPerson: (personId: string, direction: KudosDirection, cursor?: string, limit = 10) =>
    api.get<Page<KudosView>>(`/api/people/${enc(personId)}/kudos`, { query: { direction, cursor, limit } }),
  badges: (personId: string) => api.get<{ items: BadgeView[] }>(`/api/people/${enc(personId)}/badges`),
  hideBadge: (badgeId: string, hidden: boolean) => api.patch<unknown>(`/api/me/badges/${enc(badgeId)}`, { hidden }),
  prefs: () => api.get<RecognitionPrefs>('/api/me/recognition-prefs'),
  savePrefs: (patch: Partial<RecognitionPrefs>) => api.patch<RecognitionPrefs>('/api/me/recognition-prefs', patch),
};
