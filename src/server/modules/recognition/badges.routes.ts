import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { actorOf, errors, IdParams } from '../../platform/http.js';
import * as badges from './badges.service.js';
import * as s from './badges.schemas.js';

/** Badges (rules and custom), the badge case, recognition preferences and milestones. */
export async function badgeRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['recognition'];
  const adminBadge = { 200: s.AdminBadge, ...errors(400, 401, 403, 404, 409) };

  r.get(
    '/api/people/:id/badges',
    { schema: { tags, params: IdParams, response: { 200: s.BadgeCase, ...errors(400, 401, 403, 404) } } },
    (req) => badges.personBadges(ctx, actorOf(req), req.params.id),
  );
  r.patch(
    '/api/me/badges/:badgeId',
    { schema: { tags, params: s.BadgeParams, body: s.HideBadge, response: { 200: s.BadgeCaseItem, ...errors(400, 401, 403, 404) } } },
    (req) => badges.setOwnBadgeHidden(ctx, actorOf(req), req.params.badgeId, req.body.hidden),
  );

  r.get('/api/me/recognition-prefs', { schema: { tags, response: { 200: s.RecognitionPrefs, ...errors(401, 403) } } }, (req) =>
    badges.getPrefs(ctx, actorOf(req)),
  );
  r.patch(
    '/api/me/recognition-prefs',
    { schema: { tags, body: s.RecognitionPrefsPatch, response: { 200: s.RecognitionPrefs, ...errors(400, 401, 403) } } },
    (req) => badges.updatePrefs(ctx, actorOf(req), req.body),
  );

  r.get('/api/admin/badges', { schema: { tags, response: { 200: s.AdminBadgeList, ...errors(401, 403) } } }, (req) =>
    badges.listBadges(ctx, actorOf(req)),
  );
  r.post(
    '/api/admin/badges',
    { schema: { tags, body: s.NewBadge, response: { 201: s.AdminBadge, ...errors(400, 401, 403, 409) } } },
    async (req, reply) => reply.status(201).send(await badges.createBadge(ctx, actorOf(req), req.body)),
  );
  r.patch('/api/admin/badges/:id', { schema: { tags, params: IdParams, body: s.BadgePatch, response: adminBadge } }, (req) =>
    badges.updateBadge(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/admin/badges/:id/award',
    {
      schema: { tags, params: IdParams, body: s.AwardBadge, response: { 200: s.AwardBadgeResult, ...errors(400, 401, 403, 404, 422) } },
    },
    (req) => badges.awardBadge(ctx, actorOf(req), req.params.id, req.body),
  );
}
