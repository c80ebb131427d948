import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

/** Leadership AMAs: questions asked and upvoted beforehand, answered live. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export async function amaRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {}
