import { api } from '../../api.js';

/** An urgent broadcast on the person's banner (GET /api/urgent/active). */
export interface UrgentBannerItem {
  id: string;
  title: string;
  /** Sanitised on the server. */
  html: string;
  /** The start of the message as plain text. */
  excerpt: string;
  publishedAt: string;
  author: { id: string; name: string; photoUrl: string | null };
  canEnd: boolean;
}

/** A browser's push subscription as the server stores it. */
export interface PushSubscriptionBody {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export const urgentApi = {
  active: () => api.get<{ items: UrgentBannerItem[] }>('/api/urgent/active'),
  /** Acknowledging is the announcement's own action: the banner calls it for the reader. */
  acknowledge: (id: string) => api.post<unknown>(`/api/announcements/${encodeURIComponent(id)}/ack`),
  end: (id: string) => api.post<{ id: string; endedAt: string }>(`/api/urgent/${encodeURIComponent(id)}/end`),
  pushKey: () => api.get<{ publicKey: string }>('/api/push/key'),
  subscribe: (s: PushSubscriptionBody) => api.post<{ ok: true }>('/api/push/subscriptions', s),
  unsubscribe: (endpoint: string) => api.delete<{ ok: true }>('/api/push/subscriptions', { body: { endpoint } }),
};
