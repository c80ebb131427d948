import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { actorOf, errors, IdParams } from '../../platform/http.js';
import * as followups from './followups.service.js';
import * as s from './followups.schemas.js';

/** Follow-ups of detractors' answers. */
export async function followupRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['customers'];

  r.get(
    '/api/customers/followups',
    { schema: { tags, querystring: s.FollowupListQuery, response: { 200: s.FollowupPage, ...errors(400, 401, 403) } } },
    (req) => followups.listFollowups(ctx, actorOf(req), req.query),
  );
  r.get(
    '/api/customers/followups/:id',
    { schema: { tags, params: IdParams, response: { 200: s.FollowupDetail, ...errors(400, 401, 403, 404) } } },
    (req) => followups.getFollowup(ctx, actorOf(req), req.params.id),
  );
  r.patch(
    '/api/customers/followups/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: s.FollowupPatch,
        response: { 200: s.FollowupDetail, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    (req) => followups.updateFollowup(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/customers/followups/:id/notes',
    { schema: { tags, params: IdParams, body: s.NewNote, response: { 201: s.FollowupDetail, ...errors(400, 401, 403, 404) } } },
    async (req, reply) => reply.status(201).send(await followups.addNote(ctx, actorOf(req), req.params.id, req.body)),
  );
}
