import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { actorOf, errors, IdParams, Ok } from '../../platform/http.js';
import * as s from './urgent.schemas.js';
import * as urgent from './urgent.service.js';

/** Urgent broadcasts as they reach people (banners) and web push subscriptions. */
export async function urgentRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['urgent'];

  r.get('/api/urgent/active', { schema: { tags, response: { 200: s.UrgentActive, ...errors(401, 403) } } }, (req) =>
    urgent.activeBanners(ctx, actorOf(req)),
  );
  r.post(
    '/api/urgent/:id/end',
    { schema: { tags, params: IdParams, response: { 200: s.UrgentEnded, ...errors(400, 401, 403, 404) } } },
    (req) => urgent.endUrgent(ctx, actorOf(req), req.params.id),
  );
  r.get('/api/push/key', { schema: { tags, response: { 200: s.PushKey, ...errors(401, 403) } } }, (req) =>
    urgent.pushKey(ctx, actorOf(req)),
  );
  r.post(
    '/api/push/subscriptions',
    { schema: { tags, body: s.NewSubscription, response: { 200: Ok, ...errors(400, 401, 403, 409) } } },
    (req) => urgent.subscribe(ctx, actorOf(req), req.body),
  );
  r.delete(
    '/api/push/subscriptions',
    { schema: { tags, body: s.SubscriptionRef, response: { 200: Ok, ...errors(400, 401, 403) } } },
    (req) => urgent.unsubscribe(ctx, actorOf(req), req.body),
  );
}
