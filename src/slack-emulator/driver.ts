/**
 * Drives a Bolt HTTP receiver the way Slack does: signed v0 requests to
 * /slack/events carrying slash commands, interactivity payloads and Events API
 * envelopes. Each call resolves with Slack's view of the synchronous ack.
 *
 * Bolt acks before the listener finishes (processBeforeResponse: false), so
 * work done after ack() has to be awaited with `fake.waitFor(...)`.
 */
import { createHmac } from 'node:crypto';
import { request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '@slack/bolt';
import { validateMessageBlocks, validateView } from './block-kit.js';
import type { FakeMessage, FakeView, SlackEmulator as FakeSlack, ViewAckOutcome } from './emulator.js';

export interface AckResponse {
  status: number;
  /** parsed JSON when the ack has a JSON content-type, else the raw text ('' for an empty ack) */
  body: unknown;
  text: string;
  headers: IncomingHttpHeaders;
  /** Block Kit problems Slack would reject this ack for (views in response_action, blocks in a command ack) */
  ackErrors: string[];
  /** For a view_submission: what Slack did with the modal stack given this ack. */
  outcome?: ViewAckOutcome;
}

export interface BlockActionInput {
  action_id: string;
  block_id?: string;
  value?: string;
  selected_option?: { value: string; text?: unknown };
  type?: string;
  /** other element-specific fields, e.g. selected_users, selected_date */
  [key: string]: unknown;
}

export interface BlockActionContext {
  channelId?: string;
  messageTs?: string;
  view?: { id: string; callback_id: string; private_metadata?: string; type?: 'modal' | 'home'; values?: ViewValues };
  responseUrl?: string;
}

/** blockId -> actionId -> state value, e.g. `{ type: 'plain_text_input', value: 'x' }` */
export type ViewValues = Record<string, Record<string, Record<string, unknown>>>;

export interface ViewSubmissionInput {
  callback_id: string;
  private_metadata?: string;
  values: ViewValues;
  id?: string;
}

const FORM = 'application/x-www-form-urlencoded'; // exactly this: Bolt compares the header verbatim
const JSON_TYPE = 'application/json';

export class SlackDriver {
  readonly teamId: string;
  readonly defaultChannelId: string;
  private readonly baseUrl: string;
  private readonly signingSecret: string;
  private readonly fake: FakeSlack;
  private readonly now: () => number;
  private readonly followAcks: boolean;
  private eventSeq = 0;

  constructor(opts: {
    baseUrl: string;
    signingSecret: string;
    fake: FakeSlack;
    teamId?: string;
    /** seconds clock for request timestamps; Bolt checks them against the real clock (±5 min) */
    now?: () => number;
    /** channel used when a command/action doesn't name one */
    defaultChannelId?: string;
    /**
     * Apply each view_submission ack to the emulator's modal stack as Slack would (update the
     * view's content, push, clear, close): the local workspace does. The suite leaves stored
     * views as the app opened them, so a test can submit the same form again.
     */
    followAcks?: boolean;
  }) {
    this.followAcks = opts.followAcks ?? false;
    this.baseUrl = opts.baseUrl.replace(/\/$/, '');
    this.signingSecret = opts.signingSecret;
    this.fake = opts.fake;
    this.teamId = opts.teamId ?? opts.fake.teamId;
    this.now = opts.now ?? (() => Math.floor(Date.now() / 1000));
    this.defaultChannelId = opts.defaultChannelId ?? 'C0GENERAL';
  }

  /** A slash command, with a fresh trigger_id and (by default) a response_url on the fake. */
  async command(
    userId: string,
    command: string,
    text = '',
    extra: { channelId?: string; responseUrl?: string } = {},
  ): Promise<AckResponse> {
    const channelId = extra.channelId ?? this.defaultChannelId;
    const fields: Record<string, string> = {
      token: 'fake-verification-token',
      team_id: this.teamId,
      team_domain: 'fake',
      channel_id: channelId,
      channel_name: this.fake.channel(channelId)?.name ?? 'general',
      user_id: userId,
      user_name: this.userName(userId),
      command,
      text,
      api_app_id: this.fake.appId,
      is_enterprise_install: 'false',
      response_url: extra.responseUrl ?? this.fake.responseUrl({ userId, channel: channelId }),
      trigger_id: this.fake.issueTriggerId(userId),
    };
    const res = await this.post(new URLSearchParams(fields).toString(), FORM);
    return this.withAckErrors(res, 'message');
  }

  /**
   * A block_actions payload. Without an explicit context the driver finds the
   * most recent message or view the app sent containing `action_id`, and uses
   * its channel/ts/blocks or view (as a user clicking it would).
   */
  async blockAction(userId: string, action: BlockActionInput, context: BlockActionContext = {}): Promise<AckResponse> {
    const surface = context.view || context.messageTs ? undefined : this.findSurface(action.action_id, context.channelId);
    const element = surface ? findElement(surfaceBlocks(surface), action.action_id) : undefined;
    const { action_id, block_id, type, ...rest } = action;
    const payloadAction: Record<string, unknown> = {
      type: type ?? (element?.element.type as string | undefined) ?? (action.selected_option ? 'static_select' : 'button'),
      action_id,
      block_id: block_id ?? element?.blockId ?? `b-${action_id}`,
      action_ts: `${this.now()}.000100`,
      ...rest,
    };
    if (payloadAction.type === 'button' && element?.element.text) payloadAction.text = element.element.text;

    const payload: Record<string, unknown> = {
      type: 'block_actions',
      ...this.actor(userId),
      trigger_id: this.fake.issueTriggerId(userId),
      actions: [payloadAction],
    };

    const view = context.view ? this.viewFor(context.view, userId) : surface && 'view' in surface ? surface : undefined;
    if (view) {
      // Actions inside views carry the view (with its state) and no response_url.
      payload.container = { type: 'view', view_id: view.id };
      payload.view = this.viewPayload(view, context.view?.values ?? {}, context.view);
      if (context.responseUrl) payload.response_url = context.responseUrl;
    } else {
      const msg = surface && !('view' in surface) ? surface : undefined;
      const channelId = msg?.channel ?? context.channelId ?? this.defaultChannelId;
      const ts = msg?.ts ?? context.messageTs ?? `${this.now()}.000001`;
      const stored = msg ?? this.fake.message(channelId, ts);
      const ephemeral = stored?.ephemeralUser !== undefined;
      payload.container = { type: 'message', message_ts: ts, channel_id: channelId, is_ephemeral: ephemeral };
      payload.channel = { id: channelId, name: this.fake.channel(channelId)?.name ?? 'directmessage' };
      // Slack doesn't include ephemeral messages in the payload; only response_url can change them.
      if (!ephemeral) {
        payload.message = {
          type: 'message',
          ts,
          text: stored?.text ?? '',
          blocks: stored?.blocks ?? [],
          user: this.fake.botUserId,
          bot_id: this.fake.botId,
        };
      }
      payload.state = { values: {} };
      payload.response_url = context.responseUrl ?? this.fake.responseUrl({ userId, channel: channelId, messageTs: ts });
    }
    return this.postPayload(payload);
  }

  /**
   * A view_submission. Without `id` the driver uses the latest view with this
   * callback_id the app opened for the user (so its id, blocks and
   * private_metadata round-trip), or registers one with the fake.
   */
  async viewSubmission(userId: string, input: ViewSubmissionInput): Promise<AckResponse> {
    const view = this.viewFor(input, userId);
    const payload = {
      type: 'view_submission',
      ...this.actor(userId),
      trigger_id: this.fake.issueTriggerId(userId),
      view: this.viewPayload(view, input.values, input),
      response_urls: [],
    };
    const res = this.withAckErrors(await this.postPayload(payload), 'view');
    if (this.followAcks && res.status === 200) res.outcome = this.fake.applyViewAck(userId, view.id, res.body);
    return res;
  }

  /** A view_closed (sent only if the app set notify_on_close). */
  async viewClosed(
    userId: string,
    input: { callback_id: string; private_metadata?: string; id?: string },
    opts: { isCleared?: boolean } = {},
  ): Promise<AckResponse> {
    const view = this.viewFor(input, userId);
    this.fake.closeModal(userId, view.id);
    return this.postPayload({
      type: 'view_closed',
      ...this.actor(userId),
      view: this.viewPayload(view, {}, input),
      is_cleared: opts.isCleared ?? false,
    });
  }

  /** An Events API envelope; `retryNum` adds X-Slack-Retry-Num/Reason as Slack does on redelivery. */
  async event(
    event: Record<string, unknown>,
    opts: { eventId?: string; retryNum?: number; retryReason?: string } = {},
  ): Promise<AckResponse> {
    const now = this.now();
    const envelope = {
      token: 'fake-verification-token',
      team_id: this.teamId,
      api_app_id: this.fake.appId,
      event: { event_ts: `${now}.000200`, ...event },
      type: 'event_callback',
      event_id: opts.eventId ?? `Ev${String(++this.eventSeq).padStart(8, '0')}`,
      event_time: now,
      authorizations: [
        { enterprise_id: null, team_id: this.teamId, user_id: this.fake.botUserId, is_bot: true, is_enterprise_install: false },
      ],
      is_ext_shared_channel: false,
    };
    const headers: Record<string, string> = {};
    if (opts.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(opts.retryNum);
      headers['x-slack-retry-reason'] = opts.retryReason ?? 'http_timeout';
    }
    return this.post(JSON.stringify(envelope), JSON_TYPE, headers);
  }

  /** POST exactly this body and these headers (no signing): for signature/timestamp tests. */
  raw(body: string, headers: Record<string, string>, opts: { contentType?: string } = {}): Promise<AckResponse> {
    return this.send(body, { 'content-type': opts.contentType ?? FORM, ...headers });
  }

  /** Slack's v0 signature: `v0=` + hex HMAC-SHA256 of `v0:${timestamp}:${body}`. */
  sign(body: string, timestamp: number): string {
    return `v0=${createHmac('sha256', this.signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  }

  // ---------------------------------------------------------------------------

  private postPayload(payload: Record<string, unknown>): Promise<AckResponse> {
    return this.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
  }

  private post(body: string, contentType: string, headers: Record<string, string> = {}): Promise<AckResponse> {
    const ts = this.now();
    return this.send(body, {
      'content-type': contentType,
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': this.sign(body, ts),
      ...headers,
    });
  }

  private send(body: string, headers: Record<string, string>): Promise<AckResponse> {
    const url = new URL('/slack/events', this.baseUrl);
    return new Promise((resolve, reject) => {
      // agent: false → one connection per request, so app.stop() isn't held open by keep-alive.
      const req = request(url, { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const isJson = (res.headers['content-type'] ?? '').includes('json');
          resolve({ status: res.statusCode ?? 0, body: isJson && text ? JSON.parse(text) : text, text, headers: res.headers, ackErrors: [] });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Checks what Slack would check in an ack body: response_action views and command-ack blocks. */
  private withAckErrors(res: AckResponse, kind: 'message' | 'view'): AckResponse {
    const body = res.body;
    if (typeof body !== 'object' || body === null) return res;
    const b = body as Record<string, unknown>;
    if (kind === 'view' && (b.response_action === 'update' || b.response_action === 'push')) {
      res.ackErrors = validateView(b.view).messages;
    } else if (kind === 'message' && b.blocks !== undefined) {
      res.ackErrors = validateMessageBlocks(b.blocks).messages;
    }
    return res;
  }

  private actor(userId: string): Record<string, unknown> {
    const name = this.userName(userId);
    return {
      user: { id: userId, username: name, name, team_id: this.teamId },
      team: { id: this.teamId, domain: 'fake' },
      api_app_id: this.fake.appId,
      token: 'fake-verification-token',
      enterprise: null,
      is_enterprise_install: false,
    };
  }

  private userName(userId: string): string {
    return this.fake.userName(userId) ?? userId.toLowerCase();
  }

  /** The stored view to act on: by id, else the latest one with this callback_id, else a new one. */
  private viewFor(input: { id?: string; callback_id: string; private_metadata?: string; type?: 'modal' | 'home' }, userId: string): FakeView {
    const known = input.id ? this.fake.view(input.id) : this.fake.latestView(input.callback_id, userId);
    if (known) return known;
    // A test may submit a view the app never opened: register it so views.update on it works too.
    return this.fake.registerView(
      {
        type: input.type ?? 'modal',
        callback_id: input.callback_id,
        private_metadata: input.private_metadata ?? '',
        title: { type: 'plain_text', text: 'Modal' },
        blocks: [],
      },
      { userId, id: input.id },
    );
  }

  private viewPayload(view: FakeView, values: ViewValues, override?: { private_metadata?: string }): Record<string, unknown> {
    return {
      type: view.type,
      callback_id: '',
      external_id: '',
      ...view.view,
      private_metadata: override?.private_metadata ?? (view.view.private_metadata as string | undefined) ?? '',
      id: view.id,
      team_id: this.teamId,
      state: { values },
      hash: view.hash,
      root_view_id: view.rootViewId,
      previous_view_id: view.previousViewId,
      clear_on_close: view.view.clear_on_close === true,
      notify_on_close: view.view.notify_on_close === true,
      app_id: this.fake.appId,
      bot_id: this.fake.botId,
    };
  }

  private findSurface(actionId: string, channelId?: string): FakeMessage | FakeView | undefined {
    const surfaces: Array<FakeMessage | FakeView> = [
      ...this.fake.messagesIn(channelId),
      ...(channelId ? [] : this.fake.allViews()),
    ];
    return surfaces
      .filter((s) => findElement(surfaceBlocks(s), actionId))
      .sort((a, b) => b.at - a.at)[0];
  }
}

/** Starts a Bolt App's built-in HTTPReceiver on a free loopback port. */
export async function startBoltApp(app: App): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  // app.start() forwards to HTTPReceiver.start(), which takes net.ListenOptions and resolves with the http.Server.
  const server = await app.start({ port: 0, host: '127.0.0.1' });
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, stop: async () => void (await app.stop()) };
}

function surfaceBlocks(s: FakeMessage | FakeView): unknown[] {
  const blocks = 'view' in s ? s.view.blocks : s.blocks;
  return Array.isArray(blocks) ? blocks : [];
}

/** Finds the element with this action_id in accessories, actions, and inputs. */
export function findElement(blocks: unknown[], actionId: string): { blockId?: string; element: Record<string, unknown> } | undefined {
  for (const block of blocks as Array<Record<string, unknown>>) {
    const candidates = [block.accessory, block.element, ...(Array.isArray(block.elements) ? block.elements : [])];
    for (const el of candidates as Array<Record<string, unknown> | undefined>) {
      if (el && el.action_id === actionId) return { blockId: block.block_id as string | undefined, element: el };
    }
  }
  return undefined;
}
