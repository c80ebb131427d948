import { Type, type Static } from 'typebox';
import { DateTime, Id, Nullable } from '../../platform/http.js';
import { COMMS_LIMITS } from '../../../shared/comms.js';

/** An urgent broadcast on the person's banner. */
export const UrgentBanner = Type.Object({
  id: Id,
  title: Type.String(),
  /** The message, rendered and sanitised on the server. */
  html: Type.String(),
  /** The start of the message as plain text, for a short banner. */
  excerpt: Type.String(),
  publishedAt: DateTime,
  author: Type.Object({ id: Id, name: Type.String(), photoUrl: Nullable(Type.String()) }),
  /** The reader may end it (its author, or a broadcaster). */
  canEnd: Type.Boolean(),
});
export const UrgentActive = Type.Object({ items: Type.Array(UrgentBanner) });

export const UrgentEnded = Type.Object({ id: Id, endedAt: DateTime });

export const PushKey = Type.Object({ publicKey: Type.String() });

/** Base64url as browsers give a subscription's keys. */
const Base64Url = (maxLength: number) => Type.String({ minLength: 16, maxLength, pattern: '^[A-Za-z0-9_-]+={0,2}$' });

const Endpoint = Type.String({ minLength: 9, maxLength: COMMS_LIMITS.url, pattern: '^https://' });

/** A browser's push subscription, as `PushSubscription.toJSON()` gives it. */
export const NewSubscription = Type.Object(
  {
    endpoint: Endpoint,
    keys: Type.Object({ p256dh: Base64Url(200), auth: Base64Url(100) }),
    /** Sent by browsers; not used. */
    expirationTime: Type.Optional(Nullable(Type.Number())),
  },
  { additionalProperties: false },
);
export type NewSubscription = Static<typeof NewSubscription>;

export const SubscriptionRef = Type.Object({ endpoint: Endpoint }, { additionalProperties: false });
