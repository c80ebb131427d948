import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

/** Safety checks: operators start one for locations or a list; people answer safe or need help. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export async function safetyRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {}
