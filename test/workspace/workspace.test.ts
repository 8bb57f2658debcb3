// The local workspace's facade through the real path: the emulator, the real Bolt app over
// signed HTTP requests, a real database, the scheduler's tick on the workspace clock.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { planUpcoming } from '../../src/features/reminders/engine.js';
import { allRules } from '../../src/features/reminders/registry.js';
import { zonedInstant } from '../../src/lib/time.js';
import type { WsMessage } from '../../src/workspace/types.js';
import { type RunningWorkspace, STATE_FILE, startLocalWorkspace } from '../../src/workspace/workspace.js';
import { openTestDatabase, type TestDatabase, textOf } from '../support/harness.js';
import { capturingLogger } from '../support/logger.js';

const GENERAL = 'C0GENERAL';
const ALA = 'U0DEMOALA';
const STAFF = 'U0DEMOSTAFF';
const CONVENER = 'U0DEMOCONV';
const GUEST = 'U0DEMOGUEST';
const ZONE = 'America/Chicago';

let db: TestDatabase;
let dir: string;
let running: RunningWorkspace;
const logger = capturingLogger();

function start(): Promise<RunningWorkspace> {
  const config = loadConfig({ PORT: '0', DATA_DIR: dir, LOG_LEVEL: 'error', ORG_TIMEZONE: ZONE });
  return startLocalWorkspace({ config, db: db.db, logger });
}

async function until<T>(probe: () => T | undefined | false, what: string, ms = 8000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const text = (m: WsMessage) => textOf({ text: m.text, blocks: m.blocks });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'convene-ws-'));
  db = await openTestDatabase();
  running = await start();
});

