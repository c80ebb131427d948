import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

/** The authenticated WebSocket that pushes realtime events. */
export async function realtimeRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  void app;
  void ctx;
}
