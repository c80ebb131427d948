import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { actorOf, errors, IdParams, Ok, orgOf } from '../../platform/http.js';
import { ipKey } from '../../platform/ip.js';
import * as events from './events.service.js';
import * as s from './events.schemas.js';

/** Calendar apps poll a feed every few minutes to hours; this leaves room for many people behind one address. */
const feedLimit = {
  rateLimit: { max: 120, timeWindow: 10 * 60_000, keyGenerator: (req: FastifyRequest) => `calendar:${ipKey(req.ip)}` },
};

function sendIcs(reply: FastifyReply, body: string, cache: string, attachment: boolean): FastifyReply {
  return reply
    .header('cache-control', cache)
    .header('content-disposition', `${attachment ? 'attachment' : 'inline'}; filename="event.ics"`)
    .type('text/calendar; charset=utf-8')
    .send(body);
}

/** Events: RSVPs with capacity and a waitlist, iCalendar files and personal calendar feeds. */
export async function eventRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['events'];

  r.get(
    '/api/events',
    { schema: { tags, querystring: s.EventListQuery, response: { 200: s.EventPage, ...errors(400, 401, 403, 404) } } },
    (req) => events.listEvents(ctx, actorOf(req), req.query),
  );
  r.post(
    '/api/events',
    { schema: { tags, body: s.NewEvent, response: { 201: s.EventDetail, ...errors(400, 401, 403, 404) } } },
    async (req, reply) => reply.status(201).send(await events.createEvent(ctx, actorOf(req), req.body)),
  );
  r.get('/api/events/calendar-feed', { schema: { tags, response: { 200: s.CalendarFeedState, ...errors(401, 403) } } }, (req) =>
    events.calendarFeedState(ctx, actorOf(req)),
  );
  r.post(
    '/api/events/calendar-feed',
    { schema: { tags, response: { 201: s.CalendarFeedCreated, ...errors(401, 403) } } },
    async (req, reply) => reply.status(201).send(await events.createCalendarFeed(ctx, actorOf(req))),
  );
  r.delete('/api/events/calendar-feed', { schema: { tags, response: { 200: Ok, ...errors(401, 403) } } }, (req) =>
    events.revokeCalendarFeed(ctx, actorOf(req)),
  );
  r.get('/api/events/:id', { schema: { tags, params: IdParams, response: { 200: s.EventDetail, ...errors(400, 401, 403, 404) } } }, (req) =>
    events.getEvent(ctx, actorOf(req), req.params.id),
  );
  r.patch(
    '/api/events/:id',
    { schema: { tags, params: IdParams, body: s.EventPatch, response: { 200: s.EventDetail, ...errors(400, 401, 403, 404, 409) } } },
    (req) => events.updateEvent(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/events/:id/cancel',
    { schema: { tags, params: IdParams, response: { 200: s.EventDetail, ...errors(400, 401, 403, 404, 409) } } },
    (req) => events.cancelEvent(ctx, actorOf(req), req.params.id),
  );
  r.put(
    '/api/events/:id/rsvp',
    { schema: { tags, params: IdParams, body: s.RsvpBody, response: { 200: s.EventDetail, ...errors(400, 401, 403, 404, 409) } } },
    (req) => events.rsvp(ctx, actorOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/events/:id/attendees',
    { schema: { tags, params: IdParams, querystring: s.AttendeeQuery, response: { 200: s.AttendeePage, ...errors(400, 401, 403, 404) } } },
    (req) => events.listAttendees(ctx, actorOf(req), req.params.id, req.query),
  );
  r.get(
    '/api/events/:id/ics',
    { schema: { tags, params: IdParams, response: { 200: s.Ics, ...errors(400, 401, 403, 404) } } },
    async (req, reply) => sendIcs(reply, await events.eventIcs(ctx, actorOf(req), req.params.id), 'private, no-cache', true),
  );
  // No session: calendar apps call it with the token in the address; the organisation comes from the host.
  r.get(
    '/api/calendar/:token.ics',
    {
      config: feedLimit,
      schema: { tags, security: [], params: s.CalendarParams, response: { 200: s.Ics, ...errors(400, 404, 429) } },
    },
    async (req, reply) => sendIcs(reply, await events.calendarFeed(ctx, orgOf(req).id, req.params.token), 'private, max-age=300', false),
  );
}
