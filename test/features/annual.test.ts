// Annual Conference space requests through Slack's HTTP surface: staff set up the conference,
// conveners request (and edit until decided), staff confirm or decline, the convener and the
// group channel are told, requests close at the date set, and the nudges go out once.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { annualSpaceRule } from '../../src/features/annual/schedule.js';
import { allRules } from '../../src/features/reminders/registry.js';
import { type Harness, startHarness, textOf } from '../support/harness.js';
import { addGroup, addPeople, clickModal, inputElement, labels, messageText, occurrences, slash, slashModal, submit, v } from './conveners-support.js';
import { makeEngine } from './reminders-helpers.js';

let h: Harness;
const groups: Record<string, number> = {};

beforeAll(async () => {
  // May 1, 2027, 10:00 in Chicago.
  h = await startHarness({ adminUserIds: ['UADMIN'], now: '2027-05-01T15:00:00Z' });
  await addPeople(h, [
    { id: 'UADMIN', email: 'admin@example.org' },
    { id: 'UANN', email: 'ann@example.org', memberships: 'Core' },
    { id: 'UBOB', email: 'bob@example.org', memberships: 'Core' },
    { id: 'UCAT', email: 'cat@example.org', memberships: 'Core' },
    { id: 'UPAM', email: 'pam@example.org', memberships: 'PLA' },
    { id: 'UDAN', email: 'dan@example.org' },
  ]);
  h.fake.addChannel({ id: 'COPEN', name: 'ig-open-data', members: [h.fake.botUserId] });
  groups.open = await addGroup(h.prisma, { name: 'Open Data', channelId: 'COPEN', members: ['UDAN'], terms: [{ slackUserId: 'UANN', year: 2026 }] });
  groups.health = await addGroup(h.prisma, { name: 'Health', terms: [{ slackUserId: 'UBOB', year: 2026 }] });
  groups.meta = await addGroup(h.prisma, { name: 'Metadata', terms: [{ slackUserId: 'UCAT', year: 2026 }] });
  groups.pla = await addGroup(h.prisma, { name: 'Small Libraries', kind: 'PLA_IG', terms: [{ slackUserId: 'UPAM', year: 2026 }] });
});
afterAll(() => h?.close());
beforeEach(() => h.fake.reset());

const settings = (close = '2027-05-31') => ({ name: v.text('ALA Annual 2027'), firstDay: v.date('2027-06-25'), lastDay: v.date('2027-06-29'), closeOn: v.date(close) });
const request = (attendance = '25') => ({
  days: v.checks(['2027-06-26', '2027-06-27']),
  times: v.checks(['afternoon']),
  attendance: v.text(attendance),
  notes: v.text('Round tables, <please>'),
  ack: v.checks(['yes']),
});
let conferenceId = 0;
const meta = (g: string) => JSON.stringify({ groupId: groups[g], conferenceId });

describe('setting up the conference', () => {
  it('tells conveners when there is nothing to request yet, and keeps the queue to staff', async () => {
    expect((await slash(h, 'UANN', '/ig', 'annual')).text).toContain("Staff haven't set up the next Annual Conference yet");
    expect((await slash(h, 'UANN', '/ig', 'admin annual')).text).toBe('Only staff can use `/ig admin`.');
    expect(h.fake.callsTo('views.open')).toHaveLength(0);
  });

  it('lets staff set the name, days and close date from the queue', async () => {
    const queue = await slash(h, 'UADMIN', '/ig', 'admin annual');
    expect(queue.text).toContain('No upcoming Annual Conference is set up');
    const view = await clickModal(h, 'UADMIN', 'annual.settings.open', 'settings', 'CADMIN');
    expect(labels(view)).toEqual({ name: 'Conference name', firstDay: 'First day', lastDay: 'Last day', closeOn: 'Requests close' });
    const bad = await submit(h, 'UADMIN', 'annual.settings', { ...settings('2027-06-25'), lastDay: v.date('2027-06-20') }, view.private_metadata as string);
    expect(bad.errors).toEqual({ lastDay: 'The last day is before the first day.', closeOn: 'Requests must close before the conference starts.' });
    const ok = await submit(h, 'UADMIN', 'annual.settings', settings(), view.private_metadata as string);
    expect(ok.text).toContain('*ALA Annual 2027*: Jun 25, 2027 to Jun 29, 2027. Space requests close May 31, 2027.');
    const row = await h.prisma.annualConference.findFirstOrThrow();
    conferenceId = row.id;
    expect(row.requestsCloseOn.toISOString().slice(0, 10)).toBe('2027-05-31');
    expect(await h.prisma.auditLog.count({ where: { action: 'annual.conference_created' } })).toBe(1);
  });
});

