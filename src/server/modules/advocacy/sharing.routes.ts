import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { actorOf, errors, IdParams } from '../../platform/http.js';
import * as s from './sharing.schemas.js';
import * as sharing from './sharing.service.js';

/** Sharing: a person's share of an item to a network, with their tracked link. */
export async function sharingRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['advocacy'];

  r.post(
    '/api/advocacy/items/:id/shares',
    {
      schema: {
        tags,
        summary: 'Share an item to a network',
        description:
          'Returns the person’s tracked address for the item and network and the network’s share page (or an e-mail draft) with their text. The text is not stored.',
        params: IdParams,
        body: s.ShareBody,
        response: { 201: s.ShareResultSchema, ...errors(400, 401, 403, 404, 409, 410, 422) },
      },
    },
    async (req, reply) => reply.status(201).send(await sharing.share(ctx, actorOf(req), req.params.id, req.body)),
  );
}
