import { Type } from 'typebox';
import { DateTime, Id, Nullable, Page } from '../../platform/http.js';
import { DIGESTS, NOTIFICATION_TYPES } from '../../../shared/social.js';

const Excerpt = Type.Object({ id: Id, excerpt: Type.String({ description: 'Plain text (not HTML) of the start of the content.' }) });

export const NotificationView = Type.Object({
  id: Id,
  type: Type.String(),
  actor: Nullable(Type.Object({ id: Id, name: Type.String(), photoUrl: Nullable(Type.String()) })),
  /** Null when there is no post, or (for a moderation notice) the author can no longer read it. */
  post: Nullable(Excerpt),
  comment: Nullable(Excerpt),
  community: Nullable(Type.Object({ id: Id, name: Type.String(), slug: Type.String() })),
  data: Type.Record(Type.String(), Type.Unknown()),
  createdAt: DateTime,
  readAt: Nullable(DateTime),
});

export const NotificationPage = Page(NotificationView);

export const ListQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    unread: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);

export const UnreadCount = Type.Object({
  count: Type.Integer({ description: 'Unread notifications, counted up to 100 (show "99+" beyond).' }),
});

export const MarkRead = Type.Object(
  {
    ids: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 100, uniqueItems: true })),
    all: Type.Optional(Type.Literal(true)),
  },
  { additionalProperties: false },
);

export const MarkedRead = Type.Object({ marked: Type.Integer() });

const Channels = Type.Object({ inApp: Type.Boolean(), email: Type.Boolean() }, { additionalProperties: false });
export const DigestKind = Type.Enum(DIGESTS);

export const Settings = Type.Object({
  digest: DigestKind,
  /** Every notification type, with whether it shows in the app and goes into the e-mail digest. */
  types: Type.Object(Object.fromEntries(NOTIFICATION_TYPES.map((t) => [t, Channels]))),
});

export const SettingsPut = Type.Object(
  {
    digest: Type.Optional(DigestKind),
    /** Types left out (and the digest, when left out) keep their current choice. */
    types: Type.Optional(
      Type.Object(Object.fromEntries(NOTIFICATION_TYPES.map((t) => [t, Type.Optional(Channels)])), { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);
