import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

/** Answering: what is open for me, how anonymous it is, and submitting answers. */
export async function answerRoutes(_app: FastifyInstance, _opts: { ctx: Ctx }) {}
