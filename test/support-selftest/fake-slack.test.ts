/**
 * Tests for the test harness itself: a real WebClient against FakeSlack, and a
 * real Bolt App driven over HTTP by SlackDriver.
 */
import { App } from '@slack/bolt';
import { ErrorCode, WebClient, type WebAPIPlatformError, type WebAPIRateLimitedError } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../support/fake-slack.js';
import { capturingLogger, type CapturingLogger } from '../support/logger.js';
import { SlackDriver, startBoltApp } from '../support/slack-driver.js';

const TOKEN = 'xoxb-fake';

/** Runs the call and returns the Slack error it was rejected with. */
async function slackError(call: Promise<unknown>): Promise<WebAPIPlatformError['data']> {
  const err = (await call.then(
    () => expect.fail('expected the call to be rejected'),
    (e: unknown) => e,
  )) as WebAPIPlatformError;
  expect(err.code).toBe(ErrorCode.PlatformError);
  return err.data;
}

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('FakeSlack with a real WebClient', () => {
  let fake: FakeSlack;
  let client: WebClient;
  let clock: number;

  beforeEach(async () => {
    clock = 1_800_000_000_000;
    fake = await FakeSlack.start({ now: () => clock });
    client = new WebClient(TOKEN, { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logger: capturingLogger() });
    fake.addUser({ id: 'U1', name: 'ada', email: 'ada@example.org', tz: 'Europe/London' });
    fake.addChannel({ id: 'C1', name: 'general', members: ['U1', fake.botUserId] });
  });
  afterEach(() => fake.close());

  it('records chat.postMessage with decoded blocks and the bearer token', async () => {
    const blocks = [section('*hi*'), { type: 'divider' }];
    const res = await client.chat.postMessage({ channel: 'C1', text: 'hi', blocks });

    expect(res.ok).toBe(true);
    expect(res.channel).toBe('C1');
    expect(res.ts).toMatch(/^\d+\.\d{6}$/);
    const [call] = fake.callsTo('chat.postMessage');
    expect(call?.args).toMatchObject({ channel: 'C1', text: 'hi', blocks });
    expect(call?.token).toBe(TOKEN);
    expect(call?.at).toBe(clock);
  });

  it('posts a DM to a user id via its D channel, and refuses unknown and archived channels', async () => {
    const dm = await client.chat.postMessage({ channel: 'U1', text: 'psst' });
    expect(dm.channel).toMatch(/^D/);
    expect((await client.conversations.open({ users: 'U1' })).channel?.id).toBe(dm.channel);

    expect((await slackError(client.chat.postMessage({ channel: 'C404', text: 'x' }))).error).toBe('channel_not_found');
    fake.addChannel({ id: 'C2', name: 'old', is_archived: true });
    expect((await slackError(client.chat.postMessage({ channel: 'C2', text: 'x' }))).error).toBe('is_archived');
    expect((await slackError(client.chat.postMessage({ channel: 'C1' } as never))).error).toBe('no_text');
  });

  it('rejects more than 50 blocks in a message with invalid_blocks', async () => {
    const blocks = Array.from({ length: 51 }, (_, i) => section(`line ${i}`));
    const data = await slackError(client.chat.postMessage({ channel: 'C1', text: 'x', blocks }));

    expect(data.error).toBe('invalid_blocks');
    expect(data.response_metadata?.messages).toContain('[ERROR] no more than 50 items allowed [json-pointer:/blocks]');
  });

  it('rejects a header longer than 150 characters, and mrkdwn in a header', async () => {
    const long = [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }];
    const data = await slackError(client.chat.postMessage({ channel: 'C1', text: 'x', blocks: long }));
    expect(data.error).toBe('invalid_blocks');
    expect(data.response_metadata?.messages?.[0]).toMatch(/less than 151 characters.*\/blocks\/0\/text\/text/);

    const mrkdwn = [{ type: 'header', text: { type: 'mrkdwn', text: 'h' } }];
    const data2 = await slackError(client.chat.postMessage({ channel: 'C1', text: 'x', blocks: mrkdwn }));
    expect(data2.response_metadata?.messages?.[0]).toMatch(/must be plain_text.*\/blocks\/0\/text\/type/);
  });

  it('rejects duplicate block_ids and unknown block types', async () => {
    const blocks = [
      { ...section('a'), block_id: 'same' },
      { ...section('b'), block_id: 'same' },
      { type: 'sectoin' },
    ];
    const data = await slackError(client.chat.postMessage({ channel: 'C1', text: 'x', blocks: blocks as never }));
    expect(data.response_metadata?.messages).toEqual([
      '[ERROR] duplicate block_id: same [json-pointer:/blocks/1/block_id]',
      '[ERROR] unknown block type: sectoin [json-pointer:/blocks/2/type]',
    ]);
  });

  it('rejects an action_id repeated within one block, in messages and views, but not across blocks', async () => {
    const btn = (text: string, action_id: string) => ({ type: 'button', text: { type: 'plain_text', text }, action_id });
    const repeated = [section('pick'), { type: 'actions', elements: [btn('A', 'pick'), btn('B', 'other'), btn('C', 'pick')] }];
    const data = await slackError(client.chat.postMessage({ channel: 'C1', text: 'x', blocks: repeated as never }));
    expect(data.error).toBe('invalid_blocks');
    expect(data.response_metadata?.messages).toEqual(['[ERROR] duplicate action_id: pick [json-pointer:/blocks/1/elements/2/action_id]']);

    const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'Pick' }, blocks: repeated };
    const viewErr = await slackError(client.views.open({ trigger_id: fake.issueTriggerId(), view: view as never }));
    expect(viewErr.error).toBe('invalid_arguments');
    expect(viewErr.response_metadata?.messages).toEqual(['[ERROR] duplicate action_id: pick [json-pointer:/view/blocks/1/elements/2/action_id]']);

    const acrossBlocks = [
      { ...section('a'), accessory: btn('Claim', 'claim') },
      { ...section('b'), accessory: btn('Claim', 'claim') },
      { type: 'actions', elements: [btn('A', 'claim')] },
    ];
    expect((await client.chat.postMessage({ channel: 'C1', text: 'x', blocks: acrossBlocks as never })).ok).toBe(true);
  });

  it('opens a modal with a fresh trigger_id and refuses unknown, expired and reused ones', async () => {
    const view = {
      type: 'modal' as const,
      callback_id: 'new_group',
      title: { type: 'plain_text' as const, text: 'New group' },
      submit: { type: 'plain_text' as const, text: 'Create' },
      blocks: [
        {
          type: 'input',
          block_id: 'name',
          label: { type: 'plain_text', text: 'Name' },
          element: { type: 'plain_text_input', action_id: 'v' },
        },
      ],
    };
    const trigger = fake.issueTriggerId('U1');
    const opened = await client.views.open({ trigger_id: trigger, view });
    expect(opened.view?.id).toMatch(/^V/);
    expect(opened.view?.callback_id).toBe('new_group');

    expect((await slackError(client.views.open({ trigger_id: trigger, view }))).error).toBe('exchanged_trigger_id');
    expect((await slackError(client.views.open({ trigger_id: '1.2.nope', view }))).error).toBe('invalid_trigger_id');

    const late = fake.issueTriggerId('U1');
    clock += 4000;
    expect((await slackError(client.views.open({ trigger_id: late, view }))).error).toBe('expired_trigger_id');

    const badTitle = { ...view, title: { type: 'plain_text' as const, text: 'A title far too long for Slack' } };
    const data = await slackError(client.views.open({ trigger_id: fake.issueTriggerId(), view: badTitle }));
    expect(data.error).toBe('invalid_arguments');
    expect(data.response_metadata?.messages?.[0]).toMatch(/less than 25 characters.*\/view\/title\/text/);
  });

  it('validates conversations.create names and reports name_taken', async () => {
    for (const [name, error] of [
      ['Bad Name', 'invalid_name_specials'],
      ['café', 'invalid_name_specials'],
      ['x'.repeat(81), 'invalid_name_maxlength'],
      ['general', 'name_taken'],
    ] as const) {
      expect((await slackError(client.conversations.create({ name }))).error, name).toBe(error);
    }
    const created = await client.conversations.create({ name: 'sig-data_science-2' });
    expect(created.channel?.id).toMatch(/^C/);
    expect(fake.channelMembers(created.channel!.id!)).toEqual([fake.botUserId]);
    expect((await slackError(client.conversations.create({ name: 'sig-data_science-2' }))).error).toBe('name_taken');
  });

  it('tracks membership through invite, kick and members', async () => {
    fake.addUser({ id: 'U2' });
    await client.conversations.invite({ channel: 'C1', users: 'U2' });
    expect((await client.conversations.members({ channel: 'C1' })).members).toEqual(['U1', fake.botUserId, 'U2']);
    expect((await slackError(client.conversations.invite({ channel: 'C1', users: 'U2' }))).error).toBe('already_in_channel');
    await client.conversations.kick({ channel: 'C1', user: 'U2' });
    expect((await slackError(client.conversations.kick({ channel: 'C1', user: 'U2' }))).error).toBe('not_in_channel');
    await client.conversations.archive({ channel: 'C1' });
    expect((await slackError(client.conversations.invite({ channel: 'C1', users: 'U2' }))).error).toBe('is_archived');
  });

  it('looks users up by id and email', async () => {
    expect((await client.users.info({ user: 'U1' })).user?.tz).toBe('Europe/London');
    expect((await client.users.lookupByEmail({ email: 'ADA@example.org' })).user?.id).toBe('U1');
    expect((await slackError(client.users.info({ user: 'U404' }))).error).toBe('user_not_found');
    expect((await slackError(client.users.lookupByEmail({ email: 'no@example.org' }))).error).toBe('users_not_found');
  });

  it('failNext: a 429 with Retry-After becomes a rate-limited error, then calls succeed again', async () => {
    fake.failNext('chat.postMessage', 'ratelimited', { retryAfter: 7 });
    const strict = new WebClient(TOKEN, {
      slackApiUrl: fake.url,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logger: capturingLogger(),
    });

    const err = (await strict.chat.postMessage({ channel: 'C1', text: 'x' }).catch((e: unknown) => e)) as WebAPIRateLimitedError;
    expect(err.code).toBe(ErrorCode.RateLimitedError);
    expect(err.retryAfter).toBe(7);
    expect((await strict.chat.postMessage({ channel: 'C1', text: 'x' })).ok).toBe(true);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2);

    fake.failNext('conversations.invite', 'not_in_channel', { times: 2 });
    expect((await slackError(client.conversations.invite({ channel: 'C1', users: 'U1' }))).error).toBe('not_in_channel');
    expect((await slackError(client.conversations.invite({ channel: 'C1', users: 'U1' }))).error).toBe('not_in_channel');
  });

  it('waitFor resolves on a later call and times out with the calls seen', async () => {
    const waiting = fake.waitFor('chat.update', (c) => c.args.text === 'v2');
    const { ts } = await client.chat.postMessage({ channel: 'C1', text: 'v1' });
    await client.chat.update({ channel: 'C1', ts: ts!, text: 'v2' });
    expect((await waiting).args.ts).toBe(ts);

    await expect(fake.waitFor('views.open', undefined, 50)).rejects.toThrow(/timed out.*chat.postMessage, chat.update/);
  });

  it('answers unknown methods with ok and records them', async () => {
    expect((await client.apiCall('reactions.add', { channel: 'C1', name: 'tada' })).ok).toBe(true);
    expect(fake.callsTo('reactions.add')[0]?.args).toEqual({ channel: 'C1', name: 'tada' });
  });
});

