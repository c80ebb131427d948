/**
 * Loads the benchmark's social dataset into the database the environment names (DATABASE_URL, or
 * PGlite in DATA_DIR), then reads the home feed and a search once through the real application in
 * this process, recording the SQL they run, and explains each statement (EXPLAIN ANALYZE) on the
 * loaded data. Prints one JSON line: the dataset and the plans.
 *
 * Usage: tsx bench/dataset.ts [--quick] [--search-term WORD] [--plans-only LOADED.json]
 */
import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery } from 'kysely';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { openDatabase, type Database } from '../src/server/platform/db.js';
import { memoryStorage } from '../src/server/platform/storage.js';
import { FULL, generateSocial, QUICK, type SocialDataset } from './social.js';

export interface Plan {
  /** The request whose statements these are. */
  request: string;
  /** The statement, shortened to its first characters. */
  statement: string;
  plan: string;
  /** Execution time EXPLAIN ANALYZE measured, in milliseconds. */
  execution_ms: number | null;
}

export interface DatasetOutput {
  dataset: SocialDataset;
  plans: Plan[];
}

const log = (msg: string) => console.error(`[bench] ${msg}`);

interface Captured {
  text: string;
  values: unknown[];
}

/** Records the statements the database drivers are asked to run while `capturing` is set. */
let capturing: Captured[] | undefined;
function installCapture(): void {
  const wrap = (proto: object) => {
    const original = methodOf(proto, 'query');
    Object.defineProperty(proto, 'query', {
      configurable: true,
      writable: true,
      value: function (this: unknown, ...args: unknown[]) {
        if (capturing && typeof args[0] === 'string') {
          capturing.push({ text: args[0], values: Array.isArray(args[1]) ? (args[1] as unknown[]) : [] });
        }
        return original.apply(this, args);
      },
    });
  };
  wrap(pg.Client.prototype);
  wrap(PGlite.prototype);
}

/** A method as its prototype chain defines it, to wrap it without losing `this`. */
function methodOf(proto: object, name: string): (...args: unknown[]) => unknown {
  for (let p: object | null = proto; p; p = Object.getPrototypeOf(p) as object | null) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    if (d && typeof d.value === 'function') {
      return d.value as (...args: unknown[]) => unknown;
    }
  }
  throw new Error(`no method ${name} to wrap`);
}

/** Statements worth a plan: reads of content, not the session and organisation look-ups every request makes. */
const interesting = (text: string) =>
  /^\s*(with|select)\b/i.test(text) &&
  /\b(posts|post_hashtags|comments|communities|search_vector|users)\b/i.test(text) &&
  !/\bsessions\b/i.test(text);

async function explain(database: Database, request: string, statements: Captured[]): Promise<Plan[]> {
  const plans: Plan[] = [];
  for (const s of statements.filter((c) => interesting(c.text))) {
    const result = await database.db.executeQuery<Record<string, string>>(
      CompiledQuery.raw(`explain (analyze, buffers) ${s.text}`, s.values),
    );
    const lines = result.rows.map((r) => Object.values(r)[0] ?? '');
    const ms = lines.map((l) => /Execution Time: ([\d.]+) ms/.exec(l)?.[1]).find(Boolean);
    plans.push({
      request,
      statement: s.text.replace(/\s+/g, ' ').trim().slice(0, 160),
      plan: lines.join('\n'),
      execution_ms: ms ? Number(ms) : null,
    });
  }
  return plans;
}

async function plansFor(
  database: Database,
  dataset: Pick<SocialDataset, 'host' | 'viewer' | 'postCommunityId'>,
  searchTerm: string,
): Promise<Plan[]> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', API_RATE_LIMIT: '0', CONTENT_RATE_LIMIT: '0' });
  const app = await buildApp({ config, database, logger: false, storage: memoryStorage() });
  await app.ready();
  try {
    const headers = { host: dataset.host, 'content-type': 'application/json' };
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers,
      payload: JSON.stringify({ email: dataset.viewer.email, password: dataset.viewer.password }),
    });
    const cookie = signIn.cookies.find((c) => c.name.endsWith('tessuto_sid'));
    if (signIn.statusCode !== 200 || !cookie) {
      throw new Error(`sign-in for the plans failed: ${signIn.statusCode} ${signIn.body}`);
    }
    const requests = [
      '/api/feed',
      '/api/feed?sort=top',
      '/api/discover',
      `/api/communities/${dataset.postCommunityId}/feed`,
      `/api/search?q=${encodeURIComponent(searchTerm)}`,
    ].map((url) => ({ url }));
    const plans: Plan[] = [];
    for (const r of requests) {
      const get = () =>
        app.inject({ method: 'GET', url: r.url, headers: { host: dataset.host, cookie: `${cookie.name}=${cookie.value}` } });
      // Once to warm the caches, once to record.
      const first = await get();
      if (first.statusCode !== 200) {
        log(`plans: ${r.url} answered ${first.statusCode}; no plan for it`);
        continue;
      }
      capturing = [];
      await get();
      const statements = capturing;
      capturing = undefined;
      plans.push(...(await explain(database, `GET ${r.url}`, statements)));
    }
    return plans;
  } finally {
    await app.close();
  }
}

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'search-term': { type: 'string', default: 'customer feedback' },
    /** Only explain, on a dataset loaded before: the file holds what the load printed. */
    'plans-only': { type: 'string' },
  },
});
installCapture();
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrateToLatest(database.db as never);
  if (args['plans-only']) {
    const loaded = (JSON.parse(await readFile(args['plans-only'], 'utf8')) as DatasetOutput).dataset;
    for (const p of await plansFor(database, loaded, args['search-term'])) {
      console.log(`\n--- ${p.request} (${p.execution_ms} ms)\n${p.statement}\n${p.plan}`);
    }
    process.exit(0);
  }
  const size = args.quick ? QUICK : FULL;
  log(
    `generating the social dataset: ${size.people.toLocaleString('en')} people, ${size.communities} communities, ${size.posts.toLocaleString('en')} posts`,
  );
  const dataset = await generateSocial(database, size, log);
  log(`social dataset loaded in ${dataset.seconds.toFixed(1)} s`);
  const plans = await plansFor(database, dataset, args['search-term']);
  const out: DatasetOutput = { dataset, plans };
  console.log(JSON.stringify(out));
} finally {
  await database.close();
}
