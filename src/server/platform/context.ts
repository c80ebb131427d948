import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DB } from '../db/schema.js';
import type { SessionRecord } from '../modules/auth/auth.queries.js';
import type { ScopedCache } from './cache.js';
import type { Bus } from './events.js';
import type { Worker } from './jobs.js';
import type { Mailer } from './mail.js';
import type { Storage } from './storage.js';

/** What services need from the platform; handed to every domain plugin. */
export interface Ctx {
  db: Kysely<DB>;
  dbKind: 'pglite' | 'postgres';
  config: Config;
  mailer: Mailer;
  worker: Worker;
  /** Realtime events between nodes; publish after commit, never inside a transaction. */
  bus: Bus;
  storage: Storage;
  /** First pages of home feeds, dropped by events and writes (see feeds.cache.ts). */
  feedCache: ScopedCache<string>;
  /** Sessions with their person, by the hash of their token (see auth.service.ts). */
  sessionCache: ScopedCache<SessionRecord>;
  log: FastifyBaseLogger;
}
