import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Ctx } from '../../platform/context.js';
import { DateTime, IdParams, Nullable } from '../../platform/http.js';
import * as bench from './bench.service.js';

const Constant = Type.Object({ ok: Type.Literal(true) });
const Row = Type.Object({
  id: Type.String(),
  name: Type.String(),
  host: Nullable(Type.String()),
  defaultLocale: Type.String(),
  createdAt: DateTime,
});

/**
 * Baselines for `npm run bench`, registered only when BENCH_ROUTES is set: the cost of the
 * framework alone, and of one primary-key read through Kysely. Real endpoints are reported as a
 * ratio of these, so the figures mean the same on any machine. They go through the same plugins
 * (helmet, rate limit, error handling) as the API but skip the session lookup.
 */
export async function benchRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/bench/constant', { schema: { hide: true, response: { 200: Constant } } }, () => ({ ok: true as const }));
  r.get('/bench/row/:id', { schema: { hide: true, params: IdParams, response: { 200: Row } } }, (req) => bench.oneRow(ctx, req.params.id));
}
