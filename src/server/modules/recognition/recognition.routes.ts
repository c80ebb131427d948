import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { badgeRoutes } from './badges.routes.js';
import { kudosRoutes } from './kudos.routes.js';
import { leaderboardRoutes } from './leaderboards.routes.js';
import { rewardRoutes } from './rewards.routes.js';

/** Recognition and gamification: kudos, points, rewards, badges, leaderboards, milestones and insights. */
export async function recognitionRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  await app.register(kudosRoutes, { ctx });
  await app.register(rewardRoutes, { ctx });
  await app.register(badgeRoutes, { ctx });
  await app.register(leaderboardRoutes, { ctx });
}
