import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { accountRoutes } from './accounts.routes.js';
import { customerImportRoutes } from './import.routes.js';
import { ingestRoutes } from './ingest.routes.js';
import { feedbackRoutes } from './feedback.routes.js';
import { followupRoutes } from './followups.routes.js';
import { webhookRoutes } from './webhooks.routes.js';
import { customerSettingsRoutes } from './settings.routes.js';
import { publicFeedbackRoutes } from './public.routes.js';
import { loyaltyRoutes } from './loyalty.routes.js';
import { linkRoutes } from './link.routes.js';

/** The voice of the customer: accounts, feedback from customers, follow-ups, loyalty and its link with engagement. */
export async function customerRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  await app.register(accountRoutes, { ctx });
  await app.register(customerImportRoutes, { ctx });
  await app.register(ingestRoutes, { ctx });
  await app.register(feedbackRoutes, { ctx });
  await app.register(followupRoutes, { ctx });
  await app.register(webhookRoutes, { ctx });
  await app.register(customerSettingsRoutes, { ctx });
  await app.register(publicFeedbackRoutes, { ctx });
  await app.register(loyaltyRoutes, { ctx });
  await app.register(linkRoutes, { ctx });
}
