// The work lane (src/ops/work.ts) on a real Bolt App: acks go out at once, the work behind them
// takes turns, and after-ack database work gives way while requests are coming in.
import { App, LogLevel } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { createWorkLane } from '../../src/ops/work.js';

function boltApp(): App {
  // No Slack to ask who the bot is: authorize answers without auth.test.
  return new App({ signingSecret: 'secret', authorize: async () => ({ botToken: 'xoxb-test', botId: 'B1', botUserId: 'UBOT' }), logLevel: LogLevel.ERROR });
}

function click(actionId: string, n: number) {
  return {
    type: 'block_actions',
    team: { id: 'T1' },
    user: { id: `U${n}` },
    api_app_id: 'A1',
    token: 'x',
    trigger_id: 't',
    actions: [{ type: 'button', action_id: actionId, block_id: 'b', action_ts: '1', value: String(n) }],
  };
}

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('work lane', () => {
  it('acks every request at once and runs the work behind the acks at most `concurrency` at a time, in order', async () => {
    const app = boltApp();
    const lane = createWorkLane({ concurrency: 2 });
    lane.install(app);
    const started: number[] = [];
    const release = new Map<number, () => void>();
    app.action('go', async ({ ack, body }) => {
      await ack();
      const n = Number((body as { actions: { value: string }[] }).actions[0]!.value);
      started.push(n);
      const d = deferred();
      release.set(n, d.resolve);
      await d.promise;
    });
    const acked: number[] = [];
    const done = [1, 2, 3, 4, 5].map((n) => app.processEvent({ body: click('go', n), ack: async () => void acked.push(n) }));
    await new Promise((r) => setTimeout(r, 20));

    expect(acked).toEqual([1, 2, 3, 4, 5]);
    expect(started).toEqual([1, 2]);
    expect(lane.depth()).toEqual({ waiting: 3, running: 2 });

    release.get(1)!();
    await new Promise((r) => setTimeout(r, 10));
    expect(started).toEqual([1, 2, 3]);
    for (const n of [2, 3]) release.get(n)!();
    await new Promise((r) => setTimeout(r, 10));
    expect(started).toEqual([1, 2, 3, 4, 5]);
    for (const n of [4, 5]) release.get(n)!();
    await Promise.all(done);
    await lane.idle();
    expect(lane.depth()).toEqual({ waiting: 0, running: 0 });
  });

  it('lets work before the ack through the gate at once, and holds work after it while requests come in', async () => {
    const app = boltApp();
    const lane = createWorkLane({ concurrency: 4 });
    lane.install(app);
    const times: Record<string, number> = {};
    let t0 = 0;
    app.action('form', async ({ ack }) => {
      const before = performance.now();
      await lane.gate();
      times.beforeAck = performance.now() - before;
      await ack();
      lane.requestArrived(); // another request is being read, not yet answered
      t0 = performance.now();
      await lane.gate(); // the first after-ack query in a while goes at once
      times.first = performance.now() - t0;
      await lane.gate(); // the next waits its turn behind the unanswered request
      times.second = performance.now() - t0;
      lane.requestAnswered();
      await new Promise((r) => setTimeout(r, 30)); // quiet again: longer than QUIET_MS (20), with room for a timer firing early
      const quiet = performance.now();
      await lane.gate();
      times.quiet = performance.now() - quiet;
    });
    await app.processEvent({ body: click('form', 1), ack: async () => {} });

    // "At once" is well under the 50 ms a held query waits (room for a busy CI machine).
    expect(times.beforeAck).toBeLessThan(25);
    expect(times.first).toBeLessThan(25);
    expect(times.second).toBeGreaterThanOrEqual(45);
    expect(times.quiet).toBeLessThan(25);
  });

  it('gives background work the same manners without a turn, so work holding a turn may await it', async () => {
    const app = boltApp();
    const lane = createWorkLane({ concurrency: 1 });
    lane.install(app);
    let backgroundRan = false;
    app.action('go', async ({ ack }) => {
      await ack();
      await lane.background(async () => {
        await lane.gate();
        backgroundRan = true;
      });
    });
    await app.processEvent({ body: click('go', 1), ack: async () => {} });
    expect(backgroundRan).toBe(true);
    expect(lane.depth()).toEqual({ waiting: 0, running: 0 });
  });
});
