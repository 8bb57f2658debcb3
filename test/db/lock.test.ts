import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { DatabaseLockedError, LOCK_FILE, openDatabase, type Database } from '../../src/db/client.js';

const dirs: string[] = [];
const open: Database[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'convene-test-'));
  dirs.push(dir);
  return dir;
}

async function openDb(dataDir: string): Promise<Database> {
  const db = await openDatabase({ dataDir });
  open.push(db);
  return db;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

test('a persisted PGlite keeps its data across close and reopen, and is locked while open', async () => {
  const dataDir = join(await tempDir(), 'nested', 'data'); // created on open
  const lockPath = join(dataDir, LOCK_FILE);

  const first = await openDb(dataDir);
  expect(await readFile(lockPath, 'utf8')).toBe(`${process.pid}\n`);
  await first.migrate();
  await first.prisma.setting.create({ data: { key: 'channel', value: 'C123', updatedBy: 'cli' } });

  // Same directory while the first is open: refused, and the first keeps its lock.
  const err = await openDatabase({ dataDir }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(DatabaseLockedError);
  expect((err as DatabaseLockedError).pid).toBe(process.pid);
  expect((err as Error).message).toMatch(new RegExp(`pid ${process.pid}`));
  expect((err as Error).message).toMatch(/stop the running app or set DATABASE_URL/i);

  await first.close();
  expect(existsSync(lockPath)).toBe(false);

  // A leftover lock with our own pid (a container restarted on the same volume gets
  // the same pid) is stale, since this process does not hold it.
  await writeFile(lockPath, `${process.pid}\n`);
  const second = await openDb(dataDir);
  expect(await second.healthy()).toBe(true);
  expect(await second.migrate()).toEqual([]);
  expect(await second.prisma.setting.findUnique({ where: { key: 'channel' } })).toMatchObject({ value: 'C123' });
});

test('a lock held by another live process refuses the open', async () => {
  const dataDir = await tempDir();
  const lockPath = join(dataDir, LOCK_FILE);
  await writeFile(lockPath, `${process.ppid}\n`);

  const err = await openDatabase({ dataDir }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(DatabaseLockedError);
  expect((err as DatabaseLockedError).pid).toBe(process.ppid);
  expect((err as Error).message).toContain(`pid ${process.ppid}`);
  expect((err as Error).message).toMatch(/stop the running app or set DATABASE_URL/i);
  // Not ours: left exactly as it was.
  expect(await readFile(lockPath, 'utf8')).toBe(`${process.ppid}\n`);
});

test('a stale lock left by a dead process is taken over', async () => {
  const deadPid = 999999;
  expect(() => process.kill(deadPid, 0)).toThrow(); // precondition: nobody has this pid
  const dataDir = await tempDir();
  const lockPath = join(dataDir, LOCK_FILE);
  await writeFile(lockPath, `${deadPid}\n`);

  const db = await openDb(dataDir);
  expect(await readFile(lockPath, 'utf8')).toBe(`${process.pid}\n`);
  expect(await db.healthy()).toBe(false); // opened, nothing migrated yet
  await db.close();
  expect(existsSync(lockPath)).toBe(false);
});
