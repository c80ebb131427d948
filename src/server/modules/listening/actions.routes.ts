import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { actorOf, errors, IdParams, Ok } from '../../platform/http.js';
import * as actions from './actions.service.js';
import * as s from './actions.schemas.js';

/** Action plans shared back with teams. */
export async function actionRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['listening'];

  r.get(
    '/api/listening/actions',
    { schema: { tags, querystring: s.ActionListQuery, response: { 200: s.ActionPage, ...errors(400, 401, 403) } } },
    (req) => actions.listActions(ctx, actorOf(req), req.query),
  );
  r.post(
    '/api/listening/actions',
    { schema: { tags, body: s.NewAction, response: { 201: s.ActionView, ...errors(400, 401, 403, 422) } } },
    async (req, reply) => reply.status(201).send(await actions.createAction(ctx, actorOf(req), req.body)),
  );
  r.get(
    '/api/listening/actions/shared',
    { schema: { tags, querystring: s.SharedQuery, response: { 200: s.ActionPage, ...errors(400, 401, 403) } } },
    (req) => actions.sharedActions(ctx, actorOf(req), req.query),
  );
  r.get(
    '/api/listening/actions/:id',
    { schema: { tags, params: IdParams, response: { 200: s.ActionView, ...errors(400, 401, 403, 404) } } },
    (req) => actions.getAction(ctx, actorOf(req), req.params.id),
  );
  r.patch(
    '/api/listening/actions/:id',
    {
      schema: { tags, params: IdParams, body: s.ActionPatch, response: { 200: s.ActionView, ...errors(400, 401, 403, 404, 409, 422) } },
    },
    (req) => actions.updateAction(ctx, actorOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/listening/actions/:id',
    { schema: { tags, params: IdParams, response: { 200: Ok, ...errors(400, 401, 403, 404) } } },
    (req) => actions.deleteAction(ctx, actorOf(req), req.params.id),
  );
  r.post(
    '/api/listening/actions/:id/share',
    { schema: { tags, params: IdParams, response: { 200: s.ActionView, ...errors(400, 401, 403, 404, 409) } } },
    (req) => actions.shareAction(ctx, actorOf(req), req.params.id),
  );
}
