import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { decodeTimeCursor, encodeTimeCursor } from '../../platform/cursor.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { recordEvents, type RealtimeEvent } from '../../platform/events.js';
import { hashSecret, newId, newSecret } from '../../platform/ids.js';
import { renderMarkdown } from '../../platform/markdown.js';
import { requireAction, type Actor } from '../../platform/policy.js';
import type { RsvpStatus } from '../../../shared/comms.js';
import { photoUrl } from '../../../shared/urls.js';
import { communityAccess, peopleWhoCanRead } from '../communities/communities.access.js';
import { notify } from '../notifications/notifications.service.js';
import { writeAndPublish } from '../posts/posts.content.js';
import { buildCalendar, isTimeZone, type IcsEvent } from './events.ics.js';
import * as q from './events.queries.js';
import type { AttendeeQuery, EventDetail, EventListQuery, EventPatch, EventView, NewEvent } from './events.schemas.js';

type Executor = Kysely<DB> | Transaction<DB>;
type Variant = 'invited' | 'reminder' | 'promoted' | 'changed' | 'cancelled';

const DEFAULT_REMINDER_MINUTES = 60;
const PREVIEW_ATTENDEES = 10;
/** A calendar feed shows a month back and a year ahead. */
const FEED_PAST_DAYS = 30;
const FEED_FUTURE_DAYS = 365;
const FEED_MAX_EVENTS = 500;

const isAdmin = (actor: Actor) => actor.roles.includes('admin');
const canManage = (actor: Actor, row: q.EventRow) => row.organiserId === actor.userId || isAdmin(actor);
const ended = (row: { endsAt: Date }, now = new Date()) => row.endsAt.getTime() <= now.getTime();

/** Where an event's changes are announced: its community's channel, or the whole organisation. */
const channelOf = (row: { communityId: string | null }) => (row.communityId ? `community:${row.communityId}` : 'org');

/** The host name in event UIDs, the same in every file and feed. */
const hostOf = (ctx: Ctx) => new URL(ctx.config.publicUrl).hostname;

function toView(r: q.EventRow): EventView {
  return {
    id: r.id,
    title: r.title,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    timeZone: r.timeZone,
    place: r.place,
    onlineUrl: r.onlineUrl,
    capacity: r.capacity,
    goingCount: r.goingCount,
    maybeCount: r.maybeCount,
    waitlistCount: r.waitlistCount,
    reminderMinutes: r.reminderMinutes,
    cancelledAt: r.cancelledAt,
    community: r.communityId ? { id: r.communityId, name: r.communityName ?? '', slug: r.communitySlug ?? '' } : null,
    organiser:
      r.organiserName !== null
        ? { id: r.organiserId, name: r.organiserName, photoUrl: photoUrl(r.organiserId, r.organiserPhotoKey) }
        : null,
    myRsvp: r.myRsvp ?? null,
    createdAt: r.createdAt,
  };
}

/** An event the actor may read (company-wide, or in a community they may read); 404 otherwise. */
async function loadReadable(db: Executor, actor: Actor, id: string, lock = false): Promise<q.EventRow> {
  const row = await q.eventById(db, actor.orgId, actor.userId, id, lock);
  if (!row) {
    throw notFound('event');
  }
  if (row.communityId) {
    const access = (await communityAccess(db, actor, [row.communityId])).get(row.communityId);
    if (!access?.canRead) {
      throw notFound('event');
    }
  }
  return row;
}

async function detailOf(db: Executor, actor: Actor, row: q.EventRow): Promise<EventDetail> {
  const attendees = (await q.attendeePage(db, actor.orgId, row.id, 'going', PREVIEW_ATTENDEES, undefined)).slice(0, PREVIEW_ATTENDEES);
  const manage = canManage(actor, row);
  const open = row.cancelledAt === null && !ended(row);
  return {
    ...toView(row),
    description: row.description,
    descriptionHtml: row.descriptionHtml,
    sequence: row.sequence,
    abilities: { canEdit: manage && open, canCancel: manage && open, canRsvp: open },
    attendees: attendees.map((a) => ({ id: a.id, name: a.name, photoUrl: photoUrl(a.id, a.photoKey) })),
  };
}

function checkTimeZone(zone: string): void {
  if (!isTimeZone(zone)) {
    throw badRequest('INVALID_TIME_ZONE', 'Choose a time zone from the list (for example Europe/Rome).', { timeZone: zone });
  }
}

