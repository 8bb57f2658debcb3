// Staff and operators: `/ig admin reminders` (list, pause, resume) through the Slack HTTP
// surface, the `convene reminders due|run` CLI, and the scheduler's no-overlap guard.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import type { Config } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { businessMeetingRule, electionRule } from '../../src/features/reminders/schedule.js';
import { startScheduler, tickRunner } from '../../src/features/reminders/scheduler.js';
import type { TickResult } from '../../src/features/reminders/engine.js';
import { type Harness, startHarness, textOf } from '../support/harness.js';
import { capturingLogger } from '../support/logger.js';
import { addGroup, dm, makeEngine, ZONE } from './reminders-helpers.js';

let h: Harness;
let openData: number;

beforeAll(async () => {
  h = await startHarness({ now: '2026-11-20T18:00:00Z', adminUserIds: ['USTAFF'] });
  for (const id of ['USTAFF', 'UMEMBER', 'U1', 'U3']) h.fake.addUser({ id, email: `${id.toLowerCase()}@example.org` });
  openData = await addGroup(h.prisma, { name: 'Open Data', conveners: [{ slackUserId: 'U1' }] });
  await addGroup(h.prisma, { name: 'Data <Viz>', kind: 'PLA_IG', conveners: [{ slackUserId: 'U3' }] });
});
afterAll(() => h?.close());
beforeEach(() => h.fake.reset());

async function ig(user: string, text: string): Promise<string> {
  const before = h.fake.callsTo('response_url').length;
  expect((await h.driver.command(user, '/ig', text)).status).toBe(200);
  const reply = await h.fake.waitFor('response_url', () => h.fake.callsTo('response_url').length > before);
  return textOf(reply.args);
}

const unix = (iso: string) => Date.parse(iso) / 1000;

describe('/ig admin reminders', () => {
  it('is for staff only', async () => {
    expect(await ig('UMEMBER', 'admin reminders')).toContain('Only staff can use `/ig admin`');
    expect(await ig('UMEMBER', 'admin reminders pause meetings.business')).toContain('Only staff');
    expect(await h.prisma.reminderRuleState.count()).toBe(0);
  });

  it('is listed among the admin commands', async () => {
    expect(await ig('USTAFF', 'admin')).toContain('`/ig admin reminders [pause|resume <rule>]`');
  });

  it('shows the nudges of the next 30 days with when, what, who, and each rule\'s state', async () => {
    const text = await ig('USTAFF', 'admin reminders');
    expect(text).toContain('*Reminders in the next 30 days*');
    expect(text).toContain(`<!date^${unix('2026-12-01T16:00:00Z')}^{date_short_pretty} {time}|Tue, Dec 1, 2026 10:00 AM CST> — *Open Data: January 2027 business meeting* → conveners of Open Data (DM) · \`meetings.business\``);
    expect(text).not.toContain('Data &lt;Viz&gt;'); // a PLA interest group: business meetings are a Core duty
    expect(text).toContain(`<!date^${unix('2026-12-15T16:00:00Z')}^`);
    expect(text).not.toContain('2027 convener election'); // March is more than 30 days away
    expect(text).toContain('• `meetings.business` — :white_check_mark: active');
    expect(text).toContain('• `elections.convener` — :white_check_mark: active');
  });

  it('pauses a rule (audited): its nudges are recorded as skipped, and resumes it', async () => {
    expect(await ig('USTAFF', 'admin reminders pause meetings.business')).toContain('Paused `meetings.business`');
    expect(await ig('USTAFF', 'admin reminders pause meetings.business')).toContain('was already paused; nothing changed');
    expect(await h.prisma.reminderRuleState.findUnique({ where: { ruleId: 'meetings.business' } })).toMatchObject({ paused: true, changedBy: 'USTAFF' });
    const listing = await ig('USTAFF', 'admin reminders');
    expect(listing).toContain('• `meetings.business` — :double_vertical_bar: *paused* by <@USTAFF>');
    expect(listing).toContain('`meetings.business` _(paused)_');

    const engine = makeEngine(h, { rules: [businessMeetingRule] });
    h.clock.set('2026-12-01T16:00:00Z');
    const paused = await engine.tick();
    expect(paused.sent).toBe(0);
    expect(paused.outcomes.map((o) => [o.label, o.status, o.reason])).toEqual([
      ['Open Data: January 2027 business meeting', 'SKIPPED', 'rule paused'],
    ]);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);

    h.clock.set('2026-12-02T16:00:00Z');
    expect(await ig('USTAFF', 'admin reminders resume meetings.business')).toContain('Resumed `meetings.business`');
    expect((await engine.tick()).sent).toBe(0); // Dec 1 stays skipped
    h.clock.set('2026-12-15T16:00:00Z');
    expect((await engine.tick()).sent).toBe(1);
    expect(h.fake.callsTo('chat.postMessage').map((c) => c.args.channel).sort()).toEqual(['U1']);

    const trail = await h.prisma.auditLog.findMany({ where: { subjectType: 'reminderRule' }, orderBy: { id: 'asc' } });
    expect(trail.map((a) => [a.actor, a.action, a.subjectId])).toEqual([
      ['USTAFF', 'reminders.rule.paused', 'meetings.business'],
      ['USTAFF', 'reminders.rule.resumed', 'meetings.business'],
    ]);
  });

  it('refuses unknown rules and explains the usage', async () => {
    expect(await ig('USTAFF', 'admin reminders pause nope')).toContain('There is no reminder rule `nope`. Rules: `meetings.business`, `elections.convener`');
    expect(await ig('USTAFF', 'admin reminders resume')).toContain('Usage: `/ig admin reminders resume <rule>`');
    expect(await ig('USTAFF', 'admin reminders frobnicate')).toContain('Usage: `/ig admin reminders`');
    expect(await h.prisma.reminderRuleState.count({ where: { ruleId: 'nope' } })).toBe(0);
  });
});

