import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

/** Action plans shared back with teams. */
export async function actionRoutes(_app: FastifyInstance, _opts: { ctx: Ctx }) {}
