// Delivery under faults: 429 with Retry-After, archived and missing channels, retries with
// backoff then one report to staff, downtime catch-up, crashed claims, and several engines
// ticking the same instant against one database.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { DAY, HOUR } from '../../src/features/reminders/rules.js';
import { type Harness, startHarness, textOf } from '../support/harness.js';
import { dropSchema, testSchemaName } from '../support/postgres.js';
import { addGroup, dm, fixedRule, makeEngine, note, recordingSleep } from './reminders-helpers.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ now: '2027-01-10T12:00:00Z', adminUserIds: ['USTAFF', 'USTAFF2'] });
  for (const id of ['USTAFF', 'USTAFF2', 'U1', 'U2', 'U3']) h.fake.addUser({ id, email: `${id.toLowerCase()}@example.org` });
  h.fake.addChannel({ id: 'COK', name: 'ok', members: [h.fake.botUserId] });
  h.fake.addChannel({ id: 'COK2', name: 'ok-two', members: [h.fake.botUserId] });
  h.fake.addChannel({ id: 'CARCH', name: 'old-group', is_archived: true });
  h.fake.addChannel({ id: 'CSTAFF', name: 'ig-staff', members: [h.fake.botUserId] });
});
afterAll(() => h?.close());
beforeEach(() => h.fake.reset());

/** Texts posted to a channel (or a user's DM) since the last reset. */
const sentTo = (channel: string) =>
  h.fake
    .callsTo('chat.postMessage')
    .filter((c) => c.response?.ok && c.response.channel === channel)
    .map((c) => c.args.text);
const ledger = (ruleId: string) =>
  h.prisma.reminderDelivery.findMany({ where: { occurrence: { ruleId } }, include: { occurrence: true }, orderBy: { id: 'asc' } });

describe('Slack rate limits', () => {
  it('waits out a 429 for its Retry-After (through the injected sleep) and then delivers', async () => {
    const rule = fixedRule('t.ratelimit', [note('a', '2027-01-10T12:00:00Z', { kind: 'channel', channelId: 'COK' }, 'after the 429')], HOUR);
    const { calls, sleep } = recordingSleep();
    h.fake.failNext('chat.postMessage', 'ratelimited', { status: 429, retryAfter: 2 });
    const r = await makeEngine(h, { rules: [rule], sleep }).tick();

    expect(calls).toEqual([2000]);
    expect(r.sent).toBe(1);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(2); // the 429, then the post
    expect(sentTo('COK')).toEqual(['after the 429']);
    expect(await ledger('t.ratelimit')).toMatchObject([{ status: 'SENT', attempts: 1, recipient: 'COK', lastError: null }]);
  });

  it('keeps each channel under one message a second, without holding up other channels', async () => {
    const rule = fixedRule(
      't.throttle',
      ['x', 'y', 'z'].map((s) => note(s, '2027-01-10T12:00:00Z', { kind: 'channel', channelId: 'COK2' }, s)).concat(note('u', '2027-01-10T12:00:00Z', { kind: 'users', userIds: ['U3'] }, 'u')),
      HOUR,
    );
    const { calls, sleep } = recordingSleep();
    const r = await makeEngine(h, { rules: [rule], sleep }).tick();
    expect(r.sent).toBe(4);
    expect(sentTo('COK2').sort()).toEqual(['x', 'y', 'z']);
    expect(sentTo(dm('U3'))).toEqual(['u']);
    // Two waits for the second and third message to COK2, each close to a second.
    expect(calls).toHaveLength(2);
    for (const ms of calls) expect(ms).toBeGreaterThan(800);
  });
});

