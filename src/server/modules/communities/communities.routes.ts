import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

/** Communities: listing, creating, settings, membership, requests, invitations, bans. */
export async function communityRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  void app;
  void ctx;
}
