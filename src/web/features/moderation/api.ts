import { api, type Page } from '../../api.js';
import type { ReportReason } from '../../../shared/social.js';

export const REPORT_STATUSES = ['open', 'dismissed', 'actioned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export type Resolution = 'dismiss' | 'hide' | 'remove';

interface Person {
  id: string;
  name: string;
  photoUrl: string | null;
}

/** A report in a moderation queue, with the reported content as it is now. */
export interface ReportView {
  id: string;
  reason: ReportReason;
  note: string | null;
  status: ReportStatus;
  createdAt: string;
  reporter: Person | null;
  community: { id: string; name: string; slug: string } | null;
  target: {
    kind: 'post' | 'comment';
    postId: string;
    commentId: string | null;
    author: Person;
    /** Sanitised by the server: the only HTML this page inserts. */
    html: string;
    excerpt: string;
    createdAt: string;
    hidden: { reason: string | null; at: string } | null;
    removed: boolean;
  };
  sameItem: { count: number; reasons: Partial<Record<ReportReason, number>> };
  resolution: { by: { id: string; name: string } | null; at: string; note: string | null } | null;
}

export const moderationApi = {
  queue: (f: { communityId?: string; status: ReportStatus }, cursor?: string) =>
    api.get<Page<ReportView>>('/api/moderation/reports', { query: { communityId: f.communityId, status: f.status, cursor, limit: 20 } }),
  resolve: (id: string, body: { action: Resolution; note?: string }) =>
    api.post<{ id: string; status: ReportStatus; closed: number }>(`/api/moderation/reports/${encodeURIComponent(id)}/resolve`, body),
};