describe('fan-out', () => {
  it('posts to several channels at once: one waiting out a Retry-After does not hold up the others', async () => {
    const channels = Array.from({ length: 6 }, (_, i) => `CFAN${i}`);
    for (const id of channels) h.fake.addChannel({ id, name: `fan-${id.toLowerCase()}`, members: [h.fake.botUserId] });
    const rule = fixedRule('t.fanout', channels.map((c) => note(c, '2027-01-10T12:00:00Z', { kind: 'channel', channelId: c }, `to ${c}`)), HOUR);
    h.fake.failNext('chat.postMessage', 'ratelimited', { status: 429, retryAfter: 30 });
    // The rate-limited channel's wait ends once the other five have their message (or after 5 s).
    const othersDone = () => h.fake.callsTo('chat.postMessage').filter((c) => c.response?.ok).length >= channels.length - 1;
    let othersPostedDuringTheWait = false;
    const sleep = async () => {
      const until = Date.now() + 5000;
      while (!othersDone() && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
      othersPostedDuringTheWait = othersDone();
    };
    const r = await makeEngine(h, { rules: [rule], sleep }).tick();
    expect(othersPostedDuringTheWait).toBe(true);
    expect(r.sent).toBe(channels.length);
    for (const c of channels) expect(sentTo(c)).toEqual([`to ${c}`]);
  });
});

describe('failed deliveries', () => {
  it('records an archived channel as FAILED with the reason while the other deliveries go on', async () => {
    h.clock.set('2027-01-11T12:00:00Z');
    const rule = fixedRule(
      't.archived',
      [
        note('to-archived', '2027-01-11T12:00:00Z', { kind: 'channel', channelId: 'CARCH' }),
        note('to-ok', '2027-01-11T12:00:00Z', { kind: 'channel', channelId: 'COK' }),
        note('to-users', '2027-01-11T12:00:00Z', { kind: 'users', userIds: ['U1', 'U2'] }),
      ],
      HOUR,
    );
    const r = await makeEngine(h, { rules: [rule] }).tick();
    expect({ sent: r.sent, failed: r.failed }).toEqual({ sent: 3, failed: 1 });
    expect(r.outcomes).toContainEqual(expect.objectContaining({ subject: 'to-archived', recipient: 'CARCH', status: 'FAILED', reason: 'is_archived' }));
    expect(sentTo('COK')).toEqual(['nudge to-ok']);
    expect(sentTo(dm('U1'))).toEqual(['nudge to-users']);
    expect(sentTo(dm('U2'))).toEqual(['nudge to-users']);
    const failed = (await ledger('t.archived')).find((d) => d.recipient === 'CARCH')!;
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 1, lastError: 'is_archived', nextAttemptAt: new Date('2027-01-11T12:05:00Z') });
  });

  it('retries with backoff, gives up after the last attempt and tells the staff channel once', async () => {
    await h.prisma.setting.upsert({ where: { key: 'channel.staff' }, create: { key: 'channel.staff', value: 'CSTAFF', updatedBy: 'USTAFF' }, update: { value: 'CSTAFF' } });
    h.clock.set('2027-01-12T12:00:00Z');
    const rule = fixedRule('t.gone', [note('to-gone', '2027-01-12T12:00:00Z', { kind: 'channel', channelId: 'CGONE' }), note('fine', '2027-01-12T12:00:00Z', { kind: 'channel', channelId: 'COK' })], DAY);
    const engine = makeEngine(h, { rules: [rule] });
    const attemptsAt = async (at: string) => {
      h.clock.set(at);
      await engine.tick();
      return (await ledger('t.gone')).find((d) => d.recipient === 'CGONE')!;
    };

    expect(await attemptsAt('2027-01-12T12:00:00Z')).toMatchObject({ status: 'FAILED', attempts: 1, lastError: 'channel_not_found' });
    expect(await attemptsAt('2027-01-12T12:04:00Z')).toMatchObject({ status: 'FAILED', attempts: 1 }); // not yet
    expect(await attemptsAt('2027-01-12T12:05:00Z')).toMatchObject({ status: 'FAILED', attempts: 2, nextAttemptAt: new Date('2027-01-12T12:35:00Z') });
    expect(await attemptsAt('2027-01-12T12:35:00Z')).toMatchObject({ status: 'FAILED', attempts: 3, nextAttemptAt: new Date('2027-01-12T14:35:00Z') });
    expect(sentTo('CSTAFF')).toHaveLength(0);
    expect(await attemptsAt('2027-01-12T14:35:00Z')).toMatchObject({ status: 'GAVE_UP', attempts: 4, lastError: 'channel_not_found', reportedAt: new Date('2027-01-12T14:35:00Z') });

    const report = h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'CSTAFF');
    expect(report).toHaveLength(1);
    const text = textOf(report[0]!.args);
    expect(text).toContain('could not deliver 1 reminder');
    expect(text).toContain('*Label to-gone* (`t.gone`');
    expect(text).toContain('to <#CGONE>: `channel_not_found` after 4 attempts');

    await attemptsAt('2027-01-12T18:00:00Z');
    await attemptsAt('2027-01-13T18:00:00Z');
    expect(sentTo('CSTAFF')).toHaveLength(1);
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'CGONE')).toHaveLength(4);
    expect(sentTo('COK')).toEqual(['nudge fine']);
  });

  it('reports to each staff member by DM when no staff channel is set', async () => {
    await h.prisma.setting.deleteMany({ where: { key: 'channel.staff' } });
    h.clock.set('2027-01-14T12:00:00Z');
    const rule = fixedRule('t.gone-dm', [note('to-gone', '2027-01-14T12:00:00Z', { kind: 'channel', channelId: 'CGONE2' })], DAY);
    const engine = makeEngine(h, { rules: [rule] });
    for (const at of ['2027-01-14T12:00:00Z', '2027-01-14T12:05:00Z', '2027-01-14T12:35:00Z', '2027-01-14T14:35:00Z', '2027-01-14T15:00:00Z']) {
      h.clock.set(at);
      await engine.tick();
    }
    expect(sentTo(dm('USTAFF2'))).toHaveLength(1);
    expect(sentTo(dm('USTAFF'))).toEqual([expect.stringContaining('could not deliver 1 reminder')]);
  });

  it('does not retry what no longer applies, nor a paused rule', async () => {
    h.clock.set('2027-01-15T12:00:00Z');
    const rule = fixedRule(
      't.moot',
      [note('filed-later', '2027-01-15T12:00:00Z', { kind: 'channel', channelId: 'CARCH' }), note('paused-later', '2027-01-15T12:00:00Z', { kind: 'channel', channelId: 'CARCH' })],
      DAY,
    );
    const engine = makeEngine(h, { rules: [rule] });
    expect((await engine.tick()).failed).toBe(2);
    rule.list = rule.list.filter((o) => o.subject !== 'filed-later'); // e.g. the report was filed meanwhile
    h.clock.set('2027-01-15T12:05:00Z');
    expect((await engine.tick()).outcomes.map((o) => [o.subject, o.status, o.reason])).toEqual([
      ['filed-later', 'SKIPPED', 'no longer applies'],
      ['paused-later', 'FAILED', 'is_archived'],
    ]);
    await h.prisma.reminderRuleState.update({ where: { ruleId: 't.moot' }, data: { paused: true } });
    h.clock.set('2027-01-15T12:35:00Z');
    expect((await engine.tick()).outcomes.map((o) => [o.subject, o.status, o.reason])).toEqual([['paused-later', 'SKIPPED', 'rule paused']]);
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'CARCH')).toHaveLength(3);
  });
});

