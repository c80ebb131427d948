import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

/** The notification centre and notification settings. */
export async function notificationRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  void app;
  void ctx;
}
