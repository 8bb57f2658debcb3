// JSON logs (pino, one line per entry on stdout) behind Bolt's Logger interface, so Bolt, the
// Web API clients, the features and the engine all log the same way. Every line carries the
// id of the Slack request it was written for, and every line is scrubbed of Slack tokens and
// the configured secrets before it is written, whatever logged it.
import { AsyncLocalStorage } from 'node:async_hooks';
import { format } from 'node:util';
import { LogLevel, type Logger } from '@slack/bolt';
import { pino, type DestinationStream, type Logger as Pino } from 'pino';
import type { Config } from '../config.js';

export interface RequestContext {
  /** Short random id, also sent back as the X-Request-Id response header. */
  id: string;
  /** What the request was once Bolt parsed it: command, block_actions, view_submission, event… */
  kind?: string;
  /** The slash command, action_id, callback_id or event type. */
  name?: string;
}

/** The Slack request being handled, across every await inside it. */
export const requestContext = new AsyncLocalStorage<RequestContext>();

const TOKEN = /\b(xox[a-z]|xapp)-[A-Za-z0-9-]+/g;
const REDACTED = '[redacted]';

/** Replaces Slack tokens (xoxb-, xoxp-, xapp-…) and each of `secrets` in `text`. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text.replace(TOKEN, (_m, prefix: string) => `${prefix}-${REDACTED}`);
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  return out;
}

export interface LoggerOptions {
  level: 'debug' | 'info' | 'warn' | 'error';
  /** Values never to be written (the bot and app tokens, the signing secret). */
  secrets: readonly (string | undefined)[];
  /** Default: stdout, written synchronously (nothing lost on exit). */
  destination?: DestinationStream;
}

/** The app's logger for `config`: its level, and its tokens and signing secret never written. */
export function loggerFor(config: Config, destination?: DestinationStream): AppLogger {
  return createLogger({ level: config.logLevel, secrets: [config.slack.botToken, config.slack.appToken, config.slack.signingSecret], destination });
}

export interface AppLogger {
  /** For Bolt, WebClient, features and the engine. */
  bolt: Logger;
  pino: Pino;
}

export function createLogger(opts: LoggerOptions): AppLogger {
  const secrets = opts.secrets.filter((s): s is string => typeof s === 'string' && s.length > 0);
  const out = opts.destination ?? pino.destination({ dest: 1, sync: true });
  const scrubbed: DestinationStream = { write: (line: string) => out.write(scrub(line, secrets)) };
  const logger = pino(
    {
      level: opts.level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: {
        paths: ['token', 'authorization', 'headers.authorization', 'headers["x-slack-signature"]', 'signingSecret', 'botToken', 'appToken', '*.token', '*.authorization'],
        censor: REDACTED,
      },
      mixin() {
        const ctx = requestContext.getStore();
        return ctx ? { req_id: ctx.id } : {};
      },
    },
    scrubbed,
  );
  return { pino: logger, bolt: boltLogger(logger) };
}

/** Bolt's Logger over pino: the first Error becomes `err` (with its stack), the rest the message. */
export function boltLogger(logger: Pino): Logger {
  let name: string | undefined;
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...msg: unknown[]): void => {
      if (!logger.isLevelEnabled(level)) return;
      const errIndex = msg.findIndex((m) => m instanceof Error);
      const rest = errIndex === -1 ? msg : msg.filter((_, i) => i !== errIndex);
      const fields: Record<string, unknown> = name ? { logger: name } : {};
      if (errIndex !== -1) fields.err = msg[errIndex];
      logger[level](fields, rest.length ? format(...rest) : errIndex !== -1 ? (msg[errIndex] as Error).message : '');
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel(level: LogLevel) {
      logger.level = level;
    },
    getLevel: () => logger.level as LogLevel,
    // Bolt and every WebClient share this one logger; the first name sticks.
    setName(n: string) {
      name ??= n;
    },
  };
}
