import { api, type Page } from '../../api.js';
import type { Digest, NotificationType } from '../../../shared/social.js';

/** One notification as the API sends it: who did what, and on what. Excerpts are plain text. */
export interface NotificationView {
  id: string;
  type: string;
  actor: { id: string; name: string; photoUrl: string | null } | null;
  post: { id: string; excerpt: string } | null;
  comment: { id: string; excerpt: string } | null;
  community: { id: string; name: string; slug: string } | null;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

export interface Channels {
  inApp: boolean;
  email: boolean;
}

export interface NotificationSettings {
  digest: Digest;
  types: Record<NotificationType, Channels>;
}

export interface SettingsChange {
  digest?: Digest;
  types?: Partial<Record<NotificationType, Channels>>;
}

export const notificationsApi = {
  list: (unread: boolean, cursor?: string, limit = 20) =>
    api.get<Page<NotificationView>>('/api/notifications', { query: { unread: unread ? 'true' : undefined, cursor, limit } }),
  unreadCount: () => api.get<{ count: number }>('/api/notifications/unread-count'),
  markRead: (body: { ids: string[] } | { all: true }) => api.post<{ marked: number }>('/api/notifications/read', body),
  settings: () => api.get<NotificationSettings>('/api/me/notification-settings'),
  saveSettings: (body: SettingsChange) => api.put<NotificationSettings>('/api/me/notification-settings', body),
};
