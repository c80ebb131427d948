import { api, type Page } from '../../api.js';
import type { Author } from '../feed/api.js';

export type ArticleStatus = 'draft' | 'scheduled' | 'published' | 'unpublished';

/** One of the person's articles, in their list (the server's ArticleListItem). */
export interface ArticleListItem {
  id: string;
  title: string;
  summary: string;
  coverUrl: string | null;
  readingMinutes: number;
  status: ArticleStatus;
  publishAt: string | null;
  unpublishAt: string | null;
  publishedAt: string | null;
  postId: string | null;
  community: { id: string; name: string; slug: string; visibility: string } | null;
  updatedAt: string;
}

/** An article to read or edit (the server's ArticleView). */
export interface ArticleView extends ArticleListItem {
  /** The Markdown source; only for its author. */
  body: string | null;
  /** Sanitised by the server. */
  html: string;
  author: Author;
  createdAt: string;
  abilities: { canEdit: boolean; canDelete: boolean };
}

export interface ArticleInput {
  title?: string;
  summary?: string;
  body?: string;
  communityId?: string | null;
  coverAttachmentId?: string | null;
}

export const articlesApi = {
  list: (status: ArticleStatus | undefined, cursor?: string) =>
    api.get<Page<ArticleListItem>>('/api/articles', { query: { status, cursor } }),
  get: (id: string) => api.get<ArticleView>(`/api/articles/${id}`),
  create: (input: ArticleInput & { title: string }) => api.post<ArticleView>('/api/articles', input),
  update: (id: string, input: ArticleInput) => api.patch<ArticleView>(`/api/articles/${id}`, input),
  remove: (id: string) => api.delete<{ ok: true }>(`/api/articles/${id}`),
  publish: (id: string, input: { publishAt?: string | null; unpublishAt?: string | null }) =>
    api.post<ArticleView>(`/api/articles/${id}/publish`, input),
  unpublish: (id: string) => api.post<ArticleView>(`/api/articles/${id}/unpublish`),
};
