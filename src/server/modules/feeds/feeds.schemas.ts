import { Type } from 'typebox';
import { DateTime, Nullable } from '../../platform/http.js';
import { FEED_SORTS } from '../../../shared/social.js';
import { Author, PostView } from '../posts/posts.schemas.js';

const Cursor = Type.String({ minLength: 1, maxLength: 300 });
const Limit = Type.Integer({ minimum: 1, maximum: 100 });

export const PageQuery = Type.Object({ cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) }, { additionalProperties: false });

export const HomeQuery = Type.Object(
  {
    sort: Type.Optional(Type.Union(FEED_SORTS.map((s) => Type.Literal(s)))),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit),
  },
  { additionalProperties: false },
);

export const FeedPage = Type.Object({ items: Type.Array(PostView), nextCursor: Nullable(Type.String()) });

export const HomePage = Type.Object({
  items: Type.Array(PostView),
  nextCursor: Nullable(Type.String()),
  /** On the first page: the position of the newest post, to ask `GET /api/feed/news?since=` what came after it. */
  head: Nullable(Type.String()),
});

export const NewsQuery = Type.Object({ since: Cursor }, { additionalProperties: false });
export const News = Type.Object({
  /** Posts that reached the home feed after `since`, counted up to 100. */
  count: Type.Integer(),
  /** The newest position, for the next question. */
  head: Type.String(),
});

/** A hashtag in a path, with or without its "#". */
export const TagParams = Type.Object({ tag: Type.String({ minLength: 1, maxLength: 60 }) }, { additionalProperties: false });

export const HashtagView = Type.Object({
  tag: Type.String(),
  /** Posts with this hashtag that the viewer may read. */
  postCount: Type.Integer(),
  following: Type.Boolean(),
});

export const FollowState = Type.Object({
  following: Type.Boolean(),
  followsYou: Type.Boolean(),
  followerCount: Type.Integer(),
  followingCount: Type.Integer(),
});

export const FollowingQuery = Type.Object(
  {
    type: Type.Optional(Type.Union([Type.Literal('people'), Type.Literal('hashtags')])),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit),
  },
  { additionalProperties: false },
);

export const FollowingItem = Type.Object({
  kind: Type.Union([Type.Literal('person'), Type.Literal('hashtag')]),
  person: Nullable(Author),
  tag: Nullable(Type.String()),
  since: DateTime,
});
export const FollowingPage = Type.Object({ items: Type.Array(FollowingItem), nextCursor: Nullable(Type.String()) });
