import { Type, type Static } from 'typebox';
import { DateTime, Id, Nullable } from '../../platform/http.js';
import { COMMS_LIMITS } from '../../../shared/comms.js';

const Status = Type.Union([Type.Literal('draft'), Type.Literal('scheduled'), Type.Literal('published'), Type.Literal('unpublished')]);

const Title = Type.String({ minLength: 1, maxLength: COMMS_LIMITS.title });
const Summary = Type.String({ maxLength: COMMS_LIMITS.articleSummary });
const Body = Type.String({ maxLength: COMMS_LIMITS.articleBody });

/** A draft: a title at least; the rest can come later. The cover is an image uploaded through /api/attachments. */
export const NewArticle = Type.Object(
  {
    title: Title,
    summary: Type.Optional(Summary),
    body: Type.Optional(Body),
    /** Where it will be published; none (or null) for the author's own profile. */
    communityId: Type.Optional(Nullable(Id)),
    coverAttachmentId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);
export type NewArticle = Static<typeof NewArticle>;

export const ArticlePatch = Type.Partial(NewArticle, { additionalProperties: false });
export type ArticlePatch = Static<typeof ArticlePatch>;

export const PublishBody = Type.Object(
  {
    /** Later publishing; now (or a time already past) publishes at once. */
    publishAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
    /** When it leaves the feeds again; none keeps it. */
    unpublishAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
  },
  { additionalProperties: false },
);
export type PublishBody = Static<typeof PublishBody>;

export const ArticleListQuery = Type.Object(
  {
    status: Type.Optional(Status),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  },
  { additionalProperties: false },
);
export type ArticleListQuery = Static<typeof ArticleListQuery>;

export const ImageParams = Type.Object({ id: Id, imageId: Id }, { additionalProperties: false });
/** A version marker in picture addresses, so that a changed cover is fetched again; ignored otherwise. */
export const PictureQuery = Type.Object({ v: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false });

const fields = {
  id: Id,
  title: Type.String(),
  summary: Type.String(),
  coverUrl: Nullable(Type.String()),
  readingMinutes: Type.Integer(),
  status: Status,
  publishAt: Nullable(DateTime),
  unpublishAt: Nullable(DateTime),
  publishedAt: Nullable(DateTime),
  /** The feed post of a published article: its reactions and comments. */
  postId: Nullable(Id),
  community: Nullable(Type.Object({ id: Id, name: Type.String(), slug: Type.String(), visibility: Type.String() })),
  updatedAt: DateTime,
};

/** One of the author's articles, in their list. */
export const ArticleListItem = Type.Object(fields);
export type ArticleListItem = Static<typeof ArticleListItem>;

/** An article to read (and, for its author, to edit). */
export const ArticleView = Type.Object({
  ...fields,
  /** The Markdown source; only for its author. */
  body: Nullable(Type.String()),
  /** Sanitised HTML with headings and pictures. */
  html: Type.String(),
  author: Type.Object({ id: Id, name: Type.String(), title: Nullable(Type.String()), photoUrl: Nullable(Type.String()) }),
  createdAt: DateTime,
  abilities: Type.Object({ canEdit: Type.Boolean(), canDelete: Type.Boolean() }),
});
export type ArticleView = Static<typeof ArticleView>;

export const ArticlePage = Type.Object({ items: Type.Array(ArticleListItem), nextCursor: Nullable(Type.String()) });
