import { Type, type Static } from 'typebox';
import { DateTime, Id, Nullable, Page } from '../../platform/http.js';
import { COMMS_LIMITS } from '../../../shared/comms.js';

/** The largest capacity an event may have; larger gatherings need no head count. */
export const MAX_CAPACITY = 100_000;
/** A reminder at most a week before. */
export const MAX_REMINDER_MINUTES = 10_080;

const Cursor = Type.String({ maxLength: 200 });
const Limit = Type.Integer({ minimum: 1, maximum: 50 });

/** The RSVP a person can give; "going" beyond the capacity becomes `waitlist`. */
export const RsvpAnswer = Type.Union([Type.Literal('going'), Type.Literal('maybe'), Type.Literal('not')]);
export const RsvpStatus = Type.Union([Type.Literal('going'), Type.Literal('maybe'), Type.Literal('not'), Type.Literal('waitlist')]);

const Person = Type.Object({ id: Id, name: Type.String(), photoUrl: Nullable(Type.String()) });
const CommunityRef = Type.Object({ id: Id, name: Type.String(), slug: Type.String() });

/** An event as lists show it, with the reader's own RSVP. */
export const EventView = Type.Object({
  id: Id,
  title: Type.String(),
  startsAt: DateTime,
  endsAt: DateTime,
  /** IANA time zone the event is planned in (e.g. Europe/Rome). */
  timeZone: Type.String(),
  place: Nullable(Type.String()),
  onlineUrl: Nullable(Type.String()),
  /** Null: no limit. */
  capacity: Nullable(Type.Integer()),
  goingCount: Type.Integer(),
  maybeCount: Type.Integer(),
  waitlistCount: Type.Integer(),
  reminderMinutes: Type.Integer(),
  cancelledAt: Nullable(DateTime),
  community: Nullable(CommunityRef),
  organiser: Nullable(Person),
  /** The reader's answer, or null when they have not answered. */
  myRsvp: Nullable(RsvpStatus),
  createdAt: DateTime,
});
export type EventView = Static<typeof EventView>;
export const EventPage = Page(EventView);

/** One event with its description, the reader's abilities and the first people going. */
export const EventDetail = Type.Evaluate(
  Type.Intersect([
    EventView,
    Type.Object({
      /** The Markdown source, for the editor. */
      description: Type.String(),
      /** Sanitised HTML. */
      descriptionHtml: Type.String(),
      /** Raised on every change (the iCalendar SEQUENCE). */
      sequence: Type.Integer(),
      abilities: Type.Object({ canEdit: Type.Boolean(), canCancel: Type.Boolean(), canRsvp: Type.Boolean() }),
      /** Up to ten people going, first answers first. */
      attendees: Type.Array(Person),
    }),
  ]),
);
export type EventDetail = Static<typeof EventDetail>;

export const EventListQuery = Type.Object(
  {
    when: Type.Optional(Type.Union([Type.Literal('upcoming'), Type.Literal('past')])),
    communityId: Type.Optional(Id),
    /** Only events the reader answered going, maybe or waitlist. */
    mine: Type.Optional(Type.Boolean()),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit),
  },
  { additionalProperties: false },
);
export type EventListQuery = Static<typeof EventListQuery>;

const Title = Type.String({ minLength: 1, maxLength: COMMS_LIMITS.eventTitle });
const Description = Type.String({ maxLength: COMMS_LIMITS.eventDescription });
const TimeZone = Type.String({ minLength: 1, maxLength: COMMS_LIMITS.timeZone });
const Place = Nullable(Type.String({ maxLength: COMMS_LIMITS.place }));
const OnlineUrl = Nullable(Type.String({ maxLength: COMMS_LIMITS.url }));
/**
 * One type list rather than a union, so that the validator's type coercion never turns a 0 into null
 * (no limit): a number is checked as a number.
 */
const Capacity = Type.Unsafe<number | null>({ type: ['integer', 'null'], minimum: 1, maximum: MAX_CAPACITY });
const Reminder = Type.Integer({ minimum: 0, maximum: MAX_REMINDER_MINUTES });
const When = Type.String({ format: 'date-time' });

export const NewEvent = Type.Object(
  {
    title: Title,
    description: Type.Optional(Description),
    startsAt: When,
    endsAt: When,
    timeZone: TimeZone,
    place: Type.Optional(Place),
    onlineUrl: Type.Optional(OnlineUrl),
    capacity: Type.Optional(Capacity),
    reminderMinutes: Type.Optional(Reminder),
    /** In this community (the organiser must be able to post there); company-wide without it. */
    communityId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);
export type NewEvent = Static<typeof NewEvent>;

export const EventPatch = Type.Object(
  {
    title: Type.Optional(Title),
    description: Type.Optional(Description),
    startsAt: Type.Optional(When),
    endsAt: Type.Optional(When),
    timeZone: Type.Optional(TimeZone),
    place: Type.Optional(Place),
    onlineUrl: Type.Optional(OnlineUrl),
    capacity: Type.Optional(Capacity),
    reminderMinutes: Type.Optional(Reminder),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type EventPatch = Static<typeof EventPatch>;

export const RsvpBody = Type.Object({ status: RsvpAnswer }, { additionalProperties: false });

export const Attendee = Type.Object({
  id: Id,
  name: Type.String(),
  photoUrl: Nullable(Type.String()),
  status: RsvpStatus,
  respondedAt: DateTime,
});
export const AttendeePage = Page(Attendee);
export const AttendeeQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('going'), Type.Literal('maybe'), Type.Literal('waitlist')])),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit),
  },
  { additionalProperties: false },
);
export type AttendeeQuery = Static<typeof AttendeeQuery>;

/** Whether the person has a calendar feed; the address itself is shown only once, when made. */
export const CalendarFeedState = Type.Object({ active: Type.Boolean(), createdAt: Nullable(DateTime) });
export const CalendarFeedCreated = Type.Object({ url: Type.String(), createdAt: DateTime });

export const CalendarParams = Type.Object(
  { token: Type.String({ minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }) },
  { additionalProperties: false },
);

/** An iCalendar file (text/calendar). */
export const Ics = Type.String({ description: 'An iCalendar file (text/calendar).' });
