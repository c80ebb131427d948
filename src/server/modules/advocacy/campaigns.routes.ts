import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { actorOf, errors, IdParams, Ok } from '../../platform/http.js';
import * as campaigns from './campaigns.service.js';
import * as s from './campaigns.schemas.js';

/** Campaigns: shareable items grouped for an audience, with a goal. */
export async function campaignRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['advocacy'];

  r.get(
    '/api/advocacy/campaigns',
    { schema: { tags, querystring: s.CampaignListQuery, response: { 200: s.CampaignPage, ...errors(400, 401, 403) } } },
    (req) => campaigns.listCampaigns(ctx, actorOf(req), req.query),
  );
  r.post(
    '/api/advocacy/campaigns',
    { schema: { tags, body: s.NewCampaign, response: { 201: s.CampaignView, ...errors(400, 401, 403) } } },
    async (req, reply) => reply.status(201).send(await campaigns.createCampaign(ctx, actorOf(req), req.body)),
  );
  r.get(
    '/api/advocacy/campaigns/:id',
    { schema: { tags, params: IdParams, response: { 200: s.CampaignView, ...errors(400, 401, 403, 404) } } },
    (req) => campaigns.getCampaign(ctx, actorOf(req), req.params.id),
  );
  r.patch(
    '/api/advocacy/campaigns/:id',
    { schema: { tags, params: IdParams, body: s.CampaignPatch, response: { 200: s.CampaignView, ...errors(400, 401, 403, 404, 409) } } },
    (req) => campaigns.updateCampaign(ctx, actorOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/advocacy/campaigns/:id',
    { schema: { tags, params: IdParams, response: { 200: Ok, ...errors(400, 401, 403, 404) } } },
    (req) => campaigns.archiveCampaign(ctx, actorOf(req), req.params.id),
  );
}
