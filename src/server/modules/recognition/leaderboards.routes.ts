import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { actorOf, errors } from '../../platform/http.js';
import { recognitionInsights, unrecognisedPeople } from './insights.service.js';
import { leaderboard } from './leaderboards.service.js';
import * as s from './leaderboards.schemas.js';

/** Leaderboards and recognition insights. */
export async function leaderboardRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['recognition'];

  r.get(
    '/api/leaderboards',
    { schema: { tags, querystring: s.LeaderboardQuery, response: { 200: s.LeaderboardView, ...errors(400, 401, 403, 404) } } },
    (req) => leaderboard(ctx, actorOf(req), req.query),
  );
  r.get(
    '/api/insights/recognition',
    { schema: { tags, querystring: s.InsightsQuery, response: { 200: s.InsightsView, ...errors(400, 401, 403, 404) } } },
    (req) => recognitionInsights(ctx, actorOf(req), req.query),
  );
  r.get(
    '/api/insights/recognition/unrecognised',
    { schema: { tags, querystring: s.UnrecognisedQuery, response: { 200: s.UnrecognisedPage, ...errors(400, 401, 403, 404) } } },
    (req) => unrecognisedPeople(ctx, actorOf(req), req.query),
  );
}
