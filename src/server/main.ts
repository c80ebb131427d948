import { parseArgs } from 'node:util';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { migrateToLatest } from './db/migrate.js';
import { openDatabase, type Database } from './platform/db.js';

const HELP = `Usage: tessuto <command> [options]

Commands:
  start [--demo]            migrate, then serve (default); --demo loads the demo organisation first
  migrate                   apply pending database migrations
  create-admin --org NAME --name NAME --email EMAIL --password PASSWORD
                            create the organisation (first run) and its administrator
  import-people FILE.csv [--dry-run] --admin EMAIL
                            import people from a CSV file as the given administrator
  demo [--size N]           load the demo organisation (default about 300 people)
`;

async function open(config: Config): Promise<Database> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onIdleError: (err) => console.error(`database connection lost (a new one opens on the next query): ${err.message}`),
  });
  await migrateToLatest(database.db as never);
  return database;
}

async function start(config: Config, demo: boolean): Promise<void> {
  const database = await open(config);
  const app = await buildApp({ config, database, runJobs: true });
  if (demo) {
    const { loadDemo } = await import('./modules/demo/demo.service.js');
    await loadDemo(app.ctx, { size: 300, print: true });
  }
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) {
      return;
    }
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight, then closing the database');
    // app.close stops accepting, waits for in-flight requests, then the onClose hooks stop the worker.
    void app
      .close()
      .then(() => database.close())
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        app.log.error({ err }, 'error during shutdown');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
  const { needed } = await import('./modules/org/org.service.js').then(async (m) => ({ needed: await m.setupNeeded(app.ctx) }));
  app.log.info(`Tessuto is ready at ${config.publicUrl}${needed ? ' (open it to set up your organisation)' : ''}`);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      demo: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      org: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      admin: { type: 'string' },
      'dry-run': { type: 'boolean' },
      size: { type: 'string' },
    },
  });
  const command = positionals[0] ?? 'start';
  if (values.help) {
    console.log(HELP);
    return;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  switch (command) {
    case 'start':
      await start(config, Boolean(values.demo) || config.demo);
      return;
    case 'migrate': {
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      const applied = await migrateToLatest(database.db as never);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
      await database.close();
      return;
    }
    case 'create-admin': {
      const { org, name, email, password } = values;
      if (!name || !email || !password) {
        console.error('create-admin needs --name, --email and --password (and --org on first run).');
        process.exit(2);
      }
      const database = await open(config);
      const app = await buildApp({ config, database, logger: false });
      try {
        const { createAdmin } = await import('./modules/org/org.cli.js');
        console.log(await createAdmin(app.ctx, { orgName: org, name, email, password }));
      } finally {
        await app.close();
        await database.close();
      }
      return;
    }
    case 'import-people': {
      const file = positionals[1];
      if (!file || !values.admin) {
        console.error('import-people needs a CSV file and --admin EMAIL.');
        process.exit(2);
      }
      const database = await open(config);
      const app = await buildApp({ config, database, logger: false });
      try {
        const { importFromFile } = await import('./modules/people-import/import.cli.js');
        console.log(await importFromFile(app.ctx, { file, adminEmail: values.admin, dryRun: Boolean(values['dry-run']) }));
      } finally {
        await app.close();
        await database.close();
      }
      return;
    }
    case 'demo': {
      const database = await open(config);
      const app = await buildApp({ config, database, logger: false });
      try {
        const { loadDemo } = await import('./modules/demo/demo.service.js');
        await loadDemo(app.ctx, { size: values.size ? Number(values.size) : 300, print: true });
      } finally {
        await app.close();
        await database.close();
      }
      return;
    }
    default:
      console.error(`Unknown command "${command}".\n\n${HELP}`);
      process.exit(2);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
