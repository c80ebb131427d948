import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

/** Badges (rules and custom), the badge case, recognition preferences and milestones. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export async function badgeRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {}
