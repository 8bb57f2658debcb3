// `npm run bench [-- --quick] [-- --db=pglite|postgres] [-- --requests=N --burst=N --fanout=N]`: Convene's production build and a bare
// Bolt app that only acks, side by side on this machine, driven with signed requests through the
// Slack emulator. Prints one table per database; see README, "Performance". Not part of npm test.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { LogLevel, type Logger } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { openDatabase, type Database } from '../src/db/client.js';
import { createDeliveryClient } from '../src/features/reminders/delivery.js';
import { createEngine } from '../src/features/reminders/engine.js';
import type { ReminderRule } from '../src/features/reminders/types.js';
import { loadWeek } from '../src/features/igweek/service.js';
import { SlackEmulator } from '../src/slack-emulator/emulator.js';
import { ensureBuilt, ROOT, startProdArgs } from '../test/support/app-process.js';
import type { Job, LoadReply, LoadRequest, WorkerSetup } from './bench/load-worker.js';

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const DB_ARG = args.find((a) => a.startsWith('--db='))?.slice('--db='.length);
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const CONCURRENCY = 50;
const sizeArg = (name: string) => {
  const v = args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  return v ? Number(v) : undefined;
};
// --quick finishes in about a minute on a quiet 2-core machine; --requests/--burst/--fanout override either.
const BASE = QUICK ? { requests: 100, burst: 100, fanout: 100 } : { requests: 1000, burst: 1000, fanout: 2000 };
const SIZES = { requests: sizeArg('requests') ?? BASE.requests, burst: sizeArg('burst') ?? BASE.burst, fanout: sizeArg('fanout') ?? BASE.fanout };
const WARMUP = Math.min(200, SIZES.requests);
const SECRET = 'bench-signing-secret';
const TOKEN = 'xoxb-bench-token';

type Row = [string, string, string, string];

// ---------------------------------------------------------------------------
// Processes

interface Proc {
  child: ChildProcess;
  port: number;
  readyMs: number;
  rssMb(): number;
  stop(): Promise<void>;
}

/** Every child started, killed if the benchmark dies half-way (nothing is left running). */
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

async function startProc(name: string, argv: string[], env: Record<string, string>): Promise<Proc> {
  const started = performance.now();
  const child = spawn(process.execPath, argv, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  const port = await new Promise<number>((found, fail) => {
    const check = () => {
      const m = /listening on port (\d+)/.exec(out);
      if (m) found(Number(m[1]));
    };
    child.stdout!.on('data', check);
    void exited.then(() => fail(new Error(`${name} exited:\n${out}`)));
    setTimeout(() => fail(new Error(`${name} did not say it was listening within 60 s:\n${out}`)), 60_000).unref();
  });
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
    if (ok) break;
    await sleep(10);
  }
  const readyMs = performance.now() - started;
  return {
    child,
    port,
    readyMs,
    rssMb: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      // BENCH_LOG_DIR keeps what each process printed (Convene's JSON log), one file per start.
      const logDir = process.env.BENCH_LOG_DIR;
      if (logDir) {
        mkdirSync(logDir, { recursive: true });
        writeFileSync(join(logDir, `${name.replace(/\W+/g, '-')}-${child.pid}.log`), out);
      }
    },
  };
}

const progress = (what: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 23)}] ${what}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------
// Load

interface LoadResult {
  lat: number[];
  seconds: number;
  errors: number;
}

/** The load generator thread (see scripts/bench/load-worker.ts). */
function loadGenerator(fake: SlackEmulator) {
  const setup: WorkerSetup = { secret: SECRET, fakeOrigin: fake.url.replace(/\/api\/?$/, ''), teamId: fake.teamId, appId: fake.appId, botUserId: fake.botUserId, botId: fake.botId };
  const worker = new Worker(new URL('./bench/load-worker.mjs', import.meta.url), { workerData: setup });
  let queue = Promise.resolve() as Promise<unknown>;
  const send = (req: LoadRequest) => {
    const p = queue.then(() => new Promise<LoadReply>((resolve) => worker.once('message', resolve)).then((r) => r));
    queue = p;
    worker.postMessage(req);
    return p;
  };
  return {
    async run(baseUrl: string, jobs: Job[], concurrency: number): Promise<LoadReply & { errors: number }> {
      const r = await send({ baseUrl, jobs, concurrency });
      return { ...r, errors: r.status.filter((st) => st !== 200).length };
    },
    stop: () => worker.terminate(),
  };
}

