// Two processes run the deadline engine at the same instant on one PostgreSQL database (as two
// app instances behind a load balancer would, every minute): each nudge goes out exactly once.
// PostgreSQL only (TEST_DATABASE_URL): the embedded database belongs to one process.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/client.js';
import { addGroup, dm } from '../features/reminders-helpers.js';
import { ROOT } from '../support/app-process.js';
import { FakeSlack } from '../support/fake-slack.js';
import { dropSchema, testSchemaName } from '../support/postgres.js';

const url = process.env.TEST_DATABASE_URL;
const GROUPS = 30;
let dir: string;
let schema: string;
let db: Database;

beforeAll(async () => {
  if (!url) return;
  dir = await mkdtemp(join(tmpdir(), 'convene-two-'));
  schema = testSchemaName();
  db = await openDatabase({ databaseUrl: url, dataDir: 'unused', schema });
  await db.migrate();
  for (let i = 0; i < GROUPS; i++) await addGroup(db.prisma, { name: `Twin Group ${i}`, conveners: [{ slackUserId: `UTWIN${i}` }] });
}, 60_000);
afterAll(async () => {
  if (!url) return;
  await db.close();
  await dropSchema(url, schema);
  await rm(dir, { recursive: true, force: true });
});

function runEngine(fake: FakeSlack): Promise<{ code: number | null; out: string }> {
  const dbUrl = new URL(url!);
  dbUrl.searchParams.set('schema', schema);
  const child = spawn(process.execPath, [join(ROOT, 'bin/convene.mjs'), 'reminders', 'run', '--at', '2026-12-01T16:00:00Z', '--rule', 'meetings.business'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: dir, DATABASE_URL: dbUrl.toString(), SLACK_BOT_TOKEN: 'xoxb-twin', SLACK_API_URL: fake.url, ORG_TIMEZONE: 'America/Chicago' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise((done) => child.on('exit', (code) => done({ code, out })));
}

describe.skipIf(!url)('two processes on one PostgreSQL', () => {
  it('send every business-meeting nudge exactly once between them', async () => {
    const fake = await FakeSlack.start();
    try {
      for (let i = 0; i < GROUPS; i++) fake.addUser({ id: `UTWIN${i}`, email: `twin${i}@example.org` });
      const [a, b] = await Promise.all([runEngine(fake), runEngine(fake)]);
      expect(a.code, a.out).toBe(0);
      expect(b.code, b.out).toBe(0);

      const posted = fake.callsTo('chat.postMessage').filter((c) => c.response?.ok);
      const perChannel = new Map<string, number>();
      for (const c of posted) perChannel.set(String(c.response!.channel), (perChannel.get(String(c.response!.channel)) ?? 0) + 1);
      expect(perChannel.size).toBe(GROUPS);
      for (let i = 0; i < GROUPS; i++) expect(perChannel.get(dm(`UTWIN${i}`)), `UTWIN${i}`).toBe(1);
      expect(await db.prisma.reminderDelivery.count({ where: { status: 'SENT', occurrence: { ruleId: 'meetings.business' } } })).toBe(GROUPS);
      // Both really ran the engine: their reports together account for every nudge, once.
      const sent = (out: string) => Number(/sent (\d+)/.exec(out)?.[1] ?? -1);
      expect(sent(a.out) + sent(b.out)).toBe(GROUPS);
    } finally {
      await fake.close();
    }
  }, 90_000);
});
