// Builds the Bolt app (HTTP or Socket Mode) and registers every feature.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, LogLevel, type Logger } from '@slack/bolt';
import type { FeatureContext } from './app-context.js';
import { type Config, type SlackMode } from './config.js';
import type { Database } from './db/client.js';
import { claimEvent } from './db/processed-events.js';
import * as admin from './features/admin/listeners.js';
import * as annual from './features/annual/listeners.js';
import * as audit from './features/audit/listeners.js';
import * as compliance from './features/compliance/listeners.js';
import * as charters from './features/charters/listeners.js';
import * as conveners from './features/conveners/listeners.js';
import { isStaff } from './features/admin/service.js';
import * as directory from './features/directory/listeners.js';
import * as dissolution from './features/dissolution/listeners.js';
import * as elections from './features/elections/listeners.js';
import * as groups from './features/groups/listeners.js';
import * as home from './features/home/listeners.js';
import * as igweek from './features/igweek/listeners.js';
import * as outreach from './features/outreach/listeners.js';
import * as petitions from './features/petitions/listeners.js';
import * as publicSite from './features/public-site/routes.js';
import * as proposals from './features/proposals/listeners.js';
import * as reminders from './features/reminders/listeners.js';
import * as reports from './features/reports/listeners.js';
import * as rooms from './features/rooms/listeners.js';
import { helpReply } from './features/home/views.js';
import { errorReply } from './lib/slack/errors.js';
import { loggerFor } from './ops/logger.js';
import { createOps, type Ops } from './ops/ops.js';
import { opsReceiver } from './ops/receiver.js';
import { CommandRouter } from './lib/slack/router.js';
import { SLASH_COMMANDS } from './surface.js';
import { type Clock, systemClock } from './lib/time.js';

export interface BuildOptions {
  config: Config;
  db: Database;
  mode: SlackMode;
  clock?: Clock;
  logger?: Logger;
  /** Logs, metrics, readiness, draining; made here when not given. */
  ops?: Ops;
  /** HTTP mode: the interface to listen on (default: all, as Bolt does); the local workspace uses 127.0.0.1. */
  host?: string;
}

export interface ConveneApp {
  app: App;
  context: FeatureContext;
  ops: Ops;
  /** The public pages (/groups, /igweek/<year>): on the app's port, or on their own PUBLIC_SITE_PORT. */
  site: publicSite.PublicSite;
  /** Starts serving; in HTTP mode returns the port actually bound (PORT=0 picks a free one). */
  start(): Promise<number | undefined>;
  stop(): Promise<void>;
}

const LOG_LEVELS = { debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN, error: LogLevel.ERROR } as const;

export function buildApp({ config, db, mode, clock = systemClock, logger, ops: givenOps, host }: BuildOptions): ConveneApp {
  const ops = givenOps ?? createOps({ db, log: loggerFor(config) });
  const clientOptions = config.slack.apiUrl ? { slackApiUrl: withTrailingSlash(config.slack.apiUrl) } : {};
  const common = {
    token: config.slack.botToken,
    clientOptions,
    logLevel: LOG_LEVELS[config.logLevel],
    logger: logger ?? ops.log.bolt,
  };
  const site = publicSite.mount({ prisma: db.prisma, clock, config, logger: common.logger, host });
  const app =
    mode === 'socket'
      ? new App({ ...common, appToken: config.slack.appToken, socketMode: true })
      : new App({
          ...common,
          receiver: opsReceiver(ops, {
            signingSecret: config.slack.signingSecret,
            logger: common.logger,
            logLevel: common.logLevel,
            customRoutes: [{ path: '/healthz', method: ['GET'], handler: healthHandler(db) }, ...site.routes],
          }),
        });
  ops.work.install(app);
  app.use(ops.middleware);

  // Retries of an event already handled stop here (Bolt has acked them already).
  app.use(async ({ body, next }) => {
    const eventId = (body as { type?: string; event_id?: string }).type === 'event_callback' ? (body as { event_id?: string }).event_id : undefined;
    if (eventId && !(await claimEvent(db.prisma, eventId))) return;
    await next();
  });

  const context: FeatureContext = {
    app,
    prisma: db.prisma,
    config,
    clock,
    logger: app.logger,
    ig: new CommandRouter('/ig'),
    admin: new CommandRouter('/ig admin'),
    refreshHome: async () => {},
  };
  context.refreshHome = home.refresher(context);
  for (const feature of [directory, admin, home, reminders, igweek, petitions, conveners, elections, reports, groups, rooms, annual, outreach, proposals, audit, charters, dissolution, compliance]) feature.register(context);
  registerIgCommand(context);

  app.error(async (error) => {
    app.logger.error(error);
  });

  let server: { address(): unknown } | undefined;
  return {
    app,
    context,
    ops,
    site,
    async start() {
      await site.start();
      if (mode === 'socket') {
        await app.start();
        return undefined;
      }
      server = (await app.start(host ? { port: config.port, host } : config.port)) as { address(): unknown };
      const address = server.address() as { port: number } | null;
      return address?.port ?? config.port;
    },
    async stop() {
      await Promise.all([app.stop(), site.stop()]);
    },
  };
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

function healthHandler(db: Database) {
  return (_req: IncomingMessage, res: ServerResponse) => {
    db.healthy()
      .catch(() => false)
      .then((ok) => {
        res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify(ok ? { status: 'ok', database: db.kind } : { status: 'unavailable', database: db.kind }));
      });
  };
}

/** The app's slash commands besides `/ig`, for `/ig help`. */
const OTHER_COMMANDS = SLASH_COMMANDS.filter((c) => c.command !== '/ig');

/** `/ig`: help, then each feature's subcommands. Ack first; answer through response_url. */
function registerIgCommand({ app, ig, prisma }: FeatureContext): void {
  app.command('/ig', async ({ ack, command, respond, client, logger }) => {
    await ack();
    const { name, args } = CommandRouter.split(command.text ?? '');
    try {
      const sub = name === '' || name === 'help' ? undefined : ig.find(name);
      const reply = sub
        ? await sub.run({ userId: command.user_id, channelId: command.channel_id, args, triggerId: command.trigger_id, client, respond })
        : helpReply('/ig', ig.list(await isStaff(prisma, command.user_id)), name === '' || name === 'help' ? undefined : name, { otherCommands: OTHER_COMMANDS });
      if (reply) await respond({ response_type: 'ephemeral', ...reply });
    } catch (error) {
      await respond({ response_type: 'ephemeral', ...errorReply(error, logger) });
    }
  });
}
