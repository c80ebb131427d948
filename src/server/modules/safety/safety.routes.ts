import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { actorOf, errors, IdParams } from '../../platform/http.js';
import * as safety from './safety.service.js';
import * as s from './safety.schemas.js';

/** Safety checks: operators start one for locations or a list; people answer safe or need help. */
export async function safetyRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['safety'];

  r.post(
    '/api/safety/checks',
    { schema: { tags, body: s.NewCheck, response: { 201: s.CheckDetail, ...errors(400, 401, 403) } } },
    async (req, reply) => reply.status(201).send(await safety.startCheck(ctx, actorOf(req), req.body)),
  );
  r.get(
    '/api/safety/checks',
    { schema: { tags, querystring: s.CheckListQuery, response: { 200: s.CheckPage, ...errors(400, 401, 403) } } },
    (req) => safety.listChecks(ctx, actorOf(req), req.query),
  );
  r.get(
    '/api/safety/checks/:id',
    { schema: { tags, params: IdParams, response: { 200: s.CheckDetail, ...errors(400, 401, 403, 404) } } },
    (req) => safety.getCheck(ctx, actorOf(req), req.params.id),
  );
  r.get(
    '/api/safety/checks/:id/people',
    { schema: { tags, params: IdParams, querystring: s.PeopleQuery, response: { 200: s.PeoplePage, ...errors(400, 401, 403, 404) } } },
    (req) => safety.checkPeople(ctx, actorOf(req), req.params.id, req.query),
  );
  r.post(
    '/api/safety/checks/:id/remind',
    { schema: { tags, params: IdParams, response: { 200: s.Reminded, ...errors(400, 401, 403, 404, 409) } } },
    (req) => safety.remindNow(ctx, actorOf(req), req.params.id),
  );
  r.post(
    '/api/safety/checks/:id/close',
    { schema: { tags, params: IdParams, response: { 200: s.CheckDetail, ...errors(400, 401, 403, 404, 409) } } },
    (req) => safety.closeCheck(ctx, actorOf(req), req.params.id),
  );
  r.get(
    '/api/safety/checks/:id/report.csv',
    { schema: { tags, produces: ['text/csv'], params: IdParams, response: { 200: s.ReportCsv, ...errors(400, 401, 403, 404) } } },
    async (req, reply) => {
      const csv = await safety.reportCsv(ctx, actorOf(req), req.params.id);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="safety-check.csv"')
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );

  r.get('/api/safety/mine', { schema: { tags, response: { 200: s.MyChecks, ...errors(401, 403) } } }, (req) =>
    safety.myChecks(ctx, actorOf(req)),
  );
  r.get(
    '/api/safety/checks/:id/me',
    { schema: { tags, params: IdParams, response: { 200: s.MyCheck, ...errors(400, 401, 403, 404) } } },
    (req) => safety.myCheck(ctx, actorOf(req), req.params.id),
  );
  r.post(
    '/api/safety/checks/:id/answer',
    { schema: { tags, params: IdParams, body: s.Answer, response: { 200: s.MyCheck, ...errors(400, 401, 403, 404, 409) } } },
    (req) => safety.answerCheck(ctx, actorOf(req), req.params.id, req.body),
  );
}
