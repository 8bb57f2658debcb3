// The first rules through a whole year: the clock walks from late November 2026 to late
// November 2027, ticking the engine once a day (17:00 UTC) and minute by minute around two
// nudges; the test checks exactly which nudges went out, to whom, for which instant (10:00 in
// Chicago, on both sides of DST), on which tick, and that nothing was doubled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../src/features/reminders/rules.js';
import { businessMeetingRule, electionRule } from '../../src/features/reminders/schedule.js';
import { type Harness, startHarness, textOf } from '../support/harness.js';
import { addGroup, dm, makeEngine } from './reminders-helpers.js';

// The rules this feature ships (the registry also holds other features' rules).
const rules = [businessMeetingRule, electionRule];

let h: Harness;
let openData: number;
let dataViz: number;
let quiet: number;

beforeAll(async () => {
  h = await startHarness({ now: '2026-11-25T00:00:00Z', adminUserIds: ['USTAFF'] });
  h.fake.addUser({ id: 'U1', email: 'una@example.org' });
  h.fake.addUser({ id: 'U2', email: 'ann@example.org' }); // a convener known to Convene only by email
  h.fake.addUser({ id: 'U3', email: 'vic@example.org' });
  h.fake.addUser({ id: 'U4', email: 'old@example.org' });
  openData = await addGroup(h.prisma, { name: 'Open Data', conveners: [{ slackUserId: 'U1' }, { email: 'ann@example.org' }, { email: 'ghost@example.org' }] });
  dataViz = await addGroup(h.prisma, { name: 'Data Viz', kind: 'PLA_IG', conveners: [{ slackUserId: 'U3' }] });
  quiet = await addGroup(h.prisma, { name: 'Quiet Group' });
  await addGroup(h.prisma, { name: 'Gone Group', status: 'DISSOLVED', conveners: [{ slackUserId: 'U4' }] });
});
afterAll(() => h?.close());

/** Things the groups do during the year, at the instant they happen. */
const events: [string, () => Promise<unknown>][] = [
  ['2026-12-05T18:00:00Z', () => h.prisma.businessMeeting.create({ data: { groupId: openData, heldOn: new Date('2027-01-12T00:00:00Z'), format: 'VIRTUAL', recordedBy: 'U1' } })],
  ['2027-03-10T18:00:00Z', () => h.prisma.election.create({ data: { groupId: openData, year: 2027, closesAt: new Date('2027-04-20T05:00:00Z'), createdBy: 'U1' } })],
  ['2027-05-10T18:00:00Z', () => h.prisma.businessMeeting.create({ data: { groupId: dataViz, heldOn: new Date('2027-05-08T00:00:00Z'), format: 'IN_PERSON', recordedBy: 'U3' } })],
];

