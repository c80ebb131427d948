import { Type, type Static } from 'typebox';
import { Id, Nullable } from '../../platform/http.js';
import { ACCOUNT_SIZES, CUSTOMER_LIMITS, CUSTOMER_LOCALES, FEEDBACK_KINDS, INTERACTION_KINDS } from '../../../shared/customers.js';

/*
 * Item fields are typed and bounded here; what they mean (a known account, team or person, a score in
 * its scale, a date) is checked by the service, so that every invalid item is reported together in one
 * INVALID_ITEMS error rather than one schema message at a time.
 */
const Short = Type.String({ maxLength: CUSTOMER_LIMITS.shortText });
const Name = Type.String({ maxLength: CUSTOMER_LIMITS.name });
const Email = Type.String({ maxLength: CUSTOMER_LIMITS.email });
const Day = Type.String({ maxLength: 40, description: 'YYYY-MM-DD' });
const Instant = Type.String({ maxLength: 40, description: 'An ISO 8601 date and time.' });
const Locale = Type.String({ maxLength: 10, description: CUSTOMER_LOCALES.join(' or ') });
const Items = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Type.Optional(Type.Array(item, { maxItems: CUSTOMER_LIMITS.ingestItems }));
/** How an item names its account: by the sending system's id (accounts sent in the same call included) or by ours. */
const AccountRef = {
  accountExternalId: Type.Optional(Short),
  accountId: Type.Optional(Id),
};

export const IngestAccount = Type.Object(
  {
    externalId: Short,
    name: Name,
    segment: Type.Optional(Nullable(Short)),
    region: Type.Optional(Nullable(Short)),
    size: Type.Optional(Nullable(Type.String({ maxLength: 20, description: ACCOUNT_SIZES.join(', ') }))),
    locale: Type.Optional(Locale),
    customerSince: Type.Optional(Day),
    lostOn: Type.Optional(Nullable(Day)),
    /** Replace the serving teams when given. */
    teamIds: Type.Optional(Type.Array(Id, { maxItems: 100 })),
    /** Replace the serving people when given. */
    userIds: Type.Optional(Type.Array(Id, { maxItems: 100 })),
  },
  { additionalProperties: false },
);
export type IngestAccount = Static<typeof IngestAccount>;

export const IngestContact = Type.Object(
  {
    ...AccountRef,
    name: Name,
    email: Email,
    title: Type.Optional(Nullable(Short)),
    locale: Type.Optional(Nullable(Locale)),
    optedOut: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type IngestContact = Static<typeof IngestContact>;

export const IngestInteraction = Type.Object(
  {
    ...AccountRef,
    /** Its id in the sending system: sent again, it is a duplicate and not stored twice. */
    externalId: Type.Optional(Short),
    kind: Type.String({ maxLength: 20, description: INTERACTION_KINDS.join(', ') }),
    summary: Type.String({ maxLength: CUSTOMER_LIMITS.summary }),
    occurredAt: Type.Optional(Instant),
    /** A contact of the account (sent in the same call or stored). */
    contactEmail: Type.Optional(Email),
    teamId: Type.Optional(Id),
    userId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type IngestInteraction = Static<typeof IngestInteraction>;

export const IngestFeedback = Type.Object(
  {
    ...AccountRef,
    externalId: Type.Optional(Short),
    kind: Type.String({ maxLength: 10, description: FEEDBACK_KINDS.join(' or ') }),
    score: Type.Integer({ minimum: -1000, maximum: 1000, description: 'NPS 0–10, CSAT 1–5.' }),
    comment: Type.Optional(Nullable(Type.String({ maxLength: CUSTOMER_LIMITS.comment }))),
    contactEmail: Type.Optional(Email),
    teamId: Type.Optional(Id),
    /** The employee the customer named. */
    employeeEmail: Type.Optional(Email),
    shareAllowed: Type.Optional(Type.Boolean()),
    receivedAt: Type.Optional(Instant),
    locale: Type.Optional(Locale),
  },
  { additionalProperties: false },
);
export type IngestFeedback = Static<typeof IngestFeedback>;

export const IngestBody = Type.Object(
  {
    /** The sending system, stored with its feedback ("api" when absent); external ids are unique per source. */
    source: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    accounts: Items(IngestAccount),
    contacts: Items(IngestContact),
    interactions: Items(IngestInteraction),
    feedback: Items(IngestFeedback),
  },
  { additionalProperties: false },
);
export type IngestBody = Static<typeof IngestBody>;

export const IngestResult = Type.Object({
  accounts: Type.Object({ created: Type.Integer(), updated: Type.Integer() }),
  contacts: Type.Object({ created: Type.Integer(), updated: Type.Integer() }),
  interactions: Type.Object({ created: Type.Integer(), duplicate: Type.Integer() }),
  feedback: Type.Object({ created: Type.Integer(), duplicate: Type.Integer() }),
});
export type IngestResult = Static<typeof IngestResult>;