/** Reads Convene's GET /metrics; `total(name)` adds up a metric over all its labels. */
async function metrics(port: number): Promise<{ total(name: string): number }> {
  const lines = (await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()).split('\n');
  return { total: (name) => lines.filter((l) => l.startsWith(`${name}{`)).reduce((acc, l) => acc + Number(l.split(' ').pop()), 0) };
}

/** Convene's own count and total of ack seconds (all kinds). */
async function serverAcks(port: number): Promise<{ sum: number; count: number }> {
  const m = await metrics(port);
  return { sum: m.total('convene_slack_ack_seconds_sum'), count: m.total('convene_slack_ack_seconds_count') };
}

/** Waits until Convene has no after-ack work waiting or running; returns how long that took. */
async function drained(port: number, limitMs = 120_000): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    const depth = (await metrics(port)).total('convene_work_after_ack');
    if (depth === 0 || performance.now() - t0 > limitMs) return performance.now() - t0;
    await sleep(50);
  }
}

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const ms = (v: number) => `${v.toFixed(v < 10 ? 1 : 0)} ms`;
const ratio = (app: number, bare: number) => (bare > 0 ? `${(app / bare).toFixed(1)}×` : '');

// ---------------------------------------------------------------------------
// Data: groups with conveners, an open IG Week (two years), a petition collecting signatures

interface Seeded {
  petitionId: number;
  petitionTs: string;
  burstPetitionId: number;
  burstPetitionTs: string;
  slots2027: number[];
  burstSlot: number;
  conveners: string[];
}

const TERM = { startsOn: new Date('2026-01-01'), endsOn: new Date('2030-12-31') };

async function seed(db: Database, fake: SlackEmulator): Promise<Seeded> {
  const prisma = db.prisma;
  const groups = Math.max(SIZES.requests, SIZES.burst);
  const conveners = Array.from({ length: groups }, (_, i) => `UCONV${String(i).padStart(5, '0')}`);
  await prisma.group.createMany({ data: conveners.map((_, i) => ({ name: `Bench Group ${i}`, key: `benchgroup${i}`, kind: 'CORE_IG' as const, eligibility: 'ANYONE' as const })) });
  const rows = await prisma.group.findMany({ where: { key: { startsWith: 'benchgroup' } }, select: { id: true, name: true } });
  await prisma.person.createMany({ data: conveners.map((u) => ({ slackUserId: u, email: `${u.toLowerCase()}@example.org` })) });
  await prisma.convenerTerm.createMany({ data: rows.map((g) => ({ groupId: g.id, slackUserId: conveners[Number(g.name.split(' ').pop())]!, ...TERM })) });
  for (const u of conveners) fake.addUser({ id: u, email: `${u.toLowerCase()}@example.org`, name: u.toLowerCase() });

  for (const year of [2027, 2028]) {
    await loadWeek(prisma, year);
    await prisma.igWeek.update({ where: { year }, data: { claiming: 'OPEN', openedAt: new Date() } });
  }
  const slots2027 = (await prisma.igWeekSlot.findMany({ where: { year: 2027 }, orderBy: { startsAt: 'asc' } })).map((s) => s.id);
  const burstSlot = (await prisma.igWeekSlot.findFirstOrThrow({ where: { year: 2028 }, orderBy: { startsAt: 'asc' } })).id;

  fake.addChannel({ id: 'CPETITIONS', name: 'petitions', members: [fake.botUserId] });
  const web = new WebClient(TOKEN, { slackApiUrl: fake.url });
  const petition = async (name: string) => {
    const posted = await web.chat.postMessage({ channel: 'CPETITIONS', text: name, blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: 'petition.sign', text: { type: 'plain_text', text: 'Sign' }, value: '0' }] }] });
    const now = Date.now();
    const p = await prisma.petition.create({
      data: {
        kind: 'CORE_IG',
        level: 'DIVISION',
        name,
        purpose: 'Benchmark petition',
        organizers: ['UORGANIZER'],
        petitioner: 'UORGANIZER',
        status: 'COLLECTING',
        threshold: 100_000,
        opensAt: new Date(now - 86_400_000),
        openedAt: new Date(now - 86_400_000),
        expiresAt: new Date(now + 30 * 86_400_000),
        channelId: 'CPETITIONS',
        messageTs: posted.ts!,
        createdAt: new Date(now - 2 * 86_400_000),
      },
    });
    return { id: p.id, ts: posted.ts! };
  };
  const a = await petition('Bench Petition');
  const b = await petition('Burst Petition');
  return { petitionId: a.id, petitionTs: a.ts, burstPetitionId: b.id, burstPetitionTs: b.ts, slots2027, burstSlot, conveners };
}

