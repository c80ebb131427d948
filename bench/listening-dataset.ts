/**
 * Loads the benchmark's listening dataset into the database the environment names (DATABASE_URL, or
 * PGlite in DATA_DIR), runs the jobs the close queued (the release of the common views, as the
 * worker would), then asks for the round's results once through the real application in this
 * process, as the first HR viewer: each request's time on that first (cold) ask and on a second one, and the plans (EXPLAIN ANALYZE) of the statements the first ask
 * ran, on the loaded data. Prints one JSON line: the dataset, the timings and the plans.
 *
 * Usage: tsx bench/listening-dataset.ts [--quick]
 */
import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery } from 'kysely';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { openDatabase, type Database } from '../src/server/platform/db.js';
import { sessionCookieName } from '../src/server/platform/http.js';
import { memoryStorage } from '../src/server/platform/storage.js';
import type { Plan } from './dataset.js';
import { generateListening, LISTENING_FULL, LISTENING_QUICK, resultsPath, type ListeningDataset } from './listening.js';

export interface FirstAsk {
  request: string;
  status: number;
  /** The first ask after the round closed: reads and groups the answers, releases the cells. */
  cold_ms: number;
  /** The same request again (not asked when the first took over a minute). */
  warm_ms: number | null;
  cells: number;
  shown: number;
  bytes: number;
}

export interface ListeningOutput {
  dataset: ListeningDataset & { cookieName: string };
  firstAsks: FirstAsk[];
  plans: Plan[];
}

const log = (msg: string) => console.error(`[bench] ${msg}`);

interface Captured {
  text: string;
  values: unknown[];
}

let capturing: Captured[] | undefined;
/** Records the statements the database drivers are asked to run while `capturing` is set. */
function installCapture(): void {
  for (const proto of [pg.Client.prototype, PGlite.prototype] as object[]) {
    let owner: object | null = proto;
    while (owner && !Object.getOwnPropertyDescriptor(owner, 'query')) {
      owner = Object.getPrototypeOf(owner) as object | null;
    }
    const original = Object.getOwnPropertyDescriptor(owner!, 'query')!.value as (...args: unknown[]) => unknown;
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
  }
}

/** Reads of the survey tables worth a plan (not the session, organisation and survey look-ups). */
const interesting = (text: string) =>
  /^\s*(with|select)\b/i.test(text) && /\b(survey_sheets|survey_answers|survey_audience|survey_releases)\b/i.test(text);

async function explain(database: Database, request: string, statements: Captured[]): Promise<Plan[]> {
  const plans: Plan[] = [];
  // A statement run twice (a read pass, then the same under the lock) is explained once.
  const seen = new Set<string>();
  for (const s of statements.filter((c) => interesting(c.text) && !seen.has(c.text) && seen.add(c.text))) {
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

async function firstAsks(database: Database, dataset: ListeningDataset, cookieName: string): Promise<{ asks: FirstAsk[]; plans: Plan[] }> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', API_RATE_LIMIT: '0', CONTENT_RATE_LIMIT: '0' });
  const app = await buildApp({ config, database, logger: false, storage: memoryStorage() });
  await app.ready();
  const asks: FirstAsk[] = [];
  const plans: Plan[] = [];
  try {
    // As the scheduler's worker would right after the close: the round's common views are released.
    const t = performance.now();
    const ran = await app.ctx.worker.runDue();
    log(`  ${ran} due job(s) run after the close, the release of the common views (${((performance.now() - t) / 1000).toFixed(1)} s)`);
    const unit = dataset.filters.units[0]!;
    // The whole company by team last: it releases a cell per team, and every later request reads them.
    for (const query of ['by=department', `department=${unit}&by=team`, `department=${unit}`, 'by=team']) {
      const url = resultsPath(dataset, query);
      const get = async () => {
        const t = performance.now();
        const res = await app.inject({
          method: 'GET',
          url,
          headers: { host: dataset.host, cookie: `${cookieName}=${dataset.viewerTokens[0]}` },
        });
        return { res, ms: Math.round((performance.now() - t) * 10) / 10 };
      };
      capturing = [];
      const cold = await get();
      const statements = capturing;
      capturing = undefined;
      if (cold.res.statusCode !== 200) {
        log(`first asks: ${url} answered ${cold.res.statusCode}; no timings or plans for it`);
        asks.push({ request: `GET ${url}`, status: cold.res.statusCode, cold_ms: cold.ms, warm_ms: null, cells: 0, shown: 0, bytes: 0 });
        continue;
      }
      const warm = cold.ms < 60_000 ? await get() : null;
      const body = cold.res.json<{ cells: { status: string }[] }>();
      asks.push({
        request: `GET ${url}`,
        status: 200,
        cold_ms: cold.ms,
        warm_ms: warm?.ms ?? null,
        cells: body.cells.length,
        shown: body.cells.filter((c) => c.status === 'shown').length,
        bytes: cold.res.rawPayload.length,
      });
      plans.push(...(await explain(database, `GET ${url} (first ask)`, statements)));
    }
  } finally {
    await app.close();
  }
  return { asks, plans };
}

const { values: args } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
installCapture();
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrateToLatest(database.db as never);
  const size = args.quick ? LISTENING_QUICK : LISTENING_FULL;
  log(`generating the listening dataset: ${size.people.toLocaleString('en')} people, ${(size.people * 10).toLocaleString('en')} answers`);
  const dataset = await generateListening(database, size, log);
  log(`listening dataset loaded in ${dataset.seconds.toFixed(1)} s`);
  const cookieName = sessionCookieName(config);
  const { asks, plans } = await firstAsks(database, dataset, cookieName);
  for (const a of asks) {
    log(
      `  ${a.request}: ${a.status}, first ask ${a.cold_ms} ms, again ${a.warm_ms ?? '–'} ms, ${a.shown}/${a.cells} cells shown, ${a.bytes} bytes`,
    );
  }
  const out: ListeningOutput = { dataset: { ...dataset, cookieName }, firstAsks: asks, plans };
  console.log(JSON.stringify(out));
} finally {
  await database.close();
}
