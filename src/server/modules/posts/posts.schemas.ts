import { Type, type Static } from 'typebox';
import { DateTime, Id, Nullable } from '../../platform/http.js';
import { CONTENT_LANGS, REACTIONS } from '../../../shared/social.js';

/** A person as shown next to content. */
export const Author = Type.Object({
  id: Id,
  name: Type.String(),
  title: Nullable(Type.String()),
  photoUrl: Nullable(Type.String()),
});

export const ReactionKind = Type.Union(REACTIONS.map((r) => Type.Literal(r)));
export const ContentLang = Type.Union(CONTENT_LANGS.map((l) => Type.Literal(l)));

/** Count per reaction kind; kinds nobody used are absent. */
export const ReactionCounts = Type.Record(Type.String(), Type.Integer());

export const AttachmentView = Type.Object({
  id: Id,
  kind: Type.Union([Type.Literal('image'), Type.Literal('file')]),
  name: Type.String(),
  mime: Type.String(),
  size: Type.Integer(),
  width: Nullable(Type.Integer()),
  height: Nullable(Type.Integer()),
  /** The file (an image re-encoded without metadata). */
  url: Type.String(),
  /** A small version of an image; null for other files. */
  thumbUrl: Nullable(Type.String()),
});

export const CommunityRef = Type.Object({
  id: Id,
  name: Type.String(),
  slug: Type.String(),
  visibility: Type.String(),
  official: Type.Boolean(),
});

export const ContentAbilitiesView = Type.Object({
  canEdit: Type.Boolean(),
  canDelete: Type.Boolean(),
  canPin: Type.Boolean(),
  canHide: Type.Boolean(),
  canReport: Type.Boolean(),
  canInteract: Type.Boolean(),
});

/** What any list of posts (feeds, search, a single post) returns for each post: one query's worth, no N+1. */
export const PostView = Type.Object({
  id: Id,
  kind: Type.String(),
  author: Author,
  /** Null for a post on the author's profile. */
  community: Nullable(CommunityRef),
  /** Sanitised HTML, safe to insert. */
  html: Type.String(),
  /** The Markdown source, for editing; only sent to the author. */
  body: Nullable(Type.String()),
  lang: ContentLang,
  hashtags: Type.Array(Type.String()),
  attachments: Type.Array(AttachmentView),
  /** The post this one shares, when it is a share and the viewer may still see the original. */
  shared: Nullable(Type.Object({ id: Id, author: Author, community: Nullable(CommunityRef), html: Type.String(), createdAt: DateTime })),
  reactionCounts: ReactionCounts,
  reactionCount: Type.Integer(),
  commentCount: Type.Integer(),
  shareCount: Type.Integer(),
  myReaction: Nullable(ReactionKind),
  bookmarked: Type.Boolean(),
  pinned: Type.Boolean(),
  createdAt: DateTime,
  editedAt: Nullable(DateTime),
  /** Set when a moderator hid the post: only its author (and moderators) still see it, with the reason. */
  hidden: Nullable(Type.Object({ reason: Type.String(), at: DateTime })),
  abilities: ContentAbilitiesView,
});
export type PostView = Static<typeof PostView>;
