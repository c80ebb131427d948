import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { CamelCasePlugin, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DB } from '../db/schema.js';
import { PGliteDialect } from './pglite-dialect.js';

export type { DB };

/** An open database: Kysely over PGlite (embedded) or PostgreSQL, plus how to close it. */
export interface Database {
  readonly db: Kysely<DB>;
  readonly kind: 'pglite' | 'postgres';
  close(): Promise<void>;
  /** Runs parameterless multi-statement SQL (migrations, bulk loads). */
  exec(text: string): Promise<void>;
  /** PGlite only: the whole data folder as a tarball (tests copy a migrated template). */
  dump?(): Promise<Blob>;
}

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const asText = (value: string) => value;
/** Both drivers answer int8 (counts) as numbers, numeric and date as strings, so queries behave the same. */
const parseInt8 = (value: string) => Number(value);

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /** Start PGlite from a dumped data folder (tests copy a migrated template). */
  loadDataDir?: Blob | File;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
  /** Told when PostgreSQL ends an idle pooled connection (a restart, a failover, an administrator). */
  onIdleError?: (err: Error) => void;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 20,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown =>
          oid === INT8
            ? parseInt8
            : oid === DATE
              ? asText
              : (pg.types.getTypeParser(oid, format) as unknown)) as typeof pg.types.getTypeParser,
      },
    });
    // Without a listener, an idle connection ended by the server would crash the process; the pool
    // drops that connection by itself and the next query opens a new one.
    pool.on('error', (err) => opts.onIdleError?.(err));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
    await sql`create extension if not exists pg_trgm`.execute(db).catch(() => undefined);
    return {
      db,
      kind: 'postgres',
      close: () => db.destroy(),
      exec: async (text) => {
        await pool.query(text);
      },
    };
  }
  let dataDir: string | undefined;
  if (opts.dataDir && !opts.loadDataDir) {
    dataDir = path.join(opts.dataDir, 'pg');
    await mkdir(dataDir, { recursive: true });
  }
  const pglite = await PGlite.create(dataDir, {
    extensions: { pg_trgm },
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    parsers: { [INT8]: parseInt8, [NUMERIC]: asText, [DATE]: asText },
  });
  const dialect = new PGliteDialect(pglite);
  const db = new Kysely<DB>({ dialect, plugins: [new CamelCasePlugin()] });
  return {
    db,
    kind: 'pglite',
    close: () => db.destroy(),
    exec: (text) =>
      dialect.driver.exclusive(async (p) => {
        await p.exec(text);
      }),
    dump: () => dialect.driver.exclusive((p) => p.dumpDataDir('none')),
  };
}
