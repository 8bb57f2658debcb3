// Migrations without the Prisma CLI: the CLI needs a native schema-engine binary it
// cannot download here, so we drive the wasm build of the same engine through a
// driver adapter. The engine writes `_prisma_migrations` itself, so a database
// migrated here stays valid for `prisma migrate deploy` and vice versa.
import { createRequire } from 'node:module';
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { MigrationList, SchemaContainer, SchemaEngine } from '@prisma/schema-engine-wasm';

type EngineModule = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');

/** Text the engine returns for a diff with no changes. */
export const EMPTY_MIGRATION = '-- This is an empty migration.';

let engineModule: Promise<EngineModule> | undefined;

// The engine arms 10 s timers it never clears; left alone they keep a CLI process
// alive for 10 s after its work is done. We unref them once no operation is running.
const engineTimers = new Set<NodeJS.Timeout>();
let runningOperations = 0;

// tsconfig's lib (ES2023, no DOM) carries no WebAssembly typings; this is the part we use.
const wasmApi = (
  globalThis as unknown as {
    WebAssembly: {
      compile(bytes: Uint8Array): Promise<object>;
      instantiate(module: object, imports: Record<string, object>): Promise<{ exports: Record<string, unknown> }>;
    };
  }
).WebAssembly;

/**
 * Loads the wasm schema engine once per process. The package entry imports the
 * .wasm as an ES module, which Node 20 cannot do, so we wire it up by hand the way
 * schema_engine.js would. The glue module holds the instance in a module-level
 * variable, hence the single cached load.
 */
export function loadSchemaEngine(): Promise<EngineModule> {
  engineModule ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const glue: EngineModule = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const module = await wasmApi.compile(await readFile(join(dirname(gluePath), 'schema_engine_bg.wasm')));
    const imports: Record<string, unknown> = { ...glue };
    const setTimeoutImport = Object.keys(glue).find((k) => k.startsWith('__wbg_setTimeout_'));
    if (setTimeoutImport) {
      imports[setTimeoutImport] = (fn: () => void, ms: number) => {
        const timer = setTimeout(() => {
          engineTimers.delete(timer);
          fn();
        }, ms >>> 0);
        engineTimers.add(timer);
        return timer;
      };
    }
    const instance = await wasmApi.instantiate(module, { './schema_engine_bg.js': imports });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })().catch((err: unknown) => {
    engineModule = undefined;
    throw err;
  });
  return engineModule;
}

export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

/**
 * Reads the migrations folder the way the Prisma CLI does: every subdirectory is a
 * migration (sorted by name), its script is migration.sql, plus migration_lock.toml.
 */
export async function readMigrationsList(migrationsDir: string): Promise<MigrationList> {
  const baseDir = resolve(migrationsDir);
  const lockPath = 'migration_lock.toml';
  const lockContent = await readFile(join(baseDir, lockPath), 'utf8').catch(() => null);
  const entries = await readdir(baseDir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  const dirs = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b));
  const migrationDirectories = await Promise.all(
    dirs.map(async (name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: await readFile(join(baseDir, name, 'migration.sql'), 'utf8').then(
          (value) => ({ tag: 'ok' as const, value }),
          (err: Error) => ({ tag: 'error' as const, value: err.message }),
        ),
      },
    })),
  );
  return {
    baseDir,
    lockfile: { path: lockPath, content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

/** Names of the migrations in the folder, in the order they apply. */
export async function migrationNames(migrationsDir: string): Promise<string[]> {
  return (await readMigrationsList(migrationsDir)).migrationDirectories.map((d) => d.path);
}

const NO_FILTER = { externalTables: [], externalEnums: [] };

/**
 * Runs `fn` with a fresh engine over `factory`. Every connection the engine opens is
 * disposed afterwards (the engine does not reliably do it, and an undisposed
 * adapter-pg pool keeps the process alive).
 */
async function withEngine<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const glue = await loadSchemaEngine();
  const opened: SqlDriverAdapter[] = [];
  const track = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    patchExecuteScript(adapter);
    opened.push(adapter);
    return adapter;
  };
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => track(await factory.connect()),
    connectToShadowDb: async () => track(await factory.connectToShadowDb()),
  };
  // The engine logs JSON lines (including each script it applies); show them on request.
  const log = (line: unknown) => {
    if (process.env.CONVENE_DEBUG_MIGRATE) process.stderr.write(`[schema-engine] ${String(line)}\n`);
  };
  let engine: SchemaEngine | undefined;
  runningOperations++;
  try {
    engine = await glue.SchemaEngine.new({ datamodels: undefined }, log, bindMigrationAwareSqlAdapterFactory(tracked));
    return await fn(engine);
  } catch (err) {
    throw new MigrationError(`schema engine: ${describeEngineError(err)}`, { cause: err });
  } finally {
    engine?.free();
    for (const adapter of opened) await adapter.dispose().catch(() => undefined);
    if (--runningOperations === 0) for (const timer of engineTimers) timer.unref();
  }
}

