// Local workspace mode (issue #9): Convene without Slack. One HTTP server on 127.0.0.1:PORT
// serves the emulated Web API (`/api/<method>`, `/response/<id>`) and the browser client
// (src/workspace/web); the real Bolt app runs in HTTP mode on another loopback port, with a
// generated signing secret and bot token, its Web API at the emulator. Everything a person does
// in the page goes to the app as Slack sends it (signed requests through the driver, with
// trigger_ids and response_urls); the workspace clock is the app's Clock and the reminders'.
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Logger } from '@slack/bolt';
import { buildApp, type ConveneApp } from '../app.js';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { type Scheduler, startReminders } from '../features/reminders/scheduler.js';
import type { Ops } from '../ops/ops.js';
import { type AckResponse, findElement, SlackDriver, type ViewValues } from '../slack-emulator/driver.js';
import { type EmulatorState, type FakeMessage, type FakeView, SlackEmulator } from '../slack-emulator/emulator.js';
import { BOT_EVENTS, SLASH_COMMANDS } from '../surface.js';
import { WorkspaceClock } from './clock.js';
import { DEMO_PEOPLE, GENERAL_CHANNEL, loadDemo } from './demo.js';
import { hasAppData, isDemoDatabase, wipeAppData } from './store.js';
import type { DemoPerson, Workspace, WsChange, WsChannel, WsError, WsMessage, WsView } from './types.js';
import { mountWeb } from './web/server.js';

export const STATE_FILE = 'workspace.json';
const SAVE_DELAY_MS = 200;
/** How long the app may stay quiet (no Web API call) before idle() calls its work done. */
const QUIET_MS = 400;