describe('downtime', () => {
  it('sends a missed occurrence late while the rule allows, and records older ones as skipped', async () => {
    const rule = fixedRule(
      't.downtime',
      [
        note('old', '2027-02-02T12:00:00Z', { kind: 'channel', channelId: 'COK' }),
        note('older-still-unseen', '2027-02-03T11:00:00Z', { kind: 'channel', channelId: 'COK' }),
        note('recent', '2027-02-05T00:00:00Z', { kind: 'channel', channelId: 'COK' }, 'sent late'),
      ],
      DAY,
    );
    h.clock.set('2027-02-01T12:00:00Z');
    expect((await makeEngine(h, { rules: [rule], instanceId: 'before-outage' }).tick()).outcomes).toEqual([]);

    // Down for four days; a new process starts.
    h.clock.set('2027-02-05T12:00:00Z');
    const r = await makeEngine(h, { rules: [rule], instanceId: 'after-outage' }).tick();
    expect(r.outcomes.map((o) => [o.subject, o.status, o.reason])).toEqual([
      ['old', 'SKIPPED', 'too late: 3 days after it was due (this rule allows 1 day)'],
      ['older-still-unseen', 'SKIPPED', 'too late: 2 days after it was due (this rule allows 1 day)'],
      ['recent', 'SENT', undefined],
    ]);
    expect(sentTo('COK')).toEqual(['sent late']);
    const occurrences = await h.prisma.reminderOccurrence.findMany({ where: { ruleId: 't.downtime' }, orderBy: { dueAt: 'asc' } });
    expect(occurrences.map((o) => [o.subject, o.status])).toEqual([
      ['old', 'SKIPPED'],
      ['older-still-unseen', 'SKIPPED'],
      ['recent', 'EXPANDED'],
    ]);
  });

  it('catches up on the business-meeting nudge after an outage over December 1', async () => {
    h.fake.addUser({ id: 'UCONV', email: 'conv@example.org' });
    await addGroup(h.prisma, { name: 'Outage Group', conveners: [{ slackUserId: 'UCONV' }] });
    const { businessMeetingRule } = await import('../../src/features/reminders/schedule.js');
    h.clock.set('2026-11-29T17:00:00Z');
    await makeEngine(h, { rules: [businessMeetingRule] }).tick();
    h.clock.set('2026-12-03T09:00:00Z'); // back two days later: within the rule's three days
    const r = await makeEngine(h, { rules: [businessMeetingRule], instanceId: 'back' }).tick();
    expect(r.outcomes.filter((o) => o.recipient === 'UCONV').map((o) => o.status)).toEqual(['SENT']);
    expect(sentTo(dm('UCONV'))).toHaveLength(1);
  });
});

