import { Type, type Static } from 'typebox';
import { DateTime, Id, Nullable, Page } from '../../platform/http.js';
import { AMA_STATUSES, COMMS_LIMITS } from '../../../shared/comms.js';

const Cursor = Type.String({ minLength: 1, maxLength: 300 });
const Limit = Type.Integer({ minimum: 1, maximum: 100 });

export const AmaHost = Type.Object({
  id: Id,
  name: Type.String(),
  title: Nullable(Type.String()),
  photoUrl: Nullable(Type.String()),
});

export const AmaCommunity = Type.Object({ id: Id, name: Type.String(), slug: Type.String() });

/** What the viewer may do with an AMA; the web app shows controls by these. */
export const AmaAbilities = Type.Object({
  /** Ask a question (it is scheduled or live). */
  canAsk: Type.Boolean(),
  /** Ask without one's name (the AMA allows it and questions are open). */
  canAskAnonymously: Type.Boolean(),
  /** Answer questions: the host, or those who manage AMAs. */
  canAnswer: Type.Boolean(),
  /** Hide questions: the host, or those who manage AMAs. */
  canModerate: Type.Boolean(),
  /** Change the AMA (not after it ended). */
  canEdit: Type.Boolean(),
  /** Put it on air now (it is scheduled). */
  canStart: Type.Boolean(),
  /** End it now (it is not over). */
  canEnd: Type.Boolean(),
});

/** An AMA in a list. */
export const AmaSummary = Type.Object({
  id: Id,
  title: Type.String(),
  host: AmaHost,
  community: Nullable(AmaCommunity),
  startsAt: DateTime,
  endsAt: DateTime,
  allowAnonymous: Type.Boolean(),
  status: Type.Enum(AMA_STATUSES),
  /** Questions not hidden. */
  questionCount: Type.Integer(),
  answeredCount: Type.Integer(),
  createdAt: DateTime,
  abilities: AmaAbilities,
});
export type AmaSummary = Static<typeof AmaSummary>;
export const AmaPage = Page(AmaSummary);

/** One AMA with its description: the Markdown as written (for editing) and as sanitised HTML. */
export const AmaDetail = Type.Evaluate(
  Type.Intersect([AmaSummary, Type.Object({ description: Type.String(), descriptionHtml: Type.String() })]),
);
export type AmaDetail = Static<typeof AmaDetail>;

export const AmaListQuery = Type.Object(
  {
    when: Type.Optional(Type.Union([Type.Literal('upcoming'), Type.Literal('live'), Type.Literal('past')])),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit),
  },
  { additionalProperties: false },
);
export type AmaListQuery = Static<typeof AmaListQuery>;

const Title = Type.String({ minLength: 1, maxLength: COMMS_LIMITS.title });
const Description = Type.String({ maxLength: COMMS_LIMITS.eventDescription });

export const NewAma = Type.Object(
  {
    title: Title,
    /** Markdown. */
    description: Type.Optional(Description),
    /** Any active person of the organisation. */
    hostId: Id,
    startsAt: Type.String({ format: 'date-time' }),
    endsAt: Type.String({ format: 'date-time' }),
    allowAnonymous: Type.Optional(Type.Boolean()),
    /** Only this community's readers (and the host) see the AMA. */
    communityId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);
export type NewAma = Static<typeof NewAma>;

export const AmaPatch = Type.Object(
  {
    title: Type.Optional(Title),
    description: Type.Optional(Description),
    /** Only those who manage AMAs hand an AMA to another host. */
    hostId: Type.Optional(Id),
    startsAt: Type.Optional(Type.String({ format: 'date-time' })),
    endsAt: Type.Optional(Type.String({ format: 'date-time' })),
    allowAnonymous: Type.Optional(Type.Boolean()),
    /** Only those who manage AMAs move an AMA to another community (or to everyone, with null). */
    communityId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type AmaPatch = Static<typeof AmaPatch>;

export const AmaQuestion = Type.Object({
  id: Id,
  amaId: Id,
  /** Null when the question was asked anonymously. */
  author: Nullable(Type.Object({ id: Id, name: Type.String(), photoUrl: Nullable(Type.String()) })),
  anonymous: Type.Boolean(),
  /** Plain text. */
  body: Type.String(),
  upvoteCount: Type.Integer(),
  myVote: Type.Boolean(),
  /** Asked by the viewer under their name (anonymous questions are nobody's). */
  mine: Type.Boolean(),
  /** The answer as written (Markdown) and as sanitised HTML; null until answered. */
  answer: Nullable(Type.String()),
  answerHtml: Nullable(Type.String()),
  answeredAt: Nullable(DateTime),
  createdAt: DateTime,
  canVote: Type.Boolean(),
  canAnswer: Type.Boolean(),
  canHide: Type.Boolean(),
});
export type AmaQuestion = Static<typeof AmaQuestion>;
export const AmaQuestionPage = Page(AmaQuestion);

export const QuestionListQuery = Type.Object(
  {
    sort: Type.Optional(Type.Union([Type.Literal('top'), Type.Literal('new')])),
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('answered'), Type.Literal('all')])),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit),
  },
  { additionalProperties: false },
);
export type QuestionListQuery = Static<typeof QuestionListQuery>;

export const NewQuestion = Type.Object(
  {
    /** Plain text. */
    body: Type.String({ minLength: 1, maxLength: COMMS_LIMITS.amaQuestion }),
    /** Ask without one's name, where the AMA allows it. */
    anonymous: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type NewQuestion = Static<typeof NewQuestion>;

export const NewAnswer = Type.Object(
  { answer: Type.String({ minLength: 1, maxLength: COMMS_LIMITS.amaAnswer }) },
  { additionalProperties: false },
);

export const VoteState = Type.Object({ upvoteCount: Type.Integer(), myVote: Type.Boolean() });
