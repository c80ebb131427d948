import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

/** Leaderboards and recognition insights. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export async function leaderboardRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {}
