import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

/** Events: RSVPs with capacity and a waitlist, iCalendar files and personal calendar feeds. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export async function eventRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {}
