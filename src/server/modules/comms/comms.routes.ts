import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { actorOf, errors } from '../../platform/http.js';
import * as comms from './comms.service.js';
import * as s from './comms.schemas.js';

/** Communication settings (administrators): the broadcast limit, escalation, reminders, file and video sizes. */
export async function commsRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['comms'];

  r.get('/api/comms/settings', { schema: { tags, response: { 200: s.CommsSettings, ...errors(401, 403) } } }, (req) =>
    comms.getCommsSettings(ctx, actorOf(req)),
  );
  r.put(
    '/api/comms/settings',
    { schema: { tags, body: s.CommsSettingsPatch, response: { 200: s.CommsSettings, ...errors(400, 401, 403) } } },
    (req) => comms.updateCommsSettings(ctx, actorOf(req), req.body),
  );
}
