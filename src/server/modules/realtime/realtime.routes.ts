import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Registry } from 'prom-client';
import type { Config } from '../../config.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, forbidden } from '../../platform/errors.js';
import { RealtimeHub } from './realtime.hub.js';
import { requireRealtime } from './realtime.service.js';

const hubs = new WeakMap<Ctx, RealtimeHub>();

/** The realtime hub of an application (diagnostics and tests). */
export function hubOf(ctx: Ctx): RealtimeHub | undefined {
  return hubs.get(ctx);
}

/**
 * GET /api/realtime: the authenticated WebSocket that pushes realtime events (protocol in
 * src/shared/social.ts, RealtimeServerMessage). Refused before the upgrade: without a signed-in
 * session (401), and from a page of another site (403) — browsers send the session cookie with a
 * cross-site WebSocket, so the Origin is what stops another site from listening in.
 */
export async function realtimeRoutes(app: FastifyInstance, { ctx, metrics }: { ctx: Ctx; metrics?: Registry }) {
  const hub = new RealtimeHub(ctx, metrics);
  hubs.set(ctx, hub);
  hub.start();
  app.addHook('onReady', async () => {
    await ctx.bus.ready?.();
  });
  app.addHook('preClose', async () => {
    hub.close();
  });

  app.route({
    method: 'GET',
    url: '/api/realtime',
    schema: { hide: true },
    preValidation: async (req) => {
      if (!sameOrigin(req, ctx.config)) {
        throw forbidden('FOREIGN_ORIGIN', 'This connection did not come from Tessuto.');
      }
      requireRealtime(req.actor);
    },
    handler: async () => {
      throw new AppError(426, 'UPGRADE_REQUIRED', 'Connect to this address with a WebSocket.');
    },
    wsHandler: (socket, req) => {
      hub.accept(socket, { actor: requireRealtime(req.actor), org: req.org!, token: req.sessionToken! });
    },
  });
}

/** A missing Origin is a client that is not a browser, which cannot be made to send someone's cookie. */
function sameOrigin(req: FastifyRequest, config: Config): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) {
    return true;
  }
  try {
    const host = new URL(origin).host;
    return host === req.host || host === new URL(config.publicUrl).host;
  } catch {
    return false;
  }
}
