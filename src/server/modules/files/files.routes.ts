import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

/** A community's files and videos: versions, downloads with permission checks, streaming by ranges. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export async function fileRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {}