describe('SlackDriver against a real Bolt App', () => {
  const signingSecret = 'shh-its-a-secret';
  let fake: FakeSlack;
  let app: App;
  let driver: SlackDriver;
  let stop: () => Promise<void>;
  let logger: CapturingLogger;

  beforeEach(async () => {
    fake = await FakeSlack.start();
    fake.addUser({ id: 'U1', name: 'ada' });
    fake.addChannel({ id: 'C0GENERAL', name: 'general', members: ['U1', fake.botUserId] });
    logger = capturingLogger();
    app = new App({
      signingSecret,
      token: TOKEN,
      clientOptions: { slackApiUrl: fake.url, retryConfig: { retries: 0 } },
      logger,
    });
    app.command('/ping', async ({ ack }) => ack('pong'));
    app.command('/hello', async ({ ack, respond, client, body }) => {
      await ack();
      await respond({ text: 'hi there', response_type: 'ephemeral' });
      await client.views.open({
        trigger_id: body.trigger_id,
        view: {
          type: 'modal',
          callback_id: 'greet',
          private_metadata: '{"from":"hello"}',
          title: { type: 'plain_text', text: 'Greet' },
          submit: { type: 'plain_text', text: 'Send' },
          blocks: [
            { type: 'input', block_id: 'who', label: { type: 'plain_text', text: 'Who' }, element: { type: 'plain_text_input', action_id: 'v' } },
            { type: 'actions', elements: [{ type: 'button', action_id: 'more', text: { type: 'plain_text', text: 'More' } }] },
          ],
        },
      });
    });
    app.view('greet', async ({ ack, view }) => {
      const who = view.state.values.who?.v?.value;
      if (!who) return ack({ response_action: 'errors', errors: { who: 'Required' } });
      if (who === 'long') {
        return ack({ response_action: 'update', view: { type: 'modal', title: { type: 'plain_text', text: 'x'.repeat(30) }, blocks: [] } });
      }
      await ack();
      await app.client.chat.postMessage({ channel: 'C0GENERAL', text: `hello ${who} (${view.private_metadata})` });
    });
    app.action('wave', async ({ ack, respond, body }) => {
      await ack();
      await respond({ text: `waved by ${body.user.id}`, replace_original: true });
    });
    app.action('more', async ({ ack, body, client }) => {
      await ack();
      if (body.type !== 'block_actions' || !body.view) throw new Error('expected an action in a view');
      await client.views.update({
        view_id: body.view.id,
        hash: body.view.hash,
        view: { type: 'modal', callback_id: 'greet', title: { type: 'plain_text', text: 'More' }, blocks: [] },
      });
    });
    app.event('app_mention', async ({ event, client }) => {
      await client.chat.postMessage({ channel: event.channel, text: 'you rang?' });
    });

    const started = await startBoltApp(app);
    stop = started.stop;
    driver = new SlackDriver({ baseUrl: started.baseUrl, signingSecret, fake });
  });
  afterEach(async () => {
    // app.stop() doesn't wait for listeners still working after ack(): each test awaits that work
    // (fake.waitFor) so it can't hit a closed fake and log an error here.
    await stop();
    await fake.close();
    expect(logger.errors()).toEqual([]);
  });

  it('acks a slash command synchronously with 200 and the ack body', async () => {
    const res = await driver.command('U1', '/ping');
    expect(res.status).toBe(200);
    expect(res.body).toBe('pong');
  });

  it('rejects bad signatures and stale timestamps with 401', async () => {
    const body = new URLSearchParams({ command: '/ping', user_id: 'U1', team_id: fake.teamId, text: '' }).toString();
    const now = Math.floor(Date.now() / 1000);

    const bad = await driver.raw(body, { 'x-slack-request-timestamp': String(now), 'x-slack-signature': 'v0=deadbeef' });
    expect(bad.status).toBe(401);

    const old = now - 6 * 60;
    const stale = await driver.raw(body, { 'x-slack-request-timestamp': String(old), 'x-slack-signature': driver.sign(body, old) });
    expect(stale.status).toBe(401);

    const good = await driver.raw(body, { 'x-slack-request-timestamp': String(now), 'x-slack-signature': driver.sign(body, now) });
    expect(good.status).toBe(200);
    expect(good.body).toBe('pong');
  });

  it('routes respond() to the fake response_url and the trigger_id to views.open', async () => {
    const res = await driver.command('U1', '/hello');
    expect(res.status).toBe(200);

    const responded = await fake.waitFor('response_url');
    expect(responded.args).toMatchObject({ text: 'hi there', response_type: 'ephemeral' });
    const opened = await fake.waitFor('views.open');
    expect(opened.response).toMatchObject({ ok: true });
  });

  it('submits the opened view with its private_metadata and returns response_action errors', async () => {
    await driver.command('U1', '/hello');
    await fake.waitFor('views.open');

    const invalid = await driver.viewSubmission('U1', { callback_id: 'greet', values: { who: { v: { type: 'plain_text_input', value: null } } } });
    expect(invalid.body).toEqual({ response_action: 'errors', errors: { who: 'Required' } });

    const ok = await driver.viewSubmission('U1', { callback_id: 'greet', values: { who: { v: { type: 'plain_text_input', value: 'Grace' } } } });
    expect(ok.status).toBe(200);
    const posted = await fake.waitFor('chat.postMessage');
    expect(posted.args.text).toBe('hello Grace ({"from":"hello"})');
  });

  it('sends block actions from inside an opened modal, so views.update with its hash works', async () => {
    await driver.command('U1', '/hello');
    const opened = await fake.waitFor('views.open');

    await driver.blockAction('U1', { action_id: 'more' });
    const updated = await fake.waitFor('views.update');
    expect(updated.args.view_id).toBe((opened.response?.view as { id: string }).id);
    expect(updated.response).toMatchObject({ ok: true });
  });

  it('reports Block Kit problems in a response_action view as ackErrors', async () => {
    const res = await driver.viewSubmission('U1', { callback_id: 'greet', values: { who: { v: { type: 'plain_text_input', value: 'long' } } } });
    expect(res.body).toMatchObject({ response_action: 'update' });
    expect(res.ackErrors).toEqual(['[ERROR] must be less than 25 characters [json-pointer:/view/title/text]']);
  });

  it('sends block actions from a posted message, with a response_url', async () => {
    await app.client.chat.postMessage({
      channel: 'C0GENERAL',
      text: 'wave?',
      blocks: [{ type: 'actions', block_id: 'acts', elements: [{ type: 'button', action_id: 'wave', text: { type: 'plain_text', text: 'Wave' } }] }],
    });
    const res = await driver.blockAction('U1', { action_id: 'wave' });
    expect(res.status).toBe(200);
    expect((await fake.waitFor('response_url')).args).toMatchObject({ text: 'waved by U1', replace_original: true });
  });

  it('delivers Events API envelopes, with retry headers when asked', async () => {
    const res = await driver.event({ type: 'app_mention', user: 'U1', channel: 'C0GENERAL', text: '<@U0BOT> hi', ts: '1.000001' });
    expect(res.status).toBe(200);
    expect((await fake.waitFor('chat.postMessage')).args).toMatchObject({ channel: 'C0GENERAL', text: 'you rang?' });

    const retried = await driver.event(
      { type: 'app_mention', user: 'U1', channel: 'C0GENERAL', text: 'again', ts: '1.000002' },
      { eventId: 'Ev1', retryNum: 1 },
    );
    expect(retried.status).toBe(200);
    // Bolt hands retries to listeners like any event (context.retryNum is set); dedup is the app's job.
    await fake.waitFor('chat.postMessage', (c) => c !== fake.callsTo('chat.postMessage')[0]);
  });
});
