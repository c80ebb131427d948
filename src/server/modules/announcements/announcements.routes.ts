import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { actorOf, errors, IdParams } from '../../platform/http.js';
import * as announcements from './announcements.service.js';
import * as s from './announcements.schemas.js';

/** Announcements: compose, schedule, pin, require acknowledgement, follow delivery per segment. */
export async function announcementRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['announcements'];

  r.get(
    '/api/announcements',
    { schema: { tags, querystring: s.ListQuery, response: { 200: s.AnnouncementPage, ...errors(400, 401, 403) } } },
    (req) => announcements.listAnnouncements(ctx, actorOf(req), req.query),
  );
  r.post(
    '/api/announcements',
    { schema: { tags, body: s.NewAnnouncement, response: { 201: s.AnnouncementDetail, ...errors(400, 401, 403) } } },
    async (req, reply) => reply.status(201).send(await announcements.createAnnouncement(ctx, actorOf(req), req.body)),
  );
  r.get('/api/announcements/pinned', { schema: { tags, response: { 200: s.PinnedList, ...errors(401, 403) } } }, (req) =>
    announcements.pinnedAnnouncements(ctx, actorOf(req)),
  );
  r.post(
    '/api/announcements/audience',
    { schema: { tags, body: s.AudienceQuery, response: { 200: s.AudienceSize, ...errors(400, 401, 403) } } },
    (req) => announcements.audienceSize(ctx, actorOf(req), req.body),
  );
  r.get(
    '/api/announcements/:id',
    { schema: { tags, params: IdParams, response: { 200: s.AnnouncementDetail, ...errors(400, 401, 403, 404) } } },
    (req) => announcements.getAnnouncement(ctx, actorOf(req), req.params.id),
  );
  r.patch(
    '/api/announcements/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: s.AnnouncementPatch,
        response: { 200: s.AnnouncementDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    (req) => announcements.updateAnnouncement(ctx, actorOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/announcements/:id',
    { schema: { tags, params: IdParams, response: { 200: s.AnnouncementDetail, ...errors(400, 401, 403, 404, 409) } } },
    (req) => announcements.cancelAnnouncement(ctx, actorOf(req), req.params.id),
  );
  r.post(
    '/api/announcements/:id/seen',
    { schema: { tags, params: IdParams, response: { 200: s.ReceiptView, ...errors(400, 401, 403, 404) } } },
    (req) => announcements.markSeen(ctx, actorOf(req), req.params.id),
  );
  r.post(
    '/api/announcements/:id/ack',
    { schema: { tags, params: IdParams, response: { 200: s.ReceiptView, ...errors(400, 401, 403, 404) } } },
    (req) => announcements.acknowledge(ctx, actorOf(req), req.params.id),
  );
  r.get(
    '/api/announcements/:id/stats',
    { schema: { tags, params: IdParams, response: { 200: s.AnnouncementStats, ...errors(400, 401, 403, 404) } } },
    (req) => announcements.announcementStats(ctx, actorOf(req), req.params.id),
  );
  r.get(
    '/api/announcements/:id/pending',
    {
      schema: { tags, params: IdParams, querystring: s.PageQuery, response: { 200: s.PendingPage, ...errors(400, 401, 403, 404) } },
    },
    (req) => announcements.pendingRecipients(ctx, actorOf(req), req.params.id, req.query),
  );
  r.post(
    '/api/announcements/:id/remind',
    { schema: { tags, params: IdParams, response: { 200: s.RemindResult, ...errors(400, 401, 403, 404, 409) } } },
    (req) => announcements.remindNow(ctx, actorOf(req), req.params.id),
  );
}
