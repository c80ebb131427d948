import { Type, type Static } from 'typebox';
import { DateTime, Id, Nullable, Page } from '../../platform/http.js';
import { COMMS_LIMITS } from '../../../shared/comms.js';

const Ids = (max: number) => Type.Optional(Type.Array(Id, { maxItems: max, uniqueItems: true }));

/** Who an announcement reaches (see CommsAudience): criteria add up; `all` is everyone. */
export const Audience = Type.Object(
  {
    all: Type.Optional(Type.Boolean()),
    departmentIds: Ids(COMMS_LIMITS.audienceIds),
    teamIds: Ids(COMMS_LIMITS.audienceIds),
    locationIds: Ids(COMMS_LIMITS.audienceIds),
    communityIds: Ids(COMMS_LIMITS.audienceIds),
    userIds: Ids(COMMS_LIMITS.audienceUsers),
  },
  { additionalProperties: false },
);
export type Audience = Static<typeof Audience>;

const fields = {
  title: Type.String({ minLength: 1, maxLength: COMMS_LIMITS.title }),
  /** Markdown. */
  body: Type.String({ minLength: 1, maxLength: COMMS_LIMITS.body }),
  audience: Audience,
  /** Publish later, at this time; absent or null publishes at once. */
  publishAt: Type.Optional(Nullable(DateTime)),
  /** Kept on top of the recipients' home until then. */
  pinnedUntil: Type.Optional(Nullable(DateTime)),
  requiresAck: Type.Optional(Type.Boolean()),
  /** When acknowledgements are due (reminders stop then); only with `requiresAck`. */
  ackDueAt: Type.Optional(Nullable(DateTime)),
  /** An urgent broadcast (banner, escalation); only for broadcasters. */
  urgent: Type.Optional(Type.Boolean()),
  /** Keep it as a draft: neither published nor scheduled. */
  draft: Type.Optional(Type.Boolean()),
};

export const NewAnnouncement = Type.Object(fields, { additionalProperties: false });
export type NewAnnouncement = Static<typeof NewAnnouncement>;

/** Changes before publishing; what is left out keeps its value. `draft: false` sends (or schedules) a draft. */
export const AnnouncementPatch = Type.Object(
  {
    ...fields,
    title: Type.Optional(fields.title),
    body: Type.Optional(fields.body),
    audience: Type.Optional(fields.audience),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type AnnouncementPatch = Static<typeof AnnouncementPatch>;

export const AudienceQuery = Type.Object({ audience: Audience }, { additionalProperties: false });
export type AudienceQuery = Static<typeof AudienceQuery>;

export const AudienceSize = Type.Object({
  size: Type.Integer(),
  /** More people than the organisation's limit, or everyone: only broadcasters may send it. */
  needsBroadcast: Type.Boolean(),
  /** Whether the asker may send to it. */
  allowed: Type.Boolean(),
  limit: Type.Integer(),
});

export const STATUSES = ['draft', 'scheduled', 'published', 'cancelled'] as const;
export type AnnouncementStatus = (typeof STATUSES)[number];

const Person = Type.Object({ id: Id, name: Type.String(), photoUrl: Nullable(Type.String()) });

const Mine = Nullable(Type.Object({ seenAt: Nullable(DateTime), ackedAt: Nullable(DateTime) }));

const Counts = Type.Object({ delivered: Type.Integer(), seen: Type.Integer(), acknowledged: Type.Integer() });

/** An announcement in a list. */
export const AnnouncementSummary = Type.Object({
  id: Id,
  title: Type.String(),
  status: Type.Enum(STATUSES),
  urgent: Type.Boolean(),
  requiresAck: Type.Boolean(),
  ackDueAt: Nullable(DateTime),
  pinnedUntil: Nullable(DateTime),
  publishAt: Nullable(DateTime),
  publishedAt: Nullable(DateTime),
  createdAt: DateTime,
  author: Person,
  audienceSize: Type.Integer(),
  /** The feed post, once published. */
  postId: Nullable(Id),
  /** The viewer's own state; null when the viewer is not a recipient. */
  mine: Mine,
  /** Delivery counts, for the sender only. */
  counts: Nullable(Counts),
});
export type AnnouncementSummary = Static<typeof AnnouncementSummary>;
export const AnnouncementPage = Page(AnnouncementSummary);

export const AnnouncementDetail = Type.Evaluate(
  Type.Intersect([
    AnnouncementSummary,
    Type.Object({
      /** Markdown, for the sender (to edit); null for recipients. */
      body: Nullable(Type.String()),
      html: Type.String(),
      /** Who it is addressed to, for the sender only. */
      audience: Nullable(Audience),
      canEdit: Type.Boolean(),
      canCancel: Type.Boolean(),
      canSeeStats: Type.Boolean(),
    }),
  ]),
);
export type AnnouncementDetail = Static<typeof AnnouncementDetail>;

export const ListQuery = Type.Object(
  {
    box: Type.Optional(Type.Union([Type.Literal('inbox'), Type.Literal('sent')])),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);
export type ListQuery = Static<typeof ListQuery>;

export const PageQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 600 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);
export type PageQuery = Static<typeof PageQuery>;

export const PinnedList = Type.Object({ items: Type.Array(AnnouncementSummary) });

export const ReceiptView = Type.Object({ seenAt: Nullable(DateTime), ackedAt: Nullable(DateTime) });

const Segment = Type.Object({
  /** Null for people with no department (team, location) when it was sent. */
  id: Nullable(Id),
  name: Nullable(Type.String()),
  delivered: Type.Integer(),
  seen: Type.Integer(),
  acknowledged: Type.Integer(),
});

export const AnnouncementStats = Type.Object({
  delivered: Type.Integer(),
  seen: Type.Integer(),
  acknowledged: Type.Integer(),
  /** Between 0 and 1. */
  seenRate: Type.Number(),
  ackRate: Type.Number(),
  requiresAck: Type.Boolean(),
  lastRemindedAt: Nullable(DateTime),
  segments: Type.Object({ departments: Type.Array(Segment), teams: Type.Array(Segment), locations: Type.Array(Segment) }),
});
export type AnnouncementStats = Static<typeof AnnouncementStats>;

/** A recipient who has not acknowledged (or, when no acknowledgement is asked, not opened) it yet. */
export const PendingPerson = Type.Object({
  id: Id,
  name: Type.String(),
  title: Nullable(Type.String()),
  photoUrl: Nullable(Type.String()),
  seenAt: Nullable(DateTime),
  remindedCount: Type.Integer(),
});
export const PendingPage = Page(PendingPerson);

export const RemindResult = Type.Object({ reminded: Type.Integer() });
