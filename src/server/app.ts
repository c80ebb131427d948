import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import websocket from '@fastify/websocket';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import type { Config } from './config.js';
import type { Ctx } from './platform/context.js';
import type { Database } from './platform/db.js';
import { AppError, forbidden } from './platform/errors.js';
import { sessionCookieName } from './platform/http.js';
import { installErrorHandling } from './platform/http-errors.js';
import { ipKey } from './platform/ip.js';
import { localBus, redisBus } from './platform/events.js';
import { createWorker, type Worker } from './platform/jobs.js';
import { createMailer, type Mailer } from './platform/mail.js';
import { createMetrics } from './platform/metrics.js';
import { localStorage, type Storage } from './platform/storage.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { resolveApiToken, resolveSession, csrfMatches, SESSION_CACHE } from './modules/auth/auth.service.js';
import { benchRoutes } from './modules/bench/bench.routes.js';
import { invitationRoutes } from './modules/invitations/invitations.routes.js';
import { orgRoutes } from './modules/org/org.routes.js';
import { orgForHost } from './modules/org/org.service.js';
import { peopleRoutes } from './modules/people/people.routes.js';
import { importRoutes } from './modules/people-import/import.routes.js';
import { communityRoutes } from './modules/communities/communities.routes.js';
import { postRoutes } from './modules/posts/posts.routes.js';
import { attachmentRoutes } from './modules/attachments/attachments.routes.js';
import { deleteFiles, startUploadSweeper } from './modules/attachments/attachments.service.js';
import { feedRoutes } from './modules/feeds/feeds.routes.js';
import { realtimeRoutes } from './modules/realtime/realtime.routes.js';
import { notificationRoutes } from './modules/notifications/notifications.routes.js';
import { feedCache, installFeedCache } from './modules/feeds/feeds.cache.js';
import { followNotices, installStaleNotices, ScopedCache } from './platform/cache.js';
import { digestHandlers, ensureDigestSchedule } from './modules/notifications/notifications.digest.js';
import { searchRoutes } from './modules/search/search.routes.js';
import { moderationRoutes } from './modules/moderation/moderation.routes.js';
import { recognitionRoutes } from './modules/recognition/recognition.routes.js';
import { ensureMilestoneSchedule, milestoneHandlers } from './modules/recognition/milestones.js';
import { listeningRoutes } from './modules/listening/listening.routes.js';
import { customerRoutes } from './modules/customers/customers.routes.js';
import { ensureListeningSchedule, listeningHandlers } from './modules/listening/listening.jobs.js';
import { commsRoutes } from './modules/comms/comms.routes.js';
import { announcementRoutes } from './modules/announcements/announcements.routes.js';
import { announcementHandlers, ensureAnnouncementSchedule } from './modules/announcements/announcements.jobs.js';
import { urgentRoutes } from './modules/urgent/urgent.routes.js';
import { urgentHandlers } from './modules/urgent/urgent.jobs.js';
import { safetyRoutes } from './modules/safety/safety.routes.js';
import { ensureSafetySchedule, safetyHandlers } from './modules/safety/safety.jobs.js';
import { articleRoutes } from './modules/articles/articles.routes.js';
import { articleHandlers, ensureArticleSchedule } from './modules/articles/articles.jobs.js';
import { questionRoutes } from './modules/questions/questions.routes.js';
import { pollRoutes } from './modules/polls/polls.routes.js';
import { eventRoutes } from './modules/events/events.routes.js';
import { ensureEventSchedule, eventHandlers } from './modules/events/events.jobs.js';
import { amaRoutes } from './modules/amas/amas.routes.js';
import { amaHandlers, ensureAmaSchedule } from './modules/amas/amas.jobs.js';
import { fileRoutes } from './modules/files/files.routes.js';
import { advocacyRoutes } from './modules/advocacy/advocacy.routes.js';
import { ensureMotivationSchedule, motivationHandlers } from './modules/advocacy/motivation.jobs.js';

declare module 'fastify' {
  interface FastifyInstance {
    ctx: Ctx;
  }
}

