// The local workspace's page and its JSON + server-sent-event routes (issue #9; see
// WORKSPACE-CONTRACT.md). Everything a person does goes through the Workspace facade, which sends
// it to the app as Slack would; what the app sent comes back rendered as HTML by render.ts, in the
// viewing person's time zone. Request bodies are validated with zod.
import { readFileSync, readdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isValidZone, zonedInstant } from '../../lib/time.js';
import type { DemoPerson, WsChange, WsError, WsMessage, WsView, Workspace } from '../types.js';
import { type RenderContext, renderHome, renderMessage, renderModal } from './render.js';

// From src/workspace/web/ and from dist/workspace/web/ alike: the static files stay in src/.
const PUBLIC_DIR = fileURLToPath(new URL('../../../src/workspace/web/public/', import.meta.url));
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};
const MAX_BODY = 256 * 1024;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------
// Request bodies
// ---------------------------------------------------------------------------

const viewer = z.string().regex(/^[UW][A-Z0-9]+$/, 'a person id such as U0123');
const channelId = z.string().regex(/^[CDG][A-Z0-9]+$/, 'a channel id such as C0123');
const ts = z.string().regex(/^\d+\.\d+$/, 'a message ts');

/** What the page reads from one input element: text, or the chosen value(s). */
const RawValue = z.object({ value: z.string().max(5000).optional(), values: z.array(z.string().max(300)).max(100).optional() });
const RawValues = z.record(z.string().max(255), z.record(z.string().max(255), RawValue));

const Bodies = {
  message: z.object({ viewer, channel: channelId, text: z.string().trim().min(1, 'Type a message first.').max(40000), threadTs: ts.optional() }),
  command: z.object({ viewer, channel: channelId, command: z.string().regex(/^\/[a-z0-9_-]+$/, 'a slash command such as /ig'), text: z.string().max(4000) }),
  action: z
    .object({
      viewer,
      channel: channelId.optional(),
      ts: ts.optional(),
      threadTs: ts.optional(),
      viewId: z.string().min(1).max(64).optional(),
      actionId: z.string().min(1).max(255),
      blockId: z.string().max(255).optional(),
      value: z.string().max(2000).optional(),
      values: z.array(z.string().max(300)).max(100).optional(),
    })
    .refine((b) => b.viewId !== undefined || (b.channel !== undefined && b.ts !== undefined), 'an action needs a message (channel and ts) or a view'),
  submit: z.object({ viewer, viewId: z.string().min(1).max(64), values: RawValues }),
  close: z.object({ viewer, viewId: z.string().min(1).max(64) }),
  clock: z.union([
    z.object({ viewer: viewer.optional(), days: z.number().int().min(1).max(3660) }),
    z.object({ viewer: viewer.optional(), to: z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/, 'a date such as 2027-01-15') }),
  ]),
  reset: z.object({}).passthrough(),
} as const;

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new HttpError(413, 'Request body too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'Request body is not JSON');
  }
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (!r.success) throw new HttpError(400, r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return r.data;
}

// ---------------------------------------------------------------------------
// Slack's shapes, built from the element the person used
// ---------------------------------------------------------------------------

function elementsOf(blocks: unknown): { blockId: string | undefined; element: Obj }[] {
  const out: { blockId: string | undefined; element: Obj }[] = [];
  for (const [i, b] of (Array.isArray(blocks) ? blocks : []).entries()) {
    if (!isObj(b)) continue;
    const blockId = typeof b.block_id === 'string' ? b.block_id : `b${i}`;
    for (const el of [b.accessory, b.element, ...(Array.isArray(b.elements) ? b.elements : [])]) if (isObj(el)) out.push({ blockId, element: el });
  }
  return out;
}

function optionsOf(el: Obj): Obj[] {
  const flat = Array.isArray(el.options) ? el.options : [];
  const grouped = Array.isArray(el.option_groups) ? el.option_groups.flatMap((g) => (isObj(g) && Array.isArray(g.options) ? g.options : [])) : [];
  return [...flat, ...grouped].filter(isObj);
}

function option(el: Obj, value: string | undefined): Obj | null {
  if (!value) return null;
  const found = optionsOf(el).find((o) => o.value === value);
  if (!found) throw new HttpError(400, `No option ${value} in ${String(el.action_id)}`);
  return found;
}

