import { Type, type Static } from 'typebox';
import { DateTime, Id, Nullable, Page } from '../../platform/http.js';
import { CUSTOMER_LIMITS, FOLLOWUP_STATUSES } from '../../../shared/customers.js';
import { Cursor, Day, FeedbackItem, Limit, Ref } from './feedback.schemas.js';

/** A follow-up of a detractor's answer. */
export const Followup = Type.Object({
  id: Id,
  status: Type.Enum(FOLLOWUP_STATUSES),
  dueOn: Day,
  owner: Nullable(Ref),
  team: Nullable(Ref),
  account: Nullable(Ref),
  /** The answer that opened it (its own follow-up left out). */
  feedback: Type.Omit(FeedbackItem, ['followup']),
  createdAt: DateTime,
  closedAt: Nullable(DateTime),
  /** Not done and due before today. */
  overdue: Type.Boolean(),
});
export type Followup = Static<typeof Followup>;
export const FollowupPage = Page(Followup);

export const FollowupNote = Type.Object({
  id: Id,
  author: Nullable(Ref),
  /** Plain text. */
  body: Type.String(),
  createdAt: DateTime,
});

export const FollowupDetail = Type.Evaluate(Type.Intersect([Followup, Type.Object({ notes: Type.Array(FollowupNote) })]));
export type FollowupDetail = Static<typeof FollowupDetail>;

export const FollowupListQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum(FOLLOWUP_STATUSES)),
    teamId: Type.Optional(Id),
    /** Only the reader's own follow-ups (what people without access to customer data may list). */
    mine: Type.Optional(Type.Boolean()),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit),
  },
  { additionalProperties: false },
);
export type FollowupListQuery = Static<typeof FollowupListQuery>;

export const FollowupPatch = Type.Object(
  {
    status: Type.Optional(Type.Enum(FOLLOWUP_STATUSES)),
    /** An active person of the organisation, or null for nobody. */
    ownerId: Type.Optional(Nullable(Id)),
    dueOn: Type.Optional(Day),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type FollowupPatch = Static<typeof FollowupPatch>;

export const NewNote = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: CUSTOMER_LIMITS.note }) },
  { additionalProperties: false },
);
