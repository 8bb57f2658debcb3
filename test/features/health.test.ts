// GET /healthz tells a load balancer whether this instance can serve: 503 until the
// database answers and every migration in prisma/migrations is applied.
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { FakeSlack } from '../support/fake-slack.js';

describe('GET /healthz', () => {
  it('answers 503 before migrations are applied and 200 after', async () => {
    const fake = await FakeSlack.start();
    const db = await openDatabase({ dataDir: 'memory://' });
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-t', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: fake.url, PORT: '0', LOG_LEVEL: 'error' });
    const convene = buildApp({ config, db, mode: 'http' });
    const port = await convene.start();
    try {
      const before = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(before.status).toBe(503);
      expect(await before.json()).toEqual({ status: 'unavailable', database: 'pglite' });
      await db.migrate();
      const after = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(after.status).toBe(200);
      await db.close();
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(503);
    } finally {
      await convene.stop();
      await db.close();
      await fake.close();
    }
  });
});
