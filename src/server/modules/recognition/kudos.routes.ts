import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { actorOf, errors, IdParams } from '../../platform/http.js';
import * as kudos from './kudos.service.js';
import * as s from './kudos.schemas.js';

/** Kudos: giving, reading, the giver's points, fairness flags. */
export async function kudosRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['recognition'];
  /** A public kudos is a post: the per-person writing limit of posts applies to giving too. */
  const max = ctx.config.contentRateLimit;
  const writingLimit: { rateLimit?: { max: number; timeWindow: number } } = max > 0 ? { rateLimit: { max, timeWindow: 10 * 60_000 } } : {};

  r.get('/api/recognition/me', { schema: { tags, response: { 200: s.RecognitionMe, ...errors(401, 403) } } }, (req) =>
    kudos.recognitionMe(ctx, actorOf(req)),
  );
  r.post(
    '/api/kudos',
    {
      config: writingLimit,
      schema: {
        tags,
        headers: s.IdempotencyHeaders,
        body: s.NewKudos,
        response: { 200: s.KudosView, 201: s.KudosView, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      const { created, kudos: view } = await kudos.giveKudos(ctx, actorOf(req), req.body, req.headers['idempotency-key']);
      return reply.status(created ? 201 : 200).send(view);
    },
  );
  r.get('/api/kudos/:id', { schema: { tags, params: IdParams, response: { 200: s.KudosView, ...errors(400, 401, 403, 404) } } }, (req) =>
    kudos.getKudos(ctx, actorOf(req), req.params.id),
  );
  r.get(
    '/api/people/:id/kudos',
    { schema: { tags, params: IdParams, querystring: s.PersonKudosQuery, response: { 200: s.KudosPage, ...errors(400, 401, 403, 404) } } },
    (req) => kudos.personKudos(ctx, actorOf(req), req.params.id, req.query),
  );
  r.get(
    '/api/me/points/history',
    { schema: { tags, querystring: s.PageQuery, response: { 200: s.LedgerPage, ...errors(400, 401, 403) } } },
    (req) => kudos.pointsHistory(ctx, actorOf(req), req.query),
  );
  r.get(
    '/api/admin/recognition/flags',
    { schema: { tags, querystring: s.FlagQuery, response: { 200: s.FlagPage, ...errors(400, 401, 403) } } },
    (req) => kudos.listFlags(ctx, actorOf(req), req.query),
  );
  r.post(
    '/api/admin/recognition/flags/:id/resolve',
    { schema: { tags, params: IdParams, body: s.ResolveFlag, response: { 200: s.FlagView, ...errors(400, 401, 403, 404, 409) } } },
    (req) => kudos.resolveFlag(ctx, actorOf(req), req.params.id, req.body),
  );
}
