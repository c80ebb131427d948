import { createHmac, randomBytes } from 'node:crypto';
import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { actorOf, errors, IdParams, Ok } from '../../platform/http.js';
import * as amas from './amas.service.js';
import * as s from './amas.schemas.js';

/**
 * Asking is counted per person under a keyed hash of their id, with a key that lives only in this
 * process's memory, so that the counters (in memory or in Redis) never name anyone.
 */
const LIMIT_SECRET = randomBytes(32);
const askerKey = (req: FastifyRequest) =>
  `ama-ask:${createHmac('sha256', LIMIT_SECRET)
    .update(req.actor?.userId ?? '')
    .digest('base64url')}`;

/** Leadership AMAs: questions asked and upvoted beforehand, answered live. */
export async function amaRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['amas'];
  const detail = { 200: s.AmaDetail, ...errors(400, 401, 403, 404, 409) };

  r.get('/api/amas', { schema: { tags, querystring: s.AmaListQuery, response: { 200: s.AmaPage, ...errors(400, 401, 403) } } }, (req) =>
    amas.listAmas(ctx, actorOf(req), req.query),
  );
  r.post('/api/amas', { schema: { tags, body: s.NewAma, response: { 201: s.AmaDetail, ...errors(400, 401, 403) } } }, async (req, reply) =>
    reply.status(201).send(await amas.createAma(ctx, actorOf(req), req.body)),
  );
  r.get('/api/amas/:id', { schema: { tags, params: IdParams, response: { 200: s.AmaDetail, ...errors(400, 401, 403, 404) } } }, (req) =>
    amas.getAma(ctx, actorOf(req), req.params.id),
  );
  r.patch('/api/amas/:id', { schema: { tags, params: IdParams, body: s.AmaPatch, response: detail } }, (req) =>
    amas.updateAma(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post('/api/amas/:id/live', { schema: { tags, params: IdParams, response: detail } }, (req) =>
    amas.startAma(ctx, actorOf(req), req.params.id),
  );
  r.post('/api/amas/:id/end', { schema: { tags, params: IdParams, response: detail } }, (req) =>
    amas.endAma(ctx, actorOf(req), req.params.id),
  );

  r.get(
    '/api/amas/:id/questions',
    {
      schema: {
        tags,
        params: IdParams,
        querystring: s.QuestionListQuery,
        response: { 200: s.AmaQuestionPage, ...errors(400, 401, 403, 404) },
      },
    },
    (req) => amas.listQuestions(ctx, actorOf(req), req.params.id, req.query),
  );
  r.post(
    '/api/amas/:id/questions',
    {
      // No request line is logged: it would put the asker next to the moment an anonymous question appeared.
      logLevel: 'silent',
      config: { rateLimit: { max: 20, timeWindow: 10 * 60_000, keyGenerator: askerKey } },
      schema: { tags, params: IdParams, body: s.NewQuestion, response: { 201: s.AmaQuestion, ...errors(400, 401, 403, 404, 409, 429) } },
    },
    async (req, reply) => reply.status(201).send(await amas.askQuestion(ctx, actorOf(req), req.params.id, req.body)),
  );
  const vote = { 200: s.VoteState, ...errors(400, 401, 403, 404, 409) };
  r.put('/api/amas/questions/:id/vote', { schema: { tags, params: IdParams, response: vote } }, (req) =>
    amas.vote(ctx, actorOf(req), req.params.id, true),
  );
  r.delete('/api/amas/questions/:id/vote', { schema: { tags, params: IdParams, response: vote } }, (req) =>
    amas.vote(ctx, actorOf(req), req.params.id, false),
  );
  r.post(
    '/api/amas/questions/:id/answer',
    { schema: { tags, params: IdParams, body: s.NewAnswer, response: { 200: s.AmaQuestion, ...errors(400, 401, 403, 404) } } },
    (req) => amas.answerQuestion(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/amas/questions/:id/hide',
    { schema: { tags, params: IdParams, response: { 200: Ok, ...errors(400, 401, 403, 404) } } },
    (req) => amas.hideQuestion(ctx, actorOf(req), req.params.id),
  );
}
