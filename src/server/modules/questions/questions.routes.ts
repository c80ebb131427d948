import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

/** Questions: best answers, answer votes, unanswered questions per community. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export async function questionRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {}
