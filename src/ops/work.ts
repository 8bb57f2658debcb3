// Acks first, work after. Slack waits at most 3 s for an ack, but not for the work behind it:
// so once a request is acked, the rest of its listener (database queries, replies, App Home
// refreshes) takes a turn in a bounded FIFO, and before each of its database queries it lets any
// request that is still waiting for its ack go first: without this, a burst of clicks makes the
// next request's ack wait behind the CPU that everyone's work takes between its queries.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { App } from '@slack/bolt';

/** How long work after an ack waits for pending acks before taking its turn anyway (no starvation). */
const MAX_DEFER_MS = 50;
/**
 * Requests are read and acked within one turn of the event loop, so "none waiting right now" is
 * true between any two; requests still flowing (one arrived or was answered this recently) count
 * as waiting too. A quiet moment this long lets the work go on.
 */
const QUIET_MS = 20;

interface Job {
  /** Acked (or background): from now on its queries give way to pending acks. */
  acked: boolean;
}

const lane = new AsyncLocalStorage<Job>();

export interface WorkLane {
  /** In front of a Bolt app's processEvent: after a request's ack its listener waits for a turn. */
  install(app: App): void;
  /** Runs work no request waits for (App Home refreshes, engine ticks): its queries give way to pending acks too. It takes no turn, so work holding one may await it. */
  background<T>(work: () => Promise<T>): Promise<T>;
  /** Called before each database query (the adapter's gate); instant for work no ack has happened for. */
  gate(): Promise<void>;
  /** A Slack request has arrived (HTTP) and not been answered yet. */
  requestArrived(): void;
  requestAnswered(): void;
  /** Work waiting for a turn, and running. */
  depth(): { waiting: number; running: number };
  /** Resolves when nothing is waiting or running. */
  idle(): Promise<void>;
}

export interface WorkLaneOptions {
  /** Listeners running their after-ack work at once (the rest wait in order). */
  concurrency: number;
}

export function createWorkLane({ concurrency }: WorkLaneOptions): WorkLane {
  let running = 0;
  let pendingAcks = 0;
  const waiting: (() => void)[] = [];
  let idlers: (() => void)[] = [];

  const settle = () => {
    if (running > 0 || waiting.length > 0) return;
    for (const done of idlers) done();
    idlers = [];
  };
  const acquire = (): Promise<void> => {
    if (running < concurrency) {
      running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next(); // the turn passes straight on: `running` stays the same
    else running--;
    settle();
  };
  // The gate: after-ack queries line up here. While requests are coming in, one query goes through
  // every MAX_DEFER_MS at most; otherwise all of them go through at once.
  const gateQueue: (() => void)[] = [];
  let pumping = false;
  let lastGrant = 0;
  let lastRequest = 0;
  const pump = () => {
    if (pumping) return;
    pumping = true;
    setImmediate(step);
  };
  const step = () => {
    if (gateQueue.length === 0) {
      pumping = false;
      return;
    }
    const now = performance.now();
    const busy = pendingAcks > 0 || now - lastRequest < QUIET_MS;
    if (busy && now - lastGrant < MAX_DEFER_MS) {
      setTimeout(step, Math.min(MAX_DEFER_MS - (now - lastGrant), QUIET_MS));
      return;
    }
    lastGrant = now;
    if (busy) gateQueue.shift()!();
    else for (const go of gateQueue.splice(0)) go();
    setImmediate(step);
  };

  return {
    install(app) {
      const processEvent = app.processEvent.bind(app);
      app.processEvent = (event) => {
        const job: Job = { acked: false };
        let turn = false;
        const ack: typeof event.ack = async (response) => {
          await event.ack(response);
          job.acked = true;
          await acquire();
          turn = true;
        };
        return lane.run(job, async () => {
          try {
            await processEvent({ ...event, ack });
          } finally {
            if (turn) release();
          }
        });
      };
    },
    background(work) {
      return lane.run({ acked: true }, work);
    },
    gate() {
      if (!lane.getStore()?.acked) return Promise.resolve();
      return new Promise<void>((resolve) => {
        gateQueue.push(resolve);
        pump();
      });
    },
    requestArrived() {
      pendingAcks++;
      lastRequest = performance.now();
    },
    requestAnswered() {
      pendingAcks = Math.max(0, pendingAcks - 1);
      lastRequest = performance.now();
    },
    depth: () => ({ waiting: waiting.length, running }),
    idle() {
      if (running === 0 && waiting.length === 0) return Promise.resolve();
      return new Promise((resolve) => idlers.push(resolve));
    },
  };
}
