import { Type, type Static } from 'typebox';
import { DateTime, Id, Nullable } from '../../platform/http.js';
import { CUSTOMER_LIMITS, FEEDBACK_KINDS } from '../../../shared/customers.js';

/** Inbound webhooks: what administrators see and create, and what a sending system posts. */

export const WebhookItem = Type.Object({
  id: Id,
  name: Type.String(),
  createdAt: DateTime,
  lastUsedAt: Nullable(DateTime),
  revoked: Type.Boolean(),
  /** Where the sending system posts. */
  url: Type.String(),
});
export type WebhookItem = Static<typeof WebhookItem>;

export const WebhookList = Type.Object({ items: Type.Array(WebhookItem) });

export const NewWebhook = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: CUSTOMER_LIMITS.shortText }) },
  { additionalProperties: false },
);
export type NewWebhook = Static<typeof NewWebhook>;

export const CreatedWebhook = Type.Object({
  id: Id,
  name: Type.String(),
  url: Type.String(),
  /** The shared secret that signs each delivery: shown this once. */
  secret: Type.String(),
});
export type CreatedWebhook = Static<typeof CreatedWebhook>;

/** Raw comments may carry markup that is stripped before the 2,000-character cut, so more is accepted here. */
const RAW_COMMENT = 5 * CUSTOMER_LIMITS.comment;

/** One customer answer from a CRM or help desk. Fields not listed are ignored. */
export const ReceiveBody = Type.Object({
  kind: Type.Enum(FEEDBACK_KINDS),
  /** 0–10 for NPS, 1–5 for CSAT. */
  score: Type.Integer({ minimum: 0, maximum: 10 }),
  comment: Type.Optional(Nullable(Type.String({ maxLength: RAW_COMMENT }))),
  /** The answer's id in the sending system: sending it again is answered as a duplicate. */
  externalId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: CUSTOMER_LIMITS.shortText }))),
  accountExternalId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: CUSTOMER_LIMITS.name }))),
  accountId: Type.Optional(Nullable(Id)),
  contactEmail: Type.Optional(Nullable(Type.String({ maxLength: CUSTOMER_LIMITS.email }))),
  teamId: Type.Optional(Nullable(Id)),
  /** The employee the customer named. */
  employeeEmail: Type.Optional(Nullable(Type.String({ maxLength: CUSTOMER_LIMITS.email }))),
  shareAllowed: Type.Optional(Type.Boolean()),
  receivedAt: Type.Optional(Type.String({ format: 'date-time' })),
  locale: Type.Optional(Type.String({ maxLength: 10 })),
});
export type ReceiveBody = Static<typeof ReceiveBody>;

export const Received = Type.Object({ id: Id, duplicate: Type.Boolean() });

export const ReceiveHeaders = Type.Object({
  'x-tessuto-timestamp': Type.Optional(Type.String({ maxLength: 20 })),
  'x-tessuto-signature': Type.Optional(Type.String({ maxLength: 200 })),
});