// ---------------------------------------------------------------------------
// One database

interface Target {
  kind: 'pglite' | 'postgres';
  env: Record<string, string>;
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

async function pgliteTarget(): Promise<Target> {
  const dir = await mkdtemp(join(tmpdir(), 'convene-bench-'));
  const dataDir = join(dir, 'data');
  return { kind: 'pglite', env: { DATA_DIR: dataDir }, open: () => openDatabase({ dataDir }), dispose: () => rm(dir, { recursive: true, force: true }) };
}

async function postgresTarget(): Promise<Target | undefined> {
  const ok = await (async () => {
    const c = new pg.Client({ connectionString: PG_URL });
    try {
      await c.connect();
      await c.end();
      return true;
    } catch {
      return false;
    }
  })();
  if (!ok) return undefined;
  const schema = `convene_bench_${randomBytes(4).toString('hex')}`;
  const url = new URL(PG_URL);
  url.searchParams.set('schema', schema);
  return {
    kind: 'postgres',
    env: { DATABASE_URL: url.toString() },
    open: () => openDatabase({ databaseUrl: PG_URL, dataDir: 'unused', schema }),
    async dispose() {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    },
  };
}

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => LogLevel.ERROR, setName() {} };

async function benchTarget(target: Target): Promise<Row[]> {
  const fake = await SlackEmulator.start();
  const db = await target.open();
  await db.migrate();
  progress(`${target.kind}: seeding`);
  const s = await seed(db, fake);
  await db.close();

  // BENCH_NODE_ARGS go to Convene's node only (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where its time goes).
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
  const env = { SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.url, LOG_LEVEL: 'info', ...target.env };
  // Started once to apply the migrations (done above) and once more to time a start with migrations current.
  progress(`${target.kind}: starting Convene and bare Bolt`);
  const app = await startProc('Convene', [...nodeArgs, ...startProdArgs()], env);
  const bare = await startProc('bare Bolt', [join(ROOT, 'scripts/bench/bare-bolt.mjs')], env);
  await sleep(1500);
  const idle = { app: app.rssMb(), bare: bare.rssMb() };
  const gen = loadGenerator(fake);
  const urls = { app: `http://127.0.0.1:${app.port}`, bare: `http://127.0.0.1:${bare.port}` };
  const rows: Row[] = [];

  // 1. Ack latency at 50 concurrent, bare Bolt first then Convene, each after a short warm-up.
  const conv = (i: number) => s.conveners[i % s.conveners.length]!;
  const scenarios: { name: string; job: (i: number) => Job }[] = [
    { name: '`/ig list`', job: (i) => ({ type: 'command', user: conv(i), command: '/ig', text: 'list', responseUrl: fake.responseUrl() }) },
    {
      name: 'petition Sign click',
      job: (i) => ({ type: 'action', user: `USIGN${i}`, action: { action_id: 'petition.sign', value: String(s.petitionId), type: 'button' }, channelId: 'CPETITIONS', messageTs: s.petitionTs, responseUrl: fake.responseUrl() }),
    },
    {
      name: 'IG Week Claim click',
      job: (i) => ({ type: 'action', user: conv(i), action: { action_id: 'igweek.claim', value: String(s.slots2027[i % s.slots2027.length]), type: 'button' }, channelId: 'C0GENERAL', responseUrl: fake.responseUrl() }),
    },
  ];
  let offset = 0;
  let serverMean = 0;
  let drainMs = 0;
  for (const sc of scenarios) {
    const results = {} as Record<'bare' | 'app', LoadResult>;
    for (const who of ['bare', 'app'] as const) {
      progress(`${target.kind}: ${sc.name} on ${who}`);
      const jobs = (from: number, n: number) => Array.from({ length: n }, (_, k) => sc.job(from + k));
      // Warm-up at full concurrency (the JIT compiles the hot paths), and its work done, before measuring.
      await gen.run(urls[who], jobs(offset, WARMUP), CONCURRENCY);
      if (who === 'app') await drained(app.port);
      const before = who === 'app' ? await serverAcks(app.port) : undefined;
      results[who] = await gen.run(urls[who], jobs(offset + WARMUP, SIZES.requests), CONCURRENCY);
      if (before) {
        const after = await serverAcks(app.port);
        serverMean = ((after.sum - before.sum) / Math.max(1, after.count - before.count)) * 1000;
      }
      offset += SIZES.requests + WARMUP;
      // The work behind the acks finishes before the next run starts (each run starts quiet).
      if (who === 'app') drainMs = await drained(app.port);
      else await sleep(200);
      fake.reset();
    }
    const { bare: b, app: a } = results;
    for (const [label, f] of [['p50', 50], ['p99', 99]] as const) rows.push([`${sc.name}: ack ${label}`, ms(pct(b.lat, f)), ms(pct(a.lat, f)), ratio(pct(a.lat, f), pct(b.lat, f))]);
    rows.push([`${sc.name}: ack mean inside Convene (its /metrics)`, '', ms(serverMean), '']);
    rows.push([`${sc.name}: work behind the acks done (after the last ack)`, '', ms(drainMs), '']);
    rows.push([`${sc.name}: ack max`, ms(Math.max(...b.lat)), ms(Math.max(...a.lat)), ratio(Math.max(...a.lat), Math.max(...b.lat))]);
    rows.push([`${sc.name}: req/s (errors)`, `${(b.lat.length / b.seconds).toFixed(0)} (${b.errors})`, `${(a.lat.length / a.seconds).toFixed(0)} (${a.errors})`, ratio(b.lat.length / b.seconds, a.lat.length / a.seconds)]);
  }
  const loaded = { app: app.rssMb(), bare: bare.rssMb() };

  // 2. Bursts on Convene: everyone at once, each answer awaited on its response_url.
  const burst = async (n: number, job: (i: number, responseUrl: string) => Job) => {
    const answerUrls = Array.from({ length: n }, () => fake.responseUrl());
    const t0 = performance.now();
    const answers = answerUrls.map((url) =>
      fake.waitFor('response_url', (c) => c.url === url, 120_000).then(
        (c) => ({ at: performance.now() - t0, text: JSON.stringify(c.args) }),
        () => ({ at: Infinity, text: '' }), // not answered within 2 minutes
      ),
    );
    const acks = await gen.run(urls.app, answerUrls.map((url, i) => job(i, url)), n);
    const answered = await Promise.all(answers);
    fake.reset();
    return { acks: acks.at.map((at, i) => ({ at, status: acks.status[i]! })), answered };
  };
  progress(`${target.kind}: bursts`);
  const claims = await burst(SIZES.burst, (i, responseUrl) => ({ type: 'action', user: s.conveners[i]!, action: { action_id: 'igweek.claim', value: String(s.burstSlot), type: 'button' }, channelId: 'C0GENERAL', responseUrl }));
  const winners = claims.answered.filter((a) => a.text.includes('has the')).length;
  const signs = await burst(SIZES.burst, (i, responseUrl) => ({ type: 'action', user: `UBURST${i}`, action: { action_id: 'petition.sign', value: String(s.burstPetitionId), type: 'button' }, channelId: 'CPETITIONS', messageTs: s.burstPetitionTs, responseUrl }));
  await gen.stop();
  await app.stop();
  await bare.stop();

  // Restart with migrations current: the ready time operators see on every deploy.
  const again = await startProc('Convene', startProdArgs(), env);
  const readyMs = again.readyMs;
  await again.stop();

  // What the database holds afterwards.
  const check = await target.open();
  const sessions = await check.prisma.igWeekSession.count({ where: { slotId: s.burstSlot } });
  const petition = await check.prisma.petition.findUniqueOrThrow({ where: { id: s.burstPetitionId } });
  const signatureRows = await check.prisma.petitionSignature.count({ where: { petitionId: s.burstPetitionId } });

  const n = SIZES.burst;
  const maxAt = (xs: { at: number }[]) => Math.max(...xs.map((x) => x.at));
  rows.push([`burst: ${n} claims of one slot (${n} groups)`, '', `${sessions} session stored, ${winners} told they won; acks ${claims.acks.filter((a) => a.status === 200).length}/${n}, last ack ${ms(maxAt(claims.acks))}, last answer ${ms(maxAt(claims.answered))}`, '']);
  rows.push([`burst: ${n} signatures of one petition`, '', `count ${petition.signatureCount}, rows ${signatureRows}; acks ${signs.acks.filter((a) => a.status === 200).length}/${n}, last ack ${ms(maxAt(signs.acks))}, last answer ${ms(maxAt(signs.answered))}`, '']);

  // 3. Fan-out: one nudge to each of N group channels, due now, sent by the engine (two engines
  // ticking at once on PostgreSQL, as two app processes would); every channel must get exactly one.
  const N = SIZES.fanout;
  progress(`${target.kind}: fan-out`);
  for (let i = 0; i < N; i++) fake.addChannel({ id: `CFAN${i}`, name: `fan-${i}`, members: [fake.botUserId] });
  const dueAt = new Date(Date.now() - 30_000);
  const rule: ReminderRule = {
    id: 'bench.fanout',
    description: 'benchmark fan-out',
    latenessMs: 3_600_000,
    async occurrences(_ctx, window) {
      if (!(dueAt > window.from && dueAt <= window.to)) return [];
      return Array.from({ length: N }, (_, i) => ({ subject: `fan:${i}`, dueAt, audience: { kind: 'channel' as const, channelId: `CFAN${i}` }, message: { text: `Nudge ${i}` } }));
    },
  };
  const engines = target.kind === 'postgres' ? [check, await target.open()] : [check];
  const t0 = performance.now();
  await Promise.all(
    engines.map((d, k) =>
      createEngine({ prisma: d.prisma, client: createDeliveryClient({ botToken: TOKEN, apiUrl: fake.url }), rules: [rule], zone: 'America/Chicago', clock: () => new Date(), instanceId: `bench-${k}`, logger: quiet }).tick(),
    ),
  );
  const fanSeconds = (performance.now() - t0) / 1000;
  const posts = fake.callsTo('chat.postMessage').filter((c) => c.response?.ok);
  const perChannel = new Map<string, number>();
  for (const c of posts) perChannel.set(String(c.args.channel), (perChannel.get(String(c.args.channel)) ?? 0) + 1);
  const dupes = [...perChannel.values()].filter((v) => v > 1).length;
  rows.push([`fan-out: ${N} channels, ${engines.length} engine(s)`, '', `${posts.length} posted in ${fanSeconds.toFixed(1)} s = ${(posts.length / fanSeconds).toFixed(0)} msg/s; ${perChannel.size} channels reached, ${dupes} duplicates`, '']);
  for (const d of engines) await d.close();

  rows.unshift(
    ['ready (start → /readyz 200; Convene: migrations current)', ms(bare.readyMs), ms(readyMs), ratio(readyMs, bare.readyMs)],
    ['RSS idle', `${idle.bare.toFixed(0)} MB`, `${idle.app.toFixed(0)} MB`, ratio(idle.app, idle.bare)],
    ['RSS after the latency runs', `${loaded.bare.toFixed(0)} MB`, `${loaded.app.toFixed(0)} MB`, ratio(loaded.app, loaded.bare)],
  );
  await fake.close();
  return rows;
}

