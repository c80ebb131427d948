import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { badRequest } from '../../platform/errors.js';
import { actorOf, errors, IdParams, Ok } from '../../platform/http.js';
import { ipKey } from '../../platform/ip.js';
import * as s from './webhooks.schemas.js';
import * as webhooks from './webhooks.service.js';

/** One delivery is one answer: 64 KB leaves room for a long comment with markup. */
const RECEIVE_LIMIT = 64 * 1024;

/** Deliveries per sending address per minute: a CRM replaying a backlog fits, a flood does not. */
const RECEIVE_PER_MINUTE = 600;

/** Inbound webhooks: their administration and the signed receiving endpoint. */
export async function webhookRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['customers'];

  r.get(
    '/api/customers/webhooks',
    { schema: { tags, summary: 'Inbound webhooks', response: { 200: s.WebhookList, ...errors(401, 403) } } },
    (req) => webhooks.listWebhooks(ctx, actorOf(req)),
  );
  r.post(
    '/api/customers/webhooks',
    {
      schema: {
        tags,
        summary: 'Create an inbound webhook',
        description: 'Returns the shared secret once; it signs every delivery (see the receive route).',
        body: s.NewWebhook,
        response: { 201: s.CreatedWebhook, ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => reply.status(201).send(await webhooks.createWebhook(ctx, actorOf(req), req.body)),
  );
  r.delete(
    '/api/customers/webhooks/:id',
    { schema: { tags, summary: 'Revoke an inbound webhook', params: IdParams, response: { 200: Ok, ...errors(400, 401, 403, 404) } } },
    (req) => webhooks.revokeWebhook(ctx, actorOf(req), req.params.id),
  );

  // The signature covers the body exactly as sent, so this route reads it raw; the parser is scoped to it.
  await app.register(async (scope) => {
    const raw = new WeakMap<FastifyRequest, Buffer>();
    const verified = new WeakMap<FastifyRequest, webhooks.VerifiedHook>();
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: RECEIVE_LIMIT }, (req, body, done) => {
      const buf = Buffer.isBuffer(body) ? body : Buffer.from(body);
      raw.set(req, buf);
      try {
        done(null, buf.length === 0 ? undefined : (JSON.parse(buf.toString('utf8')) as unknown));
      } catch {
        done(badRequest('MALFORMED_JSON', 'The request body is not valid JSON.'), undefined);
      }
    });

    scope.withTypeProvider<TypeBoxTypeProvider>().post(
      '/api/customers/webhooks/:id/receive',
      {
        bodyLimit: RECEIVE_LIMIT,
        config: {
          rateLimit: { max: RECEIVE_PER_MINUTE, timeWindow: '1 minute', keyGenerator: (req: FastifyRequest) => `webhook:${ipKey(req.ip)}` },
        },
        schema: {
          tags,
          summary: 'Receive customer feedback from a CRM or help desk',
          description:
            'No session. Headers `x-tessuto-timestamp: <unix seconds>` and `x-tessuto-signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>`; the timestamp must be within 5 minutes of the server’s clock. The same `externalId` again answers `duplicate: true`.',
          security: [],
          params: IdParams,
          headers: s.ReceiveHeaders,
          body: s.ReceiveBody,
          response: { 202: s.Received, ...errors(400, 401, 404, 413, 429) },
        },
        // Before the body is even validated: unknown webhooks answer 404, unsigned deliveries 401.
        preValidation: async (req) => {
          const { id } = req.params;
          const header = (name: string) => {
            const v = req.headers[name];
            return typeof v === 'string' ? v : undefined;
          };
          const hook = await webhooks.verifyDelivery(
            ctx,
            req.org?.id ?? null,
            id,
            { timestamp: header('x-tessuto-timestamp'), signature: header('x-tessuto-signature') },
            raw.get(req) ?? Buffer.alloc(0),
          );
          verified.set(req, hook);
        },
      },
      async (req, reply) => {
        const hook = verified.get(req);
        if (!hook) {
          throw new Error('webhook delivery reached its handler unverified');
        }
        return reply.status(202).send(await webhooks.receive(ctx, hook, req.body));
      },
    );
  });
}
