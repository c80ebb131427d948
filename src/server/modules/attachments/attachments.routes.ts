import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

/** Uploading and serving images and files attached to posts and comments. */
export async function attachmentRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  void app;
  void ctx;
}
