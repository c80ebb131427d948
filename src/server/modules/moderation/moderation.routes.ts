import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

/** Reports and the moderation queues. */
export async function moderationRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  void app;
  void ctx;
}
