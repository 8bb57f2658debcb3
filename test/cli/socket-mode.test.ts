// `npm start` in Socket Mode, as a new user meets it: the real entry point in a child process,
// SLACK_BOT_TOKEN + SLACK_APP_TOKEN and no signing secret. The fake Web API answers
// apps.connections.open with the address of a local WebSocket server that plays Slack's side
// of the Socket Mode protocol: `hello`, then a slash command envelope, which the app must ack
// over the socket and answer through its response_url.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TSX_MAIN_ARGS } from '../support/app-process.js';
import { type WebSocket, WebSocketServer } from 'ws';
import { FakeSlack } from '../support/fake-slack.js';

const CONNECTED = 'Convene is connected to Slack over Socket Mode.';
let dir: string;

/** Only what we pass: a developer's own SLACK_* variables or .env must not leak in. */
function start(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, TSX_MAIN_ARGS, { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: dir, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Rejects after `ms` with `what` and whatever the child has printed so far. */
function within<T>(ms: number, what: string, promise: Promise<T>, output: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`timed out after ${ms} ms waiting for ${what}; child output:\n${output()}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Slack's side of one Socket Mode connection: every JSON message the app sends, in order. */
class SlackSide {
  readonly received: Record<string, unknown>[] = [];
  private readonly waiters = new Set<() => void>();
  closed: Promise<number>;

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      if (!isBinary) this.received.push(JSON.parse(data.toString()) as Record<string, unknown>);
      for (const wake of [...this.waiters]) wake();
    });
    this.closed = new Promise((done) => socket.on('close', (code) => done(code)));
  }

  send(message: Record<string, unknown>): void {
    this.socket.send(JSON.stringify(message));
  }

  /** The first message (already received or future) matching `match`. */
  next(match: (m: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
    return new Promise((found) => {
      const check = () => {
        const m = this.received.find(match);
        if (!m) return;
        this.waiters.delete(check);
        found(m);
      };
      this.waiters.add(check);
      check();
    });
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'convene-socket-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('starting Convene in Socket Mode', () => {
  it('connects with the app token, acks a slash command over the socket, answers via response_url, stops cleanly on SIGTERM', async () => {
    const fake = await FakeSlack.start();
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/link' });
    await new Promise<void>((listening, fail) => {
      wss.once('listening', listening);
      wss.once('error', fail);
    });
    fake.socketModeUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link`;
    const connection = new Promise<SlackSide>((connected) => wss.once('connection', (socket) => connected(new SlackSide(socket))));

    const child = start({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_APP_TOKEN: 'xapp-1-A0FAKEAPP-1-test',
      SLACK_API_URL: fake.url,
      DATA_DIR: join(dir, 'data'),
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    const output = () => `--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`;
    const exit = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const exitedEarly = exit.then((code) => {
      throw new Error(`exited early with code ${code}:\n${output()}`);
    });
    const alive = <T>(ms: number, what: string, promise: Promise<T>) => within(ms, what, Promise.race([promise, exitedEarly]), output);
    exitedEarly.catch(() => undefined); // only raced; SIGTERM makes it reject at the end

    try {
      // Start-up (database migrations included), then the Socket Mode handshake.
      const slack = await alive(45_000, 'the WebSocket connection', connection);
      const open = fake.callsTo('apps.connections.open');
      expect(open).toHaveLength(1);
      expect(open[0]!.token).toBe('xapp-1-A0FAKEAPP-1-test');
      expect(stdout).not.toContain(CONNECTED); // not before Slack's hello

      slack.send({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'applink-test', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: fake.appId },
      });
      await alive(5000, 'the "connected" line', new Promise<void>((done) => {
        const check = () => stdout.includes(CONNECTED) && done();
        child.stdout!.on('data', check);
        check();
      }));

      // A slash command, shaped as Slack sends it over Socket Mode.
      const envelopeId = randomUUID();
      const responseUrl = fake.responseUrl();
      slack.send({
        envelope_id: envelopeId,
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: {
          token: 'legacy-verification-token',
          team_id: fake.teamId,
          team_domain: 'fake',
          channel_id: 'C0GENERAL',
          channel_name: 'general',
          user_id: 'U0MEMBER',
          user_name: 'member',
          command: '/ig',
          text: 'help',
          api_app_id: fake.appId,
          is_enterprise_install: 'false',
          response_url: responseUrl,
          trigger_id: fake.issueTriggerId('U0MEMBER'),
        },
      });

      const ack = await alive(5000, `the ack of envelope ${envelopeId}`, slack.next((m) => m.envelope_id === envelopeId));
      expect(ack).toEqual({ envelope_id: envelopeId, payload: {} });

      const reply = await alive(5000, 'the help text at the response_url', fake.waitFor('response_url', (c) => c.url === responseUrl, 5000));
      expect(reply.args.response_type).toBe('ephemeral');
      expect(JSON.stringify(reply.args.blocks)).toContain('/ig list');
      expect(slack.received).toHaveLength(1); // just the ack: the answer went by response_url

      expect(stdout).toContain('Database: embedded PGlite');
      expect(stdout).toContain(CONNECTED);

      child.kill('SIGTERM');
      const code = await within(10_000, 'exit after SIGTERM', exit, output);
      expect(code, output()).toBe(0);
      expect(stdout).toContain('SIGTERM: stopping Convene');
      expect(await within(1000, 'the socket to close', slack.closed, output)).toBe(1000); // a close frame, not a dropped connection
    } finally {
      child.kill('SIGKILL');
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((closed) => wss.close(() => closed()));
      await fake.close();
    }
  }, 90_000);
});
