import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

/** Insights for communications staff, with CSV exports. */
export async function advocacyInsightRoutes(_app: FastifyInstance, _opts: { ctx: Ctx }) {}
