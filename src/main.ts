// Entry point: read config, open and migrate the database, start the Slack app (or, with no
// Slack tokens at all, the local workspace: src/workspace).
import { buildApp } from './app.js';
import { ConfigError, isLocalWorkspace, loadConfig, loadDotEnv, slackMode } from './config.js';
import { DatabaseLockedError, openDatabase } from './db/client.js';
import { bootstrapAdmins } from './features/admin/service.js';
import { startReminders } from './features/reminders/scheduler.js';
import { loggerFor } from './ops/logger.js';
import { createOps } from './ops/ops.js';
import { onStopSignals } from './ops/shutdown.js';
import type { RunningWorkspace } from './workspace/workspace.js';

function fail(lines: string[]): never {
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  loadDotEnv();
  let config;
  let mode;
  let local = false;
  try {
    config = loadConfig();
    local = isLocalWorkspace(config);
    mode = local ? ('http' as const) : slackMode(config);
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
  // The local workspace prints one line, not the JSON log of every request (LOG_LEVEL=debug still logs).
  if (local && config.logLevel === 'info') config = { ...config, logLevel: 'warn' as const };
  const log = loggerFor(config);
  // Nothing answers without the database: exit, and let the supervisor (compose's restart policy,
  // systemd, Kubernetes) start Convene again, rather than stay up failing every request.
  void db.lost.then((error) => {
    log.bolt.error(`Convene is exiting: ${error.message}.`);
    process.exit(1);
  });
  const ops = createOps({ db, log });
  const applied = await db.migrate();
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  log.bolt.info(`Database: ${where}; ${applied.length ? `applied ${applied.join(', ')}` : 'migrations up to date'}.`);
  await bootstrapAdmins(db.prisma, config.adminUserIds);

  let workspace: RunningWorkspace | undefined;
  if (local) {
    // Loaded only here: the emulator and its web page are not part of a process talking to Slack.
    const { LocalWorkspaceError, startLocalWorkspace } = await import('./workspace/workspace.js');
    try {
      workspace = await startLocalWorkspace({ config, db, ops, logger: log.bolt });
    } catch (error) {
      if (error instanceof LocalWorkspaceError) fail([`Convene can't start the local workspace: ${error.message}`]);
      if ((error as { code?: string }).code === 'EADDRINUSE') fail([`Convene can't start the local workspace: port ${config.port} is in use; set PORT to another one.`]);
      throw error;
    }
    console.log(`Convene is running in a local workspace (no Slack tokens): open ${workspace.url}`);
  }
  const convene = workspace?.convene ?? buildApp({ config, db, mode, ops });
  if (!workspace) {
    const port = await convene.start();
    log.bolt.info(
      mode === 'socket'
        ? 'Convene is connected to Slack over Socket Mode.'
        : `Convene is listening on port ${port}: Slack requests at POST /slack/events, health at GET /healthz and /readyz, metrics at GET /metrics.`,
      `(started in ${Math.round(process.uptime() * 1000)} ms)`,
    );
    const site = convene.site.port ?? (mode === 'http' ? port : undefined);
    log.bolt.info(site !== undefined ? `Public pages on port ${site}: GET /groups, /groups.json, /igweek/<year>.` : 'Public pages are off: set PUBLIC_SITE_PORT to serve them in Socket Mode.');
  }

  const reminders = workspace?.reminders ?? startReminders({ prisma: db.prisma, config, logger: log.bolt, onTick: ops.recordTick, background: ops.work.background });

  onStopSignals({
    ops,
    logger: log.bolt,
    stopServing: () => workspace?.stopServing() ?? convene.stop(),
    stopEngine: () => reminders.stop(),
    closeDatabase: () => db.close(),
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
