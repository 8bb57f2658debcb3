// What the emulation adds for the local workspace: response_urls that act as Slack's do, who
// wrote what, threads, the modal stack, change events, and a snapshot that restores.
import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type EmulatorChange, SlackEmulator } from '../../src/slack-emulator/emulator.js';
import { capturingLogger } from '../support/logger.js';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const modal = (title: string) => ({ type: 'modal', callback_id: title, title: { type: 'plain_text', text: title }, blocks: [section(title)] });

describe('SlackEmulator for the local workspace', () => {
  let emu: SlackEmulator;
  let client: WebClient;
  let changes: EmulatorChange[];

  beforeEach(async () => {
    emu = await SlackEmulator.start();
    client = new WebClient('xoxb-x', { slackApiUrl: emu.url, retryConfig: { retries: 0 }, logger: capturingLogger() });
    emu.addUser({ id: 'U1', name: 'ada', tz: 'Europe/London', title: 'Convener' });
    emu.addUser({ id: 'U2', name: 'bo' });
    emu.addChannel({ id: 'C1', name: 'general', members: ['U1', 'U2', emu.botUserId] });
    changes = [];
    emu.onChange((c) => changes.push(c));
  });
  afterEach(() => emu.close());

  const respond = (url: string, body: Record<string, unknown>) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.status);

  it('shows a response_url answer only to its person by default, to everyone when in_channel', async () => {
    const url = emu.responseUrl({ userId: 'U1', channel: 'C1' });
    expect(await respond(url, { text: 'just for you' })).toBe(200);
    expect(await respond(url, { text: 'for all', response_type: 'in_channel' })).toBe(200);

    expect(emu.conversation('C1', 'U1').map((m) => [m.text, m.ephemeralUser, m.user])).toEqual([
      ['just for you', 'U1', emu.botUserId],
      ['for all', undefined, emu.botUserId],
    ]);
    expect(emu.conversation('C1', 'U2').map((m) => m.text)).toEqual(['for all']);
    expect(emu.messagesIn('C1')).toEqual([]); // the suite sees response_url answers as calls, as before
    expect(changes.filter((c) => c.type === 'message')).toHaveLength(2);
  });

  it('replaces and deletes the original message in place', async () => {
    const posted = await client.chat.postMessage({ channel: 'C1', text: 'vote', blocks: [section('vote')] });
    const url = emu.responseUrl({ userId: 'U1', channel: 'C1', messageTs: posted.ts! });
    await respond(url, { replace_original: true, text: 'voted', blocks: [section('voted')] });
    expect(emu.conversation('C1', 'U2')).toEqual([expect.objectContaining({ ts: posted.ts, text: 'voted', edited: true })]);
    expect(changes).toContainEqual({ type: 'message_changed', channel: 'C1', ts: posted.ts });

    // An ephemeral message is replaced in place for its person only.
    const eph = emu.responseUrl({ userId: 'U1', channel: 'C1' });
    await respond(eph, { text: 'pick one' });
    const ephTs = emu.conversation('C1', 'U1').find((m) => m.ephemeralUser)!.ts;
    await respond(emu.responseUrl({ userId: 'U1', channel: 'C1', messageTs: ephTs }), { replace_original: true, text: 'picked' });
    expect(emu.conversation('C1', 'U1').find((m) => m.ts === ephTs)?.text).toBe('picked');

    await respond(emu.responseUrl({ userId: 'U1', channel: 'C1', messageTs: posted.ts! }), { delete_original: true });
    expect(emu.conversation('C1', 'U2')).toEqual([]);
    expect(changes).toContainEqual({ type: 'message_deleted', channel: 'C1', ts: posted.ts });
  });

  it('keeps who wrote what and counts thread replies; people post only where they may', async () => {
    const parent = await client.chat.postMessage({ channel: 'C1', text: 'petition' });
    emu.postAsUser('U1', 'C1', 'I like it', parent.ts!);
    emu.postAsUser('U2', 'C1', 'me too', parent.ts!);
    expect(emu.replyCount('C1', parent.ts!)).toBe(2);
    expect(emu.conversation('C1', 'U1').map((m) => m.text)).toEqual(['petition']);
    expect(emu.conversation('C1', 'U1', parent.ts!).map((m) => [m.user, m.text])).toEqual([
      [emu.botUserId, 'petition'],
      ['U1', 'I like it'],
      ['U2', 'me too'],
    ]);
    emu.addChannel({ id: 'C2', name: 'secret', is_private: true, members: [emu.botUserId] });
    expect(() => emu.postAsUser('U1', 'C2', 'hi')).toThrow('channel_not_found');
    expect(() => emu.postAsUser('U1', emu.dmChannelOf('U2'), 'hi')).toThrow('channel_not_found');
    expect(() => emu.postAsUser('U1', 'C1', 'reply', '1.000000')).toThrow('thread_not_found');
    expect(emu.postAsUser('U1', emu.dmChannelOf('U1'), 'hello app').user).toBe('U1');
    expect((await client.users.info({ user: 'U1' })).user?.profile?.title).toBe('Convener');
  });

  it('keeps a modal stack per person: open, push (three at most), submission acks, close', async () => {
    const opened = await client.views.open({ trigger_id: emu.issueTriggerId('U1'), view: modal('one') as never });
    const pushed = await client.views.push({ trigger_id: emu.issueTriggerId('U1'), view: modal('two') as never });
    expect(emu.modalStack('U1').map((v) => v.id)).toEqual([opened.view!.id, pushed.view!.id!]);
    expect(emu.modalStack('U2')).toEqual([]);

    expect(emu.applyViewAck('U1', pushed.view!.id!, { response_action: 'errors', errors: { name: 'Too short' } })).toEqual({ kind: 'errors', errors: { name: 'Too short' } });
    expect(emu.modalStack('U1')).toHaveLength(2);
    const third = emu.applyViewAck('U1', pushed.view!.id!, { response_action: 'push', view: modal('three') });
    expect(third.kind).toBe('pushed');
    expect(emu.applyViewAck('U1', pushed.view!.id!, { response_action: 'push', view: modal('four') })).toEqual({ kind: 'invalid', messages: ['[ERROR] push_limit_reached'] });
    expect(emu.applyViewAck('U1', pushed.view!.id!, { response_action: 'update', view: { type: 'modal', title: { type: 'plain_text', text: 'x'.repeat(30) }, blocks: [] } }).kind).toBe('invalid');

    emu.applyViewAck('U1', (third as { view: { id: string } }).view.id, ''); // an empty ack closes the submitted view
    expect(emu.modalStack('U1').map((v) => v.view.callback_id)).toEqual(['one', 'two']);
    emu.closeModal('U1', opened.view!.id!); // ✕ on the bottom view closes the stack
    expect(emu.modalStack('U1')).toEqual([]);
    expect(changes.some((c) => c.type === 'views' && c.userId === 'U1')).toBe(true);
  });

  it('restores a snapshot: users, channels, messages, views, stacks and response_urls', async () => {
    const posted = await client.chat.postMessage({ channel: 'C1', text: 'hello' });
    await client.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [section('home')] } as never });
    const opened = await client.views.open({ trigger_id: emu.issueTriggerId('U1'), view: modal('one') as never });
    const url = emu.responseUrl({ userId: 'U1', channel: 'C1', messageTs: posted.ts! });
    const state = JSON.parse(JSON.stringify(emu.snapshot())) as ReturnType<SlackEmulator['snapshot']>;

    const other = await SlackEmulator.start();
    try {
      other.restore(state);
      expect(other.conversation('C1', 'U1')).toEqual(emu.conversation('C1', 'U1'));
      expect(other.homeView('U1')?.view).toEqual(emu.homeView('U1')?.view);
      expect(other.modalStack('U1').map((v) => v.id)).toEqual([opened.view!.id]);
      expect(other.user('U1')?.tz).toBe('Europe/London');
      // Ids keep counting from where they were: nothing new collides with what was restored.
      const next = await new WebClient('xoxb-x', { slackApiUrl: other.url, logger: capturingLogger() }).chat.postMessage({ channel: 'C1', text: 'later' });
      expect(next.ts).not.toBe(posted.ts);
      other.deliverResponse(url, { replace_original: true, text: 'changed' });
      expect(other.message('C1', posted.ts!)?.text).toBe('changed');
    } finally {
      await other.close();
    }
  });
});