/** An online link must be a web address: anything else (javascript:, data:, …) is refused. */
function checkUrl(url: string | null | undefined): string | null {
  if (url === null || url === undefined || url.trim() === '') {
    return null;
  }
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw badRequest('INVALID_URL', 'The online link must be a web address starting with https:// or http://.');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw badRequest('INVALID_URL', 'The online link must be a web address starting with https:// or http://.');
  }
  return parsed.toString();
}

function checkTimes(startsAt: Date, endsAt: Date): void {
  if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime())) {
    throw badRequest('INVALID_DATE', 'Give the start and end as dates and times.');
  }
  if (endsAt.getTime() < startsAt.getTime()) {
    throw badRequest('ENDS_BEFORE_START', 'The event must end after it starts.');
  }
}

const cleanPlace = (place: string | null | undefined) => (place && place.trim() !== '' ? place.trim() : null);

/**
 * Notifies these people about an event, those who may still read it only. Returns the realtime
 * events to publish after commit.
 */
async function notifyPeople(
  db: Executor,
  actor: { orgId: string; userId: string | null },
  row: { id: string; title: string; communityId: string | null },
  userIds: readonly string[],
  variant: Variant,
): Promise<RealtimeEvent[]> {
  const readers = await peopleWhoCanRead(db, actor.orgId, row.communityId, userIds);
  return notify(
    db,
    [...readers].map((userId) => ({
      orgId: actor.orgId,
      userId,
      type: 'event' as const,
      actorId: actor.userId,
      communityId: row.communityId,
      data: { variant, title: row.title, link: `/events/${row.id}`, eventId: row.id },
    })),
  );
}

const changed = (orgId: string, row: { id: string; communityId: string | null }) =>
  ({ orgId, channel: channelOf(row), type: 'event.changed', payload: { eventId: row.id } }) as const;

/**
 * Gives free seats to the waitlist, first come first served, and tells those promoted. Called with
 * the event locked, after any change that may free a seat (someone going left, the capacity rose).
 */
async function fillSeats(trx: Transaction<DB>, actor: Actor, eventId: string): Promise<RealtimeEvent[]> {
  const row = await q.eventById(trx, actor.orgId, actor.userId, eventId);
  if (!row || row.waitlistCount === 0) {
    return [];
  }
  const free = row.capacity === null ? row.waitlistCount : row.capacity - row.goingCount;
  const promoted = await q.firstWaitlisted(trx, actor.orgId, eventId, free);
  if (promoted.length === 0) {
    return [];
  }
  await q.promote(trx, actor.orgId, eventId, promoted);
  await q.adjustCounts(trx, actor.orgId, eventId, { going: promoted.length, maybe: 0, waitlist: -promoted.length });
  return notifyPeople(trx, { orgId: actor.orgId, userId: null }, row, promoted, 'promoted');
}

/** Creates an event, company-wide or in a community the organiser may post in. */
export async function createEvent(ctx: Ctx, actor: Actor, input: NewEvent): Promise<EventDetail> {
  requireAction(actor, 'events.create');
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  checkTimes(startsAt, endsAt);
  if (ended({ endsAt })) {
    throw badRequest('EVENT_IN_PAST', 'The event has already ended. Choose a time in the future.');
  }
  checkTimeZone(input.timeZone);
  const onlineUrl = checkUrl(input.onlineUrl);
  const communityId = input.communityId ?? null;
  const id = newId();
  await writeAndPublish(ctx, async (trx) => {
    if (communityId) {
      const access = (await communityAccess(trx, actor, [communityId])).get(communityId);
      if (!access?.canSee) {
        throw notFound('community');
      }
      if (!access.canPost) {
        throw forbidden('CANNOT_POST', 'Only members can organise events in this community.');
      }
    }
    const description = input.description ?? '';
    await q.insertEvent(trx, {
      id,
      orgId: actor.orgId,
      organiserId: actor.userId,
      communityId,
      title: input.title.trim(),
      description,
      descriptionHtml: renderMarkdown(description).html,
      startsAt,
      endsAt,
      timeZone: input.timeZone,
      place: cleanPlace(input.place),
      onlineUrl,
      capacity: input.capacity ?? null,
      reminderMinutes: input.reminderMinutes ?? DEFAULT_REMINDER_MINUTES,
    });
    return { result: null, events: await recordEvents(trx, [changed(actor.orgId, { id, communityId })]) };
  });
  return getEvent(ctx, actor, id);
}

