import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

/** Feeds (home, community, profile, hashtag, bookmarks, discover) and following people and hashtags. */
export async function feedRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  void app;
  void ctx;
}
