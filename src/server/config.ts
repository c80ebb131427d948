import path from 'node:path';

/** Typed, frozen configuration. Nothing else in the server reads `process.env`. */
export interface Config {
  /** TCP port the HTTP server listens on. */
  port: number;
  /** Interface to bind; 127.0.0.1 keeps the instance private until exposed. */
  host: string;
  /** PGlite data and local file storage live here. */
  dataDir: string;
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  databaseUrl: string | undefined;
  /** Redis for the multi-node event bus and shared rate limits. */
  redisUrl: string | undefined;
  /** Prefix of every Redis key, so that several instances (or test runs) can share one Redis. */
  redisPrefix: string;
  /** Outgoing e-mail; without it e-mails are written to the log. */
  smtpUrl: string | undefined;
  /** Sender address of outgoing e-mail. */
  mailFrom: string;
  /** The address users reach, used in links inside e-mails. */
  publicUrl: string;
  /** Whether cookies are marked Secure (true when PUBLIC_URL is https). */
  secureCookies: boolean;
  /** Pino log level. */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Largest accepted JSON body in bytes. */
  bodyLimit: number;
  /** Largest accepted upload (CSV, images) in bytes. */
  uploadLimit: number;
  /** A session ends after this many minutes without a request. */
  sessionIdleMinutes: number;
  /** A session ends this many hours after sign-in, whatever the activity. */
  sessionAbsoluteHours: number;
  /** Hours an invitation link stays valid. */
  inviteTtlHours: number;
  /** Minutes a password reset link stays valid. */
  resetTtlMinutes: number;
  /** Proxy addresses trusted to set X-Forwarded-For (comma-separated), or empty. */
  trustProxy: string[];
  /** Served from this folder: the built web app. */
  webDir: string;
  /** API requests allowed per person (or address) per 5 minutes; 0 turns the general limit off. */
  apiRateLimit: number;
  /** Posts, and separately comments, a person may write per 10 minutes; 0 turns this limit off. */
  contentRateLimit: number;
  /** Home feed first pages kept in memory per node (about 20 KB each); 0 turns the cache off. */
  feedCacheEntries: number;
  /** Start with the demo organisation loaded. */
  demo: boolean;
  /** Serve the benchmark's baseline routes under /bench (never in production). */
  benchRoutes: boolean;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  if (!/^\d+$/.test(raw)) {
    throw new ConfigError(name, `expected a whole number, got "${raw}"`);
  }
  const value = Number(raw);
  if (value < min || value > max) {
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  }
  return value;
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') {
    return undefined;
  }
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return raw;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reads and validates the environment once; a bad value throws a ConfigError naming the variable. */
export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const port = int(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST && env.HOST !== '' ? env.HOST : '127.0.0.1';
  const publicUrl = url(env, 'PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`;
  const logLevel = env.LOG_LEVEL && env.LOG_LEVEL !== '' ? env.LOG_LEVEL : 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  }
  const trustProxy = (env.TRUST_PROXY ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const config: Config = {
    port,
    host,
    dataDir: path.resolve(env.DATA_DIR && env.DATA_DIR !== '' ? env.DATA_DIR : './data'),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    redisPrefix: env.REDIS_PREFIX && env.REDIS_PREFIX !== '' ? env.REDIS_PREFIX : 'tessuto:',
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: env.MAIL_FROM && env.MAIL_FROM !== '' ? env.MAIL_FROM : 'Tessuto <no-reply@localhost>',
    publicUrl: publicUrl.replace(/\/+$/, ''),
    secureCookies: publicUrl.startsWith('https:'),
    logLevel: logLevel as Config['logLevel'],
    bodyLimit: int(env, 'BODY_LIMIT', 1_048_576, 1024, 50_000_000),
    uploadLimit: int(env, 'UPLOAD_LIMIT', 50_000_000, 1024, 1_000_000_000),
    sessionIdleMinutes: int(env, 'SESSION_IDLE_MINUTES', 60 * 24 * 3, 5, 60 * 24 * 90),
    sessionAbsoluteHours: int(env, 'SESSION_ABSOLUTE_HOURS', 24 * 30, 1, 24 * 365),
    inviteTtlHours: int(env, 'INVITE_TTL_HOURS', 24 * 7, 1, 24 * 90),
    resetTtlMinutes: int(env, 'RESET_TTL_MINUTES', 60, 5, 60 * 24),
    trustProxy,
    webDir: path.resolve(env.WEB_DIR && env.WEB_DIR !== '' ? env.WEB_DIR : './dist/web'),
    apiRateLimit: int(env, 'API_RATE_LIMIT', 1500, 0, 10_000_000),
    contentRateLimit: int(env, 'CONTENT_RATE_LIMIT', 100, 0, 1_000_000),
    feedCacheEntries: int(env, 'FEED_CACHE_ENTRIES', 2000, 0, 1_000_000),
    demo: env.DEMO === '1' || env.DEMO === 'true',
    benchRoutes: env.BENCH_ROUTES === '1' || env.BENCH_ROUTES === 'true',
    ...overrides,
  };
  return Object.freeze(config);
}
