import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

/** Guidelines, settings, one's own advocacy and the advocacy leaderboard. */
export async function motivationRoutes(_app: FastifyInstance, _opts: { ctx: Ctx }) {}
