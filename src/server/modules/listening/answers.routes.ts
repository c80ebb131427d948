import { createHmac, randomBytes } from 'node:crypto';
import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { actorOf, errors, Ok } from '../../platform/http.js';
import * as answers from './answers.service.js';
import * as s from './answers.schemas.js';

/**
 * Counts answers per person under a keyed hash of their id (the key lives in this process only), so
 * that the rate-limit store, Redis included, never holds who sent an answer and when.
 */
const limitKey = randomBytes(32);
const answerLimitKey = (req: FastifyRequest) =>
  `answers:${createHmac('sha256', limitKey)
    .update(req.actor?.userId ?? '')
    .digest('base64url')}`;

/** Answering: what is open for me, how anonymous it is, and submitting answers. */
export async function answerRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['listening'];

  r.get('/api/listening/me/open', { schema: { tags, response: { 200: s.MyOpen, ...errors(401, 403) } } }, (req) =>
    answers.myOpen(ctx, actorOf(req)),
  );
  // Opening a round to answer it is as telling as the answer's timing: none of these requests is logged.
  r.get(
    '/api/listening/rounds/:roundId',
    {
      logLevel: 'silent',
      schema: { tags, params: s.RoundParams, querystring: s.RoundQuery, response: { 200: s.RoundView, ...errors(400, 401, 403, 404) } },
    },
    (req) => answers.roundView(ctx, actorOf(req), req.params.roundId, req.query.lang),
  );
  r.get(
    '/api/listening/rounds/:roundId/identifying-terms',
    {
      logLevel: 'silent',
      schema: { tags, params: s.RoundParams, response: { 200: s.IdentifyingTerms, ...errors(400, 401, 403, 404) } },
    },
    (req) => answers.identifyingTerms(ctx, actorOf(req), req.params.roundId),
  );
  r.post(
    '/api/listening/rounds/:roundId/answers',
    {
      // No request line, no error line: nothing in the logs ties this answer to a person, address or moment.
      logLevel: 'silent',
      config: { rateLimit: { max: 30, timeWindow: 10 * 60_000, keyGenerator: answerLimitKey } },
      schema: {
        tags,
        params: s.RoundParams,
        body: s.NewAnswers,
        response: { 201: Ok, ...errors(400, 401, 403, 404, 409, 429) },
      },
    },
    async (req, reply) => reply.status(201).send(await answers.submitAnswers(ctx, actorOf(req), req.params.roundId, req.body)),
  );
}