/**
 * Changes an event (its organiser, or an administrator). Every change raises its sequence; a new
 * time or place is told to those going or maybe, and a new time re-arms the reminder.
 */
export async function updateEvent(ctx: Ctx, actor: Actor, id: string, patch: EventPatch): Promise<EventDetail> {
  requireAction(actor, 'events.create');
  if (patch.timeZone !== undefined) {
    checkTimeZone(patch.timeZone);
  }
  const onlineUrl = patch.onlineUrl === undefined ? undefined : checkUrl(patch.onlineUrl);
  await writeAndPublish(ctx, async (trx) => {
    const row = await loadReadable(trx, actor, id, true);
    if (!canManage(actor, row)) {
      throw forbidden('NOT_ORGANISER', 'Only the organiser can change this event.');
    }
    if (row.cancelledAt) {
      throw conflict('EVENT_CANCELLED', 'This event was cancelled.');
    }
    if (ended(row)) {
      throw conflict('EVENT_ENDED', 'This event has already ended.');
    }
    const startsAt = patch.startsAt !== undefined ? new Date(patch.startsAt) : row.startsAt;
    const endsAt = patch.endsAt !== undefined ? new Date(patch.endsAt) : row.endsAt;
    checkTimes(startsAt, endsAt);
    const changes: Parameters<typeof q.updateEvent>[3] = {};
    if (patch.title !== undefined && patch.title.trim() !== row.title) {
      changes.title = patch.title.trim();
    }
    if (patch.description !== undefined && patch.description !== row.description) {
      changes.description = patch.description;
      changes.descriptionHtml = renderMarkdown(patch.description).html;
    }
    if (startsAt.getTime() !== row.startsAt.getTime()) {
      changes.startsAt = startsAt;
    }
    if (endsAt.getTime() !== row.endsAt.getTime()) {
      changes.endsAt = endsAt;
    }
    if (patch.timeZone !== undefined && patch.timeZone !== row.timeZone) {
      changes.timeZone = patch.timeZone;
    }
    if (patch.place !== undefined && cleanPlace(patch.place) !== row.place) {
      changes.place = cleanPlace(patch.place);
    }
    if (onlineUrl !== undefined && onlineUrl !== row.onlineUrl) {
      changes.onlineUrl = onlineUrl;
    }
    if (patch.capacity !== undefined && patch.capacity !== row.capacity) {
      changes.capacity = patch.capacity;
    }
    if (patch.reminderMinutes !== undefined && patch.reminderMinutes !== row.reminderMinutes) {
      changes.reminderMinutes = patch.reminderMinutes;
    }
    if (Object.keys(changes).length === 0) {
      return { result: null, events: [] };
    }
    const moved = changes.startsAt !== undefined || changes.reminderMinutes !== undefined;
    if (moved) {
      // A new time deserves a new reminder (the tick skips it if that moment has already passed).
      changes.remindedAt = null;
    }
    await q.updateEvent(trx, actor.orgId, id, changes);
    const events: RealtimeEvent[] = [];
    // Raising (or removing) the capacity frees seats for the waitlist; lowering it keeps those going.
    if (changes.capacity !== undefined) {
      events.push(...(await fillSeats(trx, actor, id)));
    }
    const worthTelling =
      changes.startsAt !== undefined ||
      changes.endsAt !== undefined ||
      changes.timeZone !== undefined ||
      changes.place !== undefined ||
      changes.onlineUrl !== undefined;
    if (worthTelling) {
      const people = await q.rsvpUserIds(trx, actor.orgId, id, ['going', 'maybe']);
      events.push(...(await notifyPeople(trx, actor, { ...row, title: changes.title ?? row.title }, people, 'changed')));
    }
    events.push(...(await recordEvents(trx, [changed(actor.orgId, row)])));
    return { result: null, events };
  });
  return getEvent(ctx, actor, id);
}

