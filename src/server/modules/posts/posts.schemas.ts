import { Type, type Static } from 'typebox';
import { DateTime, Id, Nullable, Page } from '../../platform/http.js';
import { CONTENT_LANGS, REACTIONS, SOCIAL_LIMITS } from '../../../shared/social.js';
import { CELEBRATION_KINDS } from '../../../shared/recognition.js';
import { PostExtrasFields } from './extras.schemas.js';

/** A person as shown next to content. */
export const Author = Type.Object({
  id: Id,
  name: Type.String(),
  title: Nullable(Type.String()),
  photoUrl: Nullable(Type.String()),
});

export const ReactionKind = Type.Enum(REACTIONS);
export const ContentLang = Type.Enum(CONTENT_LANGS);

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
/** What a kudos post (kind 'kudos') shows besides its message: who was thanked, for which value, with how many points. */
export const KudosSummary = Type.Object({
  id: Id,
  value: Nullable(Type.Object({ id: Id, name: Type.String(), emoji: Nullable(Type.String()) })),
  /** Points each recipient received; 0 when none were given or points are switched off for the viewer. */
  pointsEach: Type.Integer({ minimum: 0 }),
  recipients: Type.Array(Author),
  team: Nullable(Type.Object({ id: Id, name: Type.String() })),
});

/** What a celebration post (kind 'celebration') celebrates: a work anniversary or a birthday. */
export const CelebrationSummary = Type.Object({
  kind: Type.Enum(CELEBRATION_KINDS),
  person: Author,
  /** Years at the company, for an anniversary. */
  years: Nullable(Type.Integer({ minimum: 1 })),
});

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
  kudos: Nullable(KudosSummary),
  celebration: Nullable(CelebrationSummary),
  /** An article's title (null for other kinds). */
  title: Type.Optional(Nullable(Type.String())),
  /** Content that must not leave the company: it can never be made shareable (employee advocacy). */
  internalOnly: Type.Boolean(),
  ...PostExtrasFields,
});
export type PostView = Static<typeof PostView>;

const Cursor = Type.String({ minLength: 1, maxLength: 300 });
const Limit = Type.Integer({ minimum: 1, maximum: 100 });
const PostBody = Type.String({ maxLength: SOCIAL_LIMITS.postBody });
const CommentBody = Type.String({ maxLength: SOCIAL_LIMITS.commentBody });
const Ids = (max: number) => Type.Array(Id, { maxItems: max, uniqueItems: true });

export const NewPost = Type.Object(
  {
    /** The community to post in; null or absent for the author's own profile. */
    communityId: Type.Optional(Nullable(Id)),
    /** Markdown. May be empty only when files are attached or a post is shared. */
    body: PostBody,
    /** The language to stem the text in for search; guessed from the text when absent. */
    lang: Type.Optional(ContentLang),
    attachmentIds: Type.Optional(Ids(SOCIAL_LIMITS.attachmentsPerPost)),
    /** Shares this post, with the body as the sharer's comment. */
    sharedPostId: Type.Optional(Id),
    /** Must not leave the company: it can never be made shareable outside. */
    internalOnly: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const PostPatch = Type.Object(
  {
    body: Type.Optional(PostBody),
    lang: Type.Optional(ContentLang),
    /** The complete new list of attachments, in order; attachments left out are deleted. */
    attachmentIds: Type.Optional(Ids(SOCIAL_LIMITS.attachmentsPerPost)),
    /** Marking a post internal-only withdraws its shareable items. */
    internalOnly: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const PageQuery = Type.Object({ cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) }, { additionalProperties: false });

/** An earlier version of a post's text. */
export const Revision = Type.Object({
  id: Id,
  body: Type.String(),
  html: Type.String(),
  /** Who wrote this version; null when their account is gone. */
  editor: Nullable(Author),
  /** When this version was replaced. */
  createdAt: DateTime,
});
export const RevisionPage = Page(Revision);

export const HideBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: SOCIAL_LIMITS.moderationReason }) },
  { additionalProperties: false },
);

export const BookmarkState = Type.Object({ bookmarked: Type.Boolean() });

export const ReactionBody = Type.Object({ kind: ReactionKind }, { additionalProperties: false });

/** A post's or comment's reactions after a change, and the viewer's own. */
export const ReactionState = Type.Object({
  reactionCounts: ReactionCounts,
  reactionCount: Type.Integer(),
  myReaction: Nullable(ReactionKind),
});

export const ReactionsQuery = Type.Object(
  { kind: Type.Optional(ReactionKind), cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) },
  { additionalProperties: false },
);

export const Reactor = Type.Object({ person: Author, kind: ReactionKind, createdAt: DateTime });
export const ReactorPage = Page(Reactor);

export const CommentView = Type.Object({
  id: Id,
  postId: Id,
  /** The top-level comment this one answers; null for a top-level comment. */
  parentId: Nullable(Id),
  /** Null when the comment was deleted (it stays as a placeholder while it has replies). */
  author: Nullable(Author),
  /** Sanitised HTML, safe to insert; empty for a deleted comment. */
  html: Type.String(),
  /** The Markdown source, for editing; only sent to the author. */
  body: Nullable(Type.String()),
  createdAt: DateTime,
  editedAt: Nullable(DateTime),
  reactionCounts: ReactionCounts,
  reactionCount: Type.Integer(),
  myReaction: Nullable(ReactionKind),
  replyCount: Type.Integer(),
  attachments: Type.Array(AttachmentView),
  /** Set when a moderator hid the comment: only its author (and moderators) still see it, with the reason. */
  hidden: Nullable(Type.Object({ reason: Type.String(), at: DateTime })),
  deleted: Type.Boolean(),
  abilities: ContentAbilitiesView,
  /** Answers to a question: how many people upvoted it, whether the viewer did, and whether it is the best answer. */
  upvoteCount: Type.Integer(),
  myUpvote: Type.Boolean(),
  isBest: Type.Boolean(),
});
export type CommentView = Static<typeof CommentView>;

/** A top-level comment with its first replies. */
export const ThreadComment = Type.Evaluate(Type.Intersect([CommentView, Type.Object({ replies: Type.Array(CommentView) })]));
export const ThreadPage = Page(ThreadComment);
export const CommentPage = Page(CommentView);

export const NewComment = Type.Object(
  {
    body: CommentBody,
    /** The comment to answer; a reply to a reply joins the same top-level comment. */
    parentId: Type.Optional(Id),
    lang: Type.Optional(ContentLang),
    attachmentIds: Type.Optional(Ids(SOCIAL_LIMITS.attachmentsPerComment)),
  },
  { additionalProperties: false },
);

export const CommentPatch = Type.Object(
  {
    body: Type.Optional(CommentBody),
    lang: Type.Optional(ContentLang),
    attachmentIds: Type.Optional(Ids(SOCIAL_LIMITS.attachmentsPerComment)),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const HashtagSuggestQuery = Type.Object(
  { q: Type.String({ maxLength: SOCIAL_LIMITS.hashtag + 1 }) },
  { additionalProperties: false },
);
export const HashtagSuggestions = Type.Object({ items: Type.Array(Type.Object({ tag: Type.String() })) });
