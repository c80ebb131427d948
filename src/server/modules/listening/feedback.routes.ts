import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { actorOf, errors, Ok } from '../../platform/http.js';
import * as feedback from './feedback.service.js';
import * as s from './feedback.schemas.js';

/**
 * Anonymous feedback conversations.
 *
 * Writer routes (under /feedback/threads and /feedback/thread) name the thread only by the writer's
 * key, in the `x-feedback-key` header, never in the URL; they are registered with logging off, so
 * that no request line (address, request id, time) is ever written for them. Their rate limits count
 * by a keyed hash of the person, never by their id. Recipient routes (/feedback/inbox) are ordinary.
 */
export async function feedbackRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['listening'];
  const writer = { logLevel: 'silent' as const };
  const byWriter = (req: FastifyRequest) => feedback.writerLimitKey(req.actor?.userId);
  const keyOf = (req: { headers: { [s.KEY_HEADER]?: string | undefined } }) => req.headers[s.KEY_HEADER];

  r.get('/api/listening/feedback/options', { ...writer, schema: { tags, response: { 200: s.Options, ...errors(401, 403) } } }, (req) =>
    feedback.writerOptions(ctx, actorOf(req)),
  );
  r.post(
    '/api/listening/feedback/threads',
    {
      ...writer,
      config: { rateLimit: { max: 5, timeWindow: 24 * 60 * 60_000, keyGenerator: byWriter } },
      schema: { tags, body: s.NewThread, response: { 201: s.Started, ...errors(400, 401, 403, 422, 429) } },
    },
    async (req, reply) => reply.status(201).send(await feedback.startThread(ctx, actorOf(req), req.body)),
  );
  r.post(
    '/api/listening/feedback/threads/mine',
    {
      ...writer,
      config: { rateLimit: { max: 300, timeWindow: 60 * 60_000, keyGenerator: byWriter } },
      schema: { tags, body: s.MineBody, response: { 200: s.WriterThreads, ...errors(400, 401, 403, 429) } },
    },
    (req) => feedback.myThreads(ctx, actorOf(req), req.body.keys),
  );
  r.get(
    '/api/listening/feedback/thread',
    {
      ...writer,
      schema: { tags, headers: s.KeyHeaders, querystring: s.ThreadQuery, response: { 200: s.WriterThread, ...errors(400, 401, 403, 404) } },
    },
    (req) => feedback.writerThread(ctx, actorOf(req), keyOf(req), req.query.before),
  );
  r.post(
    '/api/listening/feedback/thread/messages',
    {
      ...writer,
      config: { rateLimit: { max: 60, timeWindow: 60 * 60_000, keyGenerator: byWriter } },
      schema: {
        tags,
        headers: s.KeyHeaders,
        body: s.NewMessage,
        response: { 201: s.WriterThread, ...errors(400, 401, 403, 404, 409, 429) },
      },
    },
    async (req, reply) => reply.status(201).send(await feedback.writerReply(ctx, actorOf(req), keyOf(req), req.body.body)),
  );
  r.post(
    '/api/listening/feedback/thread/read',
    { ...writer, schema: { tags, headers: s.KeyHeaders, response: { 200: Ok, ...errors(401, 403, 404) } } },
    (req) => feedback.writerMarkRead(ctx, actorOf(req), keyOf(req)),
  );
  r.post(
    '/api/listening/feedback/thread/reveal',
    { ...writer, schema: { tags, headers: s.KeyHeaders, response: { 200: s.WriterThread, ...errors(401, 403, 404, 409) } } },
    (req) => feedback.revealWriter(ctx, actorOf(req), keyOf(req)),
  );

  r.get(
    '/api/listening/feedback/inbox',
    { schema: { tags, querystring: s.InboxQuery, response: { 200: s.InboxPage, ...errors(400, 401, 403) } } },
    (req) => feedback.inbox(ctx, actorOf(req), req.query),
  );
  r.get('/api/listening/feedback/inbox/summary', { schema: { tags, response: { 200: s.InboxSummary, ...errors(401, 403) } } }, (req) =>
    feedback.inboxSummary(ctx, actorOf(req)),
  );
  r.get(
    '/api/listening/feedback/inbox/:threadId',
    {
      schema: {
        tags,
        params: s.ThreadParams,
        querystring: s.ThreadQuery,
        response: { 200: s.RecipientThread, ...errors(400, 401, 403, 404) },
      },
    },
    (req) => feedback.recipientThread(ctx, actorOf(req), req.params.threadId, req.query.before),
  );
  r.post(
    '/api/listening/feedback/inbox/:threadId/messages',
    {
      config: { rateLimit: { max: 120, timeWindow: 60 * 60_000 } },
      schema: {
        tags,
        params: s.ThreadParams,
        body: s.NewMessage,
        response: { 201: s.RecipientThread, ...errors(400, 401, 403, 404, 409, 429) },
      },
    },
    async (req, reply) => reply.status(201).send(await feedback.recipientReply(ctx, actorOf(req), req.params.threadId, req.body.body)),
  );
  r.post(
    '/api/listening/feedback/inbox/:threadId/close',
    { schema: { tags, params: s.ThreadParams, response: { 200: s.RecipientThread, ...errors(400, 401, 403, 404) } } },
    (req) => feedback.closeThread(ctx, actorOf(req), req.params.threadId),
  );
  r.post(
    '/api/listening/feedback/inbox/:threadId/reopen',
    { schema: { tags, params: s.ThreadParams, response: { 200: s.RecipientThread, ...errors(400, 401, 403, 404) } } },
    (req) => feedback.reopenThread(ctx, actorOf(req), req.params.threadId),
  );
  r.post(
    '/api/listening/feedback/inbox/:threadId/escalate',
    {
      schema: { tags, params: s.ThreadParams, body: s.Escalate, response: { 200: s.RecipientThread, ...errors(400, 401, 403, 404, 409) } },
    },
    (req) => feedback.escalateThread(ctx, actorOf(req), req.params.threadId, req.body.note),
  );
  r.post(
    '/api/listening/feedback/inbox/:threadId/block',
    { schema: { tags, params: s.ThreadParams, response: { 200: s.RecipientThread, ...errors(400, 401, 403, 404, 409) } } },
    (req) => feedback.blockThread(ctx, actorOf(req), req.params.threadId),
  );
}