describe('convene reminders (CLI)', () => {
  async function cli(args: string[], config: Config = h.config) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['reminders', ...args], config, { out: (l) => out.push(l), err: (l) => err.push(l) }, {
      // The harness's database (a PGlite in memory can't be opened twice); closing is the harness's job.
      openDatabase: async () => ({ ...h.db, close: async () => {} }),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('lists what is due at an instant without sending or recording anything', async () => {
    await addGroup(h.prisma, { name: 'Quiet IG' }); // a Core group without conveners
    const ledgerBefore = await h.prisma.reminderOccurrence.count();
    const r = await cli(['due', '--at', '2027-03-01T10:00', '--rule', 'elections.convener']);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain('Reminders due as of 2027-03-01T16:00:00.000Z (Mon, Mar 1, 2027 10:00 AM CST):');
    expect(r.out).toContain('send  elections.convener  Open Data: 2027 convener election  (due 2027-03-01T16:00:00.000Z (Mon, Mar 1, 2027 10:00 AM CST))');
    expect(r.out).toContain('to conveners of Open Data by DM: U1');
    expect(r.out).not.toContain('Data <Viz>'); // not a Core interest group
    expect(r.out).toContain('skip  elections.convener  Quiet IG: 2027 convener election');
    expect(r.out).toContain('        the group has no current conveners');
    expect(r.out).toContain('1 to send, 1 to skip, 0 waiting to retry. Nothing was sent.');
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
    expect(await h.prisma.reminderOccurrence.count()).toBe(ledgerBefore);

    const early = await cli(['due', '--at=2027-03-01T15:59:00Z', '--rule=elections.convener']);
    expect(early.out).toContain('nothing new is due');
  });

  it('sends what is due as of the instant, and sends nothing new when run again', async () => {
    const first = await cli(['run', '--at', '2027-03-01T16:00:00Z', '--rule', 'elections.convener']);
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toContain('sent 1, failed 0, gave up 0, skipped 1');
    expect(first.out).toMatch(/SKIPPED  elections\.convener  Quiet IG: 2027 convener election → group:\d+:conveners \(the group has no current conveners\)/);
    expect(first.out).toContain('SENT     elections.convener  Open Data: 2027 convener election → U1');
    const posts = h.fake.callsTo('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.response).toMatchObject({ ok: true, channel: dm('U1') });
    expect(textOf(posts[0]!.args)).toContain(`<!date^${unix('2027-05-01T04:59:59Z')}^{date_short_pretty} {time}|Fri, Apr 30, 2027 11:59 PM CDT>`);
    expect(posts[0]!.args.blocks).toContainEqual(
      expect.objectContaining({ elements: [expect.objectContaining({ action_id: 'conveners.election.open', value: String(openData) })] }),
    );

    const again = await cli(['run', '--at', '2027-03-01T16:00:00Z', '--rule', 'elections.convener']);
    expect(again).toMatchObject({ code: 0 });
    expect(again.out).toContain('sent 0, failed 0, gave up 0, skipped 0');
    expect(again.out).toContain('nothing new was due; nothing was sent.');
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('exits 2 with a clear message on bad input', async () => {
    const cases: [string[], string][] = [
      [['due', '--at', 'tomorrow'], '--at "tomorrow" is not an ISO 8601 instant; write e.g. 2027-03-01T16:00:00Z, or 2027-03-01T10:00 for America/Chicago time'],
      [['due', '--at', '2027-02-30T10:00Z'], 'is not an ISO 8601 instant'],
      [['run', '--rule', 'nope'], 'there is no reminder rule "nope"; rules: meetings.business, elections.convener'],
      [['due', '--at'], '--at needs a value'],
      [['due', '--when', 'now'], 'unknown option "--when"'],
      [[], 'convene reminders needs "due" or "run"'],
      [['send'], 'convene reminders needs "due" or "run"'],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.err).toContain(message);
    }
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('refuses to run without a Slack token (exit 2), but lists without one', async () => {
    const noToken = { ...h.config, slack: { ...h.config.slack, botToken: undefined } };
    const r = await cli(['run', '--at', '2027-04-15T15:00:00Z'], noToken);
    expect(r.code).toBe(2);
    expect(r.err).toContain('convene: `reminders run` sends Slack messages: set SLACK_BOT_TOKEN');
    expect((await cli(['due', '--at', '2027-04-15T15:00:00Z', '--rule', 'elections.convener'], noToken)).code).toBe(0);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('exits 1 when a delivery failed', async () => {
    await h.prisma.convenerTerm.updateMany({ where: { groupId: openData }, data: { slackUserId: 'UNOBODY' } });
    const r = await cli(['run', '--at', '2027-04-15T15:00:00Z', '--rule', electionRule.id]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('FAILED   elections.convener  Open Data: 2027 convener election (last call) → UNOBODY (channel_not_found)');
  });

  it('opens the embedded database itself, and refuses while another process holds it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'convene-reminders-'));
    const config = { ...h.config, databaseUrl: undefined, dataDir };
    const io = () => {
      const lines: string[] = [];
      return { lines, io: { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) } };
    };
    try {
      const fresh = io();
      expect(await runCli(['reminders', 'due', '--at', '2027-03-01T16:00:00Z'], config, fresh.io)).toBe(0);
      expect(fresh.lines.join('\n')).toContain('nothing new is due');
      const app = await openDatabase({ dataDir });
      try {
        const locked = io();
        expect(await runCli(['reminders', 'run', '--at', '2027-03-01T16:00:00Z'], config, locked.io)).toBe(1);
        expect(locked.lines.join('\n')).toContain('is in use by another process');
      } finally {
        await app.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('is in the usage text', async () => {
    const out: string[] = [];
    await runCli(['help'], h.config, { out: (l) => out.push(l), err: () => {} });
    expect(out.join('\n')).toContain('reminders due [--at <instant>] [--rule <id>]');
  });
});

describe('scheduler', () => {
  const idle: TickResult = { asOf: new Date(), sent: 0, failed: 0, gaveUp: 0, skipped: 0, outcomes: [], errors: [] };

  it('never overlaps ticks in one process, and stop() waits for the running one', async () => {
    let calls = 0;
    let finish!: () => void;
    const engine = {
      tick: () => {
        calls++;
        return new Promise<TickResult>((resolve) => (finish = () => resolve(idle)));
      },
    };
    const runner = tickRunner(engine, capturingLogger());
    const first = runner.runOnce();
    const second = runner.runOnce(); // cron fires again while the first is still running
    expect(calls).toBe(1);
    let stopped = false;
    const stopping = runner.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    finish();
    await Promise.all([first, second, stopping]);
    expect(stopped).toBe(true);
    await runner.runOnce(); // stopped: no more ticks
    expect(calls).toBe(1);
  });

  it('logs a failed tick instead of crashing, and ticks again next time', async () => {
    const logger = capturingLogger();
    let calls = 0;
    const runner = tickRunner({ tick: async () => (++calls === 1 ? Promise.reject(new Error('db down')) : idle) }, logger);
    await runner.runOnce();
    await runner.runOnce();
    expect(calls).toBe(2);
    expect(logger.errors().join('\n')).toContain('db down');
  });

  it('schedules on node-cron in the org zone and stops cleanly', async () => {
    const scheduler = startScheduler({ tick: async () => idle }, { zone: ZONE, logger: capturingLogger() });
    await scheduler.runOnce();
    await scheduler.stop();
  });
});
