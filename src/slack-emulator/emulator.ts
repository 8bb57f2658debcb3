/**
 * The emulation of Slack's Web API, used by the test suite and by the local workspace
 * (src/workspace): a real HTTP server on 127.0.0.1 that a real
 * `@slack/web-api` WebClient (and so a real Bolt App) talks to via `slackApiUrl`.
 * It keeps a small workspace (users, channels, messages, views, trigger ids),
 * answers like Slack (`{ ok: true, ... }` / `{ ok: false, error }`), enforces the
 * Block Kit limits Slack enforces, and records every call for assertions.
 *
 * It also catches response_url POSTs (`${origin}/response/<id>`), recorded with
 * method `response_url`, so Bolt's `respond()` is observable too. A response_url issued
 * with its context (who, where, which message) acts as Slack's does: an ephemeral
 * message for that person, an in_channel message, or the original replaced/deleted.
 *
 * For the local workspace it also keeps who wrote each message, each person's modal
 * stack, emits a change event for everything a client would redraw, and can be
 * serialized and restored (`snapshot()` / `restore()`).
 */
import { createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LIMITS, validateMessageBlocks, validateView } from './block-kit.js';

// Captured at import so waitFor keeps working when a test installs fake timers.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  token?: string;
  /** ms, from the `now` clock */
  at: number;
  /** what the fake answered (the JSON body) */
  response?: Record<string, unknown>;
  /** for `response_url` calls: the URL that was posted to */
  url?: string;
}

export interface FakeUser {
  id: string;
  email?: string;
  name?: string;
  /** full name; defaults to `name` */
  real_name?: string;
  title?: string;
  tz?: string;
  is_bot?: boolean;
}

export interface FakeChannel {
  id: string;
  name: string;
  is_archived: boolean;
  is_private: boolean;
  members: string[];
  created: number;
  creator?: string;
}

export interface FakeMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  thread_ts?: string;
  /** set for chat.postEphemeral messages (and ephemeral response_url answers) */
  ephemeralUser?: string;
  deleted?: boolean;
  at: number;
  /** who wrote it: the bot user for the app's messages */
  user?: string;
  /** posted through a response_url rather than chat.* (not in messagesIn) */
  viaResponseUrl?: boolean;
  edited?: boolean;
}

/** Where a response_url answers: the person, the conversation, the message it came from. */
export interface ResponseContext {
  userId: string;
  channel: string;
  messageTs?: string;
}

/** What a client of the workspace redraws. */
export type EmulatorChange =
  | { type: 'message'; channel: string; ts: string }
  | { type: 'message_changed'; channel: string; ts: string }
  | { type: 'message_deleted'; channel: string; ts: string }
  | { type: 'views'; userId: string }
  | { type: 'channels' };

/** Everything the emulated workspace holds, as JSON (trigger ids and recorded calls excluded). */
export interface EmulatorState {
  version: 1;
  seq: number;
  users: FakeUser[];
  channels: FakeChannel[];
  messages: FakeMessage[];
  views: FakeView[];
  stacks: Record<string, string[]>;
  responseUrls: Record<string, ResponseContext>;
}

/** How Slack answers a view_submission ack: what happened to the modal stack. */
export type ViewAckOutcome =
  | { kind: 'closed' }
  | { kind: 'updated'; view: FakeView }
  | { kind: 'pushed'; view: FakeView }
  | { kind: 'cleared' }
  | { kind: 'errors'; errors: Record<string, string> }
  | { kind: 'invalid'; messages: string[] };

export interface FakeView {
  id: string;
  type: 'modal' | 'home';
  /** the view payload as the app sent it */
  view: Record<string, unknown>;
  hash: string;
  userId?: string;
  rootViewId: string;
  previousViewId: string | null;
  at: number;
}

interface Failure {
  error: string;
  remaining: number;
  status: number;
  retryAfter?: number;
  /** Drop the connection without an answer (a network error for the caller). */
  network?: boolean;
}

type Args = Record<string, unknown>;
type Json = Record<string, unknown>;
type Handler = (args: Args) => Json;

/** Slack's error shape; thrown inside handlers, turned into `{ ok: false, ... }`. */
class SlackApiError extends Error {
  constructor(
    readonly error: string,
    readonly extra: Json = {},
  ) {
    super(error);
  }
}
const fail = (error: string, extra?: Json): never => {
  throw new SlackApiError(error, extra);
};

export interface EmulatorOptions {
  /** milliseconds clock (like Date.now) for trigger expiry, ts and `at` */
  now?: () => number;
  teamId?: string;
  botUserId?: string;
  botId?: string;
  maxRecordedCalls?: number;
}

const TRIGGER_TTL_MS = 3000;
/** Slack keeps at most three views in a modal stack. */
const MAX_STACK = 3;
/** A long-running workspace forgets the oldest trigger ids and response_urls past these (Slack's expire in 3 s and 30 min). */
const MAX_TRIGGERS = 5000;
const MAX_RESPONSE_URLS = 1000;
// WebClient form-encodes nested values as JSON strings; these are the args Slack decodes.
// (private_metadata, value, text... stay strings: they are often JSON themselves.)
const JSON_ARGS = new Set(['blocks', 'attachments', 'view', 'metadata', 'unfurls', 'user_auth_blocks']);
const CHANNEL_NAME = /^[a-z0-9_-]+$/;
const DM_PREFIX = 'D';

export class SlackEmulator {
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly appId = 'A0FAKEAPP';
  calls: RecordedCall[] = [];
  /**
   * What `apps.connections.open` (Socket Mode: called with the app-level `xapp-` token)
   * answers as `url`: point it at a test WebSocket server. Unset: no `url` in the answer.
   */
  socketModeUrl: string | undefined;

