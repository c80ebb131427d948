import { Type, type Static } from 'typebox';
import { DateTime, Id, Nullable, Page } from '../../platform/http.js';
import { KUDOS_VISIBILITIES, RECOGNITION_LIMITS } from '../../../shared/recognition.js';
import { Author } from '../posts/posts.schemas.js';

const Cursor = Type.String({ minLength: 1, maxLength: 300 });
const Limit = Type.Integer({ minimum: 1, maximum: 100 });
/** Whole points only: the schema refuses negative and fractional amounts before any rule runs. */
const Points = Type.Integer({ minimum: 0 });

/** A company value kudos can be tagged with. */
export const Value = Type.Object({
  id: Id,
  name: Type.String(),
  description: Type.String(),
  emoji: Nullable(Type.String()),
});

export const RecognitionMe = Type.Object({
  /** False when points are switched off for this person (company-wide or in their office's country). */
  gamification: Type.Boolean(),
  allowance: Type.Object({
    total: Points,
    given: Points,
    remaining: Points,
    /** The allowance month, 'YYYY-MM' (UTC). */
    period: Type.String(),
    resetsAt: DateTime,
  }),
  /** Points received and not yet spent. */
  received: Type.Integer(),
  /** The active company values, in the administrators' order. */
  values: Type.Array(Value),
  requireValue: Type.Boolean(),
  /** One giver may give one recipient at most `points` within `days` days (0 points: no such limit). */
  recipientLimit: Type.Object({ points: Points, days: Type.Integer({ minimum: 1 }) }),
});

export const KudosView = Type.Object({
  id: Id,
  giver: Author,
  /** Each with the points they received: 0 for people whose points are switched off. */
  recipients: Type.Array(Type.Evaluate(Type.Intersect([Author, Type.Object({ points: Points })]))),
  /** The team thanked, when the kudos went to a team. */
  team: Nullable(Type.Object({ id: Id, name: Type.String() })),
  value: Nullable(Value),
  /** The message, rendered and sanitised. */
  html: Type.String(),
  visibility: Type.Enum(KUDOS_VISIBILITIES),
  /** Points given to each recipient whose points are on. */
  pointsEach: Points,
  /** The feed post of a public kudos; null for a private one (or once the post was removed). */
  postId: Nullable(Id),
  createdAt: DateTime,
});
export type KudosView = Static<typeof KudosView>;

export const NewKudos = Type.Object(
  {
    recipientIds: Type.Optional(Type.Array(Id, { maxItems: RECOGNITION_LIMITS.recipients, uniqueItems: true })),
    /** Thanks every active member of the team except the giver; the team shows on the kudos. */
    teamId: Type.Optional(Id),
    valueId: Type.Optional(Id),
    /** Markdown. */
    message: Type.String({ minLength: 1, maxLength: RECOGNITION_LIMITS.message }),
    /** Points for each recipient, taken from the giver's monthly allowance. */
    points: Type.Optional(Type.Integer({ minimum: 0, maximum: RECOGNITION_LIMITS.pointsEach })),
    visibility: Type.Optional(Type.Enum(KUDOS_VISIBILITIES)),
    /** Where a public kudos is posted; All company when absent. */
    communityId: Type.Optional(Id),
    /** One picture, uploaded first through the attachments API; public kudos only. */
    attachmentIds: Type.Optional(Type.Array(Id, { maxItems: 1, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type NewKudos = Static<typeof NewKudos>;

export const IdempotencyHeaders = Type.Object({
  /** Retrying with the same key and body gives the first kudos back (200) instead of giving twice. */
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: RECOGNITION_LIMITS.idempotencyKey })),
});

export const KUDOS_DIRECTIONS = ['received', 'given'] as const;

export const PersonKudosQuery = Type.Object(
  {
    direction: Type.Optional(Type.Enum(KUDOS_DIRECTIONS, { default: 'received' })),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit),
  },
  { additionalProperties: false },
);
export const KudosPage = Page(KudosView);

export const PageQuery = Type.Object({ cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) }, { additionalProperties: false });

export const LedgerEntry = Type.Object({
  /** Opaque; entries are listed newest first. */
  id: Type.String(),
  account: Type.Enum(['allowance', 'received']),
  /** Positive: points in; negative: points out. */
  delta: Type.Integer(),
  reason: Type.Enum(['kudos_given', 'kudos_received', 'redemption', 'redemption_refund', 'award', 'share']),
  /** The allowance month of an allowance entry; null for received points. */
  period: Nullable(Type.String()),
  createdAt: DateTime,
  kudosId: Nullable(Id),
  redemptionId: Nullable(Id),
  awardId: Nullable(Id),
});
export const LedgerPage = Page(LedgerEntry);

export const FLAG_STATUSES = ['open', 'dismissed', 'confirmed'] as const;

export const FlagQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum(FLAG_STATUSES, { default: 'open' })),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit),
  },
  { additionalProperties: false },
);

export const FlagView = Type.Object({
  id: Id,
  kind: Type.Enum(['ring']),
  /** The people who kept passing points around among themselves. */
  members: Type.Array(Author),
  /** Points passed around the ring by the kudos behind the flag. */
  points: Points,
  kudosCount: Type.Integer({ minimum: 0 }),
  status: Type.Enum(FLAG_STATUSES),
  createdAt: DateTime,
  reviewedAt: Nullable(DateTime),
  note: Nullable(Type.String()),
});
export type FlagView = Static<typeof FlagView>;
export const FlagPage = Page(FlagView);

export const ResolveFlag = Type.Object(
  {
    status: Type.Enum(['dismissed', 'confirmed']),
    note: Type.Optional(Type.String({ maxLength: RECOGNITION_LIMITS.note })),
  },
  { additionalProperties: false },
);
