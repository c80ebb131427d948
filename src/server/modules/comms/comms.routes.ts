import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

/** Communication settings (administrators): the broadcast limit, escalation, reminders, file and video sizes. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export async function commsRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {}
