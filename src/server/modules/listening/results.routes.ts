import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { actorOf, errors } from '../../platform/http.js';
import * as results from './results.service.js';
import * as s from './results.schemas.js';

/** Results requests per viewer and route: enough for browsing, too few for walking every combination. */
const limited = { rateLimit: { max: 120, timeWindow: 10 * 60_000 } };

/** Results: released cells only, through the anonymity ledger. */
export async function resultRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['listening'];
  const base = '/api/listening';

  r.get(
    `${base}/results/surveys`,
    { config: limited, schema: { tags, querystring: s.ListQuery, response: { 200: s.ResultSurveys, ...errors(400, 401, 403, 429) } } },
    (req) => results.resultSurveys(ctx, actorOf(req), req.query),
  );
  r.get(
    `${base}/surveys/:surveyId/results/overview`,
    { config: limited, schema: { tags, params: s.SurveyParams, response: { 200: s.Overview, ...errors(400, 401, 403, 404, 429) } } },
    (req) => results.overview(ctx, actorOf(req), req.params.surveyId),
  );
  r.get(
    `${base}/surveys/:surveyId/results`,
    {
      config: limited,
      schema: {
        tags,
        description:
          'The filter’s cell, then its breakdown. A cell is shown only when the release ledger allows it; managers always see their own line only.',
        params: s.SurveyParams,
        querystring: s.ResultsQuery,
        response: { 200: s.Results, ...errors(400, 401, 403, 404, 429) },
      },
    },
    (req) => results.results(ctx, actorOf(req), req.params.surveyId, req.query),
  );
  r.get(
    `${base}/surveys/:surveyId/trend`,
    {
      config: limited,
      schema: { tags, params: s.SurveyParams, querystring: s.TrendQuery, response: { 200: s.Trend, ...errors(400, 401, 403, 404, 429) } },
    },
    (req) => results.trend(ctx, actorOf(req), req.params.surveyId, req.query),
  );
  r.get(
    `${base}/surveys/:surveyId/comments`,
    {
      config: limited,
      schema: {
        tags,
        params: s.SurveyParams,
        querystring: s.CommentsQuery,
        response: { 200: s.Comments, ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (req, reply) => {
      const page = await results.comments(ctx, actorOf(req), req.params.surveyId, req.query);
      return reply.header('cache-control', 'no-store').send(page);
    },
  );
  r.get(
    `${base}/surveys/:surveyId/results.csv`,
    {
      config: limited,
      schema: {
        tags,
        produces: ['text/csv'],
        params: s.SurveyParams,
        querystring: s.ResultsQuery,
        response: { 200: s.ResultsCsv, ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (req, reply) => {
      const csv = await results.resultsCsv(ctx, actorOf(req), req.params.surveyId, req.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="results.csv"')
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );
  r.get(
    `${base}/surveys/:surveyId/responses`,
    {
      config: limited,
      schema: {
        tags,
        description: 'Attributed surveys only: each person’s answers, for HR and administrators.',
        params: s.SurveyParams,
        querystring: s.ResponsesQuery,
        response: { 200: s.Responses, ...errors(400, 401, 403, 404, 429) },
      },
    },
    (req) => results.responses(ctx, actorOf(req), req.params.surveyId, req.query),
  );
}
