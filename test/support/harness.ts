// Starts the real Convene app in HTTP mode against a real database (in-memory PGlite, or
// PostgreSQL in a throwaway schema when TEST_DATABASE_URL is set) and the fake Slack Web API.
import { buildApp, type ConveneApp } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import { type Database, openDatabase } from '../../src/db/client.js';
import { bootstrapAdmins } from '../../src/features/admin/service.js';
import { FakeSlack } from './fake-slack.js';
import { dropSchema, testSchemaName } from './postgres.js';
import { SlackDriver } from './slack-driver.js';

export const SIGNING_SECRET = 'test-signing-secret';

/** A clock tests can set and move; the app reads it through its Clock dependency. */
export class TestClock {
  constructor(public current: Date) {}
  readonly now = (): Date => new Date(this.current);
  set(iso: string): void {
    this.current = new Date(iso);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestDatabase {
  db: Database;
  /** Closes the database and drops the PostgreSQL schema, if any. */
  dispose(): Promise<void>;
}

/** A fresh, migrated database for one test file. */
export async function openTestDatabase(): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const db = await openDatabase({ dataDir: 'memory://' });
    await db.migrate();
    return { db, dispose: () => db.close() };
  }
  const schema = testSchemaName();
  const db = await openDatabase({ databaseUrl: url, dataDir: 'unused', schema });
  await db.migrate();
  return {
    db,
    async dispose() {
      await db.close();
      await dropSchema(url, schema);
    },
  };
}

export interface Harness {
  fake: FakeSlack;
  driver: SlackDriver;
  db: Database;
  prisma: Database['prisma'];
  convene: ConveneApp;
  clock: TestClock;
  config: Config;
  port: number;
  close(): Promise<void>;
}

export interface HarnessOptions {
  now?: string;
  adminUserIds?: string[];
  env?: Record<string, string>;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const fake = await FakeSlack.start();
  const { db, dispose } = await openTestDatabase();
  const clock = new TestClock(new Date(opts.now ?? '2026-11-25T16:00:00Z'));
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.url,
    PORT: '0',
    ADMIN_USER_IDS: (opts.adminUserIds ?? []).join(','),
    LOG_LEVEL: 'error',
    ...opts.env,
  });
  await bootstrapAdmins(db.prisma, config.adminUserIds);
  const convene = buildApp({ config, db, mode: 'http', clock: clock.now });
  const port = (await convene.start())!;
  // Bolt checks its token with auth.test once, in the background; let it finish so tests
  // that count Web API calls see only the calls their own requests cause.
  await fake.waitFor('auth.test');
  const driver = new SlackDriver({ baseUrl: `http://127.0.0.1:${port}`, signingSecret: SIGNING_SECRET, fake });
  return {
    fake,
    driver,
    db,
    prisma: db.prisma,
    convene,
    clock,
    config,
    port,
    async close() {
      await convene.stop();
      await dispose();
      await fake.close();
    },
  };
}

/** The text of a recorded message or response: its `text` plus every text in its blocks. */
export function textOf(args: Record<string, unknown> | undefined): string {
  const parts: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') return;
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.text === 'string') parts.push(o.text);
      for (const [k, child] of Object.entries(o)) if (k !== 'text' || typeof child !== 'string') walk(child);
    }
  };
  walk(args);
  return parts.join('\n');
}