/** The engine's message without its span backtrace, naming the migration that failed. */
function describeEngineError(err: unknown): string {
  const raw =
    err instanceof Error || (typeof err === 'object' && err !== null && typeof (err as Error).message === 'string')
      ? (err as Error).message
      : typeof err === 'object' && err !== null
        ? JSON.stringify(err)
        : String(err);
  const lines = raw.split('\n');
  const traceStart = lines.findIndex((l) => /^\s+\d+: /.test(l));
  const message = (traceStart === -1 ? lines : lines.slice(0, traceStart)).join('\n').trim();
  const migration = /migration_name="([^"]+)"/.exec(raw)?.[1];
  return migration ? `migration ${migration} failed: ${message}` : message;
}

/**
 * Makes executeScript run the whole script as one simple-protocol query, which
 * Postgres executes as one implicit transaction (as Prisma's native engine does): a
 * failing migration then leaves nothing half-applied. Also fixes two adapter bugs: pglite-prisma-adapter does not
 * await exec() (errors are lost and the migration is recorded as applied), and
 * adapter-pg splits the script on every ';' (breaks on ';' inside strings/bodies).
 */
function patchExecuteScript(adapter: SqlDriverAdapter): void {
  const onError = (adapter as unknown as { onError?: (e: unknown) => never }).onError?.bind(adapter);
  const fail = (e: unknown): never => {
    if (onError) onError(e);
    throw e;
  };
  const driver = (adapter as { underlyingDriver?: () => unknown }).underlyingDriver?.();
  // pglite-prisma-adapter keeps its PGlite in a private field.
  const client = driver ?? (adapter as unknown as { client?: unknown }).client;
  let run: ((sql: string) => Promise<unknown>) | undefined;
  if (client instanceof pg.Pool) run = (sql) => client.query(sql);
  else if (isPGliteLike(client)) run = (sql) => client.exec(sql);
  if (run) {
    const exec = run;
    adapter.executeScript = async (script) => {
      await exec(script).catch(fail);
    };
  }
}

function isPGliteLike(x: unknown): x is Pick<PGlite, 'exec'> {
  return typeof x === 'object' && x !== null && typeof (x as { exec?: unknown }).exec === 'function';
}

/**
 * Applies the migrations in `migrationsDir` that the database has not seen yet and
 * records them in `_prisma_migrations`. Returns the names applied (empty when up to date).
 */
export async function applyMigrations(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  migrationsDir: string,
): Promise<string[]> {
  const migrationsList = await readMigrationsList(migrationsDir);
  const out = await withEngine(adapterFactory, (engine) => engine.applyMigrations({ migrationsList, filters: NO_FILTER }));
  return out.appliedMigrationNames;
}

/** Reads a schema file or a folder of .prisma files (multi-file schemas). */
export async function readSchemaFiles(schemaPath: string): Promise<SchemaContainer[]> {
  const path = resolve(schemaPath);
  if (path.endsWith('.prisma')) return [{ path, content: await readFile(path, 'utf8') }];
  const entries = await readdir(path, { recursive: true });
  const files = entries.filter((f) => f.endsWith('.prisma')).sort();
  return Promise.all(files.map(async (f) => ({ path: join(path, f), content: await readFile(join(path, f), 'utf8') })));
}

/**
 * SQL that takes a database from the committed migrations to `schemaPath`: the body of
 * the next migration. Returns EMPTY_MIGRATION when nothing changed. The migrations are
 * replayed on a throwaway in-memory PGlite, so no server is needed.
 */
export async function diffToNextMigration(schemaPath: string, migrationsDir: string): Promise<string> {
  const files = await readSchemaFiles(schemaPath);
  const migrationsList = await readMigrationsList(migrationsDir);
  // One throwaway database serves as both the engine's main connection (which a
  // diff never reads) and the shadow database the migrations are replayed on:
  // each PGlite costs a second or two to start.
  const [{ PGlite: PGliteClass }, { PrismaPGlite }] = await Promise.all([import('@electric-sql/pglite'), import('pglite-prisma-adapter')]);
  let db: PGlite | undefined;
  const connect = () => new PrismaPGlite((db ??= new PGliteClass('memory://'))).connect();
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: 'postgres',
    adapterName: 'convene-pglite-diff',
    connect,
    connectToShadowDb: connect,
  };
  try {
    const from =
      migrationsList.migrationDirectories.length > 0
        ? ({ tag: 'migrations', ...migrationsList } as const)
        : ({ tag: 'empty' } as const);
    const result = await withEngine(factory, (engine) =>
      engine.diff({ from, to: { tag: 'schemaDatamodel', files }, script: true, exitCode: null, filters: NO_FILTER }),
    );
    const sql = (result.stdout ?? '').trim();
    return sql === '' ? EMPTY_MIGRATION : sql;
  } finally {
    await db?.close().catch(() => undefined);
  }
}

/** True when the diff text means "no schema change". */
export function isEmptyMigration(sql: string): boolean {
  return sql.trim() === '' || sql.trim() === EMPTY_MIGRATION;
}
