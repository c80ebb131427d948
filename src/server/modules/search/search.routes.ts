import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

/** One search box for posts, comments, communities and people. */
export async function searchRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  void app;
  void ctx;
}
