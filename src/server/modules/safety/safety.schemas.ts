import { Type, type Static } from 'typebox';
import { DateTime, Id, Nullable, Page } from '../../platform/http.js';
import { COMMS_LIMITS, SAFETY_STATUSES } from '../../../shared/comms.js';

const Ref = Type.Object({ id: Id, name: Type.String() });
const Cursor = Type.String({ minLength: 1, maxLength: 400 });
const Limit = Type.Integer({ minimum: 1, maximum: 100 });

/** How often people who have not answered are reminded, in minutes. */
export const REMINDER_MINUTES = { min: 5, max: 1440, default: 30 } as const;

export const NewCheck = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: COMMS_LIMITS.title }),
    /** Plain text shown with the question (what happened, where to gather). */
    message: Type.Optional(Type.String({ maxLength: COMMS_LIMITS.body })),
    /** A drill is practice: it says so everywhere and is shown more calmly. */
    drill: Type.Boolean(),
    /** Everyone active whose location is one of these is asked. */
    locationIds: Type.Optional(Type.Array(Id, { maxItems: COMMS_LIMITS.audienceIds })),
    /** People asked one by one, besides those at the locations. */
    userIds: Type.Optional(Type.Array(Id, { maxItems: COMMS_LIMITS.audienceUsers })),
    reminderMinutes: Type.Optional(Type.Integer({ minimum: REMINDER_MINUTES.min, maximum: REMINDER_MINUTES.max })),
  },
  { additionalProperties: false },
);
export type NewCheck = Static<typeof NewCheck>;

export const Counts = Type.Object({
  total: Type.Integer(),
  safe: Type.Integer(),
  help: Type.Integer(),
  pending: Type.Integer(),
});
export type Counts = Static<typeof Counts>;

/** One location's tally; `location` is null for people with no location (or one removed since). */
export const LocationTally = Type.Object({ location: Nullable(Ref), ...Counts.properties });
export type LocationTally = Static<typeof LocationTally>;

const ReportPerson = Type.Object({
  id: Id,
  name: Type.String(),
  location: Nullable(Type.String()),
  note: Nullable(Type.String()),
  answeredAt: Nullable(DateTime),
});

/** What a check looked like when it closed; kept with the check. */
export const Report = Type.Object({
  ...Counts.properties,
  startedAt: DateTime,
  closedAt: DateTime,
  durationSeconds: Type.Integer(),
  byLocation: Type.Array(LocationTally),
  /** Everyone who answered "I need help", with their notes. */
  neededHelp: Type.Array(ReportPerson),
  /** Who never answered, by name; at most `REPORT_LIST_MAX` (the CSV has everyone). */
  neverAnswered: Type.Array(ReportPerson),
});
export type Report = Static<typeof Report>;

export const CheckSummary = Type.Object({
  id: Id,
  title: Type.String(),
  message: Type.String(),
  drill: Type.Boolean(),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  reminderMinutes: Type.Integer(),
  startedBy: Nullable(Ref),
  startedAt: DateTime,
  lastRemindedAt: Nullable(DateTime),
  closedAt: Nullable(DateTime),
  counts: Counts,
});
export type CheckSummary = Static<typeof CheckSummary>;
export const CheckPage = Page(CheckSummary);

export const CheckDetail = Type.Object({
  ...CheckSummary.properties,
  closedBy: Nullable(Ref),
  byLocation: Type.Array(LocationTally),
  report: Nullable(Report),
});
export type CheckDetail = Static<typeof CheckDetail>;

export const CheckListQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit),
  },
  { additionalProperties: false },
);
export type CheckListQuery = Static<typeof CheckListQuery>;

export const PeopleQuery = Type.Object(
  { status: Type.Optional(Type.Enum(SAFETY_STATUSES)), cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) },
  { additionalProperties: false },
);
export type PeopleQuery = Static<typeof PeopleQuery>;

/** A person asked by a check, for the operators following it. */
export const CheckPerson = Type.Object({
  id: Id,
  name: Type.String(),
  title: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  location: Nullable(Ref),
  status: Type.Enum(SAFETY_STATUSES),
  note: Nullable(Type.String()),
  answeredAt: Nullable(DateTime),
  remindedCount: Type.Integer(),
});
export type CheckPerson = Static<typeof CheckPerson>;
export const PeoplePage = Page(CheckPerson);

export const Reminded = Type.Object({ reminded: Type.Integer() });

/** A check as the person it asks sees it, with their own answer. */
export const MyCheck = Type.Object({
  id: Id,
  title: Type.String(),
  message: Type.String(),
  drill: Type.Boolean(),
  open: Type.Boolean(),
  startedAt: DateTime,
  status: Type.Enum(SAFETY_STATUSES),
  note: Nullable(Type.String()),
  answeredAt: Nullable(DateTime),
});
export type MyCheck = Static<typeof MyCheck>;
export const MyChecks = Type.Object({ items: Type.Array(MyCheck) });

export const Answer = Type.Object(
  {
    status: Type.Union([Type.Literal('safe'), Type.Literal('help')]),
    note: Type.Optional(Type.String({ maxLength: COMMS_LIMITS.safetyNote })),
  },
  { additionalProperties: false },
);
export type Answer = Static<typeof Answer>;

export const ReportCsv = Type.Unsafe<string>({
  type: 'string',
  description: 'Everyone a check asked, with their location, answer and note, as CSV (UTF-8 with a BOM).',
});
