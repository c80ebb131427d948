import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { surveyRoutes } from './surveys.routes.js';
import { answerRoutes } from './answers.routes.js';
import { resultRoutes } from './results.routes.js';
import { feedbackRoutes } from './feedback.routes.js';
import { actionRoutes } from './actions.routes.js';

/** Employee listening: surveys, pulses, check-ins, results, anonymous conversations and action plans. */
export async function listeningRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  await app.register(surveyRoutes, { ctx });
  await app.register(answerRoutes, { ctx });
  await app.register(resultRoutes, { ctx });
  await app.register(feedbackRoutes, { ctx });
  await app.register(actionRoutes, { ctx });
}
