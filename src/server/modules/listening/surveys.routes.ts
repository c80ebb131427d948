import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

/** Surveys, pulses and check-ins: building, scheduling, rounds and reminders. */
export async function surveyRoutes(_app: FastifyInstance, _opts: { ctx: Ctx }) {}
