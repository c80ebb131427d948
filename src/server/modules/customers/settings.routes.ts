import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { actorOf, errors, IdParams } from '../../platform/http.js';
import * as s from './settings.schemas.js';
import * as settings from './settings.service.js';

/** Customer settings and embeddable forms. */
export async function customerSettingsRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['customers'];

  r.get(
    '/api/customers/settings',
    { schema: { tags, summary: 'Customer settings', response: { 200: s.Settings, ...errors(401, 403) } } },
    (req) => settings.getSettings(ctx, actorOf(req)),
  );
  r.put(
    '/api/customers/settings',
    {
      schema: {
        tags,
        summary: 'Save customer settings',
        description: 'Fields left out keep their value.',
        body: s.SettingsPut,
        response: { 200: s.Settings, ...errors(400, 401, 403) },
      },
    },
    (req) => settings.putSettings(ctx, actorOf(req), req.body),
  );
  r.get(
    '/api/customers/forms',
    { schema: { tags, summary: 'Embeddable feedback forms', response: { 200: s.FormList, ...errors(401, 403) } } },
    (req) => settings.listForms(ctx, actorOf(req)),
  );
  r.post(
    '/api/customers/forms',
    { schema: { tags, summary: 'Create an embeddable form', body: s.NewForm, response: { 201: s.FormItem, ...errors(400, 401, 403) } } },
    async (req, reply) => reply.status(201).send(await settings.createForm(ctx, actorOf(req), req.body)),
  );
  r.patch(
    '/api/customers/forms/:id',
    {
      schema: {
        tags,
        summary: 'Rename, close or reopen an embeddable form',
        params: IdParams,
        body: s.FormPatch,
        response: { 200: s.FormItem, ...errors(400, 401, 403, 404) },
      },
    },
    (req) => settings.updateForm(ctx, actorOf(req), req.params.id, req.body),
  );
}
