import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { actorOf, errors } from '../../platform/http.js';
import * as s from './notifications.schemas.js';
import * as notifications from './notifications.service.js';

/** The notification centre and notification settings. */
export async function notificationRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['notifications'];

  r.get(
    '/api/notifications',
    { schema: { tags, querystring: s.ListQuery, response: { 200: s.NotificationPage, ...errors(400, 401, 403) } } },
    (req) => notifications.list(ctx, actorOf(req), req.query),
  );
  r.get('/api/notifications/unread-count', { schema: { tags, response: { 200: s.UnreadCount, ...errors(401, 403) } } }, (req) =>
    notifications.unreadCount(ctx, actorOf(req)),
  );
  r.post(
    '/api/notifications/read',
    { schema: { tags, body: s.MarkRead, response: { 200: s.MarkedRead, ...errors(400, 401, 403) } } },
    (req) => notifications.markRead(ctx, actorOf(req), req.body),
  );
  r.get('/api/me/notification-settings', { schema: { tags, response: { 200: s.Settings, ...errors(401, 403) } } }, (req) =>
    notifications.getSettings(ctx, actorOf(req)),
  );
  r.put(
    '/api/me/notification-settings',
    { schema: { tags, body: s.SettingsPut, response: { 200: s.Settings, ...errors(400, 401, 403) } } },
    (req) => notifications.putSettings(ctx, actorOf(req), req.body),
  );
}
