// The app's Slack surface itself: signatures, event retries, health, App Home, admin roles.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness, textOf } from '../support/harness.js';
import { makeEngine } from './reminders-helpers.js';

let h: Harness;

async function ig(user: string, text: string) {
  const before = h.fake.callsTo('response_url').length;
  const ack = await h.driver.command(user, '/ig', text);
  expect(ack.status).toBe(200);
  const reply = await h.fake.waitFor('response_url', () => h.fake.callsTo('response_url').length > before);
  return textOf(reply.args);
}

async function counts() {
  const [audit, events, people, members] = await Promise.all([
    h.prisma.auditLog.count(),
    h.prisma.processedEvent.count(),
    h.prisma.person.count(),
    h.prisma.groupMember.count(),
  ]);
  return { audit, events, people, members };
}

beforeAll(async () => {
  h = await startHarness({ adminUserIds: ['UADMIN'] });
  h.fake.addUser({ id: 'UADMIN', email: 'admin@example.org' });
  h.fake.addUser({ id: 'UMEMBER', email: 'member@example.org' });
  await h.prisma.group.create({ data: { name: 'Open Data', key: 'opendata', kind: 'CORE_IG', eligibility: 'ANYONE' } });
});
afterAll(() => h?.close());
beforeEach(() => h.fake.reset());

