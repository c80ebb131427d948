import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { actorOf, errors } from '../../platform/http.js';
import * as insights from './insights.service.js';
import * as s from './insights.schemas.js';

/** Insights for communications staff, with CSV exports. */
export async function advocacyInsightRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['advocacy'];

  r.get(
    '/api/advocacy/insights',
    { schema: { tags, querystring: s.InsightsQuery, response: { 200: s.AdvocacyInsights, ...errors(400, 401, 403, 404) } } },
    async (req, reply) => reply.header('cache-control', 'no-store').send(await insights.insights(ctx, actorOf(req), req.query)),
  );
  r.get(
    '/api/advocacy/insights.csv',
    {
      schema: {
        tags,
        produces: ['text/csv'],
        querystring: s.InsightsCsvQuery,
        response: { 200: s.InsightsCsv, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { csv, fileName } = await insights.insightsCsv(ctx, actorOf(req), req.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );
}
