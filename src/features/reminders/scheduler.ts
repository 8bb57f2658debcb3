// Runs the engine every minute (node-cron, in the org zone). A tick never overlaps the
// previous one in this process; other processes are kept apart by the ledger, not by cron.
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '@slack/web-api';
import type { Config } from '../../config.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { type Clock, systemClock } from '../../lib/time.js';
import { createDeliveryClient } from './delivery.js';
import { createEngine, type Engine, newInstanceId, type TickResult } from './engine.js';
import { allRules, allTransitions } from './registry.js';

export interface Scheduler {
  /** One tick now, unless one is already running (then it resolves when that one ends); undefined when it failed or was stopped. */
  runOnce(): Promise<TickResult | undefined>;
  /** Stops the cron task and waits for a running tick to finish. */
  stop(): Promise<void>;
}

/** Told about every finished tick and how long it took (metrics). */
export type OnTick = (result: TickResult, seconds: number) => void;

export function tickRunner(engine: Pick<Engine, 'tick'>, logger: Logger, onTick?: OnTick): Scheduler {
  let running: Promise<TickResult | undefined> | undefined;
  let stopped = false;
  return {
    runOnce() {
      if (stopped) return Promise.resolve(undefined);
      const started = performance.now();
      running ??= engine
        .tick()
        .then((r) => {
          onTick?.(r, (performance.now() - started) / 1000);
          if (r.sent || r.failed || r.gaveUp || r.skipped) logger.info(`reminders: sent ${r.sent}, failed ${r.failed}, gave up ${r.gaveUp}, skipped ${r.skipped}`);
          return r;
        })
        .catch((error: unknown) => {
          logger.error('reminders: tick failed', error);
          return undefined;
        })
        .finally(() => {
          running = undefined;
        });
      return running;
    },
    async stop() {
      stopped = true;
      await running;
    },
  };
}

export function startScheduler(engine: Pick<Engine, 'tick'>, opts: { zone: string; logger: Logger; onTick?: OnTick }): Scheduler {
  const runner = tickRunner(engine, opts.logger, opts.onTick);
  const task: ScheduledTask = cron.schedule('* * * * *', () => runner.runOnce(), {
    timezone: opts.zone,
    name: 'convene-reminders',
    noOverlap: true,
  });
  return {
    runOnce: runner.runOnce,
    async stop() {
      await task.stop();
      await task.destroy();
      await runner.stop();
    },
  };
}

/**
 * The app's reminders: an engine on its own Slack client, ticking every minute (on the app's clock).
 * `background` runs each tick (ops' work lane: its queries give way to Slack requests being acked).
 */
export function startReminders(p: {
  prisma: PrismaClient;
  config: Config;
  logger: Logger;
  onTick?: OnTick;
  clock?: Clock;
  background?: <T>(work: () => Promise<T>) => Promise<T>;
}): Scheduler {
  const engine = createEngine({
    prisma: p.prisma,
    client: createDeliveryClient(p.config.slack, p.logger),
    rules: allRules(),
    transitions: allTransitions(),
    zone: p.config.orgTimezone,
    clock: p.clock ?? systemClock,
    instanceId: newInstanceId('app'),
    logger: p.logger,
  });
  const background = p.background ?? ((work) => work());
  return startScheduler({ tick: () => background(() => engine.tick()) }, { zone: p.config.orgTimezone, logger: p.logger, onTick: p.onTick });
}