/** The browser client's routes: returns false for paths it does not serve. */
export type WebMount = (workspace: Workspace) => (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

interface SavedWorkspace {
  version: 1;
  demo: true;
  savedAt: string;
  clockOffsetMs: number;
  emulator: EmulatorState;
}

export class LocalWorkspaceError extends Error {
  override name = 'LocalWorkspaceError';
}

type ActionInput = Parameters<Workspace['action']>[2];

/** What Slack's client sends for each element: the field that carries the choice. */
const SELECTED_FIELD: Record<string, string> = {
  static_select: 'selected_option',
  external_select: 'selected_option',
  radio_buttons: 'selected_option',
  overflow: 'selected_option',
  multi_static_select: 'selected_options',
  multi_external_select: 'selected_options',
  checkboxes: 'selected_options',
  users_select: 'selected_user',
  multi_users_select: 'selected_users',
  conversations_select: 'selected_conversation',
  multi_conversations_select: 'selected_conversations',
  channels_select: 'selected_channel',
  multi_channels_select: 'selected_channels',
  datepicker: 'selected_date',
  timepicker: 'selected_time',
  datetimepicker: 'selected_date_time',
  plain_text_input: 'value',
  email_text_input: 'value',
  url_text_input: 'value',
  number_input: 'value',
  rich_text_input: 'rich_text_value',
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function optionsOf(element: Obj): Obj[] {
  const direct = Array.isArray(element.options) ? (element.options as Obj[]) : [];
  const grouped = Array.isArray(element.option_groups) ? (element.option_groups as Obj[]).flatMap((g) => (Array.isArray(g.options) ? (g.options as Obj[]) : [])) : [];
  return [...direct, ...grouped];
}

/** A choice given by value ("ig") becomes the option object Slack sends ({ text, value }). */
function asOption(element: Obj, choice: unknown): unknown {
  if (typeof choice !== 'string') return choice;
  return optionsOf(element).find((o) => o.value === choice) ?? { value: choice, text: { type: 'plain_text', text: choice } };
}

/** The element's state value (`{ type, selected_…|value }`) from what the page sends. */
function stateValue(element: Obj, given: unknown): Obj {
  const type = String(element.type ?? 'plain_text_input');
  const field = SELECTED_FIELD[type] ?? 'value';
  if (isObj(given) && (field in given || 'type' in given)) {
    const value: Obj = { type, ...given };
    if (field === 'selected_option') value[field] = asOption(element, value[field]);
    if (field === 'selected_options' && Array.isArray(value[field])) value[field] = (value[field] as unknown[]).map((c) => asOption(element, c));
    return value;
  }
  if (field === 'selected_option') return { type, selected_option: given === undefined || given === null || given === '' ? null : asOption(element, given) };
  if (field === 'selected_options') return { type, selected_options: (Array.isArray(given) ? given : given === undefined ? [] : [given]).map((c) => asOption(element, c)) };
  if (field.endsWith('s') && field !== 'selected_options' && !Array.isArray(given)) return { type, [field]: given === undefined || given === '' ? [] : [given] };
  return { type, [field]: given ?? null };
}

function isEmpty(value: Obj): boolean {
  const v = Object.entries(value).find(([k]) => k !== 'type')?.[1];
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

function blocksOf(surface: FakeMessage | FakeView): Obj[] {
  const blocks = 'view' in surface ? surface.view.blocks : surface.blocks;
  return Array.isArray(blocks) ? (blocks as Obj[]) : [];
}

const newEventId = () => `Ev${randomBytes(5).toString('hex').toUpperCase()}`;

export class LocalWorkspace implements Workspace {
  private readonly events = new EventEmitter().setMaxListeners(0);
  private saveTimer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();
  private saves = 0;
  private closed = false;

  constructor(
    private readonly deps: {
      emulator: SlackEmulator;
      driver: SlackDriver;
      clock: WorkspaceClock;
      db: Database;
      reminders: Scheduler;
      dataDir: string;
      orgTimezone: string;
      logger: Pick<Logger, 'error'>;
    },
  ) {
    deps.emulator.onChange((c) => {
      this.events.emit('change', c);
      this.scheduleSave();
    });
  }

  get botUserId(): string {
    return this.deps.emulator.botUserId;
  }

  /** The emulated Slack (the browser client reads names and channels from it). */
  get emulator(): SlackEmulator {
    return this.deps.emulator;
  }

  people(): DemoPerson[] {
    return DEMO_PEOPLE.map((p) => ({ ...p, roles: [...p.roles] }));
  }

  channels(viewer: string): WsChannel[] {
    const emu = this.deps.emulator;
    const list: WsChannel[] = emu
      .allChannels()
      .filter((c) => !c.is_private || c.members.includes(viewer))
      .sort((a, b) => (a.id === GENERAL_CHANNEL ? -1 : b.id === GENERAL_CHANNEL ? 1 : a.name.localeCompare(b.name)))
      .map((c) => ({ id: c.id, name: c.name, isDm: false, isPrivate: c.is_private, isArchived: c.is_archived, memberIds: [...c.members] }));
    if (emu.user(viewer)) list.push({ id: emu.dmChannelOf(viewer), name: emu.user(this.botUserId)?.name ?? 'convene', isDm: true, isPrivate: true, isArchived: false, memberIds: [viewer, this.botUserId] });
    return list;
  }

  async dmChannel(viewer: string): Promise<string> {
    return this.deps.emulator.dmChannelOf(viewer);
  }

  messages(viewer: string, channel: string, threadTs?: string): WsMessage[] {
    const emu = this.deps.emulator;
    return emu.conversation(channel, viewer, threadTs).map((m) => this.toWsMessage(m));
  }

  private toWsMessage(m: FakeMessage): WsMessage {
    return {
      channel: m.channel,
      ts: m.ts,
      userId: m.user ?? this.botUserId,
      text: m.text,
      blocks: m.blocks,
      threadTs: m.thread_ts,
      replyCount: this.deps.emulator.replyCount(m.channel, m.ts),
      ephemeralFor: m.ephemeralUser,
      edited: m.edited,
    };
  }

  async home(viewer: string): Promise<WsView | undefined> {
    const emu = this.deps.emulator;
    if (!emu.user(viewer)) return undefined;
    const before = new Set(emu.calls);
    const published = emu
      .waitFor('views.publish', (c) => !before.has(c) && c.args.user_id === viewer, 5000)
      .catch(() => undefined);
    const current = emu.homeView(viewer);
    const res = await this.deps.driver.event(
      { type: 'app_home_opened', user: viewer, channel: emu.dmChannelOf(viewer), tab: 'home', ...(current ? { view: { id: current.id, type: 'home', ...current.view } } : {}) },
      { eventId: newEventId() },
    );
    if (res.status === 200) await published;
    return this.publishedHome(viewer);
  }

  publishedHome(viewer: string): WsView | undefined {
    const view = this.deps.emulator.homeView(viewer);
    return view ? { id: view.id, type: 'home', view: view.view, userId: viewer, stackIndex: 0 } : undefined;
  }

  modals(viewer: string): WsView[] {
    return this.deps.emulator.modalStack(viewer).map((v, stackIndex) => ({ id: v.id, type: 'modal', view: v.view, userId: viewer, stackIndex }));
  }

  now(): Date {
    return this.deps.clock.now();
  }

  async postMessage(viewer: string, channel: string, text: string, threadTs?: string): Promise<WsMessage | WsError> {
    const emu = this.deps.emulator;
    let msg: FakeMessage;
    try {
      msg = emu.postAsUser(viewer, channel, text, threadTs);
    } catch (error) {
      return slackFailure(error);
    }
    // Slack sends message events only for the event types the app subscribes to (the manifest's).
    const isDm = channel.startsWith('D');
    const subscribed: readonly string[] = BOT_EVENTS;
    if (subscribed.includes(isDm ? 'message.im' : emu.channel(channel)?.is_private ? 'message.groups' : 'message.channels')) {
      await this.deps.driver.event(
        { type: 'message', channel, user: viewer, text, ts: msg.ts, ...(threadTs ? { thread_ts: threadTs } : {}), channel_type: isDm ? 'im' : 'channel' },
        { eventId: newEventId() },
      );
    }
    return this.toWsMessage(msg);
  }

  async command(viewer: string, channel: string, command: string, text: string): Promise<{ ok: true } | WsError> {
    const emu = this.deps.emulator;
    if (!SLASH_COMMANDS.some((c) => c.command === command)) return { ok: false, error: 'unknown_command' };
    if (!this.canSee(viewer, channel)) return { ok: false, error: 'channel_not_found' };
    const responseUrl = emu.responseUrl({ userId: viewer, channel });
    const res = await this.deps.driver.command(viewer, command, text, { channelId: channel, responseUrl });
    if (res.status !== 200) return ackFailure(res);
    // A command's ack can carry the answer itself: Slack shows it like a response_url answer.
    if (isObj(res.body) && (res.body.text !== undefined || res.body.blocks !== undefined)) emu.deliverResponse(responseUrl, res.body);
    return { ok: true };
  }

  async action(viewer: string, where: { channel: string; ts: string } | { viewId: string }, action: ActionInput): Promise<{ ok: true } | WsError> {
    const emu = this.deps.emulator;
    const surface = 'viewId' in where ? emu.view(where.viewId) : emu.message(where.channel, where.ts);
    if (!surface || ('view' in surface ? surface.userId !== viewer : surface.deleted || (surface.ephemeralUser !== undefined && surface.ephemeralUser !== viewer) || !this.canSee(viewer, surface.channel))) {
      return { ok: false, error: 'not_found' };
    }
    const found = findElement(blocksOf(surface), action.actionId);
    if (!found) return { ok: false, error: 'action_not_found' };
    const element = found.element;
    const type = String(element.type ?? 'button');
    const input: Record<string, unknown> = { action_id: action.actionId, block_id: action.blockId ?? found.blockId, type };
    if (type === 'button') {
      input.text = element.text;
      const value = action.value ?? element.value;
      if (value !== undefined) input.value = value;
    } else {
      Object.assign(input, stateValue(element, action.selected ?? action.value), { type });
    }
    const res =
      'view' in surface
        ? await this.deps.driver.blockAction(viewer, input as never, {
            view: { id: surface.id, callback_id: String(surface.view.callback_id ?? ''), type: surface.type },
          })
        : await this.deps.driver.blockAction(viewer, input as never, { channelId: surface.channel, messageTs: surface.ts });
    return res.status === 200 ? { ok: true } : ackFailure(res);
  }

  async submitView(viewer: string, viewId: string, values: Record<string, Record<string, unknown>>): Promise<{ ok: true } | WsError> {
    const emu = this.deps.emulator;
    const view = emu.modalStack(viewer).find((v) => v.id === viewId);
    if (!view) return { ok: false, error: 'view_not_found' };
    // What Slack's client does before sending anything: fill in each input's state, and refuse
    // an empty required field or a text outside its min/max length on the field itself.
    const state: ViewValues = {};
    const fieldErrors: Record<string, string> = {};
    for (const block of blocksOf(view)) {
      if (block.type !== 'input' || !isObj(block.element)) continue;
      const blockId = String(block.block_id ?? '');
      const element = block.element;
      const actionId = String(element.action_id ?? '');
      const value = stateValue(element, values[blockId]?.[actionId]);
      (state[blockId] ??= {})[actionId] = value;
      const text = typeof value.value === 'string' ? value.value : undefined;
      if (block.optional !== true && isEmpty(value)) fieldErrors[blockId] = 'Please complete this required field.';
      else if (text !== undefined && text !== '' && typeof element.min_length === 'number' && text.length < element.min_length) fieldErrors[blockId] = `Please enter at least ${element.min_length} characters.`;
      else if (text !== undefined && typeof element.max_length === 'number' && text.length > element.max_length) fieldErrors[blockId] = `Please enter no more than ${element.max_length} characters.`;
    }
    if (Object.keys(fieldErrors).length > 0) return { ok: false, error: 'required_fields', fieldErrors };
    const res = await this.deps.driver.viewSubmission(viewer, {
      id: view.id,
      callback_id: String(view.view.callback_id ?? ''),
      private_metadata: typeof view.view.private_metadata === 'string' ? view.view.private_metadata : '',
      values: state,
    });
    if (res.status !== 200) return ackFailure(res);
    const outcome = res.outcome;
    if (outcome?.kind === 'errors') return { ok: false, error: 'validation', fieldErrors: outcome.errors };
    if (outcome?.kind === 'invalid') return { ok: false, error: 'invalid_arguments', fieldErrors: {} };
    return { ok: true };
  }

  async closeView(viewer: string, viewId: string): Promise<void> {
    const emu = this.deps.emulator;
    const view = emu.modalStack(viewer).find((v) => v.id === viewId);
    if (!view) return;
    if (view.view.notify_on_close === true) {
      await this.deps.driver.viewClosed(viewer, { id: view.id, callback_id: String(view.view.callback_id ?? '') });
    } else emu.closeModal(viewer, viewId);
  }

  async advanceClock(to: Date): Promise<{ now: Date; sent: number }> {
    const now = this.deps.clock.advanceTo(to);
    this.events.emit('change', { type: 'clock', now: now.toISOString() } satisfies WsChange);
    this.scheduleSave();
    // The scheduler's own tick, at the new instant. A tick already running (from cron, at the
    // earlier instant) is awaited first, then one runs at `to`.
    const first = await this.deps.reminders.runOnce();
    const second = await this.deps.reminders.runOnce();
    return { now: this.deps.clock.now(), sent: (first?.sent ?? 0) + (second?.sent ?? 0) };
  }

  async reset(): Promise<void> {
    const { prisma } = this.deps.db;
    if (!(await isDemoDatabase(prisma)) && (await hasAppData(prisma))) {
      throw new LocalWorkspaceError('This database holds data that is not the demo workspace\'s; "Reset workspace" only wipes demo data.');
    }
    await this.deps.reminders.runOnce(); // let a running tick finish before its tables go
    await wipeAppData(prisma);
    this.deps.emulator.clearWorkspace();
    this.deps.clock.reset();
    await this.seed();
    await this.save();
    this.events.emit('change', { type: 'reset' } satisfies WsChange);
  }

  onChange(listener: (c: WsChange) => void): () => void {
    this.events.on('change', listener);
    return () => this.events.off('change', listener);
  }

  commands(): { command: string; usageHint: string; description: string }[] {
    return SLASH_COMMANDS.map((c) => ({ command: c.command, usageHint: c.usage_hint, description: c.description }));
  }

  /**
   * Resolves once the app has made no Web API or response_url call for a moment (its work
   * after an ack is done, as far as anyone can see), or after `maxMs`.
   */
  idle(quietMs = QUIET_MS, maxMs = 5000): Promise<void> {
    return new Promise((resolve) => {
      let timer = setTimeout(finish, quietMs);
      const cap = setTimeout(finish, maxMs);
      const off = this.deps.emulator.onCall(() => {
        clearTimeout(timer);
        timer = setTimeout(finish, quietMs);
      });
      function finish() {
        clearTimeout(timer);
        clearTimeout(cap);
        off();
        resolve();
      }
    });
  }

  /** Loads the demo (first start, reset). */
  async seed(): Promise<void> {
    await loadDemo({ prisma: this.deps.db.prisma, emulator: this.deps.emulator, clock: this.deps.clock.now, orgTimezone: this.deps.orgTimezone });
  }

  private canSee(viewer: string, channel: string): boolean {
    const emu = this.deps.emulator;
    if (channel.startsWith('D')) return emu.dmUserOf(channel) === viewer;
    const ch = emu.channel(channel);
    return ch !== undefined && (!ch.is_private || ch.members.includes(viewer));
  }

  // -- persistence --------------------------------------------------------------------------

  private scheduleSave(): void {
    if (this.closed || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.save();
    }, SAVE_DELAY_MS);
  }

  /** Writes workspace.json now (atomically: a temporary file renamed over it); a failure is logged. */
  save(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (this.closed) return this.saving;
    const state: SavedWorkspace = {
      version: 1,
      demo: true,
      savedAt: new Date().toISOString(),
      clockOffsetMs: this.deps.clock.offset,
      emulator: this.deps.emulator.snapshot(),
    };
    const file = join(this.deps.dataDir, STATE_FILE);
    const tmp = `${file}.${process.pid}.${++this.saves}.tmp`;
    this.saving = this.saving
      .then(async () => {
        await mkdir(this.deps.dataDir, { recursive: true });
        await writeFile(tmp, JSON.stringify(state));
        await rename(tmp, file);
      })
      .catch((error: unknown) => this.deps.logger.error(`local workspace: could not save ${file}`, error));
    return this.saving;
  }

  /** Saves what is pending and stops saving. */
  async flush(): Promise<void> {
    await this.save();
    this.closed = true;
    await this.saving;
  }
}

function slackFailure(error: unknown): WsError {
  const code = (error as { error?: unknown }).error;
  if (typeof code === 'string') return { ok: false, error: code };
  throw error;
}

function ackFailure(res: AckResponse): WsError {
  return { ok: false, error: res.status === 404 ? 'dispatch_failed' : `http_${res.status}` };
}

async function loadSaved(dataDir: string): Promise<SavedWorkspace | undefined> {
  const file = join(dataDir, STATE_FILE);
  if (!existsSync(file)) return undefined;
  const saved = JSON.parse(await readFile(file, 'utf8')) as SavedWorkspace;
  if (saved.version !== 1) throw new LocalWorkspaceError(`${file} was written by another version of Convene; move it away to start a fresh workspace.`);
  return saved;
}

export interface StartOptions {
  config: Config;
  db: Database;
  /** The browser client; default: src/workspace/web/server.ts. */
  web?: WebMount;
  logger?: Logger;
  /** Logs, metrics, readiness (main.ts's); made by the app when not given. */
  ops?: Ops;
}

export interface RunningWorkspace {
  workspace: LocalWorkspace;
  /** http://localhost:PORT/ */
  url: string;
  port: number;
  convene: ConveneApp;
  reminders: Scheduler;
  /** Stops the app and the server and saves the workspace (the reminders are the caller's to stop). */
  stopServing(): Promise<void>;
  /** Stops the reminders, then everything stopServing() stops. */
  close(): Promise<void>;
}

const OPS_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** Passes a GET on to the app's own HTTP server (its answer, status and headers as they are). */
function toApp(appPort: number, req: IncomingMessage, res: ServerResponse): void {
  const upstream = request({ host: '127.0.0.1', port: appPort, path: req.url, method: req.method, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', (error) => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`Convene's app server did not answer: ${error.message}\n`);
  });
  req.pipe(upstream);
}

/** Starts Convene in a local workspace: the emulator and the page on 127.0.0.1:PORT, the app behind them. */
export async function startLocalWorkspace({ config, db, web = mountWeb, logger, ops }: StartOptions): Promise<RunningWorkspace> {
  const dataDir = config.dataDir.startsWith('memory://') ? join(process.cwd(), 'data') : config.dataDir;
  const saved = await loadSaved(dataDir);
  if (!saved && (await hasAppData(db.prisma)) && !(await isDemoDatabase(db.prisma))) {
    throw new LocalWorkspaceError(
      `the database already holds Convene data from Slack, so the local workspace won't load its demo into it. Set DATA_DIR to another folder (or add the Slack tokens to run against Slack).`,
    );
  }
  const clock = new WorkspaceClock(saved?.clockOffsetMs ?? 0);
  const emulator = SlackEmulator.create({ now: () => clock.nowMs(), teamId: 'T0LOCAL', maxRecordedCalls: 500 });
  if (saved) emulator.restore(saved.emulator);

  let mounted: ((req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>) | undefined;
  const api = emulator.requestHandler();
  let appPort: number | undefined; // once the app listens
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path.startsWith('/api/') || path.startsWith('/response/')) return api(req, res);
    // The app's own operations endpoints, on the one port the person running it knows.
    if (OPS_PATHS.has(path) && appPort !== undefined) return toApp(appPort, req, res);
    Promise.resolve(mounted ? mounted(req, res) : false)
      .then((handled) => {
        if (!handled && !res.headersSent) res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
      })
      .catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(String(error instanceof Error ? error.message : error));
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  emulator.setOrigin(`http://127.0.0.1:${port}`);

  const signingSecret = randomBytes(24).toString('hex');
  const appConfig: Config = {
    ...config,
    slack: { botToken: `xoxb-local-${randomBytes(12).toString('hex')}`, signingSecret, apiUrl: emulator.url },
    port: 0,
  };
  const convene = buildApp({ config: appConfig, db, mode: 'http', clock: clock.now, host: '127.0.0.1', ...(logger ? { logger } : {}), ...(ops ? { ops } : {}) });
  let reminders: Scheduler | undefined;
  try {
    appPort = await convene.start();
    reminders = startReminders({ prisma: db.prisma, config: appConfig, logger: convene.app.logger, clock: clock.now, ...(ops ? { onTick: ops.recordTick, background: ops.work.background } : {}) });
  } catch (error) {
    await convene.stop().catch(() => undefined);
    server.close();
    throw error;
  }
  const driver = new SlackDriver({ baseUrl: `http://127.0.0.1:${appPort}`, signingSecret, fake: emulator, defaultChannelId: GENERAL_CHANNEL, followAcks: true });
  const workspace = new LocalWorkspace({ emulator, driver, clock, db, reminders, dataDir, orgTimezone: config.orgTimezone, logger: convene.app.logger });
  if (!saved) {
    await workspace.seed();
    await workspace.save();
  }
  mounted = web(workspace);

  const engine = reminders;
  const stopServing = async () => {
    await convene.stop().catch(() => undefined);
    await workspace.flush();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections(); // the page's event streams stay open otherwise
    });
  };
  return {
    workspace,
    url: `http://localhost:${port}/`,
    port,
    convene,
    reminders,
    stopServing,
    async close() {
      await engine.stop().catch(() => undefined);
      await stopServing();
    },
  };
}
