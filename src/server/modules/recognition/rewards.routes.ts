import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { badRequest } from '../../platform/errors.js';
import { actorOf, errors, IdParams } from '../../platform/http.js';
import * as admin from './recognition.admin.service.js';
import * as rewards from './rewards.service.js';
import * as s from './rewards.schemas.js';

/** Rewards, redemptions and company awards; company values, recognition settings and allowance rules. */
export async function rewardRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['recognition'];
  const params = IdParams;

  // The catalogue and redeeming.
  r.get(
    '/api/rewards',
    { schema: { tags, querystring: s.RewardQuery, response: { 200: s.RewardPage, ...errors(400, 401, 403) } } },
    (req) => rewards.listRewards(ctx, actorOf(req), req.query),
  );
  r.get('/api/rewards/:id/image', { schema: { tags, params } }, async (req, reply) => {
    const data = await rewards.rewardImage(ctx, actorOf(req), req.params.id);
    return reply.type('image/webp').header('cache-control', 'private, max-age=86400').header('content-disposition', 'inline').send(data);
  });
  r.post(
    '/api/rewards/:id/redeem',
    {
      schema: {
        tags,
        params,
        headers: s.IdempotencyHeaders,
        response: { 200: s.Redemption, 201: s.Redemption, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      const { redemption, replayed } = await rewards.redeem(ctx, actorOf(req), req.params.id, req.headers['idempotency-key']);
      return reply.status(replayed ? 200 : 201).send(redemption);
    },
  );
  r.get(
    '/api/me/redemptions',
    { schema: { tags, querystring: s.PageQuery, response: { 200: s.RedemptionPage, ...errors(400, 401, 403) } } },
    (req) => rewards.myRedemptions(ctx, actorOf(req), req.query),
  );

  // Catalogue management.
  r.post(
    '/api/admin/rewards',
    { schema: { tags, body: s.NewReward, response: { 201: s.Reward, ...errors(400, 401, 403) } } },
    async (req, reply) => reply.status(201).send(await rewards.createReward(ctx, actorOf(req), req.body)),
  );
  r.patch(
    '/api/admin/rewards/:id',
    { schema: { tags, params, body: s.RewardPatch, response: { 200: s.Reward, ...errors(400, 401, 403, 404) } } },
    (req) => rewards.updateReward(ctx, actorOf(req), req.params.id, req.body),
  );
  r.put(
    '/api/admin/rewards/:id/image',
    {
      config: { rateLimit: { max: 60, timeWindow: 30 * 60_000 } },
      schema: { tags, params, consumes: ['multipart/form-data'], response: { 200: s.Reward, ...errors(400, 401, 403, 404, 413) } },
    },
    (req) =>
      rewards.setRewardImage(ctx, actorOf(req), req.params.id, async () => {
        const file = await req.file({ limits: { fileSize: 10_000_000, files: 1 } });
        if (!file) {
          throw badRequest('FILE_MISSING', 'Choose a picture to upload.');
        }
        return file.toBuffer();
      }),
  );
  r.delete('/api/admin/rewards/:id/image', { schema: { tags, params, response: { 200: s.Reward, ...errors(401, 403, 404) } } }, (req) =>
    rewards.removeRewardImage(ctx, actorOf(req), req.params.id),
  );

  // Redemptions to decide.
  r.get(
    '/api/admin/redemptions',
    { schema: { tags, querystring: s.RedemptionQuery, response: { 200: s.RedemptionPage, ...errors(400, 401, 403) } } },
    (req) => rewards.adminRedemptions(ctx, actorOf(req), req.query),
  );
  for (const [action, status] of [
    ['approve', 'approved'],
    ['refuse', 'refused'],
  ] as const) {
    r.post(
      `/api/admin/redemptions/:id/${action}`,
      {
        // A decision without a note may come with no body at all.
        preValidation: async (req) => {
          req.body ??= {};
        },
        schema: { tags, params, body: s.Decision, response: { 200: s.Redemption, ...errors(400, 401, 403, 404, 409) } },
      },
      (req) => rewards.decide(ctx, actorOf(req), req.params.id, status, req.body),
    );
  }

  // Company awards.
  r.post(
    '/api/admin/awards',
    { schema: { tags, body: s.NewAward, response: { 201: s.Award, ...errors(400, 401, 403, 404, 422) } } },
    async (req, reply) => reply.status(201).send(await rewards.grantAward(ctx, actorOf(req), req.body)),
  );
  r.get(
    '/api/admin/awards',
    { schema: { tags, querystring: s.PageQuery, response: { 200: s.AwardPage, ...errors(400, 401, 403) } } },
    (req) => rewards.listAwards(ctx, actorOf(req), req.query),
  );

  // Company values.
  r.get('/api/admin/values', { schema: { tags, response: { 200: s.AdminValueList, ...errors(401, 403) } } }, (req) =>
    admin.listValues(ctx, actorOf(req)),
  );
  r.post(
    '/api/admin/values',
    { schema: { tags, body: s.NewValue, response: { 201: s.AdminValue, ...errors(400, 401, 403, 409) } } },
    async (req, reply) => reply.status(201).send(await admin.createValue(ctx, actorOf(req), req.body)),
  );
  r.patch(
    '/api/admin/values/:id',
    { schema: { tags, params, body: s.ValuePatch, response: { 200: s.AdminValue, ...errors(400, 401, 403, 404, 409) } } },
    (req) => admin.updateValue(ctx, actorOf(req), req.params.id, req.body),
  );

  // Recognition settings.
  r.get('/api/admin/recognition/settings', { schema: { tags, response: { 200: s.Settings, ...errors(401, 403) } } }, (req) =>
    admin.getSettings(ctx, actorOf(req)),
  );
  r.patch(
    '/api/admin/recognition/settings',
    { schema: { tags, body: s.SettingsPatch, response: { 200: s.Settings, ...errors(400, 401, 403) } } },
    (req) => admin.updateSettings(ctx, actorOf(req), req.body),
  );

  // Allowance rules.
  const allowances = { 200: s.Allowances, ...errors(400, 401, 403, 404, 422) };
  r.get('/api/admin/allowances', { schema: { tags, response: { 200: s.Allowances, ...errors(401, 403) } } }, (req) =>
    admin.allowances(ctx, actorOf(req)),
  );
  r.put(
    '/api/admin/allowances/roles/:role',
    { schema: { tags, params: s.RoleParams, body: s.AllowanceBody, response: allowances } },
    (req) => admin.setRoleAllowance(ctx, actorOf(req), req.params.role, req.body.amount),
  );
  r.delete('/api/admin/allowances/roles/:role', { schema: { tags, params: s.RoleParams, response: allowances } }, (req) =>
    admin.removeRoleAllowance(ctx, actorOf(req), req.params.role),
  );
  r.put('/api/admin/allowances/people/:id', { schema: { tags, params, body: s.AllowanceBody, response: allowances } }, (req) =>
    admin.setPersonAllowance(ctx, actorOf(req), req.params.id, req.body.amount),
  );
  r.delete('/api/admin/allowances/people/:id', { schema: { tags, params, response: allowances } }, (req) =>
    admin.removePersonAllowance(ctx, actorOf(req), req.params.id),
  );
}
