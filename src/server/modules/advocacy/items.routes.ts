import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { actorOf, errors, IdParams, Ok } from '../../platform/http.js';
import * as items from './items.service.js';
import * as s from './items.schemas.js';

/** Shareable items (posts, articles, approved links) and the reader's ready-to-share list. */
export async function advocacyItemRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['advocacy'];

  r.get(
    '/api/advocacy/ready',
    { schema: { tags, querystring: s.ReadyQuery, response: { 200: s.ShareItemPage, ...errors(400, 401, 403) } } },
    (req) => items.listReady(ctx, actorOf(req), req.query),
  );
  r.get(
    '/api/advocacy/items',
    { schema: { tags, querystring: s.ItemListQuery, response: { 200: s.ShareItemPage, ...errors(400, 401, 403) } } },
    (req) => items.listItems(ctx, actorOf(req), req.query),
  );
  r.post(
    '/api/advocacy/items',
    { schema: { tags, body: s.NewShareItem, response: { 201: s.ShareItemView, ...errors(400, 401, 403, 404, 409, 422) } } },
    async (req, reply) => reply.status(201).send(await items.createItem(ctx, actorOf(req), req.body)),
  );
  r.get(
    '/api/advocacy/items/:id',
    { schema: { tags, params: IdParams, response: { 200: s.ShareItemView, ...errors(400, 401, 403, 404) } } },
    (req) => items.getItem(ctx, actorOf(req), req.params.id),
  );
  r.patch(
    '/api/advocacy/items/:id',
    { schema: { tags, params: IdParams, body: s.ShareItemPatch, response: { 200: s.ShareItemView, ...errors(400, 401, 403, 404, 409) } } },
    (req) => items.updateItem(ctx, actorOf(req), req.params.id, req.body),
  );
  r.delete('/api/advocacy/items/:id', { schema: { tags, params: IdParams, response: { 200: Ok, ...errors(400, 401, 403, 404) } } }, (req) =>
    items.archiveItem(ctx, actorOf(req), req.params.id),
  );
}
