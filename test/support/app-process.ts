// Runs the real entry point in a child process, as an operator does: the production build
// (`node dist/main.js`, built on demand when dist/ is missing or older than src/) or the
// quick start through tsx. Only the environment passed in reaches the child.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = resolve(import.meta.dirname, '../..');
export const DIST_MAIN = join(ROOT, 'dist/main.js');

/**
 * `npm start`'s node arguments: tsx as a loader inside the one node process. (Not the tsx CLI: its
 * signal relay gives the app 30 ms to answer a SIGTERM before killing it, too little on a busy machine.)
 */
export const TSX_MAIN_ARGS = ['--import', pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href, join(ROOT, 'src/main.ts')];

/** The node arguments of `npm run start:prod` (e.g. ['--liftoff-only', 'dist/main.js']), so tests run what operators run. */
export function startProdArgs(): string[] {
  const script = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['start:prod']!;
  const [node, ...args] = script.split(/\s+/);
  if (node !== 'node') throw new Error(`start:prod should run node: ${script}`);
  return args.map((a) => (a.endsWith('.js') ? join(ROOT, a) : a));
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.(ts|mjs)$/.test(entry.name)) continue;
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Runs `npm run build` unless dist/main.js is newer than every source file (.ts, .mjs) in src/. */
export function ensureBuilt(): void {
  if (existsSync(DIST_MAIN) && statSync(DIST_MAIN).mtimeMs >= newestMtime(join(ROOT, 'src'))) return;
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}${r.stderr}`);
}

export interface AppProcess {
  child: ChildProcess;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the HTTP port once the app says it is listening. */
  listening(): Promise<number>;
  /** Resolves when the process exits. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL if still running (for finally blocks). */
  kill(): void;
}

export function startAppProcess(opts: { env: Record<string, string>; cwd: string; entry?: 'dist' | 'tsx' }): AppProcess {
  const args = opts.entry === 'tsx' ? TSX_MAIN_ARGS : startProdArgs();
  const child = spawn(process.execPath, args, {
    cwd: opts.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: opts.cwd, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    listening: () =>
      new Promise<number>((found, fail) => {
        const check = () => {
          const m = /listening on port (\d+)/.exec(out);
          if (m) found(Number(m[1]));
        };
        child.stdout!.on('data', check);
        check();
        void exited.then(() => fail(new Error(`exited before listening:\n${out}\n${err}`)));
      }),
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
