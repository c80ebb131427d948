import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { actorOf, errors, IdParams } from '../../platform/http.js';
import * as s from './moderation.schemas.js';
import * as moderation from './moderation.service.js';

/** Reports and the moderation queues. */
export async function moderationRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['moderation'];

  r.post(
    '/api/reports',
    { schema: { tags, body: s.NewReport, response: { 201: s.ReportCreated, ...errors(400, 401, 403, 404, 409) } } },
    async (req, reply) => reply.status(201).send(await moderation.report(ctx, actorOf(req), req.body)),
  );
  r.get(
    '/api/moderation/reports',
    { schema: { tags, querystring: s.QueueQuery, response: { 200: s.ReportPage, ...errors(400, 401, 403, 404) } } },
    (req) => moderation.queue(ctx, actorOf(req), req.query),
  );
  r.post(
    '/api/moderation/reports/:id/resolve',
    { schema: { tags, params: IdParams, body: s.Resolve, response: { 200: s.Resolved, ...errors(400, 401, 403, 404, 409) } } },
    (req) => moderation.resolve(ctx, actorOf(req), req.params.id, req.body),
  );
}
