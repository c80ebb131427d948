import { api, type Page } from '../../api.js';
import type { FeedSort, Reaction, ReportReason } from '../../../shared/social.js';

/** A person as shown next to content. */
export interface Author {
  id: string;
  name: string;
  title: string | null;
  photoUrl: string | null;
}

export interface AttachmentView {
  id: string;
  kind: 'image' | 'file';
  name: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  url: string;
  thumbUrl: string | null;
}

export interface CommunityRef {
  id: string;
  name: string;
  slug: string;
  visibility: string;
  official: boolean;
}

export interface ContentAbilities {
  canEdit: boolean;
  canDelete: boolean;
  canPin: boolean;
  canHide: boolean;
  canReport: boolean;
  canInteract: boolean;
}

export interface SharedPost {
  id: string;
  author: Author;
  community: CommunityRef | null;
  html: string;
  createdAt: string;
}

/** The read model every list of posts returns (the server's PostView). */
export interface PostView {
  id: string;
  kind: string;
  author: Author;
  community: CommunityRef | null;
  /** Sanitised by the server; the only HTML the app ever inserts. */
  html: string;
  /** The Markdown source; only sent to those who may edit. */
  body: string | null;
  lang: string;
  hashtags: string[];
  attachments: AttachmentView[];
  shared: SharedPost | null;
  reactionCounts: Partial<Record<Reaction, number>>;
  reactionCount: number;
  commentCount: number;
  shareCount: number;
  /** Must never leave the company: it can never be made shareable for advocacy. */
  internalOnly?: boolean;
  myReaction: Reaction | null;
  bookmarked: boolean;
  pinned: boolean;
  createdAt: string;
  editedAt: string | null;
  hidden: { reason: string; at: string } | null;
  abilities: ContentAbilities;
  /** Set on a kudos post (kind 'kudos'). */
  kudos: KudosSummary | null;
  /** Set on a celebration post (kind 'celebration'). */
  celebration: CelebrationSummary | null;
  /** An article's title. */
  title?: string | null;
  /** Set on posts of the richer kinds ('announcement', 'article', 'question', 'poll'). */
  announcement?: AnnouncementExtra | null;
  article?: ArticleExtra | null;
  question?: QuestionExtra | null;
  poll?: PollExtra | null;
}

/** The server's AnnouncementExtra: a published announcement as its recipient or sender sees it. */
export interface AnnouncementExtra {
  id: string;
  title: string;
  urgent: boolean;
  requiresAck: boolean;
  ackDueAt: string | null;
  pinnedUntil: string | null;
  mine: { seenAt: string | null; ackedAt: string | null } | null;
  canSeeStats: boolean;
}

export interface ArticleExtra {
  id: string;
  title: string;
  summary: string;
  coverUrl: string | null;
  readingMinutes: number;
  publishedAt: string;
}

export interface QuestionExtra {
  bestCommentId: string | null;
  answeredAt: string | null;
  canChooseBest: boolean;
}

export interface PollExtra {
  multiple: boolean;
  anonymous: boolean;
  closesAt: string | null;
  closed: boolean;
  voterCount: number;
  resultsShown: boolean;
  threshold: number;
  options: Array<{ id: string; label: string; votes: number | null }>;
  myVotes: string[];
  hasVoted: boolean;
}

export interface KudosSummary {
  id: string;
  value: { id: string; name: string; emoji: string | null } | null;
  /** Points each recipient received; 0 when none or when points are switched off for the viewer. */
  pointsEach: number;
  recipients: Author[];
  team: { id: string; name: string } | null;
}

export interface CelebrationSummary {
  kind: 'anniversary' | 'birthday';
  person: Author;
  years: number | null;
}

export interface CommentView {
  id: string;
  postId: string;
  parentId: string | null;
  /** Null for a deleted comment kept as a placeholder while it has replies. */
  author: Author | null;
  html: string;
  body: string | null;
  attachments: AttachmentView[];
  reactionCounts: Partial<Record<Reaction, number>>;
  reactionCount: number;
  myReaction: Reaction | null;
  replyCount: number;
  /** The first replies, sent with top-level comments. */
  replies?: CommentView[];
  createdAt: string;
  editedAt: string | null;
  hidden: { reason: string; at: string } | null;
  deleted: boolean;
  abilities: ContentAbilities;
  /** Answers to a question: upvotes, the viewer's own, and whether it is the best answer. */
  upvoteCount: number;
  myUpvote: boolean;
  isBest: boolean;
}

export interface Reactor {
  person: Author;
  kind: Reaction;
  createdAt: string;
}

/** An earlier version of a post; `createdAt` is when it was replaced. */
export interface Revision {
  id: string;
  body: string;
  html: string;
  editor: Author | null;
  createdAt: string;
}

/** A page of a feed; the home feed's first page also says where "new" starts. */
export interface FeedPage extends Page<PostView> {
  head?: string | null;
}

export interface ReactionState {
  reactionCounts: Partial<Record<Reaction, number>>;
  reactionCount: number;
  myReaction: Reaction | null;
}

export interface HashtagView {
  tag: string;
  postCount: number;
  following: boolean;
}

