import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

/** Urgent broadcasts as they reach people (banners) and web push subscriptions. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export async function urgentRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {}
