// The embedded database on its own thread (see pglite-remote.ts): PostgreSQL in wasm and PGlite's
// protocol handling run here, beside the app's event loop instead of inside it. Plain JavaScript
// so that the same file runs under node, tsx and vitest without a build step.
import { parentPort, workerData } from 'node:worker_threads';
import { messages, PGlite } from '@electric-sql/pglite';

const db = await PGlite.create(workerData.dataDir, workerData.options);
/** Open transactions: id → the transaction and how to end its callback. */
const open = new Map();
/** Transactions begun: id → the promise PGlite's transaction() settles when it committed or rolled back. */
const finishing = new Map();

const errorOf = (error) => {
  const e = error ?? {};
  const fields = {};
  for (const key of Object.keys(e)) if (typeof e[key] !== 'function' && typeof e[key] !== 'object') fields[key] = e[key];
  return { message: String(e.message ?? e), name: e.name, length: e.length, database: error instanceof messages.DatabaseError, fields };
};
const target = (tx) => (tx ? open.get(tx)?.tx : db);

// Columns the caller parses itself come back as text: its parsers are functions, which can't cross
// threads. Prisma's adapter sends the same list of types with every query, so the first list is
// installed in PGlite's own parsers: a per-query `parsers` option costs PGlite a copy of all ~300.
const asText = (value) => value;
const defaults = { ...db.parsers };
let installed; // the first list's key ('1082,1114,…'); PGlite's parsers return text for those types
function parsersFor(raw) {
  const key = raw.join(',');
  if (installed === undefined && raw.length > 0) {
    for (const oid of raw) db.parsers[oid] = asText;
    installed = key;
  }
  if (key === (installed ?? '')) return undefined;
  // Another list (no caller sends one today): the installed types parsed as by default, its own as text.
  const own = {};
  for (const oid of installed.split(',')) own[oid] = defaults[oid];
  for (const oid of raw) own[oid] = asText;
  return own;
}

async function handle(m) {
  switch (m.op) {
    case 'query': {
      const parsers = parsersFor(m.raw);
      return target(m.tx).query(m.sql, m.params, { ...(m.rowMode ? { rowMode: m.rowMode } : {}), ...(parsers ? { parsers } : {}) });
    }
    case 'exec':
      // Scripts (migrations): their results are not read, so the installed text types don't matter.
      return target(m.tx).exec(m.sql);
    case 'begin':
      return new Promise((started, failed) => {
        const finished = db
          .transaction(
            (tx) =>
              new Promise((end, abort) => {
                open.set(m.tx, { tx, end, abort });
                started(undefined);
              }),
          )
          .finally(() => open.delete(m.tx));
        finishing.set(m.tx, finished);
        finished.catch(failed);
      });
    case 'rollback':
      return target(m.tx).rollback();
    case 'end': {
      const finished = finishing.get(m.tx);
      finishing.delete(m.tx);
      if (m.commit) open.get(m.tx)?.end(undefined);
      else open.get(m.tx)?.abort(new Error('rolled back by the caller'));
      try {
        await finished;
      } catch (error) {
        if (m.commit) throw error;
      }
      return undefined;
    }
    case 'close':
      await db.close();
      return undefined;
    default:
      throw new Error(`unknown op ${m.op}`);
  }
}

/** A transaction's messages run one after the other (a rollback before the end that follows it). */
const chains = new Map();
function inOrder(m) {
  if (!m.tx) return handle(m);
  const run = (chains.get(m.tx) ?? Promise.resolve()).then(() => handle(m));
  const settled = run.catch(() => undefined);
  chains.set(m.tx, settled);
  if (m.op === 'end') void settled.then(() => chains.get(m.tx) === settled && chains.delete(m.tx));
  return run;
}

parentPort.on('message', (m) => {
  inOrder(m).then(
    (result) => parentPort.postMessage({ id: m.id, result }),
    (error) => parentPort.postMessage({ id: m.id, error: errorOf(error) }),
  );
});
parentPort.postMessage({ ready: true });
