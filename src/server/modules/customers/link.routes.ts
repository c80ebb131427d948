import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { actorOf, errors } from '../../platform/http.js';
import * as link from './link.service.js';
import * as s from './link.schemas.js';

/** The employee–customer link, with a CSV export. */
export async function linkRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['customers'];

  r.get(
    '/api/customers/link',
    { schema: { tags, querystring: s.LinkQuery, response: { 200: s.LinkResult, ...errors(400, 401, 403) } } },
    (req) => link.link(ctx, actorOf(req), req.query),
  );
  r.get(
    '/api/customers/link/over-time',
    { schema: { tags, querystring: s.OverTimeQuery, response: { 200: s.OverTime, ...errors(400, 401, 403) } } },
    (req) => link.linkOverTime(ctx, actorOf(req), req.query),
  );
  r.get(
    '/api/customers/link.csv',
    {
      schema: { tags, produces: ['text/csv'], querystring: s.LinkQuery, response: { 200: s.LinkCsv, ...errors(400, 401, 403) } },
    },
    async (req, reply) => {
      const csv = await link.linkCsv(ctx, actorOf(req), req.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="link.csv"')
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );
}