describe('requesting space', () => {
  it('refuses groups whose kind does not request and people who do not convene', async () => {
    expect((await slash(h, 'UPAM', '/ig', 'annual')).text).toContain('*Small Libraries* is a PLA interest group; only Core interest groups request discussion space at Annual');
    expect((await slash(h, 'UDAN', '/ig', 'annual open data')).text).toContain('Only the conveners of *Open Data* (<@UANN>) and staff can request space at Annual');
    expect((await submit(h, 'UDAN', 'annual.request', request(), meta('open'))).text).toContain('Only the conveners of *Open Data*');
    expect(await h.prisma.annualSpaceRequest.count()).toBe(0);
  });

  it('opens the form with the conference days and the acknowledgement, and checks every field', async () => {
    const view = await slashModal(h, 'UANN', '/ig', 'annual');
    expect(labels(view)).toEqual({ days: 'Preferred days', times: 'Preferred times', attendance: 'Expected attendance', notes: 'Notes', ack: 'Terms' });
    const days = inputElement(view, 'days') as { options: { text: { text: string }; value: string }[] };
    expect(days.options.map((o) => o.text.text)).toEqual(['Friday, June 25', 'Saturday, June 26', 'Sunday, June 27', 'Monday, June 28', 'Tuesday, June 29']);
    expect(JSON.stringify(view.blocks)).toContain('default room layout applies, no A/V support is provided, and the space is for discussion, not formal programming');
    const bad = await submit(h, 'UANN', 'annual.request', { days: v.checks(['2027-07-04']), attendance: v.text('lots') }, view.private_metadata as string);
    expect(bad.errors).toEqual({ times: 'Choose at least one time of day.', attendance: 'Say how many people you expect, as a number.', ack: 'Please acknowledge the terms.' });
    expect((await submit(h, 'UANN', 'annual.request', { ...request(), days: v.checks(['2027-07-04']) }, view.private_metadata as string)).errors).toEqual({ days: 'Choose days of the conference.' });
    expect(await h.prisma.annualSpaceRequest.count()).toBe(0);
  });

  it('files one request per group, editable until decided', async () => {
    const first = await submit(h, 'UANN', 'annual.request', request(), meta('open'));
    expect(first.text).toContain('Requested space at *ALA Annual 2027* for *Open Data*');
    expect(first.text).toContain('*Days:* Saturday, June 26; Sunday, June 27');
    expect(first.text).toContain('Round tables, &lt;please&gt;');
    const again = await slashModal(h, 'UANN', '/ig', 'annual open data');
    expect((inputElement(again, 'attendance') as { initial_value: string }).initial_value).toBe('25');
    const edited = await submit(h, 'UANN', 'annual.request', request('40'), meta('open'));
    expect(edited.text).toContain('Saved the changes to the request of *Open Data*');
    const rows = await h.prisma.annualSpaceRequest.findMany();
    expect(rows.map((r) => [r.groupId, r.attendance, r.days, r.times, r.status])).toEqual([[groups.open, 40, ['2027-06-26', '2027-06-27'], ['afternoon'], 'PENDING']]);
    expect(await h.prisma.auditLog.count({ where: { action: { in: ['annual.requested', 'annual.request_edited'] } } })).toBe(2);
    expect((await submit(h, 'UBOB', 'annual.request', request('12'), meta('health'))).text).toContain('for *Health*');
  });
});