/** Cancels an event (its organiser, or an administrator) and tells everyone who answered yes, maybe or waitlist. */
export async function cancelEvent(ctx: Ctx, actor: Actor, id: string): Promise<EventDetail> {
  requireAction(actor, 'events.create');
  await writeAndPublish(ctx, async (trx) => {
    const row = await loadReadable(trx, actor, id, true);
    if (!canManage(actor, row)) {
      throw forbidden('NOT_ORGANISER', 'Only the organiser can cancel this event.');
    }
    if (row.cancelledAt) {
      throw conflict('EVENT_CANCELLED', 'This event was already cancelled.');
    }
    if (ended(row)) {
      throw conflict('EVENT_ENDED', 'This event has already ended.');
    }
    await q.updateEvent(trx, actor.orgId, id, { cancelledAt: new Date() });
    const people = await q.rsvpUserIds(trx, actor.orgId, id, ['going', 'maybe', 'waitlist']);
    const events = await notifyPeople(trx, actor, row, people, 'cancelled');
    events.push(...(await recordEvents(trx, [changed(actor.orgId, row)])));
    return { result: null, events };
  });
  return getEvent(ctx, actor, id);
}

/** One event with the reader's RSVP, abilities and the first people going. */
export async function getEvent(ctx: Ctx, actor: Actor, id: string): Promise<EventDetail> {
  requireAction(actor, 'content.read');
  return detailOf(ctx.db, actor, await loadReadable(ctx.db, actor, id));
}

function decodeEventCursor(cursor: string | undefined): q.EventAfter {
  const c = decodeTimeCursor(cursor);
  return c ? { startsAt: c.createdAt, id: c.id } : undefined;
}

/** Upcoming (soonest first) or past (latest first) events the reader may read. */
export async function listEvents(ctx: Ctx, actor: Actor, input: EventListQuery) {
  requireAction(actor, 'content.read');
  const limit = input.limit ?? 20;
  if (input.communityId) {
    const access = (await communityAccess(ctx.db, actor, [input.communityId])).get(input.communityId);
    if (!access?.canRead) {
      throw notFound('community');
    }
  }
  const rows = await q.eventPage(
    ctx.db,
    actor.orgId,
    actor.userId,
    { when: input.when ?? 'upcoming', communityId: input.communityId, mine: input.mine ?? false, now: new Date() },
    limit,
    decodeEventCursor(input.cursor),
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toView),
    nextCursor: rows.length > limit && last ? encodeTimeCursor({ createdAt: last.startsAt, id: last.id }) : null,
  };
}

/** People who answered going (default), maybe, or are on the waitlist (in its order). */
export async function listAttendees(ctx: Ctx, actor: Actor, id: string, input: AttendeeQuery) {
  requireAction(actor, 'content.read');
  await loadReadable(ctx.db, actor, id);
  const limit = input.limit ?? 20;
  const rows = await q.attendeePage(ctx.db, actor.orgId, id, input.status ?? 'going', limit, decodeTimeCursor(input.cursor));
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((a) => ({ id: a.id, name: a.name, photoUrl: photoUrl(a.id, a.photoKey), status: a.status, respondedAt: a.createdAt })),
    nextCursor: rows.length > limit && last ? encodeTimeCursor({ createdAt: last.createdAt, id: last.id }) : null,
  };
}

const countDelta = (s: RsvpStatus | undefined, sign: 1 | -1) => ({
  going: s === 'going' ? sign : 0,
  maybe: s === 'maybe' ? sign : 0,
  waitlist: s === 'waitlist' ? sign : 0,
});

/**
 * Answers an event. With a capacity, "going" beyond it joins the waitlist (the answer says so). The
 * event row is locked for the whole change, so counters stay exact and two people never take the
 * last seat; when someone going leaves, the first on the waitlist gets the seat and is told.
 */
