import { api, type Page } from '../../api.js';
import type { CommunitySuggestion } from '../communities/api.js';
import type { MemberRole, MemberStatus, Visibility } from '../../../shared/social.js';
import type { Author, CommunityRef, PostView } from '../feed/api.js';
import type { PersonSummary } from '../people/api.js';

export const SEARCH_TYPES = ['all', 'posts', 'comments', 'communities', 'people'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];
export type SingleType = Exclude<SearchType, 'all'>;

/** Escaped text with the matching words in `<mark>`, as the server sends it; shown through `<Highlighted>`. */
export type HighlightHtml = string;

export interface PostHit {
  id: string;
  highlight: HighlightHtml;
  post: PostView;
}

export interface CommentHit {
  id: string;
  postId: string;
  parentId: string | null;
  highlight: HighlightHtml;
  author: Author;
  community: CommunityRef | null;
  createdAt: string;
}

export interface CommunityHit {
  id: string;
  name: string;
  slug: string;
  visibility: Visibility;
  official: boolean;
  memberCount: number;
  archived: boolean;
  membership: { role: MemberRole; status: MemberStatus } | null;
  highlight: { name: HighlightHtml; description: HighlightHtml };
}

export interface HitOf {
  posts: PostHit;
  comments: CommentHit;
  communities: CommunityHit;
  people: PersonSummary;
}

export interface Section<T> {
  items: T[];
  nextCursor: string | null;
}

export interface AllResult {
  type: 'all';
  posts: Section<PostHit>;
  comments: Section<CommentHit>;
  communities: Section<CommunityHit>;
  people: Section<PersonSummary>;
}

export type SingleResult<K extends SingleType> = { type: K } & Section<HitOf[K]>;

export interface SearchFilters {
  communityId?: string;
  authorId?: string;
  from?: string;
  to?: string;
}

export const searchApi = {
  all: (q: string, f: SearchFilters, signal?: AbortSignal) =>
    api.get<AllResult>('/api/search', { query: { q, type: 'all', ...f }, signal }),
  one: <K extends SingleType>(type: K, q: string, f: SearchFilters, cursor?: string, signal?: AbortSignal) =>
    api.get<SingleResult<K>>('/api/search', { query: { q, type, ...f, cursor, limit: 20 }, signal }),
  /** Quick suggestions while typing in the top bar: a few people and communities, by name. */
  suggest: async (q: string, signal?: AbortSignal) => {
    const [people, communities] = await Promise.all([
      api.get<Page<PersonSummary>>('/api/people', { query: { q, limit: 4 }, signal, quiet: true }),
      api.get<{ items: CommunitySuggestion[] }>('/api/communities/suggest', { query: { q, limit: 4 }, signal, quiet: true }),
    ]);
    return { people: people.items, communities: communities.items };
  },
};
