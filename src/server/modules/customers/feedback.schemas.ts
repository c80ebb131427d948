import { Type, type Static } from 'typebox';
import { DateTime, Id, Nullable, Page } from '../../platform/http.js';
import { CUSTOMER_LIMITS, FEEDBACK_CHANNELS, FEEDBACK_KINDS, FOLLOWUP_STATUSES } from '../../../shared/customers.js';

export const Cursor = Type.String({ minLength: 1, maxLength: 300 });
export const Limit = Type.Integer({ minimum: 1, maximum: 100 });
/** A calendar day, YYYY-MM-DD. */
export const Day = Type.String({ format: 'date' });

/** Something named: an account, a contact, a team or a person. */
export const Ref = Type.Object({ id: Id, name: Type.String() });

export const FEEDBACK_CATEGORIES = ['promoter', 'passive', 'detractor'] as const;
export type FeedbackCategory = (typeof FEEDBACK_CATEGORIES)[number];

/** One customer answer. The comment is plain text and must be shown as such. */
export const FeedbackItem = Type.Object({
  id: Id,
  kind: Type.Enum(FEEDBACK_KINDS),
  score: Type.Integer(),
  /** NPS 9–10, 7–8, 0–6; CSAT 4–5, 3, 1–2. */
  category: Type.Enum(FEEDBACK_CATEGORIES),
  comment: Nullable(Type.String()),
  channel: Type.Enum(FEEDBACK_CHANNELS),
  source: Nullable(Type.String()),
  account: Nullable(Ref),
  contact: Nullable(Ref),
  team: Nullable(Ref),
  namedUser: Nullable(Ref),
  shareAllowed: Type.Boolean(),
  locale: Type.String(),
  receivedAt: DateTime,
  followup: Nullable(Type.Object({ id: Id, status: Type.Enum(FOLLOWUP_STATUSES), dueOn: Day })),
  passedOn: Nullable(Type.Object({ postId: Id, at: DateTime })),
});
export type FeedbackItem = Static<typeof FeedbackItem>;
export const FeedbackPage = Page(FeedbackItem);

export const FeedbackListQuery = Type.Object(
  {
    kind: Type.Optional(Type.Enum(FEEDBACK_KINDS)),
    category: Type.Optional(Type.Enum(FEEDBACK_CATEGORIES)),
    accountId: Type.Optional(Id),
    teamId: Type.Optional(Id),
    channel: Type.Optional(Type.Enum(FEEDBACK_CHANNELS)),
    /** Words in the comment. */
    q: Type.Optional(Type.String({ maxLength: CUSTOMER_LIMITS.shortText })),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit),
  },
  { additionalProperties: false },
);
export type FeedbackListQuery = Static<typeof FeedbackListQuery>;

export const PassOnBody = Type.Object(
  {
    /** A few words of the person passing the praise on, above the customer's quote. */
    message: Type.Optional(Type.String({ maxLength: 1000 })),
    /** The company value the kudos recognises (required when the organisation requires one). */
    valueId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export const PassOnResult = Type.Object({ postId: Id });

export const NewRequests = Type.Object(
  {
    kind: Type.Enum(FEEDBACK_KINDS),
    contactIds: Type.Array(Id, { minItems: 1, maxItems: CUSTOMER_LIMITS.requestContacts, uniqueItems: true }),
    /** The team the answers are about; else the account's serving team when they arrive. */
    teamId: Type.Optional(Id),
    /** The employee the answers are about. */
    userId: Type.Optional(Id),
    interactionId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type NewRequests = Static<typeof NewRequests>;

export const REQUEST_SKIP_REASONS = ['opted_out', 'pending'] as const;
export const RequestsResult = Type.Object({
  created: Type.Integer({ minimum: 0 }),
  skipped: Type.Array(Type.Object({ contactId: Id, reason: Type.Enum(REQUEST_SKIP_REASONS) })),
});

export const REQUEST_STATUSES = ['sent', 'answered', 'expired'] as const;
export const FeedbackRequest = Type.Object({
  id: Id,
  kind: Type.Enum(FEEDBACK_KINDS),
  account: Ref,
  contact: Ref,
  team: Nullable(Ref),
  user: Nullable(Ref),
  createdAt: DateTime,
  expiresAt: DateTime,
  answeredAt: Nullable(DateTime),
  status: Type.Enum(REQUEST_STATUSES),
});
export type FeedbackRequest = Static<typeof FeedbackRequest>;
export const FeedbackRequestPage = Page(FeedbackRequest);

export const RequestListQuery = Type.Object(
  { accountId: Type.Optional(Id), cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) },
  { additionalProperties: false },
);
