import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DB } from '../db/schema.js';
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
  log: FastifyBaseLogger;
}
