import { api, type Page } from '../../api.js';
import type { CommsAudience } from '../../../shared/comms.js';

export type AnnouncementStatus = 'draft' | 'scheduled' | 'published' | 'cancelled';

export interface Receipt {
  seenAt: string | null;
  ackedAt: string | null;
}

export interface DeliveryCounts {
  delivered: number;
  seen: number;
  acknowledged: number;
}

/** An announcement in a list (the server's AnnouncementSummary). */
export interface AnnouncementSummary {
  id: string;
  title: string;
  status: AnnouncementStatus;
  urgent: boolean;
  requiresAck: boolean;
  ackDueAt: string | null;
  pinnedUntil: string | null;
  publishAt: string | null;
  publishedAt: string | null;
  createdAt: string;
  author: { id: string; name: string; photoUrl: string | null };
  audienceSize: number;
  postId: string | null;
  /** The reader's own receipt; null when the reader is not a recipient. */
  mine: Receipt | null;
  /** For the sender only. */
  counts: DeliveryCounts | null;
}

export interface AnnouncementDetail extends AnnouncementSummary {
  body: string | null;
  html: string;
  audience: CommsAudience | null;
  canEdit: boolean;
  canCancel: boolean;
  canSeeStats: boolean;
}

export interface AnnouncementInput {
  title: string;
  body: string;
  audience: CommsAudience;
  publishAt?: string | null;
  pinnedUntil?: string | null;
  requiresAck?: boolean;
  ackDueAt?: string | null;
  urgent?: boolean;
  draft?: boolean;
}

export interface Segment extends DeliveryCounts {
  id: string | null;
  name: string | null;
}

export interface AnnouncementStats extends DeliveryCounts {
  seenRate: number;
  ackRate: number;
  requiresAck: boolean;
  lastRemindedAt: string | null;
  segments: { departments: Segment[]; teams: Segment[]; locations: Segment[] };
}

export interface PendingPerson {
  id: string;
  name: string;
  title: string | null;
  photoUrl: string | null;
  seenAt: string | null;
  remindedCount: number;
}

export interface AudienceSize {
  size: number;
  needsBroadcast: boolean;
  allowed: boolean;
  limit: number;
}

export interface CommsSettingsValues {
  broadcastAudienceLimit: number;
  escalationMinutes: number;
  reminderHours: number;
  fileMaxBytes: number;
  videoMaxBytes: number;
}

export type Box = 'inbox' | 'sent';

export const announcementsApi = {
  list: (box: Box, cursor?: string) => api.get<Page<AnnouncementSummary>>('/api/announcements', { query: { box, cursor, limit: 20 } }),
  pinned: () => api.get<{ items: AnnouncementSummary[] }>('/api/announcements/pinned'),
  get: (id: string) => api.get<AnnouncementDetail>(`/api/announcements/${id}`),
  create: (body: AnnouncementInput) => api.post<AnnouncementDetail>('/api/announcements', body),
  update: (id: string, body: Partial<AnnouncementInput>) => api.patch<AnnouncementDetail>(`/api/announcements/${id}`, body),
  cancel: (id: string) => api.delete<AnnouncementDetail>(`/api/announcements/${id}`),
  seen: (id: string) => api.post<Receipt>(`/api/announcements/${id}/seen`),
  ack: (id: string) => api.post<Receipt>(`/api/announcements/${id}/ack`),
  stats: (id: string) => api.get<AnnouncementStats>(`/api/announcements/${id}/stats`),
  pending: (id: string, cursor?: string) =>
    api.get<Page<PendingPerson>>(`/api/announcements/${id}/pending`, { query: { cursor, limit: 50 } }),
  remind: (id: string) => api.post<{ reminded: number }>(`/api/announcements/${id}/remind`),
  audienceSize: (audience: CommsAudience) => api.post<AudienceSize>('/api/announcements/audience', { audience }),
  settings: () => api.get<CommsSettingsValues>('/api/comms/settings'),
  saveSettings: (body: Partial<CommsSettingsValues>) => api.put<CommsSettingsValues>('/api/comms/settings', body),
};
