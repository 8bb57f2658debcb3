// Prometheus metrics (GET /metrics): Slack acks and their latency, handler latency and errors,
// nudges by outcome, the delivery queue, engine ticks, plus Node's process metrics (RSS, heap,
// event-loop lag). One registry per app, so two apps in one test process don't mix.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10];

export interface Metrics {
  registry: Registry;
  acks: Counter<'kind' | 'name' | 'status'>;
  ackSeconds: Histogram<'kind'>;
  handlerSeconds: Histogram<'kind' | 'name'>;
  handlerErrors: Counter<'kind' | 'name'>;
  inFlight: Gauge;
  nudges: Counter<'outcome'>;
  nudgeRetries: Counter;
  tickSeconds: Histogram;
  /** Set by whoever knows how to count the ledger's unfinished deliveries. */
  queueDepth: Gauge<'status'>;
  /** Listeners' work after their acks: waiting for a turn, and running. */
  workDepth: Gauge<'state'>;
}

export function createMetrics(opts: { queueDepth?: () => Promise<Record<string, number>>; work?: () => { waiting: number; running: number } } = {}): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'convene_' });
  const queueDepth = opts.queueDepth;
  return {
    registry,
    acks: new Counter({
      name: 'convene_slack_acks_total',
      help: 'Slack requests answered, by kind (command, block_actions, view_submission, event…), name and HTTP status',
      labelNames: ['kind', 'name', 'status'],
      registers: [registry],
    }),
    ackSeconds: new Histogram({ name: 'convene_slack_ack_seconds', help: 'Time from a Slack request arriving to its HTTP answer (the ack)', labelNames: ['kind'], buckets: LATENCY_BUCKETS, registers: [registry] }),
    handlerSeconds: new Histogram({
      name: 'convene_handler_seconds',
      help: 'Time a Slack request spent in its listeners, including work after the ack',
      labelNames: ['kind', 'name'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    handlerErrors: new Counter({ name: 'convene_handler_errors_total', help: 'Listeners that threw', labelNames: ['kind', 'name'], registers: [registry] }),
    inFlight: new Gauge({ name: 'convene_requests_in_flight', help: 'Slack requests whose listeners are still running', registers: [registry] }),
    nudges: new Counter({ name: 'convene_nudges_total', help: 'Nudge deliveries by outcome: sent, failed (will retry), gave_up, skipped', labelNames: ['outcome'], registers: [registry] }),
    nudgeRetries: new Counter({ name: 'convene_nudge_retries_total', help: 'Delivery attempts that were retries of an earlier failure', registers: [registry] }),
    tickSeconds: new Histogram({ name: 'convene_engine_tick_seconds', help: 'Duration of deadline-engine ticks', buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300], registers: [registry] }),
    queueDepth: new Gauge({
      name: 'convene_nudge_queue_depth',
      help: 'Deliveries not finished in the ledger: SENDING (being sent) and FAILED (waiting for a retry)',
      labelNames: ['status'],
      registers: [registry],
      async collect() {
        if (!queueDepth) return;
        try {
          for (const [status, n] of Object.entries(await queueDepth())) this.set({ status }, n);
        } catch {
          // database unavailable: keep the last value (readyz says why)
        }
      },
    }),
    workDepth: new Gauge({
      name: 'convene_work_after_ack',
      help: "Slack requests acked whose work is waiting for a turn (waiting) or being done (running)",
      labelNames: ['state'],
      registers: [registry],
      collect() {
        const depth = opts.work?.();
        if (!depth) return;
        this.set({ state: 'waiting' }, depth.waiting);
        this.set({ state: 'running' }, depth.running);
      },
    }),
  };
}
