// `convene`: the operator's command-line tool. Exit codes: 0 done, 1 failed, 2 usage or input error.
import { readFile } from 'node:fs/promises';
import { ConfigError, loadConfig, loadDotEnv, type Config } from './config.js';
import { DatabaseLockedError, openDatabase, type Database } from './db/client.js';
import { DATA_EXPORT_USAGE, dataExportCommand, isDataExport } from './features/exports/cli.js';
import { IGWEEK_EXPORT_USAGE, exportCommand } from './features/igweek/cli.js';
import { PETITIONS_USAGE, petitionsCommand } from './features/petitions/cli.js';
import { REMINDERS_USAGE, remindersCommand } from './features/reminders/cli.js';
import { type LinkSummary, linkPending, lookupByEmail } from './features/people/service.js';
import { createDeliveryClient } from './features/reminders/delivery.js';
import { allRules } from './features/reminders/registry.js';
import { ImportError, importGroups, importMembers, seedGroups } from './features/roster/service.js';
import { type Clock, systemClock } from './lib/time.js';

export const USAGE = `Usage: convene <command>

  migrate                        apply pending database migrations
  seed                           load the groups named in the seed documents (idempotent)
  import members <file.csv>      load the roster: email,name,memberships,standing
  import groups <file.csv>       load groups: name,kind,level,description,staff_liaison,open_to_public,conveners[,charter_approved]
${REMINDERS_USAGE}
${PETITIONS_USAGE}
${IGWEEK_EXPORT_USAGE}
${DATA_EXPORT_USAGE}
  help                           show this text

Configuration comes from the environment or .env (see README.md).`;

/** A usage or input problem: exit code 2. */
export class UsageError extends Error {}

export interface CliIO {
  out(line: string): void;
  err(line: string): void;
}

/** How the CLI opens its database; tests pass one that hands out an already open test database. */
export type OpenDatabase = (config: Config) => Promise<Database>;
const openFromConfig: OpenDatabase = (config) => openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });

async function withDb<T>(config: Config, fn: (db: Database) => Promise<T>, open: OpenDatabase = openFromConfig): Promise<T> {
  const db = await open(config);
  try {
    await db.migrate();
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function readInput(path: string | undefined, what: string): Promise<string> {
  if (!path) throw new UsageError(`convene import ${what} needs a file: convene import ${what} <file.csv>`);
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`can't read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** Emails an import asks Slack about at once (users.lookupByEmail is tier 3, ~50 a minute); the app's engine links the rest, 10 a minute. */
export const IMPORT_LOOKUPS = 40;

/** After an import: link the new roster people and conveners to Slack users by email, as far as Slack lets us now. */
async function linkToSlack(db: Database, config: Config, now: Date): Promise<LinkSummary> {
  const client = config.slack.botToken ? createDeliveryClient(config.slack) : undefined;
  return linkPending(db.prisma, client ? lookupByEmail(client) : undefined, { now, maxLookups: IMPORT_LOOKUPS });
}

export function linkLine(s: LinkSummary): string {
  const done = `Slack: ${s.linked} linked by email, ${s.notInSlack} without a Slack account`;
  if (s.pending === 0) return `${done}.`;
  const why = s.stopped === 'no Slack token' ? 'SLACK_BOT_TOKEN is not set' : s.stopped ? `Slack didn't answer: ${s.stopped}` : 'to stay under Slack\'s rate limit';
  return `${done}; ${s.pending} still to look up (${why}): the running app links them in the background.`;
}

export interface CliDeps {
  openDatabase?: OpenDatabase;
  clock?: Clock;
  /** Waits (Slack's Retry-After) in `reminders run`. */
  sleep?: (ms: number) => Promise<void>;
}

export async function runCli(argv: string[], config: Config, io: CliIO, deps: CliDeps = {}): Promise<number> {
  const [command, ...rest] = argv;
  const now = deps.clock ?? systemClock;
  const groupOptions = { clock: now, orgTimezone: config.orgTimezone };
  try {
    switch (command) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      case 'migrate': {
        const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
        try {
          const applied = await db.migrate();
          io.out(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database is up to date; nothing to apply.');
        } finally {
          await db.close();
        }
        return 0;
      }
      case 'seed': {
        const s = await withDb(config, (db) => seedGroups(db.prisma, 'cli', groupOptions));
        io.out(`Seed groups: ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged.`);
        return 0;
      }
      case 'import': {
        const [what, file] = rest;
        if (what === 'members') {
          const text = await readInput(file, 'members');
          const [s, link] = await withDb(config, async (db) => [await importMembers(db.prisma, text, 'cli'), await linkToSlack(db, config, now())] as const, deps.openDatabase);
          io.out(`Roster: ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged.`);
          io.out(linkLine(link));
          return 0;
        }
        if (what === 'groups') {
          const text = await readInput(file, 'groups');
          const [s, link] = await withDb(config, async (db) => [await importGroups(db.prisma, text, 'cli', groupOptions), await linkToSlack(db, config, now())] as const, deps.openDatabase);
          io.out(`Groups: ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged; ${s.conveners} convener term(s) added.`);
          io.out(linkLine(link));
          return 0;
        }
        throw new UsageError('convene import needs "members" or "groups": convene import members <file.csv>');
      }
      case 'reminders':
        return await remindersCommand(rest, config, io, {
          rules: allRules(),
          withDb: (fn) => withDb(config, fn, deps.openDatabase),
          clock: deps.clock ?? systemClock,
          sleep: deps.sleep,
        });
      case 'petitions':
        return await petitionsCommand(rest, config, io, { withDb: (fn) => withDb(config, fn, deps.openDatabase), clock: deps.clock ?? systemClock });
      case 'export': {
        const exportDeps = { withDb: <T>(fn: (db: Database) => Promise<T>) => withDb(config, fn, deps.openDatabase), clock: deps.clock ?? systemClock };
        if (rest[0] === 'igweek') return await exportCommand(rest, io, exportDeps);
        if (isDataExport(rest[0])) return await dataExportCommand(rest, io, { ...exportDeps, zone: config.orgTimezone });
        throw new UsageError(`convene export needs igweek, groups, reports, petitions, audit or compliance:\n${IGWEEK_EXPORT_USAGE}\n${DATA_EXPORT_USAGE}`);
      }
      default:
        throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`convene: ${error.message}`);
      return 2;
    }
    if (error instanceof ImportError) {
      io.err(`convene: ${error.message}`);
      return 2;
    }
    if (error instanceof DatabaseLockedError) {
      io.err(`convene: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

export async function main(): Promise<void> {
  loadDotEnv();
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`convene: invalid configuration:\n${error.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    process.exit(2);
  }
  const code = await runCli(process.argv.slice(2), config, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
  process.exit(code);
}
