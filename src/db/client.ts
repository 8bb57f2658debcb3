// Opens Convene's database: embedded PGlite by default (no server to run), or a
// PostgreSQL server when DATABASE_URL is set. Both speak the same SQL, so one Prisma
// schema and one migrations folder serve both.
import { readFileSync, unlinkSync } from 'node:fs';
import { link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.js';
import { applyMigrations, migrationNames } from './migrate.js';

export type { PrismaClient } from '../generated/prisma/client.js';

export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));
export const LOCK_FILE = 'convene.lock';
const MEMORY = 'memory://';
/**
 * PGlite's PostgreSQL runs inside the node process, in wasm memory that never shrinks. Its
 * default shared_buffers (128 MB) fills as pages are read and costs ~150 MB of resident memory;
 * Convene's working set is a few MB, so 16 MB of buffers serves it (the OS page cache holds the rest).
 */
const PGLITE_CONF = ['shared_buffers=16MB'];
/**
 * Prisma waits 2 s by default for a transaction to start. Under a burst (a thousand claims of one
 * IG Week slot) transactions queue for the database longer than that; they should wait their turn,
 * not fail. Set per transaction where a feature needs otherwise.
 */
const TRANSACTION_OPTIONS = { maxWait: 20_000, timeout: 20_000 };

export interface Database {
  prisma: PrismaClient;
  kind: 'pglite' | 'postgres';
  /** Awaited before every query and transaction outside a transaction (ops/work.ts: work after an ack gives way to pending acks). */
  setQueryGate(gate: QueryGate): void;
  /** Applies pending migrations from prisma/migrations; returns names applied. */
  migrate(): Promise<string[]>;
  /** true when the database answers a trivial query and all migrations in the folder are applied. */
  healthy(): Promise<boolean>;
  /** As healthy(), with why not: the database does not answer, or which migrations are pending. */
  readiness(): Promise<{ ready: true } | { ready: false; reason: string }>;
  /** Settles if the database can't come back in this process (the embedded database's thread died); PostgreSQL's pool reconnects by itself. */
  lost: Promise<Error>;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string;
  dataDir: string;
  /** postgres schema to use (tests give each run its own); default from URL ?schema= or 'public' */
  schema?: string;
  /** Defaults to the repository's prisma/migrations. */
  migrationsDir?: string;
}

/** The embedded database directory is held by another live process. */
export class DatabaseLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    readonly lockPath: string,
  ) {
    super(
      `The database in ${dataDir} is in use by another process (pid ${pid}). ` +
        `Stop the running app or set DATABASE_URL to use a PostgreSQL server. ` +
        `If pid ${pid} is not Convene, delete ${lockPath}.`,
    );
    this.name = 'DatabaseLockedError';
  }
}

export type QueryGate = () => Promise<void>;

/**
 * The adapter with a gate in front of its queries and transaction starts. Queries inside a
 * transaction pass straight through: a transaction holds locks (on PGlite, the whole database),
 * so it should finish, not wait.
 */
function gated<F extends SqlDriverAdapterFactory>(factory: F, gate: { current: QueryGate }): F {
  const gatedMethods = new Set<PropertyKey>(['queryRaw', 'executeRaw', 'startTransaction']);
  // Proxies that call through to the real object (its methods may use private fields).
  const through = <T extends object>(target: T, wrap: (key: PropertyKey, fn: (...a: unknown[]) => unknown) => unknown): T =>
    new Proxy(target, {
      get(t, key) {
        const value: unknown = Reflect.get(t, key, t);
        return typeof value === 'function' ? wrap(key, (...a: unknown[]) => (value as (...x: unknown[]) => unknown).apply(t, a)) : value;
      },
    });
  return through(factory, (key, fn) =>
    key !== 'connect'
      ? fn
      : async () =>
          through((await fn()) as SqlDriverAdapter, (k, method) => (gatedMethods.has(k) ? async (...a: unknown[]) => (await gate.current(), method(...a)) : method)),
  );
}

const noGate: QueryGate = () => Promise.resolve();

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const migrationsDir = opts.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  return opts.databaseUrl
    ? openPostgres(opts.databaseUrl, opts.schema, migrationsDir)
    : openPGlite(opts.dataDir, migrationsDir);
}