export interface FollowState {
  following: boolean;
  followsYou: boolean;
  followerCount: number;
  followingCount: number;
}

export interface CommunityOption {
  id: string;
  name: string;
  slug: string;
  visibility: string;
  official?: boolean;
  isAllCompany?: boolean;
  abilities?: { canPost?: boolean };
}

export interface PersonOption {
  id: string;
  name: string;
  title: string | null;
  photoUrl: string | null;
}

export interface NewPost {
  communityId: string | null;
  body: string;
  attachmentIds?: string[];
  sharedPostId?: string;
  internalOnly?: boolean;
}

const enc = encodeURIComponent;

export const feedApi = {
  feed: (url: string, cursor?: string, sort?: FeedSort) => api.get<FeedPage>(url, { query: { cursor, sort } }),
  news: (since: string) => api.get<{ count: number; head: string }>('/api/feed/news', { query: { since } }),
  post: (id: string) => api.get<PostView>(`/api/posts/${enc(id)}`),
  create: (body: NewPost) => api.post<PostView>('/api/posts', body),
  update: (id: string, body: { body: string; attachmentIds?: string[]; internalOnly?: boolean }) =>
    api.patch<PostView>(`/api/posts/${enc(id)}`, body),
  remove: (id: string) => api.delete<unknown>(`/api/posts/${enc(id)}`),
  revisions: (id: string) => api.get<{ items: Revision[] }>(`/api/posts/${enc(id)}/revisions`),
  pin: (id: string, on: boolean) =>
    on ? api.post<unknown>(`/api/posts/${enc(id)}/pin`, {}) : api.delete<unknown>(`/api/posts/${enc(id)}/pin`),
  bookmark: (id: string, on: boolean) =>
    on ? api.put<unknown>(`/api/posts/${enc(id)}/bookmark`, {}) : api.delete<unknown>(`/api/posts/${enc(id)}/bookmark`),
  react: (target: 'posts' | 'comments', id: string, kind: Reaction | null) =>
    kind
      ? api.put<ReactionState | undefined>(`/api/${target}/${enc(id)}/reaction`, { kind })
      : api.delete<ReactionState | undefined>(`/api/${target}/${enc(id)}/reaction`),
  reactors: (target: 'posts' | 'comments', id: string, kind: Reaction | null, cursor?: string) =>
    api.get<Page<Reactor>>(`/api/${target}/${enc(id)}/reactions`, { query: { kind, cursor } }),
  comments: (postId: string, cursor?: string) => api.get<Page<CommentView>>(`/api/posts/${enc(postId)}/comments`, { query: { cursor } }),
  replies: (commentId: string, cursor?: string) =>
    api.get<Page<CommentView>>(`/api/comments/${enc(commentId)}/replies`, { query: { cursor } }),
  comment: (postId: string, body: { body: string; parentId?: string; attachmentIds?: string[] }) =>
    api.post<CommentView>(`/api/posts/${enc(postId)}/comments`, body),
  updateComment: (id: string, body: { body: string }) => api.patch<CommentView>(`/api/comments/${enc(id)}`, body),
  removeComment: (id: string) => api.delete<unknown>(`/api/comments/${enc(id)}`),
  hide: (target: 'posts' | 'comments', id: string, reason: string | null) =>
    reason !== null
      ? api.post<unknown>(`/api/${target}/${enc(id)}/hide`, { reason })
      : api.delete<unknown>(`/api/${target}/${enc(id)}/hide`),
  report: (body: { postId?: string; commentId?: string; reason: ReportReason; note?: string }) => api.post<unknown>('/api/reports', body),
  hashtag: (tag: string) => api.get<HashtagView>(`/api/hashtags/${enc(tag)}`),
  followHashtag: (tag: string, on: boolean) =>
    on ? api.put<unknown>(`/api/hashtags/${enc(tag)}/follow`, {}) : api.delete<unknown>(`/api/hashtags/${enc(tag)}/follow`),
  follow: (personId: string) => api.get<FollowState>(`/api/people/${enc(personId)}/follow`),
  setFollow: (personId: string, on: boolean) =>
    on ? api.put<unknown>(`/api/people/${enc(personId)}/follow`, {}) : api.delete<unknown>(`/api/people/${enc(personId)}/follow`),
  myCommunities: () => api.get<Page<CommunityOption>>('/api/communities', { query: { filter: 'mine', limit: 100 } }),
  suggestPeople: (q: string) => api.get<Page<PersonOption>>('/api/people', { query: { q, limit: 20 } }),
  suggestCommunities: (q: string) => api.get<{ items: CommunityOption[] }>('/api/communities/suggest', { query: { q } }),
  suggestHashtags: (q: string) => api.get<{ items: { tag: string }[] }>('/api/hashtags/suggest', { query: { q } }),
};

/** Where each feed is read from. */
export const feedUrls = {
  home: '/api/feed',
  community: (id: string) => `/api/communities/${enc(id)}/feed`,
  person: (id: string) => `/api/people/${enc(id)}/feed`,
  hashtag: (tag: string) => `/api/hashtags/${enc(tag)}/feed`,
  bookmarks: '/api/bookmarks',
  discover: '/api/discover',
};
