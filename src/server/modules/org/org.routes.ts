import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { actorOf, errors, IdParams, Ok, setSessionCookie, userAgentOf } from '../../platform/http.js';
import { ipKey } from '../../platform/ip.js';
import { startSession } from '../auth/auth.service.js';
import { SignedIn } from '../auth/auth.schemas.js';
import * as org from './org.service.js';
import * as s from './org.schemas.js';

/** First-run setup, organisation settings and structure (departments, teams, locations). */
export async function orgRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/api/setup', { schema: { tags: ['setup'], response: { 200: s.SetupStatus } } }, async () => ({
    needed: await org.setupNeeded(ctx),
  }));

  r.post(
    '/api/setup',
    {
      config: { rateLimit: { max: 5, timeWindow: 30 * 60_000, keyGenerator: (req: { ip: string }) => ipKey(req.ip) } },
      schema: { tags: ['setup'], body: s.Setup, response: { 201: SignedIn, ...errors(400, 409, 429) } },
    },
    async (req, reply) => {
      const b = req.body;
      const { orgId, userId } = await org.createOrgWithAdmin(ctx, {
        orgName: b.orgName.trim(),
        host: null,
        locale: b.locale ?? 'en',
        admin: { name: b.name.trim(), email: b.email, password: b.password, locale: b.locale ?? 'en' },
      });
      const session = await startSession(ctx, orgId, userId, userAgentOf(req));
      setSessionCookie(reply, ctx.config, session.token, session.expiresAt);
      return reply.status(201).send({ userId, csrfToken: session.csrfToken });
    },
  );

  const tags = ['organisation'];
  r.get('/api/admin/org', { schema: { tags, response: { 200: s.OrgSettings, ...errors(401, 403) } } }, (req) =>
    org.getSettings(ctx, actorOf(req)),
  );
  r.patch(
    '/api/admin/org',
    { schema: { tags, body: s.OrgSettingsPatch, response: { 200: s.OrgSettings, ...errors(400, 401, 403) } } },
    (req) => org.updateSettings(ctx, actorOf(req), req.body),
  );

  r.get('/api/structure', { schema: { tags, response: { 200: s.Structure, ...errors(401) } } }, (req) => org.structure(ctx, actorOf(req)));

  r.post(
    '/api/departments',
    { schema: { tags, body: s.NewDepartment, response: { 201: s.Department, ...errors(400, 401, 403, 409) } } },
    async (req, reply) => reply.status(201).send(await org.createDepartment(ctx, actorOf(req), req.body)),
  );
  r.patch(
    '/api/departments/:id',
    { schema: { tags, params: IdParams, body: s.DepartmentPatch, response: { 200: Ok, ...errors(400, 401, 403, 404, 409) } } },
    async (req) => {
      await org.updateDepartment(ctx, actorOf(req), req.params.id, req.body);
      return { ok: true as const };
    },
  );
  r.delete('/api/departments/:id', { schema: { tags, params: IdParams, response: { 200: Ok, ...errors(401, 403, 404) } } }, async (req) => {
    await org.deleteStructure(ctx, actorOf(req), 'departments', req.params.id);
    return { ok: true as const };
  });

  r.post(
    '/api/teams',
    { schema: { tags, body: s.NewTeam, response: { 201: s.Team, ...errors(400, 401, 403, 409) } } },
    async (req, reply) => reply.status(201).send(await org.createTeam(ctx, actorOf(req), req.body)),
  );
  r.patch(
    '/api/teams/:id',
    { schema: { tags, params: IdParams, body: s.TeamPatch, response: { 200: Ok, ...errors(400, 401, 403, 404, 409) } } },
    async (req) => {
      await org.updateTeam(ctx, actorOf(req), req.params.id, req.body);
      return { ok: true as const };
    },
  );
  r.delete('/api/teams/:id', { schema: { tags, params: IdParams, response: { 200: Ok, ...errors(401, 403, 404) } } }, async (req) => {
    await org.deleteStructure(ctx, actorOf(req), 'teams', req.params.id);
    return { ok: true as const };
  });

  r.post(
    '/api/locations',
    { schema: { tags, body: s.NewLocation, response: { 201: s.Location, ...errors(400, 401, 403, 409) } } },
    async (req, reply) => reply.status(201).send(await org.createLocation(ctx, actorOf(req), req.body)),
  );
  r.patch(
    '/api/locations/:id',
    { schema: { tags, params: IdParams, body: s.LocationPatch, response: { 200: Ok, ...errors(400, 401, 403, 404, 409) } } },
    async (req) => {
      await org.updateLocation(ctx, actorOf(req), req.params.id, req.body);
      return { ok: true as const };
    },
  );
  r.delete('/api/locations/:id', { schema: { tags, params: IdParams, response: { 200: Ok, ...errors(401, 403, 404) } } }, async (req) => {
    await org.deleteStructure(ctx, actorOf(req), 'locations', req.params.id);
    return { ok: true as const };
  });
}