  private readonly now: () => number;
  private server: Server | undefined;
  private baseOrigin = 'http://127.0.0.1:0';
  private seq = 0;
  private readonly users = new Map<string, FakeUser>();
  private readonly channels = new Map<string, FakeChannel>();
  private readonly messages = new Map<string, FakeMessage>(); // key `${channel}/${ts}`
  private readonly views = new Map<string, FakeView>();
  private readonly triggers = new Map<string, { issuedAt: number; userId?: string; used: boolean }>();
  private readonly failures = new Map<string, Failure[]>();
  private readonly waiters = new Set<{ match: (c: RecordedCall) => boolean; done: (c: RecordedCall) => void }>();
  private readonly stacks = new Map<string, string[]>(); // user -> open modal view ids, bottom first
  private readonly responseContexts = new Map<string, ResponseContext>(); // response_url -> context
  private readonly emitter = new EventEmitter().setMaxListeners(0); // one listener per open page

  /** Keep only the last N recorded calls (a long-running workspace); unset: all of them. */
  private readonly maxRecordedCalls: number | undefined;

  private constructor(opts: EmulatorOptions) {
    this.now = opts.now ?? Date.now;
    this.maxRecordedCalls = opts.maxRecordedCalls;
    this.teamId = opts.teamId ?? 'T0FAKE';
    this.botUserId = opts.botUserId ?? 'U0BOT';
    this.botId = opts.botId ?? 'B0BOT';
  }

