// `npm run build` + `npm run start:prod`: the compiled app runs on plain node (no tsx),
// finds its migrations in prisma/, serves Slack and /healthz, and stops on SIGTERM.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, startAppProcess } from '../support/app-process.js';
import { FakeSlack } from '../support/fake-slack.js';
import { SlackDriver } from '../support/slack-driver.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'convene-prod-'));
  ensureBuilt();
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the production build', () => {
  it('starts with plain node, applies migrations, answers /healthz and a signed /ig command, exits 0 on SIGTERM', async () => {
    const fake = await FakeSlack.start();
    const app = startAppProcess({
      cwd: dir,
      env: { SLACK_BOT_TOKEN: 'xoxb-prod-test', SLACK_SIGNING_SECRET: 'prod-secret', SLACK_API_URL: fake.url, PORT: '0', DATA_DIR: join(dir, 'data') },
    });
    try {
      const port = await app.listening();
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', database: 'pglite' });

      const driver = new SlackDriver({ baseUrl: `http://127.0.0.1:${port}`, signingSecret: 'prod-secret', fake });
      const ack = await driver.command('U0PROD', '/ig', 'help');
      expect(ack.status).toBe(200);
      const reply = await fake.waitFor('response_url');
      expect(JSON.stringify(reply.args)).toContain('/ig');

      app.child.kill('SIGTERM');
      expect((await app.exited).code).toBe(0);
      expect(app.stdout()).toContain('applied 20261125043621_init');
    } finally {
      app.kill();
      await fake.close();
    }
  }, 60_000);
});
