import { Type, type Static } from 'typebox';
import { DateTime, Id, Nullable, Page } from '../../platform/http.js';
import { ACCOUNT_SIZES, ACCOUNT_STATUSES, CUSTOMER_LIMITS, CUSTOMER_LOCALES, INTERACTION_KINDS } from '../../../shared/customers.js';

const Cursor = Type.String({ minLength: 1, maxLength: 600 });
const Limit = Type.Integer({ minimum: 1, maximum: 100 });
/** A calendar day, YYYY-MM-DD. */
export const Day = Type.String({ format: 'date' });
const Name = Type.String({ minLength: 1, maxLength: CUSTOMER_LIMITS.name });
const Short = Type.String({ maxLength: CUSTOMER_LIMITS.shortText });
/** Checked and lower-cased by the service, so that the error names the field the same way everywhere. */
const Email = Type.String({ minLength: 1, maxLength: CUSTOMER_LIMITS.email });
const Locale = Type.Enum(CUSTOMER_LOCALES);
const Size = Type.Enum(ACCOUNT_SIZES);
const Ids = Type.Array(Id, { maxItems: 100, uniqueItems: true });

export const Ref = Type.Object({ id: Id, name: Type.String() });

export const NpsView = Type.Object({
  score: Type.Number(),
  n: Type.Integer(),
  promoters: Type.Integer(),
  passives: Type.Integer(),
  detractors: Type.Integer(),
});

export const CsatView = Type.Object({
  mean: Type.Number(),
  satisfied: Type.Number({ description: 'Share of answers of 4 or 5, in %.' }),
  n: Type.Integer(),
});

const summaryFields = {
  id: Id,
  name: Type.String(),
  externalId: Nullable(Type.String()),
  segment: Nullable(Type.String()),
  region: Nullable(Type.String()),
  size: Nullable(Size),
  locale: Locale,
  status: Type.Enum(ACCOUNT_STATUSES),
  customerSince: Day,
  lostOn: Nullable(Day),
  teams: Type.Array(Ref),
  /** NPS of the answers of the last months (the window of the customer settings). */
  nps: Nullable(NpsView),
  lastInteractionAt: Nullable(DateTime),
  openFollowups: Type.Integer(),
};
export const AccountSummary = Type.Object(summaryFields);
export type AccountSummary = Static<typeof AccountSummary>;

export const Contact = Type.Object({
  id: Id,
  accountId: Id,
  name: Type.String(),
  email: Type.String(),
  title: Nullable(Type.String()),
  locale: Nullable(Locale),
  optedOut: Type.Boolean(),
});
export type Contact = Static<typeof Contact>;

export const AccountDetail = Type.Object({
  ...summaryFields,
  people: Type.Array(Ref),
  contacts: Type.Array(Contact),
  /** CSAT of the answers of the same months as `nps`. */
  csat: Nullable(CsatView),
});
export type AccountDetail = Static<typeof AccountDetail>;

export const AccountPage = Page(AccountSummary);

export const AccountListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: CUSTOMER_LIMITS.shortText })),
    status: Type.Optional(Type.Enum(ACCOUNT_STATUSES)),
    teamId: Type.Optional(Id),
    segment: Type.Optional(Short),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit),
  },
  { additionalProperties: false },
);
export type AccountListQuery = Static<typeof AccountListQuery>;

const accountFields = {
  externalId: Type.Optional(Nullable(Short)),
  segment: Type.Optional(Nullable(Short)),
  region: Type.Optional(Nullable(Short)),
  size: Type.Optional(Nullable(Size)),
  locale: Type.Optional(Locale),
  customerSince: Type.Optional(Day),
  /** A day the account was lost; null makes it active again. */
  lostOn: Type.Optional(Nullable(Day)),
  /** The teams serving the account (replaces the list). */
  teamIds: Type.Optional(Ids),
  /** The people serving the account (replaces the list). */
  userIds: Type.Optional(Ids),
};

export const NewAccount = Type.Object({ name: Name, ...accountFields }, { additionalProperties: false });
export type NewAccount = Static<typeof NewAccount>;

export const AccountPatch = Type.Object({ name: Type.Optional(Name), ...accountFields }, { additionalProperties: false, minProperties: 1 });
export type AccountPatch = Static<typeof AccountPatch>;

export const NewContact = Type.Object(
  { name: Name, email: Email, title: Type.Optional(Nullable(Short)), locale: Type.Optional(Nullable(Locale)) },
  { additionalProperties: false },
);
export type NewContact = Static<typeof NewContact>;

export const ContactPatch = Type.Object(
  {
    name: Type.Optional(Name),
    email: Type.Optional(Email),
    title: Type.Optional(Nullable(Short)),
    locale: Type.Optional(Nullable(Locale)),
    /** The contact asked not to be sent feedback requests. */
    optedOut: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type ContactPatch = Static<typeof ContactPatch>;

export const Interaction = Type.Object({
  id: Id,
  accountId: Id,
  kind: Type.Enum(INTERACTION_KINDS),
  summary: Type.String({ description: 'Plain text: never rendered as HTML.' }),
  occurredAt: DateTime,
  contact: Nullable(Ref),
  team: Nullable(Ref),
  user: Nullable(Ref),
  createdBy: Nullable(Ref),
});
export type Interaction = Static<typeof Interaction>;
export const InteractionPage = Page(Interaction);

export const InteractionListQuery = Type.Object(
  { cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) },
  { additionalProperties: false },
);

export const NewInteraction = Type.Object(
  {
    kind: Type.Enum(INTERACTION_KINDS),
    summary: Type.String({ minLength: 1, maxLength: CUSTOMER_LIMITS.summary }),
    /** When it happened; now when absent, at most a day ahead. */
    occurredAt: Type.Optional(Type.String({ format: 'date-time' })),
    /** A contact of this account. */
    contactId: Type.Optional(Nullable(Id)),
    teamId: Type.Optional(Nullable(Id)),
    userId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);
export type NewInteraction = Static<typeof NewInteraction>;
