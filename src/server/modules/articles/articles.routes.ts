import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

/** Articles: drafts, scheduled publishing, unpublishing, reading. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export async function articleRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {}
