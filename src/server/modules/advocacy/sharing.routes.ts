import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

/** Sharing: a person's share of an item to a network, with their tracked link. */
export async function sharingRoutes(_app: FastifyInstance, _opts: { ctx: Ctx }) {}
