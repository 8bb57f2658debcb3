// The only reader of process.env. Everything else gets a parsed, typed Config.
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { isValidZone } from './lib/time.js';

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const schema = z.object({
  SLACK_BOT_TOKEN: optionalText.pipe(z.string().startsWith('xoxb-', 'must start with "xoxb-"').optional()),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.pipe(z.string().startsWith('xapp-', 'must start with "xapp-"').optional()),
  SLACK_API_URL: optionalText.pipe(z.url('must be a URL such as https://slack.com/api/').optional()),
  PORT: optionalText.pipe(z.string().regex(/^\d+$/, 'must be a port number').transform(Number).pipe(z.number().max(65535, 'must be a port number')).default(3000)),
  PUBLIC_SITE_PORT: optionalText.pipe(z.string().regex(/^\d+$/, 'must be a port number').transform(Number).pipe(z.number().max(65535, 'must be a port number')).optional()),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
      .optional(),
  ),
  DATA_DIR: optionalText.pipe(z.string().default('./data')),
  ORG_TIMEZONE: optionalText.pipe(
    z
      .string()
      .default('America/Chicago')
      .refine(isValidZone, 'must be an IANA time zone such as America/Chicago'),
  ),
  ADMIN_USER_IDS: optionalText.transform((v) =>
    (v ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
  ),
  LOG_LEVEL: optionalText.pipe(z.enum(['debug', 'info', 'warn', 'error']).default('info')),
});

export type SlackMode = 'socket' | 'http';

export interface Config {
  slack: {
    botToken?: string;
    signingSecret?: string;
    appToken?: string;
    apiUrl?: string;
  };
  port: number;
  /** The public pages' own port; unset = served on `port` (HTTP mode only). */
  publicSitePort?: number;
  databaseUrl?: string;
  dataDir: string;
  orgTimezone: string;
  adminUserIds: string[];
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError naming every invalid variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${String(issue.path[0] ?? 'environment')}: ${issue.message}`);
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  return {
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
    },
    port: e.PORT,
    publicSitePort: e.PUBLIC_SITE_PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    orgTimezone: e.ORG_TIMEZONE,
    adminUserIds: e.ADMIN_USER_IDS,
    logLevel: e.LOG_LEVEL,
  };
}

/**
 * No Slack tokens at all: `npm start` runs Convene in a local workspace (src/workspace) instead
 * of against Slack. Any one of them set means Slack, and slackMode() names what else is missing.
 */
export function isLocalWorkspace(config: Config): boolean {
  const { botToken, appToken, signingSecret } = config.slack;
  return !botToken && !appToken && !signingSecret;
}

/**
 * Which way the app talks to Slack: Socket Mode with an app token, HTTP with a signing
 * secret. Throws ConfigError naming what is missing.
 */
export function slackMode(config: Config): SlackMode {
  const { botToken, appToken, signingSecret } = config.slack;
  const missing: string[] = [];
  if (!botToken) missing.push('SLACK_BOT_TOKEN');
  if (!appToken && !signingSecret) missing.push('SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP)');
  if (missing.length > 0) throw new ConfigError(missing.map((name) => `${name}: not set`));
  return appToken ? 'socket' : 'http';
}

/** Reads ./.env into process.env when present (never overriding what is already set). */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