async function openPGlite(dataDir: string, migrationsDir: string): Promise<Database> {
  const inMemory = dataDir === MEMORY;
  let releaseLock = async () => {};
  if (!inMemory) {
    dataDir = resolve(dataDir);
    await mkdir(dataDir, { recursive: true });
    releaseLock = await acquireLock(dataDir);
  }
  // Each database's driver is loaded only when it is the one in use (less memory for the other).
  const [{ RemotePGlite }, { PrismaPGlite }] = await Promise.all([import('./pglite-remote.js'), import('pglite-prisma-adapter')]);
  // PGlite on its own thread (pglite-remote.ts): its queries no longer hold up the app's event loop.
  let remote: Awaited<ReturnType<typeof RemotePGlite.create>>;
  try {
    remote = await RemotePGlite.create(inMemory ? MEMORY : dataDir, { postgresqlconf: PGLITE_CONF });
  } catch (err) {
    await releaseLock();
    throw err;
  }
  // The part of PGlite's interface the adapter uses (see pglite-remote.ts).
  const pglite = remote as unknown as PGlite;
  const gate = { current: noGate };
  const prisma = new PrismaClient({ adapter: gated(new PrismaPGlite(pglite), gate), transactionOptions: TRANSACTION_OPTIONS });
  return makeDatabase({
    prisma,
    gate,
    kind: 'pglite',
    schema: 'public',
    migrationsDir,
    // Same PGlite instance: it is single-connection, a second one would not see our data.
    migrationFactory: () => new PrismaPGlite(pglite),
    lost: remote.lost,
    async shutdown() {
      await prisma.$disconnect();
      await pglite.close();
      await releaseLock();
    },
  });
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

async function openPostgres(databaseUrl: string, schemaOpt: string | undefined, migrationsDir: string): Promise<Database> {
  const url = new URL(databaseUrl);
  const schema = schemaOpt ?? url.searchParams.get('schema') ?? 'public';
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Invalid PostgreSQL schema name: ${JSON.stringify(schema)}`);
  // `schema` is a Prisma convention, not a libpq parameter. search_path makes the
  // migrations' unqualified table names land in our schema; it must go in the URL
  // because pg lets connection-string parameters override the config object.
  url.searchParams.delete('schema');
  const options = url.searchParams.get('options');
  url.searchParams.set('options', `${options ? `${options} ` : ''}-c search_path=${schema}`);
  const connectionString = url.toString();

  const { PrismaPg } = await import('@prisma/adapter-pg');
  const setup = new pg.Client({ connectionString });
  await setup.connect();
  try {
    // Look first: CREATE SCHEMA IF NOT EXISTS still needs CREATE on the database,
    // which a hosted database's app role may lack.
    const found = await setup.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (found.rowCount === 0) await setup.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } finally {
    await setup.end();
  }

  const makeFactory = () => new PrismaPg({ connectionString }, { schema });
  const gate = { current: noGate };
  const prisma = new PrismaClient({ adapter: gated(makeFactory(), gate), transactionOptions: TRANSACTION_OPTIONS });
  return makeDatabase({
    prisma,
    gate,
    kind: 'postgres',
    schema,
    migrationsDir,
    // Own pool for the engine; disposed when the migration finishes.
    migrationFactory: makeFactory,
    lost: new Promise<never>(() => {}),
    async shutdown() {
      await prisma.$disconnect();
    },
  });
}

function makeDatabase(p: {
  prisma: PrismaClient;
  gate: { current: QueryGate };
  kind: Database['kind'];
  schema: string;
  migrationsDir: string;
  migrationFactory: () => SqlMigrationAwareDriverAdapterFactory;
  lost: Promise<Error>;
  shutdown: () => Promise<void>;
}): Database {
  let closing: Promise<void> | undefined;
  const pending = () => pendingMigrations(p.prisma, p.schema, p.migrationsDir);
  const readiness = async (): Promise<{ ready: true } | { ready: false; reason: string }> => {
    try {
      await p.prisma.$queryRawUnsafe('SELECT 1');
    } catch {
      return { ready: false, reason: 'the database does not answer' };
    }
    try {
      const names = await pending();
      return names.length === 0 ? { ready: true } : { ready: false, reason: `migrations not applied: ${names.join(', ')}` };
    } catch {
      return { ready: false, reason: 'migrations not applied' };
    }
  };
  return {
    prisma: p.prisma,
    kind: p.kind,
    lost: p.lost,
    setQueryGate(gate) {
      p.gate.current = gate;
    },
    // The schema engine (wasm, tens of MB) is loaded only when the folder has migrations the
    // database has not recorded; a restart with migrations current never loads it.
    migrate: async () => ((await pending()).length === 0 ? [] : applyMigrations(p.migrationFactory(), p.migrationsDir)),
    readiness,
    healthy: async () => (await readiness()).ready,
    close() {
      closing ??= p.shutdown();
      return closing;
    },
  };
}

/** Migrations in the folder that `_prisma_migrations` does not list as finished (all of them when the table is missing). */
async function pendingMigrations(prisma: PrismaClient, schema: string, migrationsDir: string): Promise<string[]> {
  const expected = await migrationNames(migrationsDir);
  if (expected.length === 0) return [];
  const table = await prisma.$queryRawUnsafe<{ found: boolean }[]>(
    `SELECT to_regclass('"${schema}"."_prisma_migrations"') IS NOT NULL AS found`,
  );
  if (!table[0]?.found) return expected;
  const rows = await prisma.$queryRawUnsafe<{ migration_name: string }[]>(
    `SELECT migration_name FROM "${schema}"."_prisma_migrations"
     WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const applied = new Set(rows.map((r) => r.migration_name));
  return expected.filter((name) => !applied.has(name));
}

// ---------------------------------------------------------------------------
// Lock file: PGlite is single-process; two processes on one data directory would
// corrupt it, so the directory belongs to whoever holds dataDir/convene.lock.

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parsePid(text: string): number | undefined {
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Lock files this process holds. */
const heldLocks = new Set<string>();

/** Takes the lock (or a stale one over); returns its release function. */
async function acquireLock(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = join(dataDir, LOCK_FILE);
  const mine = `${process.pid}\n`;
  for (let attempt = 0; attempt < 5; attempt++) {
    // Write the pid first, then link into place: link fails if the lock exists and is
    // atomic, so nobody ever reads a half-written lock.
    const tmp = `${lockPath}.${process.pid}.tmp`;
    await writeFile(tmp, mine);
    try {
      await link(tmp, lockPath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const content = await readFile(lockPath, 'utf8').catch(() => undefined);
      if (content === undefined) continue; // vanished meanwhile: retry
      const pid = parsePid(content);
      // Our own pid in a lock we do not hold is stale too: a container restarted on
      // the same volume gets the same pid (often 1) as the process that left it.
      const live = pid !== undefined && (pid === process.pid ? heldLocks.has(lockPath) : pidAlive(pid));
      if (live) throw new DatabaseLockedError(dataDir, pid, lockPath);
      await takeOverStale(lockPath, content);
      continue;
    } finally {
      await rm(tmp, { force: true });
    }
    heldLocks.add(lockPath);
    const releaseSync = () => {
      heldLocks.delete(lockPath);
      try {
        if (readFileSync(lockPath, 'utf8') === mine) unlinkSync(lockPath);
      } catch {
        // already gone
      }
    };
    // A crash leaves the lock behind (taken over later as stale); a normal exit should not.
    process.once('exit', releaseSync);
    return async () => {
      process.removeListener('exit', releaseSync);
      releaseSync();
    };
  }
  throw new Error(`Could not take the lock ${lockPath}; another process keeps changing it.`);
}

/**
 * Moves a dead process's lock aside. rename is atomic, so of two processes racing
 * for the same stale lock only one moves it; if what we moved turns out to be a
 * fresh lock written meanwhile, it is put back.
 */
async function takeOverStale(lockPath: string, staleContent: string): Promise<void> {
  const aside = `${lockPath}.stale-${process.pid}`;
  try {
    await rename(lockPath, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const moved = await readFile(aside, 'utf8').catch(() => staleContent);
  if (moved !== staleContent) await link(aside, lockPath).catch(() => undefined);
  await rm(aside, { force: true });
}