export interface AppDeps {
  config: Config;
  database: Database;
  storage?: Storage;
  mailer?: Mailer;
  /** Start the background job worker (off in tests, which run jobs explicitly). */
  runJobs?: boolean;
  /** Log output; tests pass `false`. */
  logger?: boolean;
  /** Where log lines go instead of standard output (tests that read the logs). */
  logStream?: { write(line: string): void };
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Builds the whole application without listening, so tests can drive it with `inject`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database } = deps;
  const app = Fastify({
    logger:
      deps.logger === false
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'req.headers["x-feedback-key"]'],
            ...(deps.logStream ? { stream: deps.logStream } : {}),
          },
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    genReqId: () => crypto.randomUUID(),
    routerOptions: { ignoreTrailingSlash: true },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true } },
  });

  const mailer = deps.mailer ?? createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log: app.log });
  const worker: Worker = createWorker(
    database.db,
    {
      'mail.send': (m) => mailer.send(m),
      'attachments.purge': (p) => deleteFiles(ctx.storage, p.keys),
      ...digestHandlers(config),
      ...milestoneHandlers(),
      ...listeningHandlers(),
      ...announcementHandlers(),
      ...urgentHandlers(config),
      ...safetyHandlers(),
      ...articleHandlers(),
      ...eventHandlers(config),
      ...amaHandlers(),
      ...motivationHandlers(),
    },
    app.log,
    // The bus changes when Redis joins below; look it up at publishing time.
    { publish: (events) => ctx.bus.publish(events) },
  );
  const ctx: Ctx = {
    db: database.db,
    dbKind: database.kind,
    config,
    mailer,
    worker,
    bus: localBus(),
    feedCache: feedCache(config.feedCacheEntries),
    sessionCache: new ScopedCache(SESSION_CACHE.entries, SESSION_CACHE.ttlMs),
    storage: deps.storage ?? localStorage(path.join(config.dataDir, 'files')),
    log: app.log,
  };
  app.decorate('ctx', ctx);

  installErrorHandling(app);
  const metrics = createMetrics(app);

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    strictTransportSecurity: config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(multipart, { limits: { fileSize: config.uploadLimit, files: 1, fields: 10 } });
  // With Redis, rate limits (sign-in, reset, API) are counted across every node; without it, per node.
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2, lazyConnect: false }) : undefined;
  if (redis) {
    redis.on('error', (err) => app.log.warn({ err }, 'redis error'));
    app.addHook('onClose', async () => {
      await redis.quit();
    });
    // Realtime events reach the sockets of every node through one pub/sub channel.
    ctx.bus = redisBus(redis, { prefix: config.redisPrefix, log: app.log });
  }
  app.addHook('onClose', async () => ctx.bus.close());
  installStaleNotices(app, ctx);
  followNotices(app, ctx, ctx.sessionCache);
  installFeedCache(app, ctx);
  // The realtime hub closes its own sockets on shutdown, with a code that spreads the reconnections.
  await app.register(websocket, { options: { maxPayload: 64 * 1024 }, preClose: (done) => done() });
  /** Mastodon's starting value: 1,500 API requests per 5 minutes per person (or address); stricter limits per route. */
  await app.register(rateLimit, {
    // Without a general limit, only the routes that set their own (sign-in, reset, …) pay for counting.
    global: config.apiRateLimit > 0,
    ...(redis ? { redis, nameSpace: `${config.redisPrefix}rl:` } : {}),
    max: config.apiRateLimit > 0 ? config.apiRateLimit : Number.MAX_SAFE_INTEGER,
    timeWindow: 5 * 60_000,
    allowList: (req) => !req.url.startsWith('/api/'),
    keyGenerator: (req) => (req.actor ? `u:${req.actor.userId}` : `ip:${ipKey(req.ip)}`),
    errorResponseBuilder: (_req, c) =>
      new AppError(
        429,
        'RATE_LIMITED',
        'Too many requests. Try again later.',
        { retryAfter: Math.ceil(c.ttl / 1000) },
        Math.ceil(c.ttl / 1000),
      ),
  });

  app.decorateRequest('org', null);
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', undefined);
  app.decorateRequest('csrfToken', undefined);
  app.decorateRequest('sessionUser', undefined);

  /** Resolves the organisation and the actor, and refuses cross-site writes. */
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/docs') || req.url === '/api/openapi.json') {
      return;
    }
    const org = await orgForHost(ctx, req.hostname);
    if (!org) {
      return;
    }
    req.org = org;
    const bearer = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (bearer) {
      req.actor = await resolveApiToken(ctx, org.id, bearer);
      if (!req.actor) {
        throw new AppError(401, 'INVALID_TOKEN', 'This API token is not valid, has expired or was revoked.');
      }
      return;
    }
    const token = req.cookies[sessionCookieName(config)];
    if (token) {
      const session = await resolveSession(ctx, org, token);
      if (session) {
        req.actor = session.actor;
        req.sessionToken = token;
        req.csrfToken = session.csrfToken;
        req.sessionUser = session.user;
      } else {
        void reply.clearCookie(sessionCookieName(config), { path: '/' });
      }
    }
    if (UNSAFE.has(req.method)) {
      if (req.csrfToken) {
        const given = req.headers['x-csrf-token'];
        if (!csrfMatches(req.csrfToken, typeof given === 'string' ? given : undefined)) {
          throw forbidden('CSRF_FAILED', 'This request did not come from Tessuto. Reload the page and try again.');
        }
      } else if (req.headers['sec-fetch-site'] === 'cross-site' || !sameOrigin(req.headers.origin, req.host)) {
        throw forbidden('CSRF_FAILED', 'This request did not come from Tessuto. Reload the page and try again.');
      }
    }
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Tessuto API',
        version: '0.1.0',
        description: 'Every route of Tessuto. Errors always have the shape `{ "error": { "code", "message", "details"? } }`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: sessionCookieName(config) },
          token: { type: 'http', scheme: 'bearer', description: 'A personal API token (Settings → API tokens).' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  app.get('/healthz', { schema: { hide: true } }, () => ({ status: 'ok' }));
  let shuttingDown = false;
  app.addHook('onClose', async () => {
    shuttingDown = true;
  });
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    if (shuttingDown) {
      return reply.status(503).send({ error: { code: 'SHUTTING_DOWN', message: 'The server is shutting down.' } });
    }
    await sql`select 1`.execute(database.db);
    if (redis) {
      await redis.ping();
    }
    return { status: 'ready', database: database.kind, redis: Boolean(redis) };
  });

  await app.register(orgRoutes, { ctx });
  await app.register(authRoutes, { ctx });
  await app.register(peopleRoutes, { ctx });
  await app.register(invitationRoutes, { ctx });
  await app.register(auditRoutes, { ctx });
  if (config.benchRoutes) {
    await app.register(benchRoutes, { ctx });
  }
  await app.register(importRoutes, { ctx });
  await app.register(communityRoutes, { ctx });
  await app.register(postRoutes, { ctx });
  await app.register(attachmentRoutes, { ctx });
  await app.register(feedRoutes, { ctx });
  await app.register(realtimeRoutes, { ctx, metrics });
  await app.register(notificationRoutes, { ctx });
  await app.register(searchRoutes, { ctx });
  await app.register(moderationRoutes, { ctx });
  await app.register(recognitionRoutes, { ctx });
  await app.register(listeningRoutes, { ctx });
  await app.register(customerRoutes, { ctx });
  await app.register(commsRoutes, { ctx });
  await app.register(announcementRoutes, { ctx });
  await app.register(urgentRoutes, { ctx });
  await app.register(safetyRoutes, { ctx });
  await app.register(articleRoutes, { ctx });
  await app.register(questionRoutes, { ctx });
  await app.register(pollRoutes, { ctx });
  await app.register(eventRoutes, { ctx });
  await app.register(amaRoutes, { ctx });
  await app.register(fileRoutes, { ctx });
  await app.register(advocacyRoutes, { ctx });

  const index = path.join(config.webDir, 'index.html');
  const hasWeb = existsSync(index);
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: config.webDir,
      wildcard: false,
      index: false,
      maxAge: '1y',
      immutable: true,
      serve: true,
      prefix: '/',
      // The service worker is checked for updates by browsers and must never be cached for long.
      setHeaders: (reply, filePath) => {
        if (path.basename(filePath) === 'sw.js') {
          void reply.header('cache-control', 'no-cache').header('service-worker-allowed', '/');
        }
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && !req.url.startsWith('/api/') && hasWeb) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html', { maxAge: 0, immutable: false });
    }
    return reply.status(404).send({ error: { code: 'ROUTE_NOT_FOUND', message: `No route ${req.method} ${req.url.split('?')[0]}.` } });
  });

  if (deps.runJobs) {
    app.addHook('onReady', async () => {
      await ensureDigestSchedule(database.db);
      await ensureMilestoneSchedule(database.db);
      await ensureListeningSchedule(database.db);
      await ensureAnnouncementSchedule(database.db);
      await ensureSafetySchedule(database.db);
      await ensureArticleSchedule(database.db);
      await ensureEventSchedule(database.db);
      await ensureAmaSchedule(database.db);
      await ensureMotivationSchedule(database.db);
      worker.start();
    });
    let stopSweeper: (() => void) | undefined;
    app.addHook('onReady', async () => {
      stopSweeper = startUploadSweeper(ctx);
    });
    app.addHook('onClose', async () => stopSweeper?.());
  }
  app.addHook('onClose', async () => worker.stop());
  return app;
}

function sameOrigin(origin: string | undefined, host: string): boolean {
  if (!origin) {
    return true;
  }
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
