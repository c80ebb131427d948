import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

/** Posts, comments, reactions, bookmarks, pins, shares and moderator hiding. */
export async function postRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  void app;
  void ctx;
}