function table(title: string, rows: Row[]): string {
  const head: Row = ['', 'bare Bolt', 'Convene', 'Convene ÷ bare'];
  const lines = [`### ${title}`, '', `| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const started = performance.now();
  ensureBuilt();
  const targets: Target[] = [];
  if (DB_ARG !== 'postgres') targets.push(await pgliteTarget());
  if (DB_ARG !== 'pglite') {
    const t = await postgresTarget();
    if (t) targets.push(t);
    else process.stderr.write(`PostgreSQL is not reachable at ${PG_URL}: its table is left out (set BENCH_DATABASE_URL).\n`);
  }
  const out: string[] = [
    `Convene benchmark${QUICK ? ' (--quick: smaller numbers than the targets)' : ''}: ${SIZES.requests} requests per scenario at ${CONCURRENCY} concurrent, bursts of ${SIZES.burst}, fan-out to ${SIZES.fanout} channels.`,
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at start; node ${process.version}.`,
  ];
  for (const t of targets) {
    try {
      out.push('', table(t.kind === 'pglite' ? 'Embedded PGlite' : 'PostgreSQL', await benchTarget(t)));
    } finally {
      await t.dispose();
    }
  }
  out.push('', `Load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}; took ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  process.stdout.write(`${out.join('\n')}\n`);
}

await main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
process.exit();
