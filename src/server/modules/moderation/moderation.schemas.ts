import { Type } from 'typebox';
import { DateTime, Id, Nullable, Page } from '../../platform/http.js';
import { REPORT_REASONS, SOCIAL_LIMITS } from '../../../shared/social.js';

export const REPORT_STATUSES = ['open', 'dismissed', 'actioned'] as const;
export const RESOLUTIONS = ['dismiss', 'hide', 'remove'] as const;

export const NewReport = Type.Object(
  {
    postId: Type.Optional(Id),
    commentId: Type.Optional(Id),
    reason: Type.Enum(REPORT_REASONS),
    note: Type.Optional(Type.String({ maxLength: SOCIAL_LIMITS.reportNote })),
  },
  { additionalProperties: false },
);

export const ReportCreated = Type.Object({ id: Id, status: Type.Enum(REPORT_STATUSES) });

export const QueueQuery = Type.Object(
  {
    communityId: Type.Optional(Id),
    status: Type.Optional(Type.Enum(REPORT_STATUSES, { default: 'open' })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);

const Person = Type.Object({ id: Id, name: Type.String(), photoUrl: Nullable(Type.String()) });

export const ReportView = Type.Object({
  id: Id,
  reason: Type.Enum(REPORT_REASONS),
  note: Nullable(Type.String()),
  status: Type.Enum(REPORT_STATUSES),
  createdAt: DateTime,
  /** Who reported it; shown to those who handle the queue, never to the author. Null if they left. */
  reporter: Nullable(Person),
  community: Nullable(Type.Object({ id: Id, name: Type.String(), slug: Type.String() })),
  /** The reported post or comment as it is now, even when hidden or removed. */
  target: Type.Object({
    kind: Type.Union([Type.Literal('post'), Type.Literal('comment')]),
    postId: Id,
    commentId: Nullable(Id),
    author: Person,
    /** Sanitised HTML, safe to insert. */
    html: Type.String(),
    excerpt: Type.String(),
    createdAt: DateTime,
    hidden: Nullable(Type.Object({ reason: Nullable(Type.String()), at: DateTime })),
    removed: Type.Boolean(),
  }),
  /** The reports on the same item in the same state as this one (this one included). */
  sameItem: Type.Object({ count: Type.Integer(), reasons: Type.Record(Type.String(), Type.Integer()) }),
  resolution: Nullable(
    Type.Object({
      by: Nullable(Type.Object({ id: Id, name: Type.String() })),
      at: DateTime,
      note: Nullable(Type.String()),
    }),
  ),
});

export const ReportPage = Page(ReportView);

export const Resolve = Type.Object(
  {
    action: Type.Enum(RESOLUTIONS),
    /** Shown to the author when the content is hidden or removed; required then. */
    note: Type.Optional(Type.String({ maxLength: SOCIAL_LIMITS.moderationReason })),
  },
  { additionalProperties: false },
);

export const Resolved = Type.Object({
  id: Id,
  status: Type.Enum(REPORT_STATUSES),
  /** How many open reports on the same item this closed (this one included). */
  closed: Type.Integer(),
});
