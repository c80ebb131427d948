import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { badRequest } from '../../platform/errors.js';
import { actorOf, errors, Ok } from '../../platform/http.js';
import * as communities from './communities.service.js';
import * as s from './communities.schemas.js';

const ok = { ok: true as const };

/** Communities: listing, creating, settings, cover, membership, requests, invitations, roles and bans. */
export async function communityRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['communities'];
  const params = s.CommunityParams;

  r.get(
    '/api/communities',
    { schema: { tags, querystring: s.ListQuery, response: { 200: s.CommunityPage, ...errors(400, 401) } } },
    (req) => communities.list(ctx, actorOf(req), req.query),
  );
  r.get(
    '/api/communities/suggest',
    { schema: { tags, querystring: s.SuggestQuery, response: { 200: s.Suggestions, ...errors(400, 401) } } },
    (req) => communities.suggest(ctx, actorOf(req), req.query),
  );
  r.post(
    '/api/communities',
    {
      config: { rateLimit: { max: 30, timeWindow: 60 * 60_000 } },
      schema: { tags, body: s.NewCommunity, response: { 201: s.CommunityView, ...errors(400, 401, 403, 409) } },
    },
    async (req, reply) => reply.status(201).send(await communities.create(ctx, actorOf(req), req.body)),
  );
  r.get('/api/communities/:id', { schema: { tags, params, response: { 200: s.CommunityView, ...errors(401, 404) } } }, (req) =>
    communities.get(ctx, actorOf(req), req.params.id),
  );
  r.patch(
    '/api/communities/:id',
    { schema: { tags, params, body: s.CommunityPatch, response: { 200: s.CommunityView, ...errors(400, 401, 403, 404, 409) } } },
    (req) => communities.update(ctx, actorOf(req), req.params.id, req.body),
  );

  r.put(
    '/api/communities/:id/cover',
    {
      config: { rateLimit: { max: 30, timeWindow: 30 * 60_000 } },
      schema: { tags, params, consumes: ['multipart/form-data'], response: { 200: s.CommunityView, ...errors(400, 401, 403, 404, 413) } },
    },
    (req) =>
      communities.setCover(ctx, actorOf(req), req.params.id, async () => {
        const file = await req.file({ limits: { fileSize: 10_000_000, files: 1 } });
        if (!file) {
          throw badRequest('FILE_MISSING', 'Choose a picture to upload.');
        }
        return file.toBuffer();
      }),
  );
  r.delete(
    '/api/communities/:id/cover',
    { schema: { tags, params, response: { 200: s.CommunityView, ...errors(401, 403, 404) } } },
    (req) => communities.removeCover(ctx, actorOf(req), req.params.id),
  );
  r.get('/api/communities/:id/cover', { schema: { tags, params } }, async (req, reply) => {
    const data = await communities.getCover(ctx, actorOf(req), req.params.id);
    return reply.type('image/webp').header('cache-control', 'private, max-age=86400').header('content-disposition', 'inline').send(data);
  });

  r.post(
    '/api/communities/:id/join',
    { schema: { tags, params, response: { 200: s.CommunityView, ...errors(401, 403, 404, 409) } } },
    (req) => communities.join(ctx, actorOf(req), req.params.id),
  );
  r.post(
    '/api/communities/:id/request',
    { schema: { tags, params, response: { 200: s.CommunityView, ...errors(401, 403, 404, 409) } } },
    (req) => communities.request(ctx, actorOf(req), req.params.id),
  );
  r.post('/api/communities/:id/leave', { schema: { tags, params, response: { 200: Ok, ...errors(401, 404, 409) } } }, async (req) => {
    await communities.leave(ctx, actorOf(req), req.params.id);
    return ok;
  });

  r.get(
    '/api/communities/:id/members',
    { schema: { tags, params, querystring: s.MemberQuery, response: { 200: s.MemberPage, ...errors(400, 401, 403, 404) } } },
    (req) => communities.members(ctx, actorOf(req), req.params.id, req.query),
  );
  r.post(
    '/api/communities/:id/members',
    {
      config: { rateLimit: { max: 100, timeWindow: 60 * 60_000 } },
      schema: { tags, params, body: s.Invite, response: { 200: s.Invited, ...errors(400, 401, 403, 404, 409) } },
    },
    (req) => communities.invite(ctx, actorOf(req), req.params.id, req.body.userIds),
  );
  r.patch(
    '/api/communities/:id/members/:userId',
    { schema: { tags, params: s.MemberParams, body: s.RolePatch, response: { 200: s.MemberView, ...errors(400, 401, 403, 404, 409) } } },
    (req) => communities.setRole(ctx, actorOf(req), req.params.id, req.params.userId, req.body.role),
  );
  r.delete(
    '/api/communities/:id/members/:userId',
    { schema: { tags, params: s.MemberParams, response: { 200: Ok, ...errors(401, 403, 404, 409) } } },
    async (req) => {
      await communities.remove(ctx, actorOf(req), req.params.id, req.params.userId);
      return ok;
    },
  );
  for (const action of ['approve', 'ban', 'unban'] as const) {
    r.post(
      `/api/communities/:id/members/:userId/${action}`,
      { schema: { tags, params: s.MemberParams, response: { 200: Ok, ...errors(400, 401, 403, 404, 409) } } },
      async (req) => {
        await communities[action](ctx, actorOf(req), req.params.id, req.params.userId);
        return ok;
      },
    );
  }
}
