// `npm start` on a fresh clone with no .env: the real entry point in a child process starts the
// local workspace on loopback, prints one line with the address, and keeps its state on restart.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TSX_MAIN_ARGS } from '../support/app-process.js';

const LINE = /^Convene is running in a local workspace \(no Slack tokens\): open http:\/\/localhost:(\d+)\/$/;
let dir: string;

interface Started {
  child: ChildProcess;
  port: number;
  out: () => string;
  exit: Promise<{ code: number | null }>;
}

/** Only what we pass: no SLACK_* variables (nor a developer's .env: cwd is a fresh folder). */
async function start(): Promise<Started> {
  const child = spawn(process.execPath, TSX_MAIN_ARGS, {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: dir, PORT: '0', DATA_DIR: join(dir, 'data') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const exit = new Promise<{ code: number | null }>((done) => child.on('exit', (code) => done({ code })));
  const port = await new Promise<number>((found, fail) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = LINE.exec(out.split('\n')[0] ?? '');
      if (m) found(Number(m[1]));
    });
    child.on('exit', () => fail(new Error(`exited early: ${out}${err}`)));
  });
  return { child, port, out: () => out, exit };
}

/** A non-loopback IPv4 address of this machine, if it has one. */
function externalAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
}

function refused(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      done(false);
    });
    socket.once('error', () => done(true));
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'convene-local-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('npm start without Slack tokens', () => {
  it('runs a local workspace on 127.0.0.1, prints one line, answers the Web API and the page, stops cleanly and keeps its state', async () => {
    const first = await start();
    try {
      const auth = await fetch(`http://127.0.0.1:${first.port}/api/auth.test`, { method: 'POST', headers: { authorization: 'Bearer xoxb-anything' } });
      expect(await auth.json()).toMatchObject({ ok: true, user_id: expect.any(String), team_id: 'T0LOCAL' });
      expect((await fetch(`http://127.0.0.1:${first.port}/api/auth.test`, { method: 'POST' }).then((r) => r.json())) as object).toEqual({ ok: false, error: 'not_authed' });
      const page = await fetch(`http://127.0.0.1:${first.port}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      // The app's health and metrics, on the same port as the page.
      const health = await fetch(`http://127.0.0.1:${first.port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', database: 'pglite' });
      expect((await fetch(`http://127.0.0.1:${first.port}/readyz`)).status).toBe(200);
      expect(await fetch(`http://127.0.0.1:${first.port}/metrics`).then((r) => r.text())).toContain('convene_slack_acks_total');
      const external = externalAddress();
      if (external) expect(await refused(external, first.port)).toBe(true);

      // The page's state: the demo people and the clock, moved forward a day.
      const state = (await fetch(`http://127.0.0.1:${first.port}/ws/state`).then((r) => r.json())) as { people: unknown[]; now: string };
      expect(state.people.length).toBeGreaterThanOrEqual(17);
      const jumped = new Date(Date.parse(state.now) + 86_400_000);
      const clock = await fetch(`http://127.0.0.1:${first.port}/ws/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ days: 1 }) });
      expect(await clock.json()).toMatchObject({ ok: true });

      expect(first.out().trim().split('\n')).toHaveLength(1);
      first.child.kill('SIGTERM');
      expect((await first.exit).code).toBe(0);
      const saved = JSON.parse(await readFile(join(dir, 'data', 'workspace.json'), 'utf8')) as { demo: boolean; clockOffsetMs: number };
      expect(saved.demo).toBe(true);
      expect(saved.clockOffsetMs).toBeGreaterThan(86_000_000);

      // Started again: the same workspace, its clock still a day ahead.
      const second = await start();
      try {
        const again = (await fetch(`http://127.0.0.1:${second.port}/ws/state`).then((r) => r.json())) as { now: string };
        expect(Date.parse(again.now)).toBeGreaterThanOrEqual(jumped.getTime() - 5000);
      } finally {
        second.child.kill('SIGTERM');
        expect((await second.exit).code).toBe(0);
      }
    } finally {
      first.child.kill('SIGKILL');
    }
  }, 120_000);
});
