// `convene reminders due|run [--at <instant>] [--rule <id>]`: the operator's view of the engine.
// `due` is a dry run; `run` sends what is due as of the instant, through the same ledger as the
// app, so running it twice (or alongside the app on PostgreSQL) sends nothing twice.
import { LogLevel, type Logger } from '@slack/web-api';
import type { Config } from '../../config.js';
import type { Database } from '../../db/client.js';
import { type Clock, parseInstant } from '../../lib/time.js';
import { createDeliveryClient, type Sleep } from './delivery.js';
import { createEngine, type DueReport, newInstanceId, type TickResult } from './engine.js';
import { describeDuration } from './rules.js';
import { allTransitions } from './registry.js';
import { audienceNames, findRule } from './service.js';
import type { Audience, ReminderRule } from './types.js';
import { type AudienceNames, plainInstant } from './views.js';

export const REMINDERS_USAGE = `  reminders due [--at <instant>] [--rule <id>]
                                 list the nudges due at that instant (default now); sends nothing
  reminders run [--at <instant>] [--rule <id>]
                                 send what is due as of that instant (idempotent)`;

export interface RemindersCliIO {
  out(line: string): void;
  err(line: string): void;
}

export interface RemindersCliDeps {
  rules: ReminderRule[];
  /** Opens, uses and closes the database (the CLI's own withDb). */
  withDb<T>(fn: (db: Database) => Promise<T>): Promise<T>;
  clock: Clock;
  sleep?: Sleep;
}

/** A usage or input problem (exit code 2). */
class Refusal extends Error {}

function parseArgs(args: string[], zone: string, rules: ReminderRule[], now: Date) {
  const [verb, ...flags] = args;
  if (verb !== 'due' && verb !== 'run') throw new Refusal(`convene reminders needs "due" or "run":\n${REMINDERS_USAGE}`);
  let at = now;
  let rule: ReminderRule | undefined;
  for (let i = 0; i < flags.length; i++) {
    const [flag, inline] = flags[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = inline ?? flags[++i];
    if (flag !== '--at' && flag !== '--rule') throw new Refusal(`unknown option "${flag}":\n${REMINDERS_USAGE}`);
    if (value === undefined || value === '') throw new Refusal(`${flag} needs a value`);
    if (flag === '--at') {
      const parsed = parseInstant(value, zone);
      if (!parsed) throw new Refusal(`--at "${value}" is not an ISO 8601 instant; write e.g. 2027-03-01T16:00:00Z, or 2027-03-01T10:00 for ${zone} time`);
      at = parsed;
    } else {
      rule = findRule(rules, value);
      if (!rule) throw new Refusal(`there is no reminder rule "${value}"; rules: ${rules.map((r) => r.id).join(', ')}`);
    }
  }
  return { verb, at, rules: rule ? [rule] : rules };
}

function quietLogger(io: RemindersCliIO): Logger {
  let level = LogLevel.ERROR;
  return {
    debug: () => {},
    info: () => {},
    warn: () => {},
    error: (...msg: unknown[]) => io.err(`convene: ${msg.map((m) => (m instanceof Error ? m.message : String(m))).join(' ')}`),
    setLevel: (l) => void (level = l),
    getLevel: () => level,
    setName: () => {},
  };
}

function plainAudience(a: Audience, names: AudienceNames): string {
  const group = (id: number) => names.groups.get(id) ?? `group ${id}`;
  switch (a.kind) {
    case 'channel':
      return `channel ${a.channelId}`;
    case 'appChannel':
      return `the ${a.which} channel (${names.channels[a.which] ?? 'not set'})`;
    case 'groupChannel':
      return `the channel of ${group(a.groupId)}`;
    case 'groupConveners':
      return `conveners of ${group(a.groupId)} by DM`;
    case 'users':
      return `${a.userIds.join(', ')} by DM`;
  }
}

function printDue(report: DueReport, names: AudienceNames, zone: string, io: RemindersCliIO): void {
  io.out(`Reminders due as of ${plainInstant(report.asOf, zone)}:`);
  if (report.items.length === 0) io.out('  nothing new is due.');
  for (const item of report.items) {
    io.out(`  ${item.action.padEnd(4)}  ${item.ruleId}  ${item.label}  (due ${plainInstant(item.dueAt, zone)})`);
    io.out(item.action === 'send' ? `        to ${plainAudience(item.audience, names)}: ${item.recipients.join(', ')}` : `        ${item.reason}`);
    for (const u of item.action === 'send' ? item.unreachable : []) io.out(`        not ${u.recipient}: ${u.reason}`);
  }
  const retryNow = report.retries.filter((r) => r.nextAttemptAt <= report.asOf).length;
  if (report.retries.length) io.out(`Failed deliveries waiting to be retried (${retryNow} due by then):`);
  for (const r of report.retries) {
    io.out(`  ${r.ruleId}  ${r.label}  to ${r.recipient}: ${r.lastError ?? 'unknown'} after ${r.attempts} attempt(s); next try ${plainInstant(r.nextAttemptAt, zone)}`);
  }
  const send = report.items.filter((i) => i.action === 'send').length;
  io.out(`${send} to send, ${report.items.length - send} to skip, ${report.retries.length} waiting to retry. Nothing was sent.`);
}

function printRun(result: TickResult, zone: string, io: RemindersCliIO): void {
  io.out(`Reminders as of ${plainInstant(result.asOf, zone)}: sent ${result.sent}, failed ${result.failed}, gave up ${result.gaveUp}, skipped ${result.skipped}.`);
  for (const o of result.outcomes) {
    const late = result.asOf.getTime() - o.dueAt.getTime();
    const to = o.recipient ? ` → ${o.recipient}` : '';
    const why = o.reason ? ` (${o.reason})` : o.status === 'SENT' && late > 60_000 ? ` (${describeDuration(late)} late)` : '';
    io.out(`  ${o.status.padEnd(7)}  ${o.ruleId}  ${o.label}${to}${why}`);
  }
  for (const e of result.errors) io.err(`convene: ${e}`);
  if (result.outcomes.length === 0 && result.errors.length === 0) io.out('  nothing new was due; nothing was sent.');
}

/** Exit code: 0 done, 1 some delivery failed, 2 bad input. */
export async function remindersCommand(args: string[], config: Config, io: RemindersCliIO, deps: RemindersCliDeps): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(args, config.orgTimezone, deps.rules, deps.clock());
    if (parsed.verb === 'run' && !config.slack.botToken) {
      throw new Refusal('`reminders run` sends Slack messages: set SLACK_BOT_TOKEN (and SLACK_API_URL if not slack.com) in the environment or .env');
    }
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    io.err(`convene: ${error.message}`);
    return 2;
  }
  const { verb, at, rules } = parsed;
  const zone = config.orgTimezone;
  return deps.withDb(async (db) => {
    const logger = quietLogger(io);
    const engine = createEngine({
      prisma: db.prisma,
      client: createDeliveryClient(config.slack, logger),
      rules,
      zone,
      clock: deps.clock,
      instanceId: newInstanceId('cli'),
      logger,
      sleep: deps.sleep,
      transitions: allTransitions(),
    });
    if (verb === 'due') {
      const report = await engine.due(at);
      printDue(report, await audienceNames(db.prisma, report.items.map((i) => i.audience)), zone, io);
      return 0;
    }
    const result = await engine.tick(at);
    printRun(result, zone, io);
    return result.failed || result.gaveUp || result.errors.length ? 1 : 0;
  });
}