describe('crashed processes', () => {
  it('takes over claims a dead process left behind, but not a live one\'s', async () => {
    h.clock.set('2027-03-01T12:00:00Z');
    const rule = fixedRule(
      't.crash',
      [
        note('claimed-not-expanded', '2027-03-01T11:45:00Z', { kind: 'channel', channelId: 'COK' }, 'recovered occurrence'),
        note('sending-stale', '2027-03-01T11:45:00Z', { kind: 'channel', channelId: 'COK2' }, 'recovered delivery'),
        note('sending-live', '2027-03-01T11:45:00Z', { kind: 'users', userIds: ['U3'] }, 'live'),
      ],
      DAY,
    );
    const stale = new Date('2027-03-01T11:49:00Z'); // 11 minutes ago
    const live = new Date('2027-03-01T11:58:00Z');
    const occ = (subject: string, status: 'CLAIMED' | 'EXPANDED', claimedAt: Date) =>
      h.prisma.reminderOccurrence.create({ data: { ruleId: 't.crash', subject, dueAt: new Date('2027-03-01T11:45:00Z'), status, claimedBy: 'dead', claimedAt } });
    await occ('claimed-not-expanded', 'CLAIMED', stale);
    const o2 = await occ('sending-stale', 'EXPANDED', stale);
    const o3 = await occ('sending-live', 'EXPANDED', live);
    await h.prisma.reminderDelivery.create({ data: { occurrenceId: o2.id, recipient: 'COK2', status: 'SENDING', claimedBy: 'dead', claimedAt: stale } });
    await h.prisma.reminderDelivery.create({ data: { occurrenceId: o3.id, recipient: 'U3', status: 'SENDING', claimedBy: 'slow', claimedAt: live } });

    const r = await makeEngine(h, { rules: [rule], instanceId: 'survivor' }).tick();
    expect(r.outcomes.map((o) => [o.subject, o.status]).sort()).toEqual([
      ['claimed-not-expanded', 'SENT'],
      ['sending-stale', 'SENT'],
    ]);
    expect(sentTo('COK')).toEqual(['recovered occurrence']);
    expect(sentTo('COK2')).toEqual(['recovered delivery']);
    expect(sentTo(dm('U3'))).toEqual([]);
    expect(await h.prisma.reminderDelivery.findFirst({ where: { recipient: 'U3', occurrenceId: o3.id } })).toMatchObject({ status: 'SENDING', claimedBy: 'slow' });
  });

  it('logs a rule that throws and goes on with the others', async () => {
    h.clock.set('2027-03-02T12:00:00Z');
    const broken = { id: 't.broken', description: 'throws', latenessMs: HOUR, occurrences: async () => Promise.reject(new Error('boom')) };
    const fine = fixedRule('t.fine', [note('ok', '2027-03-02T12:00:00Z', { kind: 'channel', channelId: 'COK' }, 'still sent')], HOUR);
    const r = await makeEngine(h, { rules: [broken, fine] }).tick();
    expect(r.errors).toEqual(['rule t.broken: boom']);
    expect(r.sent).toBe(1);
  });
});

