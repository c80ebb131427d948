import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

/** Shareable items (posts, articles, approved links) and the reader's ready-to-share list. */
export async function advocacyItemRoutes(_app: FastifyInstance, _opts: { ctx: Ctx }) {}
