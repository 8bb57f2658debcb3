// Conveners, terms and business meetings through Slack's HTTP surface.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { businessMeetingRule } from '../../src/features/reminders/schedule.js';
import { type Harness, startHarness, textOf } from '../support/harness.js';
import { addGroup, addPeople, clickModal, clickReply, inputElement, labels, occurrences, slash, slashModal, submit, v } from './conveners-support.js';

let h: Harness;
let openData: number;

beforeAll(async () => {
  // March 10, 2027, 10:00 in Chicago.
  h = await startHarness({ adminUserIds: ['UADMIN'], now: '2027-03-10T16:00:00Z' });
  await addPeople(h, [
    { id: 'UADMIN', email: 'admin@example.org' },
    { id: 'UANN', email: 'ann@example.org', memberships: 'Core;ALA' },
    { id: 'UBOB', email: 'bob@example.org', memberships: 'Core' },
    { id: 'UCAT', email: 'cat@example.org', memberships: 'ALA' },
    { id: 'ULEE', email: 'lee@example.org', memberships: 'Core', standing: 'lapsed' },
    { id: 'UDAN', email: 'dan@example.org', memberships: 'ALA' },
    { id: 'UEVE', email: 'eve@example.org', memberships: 'Core' },
  ]);
  h.fake.addChannel({ id: 'COPEN', name: 'ig-open-data', members: [h.fake.botUserId] });
  h.fake.addChannel({ id: 'CSTAFF', name: 'ig-staff', members: [h.fake.botUserId] });
  // Ann has convened since 2025: once known only by her email (imported), then by Slack id.
  openData = await addGroup(h.prisma, {
    name: 'Open Data',
    channelId: 'COPEN',
    members: ['UANN', 'UDAN'],
    terms: [
      { email: 'ann@example.org', year: 2025 },
      { slackUserId: 'UANN', year: 2026 },
    ],
  });
  await h.prisma.setting.create({ data: { key: 'channel.staff', value: 'CSTAFF', updatedBy: 'UADMIN' } });
});
afterAll(() => h?.close());
beforeEach(() => h.fake.reset());

const addValues = (person: string, starts = '2027-07-01', ends = '2028-06-30') => ({ person: v.user(person), starts: v.date(starts), ends: v.date(ends) });
const meta = () => JSON.stringify({ groupId: openData });

describe('/ig conveners', () => {
  it('lists current and incoming conveners; members see no way to add one', async () => {
    const reply = await slash(h, 'UDAN', '/ig', 'conveners open data');
    expect(reply.text).toContain('*Conveners of Open Data*\n• <@UANN> — Jul 1, 2026 – Jun 30, 2027');
    expect(reply.text).toContain('No incoming convener recorded yet');
    expect(reply.text).not.toContain('Add incoming convener');
  });

  it('offers the current convener a modal defaulting to the next term', async () => {
    const reply = await slash(h, 'UANN', '/ig', 'conveners');
    expect(reply.text).toContain('Add incoming convener');
    const view = await clickModal(h, 'UANN', 'conveners.add', String(openData));
    expect(view.callback_id).toBe('conveners.add.modal');
    expect(labels(view)).toEqual({ person: 'Convener', starts: 'First day of the term', ends: 'Last day of the term' });
    expect(inputElement(view, 'starts').initial_date).toBe('2027-07-01');
    expect(inputElement(view, 'ends').initial_date).toBe('2028-06-30');
  });

  it('refuses a third consecutive year in the same office, with the reason, and stores nothing', async () => {
    const r = await submit(h, 'UANN', 'conveners.add.modal', addValues('UANN'), meta());
    expect(r.errors?.person).toContain("UANN can't serve that term: it would make 3 consecutive years as convener of Open Data (2025–26, 2026–27 and 2027–28)");
    expect(await h.prisma.convenerTerm.count({ where: { groupId: openData } })).toBe(2);
  });

  it('refuses someone who is not a Core member in good standing', async () => {
    expect((await submit(h, 'UANN', 'conveners.add.modal', addValues('UCAT'), meta())).errors?.person).toContain('must be Core members');
    expect((await submit(h, 'UANN', 'conveners.add.modal', addValues('ULEE'), meta())).errors?.person).toContain('lapsed');
    expect((await submit(h, 'UANN', 'conveners.add.modal', { starts: v.date('2027-07-01'), ends: v.date('2027-06-01') }, meta())).errors).toEqual({
      person: 'Choose the incoming convener.',
    });
    expect((await submit(h, 'UANN', 'conveners.add.modal', addValues('UBOB', '2027-07-01', '2027-06-01'), meta())).errors).toEqual({ ends: 'The term must end after it starts.' });
    expect(await h.prisma.convenerTerm.count({ where: { groupId: openData } })).toBe(2);
  });

  it('adds an incoming convener and reports the name to the staff channel', async () => {
    const r = await submit(h, 'UANN', 'conveners.add.modal', addValues('UBOB'), meta());
    expect(r.errors).toBeUndefined();
    expect(r.text).toContain('<@UBOB> will convene *Open Data* for the term Jul 1, 2027 – Jun 30, 2028');
    const post = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'CSTAFF');
    expect(textOf(post.args)).toContain('Incoming convener for *Open Data* (added by <@UANN>):\n• <@UBOB> — Jul 1, 2027 – Jun 30, 2028');
    const term = await h.prisma.convenerTerm.findFirstOrThrow({ where: { groupId: openData, slackUserId: 'UBOB' } });
    expect([term.startsOn.toISOString().slice(0, 10), term.endsOn.toISOString().slice(0, 10), term.email]).toEqual(['2027-07-01', '2028-06-30', 'bob@example.org']);
    expect(await h.prisma.auditLog.count({ where: { action: 'convener.added', actor: 'UANN' } })).toBe(1);
    expect((await slash(h, 'UDAN', '/ig', 'conveners open data')).text).toContain('*Incoming*\n• <@UBOB> — Jul 1, 2027 – Jun 30, 2028');
  });

  it('lets co-conveners overlap but not the same person twice', async () => {
    const again = await submit(h, 'UANN', 'conveners.add.modal', addValues('UBOB', '2027-09-01', '2028-06-30'), meta());
    expect(again.errors?.person).toBe('UBOB already convenes Open Data from Jul 1, 2027 to Jun 30, 2028, which overlaps that term.');
    // Staff add a co-convener; with no staff channel chosen, staff are told by DM.
    await h.prisma.setting.delete({ where: { key: 'channel.staff' } });
    const co = await submit(h, 'UADMIN', 'conveners.add.modal', addValues('UEVE'), meta());
    expect(co.text).toContain('<@UEVE> will convene');
    const dm = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'UADMIN');
    expect(textOf(dm.args)).toContain('(added by <@UADMIN>)');
    await h.prisma.setting.create({ data: { key: 'channel.staff', value: 'CSTAFF', updatedBy: 'UADMIN' } });
  });

  it('refuses people who are neither staff nor a current convener, naming the conveners', async () => {
    const reply = await clickReply(h, 'UDAN', 'conveners.add', String(openData), 'COPEN');
    expect(reply.text).toBe('Only the conveners of *Open Data* (<@UANN>) and staff can add conveners.');
    expect(h.fake.callsTo('views.open')).toHaveLength(0);
    const forged = await submit(h, 'UDAN', 'conveners.add.modal', addValues('UDAN'), meta());
    expect(forged.text).toContain('Only the conveners of *Open Data*');
    expect(await h.prisma.convenerTerm.count({ where: { slackUserId: 'UDAN' } })).toBe(0);
  });
});

