import { Type, type Static, type TSchema } from 'typebox';
import { DateTime, Id, Nullable } from '../../platform/http.js';
import { MEMBER_ROLES, MEMBER_STATUSES, SOCIAL_LIMITS, VISIBILITIES } from '../../../shared/social.js';
import { PersonSummary } from '../people/people.schemas.js';
import { Author, CommunityRef, PostView } from '../posts/posts.schemas.js';

const oneOf = <T extends string>(values: readonly T[]) => Type.Unsafe<T>(Type.Union(values.map((v) => Type.Literal(v))));

export const SEARCH_TYPES = ['all', 'posts', 'comments', 'communities', 'people'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/** Most results one page of a single kind may hold. */
export const MAX_SEARCH_PAGE = 50;

const DateParam = Type.String({
  maxLength: 40,
  description: 'A date (2026-03-01, the whole day) or a date and time (2026-03-01T09:00:00Z).',
});

export const SearchQuery = Type.Object(
  {
    q: Type.String({
      // Checked again once trimmed (2 to 200 characters): spaces around what was typed do not count.
      maxLength: 4 * SOCIAL_LIMITS.searchQuery,
      description: 'Words (all must match; the last one may be the start of a word), "a phrase", -excluded, one or other.',
    }),
    type: Type.Optional(oneOf(SEARCH_TYPES)),
    communityId: Type.Optional(Id),
    authorId: Type.Optional(Id),
    from: Type.Optional(DateParam),
    to: Type.Optional(DateParam),
    cursor: Type.Optional(Type.String({ maxLength: 1000 })),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_SEARCH_PAGE,
        description: 'Per page; for type=all, per section (at most 10, 5 by default).',
      }),
    ),
  },
  { additionalProperties: false },
);
export type SearchQuery = Static<typeof SearchQuery>;

/** HTML-escaped text with the matching words in `<mark>`: safe to insert as it is. */
const Highlight = Type.String({ description: 'Escaped text; matches wrapped in <mark>.' });

export const PostHit = Type.Object({
  id: Id,
  highlight: Highlight,
  post: PostView,
});

export const CommentHit = Type.Object({
  id: Id,
  postId: Id,
  parentId: Nullable(Id),
  highlight: Highlight,
  author: Author,
  /** The community of the post commented on; null for a post on a profile. */
  community: Nullable(CommunityRef),
  createdAt: DateTime,
});

export const CommunityHit = Type.Object({
  id: Id,
  name: Type.String(),
  slug: Type.String(),
  visibility: oneOf(VISIBILITIES),
  official: Type.Boolean(),
  memberCount: Type.Integer(),
  archived: Type.Boolean(),
  membership: Nullable(Type.Object({ role: oneOf(MEMBER_ROLES), status: oneOf(MEMBER_STATUSES) })),
  highlight: Type.Object({ name: Highlight, description: Highlight }),
});

const Section = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    /** Pass with the section's own `type` for the next results. */
    nextCursor: Nullable(Type.String()),
  });

const Single = <K extends string, T extends TSchema>(type: K, item: T) =>
  Type.Object({ type: Type.Literal(type), items: Type.Array(item), nextCursor: Nullable(Type.String()) });

/**
 * `type=all`: the best few of each kind, each with the cursor of its next results (to be asked with
 * that kind's `type`). A single type: one page. Filters (community, author, dates) narrow posts and
 * comments; with one of them set, `all` leaves communities and people empty.
 */
export const SearchResult = Type.Union([
  Type.Object({
    type: Type.Literal('all'),
    posts: Section(PostHit),
    comments: Section(CommentHit),
    communities: Section(CommunityHit),
    people: Section(PersonSummary),
  }),
  Single('posts', PostHit),
  Single('comments', CommentHit),
  Single('communities', CommunityHit),
  Single('people', PersonSummary),
]);
export type SearchResult = Static<typeof SearchResult>;
export type PostHit = Static<typeof PostHit>;
export type CommentHit = Static<typeof CommentHit>;
export type CommunityHit = Static<typeof CommunityHit>;
