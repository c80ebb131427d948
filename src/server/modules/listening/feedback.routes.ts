import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

/** Anonymous feedback conversations. */
export async function feedbackRoutes(_app: FastifyInstance, _opts: { ctx: Ctx }) {}