describe('several engines on one database', () => {
  const audiences = (n: number) =>
    Array.from({ length: n }, (_, i) => note(`s${i}`, '2027-04-01T12:00:00Z', i % 2 ? { kind: 'channel', channelId: 'COK' } : { kind: 'users', userIds: ['U1', 'U2'] }, `race ${i}`));

  /** A rule whose first `engines` calls all return before any engine may claim: every engine then races for every occurrence. */
  function racingRule(id: string, n: number, engines: number) {
    const rule = fixedRule(id, audiences(n), HOUR);
    const list = rule.occurrences.bind(rule);
    let arrived = 0;
    let release!: () => void;
    const barrier = new Promise<void>((resolve) => (release = resolve));
    rule.occurrences = async (ctx, window) => {
      if (++arrived === engines) release();
      await barrier;
      return list(ctx, window);
    };
    return rule;
  }

  it('sends each nudge once when two engines tick the same instant (PGlite, one connection)', async () => {
    h.clock.set('2027-04-01T12:00:00Z');
    const rule = racingRule('t.race', 8, 2);
    const [a, b] = await Promise.all([makeEngine(h, { rules: [rule], instanceId: 'A' }).tick(), makeEngine(h, { rules: [rule], instanceId: 'B' }).tick()]);
    expect(a.sent + b.sent).toBe(12); // 4 to COK, 4 × (U1, U2)
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(12);
    expect(sentTo('COK').sort()).toEqual(['race 1', 'race 3', 'race 5', 'race 7']);
  });

  const pgUrl = process.env.TEST_DATABASE_URL;
  it.skipIf(!pgUrl)('sends each nudge once when three processes share one PostgreSQL schema', async () => {
    const schema = testSchemaName();
    const dbs = [];
    for (let i = 0; i < 3; i++) dbs.push(await openDatabase({ databaseUrl: pgUrl!, dataDir: 'unused', schema }));
    try {
      await dbs[0]!.migrate();
      const rule = racingRule('t.pg-race', 20, 3);
      h.clock.set('2027-04-01T12:00:00Z');
      const engines = dbs.map((db, i) => makeEngine(h, { rules: [rule], instanceId: `proc-${i}`, prisma: db.prisma }));
      const results = await Promise.all(engines.map((e) => e.tick()));
      expect(results.reduce((n, r) => n + r.sent, 0)).toBe(30);
      expect(h.fake.callsTo('chat.postMessage')).toHaveLength(30);
      // Again, from every process: nothing new.
      const again = await Promise.all(engines.map((e) => e.tick()));
      expect(again.reduce((n, r) => n + r.sent, 0)).toBe(0);
      const claimers = await dbs[1]!.prisma.reminderDelivery.groupBy({ by: ['claimedBy'], _count: true });
      expect(claimers.reduce((n, c) => n + c._count, 0)).toBe(30);
    } finally {
      for (const db of dbs) await db.close();
      await dropSchema(pgUrl!, schema);
    }
  });
});
