// Graceful shutdown on SIGTERM/SIGINT: /readyz turns 503 at once, the HTTP server stops
// accepting connections, requests already in flight (including work after their ack) and the
// engine's current tick finish, then the database closes. A second signal exits at once.
import type { Logger } from '@slack/bolt';
import type { Ops } from './ops.js';

/** How long in-flight requests get to finish (a container's grace period is usually 30 s). */
export const DRAIN_TIMEOUT_MS = 25_000;

export interface ShutdownSteps {
  ops: Ops;
  logger: Logger;
  /** Stops taking requests (closes the HTTP server or the socket). */
  stopServing(): Promise<void>;
  /** Stops the scheduler and waits for the running tick. */
  stopEngine(): Promise<void>;
  closeDatabase(): Promise<void>;
  timeoutMs?: number;
}

export async function shutdown(steps: ShutdownSteps): Promise<void> {
  const { ops, logger } = steps;
  const drained = ops.drain(steps.timeoutMs ?? DRAIN_TIMEOUT_MS);
  const failed = (what: string) => (error: unknown) => logger.error(`shutdown: ${what} failed`, error);
  await Promise.all([steps.stopServing().catch(failed('stopping the server')), steps.stopEngine().catch(failed('stopping the engine'))]);
  const { unfinished } = await drained;
  if (unfinished > 0) logger.warn(`shutdown: ${unfinished} request(s) still running after ${steps.timeoutMs ?? DRAIN_TIMEOUT_MS} ms; stopping anyway`);
  await steps.closeDatabase().catch(failed('closing the database'));
}

/** Runs `shutdown` on the first SIGTERM/SIGINT, then exits 0; a second signal exits 1 at once. */
export function onStopSignals(steps: ShutdownSteps): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) {
      steps.logger.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    steps.logger.info(`${signal}: stopping Convene (finishing requests in flight and the current engine tick)…`);
    void shutdown(steps).then(() => {
      steps.logger.info('Convene stopped.');
      process.exit(0);
    });
  };
  process.on('SIGINT', handle);
  process.on('SIGTERM', handle);
}
