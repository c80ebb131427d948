import { Type, type Static } from 'typebox';
import { DateTime, Id, Nullable, Page } from '../../platform/http.js';
import { ACTION_SCOPES, ACTION_STATUSES, DRIVERS, LISTENING_LIMITS } from '../../../shared/listening.js';
import { Author } from '../posts/posts.schemas.js';

const Cursor = Type.String({ minLength: 1, maxLength: 300 });
const Limit = Type.Integer({ minimum: 1, maximum: 100 });
/** A calendar day, YYYY-MM-DD. */
const Day = Type.String({ format: 'date' });

/**
 * Who an action speaks to: the whole company, a department (with the ones below it), a team, or a
 * manager's reporting line (everyone reporting to them, directly or not). A line without `id` is the
 * line of the person writing.
 */
export const ScopeInput = Type.Object(
  {
    kind: Type.Enum(ACTION_SCOPES),
    id: Type.Optional(Id),
  },
  { additionalProperties: false },
);

export const NewAction = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: LISTENING_LIMITS.actionTitle }),
    /** Markdown. */
    description: Type.Optional(Type.String({ maxLength: LISTENING_LIMITS.actionDescription })),
    /** A person of the organisation; the author when absent. */
    ownerId: Type.Optional(Id),
    dueOn: Type.Optional(Nullable(Day)),
    status: Type.Optional(Type.Enum(ACTION_STATUSES)),
    /** The survey whose results led to the action. */
    surveyId: Type.Optional(Nullable(Id)),
    driver: Type.Optional(Nullable(Type.Enum(DRIVERS))),
    scope: ScopeInput,
  },
  { additionalProperties: false },
);
export type NewAction = Static<typeof NewAction>;

export const ActionPatch = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: LISTENING_LIMITS.actionTitle })),
    description: Type.Optional(Type.String({ maxLength: LISTENING_LIMITS.actionDescription })),
    ownerId: Type.Optional(Id),
    dueOn: Type.Optional(Nullable(Day)),
    status: Type.Optional(Type.Enum(ACTION_STATUSES)),
    surveyId: Type.Optional(Nullable(Id)),
    driver: Type.Optional(Nullable(Type.Enum(DRIVERS))),
    /** Only before the action is shared: the people already told stay told. */
    scope: Type.Optional(ScopeInput),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type ActionPatch = Static<typeof ActionPatch>;

export const ActionView = Type.Object({
  id: Id,
  title: Type.String(),
  /** The Markdown as written, for editing. */
  description: Type.String(),
  /** The description rendered and sanitised. */
  html: Type.String(),
  status: Type.Enum(ACTION_STATUSES),
  dueOn: Nullable(Day),
  driver: Nullable(Type.Enum(DRIVERS)),
  owner: Nullable(Author),
  survey: Nullable(Type.Object({ id: Id, title: Type.String() })),
  scope: Type.Object({
    kind: Type.Enum(ACTION_SCOPES),
    id: Nullable(Id),
    /** The department's or team's name, or the manager's name for a line; null for the company. */
    name: Nullable(Type.String()),
  }),
  /** When the action was shared with the people of its scope; null while it is a draft. */
  sharedAt: Nullable(DateTime),
  createdBy: Nullable(Author),
  createdAt: DateTime,
  updatedAt: DateTime,
  canEdit: Type.Boolean(),
  canDelete: Type.Boolean(),
  canShare: Type.Boolean(),
});
export type ActionView = Static<typeof ActionView>;
export const ActionPage = Page(ActionView);

export const ActionListQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum(ACTION_STATUSES)),
    surveyId: Type.Optional(Id),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit),
  },
  { additionalProperties: false },
);

export const SharedQuery = Type.Object({ cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) }, { additionalProperties: false });
