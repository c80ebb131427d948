import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

/** Kudos: giving, reading, the giver's points, fairness flags. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export async function kudosRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {}
