// What the app needs to be operated: JSON logs with request ids, Prometheus metrics, readiness,
// and the bookkeeping graceful shutdown needs (which Slack requests are still being handled).
// app.ts wires it into Bolt: `wrap` around the HTTP receiver, `middleware` first in Bolt's chain,
// `routes` as custom routes; main.ts drains it on SIGTERM.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { AnyMiddlewareArgs, CustomRoute, Logger, Middleware } from '@slack/bolt';
import type { Database } from '../db/client.js';
import { unfinishedDeliveries } from '../features/reminders/store.js';
import type { TickResult } from '../features/reminders/engine.js';
import { type AppLogger, requestContext, type RequestContext } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';
import { createWorkLane, type WorkLane } from './work.js';

export interface Ops {
  log: AppLogger;
  metrics: Metrics;
  /** Acks first: after-ack work queues and gives way (ops/work.ts); the database's queries pass its gate. */
  work: WorkLane;
  /** Around the HTTP receiver's listener: request id, ack latency, the acks counter. */
  wrap(listener: RequestListener): RequestListener;
  /** First in Bolt's chain: names the request, counts it in flight, times its listeners. */
  middleware: Middleware<AnyMiddlewareArgs>;
  /** GET /metrics and GET /readyz. */
  routes(): CustomRoute[];
  /** For the engine's scheduler: counts a finished tick's nudges. */
  recordTick(result: TickResult, seconds: number): void;
  /** From now on /readyz answers 503 (a load balancer stops sending); resolves when no request is in flight or after `timeoutMs`. */
  drain(timeoutMs: number): Promise<{ unfinished: number }>;
  readonly draining: boolean;
}

/**
 * Listeners doing their after-ack work at once. PGlite runs one query at a time on its own thread
 * (db/pglite-remote.ts), the work between queries runs here; PostgreSQL's pool has 10 connections.
 */
const WORK_CONCURRENCY = { pglite: 8, postgres: 10 } as const;

export function createOps({ db, log }: { db: Database; log: AppLogger }): Ops {
  const work = createWorkLane({ concurrency: WORK_CONCURRENCY[db.kind] });
  db.setQueryGate(work.gate);
  const metrics = createMetrics({ queueDepth: () => unfinishedDeliveries(db.prisma), work: () => work.depth() });
  let draining = false;
  let inFlight = 0;
  let idle: (() => void)[] = [];

  const settle = () => {
    if (inFlight > 0) return;
    for (const done of idle) done();
    idle = [];
  };

  return {
    log,
    metrics,
    work,
    get draining() {
      return draining;
    },
    wrap(listener) {
      return (req: IncomingMessage, res: ServerResponse) => {
        const ctx: RequestContext = { id: randomBytes(6).toString('hex') };
        const started = performance.now();
        res.setHeader('x-request-id', ctx.id);
        if (req.method === 'POST') {
          work.requestArrived();
          // 'close' comes once per response: after it was sent, or when the connection dropped first.
          res.once('close', () => work.requestAnswered());
          res.once('finish', () => {
            const kind = ctx.kind ?? 'unparsed';
            metrics.acks.inc({ kind, name: ctx.name ?? '', status: String(res.statusCode) });
            metrics.ackSeconds.observe({ kind }, (performance.now() - started) / 1000);
          });
        }
        requestContext.run(ctx, () => listener(req, res));
      };
    },
    middleware: async ({ body, next }) => {
      const { kind, name } = describe(body as Record<string, unknown>);
      const ctx = requestContext.getStore();
      if (ctx) Object.assign(ctx, { kind, name });
      inFlight++;
      metrics.inFlight.inc();
      const stop = metrics.handlerSeconds.startTimer({ kind, name });
      try {
        await next();
      } catch (error) {
        metrics.handlerErrors.inc({ kind, name });
        throw error;
      } finally {
        stop();
        inFlight--;
        metrics.inFlight.dec();
        settle();
      }
    },
    routes() {
      return [
        {
          path: '/metrics',
          method: ['GET'],
          handler: (_req, res) => {
            metrics.registry.metrics().then(
              (text) => {
                res.writeHead(200, { 'content-type': metrics.registry.contentType });
                res.end(text);
              },
              () => res.writeHead(500).end(),
            );
          },
        },
        {
          path: '/readyz',
          method: ['GET'],
          handler: (_req, res) => {
            const answer = (status: number, body: Record<string, unknown>) => {
              res.writeHead(status, { 'content-type': 'application/json' });
              res.end(JSON.stringify(body));
            };
            if (draining) return answer(503, { status: 'stopping', database: db.kind });
            db.readiness().then(
              (r) => answer(r.ready ? 200 : 503, { status: r.ready ? 'ready' : 'unavailable', database: db.kind, ...(r.ready ? {} : { reason: r.reason }) }),
              () => answer(503, { status: 'unavailable', database: db.kind, reason: 'database check failed' }),
            );
          },
        },
      ];
    },
    recordTick(result, seconds) {
      metrics.tickSeconds.observe(seconds);
      if (result.sent) metrics.nudges.inc({ outcome: 'sent' }, result.sent);
      if (result.failed) metrics.nudges.inc({ outcome: 'failed' }, result.failed);
      if (result.gaveUp) metrics.nudges.inc({ outcome: 'gave_up' }, result.gaveUp);
      if (result.skipped) metrics.nudges.inc({ outcome: 'skipped' }, result.skipped);
      const retries = result.outcomes.filter((o) => (o.attempt ?? 1) > 1).length;
      if (retries) metrics.nudgeRetries.inc(retries);
    },
    drain(timeoutMs) {
      draining = true;
      const requestsDone = inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => idle.push(resolve));
      // An acked event may still be waiting for its turn (outside any listener): wait for the lane too.
      const done = Promise.all([requestsDone, work.idle()]).then(() => ({ unfinished: 0 }));
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<{ unfinished: number }>((resolve) => {
        timer = setTimeout(() => resolve({ unfinished: Math.max(inFlight, work.depth().running + work.depth().waiting) }), timeoutMs);
      });
      return Promise.race([done, late]).finally(() => clearTimeout(timer));
    },
  };
}

/** A metric label for what Slack sent: bounded (ids with numbers in them are folded). */
function describe(body: Record<string, unknown>): { kind: string; name: string } {
  const clean = (s: unknown) => (typeof s === 'string' ? s.replace(/[:#].*$/, '').replace(/\d+/g, 'N').slice(0, 64) : '');
  if (typeof body.command === 'string') return { kind: 'command', name: clean(body.command) };
  const type = typeof body.type === 'string' ? body.type : 'unknown';
  if (type === 'block_actions') return { kind: type, name: clean((body.actions as { action_id?: string }[] | undefined)?.[0]?.action_id) };
  if (type === 'view_submission' || type === 'view_closed') return { kind: type, name: clean((body.view as { callback_id?: string } | undefined)?.callback_id) };
  if (type === 'event_callback') return { kind: 'event', name: clean((body.event as { type?: string } | undefined)?.type) };
  if (type === 'shortcut' || type === 'message_action') return { kind: type, name: clean(body.callback_id) };
  return { kind: type, name: '' };
}

export type { Logger };
