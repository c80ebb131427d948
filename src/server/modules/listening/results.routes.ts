import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

/** Results: released cells only, through the anonymity ledger. */
export async function resultRoutes(_app: FastifyInstance, _opts: { ctx: Ctx }) {}