/** The date and time a datetime-local input shows, read in the viewer's zone, as Slack's unix seconds. */
function dateTime(local: string | undefined, zone: string): number | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(local ?? '');
  return m ? Math.floor(zonedInstant(m[1]!, m[2]!, zone).getTime() / 1000) : null;
}

/** An element's state value as Slack puts it in view.state.values (and the selection fields of a block action). */
export function slackValue(el: Obj, raw: z.infer<typeof RawValue> | undefined, zone: string): Obj {
  const one = raw?.value !== undefined && raw.value !== '' ? raw.value : undefined;
  const many = raw?.values ?? (one !== undefined ? [one] : []);
  const type = String(el.type);
  switch (type) {
    case 'plain_text_input':
    case 'url_text_input':
    case 'email_text_input':
    case 'number_input':
      return { type, value: one ?? null };
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
    case 'overflow':
      return { type, selected_option: option(el, one) };
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes':
      return { type, selected_options: many.map((v) => option(el, v)) };
    case 'users_select':
      return { type, selected_user: one ?? null };
    case 'multi_users_select':
      return { type, selected_users: many };
    case 'conversations_select':
      return { type, selected_conversation: one ?? null };
    case 'multi_conversations_select':
      return { type, selected_conversations: many };
    case 'channels_select':
      return { type, selected_channel: one ?? null };
    case 'multi_channels_select':
      return { type, selected_channels: many };
    case 'datepicker':
      return { type, selected_date: one ?? null };
    case 'timepicker':
      return { type, selected_time: one ?? null, ...(typeof el.timezone === 'string' ? { timezone: el.timezone } : {}) };
    case 'datetimepicker':
      return { type, selected_date_time: dateTime(one, zone) };
    default:
      return { type, value: one ?? null };
  }
}

/** view.state.values for a submission: every input block of the view, as Slack sends it. */
export function stateValues(view: Obj, raw: z.infer<typeof RawValues>, zone: string): Record<string, Record<string, Obj>> {
  const out: Record<string, Record<string, Obj>> = {};
  for (const [i, b] of (Array.isArray(view.blocks) ? view.blocks : []).entries()) {
    if (!isObj(b) || b.type !== 'input' || !isObj(b.element)) continue;
    const blockId = typeof b.block_id === 'string' ? b.block_id : `b${i}`;
    const actionId = typeof b.element.action_id === 'string' ? b.element.action_id : `a${i}`;
    out[blockId] = { [actionId]: slackValue(b.element, raw[blockId]?.[actionId], zone) };
  }
  return out;
}

// ---------------------------------------------------------------------------
// The handler
// ---------------------------------------------------------------------------

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

function staticFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(PUBLIC_DIR)) if (TYPES[extname(name)]) files.set(name, join(PUBLIC_DIR, name));
  return files;
}

function isError(r: unknown): r is WsError {
  return isObj(r) && r.ok === false;
}

/**
 * The page's routes on the local workspace's one server. Returns false for a path it doesn't
 * serve (the caller answers 404), true when it answered (or will, for async routes).
 */
