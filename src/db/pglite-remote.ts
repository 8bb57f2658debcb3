// The embedded database in a worker thread (pglite-worker.mjs), behind the part of PGlite's
// interface that Prisma's adapter and the migrations use: query, exec, transaction, close. Every
// query of PGlite runs synchronously wherever PGlite lives; in the app's own thread that held up
// every Slack request behind everyone's queries, here it runs on the other core.
import { Worker } from 'node:worker_threads';
import { messages, type PGliteOptions, type Results, type Transaction } from '@electric-sql/pglite';

type Parser = (value: string, typeId: number) => unknown;
interface QueryOptions {
  rowMode?: 'array' | 'object';
  parsers?: Record<number, Parser>;
}
interface WorkerError {
  message: string;
  name?: string;
  length?: number;
  database: boolean;
  fields: Record<string, unknown>;
}

/** PGlite's errors as PGlite throws them (the adapter maps DatabaseError codes, e.g. unique violations). */
function rebuild(e: WorkerError): Error {
  const error = e.database ? new messages.DatabaseError(e.message, e.length ?? 0, 'error') : new Error(e.message);
  Object.assign(error, e.fields);
  return error;
}

const NO_PARSERS: NonNullable<QueryOptions['parsers']> = {};
/** The types each parsers object (Prisma's adapter has one) wants as text: worked out once per object. */
const textTypes = new WeakMap<object, number[]>();

export class RemotePGlite {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private nextTx = 1;
  private closed = false;
  /** Why the database thread is gone, once it is: every call after that fails at once instead of waiting forever. */
  private failure: Error | undefined;
  private onLost!: (error: Error) => void;
  /** Settles if the database thread dies (never after close()): the app exits so that its supervisor restarts it. */
  readonly lost = new Promise<Error>((settle) => (this.onLost = settle));

  private constructor(worker: Worker) {
    this.worker = worker;
    worker.on('message', (m: { id?: number; result?: unknown; error?: WorkerError }) => {
      if (m.id === undefined) return;
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.error) p?.reject(rebuild(m.error));
      else p?.resolve(m.result);
    });
    worker.on('error', (error) => this.fail(new Error(`the embedded database thread failed: ${error.message}`, { cause: error })));
    worker.on('exit', (code) => this.fail(new Error(`the embedded database thread stopped (exit code ${code})`)));
  }

  private fail(error: Error): void {
    // Once failed, nothing is pending any more and call() refuses: an 'exit' after an 'error' has nothing to add.
    if (this.closed || this.failure) return;
    this.failure = error;
    this.onLost(error);
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  static async create(dataDir: string, options: Pick<PGliteOptions, 'postgresqlconf'>): Promise<RemotePGlite> {
    const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), { workerData: { dataDir, options } });
    await new Promise<void>((ready, failed) => {
      const onMessage = (m: { ready?: boolean }) => {
        if (!m.ready) return;
        worker.off('message', onMessage);
        worker.off('error', failed);
        ready();
      };
      worker.on('message', onMessage);
      worker.once('error', failed);
      worker.once('exit', (code) => failed(new Error(`the database thread exited (${code}) before it was ready`)));
    });
    return new RemotePGlite(worker);
  }

  private call<T>(message: Record<string, unknown>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the database is closed'));
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  private async runQuery<T>(tx: number | undefined, sql: string, params: unknown[] | undefined, options: QueryOptions | undefined): Promise<Results<T>> {
    const parsers = options?.parsers ?? NO_PARSERS;
    let raw = textTypes.get(parsers);
    if (!raw) textTypes.set(parsers, (raw = Object.keys(parsers).map(Number)));
    const result = await this.call<Results<T>>({ op: 'query', tx, sql, params: params ?? [], rowMode: options?.rowMode, raw });
    if (raw.length === 0) return result;
    // The caller's own parsers run here, on the text the worker left for them.
    const columns = result.fields.map((f, i) => ({ i, name: f.name, parse: parsers[f.dataTypeID], typeId: f.dataTypeID })).filter((c) => c.parse);
    for (const row of result.rows as unknown[]) {
      for (const c of columns) {
        const cells = row as Record<string | number, unknown>;
        const key = options?.rowMode === 'array' ? c.i : c.name;
        const value = cells[key];
        if (typeof value === 'string') cells[key] = c.parse!(value, c.typeId);
      }
    }
    return result;
  }

  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    return this.runQuery<T>(undefined, sql, params, options);
  }

  exec(sql: string): Promise<Results[]> {
    return this.call({ op: 'exec', sql });
  }

  async transaction<T>(callback: (tx: Transaction) => Promise<T>): Promise<T> {
    const tx = this.nextTx++;
    await this.call({ op: 'begin', tx });
    const handle = {
      query: <R>(sql: string, params?: unknown[], options?: QueryOptions) => this.runQuery<R>(tx, sql, params, options),
      exec: (sql: string) => this.call<Results[]>({ op: 'exec', tx, sql }),
      rollback: () => this.call<void>({ op: 'rollback', tx }),
    } as unknown as Transaction;
    let result: T;
    try {
      result = await callback(handle);
    } catch (error) {
      await this.call({ op: 'end', tx, commit: false }).catch(() => undefined);
      throw error;
    }
    await this.call({ op: 'end', tx, commit: true });
    return result;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (!this.failure) await this.call({ op: 'close' });
    this.closed = true;
    await this.worker.terminate();
  }
}
