import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

/** Tracked links (/s/<code>) and the public page of a shared post or article: no account needed. */
export async function trackedLinkRoutes(_app: FastifyInstance, _opts: { ctx: Ctx }) {}
