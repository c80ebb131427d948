import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { actorOf, errors } from '../../platform/http.js';
import * as loyalty from './loyalty.service.js';
import * as s from './loyalty.schemas.js';

/** Loyalty measures per period, with a CSV export. */
export async function loyaltyRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['customers'];

  r.get(
    '/api/customers/loyalty',
    { schema: { tags, querystring: s.LoyaltyQuery, response: { 200: s.LoyaltyResult, ...errors(400, 401, 403, 404) } } },
    (req) => loyalty.loyalty(ctx, actorOf(req), req.query),
  );
  r.get(
    '/api/customers/loyalty/units',
    { schema: { tags, querystring: s.UnitsQuery, response: { 200: s.UnitsPage, ...errors(400, 401, 403) } } },
    (req) => loyalty.loyaltyUnits(ctx, actorOf(req), req.query),
  );
  r.get(
    '/api/customers/loyalty.csv',
    {
      schema: {
        tags,
        produces: ['text/csv'],
        querystring: s.LoyaltyCsvQuery,
        response: { 200: s.LoyaltyCsv, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const csv = await loyalty.loyaltyCsv(ctx, actorOf(req), req.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="loyalty.csv"')
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );
}
