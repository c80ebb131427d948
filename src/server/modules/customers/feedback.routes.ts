import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { actorOf, errors, IdParams } from '../../platform/http.js';
import * as feedback from './feedback.service.js';
import * as s from './feedback.schemas.js';

/** The customer feedback inbox, feedback requests and passing praise on. */
export async function feedbackRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['customers'];

  r.get(
    '/api/customers/feedback',
    { schema: { tags, querystring: s.FeedbackListQuery, response: { 200: s.FeedbackPage, ...errors(400, 401, 403) } } },
    (req) => feedback.listFeedback(ctx, actorOf(req), req.query),
  );
  r.post(
    '/api/customers/feedback/:id/pass-on',
    {
      schema: {
        tags,
        params: IdParams,
        body: s.PassOnBody,
        response: { 200: s.PassOnResult, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    (req) => feedback.passOn(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/customers/requests',
    { schema: { tags, body: s.NewRequests, response: { 201: s.RequestsResult, ...errors(400, 401, 403, 422) } } },
    async (req, reply) => reply.status(201).send(await feedback.createRequests(ctx, actorOf(req), req.body)),
  );
  r.get(
    '/api/customers/requests',
    { schema: { tags, querystring: s.RequestListQuery, response: { 200: s.FeedbackRequestPage, ...errors(400, 401, 403) } } },
    (req) => feedback.listRequests(ctx, actorOf(req), req.query),
  );
}
