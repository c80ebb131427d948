import { Type, type Static } from 'typebox';
import { DateTime, Id, Nullable } from '../../platform/http.js';

/*
 * What posts of the richer kinds carry besides their text, for the viewer. Each kind's module
 * loads its part for a page of posts in one query (see post-extras.ts).
 */

/** A published announcement as its recipient (or sender) sees it in a feed. */
export const AnnouncementExtra = Type.Object({
  id: Id,
  title: Type.String(),
  urgent: Type.Boolean(),
  requiresAck: Type.Boolean(),
  ackDueAt: Nullable(DateTime),
  pinnedUntil: Nullable(DateTime),
  /** The viewer's own state; null when the viewer is not a recipient (the sender, an administrator). */
  mine: Nullable(Type.Object({ seenAt: Nullable(DateTime), ackedAt: Nullable(DateTime) })),
  canSeeStats: Type.Boolean(),
});
export type AnnouncementExtra = Static<typeof AnnouncementExtra>;

/** An article post: its card shows the title, cover, summary and reading time, and links to the article. */
export const ArticleExtra = Type.Object({
  id: Id,
  title: Type.String(),
  summary: Type.String(),
  coverUrl: Nullable(Type.String()),
  readingMinutes: Type.Integer(),
  publishedAt: DateTime,
});
export type ArticleExtra = Static<typeof ArticleExtra>;

/** A question post: whether it has a best answer, and who may choose it. */
export const QuestionExtra = Type.Object({
  bestCommentId: Nullable(Id),
  answeredAt: Nullable(DateTime),
  canChooseBest: Type.Boolean(),
});
export type QuestionExtra = Static<typeof QuestionExtra>;

/** A poll post: options with counts when they may be shown, and the viewer's own votes. */
export const PollExtra = Type.Object({
  multiple: Type.Boolean(),
  anonymous: Type.Boolean(),
  closesAt: Nullable(DateTime),
  closed: Type.Boolean(),
  voterCount: Type.Integer(),
  /** False while an anonymous poll has fewer voters than its threshold: counts are null then. */
  resultsShown: Type.Boolean(),
  threshold: Type.Integer(),
  options: Type.Array(Type.Object({ id: Id, label: Type.String(), votes: Nullable(Type.Integer()) })),
  myVotes: Type.Array(Id),
  hasVoted: Type.Boolean(),
});
export type PollExtra = Static<typeof PollExtra>;

export const PostExtrasFields = {
  announcement: Type.Optional(Nullable(AnnouncementExtra)),
  article: Type.Optional(Nullable(ArticleExtra)),
  question: Type.Optional(Nullable(QuestionExtra)),
  poll: Type.Optional(Nullable(PollExtra)),
};