  /**
   * An emulator on its own server on a free loopback port (what the tests use).
   * `now` is a milliseconds clock (like Date.now) used for trigger expiry, ts and `at`.
   */
  static async start(opts: EmulatorOptions = {}): Promise<SlackEmulator> {
    const fake = SlackEmulator.create(opts);
    const server = createServer(fake.requestHandler());
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    fake.server = server;
    fake.setOrigin(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return fake;
  }

  /** An emulator without a server: mount `requestHandler()` on one, then `setOrigin()`. */
  static create(opts: EmulatorOptions = {}): SlackEmulator {
    const fake = new SlackEmulator(opts);
    fake.users.set(fake.botUserId, { id: fake.botUserId, name: 'convene', is_bot: true });
    return fake;
  }

  /** Serves `/api/<method>` and `/response/<id>` (anything else: 404). */
  requestHandler(): (req: IncomingMessage, res: ServerResponse) => void {
    return (req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(err instanceof Error ? err.stack : err));
      });
    };
  }

  /** The origin clients reach this emulator at (response_urls and permalinks are built on it). */
  setOrigin(origin: string): void {
    this.baseOrigin = origin.replace(/\/$/, '');
  }

  /** e.g. http://127.0.0.1:PORT */
  get origin(): string {
    return this.baseOrigin;
  }

  /** Web API base, for WebClient `slackApiUrl` (WebClient appends the method name directly, so keep the slash). */
  get url(): string {
    return `${this.origin}/api/`;
  }

  /**
   * A fresh response_url; POSTs to it are recorded as method `response_url`. With a context
   * they also show up as Slack shows them (ephemeral for that person, in_channel, or
   * replacing/deleting the original message).
   */
  responseUrl(context?: ResponseContext): string {
    const url = `${this.origin}/response/${++this.seq}-${randomBytes(4).toString('hex')}`;
    if (context) {
      this.responseContexts.set(url, { ...context });
      dropOldest(this.responseContexts, MAX_RESPONSE_URLS);
    }
    return url;
  }

  /** Listens to what changes (messages, views, channels); returns the unsubscribe. */
  onChange(listener: (change: EmulatorChange) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  private emit(change: EmulatorChange): void {
    this.emitter.emit('change', change);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves with the first call (already recorded or future) to `method` matching `predicate`. */
  waitFor(method: string, predicate: (c: RecordedCall) => boolean = () => true, timeoutMs = 3000): Promise<RecordedCall> {
    const match = (c: RecordedCall) => c.method === method && predicate(c);
    const found = this.calls.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter = {
        match,
        done: (c: RecordedCall) => {
          realClearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(c);
        },
      };
      const timer = realSetTimeout(() => {
        this.waiters.delete(waiter);
        const seen = this.calls.map((c) => c.method).join(', ') || '(none)';
        reject(new Error(`FakeSlack.waitFor('${method}') timed out after ${timeoutMs} ms; calls so far: ${seen}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Clears recorded calls and pending failures; workspace state stays. */
  reset(): void {
    this.calls = [];
    this.failures.clear();
  }

  // ---------------------------------------------------------------------------
  // Workspace state
  // ---------------------------------------------------------------------------

  addUser(u: FakeUser): void {
    this.users.set(u.id, { ...u });
  }

  user(id: string): FakeUser | undefined {
    const u = this.users.get(id);
    return u ? { ...u } : undefined;
  }

  allUsers(): FakeUser[] {
    return [...this.users.values()].map((u) => ({ ...u }));
  }

  allChannels(): FakeChannel[] {
    return [...this.channels.values()];
  }

  /** A person's direct message with the app (Slack's D… id), whether or not anything was posted yet. */
  dmChannelOf(userId: string): string {
    if (!this.users.has(userId)) fail('user_not_found');
    return this.dmId(userId);
  }

  /** The person a DM id belongs to. */
  dmUserOf(dmId: string): string | undefined {
    return this.dmUser(dmId)?.id;
  }

  addChannel(c: { id: string; name: string; is_archived?: boolean; is_private?: boolean; members?: string[] }): void {
    this.channels.set(c.id, {
      id: c.id,
      name: c.name,
      is_archived: c.is_archived ?? false,
      is_private: c.is_private ?? false,
      members: [...(c.members ?? [])],
      created: Math.floor(this.now() / 1000),
    });
    this.emit({ type: 'channels' });
  }

  channel(id: string): FakeChannel | undefined {
    return this.channels.get(id);
  }

  channelByName(name: string): FakeChannel | undefined {
    return [...this.channels.values()].find((c) => c.name === name);
  }

  channelMembers(id: string): string[] {
    return [...(this.channels.get(id)?.members ?? [])];
  }

  /**
   * Messages posted through chat.* (oldest first), optionally only in one channel. Deleted
   * ones and response_url answers excluded (those are in the `response_url` calls).
   */
  messagesIn(channel?: string): FakeMessage[] {
    return [...this.messages.values()].filter((m) => !m.deleted && !m.viaResponseUrl && (channel === undefined || m.channel === channel));
  }

  /**
   * A conversation as a person sees it (oldest first): every message, from the app or a
   * person, response_url answers included; ephemeral ones only for their person. Without
   * `threadTs` the top level (thread parents, not their replies); with it, the thread.
   */
  conversation(channel: string, viewer: string, threadTs?: string): FakeMessage[] {
    return [...this.messages.values()]
      .filter((m) => m.channel === channel && !m.deleted && (m.ephemeralUser === undefined || m.ephemeralUser === viewer))
      .filter((m) => (threadTs === undefined ? m.thread_ts === undefined || m.thread_ts === m.ts : m.ts === threadTs || m.thread_ts === threadTs))
      .sort((a, b) => compareTs(a.ts, b.ts));
  }

  /** How many replies a thread has (what Slack shows under its parent). */
  replyCount(channel: string, ts: string): number {
    let n = 0;
    for (const m of this.messages.values()) if (m.channel === channel && m.thread_ts === ts && m.ts !== ts && !m.deleted && !m.ephemeralUser) n++;
    return n;
  }

  /**
   * A person writes in a conversation (a channel they are in, or their DM with the app),
   * optionally in a thread. Checked as Slack checks it; the caller sends the event.
   */
  postAsUser(userId: string, channel: string, text: string, threadTs?: string): FakeMessage {
    if (!this.users.has(userId)) fail('user_not_found');
    if (text.trim() === '') fail('no_text');
    if (text.length > LIMITS.messageText) fail('msg_too_long');
    if (channel.startsWith(DM_PREFIX)) {
      if (this.dmUser(channel)?.id !== userId) fail('channel_not_found');
    } else {
      const ch = this.channels.get(channel) ?? fail('channel_not_found');
      if (ch.is_archived) fail('is_archived');
      if (!ch.members.includes(userId)) fail(ch.is_private ? 'channel_not_found' : 'not_in_channel');
    }
    if (threadTs !== undefined) {
      const parent = this.messages.get(`${channel}/${threadTs}`);
      if (!parent || parent.deleted || parent.ephemeralUser) fail('thread_not_found');
    }
    return this.storeMessage(channel, { text, thread_ts: threadTs }, undefined, userId);
  }

  /** The open modals of a person, bottom first. */
  modalStack(userId: string): FakeView[] {
    return (this.stacks.get(userId) ?? []).map((id) => this.views.get(id)).filter((v): v is FakeView => v !== undefined);
  }

  /** The person's Home tab as the app last published it. */
  homeView(userId: string): FakeView | undefined {
    return [...this.views.values()].find((v) => v.type === 'home' && v.userId === userId);
  }

  /**
   * What Slack does with a view_submission's ack: no response_action closes the submitted
   * view; `update` replaces it, `push` adds one, `clear` closes them all, `errors` keeps it open.
   */
  applyViewAck(userId: string, viewId: string, ack: unknown): ViewAckOutcome {
    const body = typeof ack === 'object' && ack !== null ? (ack as Json) : {};
    const stack = this.stacks.get(userId) ?? [];
    const action = body.response_action;
    const done = (outcome: ViewAckOutcome): ViewAckOutcome => {
      this.emit({ type: 'views', userId });
      return outcome;
    };
    if (action === 'errors') {
      const errors = typeof body.errors === 'object' && body.errors !== null ? (body.errors as Record<string, string>) : {};
      return { kind: 'errors', errors };
    }
    if (action === 'update' || action === 'push') {
      const check = validateView(body.view);
      if (!check.ok) return { kind: 'invalid', messages: check.messages };
      const view = body.view as Record<string, unknown>;
      if (action === 'update') {
        const stored = this.views.get(viewId) ?? this.registerView(view, { userId, id: viewId });
        stored.view = view;
        stored.hash = this.newHash();
        stored.at = this.now();
        if (!stack.includes(viewId)) this.stacks.set(userId, [...stack, viewId]);
        return done({ kind: 'updated', view: stored });
      }
      if (stack.length >= MAX_STACK) return { kind: 'invalid', messages: ['[ERROR] push_limit_reached'] };
      const pushed = this.registerView(view, { userId });
      const parent = this.views.get(viewId);
      pushed.rootViewId = parent?.rootViewId ?? pushed.id;
      pushed.previousViewId = parent ? parent.id : null;
      this.stacks.set(userId, [...stack, pushed.id]);
      return done({ kind: 'pushed', view: pushed });
    }
    if (action === 'clear') {
      this.stacks.set(userId, []);
      return done({ kind: 'cleared' });
    }
    this.stacks.set(userId, stack.filter((id) => id !== viewId));
    return done({ kind: 'closed' });
  }

  /** The person closes a modal (its ✕): it and the views pushed over it go away. */
  closeModal(userId: string, viewId: string): void {
    const stack = this.stacks.get(userId) ?? [];
    const at = stack.indexOf(viewId);
    if (at < 0) return;
    this.stacks.set(userId, stack.slice(0, at));
    this.emit({ type: 'views', userId });
  }

  /** The whole workspace as JSON, for persistence. */
  snapshot(): EmulatorState {
    return structuredClone({
      version: 1 as const,
      seq: this.seq,
      users: [...this.users.values()],
      channels: [...this.channels.values()],
      messages: [...this.messages.values()],
      views: [...this.views.values()],
      stacks: Object.fromEntries(this.stacks),
      responseUrls: Object.fromEntries(this.responseContexts),
    });
  }

  /** Replaces the workspace with a snapshot (the bot user is kept). */
  restore(state: EmulatorState): void {
    this.clearWorkspace();
    this.seq = Math.max(this.seq, state.seq);
    for (const u of state.users) this.users.set(u.id, { ...u });
    for (const c of state.channels) this.channels.set(c.id, { ...c, members: [...c.members] });
    for (const m of state.messages) this.messages.set(`${m.channel}/${m.ts}`, { ...m });
    for (const v of state.views) this.views.set(v.id, { ...v });
    for (const [user, ids] of Object.entries(state.stacks)) this.stacks.set(user, [...ids]);
    for (const [url, ctx] of Object.entries(state.responseUrls)) this.responseContexts.set(url, { ...ctx });
    this.emit({ type: 'channels' });
  }

  /** Empties the workspace: users (but the bot), channels, messages, views. */
  clearWorkspace(): void {
    const bot = this.users.get(this.botUserId);
    this.users.clear();
    if (bot) this.users.set(bot.id, bot);
    this.channels.clear();
    this.messages.clear();
    this.views.clear();
    this.stacks.clear();
    this.triggers.clear();
    this.responseContexts.clear();
    this.calls = [];
    this.emit({ type: 'channels' });
  }

  message(channel: string, ts: string): FakeMessage | undefined {
    return this.messages.get(`${channel}/${ts}`);
  }

  view(id: string): FakeView | undefined {
    return this.views.get(id);
  }

  allViews(): FakeView[] {
    return [...this.views.values()];
  }

  userName(id: string): string | undefined {
    return this.users.get(id)?.name;
  }

  /** The most recently opened/updated view with this callback_id (optionally for one user). */
  latestView(callbackId: string, userId?: string): FakeView | undefined {
    return [...this.views.values()]
      .filter((v) => v.view.callback_id === callbackId && (userId === undefined || v.userId === userId))
      .sort((a, b) => b.at - a.at)[0];
  }

  /** Registers a view as if it had been opened (the driver uses this to submit views the app never opened). */
  registerView(view: Record<string, unknown>, opts: { userId?: string; id?: string } = {}): FakeView {
    const { userId } = opts;
    const id = opts.id ?? this.newId('V');
    const stored: FakeView = {
      id,
      type: view.type === 'home' ? 'home' : 'modal',
      view,
      hash: this.newHash(),
      userId,
      rootViewId: id,
      previousViewId: null,
      at: this.now(),
    };
    this.views.set(id, stored);
    return stored;
  }

  /** A trigger id valid for 3 s (by the `now` clock), single use, like Slack's. */
  issueTriggerId(userId?: string): string {
    const id = `${++this.seq}.${Math.floor(this.now() / 1000)}.${randomBytes(8).toString('hex')}`;
    this.triggers.set(id, { issuedAt: this.now(), userId, used: false });
    dropOldest(this.triggers, MAX_TRIGGERS);
    return id;
  }

  /**
   * The next `times` (default 1) calls to `method` fail with `error`. 'ratelimited'
   * defaults to HTTP 429 with Retry-After (default 1 s); other errors to HTTP 200,
   * as Slack does. Works for 'response_url' too (then pass a `status`). With `network: true`
   * the connection is dropped without an answer, as when Slack is unreachable (`error` is then
   * only what the recorded call shows).
   */
  failNext(method: string, error: string, opts: { times?: number; status?: number; retryAfter?: number; network?: boolean } = {}): void {
    const rateLimited = error === 'ratelimited' || error === 'rate_limited';
    const queue = this.failures.get(method) ?? [];
    queue.push({
      error,
      remaining: opts.times ?? 1,
      status: opts.status ?? (rateLimited ? 429 : 200),
      retryAfter: opts.retryAfter ?? (rateLimited ? 1 : undefined),
      ...(opts.network ? { network: true } : {}),
    });
    this.failures.set(method, queue);
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // WebClient's fetch keeps connections alive; without this close() waits for them to idle out.
      server.closeAllConnections();
    });
  }

  // ---------------------------------------------------------------------------
  // HTTP plumbing
  // ---------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const body = await readBody(req);
    const args: Args = { ...Object.fromEntries(url.searchParams), ...(await parseArgs(req.headers['content-type'], body)) };

    if (url.pathname.startsWith('/response/')) {
      return this.handleResponseUrl(`${this.origin}${url.pathname}`, args, res);
    }
    if (!url.pathname.startsWith('/api/')) {
      res.writeHead(404).end();
      return;
    }

    const method = url.pathname.slice('/api/'.length);
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : typeof args.token === 'string' ? args.token : undefined;
    delete args.token;
    const call: RecordedCall = { method, args, token, at: this.now() };
    this.calls.push(call);

    const injected = this.takeFailure(method);
    if (injected?.network) {
      call.response = { ok: false, error: injected.error };
      this.notify(call);
      req.socket.destroy();
      return;
    }
    let status = 200;
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (injected) {
      status = injected.status;
      if (injected.retryAfter !== undefined) headers['retry-after'] = String(injected.retryAfter);
      call.response = { ok: false, error: injected.error };
    } else if (!token) {
      call.response = { ok: false, error: 'not_authed' };
    } else {
      call.response = this.dispatch(method, args);
    }
    this.notify(call);
    res.writeHead(status, headers).end(JSON.stringify(call.response));
  }

  private handleResponseUrl(url: string, args: Args, res: ServerResponse): void {
    const call: RecordedCall = { method: 'response_url', args, at: this.now(), url };
    this.calls.push(call);
    const injected = this.takeFailure('response_url');
    let status = 200;
    if (injected) {
      status = injected.status;
      call.response = { ok: false, error: injected.error };
    } else if (args.blocks !== undefined && !validateMessageBlocks(args.blocks).ok) {
      // Slack refuses an invalid message on a response_url with a 4xx, which makes Bolt's respond() throw.
      status = 400;
      call.response = this.invalidBlocks(args.blocks);
    } else {
      call.response = { ok: true };
      this.deliverResponse(url, args);
    }
    this.notify(call);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(call.response));
  }

  /**
   * A response_url answer (or a command ack carrying a message), as Slack shows it to the person
   * it was issued for: ephemeral by default, `in_channel` for everyone, or replacing/deleting the
   * message it came from.
   */
  deliverResponse(url: string, args: Args): void {
    const ctx = this.responseContexts.get(url);
    if (!ctx) return;
    const original = ctx.messageTs ? this.messages.get(`${ctx.channel}/${ctx.messageTs}`) : undefined;
    if (truthy(args.delete_original)) {
      if (original && !original.deleted) {
        original.deleted = true;
        this.emit({ type: 'message_deleted', channel: original.channel, ts: original.ts });
      }
      return;
    }
    if (truthy(args.replace_original) && original && !original.deleted) {
      original.text = args.text === undefined ? original.text : String(args.text);
      original.blocks = args.blocks === undefined ? undefined : (args.blocks as unknown[]);
      original.edited = true;
      this.emit({ type: 'message_changed', channel: original.channel, ts: original.ts });
      return;
    }
    const inChannel = args.response_type === 'in_channel';
    const thread = original?.thread_ts;
    const msg = this.storeMessage(ctx.channel, { ...args, thread_ts: thread }, inChannel ? undefined : ctx.userId);
    msg.viaResponseUrl = true;
  }

  private takeFailure(method: string): Failure | undefined {
    const queue = this.failures.get(method);
    const next = queue?.[0];
    if (!queue || !next) return undefined;
    if (--next.remaining <= 0) queue.shift();
    return next;
  }

  private notify(call: RecordedCall): void {
    if (this.maxRecordedCalls !== undefined && this.calls.length > this.maxRecordedCalls) this.calls.splice(0, this.calls.length - this.maxRecordedCalls);
    for (const w of [...this.waiters]) if (w.match(call)) w.done(call);
    this.emitter.emit('call', call);
  }

  /** Every Web API and response_url call as it is answered; returns the unsubscribe. */
  onCall(listener: (call: RecordedCall) => void): () => void {
    this.emitter.on('call', listener);
    return () => this.emitter.off('call', listener);
  }

  private dispatch(method: string, args: Args): Json {
    const handler = this.handlers[method];
    if (!handler) return { ok: true }; // unknown methods succeed (but are recorded)
    try {
      return { ok: true, ...handler(args) };
    } catch (err) {
      if (err instanceof SlackApiError) return { ok: false, error: err.error, ...err.extra };
      throw err;
    }
  }

  // ---------------------------------------------------------------------------
  // Web API methods
  // ---------------------------------------------------------------------------

  private readonly handlers: Record<string, Handler> = {
    'apps.connections.open': () => (this.socketModeUrl === undefined ? {} : { url: this.socketModeUrl }),

    'auth.test': () => ({
      url: `https://fake-${this.teamId.toLowerCase()}.slack.com/`,
      team: 'Fake Team',
      user: 'convene',
      team_id: this.teamId,
      user_id: this.botUserId,
      bot_id: this.botId,
      is_enterprise_install: false,
    }),

    'chat.postMessage': (a) => {
      const channel = this.resolvePostTarget(a.channel);
      this.checkMessageContent(a);
      const msg = this.storeMessage(channel, a);
      return { channel, ts: msg.ts, message: this.messageJson(msg) };
    },

    'chat.postEphemeral': (a) => {
      const channel = this.resolvePostTarget(a.channel);
      const user = str(a.user) ?? fail('user_not_found');
      if (!this.users.has(user)) fail('user_not_found');
      const ch = this.channels.get(channel);
      if (ch && !ch.members.includes(user)) fail('user_not_in_channel');
      this.checkMessageContent(a);
      const msg = this.storeMessage(channel, a, user);
      return { message_ts: msg.ts };
    },

    'chat.update': (a) => {
      const msg = this.existingMessage(a.channel, a.ts);
      this.checkMessageContent(a, { textOptional: true });
      if (a.text !== undefined) msg.text = String(a.text);
      if (a.blocks !== undefined) msg.blocks = a.blocks as unknown[];
      msg.edited = true;
      this.emit({ type: 'message_changed', channel: msg.channel, ts: msg.ts });
      return { channel: msg.channel, ts: msg.ts, text: msg.text ?? '', message: this.messageJson(msg) };
    },

    'chat.delete': (a) => {
      const msg = this.existingMessage(a.channel, a.ts);
      msg.deleted = true;
      this.emit({ type: 'message_deleted', channel: msg.channel, ts: msg.ts });
      return { channel: msg.channel, ts: msg.ts };
    },

    'chat.getPermalink': (a) => {
      const msg = this.existingMessage(a.channel, a.message_ts);
      return {
        channel: msg.channel,
        permalink: `https://fake-${this.teamId.toLowerCase()}.slack.com/archives/${msg.channel}/p${msg.ts.replace('.', '')}`,
      };
    },

    'views.open': (a) => {
      this.exchangeTrigger(a.trigger_id);
      const view = this.checkView(a.view);
      const userId = this.triggers.get(String(a.trigger_id))?.userId;
      const stored = this.registerView(view, { userId });
      if (userId) this.openModal(userId, stored.id, 'open');
      return { view: this.viewJson(stored) };
    },

    'views.push': (a) => {
      this.exchangeTrigger(a.trigger_id);
      const view = this.checkView(a.view);
      const userId = this.triggers.get(String(a.trigger_id))?.userId;
      if (userId && (this.stacks.get(userId)?.length ?? 0) >= MAX_STACK) fail('push_limit_reached');
      const stored = this.registerView(view, { userId });
      if (userId) this.openModal(userId, stored.id, 'push');
      const parent = [...this.views.values()].filter((v) => v.userId === userId && v.id !== stored.id).pop();
      if (parent) {
        stored.rootViewId = parent.rootViewId;
        stored.previousViewId = parent.id;
      }
      return { view: this.viewJson(stored) };
    },

    'views.update': (a) => {
      if (a.view_id === undefined && a.external_id === undefined) fail('invalid_arguments');
      const stored =
        (a.view_id !== undefined ? this.views.get(String(a.view_id)) : undefined) ??
        [...this.views.values()].find((v) => a.external_id !== undefined && v.view.external_id === a.external_id) ??
        fail('not_found');
      if (a.hash !== undefined && a.hash !== stored.hash) fail('hash_conflict');
      stored.view = this.checkView(a.view);
      stored.hash = this.newHash();
      stored.at = this.now();
      if (stored.userId) this.emit({ type: 'views', userId: stored.userId });
      return { view: this.viewJson(stored) };
    },

    'views.publish': (a) => {
      const userId = str(a.user_id) ?? fail('invalid_arguments');
      const view = this.checkView(a.view);
      if (view.type !== 'home') fail('invalid_arguments', { response_metadata: { messages: ['[ERROR] must be home [json-pointer:/view/type]'] } });
      const existing = [...this.views.values()].find((v) => v.type === 'home' && v.userId === userId);
      if (existing && a.hash !== undefined && a.hash !== existing.hash) fail('hash_conflict');
      const stored = existing ?? this.registerView(view, { userId });
      stored.view = view;
      stored.hash = this.newHash();
      stored.at = this.now();
      this.emit({ type: 'views', userId });
      return { view: this.viewJson(stored) };
    },

    'users.info': (a) => {
      const user = this.users.get(String(a.user)) ?? fail('user_not_found');
      return { user: this.userJson(user) };
    },

    'users.lookupByEmail': (a) => {
      const email = String(a.email ?? '').toLowerCase();
      const user = [...this.users.values()].find((u) => u.email?.toLowerCase() === email) ?? fail('users_not_found');
      return { user: this.userJson(user) };
    },

    'conversations.info': (a) => {
      const id = String(a.channel);
      if (id.startsWith(DM_PREFIX)) {
        const user = this.dmUser(id) ?? fail('channel_not_found');
        return { channel: { id, is_im: true, user: user.id, is_archived: false } };
      }
      return { channel: this.channelJson(this.channels.get(id) ?? fail('channel_not_found')) };
    },

    'conversations.create': (a) => {
      const name = String(a.name ?? '');
      if (name === '') fail('invalid_name_required');
      if (name.length > 80) fail('invalid_name_maxlength');
      if (!CHANNEL_NAME.test(name)) fail('invalid_name_specials');
      if (this.channelByName(name)) fail('name_taken'); // archived channels keep their names too
      const id = this.newId('C');
      this.addChannel({ id, name, is_private: truthy(a.is_private), members: [this.botUserId] });
      const ch = this.channels.get(id)!;
      ch.creator = this.botUserId;
      this.emit({ type: 'channels' });
      return { channel: this.channelJson(ch) };
    },

    'conversations.invite': (a) => {
      const ch = this.openChannel(a.channel);
      const users = String(a.users ?? '').split(',').map((u) => u.trim()).filter(Boolean);
      if (users.length === 0) fail('no_user');
      for (const u of users) {
        if (u === this.botUserId) fail('cant_invite_self');
        if (!this.users.has(u)) fail('user_not_found');
      }
      const already = users.filter((u) => ch.members.includes(u));
      // Slack fails the whole call if anyone is already in, unless force=true.
      if (already.length > 0 && !truthy(a.force)) {
        fail('already_in_channel', { errors: already.map((user) => ({ user, ok: false, error: 'already_in_channel' })) });
      }
      for (const u of users) if (!ch.members.includes(u)) ch.members.push(u);
      this.emit({ type: 'channels' });
      return { channel: this.channelJson(ch) };
    },

    'conversations.kick': (a) => {
      const ch = this.channels.get(String(a.channel)) ?? fail('channel_not_found');
      const user = String(a.user ?? '');
      if (user === this.botUserId) fail('cant_kick_self');
      if (!ch.members.includes(user)) fail('not_in_channel');
      ch.members = ch.members.filter((m) => m !== user);
      this.emit({ type: 'channels' });
      return {};
    },

    'conversations.join': (a) => {
      const ch = this.openChannel(a.channel);
      if (ch.is_private) fail('method_not_supported_for_channel_type');
      if (!ch.members.includes(this.botUserId)) ch.members.push(this.botUserId);
      this.emit({ type: 'channels' });
      return { channel: this.channelJson(ch) };
    },

    'conversations.members': (a) => {
      const ch = this.channels.get(String(a.channel)) ?? fail('channel_not_found');
      const limit = Number(a.limit ?? 100) || 100;
      const start = Number(a.cursor ?? 0) || 0;
      const page = ch.members.slice(start, start + limit);
      const next = start + limit < ch.members.length ? String(start + limit) : '';
      return { members: page, response_metadata: { next_cursor: next } };
    },

    'conversations.open': (a) => {
      if (a.channel !== undefined) {
        const user = this.dmUser(String(a.channel)) ?? fail('channel_not_found');
        return { channel: { id: this.dmId(user.id) } };
      }
      const users = String(a.users ?? '').split(',').map((u) => u.trim()).filter(Boolean);
      if (users.length === 0) fail('users_list_not_supplied');
      for (const u of users) if (!this.users.has(u)) fail('user_not_found');
      // One user: a DM. Several: a group DM, which the fake models only as a stable id.
      const id = users.length === 1 ? this.dmId(users[0]!) : `G${createHash('sha1').update(users.sort().join()).digest('hex').slice(0, 10).toUpperCase()}`;
      return { channel: { id } };
    },

    'conversations.archive': (a) => {
      const ch = this.channels.get(String(a.channel)) ?? fail('channel_not_found');
      if (ch.is_archived) fail('already_archived');
      ch.is_archived = true;
      this.emit({ type: 'channels' });
      return {};
    },

    'conversations.unarchive': (a) => {
      const ch = this.channels.get(String(a.channel)) ?? fail('channel_not_found');
      if (!ch.is_archived) fail('not_archived');
      ch.is_archived = false;
      this.emit({ type: 'channels' });
      return {};
    },
  };

  // ---------------------------------------------------------------------------
  // Helpers for the handlers
  // ---------------------------------------------------------------------------

  /** Where chat.postMessage/postEphemeral can post: a channel id or #name, a user id (→ its DM), or a DM id. */
  private resolvePostTarget(raw: unknown): string {
    const target = str(raw) ?? fail('channel_not_found');
    if (target.startsWith('U') || target.startsWith('W')) {
      if (!this.users.has(target)) fail('channel_not_found');
      return this.dmId(target);
    }
    if (target.startsWith(DM_PREFIX)) {
      if (!this.dmUser(target)) fail('channel_not_found');
      return target;
    }
    const ch = (target.startsWith('#') ? this.channelByName(target.slice(1)) : this.channels.get(target)) ?? fail('channel_not_found');
    if (ch.is_archived) fail('is_archived');
    return ch.id;
  }

  private openChannel(raw: unknown): FakeChannel {
    const ch = this.channels.get(String(raw)) ?? fail('channel_not_found');
    if (ch.is_archived) fail('is_archived');
    return ch;
  }

  private checkMessageContent(a: Args, opts: { textOptional?: boolean } = {}): void {
    if (!opts.textOptional && a.text === undefined && a.blocks === undefined && a.attachments === undefined) fail('no_text');
    if (typeof a.text === 'string' && a.text.length > LIMITS.messageText) fail('msg_too_long');
    if (a.blocks !== undefined) {
      if (!Array.isArray(a.blocks)) fail('invalid_blocks_format');
      const errs = validateMessageBlocks(a.blocks);
      if (!errs.ok) throw new SlackApiError('invalid_blocks', this.invalidBlocksExtra(errs.messages));
    }
  }

  private invalidBlocks(blocks: unknown): Json {
    return { ok: false, error: 'invalid_blocks', ...this.invalidBlocksExtra(validateMessageBlocks(blocks).messages) };
  }

  private invalidBlocksExtra(messages: string[]): Json {
    return { errors: messages.map((m) => m.replace(/^\[ERROR\] /, '')), response_metadata: { messages } };
  }

  /** Slack answers a bad view with invalid_arguments (not invalid_blocks), plus the same pointers. */
  private checkView(raw: unknown): Record<string, unknown> {
    const errs = validateView(raw);
    if (!errs.ok) fail('invalid_arguments', { response_metadata: { messages: errs.messages } });
    return raw as Record<string, unknown>;
  }

  private exchangeTrigger(raw: unknown): void {
    const trigger = this.triggers.get(String(raw ?? ''));
    if (!trigger) return fail('invalid_trigger_id');
    if (this.now() - trigger.issuedAt > TRIGGER_TTL_MS) fail('expired_trigger_id');
    if (trigger.used) fail('exchanged_trigger_id');
    trigger.used = true;
  }

  private existingMessage(channel: unknown, ts: unknown): FakeMessage {
    // Like Slack, updates need the real channel id (a DM's D…, not the user's U…).
    const msg = this.messages.get(`${String(channel)}/${String(ts)}`);
    if (!msg) {
      const known = this.channels.has(String(channel)) || this.dmUser(String(channel));
      return fail(known ? 'message_not_found' : 'channel_not_found');
    }
    if (msg.deleted) fail('message_not_found');
    if (msg.ephemeralUser) fail('message_not_found'); // ephemeral messages can only be changed via response_url
    return msg;
  }

  private storeMessage(channel: string, a: Args, ephemeralUser?: string, author = this.botUserId): FakeMessage {
    const msg: FakeMessage = {
      channel,
      ts: this.newTs(),
      text: a.text === undefined ? undefined : String(a.text),
      blocks: a.blocks as unknown[] | undefined,
      thread_ts: str(a.thread_ts),
      ephemeralUser,
      at: this.now(),
      user: author,
    };
    this.messages.set(`${channel}/${msg.ts}`, msg);
    this.emit({ type: 'message', channel, ts: msg.ts });
    return msg;
  }

  /** views.open starts a new stack; views.push adds to it. */
  private openModal(userId: string, viewId: string, how: 'open' | 'push'): void {
    this.stacks.set(userId, how === 'open' ? [viewId] : [...(this.stacks.get(userId) ?? []), viewId]);
    this.emit({ type: 'views', userId });
  }

  private dmId(userId: string): string {
    return `${DM_PREFIX}${userId.slice(1)}`;
  }

  private dmUser(dmId: string): FakeUser | undefined {
    if (!dmId.startsWith(DM_PREFIX)) return undefined;
    const tail = dmId.slice(1);
    return this.users.get(`U${tail}`) ?? this.users.get(`W${tail}`);
  }

  private newId(prefix: string): string {
    return `${prefix}0${(++this.seq).toString(36).toUpperCase().padStart(8, '0')}`;
  }

  private newTs(): string {
    return `${Math.floor(this.now() / 1000)}.${String(++this.seq).padStart(6, '0')}`;
  }

  private newHash(): string {
    return `${Math.floor(this.now() / 1000)}.${randomBytes(4).toString('hex')}`;
  }

  private messageJson(m: FakeMessage): Json {
    return {
      type: 'message',
      subtype: 'bot_message',
      ts: m.ts,
      text: m.text ?? '',
      blocks: m.blocks,
      thread_ts: m.thread_ts,
      user: this.botUserId,
      bot_id: this.botId,
      app_id: this.appId,
      team: this.teamId,
    };
  }

  private viewJson(v: FakeView): Json {
    return {
      type: v.type,
      callback_id: '',
      private_metadata: '',
      external_id: '',
      ...v.view,
      id: v.id,
      team_id: this.teamId,
      state: { values: {} },
      hash: v.hash,
      root_view_id: v.rootViewId,
      previous_view_id: v.previousViewId,
      app_id: this.appId,
      bot_id: this.botId,
    };
  }

  private userJson(u: FakeUser): Json {
    const name = u.name ?? u.id.toLowerCase();
    const realName = u.real_name ?? name;
    return {
      id: u.id,
      team_id: this.teamId,
      name,
      real_name: realName,
      deleted: false,
      is_bot: u.is_bot ?? false,
      is_admin: false,
      tz: u.tz ?? 'America/New_York',
      profile: { email: u.email, real_name: realName, display_name: name, title: u.title ?? '' },
    };
  }

  private channelJson(c: FakeChannel): Json {
    return {
      id: c.id,
      name: c.name,
      name_normalized: c.name,
      is_channel: !c.is_private,
      is_group: false,
      is_im: false,
      is_private: c.is_private,
      is_archived: c.is_archived,
      is_member: c.members.includes(this.botUserId),
      created: c.created,
      creator: c.creator ?? '',
      num_members: c.members.length,
      topic: { value: '', creator: '', last_set: 0 },
      purpose: { value: '', creator: '', last_set: 0 },
    };
  }
}

/** The name the test suite has always used. */
export { SlackEmulator as FakeSlack };

// -----------------------------------------------------------------------------
// Request parsing
// -----------------------------------------------------------------------------

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Parses form, JSON or multipart bodies; decodes JSON-encoded nested args the way Slack does. */
async function parseArgs(contentType: string | undefined, body: Buffer): Promise<Args> {
  if (body.length === 0) return {};
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  let args: Args;
  if (type === 'application/json') {
    args = JSON.parse(body.toString('utf8')) as Args;
  } else if (type === 'multipart/form-data') {
    // Let the platform's Request do the multipart parsing (file uploads).
    const form = await new Request('http://x/', { method: 'POST', headers: { 'content-type': contentType! }, body }).formData();
    args = {};
    for (const [k, v] of form) args[k] = typeof v === 'string' ? v : { filename: v.name, size: v.size };
  } else {
    args = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
  }
  for (const key of JSON_ARGS) {
    const v = args[key];
    if (typeof v === 'string') {
      try {
        args[key] = JSON.parse(v);
      } catch {
        // leave it: Slack answers invalid_blocks_format / invalid_arguments for these
      }
    }
  }
  return args;
}

/** Keeps a Map (insertion-ordered) at most `max` entries long, dropping the oldest. */
function dropOldest(map: Map<string, unknown>, max: number): void {
  for (const key of map.keys()) {
    if (map.size <= max) return;
    map.delete(key);
  }
}

/** Slack timestamps ("seconds.sequence") in time order. */
export function compareTs(a: string, b: string): number {
  const [as = '0', af = '0'] = a.split('.');
  const [bs = '0', bf = '0'] = b.split('.');
  return Number(as) - Number(bs) || Number(af) - Number(bf);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const truthy = (v: unknown): boolean => v === true || v === 'true' || v === '1' || v === 1;
