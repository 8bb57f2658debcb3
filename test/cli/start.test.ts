// `npm start` as a new user meets it: the real entry point in a child process.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TSX_MAIN_ARGS } from '../support/app-process.js';
import { FakeSlack } from '../support/fake-slack.js';

let dir: string;

/** Only what we pass: a developer's own SLACK_* variables or .env must not leak in. */
function start(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, TSX_MAIN_ARGS, { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: dir, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

function finished(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  return new Promise((done) => child.on('exit', (code) => done({ code, stdout, stderr })));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'convene-start-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('starting Convene', () => {
  // No tokens at all is the local workspace (test/workspace/local-start.test.ts); half a Slack setup is an error.
  it('stops at once with only some of the Slack tokens, naming what is missing and the README section, exit code 1', async () => {
    const botOnly = await finished(start({ SLACK_BOT_TOKEN: 'xoxb-1', DATA_DIR: join(dir, 'partial') }));
    expect(botOnly.code).toBe(1);
    expect(botOnly.stderr).toContain('SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP): not set');
    expect(botOnly.stderr).toContain('README.md, "Create the Slack app"');
    expect(botOnly.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const secretOnly = await finished(start({ SLACK_SIGNING_SECRET: 's', DATA_DIR: join(dir, 'partial') }));
    expect(secretOnly.code).toBe(1);
    expect(secretOnly.stderr).toContain('SLACK_BOT_TOKEN: not set');
    expect(secretOnly.stdout).not.toContain('local workspace');
  });

  it('names an invalid variable', async () => {
    const result = await finished(start({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', PORT: 'eighty', ORG_TIMEZONE: 'Mars/Olympus' }));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PORT: must be a port number');
    expect(result.stderr).toContain('ORG_TIMEZONE: must be an IANA time zone');
  });

  it('serves HTTP on the embedded database, with /healthz, and stops cleanly on SIGTERM', async () => {
    const fake = await FakeSlack.start();
    const child = start({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 'secret',
      SLACK_API_URL: fake.url,
      PORT: '0',
      DATA_DIR: join(dir, 'data'),
    });
    const exit = finished(child);
    try {
      const port = await new Promise<number>((found, fail) => {
        let out = '';
        child.stdout!.on('data', (d) => {
          out += d;
          const m = /listening on port (\d+)/.exec(out);
          if (m) found(Number(m[1]));
        });
        child.on('exit', () => fail(new Error(`exited early: ${out}`)));
      });
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', database: 'pglite' });
      child.kill('SIGTERM');
      const result = await exit;
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Database: embedded PGlite');
    } finally {
      child.kill('SIGKILL');
      await fake.close();
    }
  }, 60_000);
});
