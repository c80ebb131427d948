import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

/** Polls: votes and results. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export async function pollRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {}
