import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { actorOf, errors } from '../../platform/http.js';
import * as s from './search.schemas.js';
import * as search from './search.service.js';

/** One search box for posts, comments, communities and people. */
export async function searchRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/search',
    { schema: { tags: ['search'], querystring: s.SearchQuery, response: { 200: s.SearchResult, ...errors(400, 401, 404) } } },
    (req) => search.search(ctx, actorOf(req), req.query),
  );
}
