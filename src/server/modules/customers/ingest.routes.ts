import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { actorOf, errors } from '../../platform/http.js';
import { ingest } from './ingest.service.js';
import * as s from './ingest.schemas.js';

/** A thousand items of each kind with long summaries and comments exceed the default body limit. */
const INGEST_BODY_LIMIT = 16 * 1024 * 1024;

/** The ingest API for integrations (API tokens). */

export async function ingestRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/api/customers/ingest',
    {
      bodyLimit: INGEST_BODY_LIMIT,
      config: { rateLimit: { max: 120, timeWindow: 60_000 } },
      schema: {
        tags: ['customers'],
        summary: 'Send accounts, contacts, interactions and customer feedback from another system',
        description:
          'Works with `Authorization: Bearer <API token>` (write scope) or a session. Accounts are upserted by externalId; contacts, interactions and feedback name their account by accountExternalId or accountId. Interactions and feedback with an externalId already received count as duplicates. All or nothing: when any item is invalid the answer is 400 INVALID_ITEMS listing each one ({ kind, index, code, message }) and nothing is written.',
        body: s.IngestBody,
        response: { 200: s.IngestResult, ...errors(400, 401, 403, 409, 413, 429) },
      },
    },
    (req) => ingest(ctx, actorOf(req), req.body),
  );
}
