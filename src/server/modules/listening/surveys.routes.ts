import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { actorOf, errors, Ok } from '../../platform/http.js';
import { startCheckin } from './checkins.service.js';
import * as surveys from './surveys.service.js';
import * as s from './surveys.schemas.js';

/** Surveys, pulses and check-ins: building, scheduling, rounds and reminders; listening settings. */
export async function surveyRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['listening'];
  const params = s.SurveyParams;
  const base = '/api/listening';

  r.get(`${base}/bank`, { schema: { tags, response: { 200: s.Bank, ...errors(401, 403) } } }, (req) => surveys.bank(ctx, actorOf(req)));

  r.get(`${base}/settings`, { schema: { tags, response: { 200: s.Settings, ...errors(401, 403) } } }, (req) =>
    surveys.getSettings(ctx, actorOf(req)),
  );
  r.put(
    `${base}/settings`,
    { schema: { tags, body: s.SettingsInput, response: { 200: s.Settings, ...errors(400, 401, 403, 422) } } },
    (req) => surveys.updateSettings(ctx, actorOf(req), req.body),
  );

  r.post(
    `${base}/audience/preview`,
    { schema: { tags, body: s.AudiencePreviewInput, response: { 200: s.AudiencePreview, ...errors(400, 401, 403, 422) } } },
    (req) => surveys.previewAudience(ctx, actorOf(req), req.body.audience),
  );

  r.get(
    `${base}/surveys`,
    { schema: { tags, querystring: s.SurveyQuery, response: { 200: s.SurveyPage, ...errors(400, 401, 403) } } },
    (req) => surveys.listSurveys(ctx, actorOf(req), req.query),
  );
  r.post(
    `${base}/surveys`,
    { schema: { tags, body: s.NewSurvey, response: { 201: s.SurveyDetail, ...errors(400, 401, 403, 422) } } },
    async (req, reply) => reply.status(201).send(await surveys.createSurvey(ctx, actorOf(req), req.body)),
  );
  r.get(
    `${base}/surveys/:surveyId`,
    { schema: { tags, params, response: { 200: s.SurveyDetail, ...errors(400, 401, 403, 404) } } },
    (req) => surveys.getSurvey(ctx, actorOf(req), req.params.surveyId),
  );
  r.patch(
    `${base}/surveys/:surveyId`,
    { schema: { tags, params, body: s.SurveyPatch, response: { 200: s.SurveyDetail, ...errors(400, 401, 403, 404, 409, 422) } } },
    (req) => surveys.updateSurvey(ctx, actorOf(req), req.params.surveyId, req.body),
  );
  r.delete(`${base}/surveys/:surveyId`, { schema: { tags, params, response: { 200: Ok, ...errors(400, 401, 403, 404, 409) } } }, (req) =>
    surveys.deleteSurvey(ctx, actorOf(req), req.params.surveyId),
  );
  r.post(
    `${base}/surveys/:surveyId/schedule`,
    { schema: { tags, params, response: { 200: s.SurveyDetail, ...errors(400, 401, 403, 404, 409, 422) } } },
    (req) => surveys.scheduleSurvey(ctx, actorOf(req), req.params.surveyId),
  );
  r.post(
    `${base}/surveys/:surveyId/end`,
    { schema: { tags, params, response: { 200: s.SurveyDetail, ...errors(400, 401, 403, 404, 409) } } },
    (req) => surveys.endSurvey(ctx, actorOf(req), req.params.surveyId),
  );
  r.get(
    `${base}/surveys/:surveyId/rounds`,
    { schema: { tags, params, querystring: s.RoundQuery, response: { 200: s.RoundPage, ...errors(400, 401, 403, 404) } } },
    (req) => surveys.listRounds(ctx, actorOf(req), req.params.surveyId, req.query),
  );

  r.post(
    `${base}/checkins`,
    { schema: { tags, body: s.NewCheckin, response: { 201: s.SurveyDetail, ...errors(400, 401, 403, 422) } } },
    async (req, reply) => reply.status(201).send(await startCheckin(ctx, actorOf(req), req.body)),
  );
}
