// SIGTERM while a request is still being handled (acked, its answer not yet delivered through
// response_url): the process stops taking new connections, waits for the handler to finish,
// then exits 0. Runs the production build, as a container's stop would.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, startAppProcess } from '../support/app-process.js';
import { FakeSlack } from '../support/fake-slack.js';
import { SlackDriver } from '../support/slack-driver.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'convene-shutdown-'));
  ensureBuilt();
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A response_url that takes `delayMs` to answer, and tells whether the caller was still there to read the answer. */
async function slowResponseUrl(delayMs: number) {
  const seen: { body: string; answered: boolean; callerLeft: boolean }[] = [];
  let arrived!: () => void;
  const arrival = new Promise<void>((r) => (arrived = r));
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const entry = { body, answered: false, callerLeft: false };
      seen.push(entry);
      arrived();
      res.on('close', () => {
        if (!entry.answered) entry.callerLeft = true;
      });
      setTimeout(() => {
        if (entry.callerLeft) return;
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}', () => (entry.answered = true));
      }, delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/response/slow`, seen, arrival, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('graceful shutdown', () => {
  it('on SIGTERM refuses new connections, finishes the request in flight, then exits 0', async () => {
    const fake = await FakeSlack.start();
    const slow = await slowResponseUrl(3000);
    const app = startAppProcess({
      cwd: dir,
      env: { SLACK_BOT_TOKEN: 'xoxb-shutdown', SLACK_SIGNING_SECRET: 'shutdown-secret', SLACK_API_URL: fake.url, PORT: '0', DATA_DIR: join(dir, 'data') },
    });
    try {
      const port = await app.listening();
      const driver = new SlackDriver({ baseUrl: `http://127.0.0.1:${port}`, signingSecret: 'shutdown-secret', fake });
      expect((await driver.command('U0SHUT', '/ig', 'help', { responseUrl: slow.url })).status).toBe(200);
      await slow.arrival; // acked; the listener now waits on response_url
      app.child.kill('SIGTERM');
      // Soon after the signal new connections are refused, while the request above is still being answered.
      let refused = false;
      for (let i = 0; i < 40 && !refused; i++) {
        refused = await fetch(`http://127.0.0.1:${port}/healthz`).then(() => false, () => true);
        if (!refused) await new Promise((r) => setTimeout(r, 50));
      }
      expect(refused).toBe(true);
      expect(slow.seen[0]?.answered).toBe(false);

      const exit = await app.exited;
      expect(exit.code).toBe(0);
      expect(slow.seen).toHaveLength(1);
      expect(slow.seen[0]).toMatchObject({ answered: true, callerLeft: false });
      const logs = app.stdout().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { msg: string });
      expect(logs.map((l) => l.msg)).toEqual(expect.arrayContaining([expect.stringContaining('SIGTERM: stopping Convene'), 'Convene stopped.']));
    } finally {
      app.kill();
      await slow.close();
      await fake.close();
    }
  }, 60_000);
});
