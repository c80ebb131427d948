import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { actorOf, errors } from '../../platform/http.js';
import * as motivation from './motivation.service.js';
import * as s from './motivation.schemas.js';

/** Guidelines, settings, one's own advocacy and the advocacy leaderboard. */
export async function motivationRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['advocacy'];

  r.get('/api/advocacy/guidelines', { schema: { tags, response: { 200: s.Guidelines, ...errors(401, 403) } } }, (req) =>
    motivation.getGuidelines(ctx, actorOf(req)),
  );
  r.post(
    '/api/advocacy/guidelines/accept',
    { schema: { tags, body: s.AcceptGuidelines, response: { 200: s.Guidelines, ...errors(400, 401, 403, 409) } } },
    (req) => motivation.acceptGuidelines(ctx, actorOf(req), req.body.version),
  );
  r.get('/api/advocacy/settings', { schema: { tags, response: { 200: s.AdvocacySettings, ...errors(401, 403) } } }, (req) =>
    motivation.getSettings(ctx, actorOf(req)),
  );
  r.put(
    '/api/advocacy/settings',
    { schema: { tags, body: s.AdvocacySettingsPatch, response: { 200: s.AdvocacySettings, ...errors(400, 401, 403) } } },
    (req) => motivation.updateSettings(ctx, actorOf(req), req.body),
  );
  r.get('/api/advocacy/me', { schema: { tags, response: { 200: s.MyAdvocacy, ...errors(401, 403) } } }, (req) =>
    motivation.getMine(ctx, actorOf(req)),
  );
  r.patch(
    '/api/advocacy/me',
    { schema: { tags, body: s.MyAdvocacyPatch, response: { 200: s.MyAdvocacy, ...errors(400, 401, 403) } } },
    (req) => motivation.updateMine(ctx, actorOf(req), req.body),
  );
  r.get(
    '/api/advocacy/leaderboard',
    { schema: { tags, querystring: s.AdvocacyBoardQuery, response: { 200: s.AdvocacyBoard, ...errors(400, 401, 403) } } },
    (req) => motivation.leaderboard(ctx, actorOf(req), req.query),
  );
}
