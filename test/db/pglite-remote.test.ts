// The embedded database on its own thread behaves as PGlite does for the adapter: errors are
// PGlite's DatabaseError with the code, transactions commit or roll back, the caller's parsers run.
import { messages } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemotePGlite } from '../../src/db/pglite-remote.js';

let db: RemotePGlite;
beforeAll(async () => {
  db = await RemotePGlite.create('memory://', {});
  await db.exec('CREATE TABLE t (id int PRIMARY KEY, at timestamptz, note text)');
});
afterAll(() => db?.close());

describe('PGlite in a worker thread', () => {
  it('answers queries with parameters, in array or object rows, with dates as dates', async () => {
    await db.query('INSERT INTO t VALUES ($1, $2, $3)', [1, '2027-03-01T16:00:00Z', 'one']);
    const objects = await db.query<{ id: number; at: Date; note: string }>('SELECT * FROM t WHERE id = $1', [1]);
    expect(objects.rows).toEqual([{ id: 1, at: new Date('2027-03-01T16:00:00Z'), note: 'one' }]);
    const arrays = await db.query('SELECT id, note FROM t', [], { rowMode: 'array' });
    expect(arrays.rows).toEqual([[1, 'one']]);
  });

  it("runs the caller's own parsers (functions stay on this thread) on the text of their columns", async () => {
    const r = await db.query<{ at: string; note: string }>('SELECT at, note FROM t WHERE id = 1', [], { parsers: { 1184: (v: string) => `parsed:${v}` } });
    expect(r.rows[0]!.at).toMatch(/^parsed:2027-03-01 16:00:00/);
    expect(r.rows[0]!.note).toBe('one');
    // The thread keeps the first list of text types; other callers still get their own answer.
    const plain = await db.query<{ at: Date }>('SELECT at FROM t WHERE id = 1');
    expect(plain.rows[0]!.at).toEqual(new Date('2027-03-01T16:00:00Z'));
    const other = await db.query<{ at: Date; note: string }>('SELECT at, note FROM t WHERE id = 1', [], { parsers: { 25: (v: string) => v.toUpperCase() } });
    expect(other.rows[0]).toEqual({ at: new Date('2027-03-01T16:00:00Z'), note: 'ONE' });
    expect((await db.query<{ at: string }>('SELECT at FROM t WHERE id = 1', [], { parsers: { 1184: (v: string) => `again:${v}` } })).rows[0]!.at).toMatch(/^again:/);
  });

  it("throws PGlite's DatabaseError with its code (what the adapter maps to a unique violation)", async () => {
    const error = await db.query('INSERT INTO t VALUES (1, now(), $1)', ['again']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(messages.DatabaseError);
    expect(error).toMatchObject({ code: '23505', constraint: 't_pkey' });
  });

  it('commits a transaction that returns, rolls back one that throws or calls rollback', async () => {
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES (2, now(), $1)', ['kept']);
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES (3, now(), $1)', ['lost']);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES (4, now(), $1)', ['rolled back']);
      await tx.rollback();
    });
    const ids = (await db.query<{ id: number }>('SELECT id FROM t ORDER BY id')).rows.map((r) => r.id);
    expect(ids).toEqual([1, 2]);
  });

  it('keeps concurrent transactions apart: fifty increments, fifty counted', async () => {
    await db.exec('CREATE TABLE c (n int); INSERT INTO c VALUES (0)');
    await Promise.all(
      Array.from({ length: 50 }, () =>
        db.transaction(async (tx) => {
          const { rows } = await tx.query<{ n: number }>('SELECT n FROM c');
          await tx.query('UPDATE c SET n = $1', [rows[0]!.n + 1]);
        }),
      ),
    );
    expect((await db.query<{ n: number }>('SELECT n FROM c')).rows[0]!.n).toBe(50);
  });

  it('fails every call at once, waiting or new, when the database thread dies', async () => {
    const doomed = await RemotePGlite.create('memory://', {});
    const waiting = doomed.query('SELECT pg_sleep(0.5)');
    // What an out-of-memory abort in the thread looks like from here: the worker exits.
    await (doomed as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await expect(waiting).rejects.toThrow('the embedded database thread stopped');
    const started = performance.now();
    await expect(doomed.query('SELECT 1')).rejects.toThrow('the embedded database thread stopped (exit code 1)');
    await expect(doomed.transaction(async (tx) => tx.query('SELECT 1'))).rejects.toThrow('the embedded database thread stopped');
    expect((await doomed.lost).message).toBe('the embedded database thread stopped (exit code 1)');
    expect(performance.now() - started).toBeLessThan(100);
    await doomed.close();
  });
});