describe('request signatures', () => {
  const body = new URLSearchParams({
    command: '/ig',
    text: 'join open data',
    user_id: 'UMEMBER',
    channel_id: 'C0GENERAL',
    team_id: 'T0FAKE',
    trigger_id: '1.2.3',
    response_url: 'http://127.0.0.1:9/response/x',
  }).toString();

  it('rejects a bad signature with 401, calling no Web API and writing nothing', async () => {
    const before = await counts();
    const ts = Math.floor(Date.now() / 1000);
    const res = await h.driver.raw(body, { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': 'v0=' + '0'.repeat(64) });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.fake.calls).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it('rejects a correctly signed request older than five minutes', async () => {
    const before = await counts();
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await h.driver.raw(body, { 'x-slack-request-timestamp': String(old), 'x-slack-signature': h.driver.sign(body, old) });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.fake.calls).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it('accepts the same request signed now', async () => {
    const ts = Math.floor(Date.now() / 1000);
    const signed = body.replace(encodeURIComponent('http://127.0.0.1:9/response/x'), encodeURIComponent(h.fake.responseUrl()));
    const res = await h.driver.raw(signed, { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': h.driver.sign(signed, ts) });
    expect(res.status).toBe(200);
    const reply = await h.fake.waitFor('response_url');
    expect(textOf(reply.args)).toContain('You joined *Open Data*');
  });
});

describe('events', () => {
  it('publishes the App Home with the member\'s groups', async () => {
    const res = await h.driver.event({ type: 'app_home_opened', user: 'UMEMBER', tab: 'home', channel: 'D123' }, { eventId: 'Ev-home-1' });
    expect(res.status).toBe(200);
    const publish = await h.fake.waitFor('views.publish');
    expect(publish.args.user_id).toBe('UMEMBER');
    expect(textOf(publish.args)).toContain('Open Data');
  });

  it('handles a retried event (X-Slack-Retry-Num) only once', async () => {
    const event = { type: 'app_home_opened', user: 'UADMIN', tab: 'home', channel: 'D124' };
    expect((await h.driver.event(event, { eventId: 'Ev-retry-1' })).status).toBe(200);
    await h.fake.waitFor('views.publish');
    expect((await h.driver.event(event, { eventId: 'Ev-retry-1', retryNum: 1, retryReason: 'http_timeout' })).status).toBe(200);
    expect((await h.driver.event(event, { eventId: 'Ev-retry-1', retryNum: 2, retryReason: 'http_timeout' })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    // Only UADMIN's: a join in an earlier test refreshes UMEMBER's App Home in the background.
    const admins = () => h.fake.callsTo('views.publish').filter((c) => c.args.user_id === 'UADMIN');
    expect(admins()).toHaveLength(1);
    expect(await h.prisma.processedEvent.count({ where: { eventId: 'Ev-retry-1' } })).toBe(1);
    // A different event from the same user is handled.
    await h.driver.event(event, { eventId: 'Ev-retry-2' });
    await h.fake.waitFor('views.publish', () => admins().length === 2);
  });
});

describe('event de-duplication records', () => {
  it('are forgotten by the engine two days after they arrive', async () => {
    const now = h.clock.now().getTime();
    await h.prisma.processedEvent.createMany({
      data: [
        { eventId: 'Ev-old', receivedAt: new Date(now - 3 * 24 * 3600_000) },
        { eventId: 'Ev-recent', receivedAt: new Date(now - 24 * 3600_000) },
      ],
    });
    expect((await makeEngine(h).tick()).errors).toEqual([]);
    const left = (await h.prisma.processedEvent.findMany({ where: { eventId: { in: ['Ev-old', 'Ev-recent'] } } })).map((e) => e.eventId);
    expect(left).toEqual(['Ev-recent']);
  });
});

describe('GET /healthz', () => {
  it('answers 200 with a small JSON body when the database is migrated', async () => {
    const res = await fetch(`http://127.0.0.1:${h.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: h.db.kind });
  });
});

describe('/ig admin', () => {
  it('is refused to anyone who is not staff', async () => {
    expect(await ig('UMEMBER', 'admin')).toContain('Only staff can use `/ig admin`');
    expect(await ig('UMEMBER', 'admin grant staff <@UMEMBER>')).toContain('Only staff');
    expect(await h.prisma.roleGrant.count({ where: { slackUserId: 'UMEMBER' } })).toBe(0);
  });

  it('shows staff the roles and channels', async () => {
    const text = await ig('UADMIN', 'admin');
    expect(text).toContain('*Staff* (`staff`): <@UADMIN>');
    expect(text).toContain('*Committee on Organization* (`coo`): _nobody yet_');
    expect(text).toContain('*petitions*: _not set_');
  });

  it('grants and revokes committee roles, with an audit trail', async () => {
    expect(await ig('UADMIN', 'admin grant igcc <@UMEMBER|member>')).toContain('Interest Group Coordination Committee granted: <@UMEMBER>');
    expect(await ig('UADMIN', 'admin grant igcc <@UMEMBER>')).toContain('already had it');
    expect(await h.prisma.roleGrant.findMany({ where: { slackUserId: 'UMEMBER' }, select: { role: true, grantedBy: true } })).toEqual([{ role: 'IGCC', grantedBy: 'UADMIN' }]);
    expect(await ig('UADMIN', 'admin revoke igcc <@UMEMBER>')).toContain('revoked: <@UMEMBER>');
    expect(await h.prisma.roleGrant.count({ where: { slackUserId: 'UMEMBER' } })).toBe(0);
    const trail = await h.prisma.auditLog.findMany({ where: { subjectId: 'UMEMBER', action: { startsWith: 'role.' } }, orderBy: { id: 'asc' } });
    expect(trail.map((a) => [a.actor, a.action])).toEqual([
      ['UADMIN', 'role.granted'],
      ['UADMIN', 'role.revoked'],
    ]);
  });

  it('explains bad role commands', async () => {
    expect(await ig('UADMIN', 'admin grant wizard <@UMEMBER>')).toContain('"wizard" is not a role');
    expect(await ig('UADMIN', 'admin grant coo member')).toContain('mention each person with @');
    expect(await ig('UADMIN', 'admin revoke staff <@UADMIN>')).toContain('no staff at all');
    expect(await h.prisma.roleGrant.count({ where: { slackUserId: 'UADMIN', role: 'STAFF' } })).toBe(1);
  });

  it('sets and clears the app channels', async () => {
    expect(await ig('UADMIN', 'admin channel staff <#CSTAFF|ig-staff>')).toContain('The *staff* channel is now <#CSTAFF>');
    expect(await h.prisma.setting.findUnique({ where: { key: 'channel.staff' } })).toMatchObject({ value: 'CSTAFF', updatedBy: 'UADMIN' });
    expect(await ig('UADMIN', 'admin')).toContain('*staff*: <#CSTAFF>');
    expect(await ig('UADMIN', 'admin channel staff none')).toContain('cleared');
    expect(await h.prisma.setting.count({ where: { key: 'channel.staff' } })).toBe(0);
    expect(await ig('UADMIN', 'admin channel lunch <#C1>')).toContain('Usage: `/ig admin channel');
  });
});
