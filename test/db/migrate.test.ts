import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_MIGRATIONS_DIR, openDatabase, type Database } from '../../src/db/client.js';
import { diffToNextMigration, isEmptyMigration, migrationNames } from '../../src/db/migrate.js';
import { dropSchema, testSchemaName } from '../support/postgres.js';

const SCHEMA_PATH = join(DEFAULT_MIGRATIONS_DIR, '..', 'schema.prisma');

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/** The migration contract, shared by the PGlite and PostgreSQL runs. */
async function checkMigrations(db: Database, table: string): Promise<void> {
  const expected = await migrationNames(DEFAULT_MIGRATIONS_DIR);
  expect(expected.length).toBeGreaterThan(0);

  expect(await db.healthy()).toBe(false);
  expect(await db.migrate()).toEqual(expected);
  expect(await db.healthy()).toBe(true);
  expect(await db.migrate()).toEqual([]);

  const rows = await db.prisma.$queryRawUnsafe<MigrationRow[]>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM ${table} ORDER BY migration_name`,
  );
  expect(rows.map((r) => r.migration_name)).toEqual(expected);
  for (const row of rows) {
    expect(row.finished_at).not.toBeNull();
    expect(row.rolled_back_at).toBeNull();
    // Prisma's checksum: sha256 of the script. A match keeps `prisma migrate deploy` happy.
    const script = await readFile(join(DEFAULT_MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
    expect(row.checksum).toBe(createHash('sha256').update(script).digest('hex'));
  }
}

/** The hand-written CHECK constraints in the init migration are in force. */
async function checkConvenerConstraints(db: Database): Promise<void> {
  const group = await db.prisma.group.create({
    data: { name: 'Test Group', key: 'testgroup', kind: 'CORE_IG', eligibility: 'ANYONE' },
  });
  const term = { groupId: group.id, startsOn: new Date('2025-07-01'), endsOn: new Date('2027-06-30') };
  await expect(db.prisma.convenerTerm.create({ data: term })).rejects.toThrow(/ConvenerTerm_person_check|check/i);
  await expect(
    db.prisma.convenerTerm.create({ data: { ...term, email: 'a@example.org', endsOn: new Date('2025-06-30') } }),
  ).rejects.toThrow(/check/i);
  const ok = await db.prisma.convenerTerm.create({ data: { ...term, email: 'a@example.org' } });
  expect(ok.id).toBeGreaterThan(0);
}

describe('PGlite (in memory)', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ dataDir: 'memory://' });
  });
  afterAll(() => db?.close());

  test('migrate applies every migration once and records them like Prisma', async () => {
    expect(db.kind).toBe('pglite');
    await checkMigrations(db, '"_prisma_migrations"');
  });

  test('the init migration carries the CHECK constraints', async () => {
    await checkConvenerConstraints(db);
  });
});

test('the committed migrations match prisma/schema.prisma', async () => {
  const sql = await diffToNextMigration(SCHEMA_PATH, DEFAULT_MIGRATIONS_DIR);
  // If this fails: run `npm run migration:new -- <name>` and commit the new migration.
  expect(isEmptyMigration(sql), `schema has changes without a migration:\n${sql}`).toBe(true);
});

const pgUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!pgUrl)('PostgreSQL (TEST_DATABASE_URL)', () => {
  const schema = testSchemaName();
  let db: Database;

  beforeAll(async () => {
    db = await openDatabase({ databaseUrl: pgUrl, dataDir: 'unused', schema });
  });
  afterAll(async () => {
    await db?.close();
    await dropSchema(pgUrl!, schema);
  });

  test('migrate applies every migration once, in its own schema', async () => {
    expect(db.kind).toBe('postgres');
    await checkMigrations(db, `"${schema}"."_prisma_migrations"`);
    const tables = await db.prisma.$queryRawUnsafe<{ table_schema: string }[]>(
      `SELECT table_schema FROM information_schema.tables WHERE table_name = 'ConvenerTerm'`,
    );
    expect(tables.map((t) => t.table_schema)).toContain(schema);
    await checkConvenerConstraints(db);
  });

  test('?schema= in the URL selects the schema', async () => {
    const url = new URL(pgUrl!);
    url.searchParams.set('schema', schema);
    const again = await openDatabase({ databaseUrl: url.toString(), dataDir: 'unused' });
    try {
      expect(await again.healthy()).toBe(true);
      expect(await again.prisma.group.count()).toBe(1);
    } finally {
      await again.close();
    }
  });
});
