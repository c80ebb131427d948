import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { badRequest } from '../../platform/errors.js';
import { actorOf, errors, IdParams, orgOf } from '../../platform/http.js';
import { abilities } from '../../platform/policy.js';
import * as people from './people.service.js';
import { currentUser } from '../auth/auth.service.js';
import * as s from './people.schemas.js';

/** The people directory, profiles, the org chart and administration of people. */
export async function peopleRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['people'];

  r.get('/api/me', { schema: { tags, response: { 200: s.Me, ...errors(401) } } }, async (req) => {
    const actor = actorOf(req);
    const org = orgOf(req);
    return {
      user: await currentUser(ctx, actor, req.sessionUser),
      org: { id: org.id, name: org.name, defaultLocale: org.defaultLocale, requireTotp: org.requireTotp },
      csrfToken: req.csrfToken ?? null,
      mustEnrollTotp: actor.mustEnrollTotp,
      abilities: abilities(actor),
    };
  });

  r.get('/api/people', { schema: { tags, querystring: s.DirectoryQuery, response: { 200: s.PersonPage, ...errors(400, 401) } } }, (req) =>
    people.directory(ctx, actorOf(req), req.query),
  );
  r.get('/api/people/:id', { schema: { tags, params: IdParams, response: { 200: s.Person, ...errors(401, 404) } } }, (req) =>
    people.getPerson(ctx, actorOf(req), req.params.id),
  );
  r.patch(
    '/api/people/:id',
    { schema: { tags, params: IdParams, body: s.ProfilePatch, response: { 200: s.Person, ...errors(400, 401, 403, 404) } } },
    (req) => people.updateProfile(ctx, actorOf(req), req.params.id, req.body),
  );
  r.get('/api/org-chart', { schema: { tags, querystring: s.OrgChartQuery, response: { 200: s.OrgChart, ...errors(401) } } }, async (req) =>
    people.orgChart(ctx, actorOf(req), req.query.managerId ?? null),
  );

  r.put(
    '/api/people/:id/photo',
    {
      config: { rateLimit: { max: 30, timeWindow: 30 * 60_000 } },
      schema: {
        tags,
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 200: s.Person, ...errors(400, 401, 403, 404, 413) },
      },
    },
    (req) =>
      people.setPhoto(ctx, actorOf(req), req.params.id, async () => {
        const file = await req.file({ limits: { fileSize: 10_000_000, files: 1 } });
        if (!file) {
          throw badRequest('FILE_MISSING', 'Choose a picture to upload.');
        }
        return file.toBuffer();
      }),
  );
  r.get('/api/people/:id/photo', { schema: { tags, params: IdParams } }, async (req, reply) => {
    const data = await people.getPhoto(ctx, actorOf(req), req.params.id);
    return reply.type('image/webp').header('cache-control', 'private, max-age=86400').header('content-disposition', 'inline').send(data);
  });

  const admin = ['admin'];
  r.patch(
    '/api/admin/people/:id',
    { schema: { tags: admin, params: IdParams, body: s.AdminPatch, response: { 200: s.Person, ...errors(400, 401, 403, 404, 409) } } },
    (req) => people.adminUpdate(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/admin/people/:id/deactivate',
    { schema: { tags: admin, params: IdParams, response: { 200: s.Person, ...errors(400, 401, 403, 404) } } },
    (req) => people.setActive(ctx, actorOf(req), req.params.id, false),
  );
  r.post(
    '/api/admin/people/:id/reactivate',
    { schema: { tags: admin, params: IdParams, response: { 200: s.Person, ...errors(401, 403, 404) } } },
    (req) => people.setActive(ctx, actorOf(req), req.params.id, true),
  );
}
