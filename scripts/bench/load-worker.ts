// The benchmark's load generator, on its own thread: signed requests through the product's
// SlackDriver, timed here, while the Slack emulator (which receives the app's answers and
// checks their Block Kit) keeps the main thread busy. On one thread the emulator's work would
// show up as the app's ack latency.
import { randomBytes } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { type BlockActionInput, SlackDriver } from '../../src/slack-emulator/driver.js';
import type { SlackEmulator } from '../../src/slack-emulator/emulator.js';

export type Job =
  | { type: 'command'; user: string; command: string; text: string; responseUrl?: string }
  | { type: 'action'; user: string; action: BlockActionInput; channelId: string; messageTs?: string; responseUrl?: string };

export interface LoadRequest {
  baseUrl: string;
  jobs: Job[];
  concurrency: number;
}

export interface LoadReply {
  /** Per job, in job order: ack latency (ms), HTTP status, and when the ack came (ms since the start). */
  lat: number[];
  status: number[];
  at: number[];
  seconds: number;
}

export interface WorkerSetup {
  secret: string;
  fakeOrigin: string;
  teamId: string;
  appId: string;
  botUserId: string;
  botId: string;
}

const setup = workerData as WorkerSetup;
let seq = 0;
// What the driver asks of the emulator, answered locally (no workspace state is needed for these requests).
const emulatorView = {
  teamId: setup.teamId,
  appId: setup.appId,
  botUserId: setup.botUserId,
  botId: setup.botId,
  channel: () => undefined,
  message: () => undefined,
  messagesIn: () => [],
  allViews: () => [],
  latestView: () => undefined,
  view: () => undefined,
  userName: (id: string) => id.toLowerCase(),
  responseUrl: () => `${setup.fakeOrigin}/response/load-${++seq}-${randomBytes(4).toString('hex')}`,
  issueTriggerId: () => `${++seq}.${Math.floor(Date.now() / 1000)}.${randomBytes(8).toString('hex')}`,
} as unknown as SlackEmulator;

async function run(req: LoadRequest): Promise<LoadReply> {
  const driver = new SlackDriver({ baseUrl: req.baseUrl, signingSecret: setup.secret, fake: emulatorView });
  const n = req.jobs.length;
  const reply: LoadReply = { lat: new Array(n).fill(0), status: new Array(n).fill(0), at: new Array(n).fill(0), seconds: 0 };
  let next = 0;
  const t0 = performance.now();
  const one = async (job: Job) => {
    if (job.type === 'command') return (await driver.command(job.user, job.command, job.text, job.responseUrl ? { responseUrl: job.responseUrl } : {})).status;
    return (await driver.blockAction(job.user, job.action, { channelId: job.channelId, messageTs: job.messageTs, responseUrl: job.responseUrl })).status;
  };
  await Promise.all(
    Array.from({ length: Math.min(req.concurrency, n) }, async () => {
      while (next < n) {
        const i = next++;
        const s = performance.now();
        reply.status[i] = await one(req.jobs[i]!).catch(() => 0);
        const end = performance.now();
        reply.lat[i] = end - s;
        reply.at[i] = end - t0;
      }
    }),
  );
  reply.seconds = (performance.now() - t0) / 1000;
  return reply;
}

parentPort!.on('message', (req: LoadRequest) => {
  void run(req).then((r) => parentPort!.postMessage(r));
});
