// The local workspace page's routes (server.ts) at their seam with the Workspace facade: what the
// page sends becomes Slack's shapes (view.state.values, block action selections), bodies are
// validated, messages come back rendered for the viewer, changes stream as server-sent events.
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { actions, button, section } from '../../src/lib/slack/blocks.js';
import { checkboxes, input, modal, radios, staticSelect, textInput } from '../../src/lib/slack/modal.js';
import { zonedInstant } from '../../src/lib/time.js';
import { mountWeb } from '../../src/workspace/web/server.js';
import { RecordingWorkspace } from './recording-workspace.js';

let ws: RecordingWorkspace;
let server: Server;
let base: string;

beforeAll(async () => {
  ws = new RecordingWorkspace();
  const handle = mountWeb(ws);
  server = createServer((req, res) => {
    if (!handle(req, res)) {
      res.writeHead(404);
      res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  ws.calls = [];
  ws.answer = { ok: true };
});

async function post(path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const form = modal(
  'igweek.details',
  'Session details',
  [
    input('title', 'Title', textInput()),
    input('setup', 'Setup', radios([{ text: 'Panel', value: 'panel' }, { text: 'Talk', value: 'talk' }])),
    input('polls', 'Polls', checkboxes([{ text: 'Yes', value: 'yes' }])),
    input('group', 'Group', staticSelect([{ text: 'Data', value: '7' }])),
    input('speakers', 'Speakers', { type: 'multi_users_select' }),
    input('moderator', 'Moderator', { type: 'users_select' }),
    input('practice', 'Practice', { type: 'datetimepicker' }),
    input('opens', 'Opens', { type: 'timepicker', timezone: 'America/Chicago' }),
    input('day', 'Day', { type: 'datepicker' }),
  ],
  { submit: 'Save' },
);

describe('the page', () => {
  it('serves index.html and its assets, and nothing else from disk', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script type="module" src="/assets/app.js">');
    const js = await fetch(`${base}/assets/app.js`);
    expect(js.headers.get('content-type')).toContain('text/javascript');
    expect((await fetch(`${base}/assets/app.css`)).status).toBe(200);
    expect((await fetch(`${base}/assets/..%2Fserver.ts`)).status).toBe(404);
    expect((await fetch(`${base}/assets/%2E%2E%2F%2E%2E%2Fpackage.json`)).status).toBe(404);
  });

  it('gives the first person when none is chosen yet, with channels, DM, commands and the clock', async () => {
    const state = (await (await fetch(`${base}/ws/state`)).json()) as Record<string, unknown>;
    expect((state.viewer as { id: string }).id).toBe('UCHI');
    expect(state.dm).toBe('DCHI');
    expect(state.now).toBe('2027-01-14T18:00:00.000Z');
    expect(state.commands).toEqual([{ command: '/ig', usageHint: 'help | list [words]', description: 'Interest groups' }]);
  });
});

describe('messages', () => {
  it("come rendered for the viewer: their zone, their ephemeral answers only, names escaped", async () => {
    const at = zonedInstant('2027-01-20', '10:00', 'America/Chicago');
    ws.msgs = [
      { channel: 'CGENERAL', ts: '1800000000.000100', userId: 'UBOT', text: 'x', blocks: [section(`Opens <!date^${at.getTime() / 1000}^{time}|10:00 AM CST> <@UTOK>`)], replyCount: 0 },
      { channel: 'CGENERAL', ts: '1800000000.000200', userId: 'UBOT', text: 'Just for Kenji', replyCount: 0, ephemeralFor: 'UTOK' },
    ];
    const chi = (await (await fetch(`${base}/ws/channel/CGENERAL?viewer=UCHI`)).json()) as { messages: { html: string }[] };
    expect(chi.messages).toHaveLength(1);
    expect(chi.messages[0]!.html).toContain('10:00 AM</time>');
    expect(chi.messages[0]!.html).toContain('@Kenji &lt;Tanaka&gt;');
    const tok = (await (await fetch(`${base}/ws/channel/CGENERAL?viewer=UTOK`)).json()) as { messages: { html: string }[] };
    expect(tok.messages).toHaveLength(2);
    expect(tok.messages[0]!.html).toContain('1:00 AM</time>');
    expect(tok.messages[1]!.html).toContain('Only visible to you');
  });

  it('refuses an empty message and an unknown command, and sends the rest to the facade', async () => {
    expect((await post('/ws/message', { viewer: 'UCHI', channel: 'CGENERAL', text: '   ' })).status).toBe(400);
    const unknown = await post('/ws/command', { viewer: 'UCHI', channel: 'CGENERAL', command: '/nope', text: '' });
    expect(unknown.json).toEqual({ ok: false, error: '/nope is not a command in this workspace' });
    const sent = await post('/ws/command', { viewer: 'UCHI', channel: 'CGENERAL', command: '/ig', text: 'list data' });
    expect(sent.json).toEqual({ ok: true });
    expect(ws.calls).toEqual([{ method: 'command', args: ['UCHI', 'CGENERAL', '/ig', 'list data'] }]);
  });

  it("rejects bodies that aren't what the page sends, saying what is wrong", async () => {
    const res = await fetch(`${base}/ws/action`, { method: 'POST', body: '{not json' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ ok: false, error: 'Request body is not JSON' });
    const bad = await post('/ws/action', { viewer: 'UCHI', actionId: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toContain('an action needs a message (channel and ts) or a view');
    expect((await post('/ws/message', { viewer: 'nobody', channel: 'CGENERAL', text: 'hi' })).json.error).toContain('viewer: a person id');
    expect(ws.calls).toEqual([]);
  });
});

describe('block actions', () => {
  beforeEach(() => {
    ws.msgs = [
      {
        channel: 'CGENERAL',
        ts: '1800000000.000300',
        userId: 'UBOT',
        blocks: [
          section('Slot', { block_id: 'slot-4', accessory: { type: 'overflow', action_id: 'igweek.slot', options: [{ text: { type: 'plain_text', text: 'Release' }, value: 'release:4' }] } }),
          actions([button('Sign', 'petition.sign', '12', 'primary')], 'sign-12'),
        ],
        replyCount: 0,
      },
    ];
  });

  it("send a button's own value, whatever the page claims", async () => {
    await post('/ws/action', { viewer: 'UCHI', channel: 'CGENERAL', ts: '1800000000.000300', actionId: 'petition.sign', blockId: 'sign-12', value: '999' });
    expect(ws.calls).toEqual([{ method: 'action', args: ['UCHI', { channel: 'CGENERAL', ts: '1800000000.000300' }, { actionId: 'petition.sign', blockId: 'sign-12', value: '12' }] }]);
  });

  it('send an overflow choice as the selected option Slack sends', async () => {
    await post('/ws/action', { viewer: 'UCHI', channel: 'CGENERAL', ts: '1800000000.000300', actionId: 'igweek.slot', value: 'release:4' });
    expect(ws.calls[0]!.args[2]).toEqual({ actionId: 'igweek.slot', blockId: 'slot-4', selected: { selected_option: { text: { type: 'plain_text', text: 'Release' }, value: 'release:4' } } });
    const made = await post('/ws/action', { viewer: 'UCHI', channel: 'CGENERAL', ts: '1800000000.000300', actionId: 'igweek.slot', value: 'delete-everything' });
    expect(made.json.error).toBe('No option delete-everything in igweek.slot');
  });

  it('refuse an element that is not on the message', async () => {
    const r = await post('/ws/action', { viewer: 'UCHI', channel: 'CGENERAL', ts: '1800000000.000300', actionId: 'admin.nuke' });
    expect(r.status).toBe(404);
    expect(ws.calls).toEqual([]);
  });
});

describe('modals', () => {
  beforeEach(() => {
    ws.views = [{ id: 'V1', type: 'modal', view: form as unknown as Record<string, unknown>, userId: 'UCHI', stackIndex: 0 }];
  });

  it("submit every input as Slack's view.state.values, date-times read in the viewer's zone", async () => {
    const r = await post('/ws/submit', {
      viewer: 'UCHI',
      viewId: 'V1',
      values: {
        title: { title: { value: 'Metadata <now>' } },
        setup: { setup: { value: 'talk' } },
        polls: { polls: { values: [] } },
        speakers: { speakers: { values: ['UCHI', 'UTOK'] } },
        moderator: { moderator: { value: '' } },
        practice: { practice: { value: '2027-02-01T09:30' } },
        opens: { opens: { value: '10:00' } },
        day: { day: { value: '2027-02-03' } },
      },
    });
    expect(r.json).toEqual({ ok: true });
    expect(ws.calls[0]).toEqual({
      method: 'submitView',
      args: [
        'UCHI',
        'V1',
        {
          title: { title: { type: 'plain_text_input', value: 'Metadata <now>' } },
          setup: { setup: { type: 'radio_buttons', selected_option: { text: { type: 'plain_text', text: 'Talk', emoji: true }, value: 'talk' } } },
          polls: { polls: { type: 'checkboxes', selected_options: [] } },
          group: { group: { type: 'static_select', selected_option: null } },
          speakers: { speakers: { type: 'multi_users_select', selected_users: ['UCHI', 'UTOK'] } },
          moderator: { moderator: { type: 'users_select', selected_user: null } },
          practice: { practice: { type: 'datetimepicker', selected_date_time: zonedInstant('2027-02-01', '09:30', 'America/Chicago').getTime() / 1000 } },
          opens: { opens: { type: 'timepicker', selected_time: '10:00', timezone: 'America/Chicago' } },
          day: { day: { type: 'datepicker', selected_date: '2027-02-03' } },
        },
      ],
    });
  });

  it('pass field errors back to the page', async () => {
    ws.answer = { ok: false, error: 'invalid', fieldErrors: { title: 'Give the session a title.' } };
    const r = await post('/ws/submit', { viewer: 'UCHI', viewId: 'V1', values: {} });
    expect(r.json).toEqual({ ok: false, error: 'invalid', fieldErrors: { title: 'Give the session a title.' } });
  });

  it("are the viewer's own: another person's view id is refused", async () => {
    const r = await post('/ws/submit', { viewer: 'UTOK', viewId: 'V1', values: {} });
    expect(r.status).toBe(404);
    expect(ws.calls).toEqual([]);
  });

  it('come rendered, the top of the stack last', async () => {
    const r = (await (await fetch(`${base}/ws/modals?viewer=UCHI`)).json()) as { modals: { id: string; html: string }[] };
    expect(r.modals.map((m) => m.id)).toEqual(['V1']);
    expect(r.modals[0]!.html).toContain('<h2 class="modal-title">Session details</h2>');
  });
});

describe('the App Home', () => {
  it('tells the app only when the person opens the tab, not on the refresh after a publish', async () => {
    ws.views = [{ id: 'VHOME', type: 'home', view: { type: 'home', blocks: [section('*Your groups*')] }, userId: 'UCHI', stackIndex: 0 }];
    const refreshed = (await (await fetch(`${base}/ws/home?viewer=UCHI`)).json()) as { html: string };
    expect(refreshed.html).toContain('<b>Your groups</b>');
    expect(ws.calls).toEqual([]);
    await fetch(`${base}/ws/home?viewer=UCHI&opened=1`);
    expect(ws.calls).toEqual([{ method: 'home', args: ['UCHI'] }]);
  });
});

describe('the clock', () => {
  it('moves forward by days or to a date (noon in the viewer’s zone), never back', async () => {
    ws.clock = new Date('2027-01-14T18:00:00Z');
    const day = await post('/ws/clock', { days: 1 });
    expect(day.json).toEqual({ ok: true, now: '2027-01-15T18:00:00.000Z', sent: 2 });
    const jump = await post('/ws/clock', { viewer: 'UCHI', to: '2027-04-02' });
    expect(jump.json.now).toBe(zonedInstant('2027-04-02', '12:00', 'America/Chicago').toISOString());
    const back = await post('/ws/clock', { viewer: 'UCHI', to: '2027-01-01' });
    expect(back.json).toEqual({ ok: false, error: 'Time only moves forward: choose a later date.' });
    expect(ws.calls.filter((c) => c.method === 'advanceClock')).toHaveLength(2);
  });
});

describe('/ws/events', () => {
  it("streams changes, leaving out other people's views", async () => {
    const lines: string[] = [];
    const done = new Promise<void>((resolve, reject) => {
      const req = get(`${base}/ws/events?viewer=UCHI`, (res) => {
        expect(res.headers['content-type']).toContain('text/event-stream');
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          lines.push(...chunk.split('\n').filter((l) => l.startsWith('data: ')));
          if (lines.length === 2) {
            req.destroy();
            resolve();
          }
        });
        ws.emit({ type: 'views', userId: 'UTOK' });
        ws.emit({ type: 'message', channel: 'CGENERAL', ts: '1.2' });
        ws.emit({ type: 'views', userId: 'UCHI' });
      });
      req.on('error', reject);
    });
    await done;
    expect(lines).toEqual(['data: {"type":"message","channel":"CGENERAL","ts":"1.2"}', 'data: {"type":"views","userId":"UCHI"}']);
  });
});
