import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

/** The notification centre and notification settings. */
// eslint-disable-next-line @typescript-eslint/require-await
export async function notificationRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  void app;
  void ctx;
}