afterAll(async () => {
  await running?.close();
  await db?.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('local workspace', () => {
  it('starts with the demo: people with every role, the app channels set, group channels', async () => {
    const ws = running.workspace;
    const people = ws.people();
    expect(people.length).toBeGreaterThanOrEqual(17);
    expect(people.every((p) => p.demo && /\(demo\)/.test(p.name))).toBe(true);
    for (const role of ['staff', 'igcc', 'coo', 'convener', 'ala', 'pla', 'not-on-roster']) expect(people.some((p) => p.roles.includes(role))).toBe(true);
    expect(people.filter((p) => p.roles.includes('signer')).length).toBeGreaterThanOrEqual(10);
    expect(new Set(people.map((p) => p.tz)).size).toBeGreaterThan(5);

    const names = (viewer: string) => ws.channels(viewer).map((c) => c.name);
    expect(names(ALA)).toEqual(expect.arrayContaining(['general', 'demo-petitions', 'demo-announcements', 'demo-conveners', 'metadata-practices-demo']));
    expect(names(ALA)).not.toContain('demo-staff'); // private: staff and the committees only
    expect(names(STAFF)).toContain('demo-staff');
    expect(ws.channels(ALA).filter((c) => c.isDm)).toEqual([expect.objectContaining({ id: await ws.dmChannel(ALA), isDm: true })]);

    const settings = await db.db.prisma.setting.findMany();
    const value = (key: string) => settings.find((s) => s.key === key)?.value;
    expect(value('workspace.demo')).toBe('true');
    const channelName = (key: string) => ws.channels(STAFF).find((c) => c.id === value(key))?.name;
    expect([channelName('channel.petitions'), channelName('channel.announcements'), channelName('channel.staff'), channelName('channel.conveners')]).toEqual([
      'demo-petitions',
      'demo-announcements',
      'demo-staff',
      'demo-conveners',
    ]);
    const core = await db.db.prisma.group.findMany({ where: { kind: 'CORE_IG' }, include: { conveners: true } });
    expect(core.length).toBeGreaterThanOrEqual(3);
    expect(core.every((g) => g.channelId && g.conveners.length > 0)).toBe(true);
    expect(existsSync(join(dir, STATE_FILE))).toBe(true);
  });

  it('shows a command\'s answer only to the person who asked, from the app', async () => {
    const ws = running.workspace;
    expect(await ws.command(ALA, GENERAL, '/ig', 'list')).toEqual({ ok: true });
    const answer = await until(() => ws.messages(ALA, GENERAL).find((m) => m.ephemeralFor === ALA), 'the /ig list answer');
    expect(answer.userId).toBe(ws.botUserId);
    expect(text(answer)).toContain('Diversity Membership Initiative Group');
    expect(ws.messages(STAFF, GENERAL).some((m) => m.ephemeralFor !== undefined)).toBe(false);
    expect(await ws.command(ALA, 'C0DEMOSTAFF', '/ig', 'list')).toEqual({ ok: false, error: 'channel_not_found' });
    expect(await ws.command(ALA, GENERAL, '/nope', '')).toEqual({ ok: false, error: 'unknown_command' });
  });

  it('opens a modal from a command and puts the app\'s refusals on the fields', async () => {
    const ws = running.workspace;
    expect(await ws.command(CONVENER, GENERAL, '/petition', 'ig')).toEqual({ ok: true });
    const [modal] = await until(() => ws.modals(CONVENER).length > 0 && ws.modals(CONVENER), 'the petition form');
    expect(ws.modals(STAFF)).toEqual([]);

    // Like Slack's client: an empty required field is refused before anything is sent.
    const empty = await ws.submitView(CONVENER, modal!.id, {});
    expect(empty).toMatchObject({ ok: false, fieldErrors: { name: expect.any(String), purpose: expect.any(String) } });

    const blocks = modal!.view.blocks as Array<{ type: string; block_id: string; element?: { options?: Array<{ value: string }> } }>;
    const levelOption = blocks.find((b) => b.block_id === 'level')!.element!.options![0]!.value;
    const result = await ws.submitView(CONVENER, modal!.id, {
      name: { value: { type: 'plain_text_input', value: 'Metadata Practices (demo)' } },
      purpose: { value: { type: 'plain_text_input', value: 'A statement of purpose long enough to pass the form.' } },
      level: { value: { selected_option: levelOption } },
      leaders: { value: { type: 'multi_users_select', selected_users: [GUEST] } },
    });
    expect(result).toMatchObject({
      ok: false,
      error: 'validation',
      fieldErrors: { name: expect.stringContaining('There is already a group called "Metadata Practices (demo)"'), leaders: expect.any(String) },
    });
    expect(ws.modals(CONVENER).map((v) => v.id)).toEqual([modal!.id]); // still open, as in Slack

    await ws.closeView(CONVENER, modal!.id);
    expect(ws.modals(CONVENER)).toEqual([]);
  });

  it('moves the clock forward only; the scheduler\'s tick at that instant nudges once', async () => {
    const ws = running.workspace;
    const before = ws.now();
    await expect(ws.advanceClock(new Date(before.getTime() - 60_000))).rejects.toThrow('Time only moves forward');

    const upcoming = await planUpcoming(db.db.prisma, allRules(), ZONE, before, 200);
    const nudge = upcoming.find((i) => i.ruleId === 'reports.quarterly' && i.label.startsWith('Metadata Practices (demo)'));
    expect(nudge, 'a report nudge for the demo group within 200 days').toBeDefined();
    const dm = await ws.dmChannel(CONVENER);
    const nudges = () => ws.messages(CONVENER, dm).filter((m) => m.userId === ws.botUserId && text(m).includes('Metadata Practices (demo)'));
    expect(nudges()).toEqual([]);

    const changes: string[] = [];
    const off = ws.onChange((c) => changes.push(c.type));
    const to = new Date(nudge!.dueAt.getTime() + 60_000);
    const first = await ws.advanceClock(to);
    off();
    expect(first.now.getTime()).toBeGreaterThanOrEqual(to.getTime());
    expect(first.sent).toBeGreaterThanOrEqual(1);
    expect(changes).toContain('clock');
    expect(nudges()).toHaveLength(1);

    const again = await ws.advanceClock(new Date(to.getTime() + 120_000));
    expect(again.sent).toBe(0);
    expect(nudges()).toHaveLength(1);

    // Requests after the jump see the new instant: the message the app posts carries it.
    expect(Number(nudges()[0]!.ts.split('.')[0]) * 1000).toBeGreaterThanOrEqual(to.getTime() - 1000);
  });

  it('keeps messages, views, channels and the clock across a restart, without loading the demo twice', async () => {
    let ws = running.workspace;
    const home = await ws.home(ALA);
    expect(home?.type).toBe('home');
    const dm = await ws.dmChannel(CONVENER);
    const saved = { now: ws.now().getTime(), dm: ws.messages(CONVENER, dm), general: ws.messages(ALA, GENERAL), channels: ws.channels(STAFF), home: ws.publishedHome(ALA) };
    const groups = await db.db.prisma.group.count();

    await running.close();
    running = await start();
    ws = running.workspace;

    expect(ws.now().getTime()).toBeGreaterThanOrEqual(saved.now);
    expect(ws.now().getTime() - saved.now).toBeLessThan(60_000);
    expect(ws.messages(CONVENER, dm)).toEqual(saved.dm);
    expect(ws.messages(ALA, GENERAL)).toEqual(saved.general);
    expect(ws.channels(STAFF)).toEqual(saved.channels);
    expect(ws.publishedHome(ALA)).toEqual(saved.home);
    expect(await db.db.prisma.group.count()).toBe(groups);

    // And the app still answers in the restarted workspace.
    expect(await ws.command(STAFF, GENERAL, '/ig', 'help')).toEqual({ ok: true });
    await until(() => ws.messages(STAFF, GENERAL).some((m) => m.ephemeralFor === STAFF), 'the /ig help answer');
  });

  it('resets to the demo: app data wiped and re-seeded, the clock back to the real now', async () => {
    const ws = running.workspace;
    await ws.reset();
    expect(Math.abs(ws.now().getTime() - Date.now())).toBeLessThan(5000);
    expect(ws.messages(CONVENER, await ws.dmChannel(CONVENER))).toEqual([]);
    expect(ws.messages(STAFF, GENERAL)).toEqual([]);
    expect(await db.db.prisma.group.count({ where: { kind: 'CORE_IG' } })).toBeGreaterThanOrEqual(3);
    expect(await db.db.prisma.reminderDelivery.count()).toBe(0);
    expect(logger.errors()).toEqual([]);
  });
});

describe('local workspace walk-through on the demo data', () => {
  it('takes a Core petition from the form to ten signatures to the committee\'s approval and a new channel', async () => {
    const ws = running.workspace;
    const petitions = 'C0DEMOPETITIONS';
    expect(await ws.command(CONVENER, petitions, '/petition', 'ig')).toEqual({ ok: true });
    const [form] = await until(() => ws.modals(CONVENER).length > 0 && ws.modals(CONVENER), 'the petition form');
    const blocks = form!.view.blocks as Array<{ block_id: string; element?: { options?: Array<{ value: string }> } }>;
    const submitted = await ws.submitView(CONVENER, form!.id, {
      name: { value: { value: 'Walkthrough Wayfinding' } },
      purpose: { value: { value: 'For people who design signs and maps that help visitors find their way in libraries.' } },
      level: { value: { selected_option: blocks.find((b) => b.block_id === 'level')!.element!.options![0]!.value } },
      leaders: { value: { selected_users: [CONVENER] } },
    });
    expect(submitted).toEqual({ ok: true });
    // Close names in the directory: the app pushes a confirmation, as it would in Slack.
    const confirm = ws.modals(CONVENER).at(-1);
    if (confirm) expect(await ws.submitView(CONVENER, confirm.id, {})).toEqual({ ok: true });
    expect(ws.modals(CONVENER)).toEqual([]);

    const post = await until(() => ws.messages(ALA, petitions).find((m) => m.userId === ws.botUserId && text(m).includes('Walkthrough Wayfinding')), 'the petition post');
    const signers = ws.people().filter((p) => p.roles.includes('signer')).slice(0, 10);
    for (const s of signers) expect(await ws.action(s.id, { channel: petitions, ts: post.ts }, { actionId: 'petition.sign' })).toEqual({ ok: true });

    const request = await until(
      () => ws.messages('U0DEMOIGCC', 'C0DEMOSTAFF').find((m) => text(m).includes('Walkthrough Wayfinding') && JSON.stringify(m.blocks).includes('petition.approve')),
      'the approval request in the staff channel',
      20_000,
    );
    expect(await ws.action('U0DEMOIGCC', { channel: 'C0DEMOSTAFF', ts: request.ts }, { actionId: 'petition.approve' })).toEqual({ ok: true });
    const channel = await until(
      () => ws.channels(CONVENER).find((c) => c.name === 'walkthrough-wayfinding' && c.memberIds.includes(CONVENER)),
      'the new group channel, with its convener invited',
      20_000,
    );
    const group = await db.db.prisma.group.findFirstOrThrow({ where: { name: 'Walkthrough Wayfinding' } });
    expect(group.channelId).toBe(channel.id);
  }, 60_000);

  it('jumps to January 15 and lets the convener of several groups claim an IG Week slot for one of them', async () => {
    const ws = running.workspace;
    const now = ws.now();
    let opens = zonedInstant(`${now.getUTCFullYear()}-01-15`, '10:05', ZONE);
    if (opens <= now) opens = zonedInstant(`${now.getUTCFullYear() + 1}-01-15`, '10:05', ZONE);
    await ws.advanceClock(opens);
    const conveners = 'C0DEMOCONVENERS';
    await until(() => ws.messages(CONVENER, conveners).some((m) => m.userId === ws.botUserId && /IG Week/i.test(text(m))), 'the slot selection announcement in #demo-conveners');

    expect(await ws.command(CONVENER, GENERAL, '/igweek', '')).toEqual({ ok: true });
    const hasButton = (m: WsMessage, prefix: string) => JSON.stringify(m.blocks ?? []).includes(`"action_id":"${prefix}`);
    const schedule = await until(() => ws.messages(CONVENER, GENERAL).find((m) => m.ephemeralFor === CONVENER && hasButton(m, 'igweek.claim')), 'the schedule with Claim buttons');
    const claim = (schedule.blocks as Array<{ accessory?: { action_id?: string }; elements?: Array<{ action_id?: string }> }>)
      .flatMap((b) => [b.accessory, ...(b.elements ?? [])])
      .find((el) => el?.action_id === 'igweek.claim')!;
    expect(claim).toBeDefined();
    const before = ws.messages(CONVENER, GENERAL).length;
    expect(await ws.action(CONVENER, { channel: GENERAL, ts: schedule.ts }, { actionId: 'igweek.claim', value: (claim as { value?: string }).value })).toEqual({ ok: true });
    // Three groups: the app asks which one, then claims for it.
    const picker = await until(() => ws.messages(CONVENER, GENERAL).find((m) => m.ephemeralFor === CONVENER && hasButton(m, 'igweek.claim-for')), 'the group picker');
    const pick = JSON.stringify(picker.blocks).match(/"action_id":"(igweek\.claim-for[^"]*)"/)![1]!;
    expect(await ws.action(CONVENER, { channel: GENERAL, ts: picker.ts }, { actionId: pick })).toEqual({ ok: true });
    await until(() => ws.messages(CONVENER, GENERAL).slice(before).some((m) => /\(demo\)\* has the/.test(text(m))), 'the claim confirmation');
    expect(await db.db.prisma.igWeekSession.count()).toBe(1);
  }, 60_000);
});
