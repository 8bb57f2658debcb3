// Operating Convene: GET /metrics (Prometheus text) counts what the app did, GET /readyz says
// whether this instance can serve (database + migrations, and not while draining), and logs
// are JSON lines with request ids and without secrets.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { HOUR } from '../../src/features/reminders/rules.js';
import { tickRunner } from '../../src/features/reminders/scheduler.js';
import { loggerFor } from '../../src/ops/logger.js';
import { createOps } from '../../src/ops/ops.js';
import { FakeSlack } from '../support/fake-slack.js';
import { type Harness, startHarness } from '../support/harness.js';
import { capturingLogger } from '../support/logger.js';
import { SlackDriver } from '../support/slack-driver.js';
import { fixedRule, makeEngine, note } from '../features/reminders-helpers.js';

/** The value of one sample in Prometheus text, e.g. sample(text, 'convene_slack_acks_total', { kind: 'command' }). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

describe('GET /metrics', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ now: '2027-01-10T12:00:00Z' });
    h.fake.addChannel({ id: 'CMETRICS', name: 'metrics', members: [h.fake.botUserId] });
  });
  afterAll(() => h?.close());
  const scrape = async () => {
    const res = await fetch(`http://127.0.0.1:${h.port}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    return res.text();
  };

  it('counts acked commands and times their ack and their listeners', async () => {
    const before = await scrape();
    expect(sample(before, 'convene_slack_acks_total', { kind: 'command', name: '/ig' })).toBeUndefined();
    expect((await h.driver.command('U1', '/ig', 'help')).status).toBe(200);
    await h.fake.waitFor('response_url');
    // The listener finishes once respond() has its answer; wait for it to leave the in-flight gauge.
    let after = await scrape();
    for (let i = 0; i < 100 && sample(after, 'convene_requests_in_flight') !== 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      after = await scrape();
    }
    expect(sample(after, 'convene_slack_acks_total', { kind: 'command', name: '/ig', status: '200' })).toBe(1);
    expect(sample(after, 'convene_slack_ack_seconds_count', { kind: 'command' })).toBe(1);
    expect(sample(after, 'convene_handler_seconds_count', { kind: 'command', name: '/ig' })).toBe(1);
    expect(sample(after, 'convene_requests_in_flight')).toBe(0);
    expect(sample(after, 'convene_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('acks a click nothing listens for (a button of an older version) at once, and says nothing', async () => {
    h.fake.reset();
    const started = performance.now();
    const ack = await h.driver.blockAction('U1', { action_id: 'gone.from.this.version', value: '1', type: 'button' }, { channelId: 'CMETRICS', responseUrl: h.fake.responseUrl() });
    expect(ack.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(sample(await scrape(), 'convene_slack_acks_total', { kind: 'block_actions', name: 'gone.from.this.version', status: '200' })).toBe(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.fake.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
  });

  it('counts a request Bolt refused (bad signature) without a name', async () => {
    const res = await h.driver.raw('command=%2Fig', { 'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)), 'x-slack-signature': 'v0=bad' });
    expect(res.status).toBe(401);
    expect(sample(await scrape(), 'convene_slack_acks_total', { kind: 'unparsed', status: '401' })).toBe(1);
  });

  it('counts nudges sent, failed and retried, and the delivery queue', async () => {
    const rule = fixedRule('t.metrics', [note('m', '2027-01-10T12:00:00Z', { kind: 'channel', channelId: 'CMETRICS' }, 'metrics nudge')], HOUR);
    const runner = tickRunner(makeEngine(h, { rules: [rule] }), capturingLogger(), h.convene.ops.recordTick);
    h.fake.failNext('chat.postMessage', 'internal_error');
    await runner.runOnce();
    let text = await scrape();
    expect(sample(text, 'convene_nudges_total', { outcome: 'failed' })).toBe(1);
    expect(sample(text, 'convene_nudge_queue_depth', { status: 'FAILED' })).toBe(1);
    expect(sample(text, 'convene_engine_tick_seconds_count')).toBe(1);

    h.clock.advance(6 * 60_000); // past the first backoff
    await runner.runOnce();
    text = await scrape();
    expect(sample(text, 'convene_nudges_total', { outcome: 'sent' })).toBe(1);
    expect(sample(text, 'convene_nudge_retries_total')).toBe(1);
    expect(sample(text, 'convene_nudge_queue_depth', { status: 'FAILED' })).toBe(0);
  });
});

describe('GET /readyz', () => {
  it('answers 503 with the pending migrations before they are applied, 200 after, 503 once draining', async () => {
    const fake = await FakeSlack.start();
    const db = await openDatabase({ dataDir: 'memory://' });
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-t', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: fake.url, PORT: '0', LOG_LEVEL: 'error' });
    const convene = buildApp({ config, db, mode: 'http' });
    const port = await convene.start();
    const readyz = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      return { status: res.status, body: (await res.json()) as Record<string, string> };
    };
    try {
      const before = await readyz();
      expect(before.status).toBe(503);
      expect(before.body).toMatchObject({ status: 'unavailable', database: 'pglite' });
      expect(before.body.reason).toContain('migrations not applied: 20261125043621_init');

      expect((await db.migrate()).length).toBeGreaterThan(0);
      expect(await readyz()).toEqual({ status: 200, body: { status: 'ready', database: 'pglite' } });
      // Migrations current: nothing to apply, and the schema engine is not needed.
      expect(await db.migrate()).toEqual([]);

      await convene.ops.drain(1000);
      expect(await readyz()).toEqual({ status: 503, body: { status: 'stopping', database: 'pglite' } });
      // Liveness is unaffected by draining.
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    } finally {
      await convene.stop();
      await db.close();
      await fake.close();
    }
  });
});

describe('logs', () => {
  it('are JSON lines carrying the request id sent back in X-Request-Id, with tokens and the signing secret scrubbed', async () => {
    const fake = await FakeSlack.start();
    const db = await openDatabase({ dataDir: 'memory://' });
    await db.migrate();
    const secret = 'logs-signing-secret-5f0c';
    const token = 'xoxb-1234-5678-logsecret';
    const config = loadConfig({ SLACK_BOT_TOKEN: token, SLACK_SIGNING_SECRET: secret, SLACK_API_URL: fake.url, PORT: '0', LOG_LEVEL: 'debug' });
    const lines: string[] = [];
    const out = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const log = loggerFor(config, out);
    const convene = buildApp({ config, db, mode: 'http', ops: createOps({ db, log }) });
    // A listener that logs what must never be written, as a careless one might.
    convene.app.command('/leak', async ({ ack, logger, body }) => {
      await ack();
      logger.info(`token ${token} secret ${secret} app xapp-1-A1-999`, new Error(`failed with ${token}`));
      log.pino.info({ token, headers: { authorization: `Bearer ${token}` }, user: body.user_id }, 'structured');
    });
    const port = (await convene.start())!;
    try {
      const driver = new SlackDriver({ baseUrl: `http://127.0.0.1:${port}`, signingSecret: secret, fake });
      const ack = await driver.command('ULOG', '/leak');
      expect(ack.status).toBe(200);
      const reqId = ack.headers['x-request-id'];
      expect(reqId).toMatch(/^[0-9a-f]{12}$/);
      await new Promise((r) => setTimeout(r, 100));

      const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      const leak = parsed.find((p) => String(p.msg).startsWith('token '));
      expect(leak).toMatchObject({ level: 'info', req_id: reqId, msg: 'token xoxb-[redacted] secret [redacted] app xapp-[redacted]' });
      expect(JSON.stringify(leak?.err)).toContain('failed with xoxb-[redacted]');
      expect(parsed.find((p) => p.msg === 'structured')).toMatchObject({ req_id: reqId, token: '[redacted]', headers: { authorization: '[redacted]' }, user: 'ULOG' });
      const all = lines.join('\n');
      expect(all).not.toContain(token);
      expect(all).not.toContain(secret);
      expect(all).not.toContain('1234-5678');
    } finally {
      await convene.stop();
      await db.close();
      await fake.close();
    }
  });
});