export async function rsvp(ctx: Ctx, actor: Actor, id: string, input: { status: 'going' | 'maybe' | 'not' }): Promise<EventDetail> {
  requireAction(actor, 'content.write');
  await writeAndPublish(ctx, async (trx) => {
    const row = await loadReadable(trx, actor, id, true);
    if (row.cancelledAt) {
      throw conflict('EVENT_CANCELLED', 'This event was cancelled.');
    }
    if (ended(row)) {
      throw conflict('EVENT_ENDED', 'This event has already ended.');
    }
    const before = (await q.rsvpOf(trx, actor.orgId, id, actor.userId))?.status;
    let after: RsvpStatus = input.status;
    if (input.status === 'going' && before !== 'going' && row.capacity !== null) {
      // Those already waiting keep their place; a newcomer queues when every seat is taken.
      if (before === 'waitlist' || row.goingCount >= row.capacity || row.waitlistCount > 0) {
        after = 'waitlist';
      }
    }
    if (after === before) {
      return { result: null, events: [] };
    }
    await q.upsertRsvp(trx, { orgId: actor.orgId, eventId: id, userId: actor.userId, status: after, queuedNow: after === 'waitlist' });
    const minus = countDelta(before, -1);
    const plus = countDelta(after, 1);
    await q.adjustCounts(trx, actor.orgId, id, {
      going: minus.going + plus.going,
      maybe: minus.maybe + plus.maybe,
      waitlist: minus.waitlist + plus.waitlist,
    });
    const events = before === 'going' ? await fillSeats(trx, actor, id) : [];
    events.push(...(await recordEvents(trx, [changed(actor.orgId, row)])));
    return { result: null, events };
  });
  return getEvent(ctx, actor, id);
}

const toIcs = (ctx: Ctx, r: q.EventRow): IcsEvent => ({
  id: r.id,
  title: r.title,
  description: r.description,
  startsAt: r.startsAt,
  endsAt: r.endsAt,
  timeZone: r.timeZone,
  place: r.place,
  onlineUrl: r.onlineUrl,
  sequence: r.sequence,
  cancelled: r.cancelledAt !== null,
  link: `${ctx.config.publicUrl}/events/${r.id}`,
});

/** One event as an iCalendar file. */
export async function eventIcs(ctx: Ctx, actor: Actor, id: string): Promise<string> {
  requireAction(actor, 'content.read');
  const row = await loadReadable(ctx.db, actor, id);
  return buildCalendar({ name: row.title, host: hostOf(ctx), events: [toIcs(ctx, row)], publish: true }).toString();
}

/** Whether the person has a calendar feed (never its address: only a hash of its token is kept). */
export async function calendarFeedState(ctx: Ctx, actor: Actor) {
  requireAction(actor, 'me.read');
  const row = await q.activeToken(ctx.db, actor.orgId, actor.userId);
  return { active: row !== undefined, createdAt: row?.createdAt ?? null };
}

/**
 * Makes a new calendar feed address for the person, revoking any earlier one. The address is
 * answered this once: only the hash of its token is stored.
 */
export async function createCalendarFeed(ctx: Ctx, actor: Actor) {
  requireAction(actor, 'me.update');
  if (actor.via !== 'session') {
    throw forbidden('SESSION_REQUIRED', 'Calendar feeds are made from the app, not with an API token.');
  }
  const token = newSecret(32);
  const created = await ctx.db.transaction().execute(async (trx) => {
    await q.revokeTokens(trx, actor.orgId, actor.userId);
    return q.insertToken(trx, { id: newId(), orgId: actor.orgId, userId: actor.userId, tokenHash: hashSecret(token) });
  });
  return { url: `${ctx.config.publicUrl}/api/calendar/${token}.ics`, createdAt: created.createdAt };
}

/** Turns the person's calendar feed off: its address stops working at once. */
export async function revokeCalendarFeed(ctx: Ctx, actor: Actor) {
  requireAction(actor, 'me.update');
  await q.revokeTokens(ctx.db, actor.orgId, actor.userId);
  return { ok: true as const };
}

/**
 * A person's calendar feed, asked for by a calendar app with the token in the address (no session):
 * the events they answered going or maybe (not those they wait for), a month back and a year ahead,
 * as they may read them now. Unknown or revoked tokens answer 404.
 */
export async function calendarFeed(ctx: Ctx, orgId: string, token: string): Promise<string> {
  const owner = await q.tokenOwner(ctx.db, orgId, hashSecret(token));
  if (!owner) {
    throw notFound('calendar');
  }
  const now = Date.now();
  const rows = await q.feedEvents(
    ctx.db,
    orgId,
    owner.id,
    new Date(now - FEED_PAST_DAYS * 86_400_000),
    new Date(now + FEED_FUTURE_DAYS * 86_400_000),
    FEED_MAX_EVENTS,
  );
  return buildCalendar({ name: 'Tessuto', host: hostOf(ctx), events: rows.map((r) => toIcs(ctx, r)), publish: true }).toString();
}

export { notifyPeople as notifyEventPeople };
