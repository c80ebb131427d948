import { readFile } from 'node:fs/promises';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import { migrateToLatest } from '../db/migrate.js';
import { openDatabase, type Database } from '../platform/db.js';
import { hashPassword } from '../modules/auth/password.js';
import { newId } from '../platform/ids.js';
import { memoryStorage } from '../platform/storage.js';
import type { Role } from '../platform/policy.js';
import type { MemberRole, MemberStatus, Visibility } from '../db/schema.js';
import { createMailer } from '../platform/mail.js';
import { insertUser } from '../modules/people/people.queries.js';
import { createOrgWithAdmin } from '../modules/org/org.service.js';
import { syncAutomaticMemberships } from '../modules/communities/communities.sync.js';

export const PASSWORD = 'correct horse battery staple';

/** Which database this test run uses: the PGlite template copy, or a fresh PostgreSQL database. */
export const dbKind = (process.env.TEST_DB ?? 'pglite') as 'pglite' | 'postgres';

/** Opens a database for one test file: a copy of the migrated PGlite template, or a new PostgreSQL database. */
export async function testDatabase(): Promise<Database> {
  if (dbKind === 'postgres') {
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl) {
      throw new Error('TEST_DATABASE_URL is not set');
    }
    const name = `tessuto_test_${newId().replaceAll('-', '').slice(-16)}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 10 });
    await migrateToLatest(database.db as never);
    return {
      ...database,
      close: async () => {
        await database.close();
        const c = new pg.Client({ connectionString: adminUrl });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const template = await readFile(inject('pgliteTemplate'));
  return openDatabase({ loadDataDir: new Blob([template]) });
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  close(): Promise<void>;
}

/** The real application on a real database, driven through `inject`. */
export async function testApp(
  overrides: Partial<Config> = {},
  opts: {
    env?: Record<string, string>;
    beforeReady?: (app: FastifyInstance) => void;
    /** Turns the logs on (at LOG_LEVEL, given in `env`) and sends them here. */
    logStream?: { write(line: string): void };
  } = {},
): Promise<TestApp> {
  const database = await testDatabase();
  const config = loadConfig({ LOG_LEVEL: 'silent', ...opts.env }, { dataDir: '/nonexistent', webDir: '/nonexistent', ...overrides });
  const app = await buildApp({
    config,
    database,
    storage: memoryStorage(),
    logger: opts.logStream !== undefined,
    ...(opts.logStream ? { logStream: opts.logStream } : {}),
    mailer: createMailer({ smtpUrl: undefined, from: 'test@localhost', log: silentLog }),
  });
  opts.beforeReady?.(app);
  await app.ready();
  return {
    app,
    database,
    config,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

const noop = () => undefined;
const silentLog = {
  info: noop,
  warn: noop,
  error: noop,
  debug: noop,
  trace: noop,
  fatal: noop,
  child: () => silentLog,
  level: 'silent',
  silent: noop,
} as never;

let nextAddress = 1 + Math.floor(Math.random() * 1000) * 1000;

/** A browser-like client: keeps its session cookie and sends the CSRF token on writes. */
export class Client {
  cookie: string | undefined;
  csrf: string | undefined;
  bearer: string | undefined;
  /** Each client comes from its own address, as separate people do, so per-address limits apply per client. */
  remoteAddress = `10.${nextAddress >> 16}.${(nextAddress >> 8) & 255}.${nextAddress++ & 255}`;

  constructor(
    readonly app: FastifyInstance,
    readonly host: string,
  ) {}

  async request(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({
      method,
      url,
      remoteAddress: this.remoteAddress,
      headers: {
        host: this.host,
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...(this.bearer ? { authorization: `Bearer ${this.bearer}` } : {}),
        ...(body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body) ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body) } : {}),
    });
    const set = res.cookies.find((c) => c.name === 'tessuto_sid');
    if (set) {
      this.cookie = set.value ? `tessuto_sid=${set.value}` : undefined;
    }
    if (res.statusCode < 300 && String(res.headers['content-type'] ?? '').includes('json')) {
      const json = res.json<{ csrfToken?: unknown }>();
      if (typeof json === 'object' && json && typeof json.csrfToken === 'string') {
        this.csrf = json.csrfToken;
      }
    }
    return res;
  }

  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, body?: unknown, headers?: Record<string, string>) => this.request('POST', url, body ?? {}, headers);
  patch = (url: string, body: unknown) => this.request('PATCH', url, body);
  put = (url: string, body: unknown, headers?: Record<string, string>) => this.request('PUT', url, body, headers);
  delete = (url: string) => this.request('DELETE', url);

  async signIn(email: string, password = PASSWORD): Promise<this> {
    const res = await this.post('/api/auth/sign-in', { email, password });
    if (res.statusCode !== 200) {
      throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
    }
    return this;
  }
}

let passwordHash: Promise<string> | undefined;

export interface TestOrg {
  orgId: string;
  host: string;
  adminId: string;
  admin: Client;
  /** A signed-out client for this organisation. */
  anonymous(): Client;
  /** Creates a person with these roles and returns a signed-in client and their id. */
  person(opts?: {
    roles?: Role[];
    name?: string;
    email?: string;
    managerId?: string | null;
  }): Promise<{ id: string; email: string; client: Client }>;
}

/** Each test makes its own organisation (on its own host name), so test files never share rows. */
export async function createOrg(t: TestApp, opts: { name?: string } = {}): Promise<TestOrg> {
  const host = `org-${newId().slice(-12)}.test`;
  const adminEmail = `admin@${host}`;
  const { orgId, userId } = await createOrgWithAdmin(t.app.ctx, {
    orgName: opts.name ?? 'Test Org',
    host,
    admin: { name: 'Ada Admin', email: adminEmail, password: PASSWORD },
  });
  const admin = await new Client(t.app, host).signIn(adminEmail);
  let n = 0;
  return {
    orgId,
    host,
    adminId: userId,
    admin,
    anonymous: () => new Client(t.app, host),
    async person(p = {}) {
      n += 1;
      passwordHash ??= hashPassword(PASSWORD);
      const id = newId();
      const email = p.email ?? `person${n}-${id.slice(-6)}@${host}`;
      await insertUser(t.app.ctx.db, {
        id,
        orgId,
        email,
        name: p.name ?? `Person ${n}`,
        passwordHash: await passwordHash,
        roles: [...new Set<Role>([...(p.roles ?? []), 'employee'])],
        managerId: p.managerId ?? null,
      });
      await syncAutomaticMemberships(t.app.ctx.db, orgId, [id]);
      const client = await new Client(t.app, host).signIn(email);
      return { id, email, client };
    },
  };
}

/**
 * A community written straight to the database with these members, for tests of other domains'
 * rules (posts, comments, reactions) that should not depend on the communities API.
 */
export async function insertCommunity(
  t: TestApp,
  org: TestOrg,
  visibility: Visibility,
  members: { id: string; role?: MemberRole; status?: MemberStatus }[] = [],
): Promise<string> {
  const id = newId();
  const db = t.app.ctx.db;
  await db
    .insertInto('communities')
    .values({
      id,
      orgId: org.orgId,
      name: `Community ${id.slice(-6)}`,
      slug: `c-${id.slice(-12)}`,
      visibility,
      memberCount: members.length,
    })
    .execute();
  if (members.length > 0) {
    await db
      .insertInto('communityMembers')
      .values(
        members.map((m) => ({ orgId: org.orgId, communityId: id, userId: m.id, role: m.role ?? 'member', status: m.status ?? 'active' })),
      )
      .execute();
  }
  return id;
}
