// Bolt's own HTTP receiver, with ops wrapped around it: every request gets an id (logs, the
// X-Request-Id header) and its ack is timed and counted; /metrics and /readyz are served
// beside the app's own routes.
import { HTTPReceiver, type CustomRoute, type Logger, type LogLevel } from '@slack/bolt';
import type { Ops } from './ops.js';

export function opsReceiver(ops: Ops, opts: { signingSecret?: string; logger: Logger; logLevel: LogLevel; customRoutes: CustomRoute[] }): HTTPReceiver {
  const receiver = new HTTPReceiver({
    signingSecret: opts.signingSecret ?? '',
    logger: opts.logger,
    logLevel: opts.logLevel,
    customRoutes: [...opts.customRoutes, ...ops.routes()],
  });
  receiver.requestListener = ops.wrap(receiver.requestListener);
  return receiver;
}
