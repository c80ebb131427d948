import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

/** Campaigns: shareable items grouped for an audience, with a goal. */
export async function campaignRoutes(_app: FastifyInstance, _opts: { ctx: Ctx }) {}