describe('staff decide', () => {
  it('lists the requests with Confirm and Decline', async () => {
    const queue = await slash(h, 'UADMIN', '/ig', 'admin annual');
    expect(queue.text).toContain('2 requests, 2 waiting');
    expect(queue.text).toContain('*Open Data* · :hourglass: Pending · by <@UANN>');
    const buttons = (queue.blocks as { elements?: { action_id: string; value: string }[] }[]).flatMap((b) => b.elements ?? []).map((e) => e.action_id);
    expect(buttons.filter((a) => a === 'annual.confirm.open')).toHaveLength(2);
    expect(buttons.filter((a) => a === 'annual.decline.open')).toHaveLength(2);
  });

  it('confirms with a room and time and tells the convener and the group channel', async () => {
    const id = (await h.prisma.annualSpaceRequest.findFirstOrThrow({ where: { groupId: groups.open } })).id;
    expect((await submit(h, 'UANN', 'annual.confirm', { room: v.text('Room 204') }, JSON.stringify({ requestId: id }))).text).toContain('Only staff can decide Annual space requests');
    const view = await clickModal(h, 'UADMIN', 'annual.confirm.open', String(id), 'CADMIN');
    expect(labels(view)).toEqual({ room: 'Room', day: 'Day', start: 'Starts (HH:MM, 24-hour)', end: 'Ends (HH:MM, 24-hour)' });
    const bad = await submit(h, 'UADMIN', 'annual.confirm', { room: v.text('Room 204'), day: v.select('2027-06-26'), start: v.text('15:00'), end: v.text('14:00') }, view.private_metadata as string);
    expect(bad.errors).toEqual({ end: 'The end is not after the start.' });
    const ok = await submit(h, 'UADMIN', 'annual.confirm', { room: v.text('Room 204'), day: v.select('2027-06-26'), start: v.text('14:00'), end: v.text('15:00') }, view.private_metadata as string);
    expect(ok.text).toContain('*Room 204*, Sat, Jun 26 · 2:00–3:00 PM');
    const dm = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'UANN');
    expect(textOf(dm.args)).toContain('Discussion space at *ALA Annual 2027* is confirmed for *Open Data*: *Room 204*, Sat, Jun 26 · 2:00–3:00 PM.');
    const post = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'COPEN');
    expect(textOf(post.args)).toContain('is confirmed for *Open Data*');
    const row = await h.prisma.annualSpaceRequest.findUniqueOrThrow({ where: { id } });
    expect([row.status, row.room, row.slotStart, row.slotEnd, row.decidedBy]).toEqual(['CONFIRMED', 'Room 204', '14:00', '15:00', 'UADMIN']);
    expect(await h.prisma.auditLog.count({ where: { action: 'annual.confirmed', subjectId: String(id) } })).toBe(1);
    // Decided: no more edits, no second decision.
    expect((await slash(h, 'UANN', '/ig', 'annual open data')).text).toContain('has been confirmed, so it can\'t be changed');
    expect((await submit(h, 'UANN', 'annual.request', request('99'), meta('open'))).errors).toEqual({ days: expect.stringContaining('has been confirmed') });
    expect((await submit(h, 'UADMIN', 'annual.decline', { reason: v.text('Oops') }, JSON.stringify({ requestId: id }))).text).toContain('was already confirmed');
  });

  it('declines with a reason, told to the convener', async () => {
    const id = (await h.prisma.annualSpaceRequest.findFirstOrThrow({ where: { groupId: groups.health } })).id;
    const view = await clickModal(h, 'UADMIN', 'annual.decline.open', String(id), 'CADMIN');
    expect((await submit(h, 'UADMIN', 'annual.decline', {}, view.private_metadata as string)).errors).toEqual({ reason: 'Give the reason.' });
    const ok = await submit(h, 'UADMIN', 'annual.decline', { reason: v.text('No rooms left on those days') }, view.private_metadata as string);
    expect(ok.text).toContain('was declined. Reason: No rooms left on those days');
    const dm = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'UBOB');
    expect(textOf(dm.args)).toContain('The request of *Health* for discussion space at *ALA Annual 2027* was declined. Reason: No rooms left on those days');
    expect((await h.prisma.annualSpaceRequest.findUniqueOrThrow({ where: { id } })).declineReason).toBe('No rooms left on those days');
  });
});

describe('nudges and the close date', () => {
  it('nudges conveners of eligible groups without a request 14 and 3 days before the close, once', async () => {
    expect(allRules()).toContain(annualSpaceRule);
    const all = await occurrences(h, annualSpaceRule, '2027-05-01T00:00:00Z', '2027-06-30T00:00:00Z');
    expect(all.map((o) => [o.subject, o.dueAt.toISOString()])).toEqual([
      [`group:${groups.meta}:annual:${conferenceId}`, '2027-05-17T15:00:00.000Z'],
      [`group:${groups.meta}:annual:${conferenceId}`, '2027-05-28T15:00:00.000Z'],
    ]);
    expect(messageText(all[0]!)).toContain('Requests for in-person discussion space at *ALA Annual 2027* close in 14 days');
    h.clock.set('2027-05-17T15:05:00Z');
    const engine = makeEngine(h, { rules: [annualSpaceRule], transitions: [] });
    await engine.tick();
    await engine.tick();
    const nudges = h.fake.callsTo('chat.postMessage').filter((c) => textOf(c.args).includes('ALA Annual 2027'));
    expect(nudges.map((c) => c.args.channel)).toEqual(['UCAT']);
    expect(textOf(nudges[0]!.args)).toContain('Request space');
    // The button opens the form for the nudged group.
    const view = await clickModal(h, 'UCAT', 'annual.request.open', String(groups.meta), 'DCAT');
    expect(view.private_metadata).toBe(meta('meta'));
  });

  it('refuses requests after the close date, on opening and on the field', async () => {
    h.clock.set('2027-06-01T04:59:00Z'); // 11:59 PM May 31 in Chicago: still open
    const view = await slashModal(h, 'UCAT', '/ig', 'annual');
    h.clock.set('2027-06-01T05:00:00Z');
    expect((await slash(h, 'UCAT', '/ig', 'annual')).text).toContain('Requests for space at *ALA Annual 2027* closed on May 31, 2027');
    expect((await submit(h, 'UCAT', 'annual.request', request(), view.private_metadata as string)).errors).toEqual({ days: expect.stringContaining('closed on May 31, 2027') });
    expect(await h.prisma.annualSpaceRequest.count({ where: { groupId: groups.meta } })).toBe(0);
    expect(await occurrences(h, annualSpaceRule, '2027-05-29T00:00:00Z', '2027-07-30T00:00:00Z')).toEqual([]);
  });
});
