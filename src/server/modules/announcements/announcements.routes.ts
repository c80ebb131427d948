import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

/** Announcements: compose, schedule, pin, require acknowledgement, follow delivery per segment. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export async function announcementRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {}