describe('a year of business-meeting and election nudges', () => {
  it('sends exactly the expected nudges, at 10:00 Chicago time, once each', async () => {
    const engine = makeEngine(h, { rules, instanceId: 'walker' });
    const ticks: number[] = [];
    for (let t = Date.parse('2026-11-25T17:00:00Z'); t <= Date.parse('2027-11-25T17:00:00Z'); t += DAY) ticks.push(t);
    // Minute by minute around the first December and the first May nudge (10:00 CST / CDT).
    for (const at of ['2026-12-01T15:58:00Z', '2026-12-01T15:59:00Z', '2026-12-01T16:00:00Z', '2026-12-01T16:01:00Z']) ticks.push(Date.parse(at));
    for (const at of ['2027-05-01T14:58:00Z', '2027-05-01T14:59:00Z', '2027-05-01T15:00:00Z', '2027-05-01T15:01:00Z']) ticks.push(Date.parse(at));
    ticks.sort((a, b) => a - b);
    const pending = [...events];
    const sentAtTick = new Map<number, number>();
    for (const t of ticks) {
      h.clock.current = new Date(t);
      while (pending[0] && Date.parse(pending[0][0]) <= t) await pending.shift()![1]();
      const r = await engine.tick();
      expect(r.errors).toEqual([]);
      if (r.sent) sentAtTick.set(t, r.sent);
    }
    const firstTickFrom = (iso: string) => ticks.find((t) => t >= Date.parse(iso))!;

    const dec1 = '2026-12-01T16:00:00.000Z'; // 10:00 CST
    const dec15 = '2026-12-15T16:00:00.000Z';
    const mar1 = '2027-03-01T16:00:00.000Z'; // before DST starts (Mar 14)
    const may1 = '2027-05-01T15:00:00.000Z'; // 10:00 CDT
    const may15 = '2027-05-15T15:00:00.000Z';

    const sent = await h.prisma.reminderDelivery.findMany({ where: { status: 'SENT' }, include: { occurrence: true }, orderBy: { id: 'asc' } });
    const got = sent.map((d) => `${d.recipient} ${d.occurrence.ruleId} ${d.occurrence.subject} ${d.occurrence.dueAt.toISOString()}`).sort();
    const want = [
      ...['U1', 'U2'].flatMap((u) => [
        `${u} meetings.business group:${openData}:meeting:2027-01 ${dec1}`,
        `${u} elections.convener group:${openData}:election:2027 ${mar1}`,
        `${u} meetings.business group:${openData}:meeting:2027-06 ${may1}`,
        `${u} meetings.business group:${openData}:meeting:2027-06 ${may15}`,
      ]),
      // Data Viz is a PLA interest group: business meetings are a Core interest group's duty (kinds.ts).
    ].sort();
    expect(got).toEqual(want);
    // Each went out on the first tick at or after its instant: to the minute where the clock moved by minutes.
    for (const d of sent) expect(d.sentAt!.getTime()).toBe(firstTickFrom(d.occurrence.dueAt.toISOString()));
    expect(sentAtTick.get(Date.parse(dec1))).toBe(2); // U1, U2 (Open Data); none at 15:59
    expect(sentAtTick.has(Date.parse('2026-12-01T15:59:00Z'))).toBe(false);
    expect(sentAtTick.get(Date.parse(may1))).toBe(2);
    expect(sentAtTick.has(Date.parse('2027-05-01T14:59:00Z'))).toBe(false);

    // What Slack received: one DM per delivery, nothing doubled, nobody else messaged.
    const posts = h.fake.callsTo('chat.postMessage');
    expect(posts).toHaveLength(want.length);
    expect(h.fake.messagesIn(dm('U1'))).toHaveLength(4);
    expect(h.fake.messagesIn(dm('U2'))).toHaveLength(4);
    expect(h.fake.messagesIn(dm('U3'))).toHaveLength(0);
    expect(h.fake.messagesIn(dm('U4'))).toHaveLength(0);
    expect(h.fake.messagesIn()).toHaveLength(want.length);

    // The parts of the audience nobody could reach are recorded with the reason.
    const skipped = await h.prisma.reminderDelivery.findMany({ where: { status: 'SKIPPED' }, include: { occurrence: true } });
    expect(skipped.filter((d) => d.recipient === 'email:ghost@example.org').map((d) => [d.occurrence.dueAt.toISOString(), d.reason])).toEqual([
      [dec1, 'no Slack account has this email'],
      [mar1, 'no Slack account has this email'],
      [may1, 'no Slack account has this email'],
      [may15, 'no Slack account has this email'],
    ]);
    // Data Viz (a PLA interest group) was never asked about at all.
    expect(await h.prisma.reminderOccurrence.count({ where: { subject: { startsWith: `group:${dataViz}:` } } })).toBe(0);
    const quietSkips = skipped.filter((d) => d.recipient === `group:${quiet}:conveners`);
    expect(quietSkips.map((d) => d.occurrence.dueAt.toISOString()).sort()).toEqual(
      [dec1, dec15, mar1, '2027-04-15T15:00:00.000Z', may1, may15].sort(),
    );
    expect(new Set(quietSkips.map((d) => d.reason))).toEqual(new Set(['the group has no current conveners']));
    expect(await h.prisma.reminderDelivery.count({ where: { status: { in: ['FAILED', 'GAVE_UP', 'SENDING'] } } })).toBe(0);
  });

  it('gives each deadline in the reader\'s own zone with a Chicago fallback, and carries the button', () => {
    const [january, election, june] = h.fake.messagesIn(dm('U1'));
    const token = (instant: string, fallback: string) => `<!date^${Date.parse(instant) / 1000}^{date_short_pretty} {time}|${fallback}>`;

    const jan = textOf(january as unknown as Record<string, unknown>);
    expect(jan).toContain('*January business meeting: Open Data*');
    expect(jan).toContain(token('2027-02-01T05:59:59Z', 'Sun, Jan 31, 2027 11:59 PM CST'));
    expect(january!.blocks).toContainEqual(
      expect.objectContaining({ type: 'actions', elements: [expect.objectContaining({ action_id: 'conveners.meeting.open', value: String(openData) })] }),
    );

    const el = textOf(election as unknown as Record<string, unknown>);
    expect(el).toContain('No convener election is recorded for Open Data in 2027');
    expect(el).toContain(token('2027-05-01T04:59:59Z', 'Fri, Apr 30, 2027 11:59 PM CDT'));
    expect(election!.blocks).toContainEqual(
      expect.objectContaining({ type: 'actions', elements: [expect.objectContaining({ action_id: 'conveners.election.open', value: String(openData) })] }),
    );

    expect(textOf(june as unknown as Record<string, unknown>)).toContain(token('2027-07-01T04:59:59Z', 'Wed, Jun 30, 2027 11:59 PM CDT'));
  });

  it('sends nothing twice after a restart, even when asked about past instants again', async () => {
    const before = h.fake.callsTo('chat.postMessage').length;
    const restarted = makeEngine(h, { rules, instanceId: 'restarted' });
    for (const at of ['2026-12-01T16:00:00Z', '2026-12-02T00:00:00Z', '2027-03-01T16:30:00Z', '2027-05-15T15:00:00Z']) {
      const r = await restarted.tick(new Date(at));
      expect({ at, sent: r.sent, skipped: r.skipped }).toEqual({ at, sent: 0, skipped: 0 });
    }
    expect((await restarted.tick()).sent).toBe(0);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(before);
  });
});