export function mountWeb(workspace: Workspace): (req: IncomingMessage, res: ServerResponse) => boolean {
  const files = staticFiles();

  const person = (id: string): DemoPerson => {
    const p = workspace.people().find((x) => x.id === id);
    if (!p) throw new HttpError(404, `No person ${id} in this workspace`);
    return p;
  };

  const contextFor = (viewerId: string): RenderContext => {
    const p = person(viewerId);
    const channels = workspace.channels(viewerId).map((c) => ({ id: c.id, name: c.isDm ? 'Convene' : c.name, isDm: c.isDm }));
    return {
      zone: isValidZone(p.tz) ? p.tz : 'UTC',
      now: workspace.now(),
      users: [{ id: workspace.botUserId, name: 'Convene' }, ...workspace.people().map((x) => ({ id: x.id, name: x.name }))],
      channels,
      botUserId: workspace.botUserId,
    };
  };

  const findMessage = (viewerId: string, channel: string, messageTs: string, threadTs?: string): WsMessage => {
    const found =
      workspace.messages(viewerId, channel, threadTs).find((m) => m.ts === messageTs) ??
      workspace.messages(viewerId, channel).find((m) => m.ts === messageTs);
    if (!found) throw new HttpError(404, 'That message is gone');
    return found;
  };

  const findModal = (viewerId: string, viewId: string): WsView => {
    const found = workspace.modals(viewerId).find((v) => v.id === viewId);
    if (!found) throw new HttpError(404, 'That form is closed');
    return found;
  };

  const routes: Record<string, (url: URL, req: IncomingMessage) => Promise<unknown>> = {
    'GET /ws/state': async (url) => {
      // No (or an unknown) viewer: the page's first visit, or a person gone after a reset.
      const asked = url.searchParams.get('viewer');
      const me = workspace.people().find((p) => p.id === asked) ?? workspace.people()[0];
      if (!me) throw new HttpError(503, 'The workspace has no people yet');
      const id = me.id;
      const dm = await workspace.dmChannel(id);
      return {
        viewer: me,
        people: workspace.people(),
        channels: workspace.channels(id),
        dm,
        commands: workspace.commands(),
        now: workspace.now().toISOString(),
        botUserId: workspace.botUserId,
      };
    },
    'GET /ws/home': async (url) => {
      const id = parse(viewer, url.searchParams.get('viewer'));
      // Opening the tab tells the app (app_home_opened); a refresh after a change must not, or
      // the app's publish would trigger the next refresh forever.
      const view = url.searchParams.get('opened') === '1' ? await workspace.home(id) : publishedHome(id);
      return { html: view ? renderHome(view, contextFor(id)) : null };
    },
    'GET /ws/modals': async (url) => {
      const id = parse(viewer, url.searchParams.get('viewer'));
      const ctx = contextFor(id);
      return { modals: workspace.modals(id).map((v) => ({ id: v.id, html: renderModal(v, ctx) })) };
    },
    'POST /ws/message': async (_url, req) => {
      const b = parse(Bodies.message, await readJson(req));
      const r = await workspace.postMessage(b.viewer, b.channel, b.text, b.threadTs);
      return isError(r) ? r : { ok: true, ts: r.ts };
    },
    'POST /ws/command': async (_url, req) => {
      const b = parse(Bodies.command, await readJson(req));
      if (!workspace.commands().some((c) => c.command === b.command)) return { ok: false, error: `${b.command} is not a command in this workspace` };
      return workspace.command(b.viewer, b.channel, b.command, b.text);
    },
    'POST /ws/action': async (_url, req) => {
      const b = parse(Bodies.action, await readJson(req));
      const zone = contextFor(b.viewer).zone;
      const blocks = b.viewId
        ? (workspace.modals(b.viewer).find((v) => v.id === b.viewId) ?? (await homeOf(b.viewer, b.viewId)))?.view.blocks
        : findMessage(b.viewer, b.channel!, b.ts!, b.threadTs).blocks;
      const candidates = elementsOf(blocks).filter((e) => e.element.action_id === b.actionId && (b.blockId === undefined || e.blockId === b.blockId));
      // Slack wants action_ids unique in a block; should two share one, the button's value tells them apart.
      const found = candidates.find((e) => e.element.type === 'button' && e.element.value === b.value) ?? candidates[0];
      if (!found) throw new HttpError(404, `No element ${b.actionId} there any more`);
      const { type: _type, ...selected } = slackValue(found.element, { value: b.value, values: b.values }, zone);
      const isButton = found.element.type === 'button';
      const where = b.viewId ? { viewId: b.viewId } : { channel: b.channel!, ts: b.ts! };
      return workspace.action(b.viewer, where, {
        actionId: b.actionId,
        blockId: found.blockId,
        ...(isButton ? { value: typeof found.element.value === 'string' ? found.element.value : undefined } : { selected }),
      });
    },
    'POST /ws/submit': async (_url, req) => {
      const b = parse(Bodies.submit, await readJson(req));
      const view = findModal(b.viewer, b.viewId);
      const r = await workspace.submitView(b.viewer, b.viewId, stateValues(view.view, b.values, contextFor(b.viewer).zone));
      return r;
    },
    'POST /ws/close': async (_url, req) => {
      const b = parse(Bodies.close, await readJson(req));
      await workspace.closeView(b.viewer, b.viewId);
      return { ok: true };
    },
    'POST /ws/clock': async (_url, req) => {
      const b = parse(Bodies.clock, await readJson(req));
      const now = workspace.now();
      const zone = b.viewer ? contextFor(b.viewer).zone : 'UTC';
      const to = 'days' in b ? new Date(now.getTime() + b.days * 86_400_000) : jumpTarget(b.to, zone);
      if (to.getTime() <= now.getTime()) return { ok: false, error: 'Time only moves forward: choose a later date.' };
      const r = await workspace.advanceClock(to);
      return { ok: true, now: r.now.toISOString(), sent: r.sent };
    },
    'POST /ws/reset': async (_url, req) => {
      parse(Bodies.reset, await readJson(req));
      await workspace.reset();
      return { ok: true };
    },
  };

  /** The Home tab as the app last published it for this person (no event sent). */
  function publishedHome(viewerId: string): WsView | undefined {
    return workspace.publishedHome(viewerId);
  }

  /** The App Home is a view too: actions on it name its id. */
  async function homeOf(viewerId: string, viewId: string): Promise<WsView | undefined> {
    const home = publishedHome(viewerId);
    return home?.id === viewId ? home : undefined;
  }

  function events(url: URL, req: IncomingMessage, res: ServerResponse): void {
    const id = parse(viewer, url.searchParams.get('viewer'));
    person(id);
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write('retry: 500\n\n');
    const forward = (c: WsChange) => {
      if (c.type === 'views' && c.userId !== id) return;
      res.write(`data: ${JSON.stringify(c)}\n\n`);
    };
    const off = workspace.onChange(forward);
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    ping.unref();
    req.on('close', () => {
      clearInterval(ping);
      off();
    });
  }

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    const path = url.pathname;
    if (method === 'GET' && (path === '/' || path === '/index.html')) {
      const file = files.get('index.html');
      if (!file) return false;
      res.writeHead(200, { 'content-type': TYPES['.html']!, 'cache-control': 'no-store' });
      res.end(readFileSync(file));
      return true;
    }
    if (method === 'GET' && path.startsWith('/assets/')) {
      // Only the files in public/, by exact name: nothing else on disk is reachable.
      const file = files.get(decodeURIComponent(path.slice('/assets/'.length)));
      if (!file) return false;
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(readFileSync(file));
      return true;
    }
    const fail = (error: unknown) => {
      if (res.headersSent) return res.end();
      if (error instanceof HttpError) return send(res, error.status, { ok: false, error: error.message });
      send(res, 500, { ok: false, error: error instanceof Error ? error.message : String(error) });
    };
    if (method === 'GET' && path === '/ws/events') {
      try {
        events(url, req, res);
      } catch (error) {
        fail(error);
      }
      return true;
    }
    const channel = /^\/ws\/channel\/([A-Z0-9]+)$/.exec(path);
    if (method === 'GET' && channel) {
      Promise.resolve()
        .then(() => {
          const id = parse(viewer, url.searchParams.get('viewer'));
          const thread = url.searchParams.get('thread') ?? undefined;
          const ctx = contextFor(id);
          const messages = workspace.messages(id, channel[1]!, thread ? parse(ts, thread) : undefined);
          send(res, 200, {
            channel: channel[1],
            thread: thread ?? null,
            messages: messages.map((m) => ({ ts: m.ts, threadTs: m.threadTs ?? null, html: renderMessage(m, ctx, { inThread: Boolean(thread) }) })),
          });
        })
        .catch(fail);
      return true;
    }
    const route = routes[`${method} ${path}`];
    if (!route) return false;
    route(url, req).then((body) => send(res, 200, body), fail);
    return true;
  };
}

/** "2027-01-15" is noon that day in the viewer's zone (past the morning's openings and nudges), or the time given. */
function jumpTarget(to: string, zone: string): Date {
  const [date, time] = to.split('T');
  try {
    return zonedInstant(date!, time ?? '12:00', zone);
  } catch {
    throw new HttpError(400, `${to} is not a date`);
  }
}
