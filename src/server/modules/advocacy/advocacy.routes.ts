import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { advocacyItemRoutes } from './items.routes.js';
import { campaignRoutes } from './campaigns.routes.js';
import { sharingRoutes } from './sharing.routes.js';
import { trackedLinkRoutes } from './redirect.routes.js';
import { motivationRoutes } from './motivation.routes.js';
import { advocacyInsightRoutes } from './insights.routes.js';

/** Employee advocacy: shareable content, campaigns, sharing with tracked links, reach, points and insights. */
export async function advocacyRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  await app.register(advocacyItemRoutes, { ctx });
  await app.register(campaignRoutes, { ctx });
  await app.register(sharingRoutes, { ctx });
  await app.register(trackedLinkRoutes, { ctx });
  await app.register(motivationRoutes, { ctx });
  await app.register(advocacyInsightRoutes, { ctx });
}