describe('/ig meeting', () => {
  it('opens the modal for the only group the convener has, and checks the fields', async () => {
    const view = await slashModal(h, 'UANN', '/ig', 'meeting');
    expect(view.callback_id).toBe('conveners.meeting.modal');
    expect(labels(view)).toEqual({ date: 'Date held', format: 'Format', notes: 'Notes', link: 'Minutes or recording link' });
    expect(inputElement(view, 'date').initial_date).toBe('2027-03-10');
    const future = await submit(h, 'UANN', 'conveners.meeting.modal', { date: v.date('2027-03-11'), format: v.radio('VIRTUAL') }, meta());
    expect(future.errors).toEqual({ date: 'Record a meeting once it has been held: that day is still ahead.' });
    const bad = await submit(h, 'UANN', 'conveners.meeting.modal', { date: v.date('2027-01-20'), link: v.url('javascript:alert(1)') }, meta());
    expect(bad.errors).toEqual({ format: 'Say whether it was virtual or in person.', link: 'Give a web address starting with https://' });
    expect(await h.prisma.businessMeeting.count()).toBe(0);
  });

  it('records the meeting as activity, tells the channel, and stops that season\'s nudges', async () => {
    const december = ['2026-11-30T00:00:00Z', '2026-12-31T00:00:00Z'] as const;
    expect((await occurrences(h, businessMeetingRule, ...december)).map((o) => o.subject)).toContain(`group:${openData}:meeting:2027-01`);
    const r = await submit(h, 'UANN', 'conveners.meeting.modal', { date: v.date('2027-01-20'), format: v.radio('VIRTUAL'), notes: v.text('Chose <!channel> topics'), link: v.url('https://example.org/minutes') }, meta());
    expect(r.text).toContain('Recorded the virtual business meeting of *Open Data* held Jan 20, 2027');
    const post = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'COPEN');
    expect(textOf(post.args)).toContain('Chose &lt;!channel&gt; topics');
    const meeting = await h.prisma.businessMeeting.findFirstOrThrow({ where: { groupId: openData } });
    expect([meeting.heldOn.toISOString().slice(0, 10), meeting.format, meeting.link, meeting.recordedBy]).toEqual(['2027-01-20', 'VIRTUAL', 'https://example.org/minutes', 'UANN']);
    const group = await h.prisma.group.findUniqueOrThrow({ where: { id: openData } });
    expect(group.lastActivityAt?.toISOString()).toBe('2027-01-20T18:00:00.000Z');
    expect((await occurrences(h, businessMeetingRule, ...december)).map((o) => o.subject)).not.toContain(`group:${openData}:meeting:2027-01`);
  });

  it('opens from the "Record a meeting" button of a nudge in a DM, for conveners and staff only', async () => {
    const view = await clickModal(h, 'UADMIN', 'conveners.meeting.open', String(openData), 'DADMIN');
    expect(view.private_metadata).toBe(meta());
    const refused = await clickReply(h, 'UDAN', 'conveners.meeting.open', String(openData), 'DDAN');
    expect(refused.text).toContain('Only the conveners of *Open Data* (<@UANN>) and staff can record its business meetings.');
  });

  it('tells someone who convenes nothing who records meetings', async () => {
    expect((await slash(h, 'UDAN', '/ig', 'meeting')).text).toContain("you don't convene a group");
  });
});
