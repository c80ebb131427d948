import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

/** Rewards, redemptions and company awards; company values, recognition settings and allowance rules. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export async function rewardRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {}
