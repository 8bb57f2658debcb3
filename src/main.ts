// Entry point: read config, open and migrate the database, start the Slack app.
import { buildApp } from './app.js';
import { ConfigError, loadConfig, loadDotEnv, slackMode } from './config.js';
import { DatabaseLockedError, openDatabase } from './db/client.js';
import { bootstrapAdmins } from './features/admin/service.js';
import { startReminders } from './features/reminders/scheduler.js';
import { loggerFor } from './ops/logger.js';
import { createOps } from './ops/ops.js';
import { onStopSignals } from './ops/shutdown.js';

function fail(lines: string[]): never {
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  loadDotEnv();
  let config;
  let mode;
  try {
    config = loadConfig();
    mode = slackMode(config);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    fail([
      "Convene can't start:",
      ...error.problems.map((p) => `  - ${p}`),
      'Create the Slack app and copy its tokens into .env: see README.md, "Create the Slack app".',
    ]);
  }

  let db;
  try {
    db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    if (error instanceof DatabaseLockedError) fail([`Convene can't start: ${error.message}`]);
    throw error;
  }
  const log = loggerFor(config);
  const ops = createOps({ db, log });
  const applied = await db.migrate();
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  log.bolt.info(`Database: ${where}; ${applied.length ? `applied ${applied.join(', ')}` : 'migrations up to date'}.`);
  await bootstrapAdmins(db.prisma, config.adminUserIds);

  const convene = buildApp({ config, db, mode, ops });
  const port = await convene.start();
  log.bolt.info(
    mode === 'socket'
      ? 'Convene is connected to Slack over Socket Mode.'
      : `Convene is listening on port ${port}: Slack requests at POST /slack/events, health at GET /healthz and /readyz, metrics at GET /metrics.`,
  );

  const reminders = startReminders({ prisma: db.prisma, config, logger: log.bolt, onTick: ops.recordTick });

  onStopSignals({
    ops,
    logger: log.bolt,
    stopServing: () => convene.stop(),
    stopEngine: () => reminders.stop(),
    closeDatabase: () => db.close(),
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
