// Zoom room booking through Slack's HTTP surface: staff define rooms, conveners book in their own
// zone (shown back in theirs and the org's), the database refuses overlaps (50 at once → one),
// cancel, move, my bookings, the day's calendar, the calendar file, the reminder, IG Week holds.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadWeek } from '../../src/features/igweek/service.js';
import { type Harness, startHarness, textOf } from '../support/harness.js';
import { type Answer, click, coreGroup, slotsOf, unix } from './igweek-support.js';
import { makeEngine } from './reminders-helpers.js';

let h: Harness;
const LA = 'America/Los_Angeles';

beforeAll(async () => {
  h = await startHarness({ adminUserIds: ['USTAFF'], now: '2027-01-10T16:00:00Z' });
  h.fake.addUser({ id: 'USTAFF', email: 'staff@example.org', name: 'staff', tz: 'America/Chicago' });
  h.fake.addUser({ id: 'UNOBODY', email: 'nobody@example.org', name: 'nobody' });
  await coreGroup(h, 'Metadata Interest Group', 'UMETA');
  h.fake.addUser({ id: 'UMETA', email: 'umeta@example.org', name: 'umeta', tz: LA });
  await coreGroup(h, 'Preservation Interest Group', 'UPRES'); // America/New_York
  const pla = await h.prisma.group.create({ data: { name: 'Health', key: 'health', kind: 'PLA_IG', eligibility: 'PLA_MEMBERS' } });
  h.fake.addUser({ id: 'UPLA', email: 'upla@example.org', name: 'upla' });
  await h.prisma.convenerTerm.create({ data: { groupId: pla.id, slackUserId: 'UPLA', startsOn: new Date('2026-07-01'), endsOn: new Date('2027-06-30') } });
});
afterAll(() => h?.close());
beforeEach(() => h.fake.reset());

/** `/ig <text>` and its ephemeral answer. */
async function ig(user: string, text: string): Promise<Answer> {
  const responseUrl = h.fake.responseUrl();
  const ack = await h.driver.command(user, '/ig', text, { responseUrl });
  expect(ack.status).toBe(200);
  const reply = await h.fake.waitFor('response_url', (c) => c.url === responseUrl);
  return { ...reply.args, text: textOf(reply.args) } as Answer;
}

/** `/ig <text>` that opens a modal: the view opened (with the id Slack gave it). */
async function igModal(user: string, text: string): Promise<Record<string, unknown> & { id: string; private_metadata: string }> {
  const before = h.fake.callsTo('views.open').length;
  await h.driver.command(user, '/ig', text, { responseUrl: h.fake.responseUrl() });
  const call = await h.fake.waitFor('views.open', () => h.fake.callsTo('views.open').length > before);
  expect(call.response?.ok, JSON.stringify(call.response)).toBe(true);
  return { ...(call.args.view as Record<string, unknown>), id: (call.response!.view as { id: string }).id } as never;
}

const text = (value: string) => ({ type: 'plain_text_input', value });
const select = (value: string) => ({ type: 'static_select', selected_option: { value } });

function roomValues(v: { name: string; capacity: string; joinUrl: string; access: string; igWeek?: boolean }) {
  return {
    name: { name: text(v.name) },
    capacity: { capacity: text(v.capacity) },
    joinUrl: { joinUrl: { type: 'url_text_input', value: v.joinUrl } },
    access: { access: { type: 'radio_buttons', selected_option: { value: v.access } } },
    igWeek: { igWeek: { type: 'checkboxes', selected_options: v.igWeek ? [{ value: 'yes' }] : [] } },
  };
}

function bookValues(v: { room: number; date: string; start: string; end: string; purpose: string; group?: number }) {
  return {
    ...(v.group ? { group: { group: select(String(v.group)) } } : {}),
    room: { 'rooms.pick-room': select(String(v.room)) },
    date: { 'rooms.pick-date': { type: 'datepicker', selected_date: v.date } },
    start: { start: { type: 'timepicker', selected_time: v.start } },
    end: { end: { type: 'timepicker', selected_time: v.end } },
    purpose: { purpose: text(v.purpose) },
  };
}

async function submitBooking(user: string, metadata: string, v: Parameters<typeof bookValues>[0]) {
  const ack = await h.driver.viewSubmission(user, { callback_id: 'rooms.book', private_metadata: metadata, values: bookValues(v) });
  expect(ack.status).toBe(200);
  return ack.body as { response_action: string; errors?: Record<string, string>; view?: Record<string, unknown> };
}

const roomNamed = (name: string) => h.prisma.room.findUniqueOrThrow({ where: { name } });
const metaOf = (o: object) => JSON.stringify(o);

describe('staff define the rooms', () => {
  it('adds a room in a modal, checks the join link, and audits it; non-staff are refused', async () => {
    expect((await ig('UMETA', 'admin rooms')).text).toContain('Only staff');
    const view = await igModal('USTAFF', 'admin rooms add');
    expect(view.callback_id).toBe('rooms.room');
    const bad = await h.driver.viewSubmission('USTAFF', { callback_id: 'rooms.room', private_metadata: view.private_metadata, values: roomValues({ name: 'Core Zoom Room 1', capacity: 'lots', joinUrl: 'http://zoom.us/j/1', access: 'CONVENERS' }) });
    const errors = (bad.body as { errors: Record<string, string> }).errors;
    expect(errors.joinUrl).toContain('https://');
    expect(errors.capacity).toContain('whole number');
    expect(await h.prisma.room.count()).toBe(0);

    const ok = await h.driver.viewSubmission('USTAFF', { callback_id: 'rooms.room', private_metadata: view.private_metadata, values: roomValues({ name: 'Core Zoom Room 1', capacity: '100', joinUrl: 'https://zoom.us/j/111', access: 'CONVENERS' }) });
    expect(textOf(ok.body as Record<string, unknown>)).toContain('Added *Core Zoom Room 1* (100 people, conveners of any group)');
    await h.driver.viewSubmission('USTAFF', { callback_id: 'rooms.room', values: roomValues({ name: 'Core Room 2', capacity: '300', joinUrl: 'https://zoom.us/j/222', access: 'CORE_CONVENERS', igWeek: true }) });
    await h.driver.viewSubmission('USTAFF', { callback_id: 'rooms.room', values: roomValues({ name: 'Staff Room', capacity: '10', joinUrl: 'https://zoom.us/j/333', access: 'STAFF' }) });
    const dup = await h.driver.viewSubmission('USTAFF', { callback_id: 'rooms.room', values: roomValues({ name: 'Staff Room', capacity: '10', joinUrl: 'https://zoom.us/j/333', access: 'STAFF' }) });
    expect((dup.body as { errors: Record<string, string> }).errors.name).toContain('already has this name');
    expect(await h.prisma.room.count()).toBe(3);
    expect(await h.prisma.auditLog.count({ where: { action: 'rooms.room.added', actor: 'USTAFF' } })).toBe(3);

    const list = await ig('USTAFF', 'admin rooms');
    expect(list.text).toContain('*Core Zoom Room 1* · 100 people · Conveners of any group');
    expect(list.text).toContain('*Core Room 2* · 300 people · Conveners of Core interest groups · :calendar: IG Week room');
  });

  it('edits a room from its Edit button (the IG Week mark moves; only one room has it)', async () => {
    const room = await roomNamed('Core Zoom Room 1');
    await ig('USTAFF', 'admin rooms');
    await h.driver.blockAction('USTAFF', { action_id: 'rooms.edit', value: String(room.id) });
    const open = await h.fake.waitFor('views.open');
    const view = open.args.view as { private_metadata: string };
    expect(JSON.parse(view.private_metadata)).toEqual({ roomId: room.id });
    await h.driver.viewSubmission('USTAFF', { callback_id: 'rooms.room', private_metadata: view.private_metadata, values: roomValues({ name: 'Core Zoom Room 1', capacity: '150', joinUrl: 'https://zoom.us/j/111', access: 'CONVENERS', igWeek: true }) });
    expect(await roomNamed('Core Zoom Room 1')).toMatchObject({ capacity: 150, igWeek: true });
    expect((await roomNamed('Core Room 2')).igWeek).toBe(false);
    expect(await h.prisma.auditLog.count({ where: { action: 'rooms.room.edited' } })).toBe(1);
  });
});

describe('booking a room', () => {
  it('opens the form in the booker\'s own zone with the rooms they may book and the day\'s free times', async () => {
    const view = await igModal('UMETA', 'room');
    expect(view.callback_id).toBe('rooms.book');
    const meta = JSON.parse(view.private_metadata);
    expect(meta.zone).toBe(LA);
    expect(textOf(view)).toContain('For *Metadata Interest Group*. Times are in your Slack time zone, *America/Los_Angeles*.');
    // 16:00 UTC is 8:00 AM in Los Angeles: the rest of today is free.
    expect(textOf(view)).toContain('*Free times of Core Zoom Room 1 on Sunday, January 10* (your time, America/Los_Angeles): 8:00 AM–midnight');
    const options = JSON.stringify((view.blocks as { block_id: string }[]).find((b) => b.block_id === 'room'));
    expect(options).toContain('Core Zoom Room 1');
    expect(options).toContain('Core Room 2');
    expect(options).not.toContain('Staff Room');
  });

  it('books in the booker\'s zone and shows it back in theirs and the org\'s; a DM keeps the buttons', async () => {
    const room = await roomNamed('Core Zoom Room 1');
    const r = await submitBooking('UMETA', metaOf({ groupId: (await h.prisma.group.findFirstOrThrow({ where: { name: 'Metadata Interest Group' } })).id, zone: LA }), { room: room.id, date: '2027-01-12', start: '10:00', end: '11:00', purpose: 'Steering <committee>' });
    expect(r.response_action).toBe('update');
    const shown = textOf(r as never);
    expect(shown).toContain('*Core Zoom Room 1* is booked for *Metadata Interest Group*.');
    // 10:00 Los Angeles = 18:00 UTC = 12:00 PM Central.
    expect(shown).toContain(`*When:* Tue, Jan 12 · 12:00–1:00 PM CST (<!date^${unix('2027-01-12T18:00:00Z')}^{date_short_pretty} {time}|`);
    expect(shown).toContain('*As you entered it:* Tue, Jan 12 · 10:00–11:00 AM PST (America/Los_Angeles)');
    expect(shown).toContain('Steering &lt;committee&gt;');
    expect(shown).toContain('https://zoom.us/j/111');
    const row = await h.prisma.roomBooking.findFirstOrThrow({ where: { bookedBy: 'UMETA' } });
    expect(row).toMatchObject({ roomId: room.id, startsAt: new Date('2027-01-12T18:00:00Z'), endsAt: new Date('2027-01-12T19:00:00Z'), purpose: 'Steering <committee>', zone: LA });
    expect(await h.prisma.auditLog.count({ where: { action: 'rooms.booking.created', actor: 'UMETA', subjectId: String(row.id) } })).toBe(1);
    const dm = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'UMETA');
    expect(JSON.stringify(dm.args.blocks)).toContain('rooms.ics');
  });

  it('refreshes the free times when the booker picks another day', async () => {
    const view = await igModal('UMETA', 'room');
    const room = await roomNamed('Core Zoom Room 1');
    await h.driver.blockAction('UMETA', { action_id: 'rooms.pick-date', type: 'datepicker', selected_date: '2027-01-12' }, { view: { id: view.id, callback_id: 'rooms.book', private_metadata: view.private_metadata, values: bookValues({ room: room.id, date: '2027-01-12', start: '', end: '', purpose: '' }) } });
    const update = await h.fake.waitFor('views.update');
    expect(update.response?.ok, JSON.stringify(update.response)).toBe(true);
    expect(textOf(update.args.view as never)).toContain('*Free times of Core Zoom Room 1 on Tuesday, January 12* (your time, America/Los_Angeles): 12:00 AM–10:00 AM, 11:00 AM–midnight');
  });

  it('checks the times on their fields: end after start, at most 4 hours, not past, within a year', async () => {
    const room = await roomNamed('Core Zoom Room 1');
    const meta = metaOf({ groupId: (await h.prisma.group.findFirstOrThrow({ where: { name: 'Metadata Interest Group' } })).id, zone: LA });
    const at = (date: string, start: string, end: string) => submitBooking('UMETA', meta, { room: room.id, date, start, end, purpose: 'Planning' });
    expect((await at('2027-01-13', '11:00', '10:00')).errors).toEqual({ end: 'The end must be after the start.' });
    expect((await at('2027-01-13', '09:00', '13:30')).errors).toEqual({ end: 'A booking can last at most 4 hours.' });
    expect((await at('2027-01-09', '09:00', '10:00')).errors).toEqual({ start: 'That time has passed; pick a later start.' });
    expect((await at('2028-02-01', '09:00', '10:00')).errors).toEqual({ date: 'Rooms can be booked up to 365 days ahead.' });
    const empty = await h.driver.viewSubmission('UMETA', { callback_id: 'rooms.book', private_metadata: meta, values: {} });
    expect(Object.keys((empty.body as { errors: Record<string, string> }).errors).sort()).toEqual(['date', 'end', 'purpose', 'room', 'start']);
    expect(await h.prisma.roomBooking.count()).toBe(1);
  });

  it('refuses an overlap with who holds the room and the nearest free times, in the booker\'s zone', async () => {
    const room = await roomNamed('Core Zoom Room 1');
    const pres = await h.prisma.group.findFirstOrThrow({ where: { name: 'Preservation Interest Group' } });
    // UPRES is in New York: 1:30–2:30 PM EST overlaps 1:00–2:00 PM EST (10–11 AM Los Angeles).
    const r = await submitBooking('UPRES', metaOf({ groupId: pres.id, zone: 'America/New_York' }), { room: room.id, date: '2027-01-12', start: '13:30', end: '14:30', purpose: 'Digitization chat' });
    expect(r.errors).toEqual({
      start: 'Core Zoom Room 1 is already booked then: Tue, Jan 12 · 1:00–2:00 PM EST (Metadata Interest Group). Nearest free times: Tue, Jan 12 · 12:00–1:00 PM EST (earlier) or Tue, Jan 12 · 2:00–3:00 PM EST (later).',
    });
    expect(await h.prisma.roomBooking.count({ where: { groupId: pres.id } })).toBe(0);
    // Back to back is fine.
    expect((await submitBooking('UPRES', metaOf({ groupId: pres.id, zone: 'America/New_York' }), { room: room.id, date: '2027-01-12', start: '14:00', end: '15:00', purpose: 'Digitization chat' })).response_action).toBe('update');
  });

  it('50 simultaneous bookings of the same hour: exactly one gets the room', async () => {
    const room = await roomNamed('Core Room 2');
    const meta = metaOf({ groupId: (await h.prisma.group.findFirstOrThrow({ where: { name: 'Metadata Interest Group' } })).id, zone: LA });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => submitBooking('UMETA', meta, { room: room.id, date: '2027-01-20', start: '09:00', end: '10:00', purpose: `Race ${i}` })));
    expect(results.filter((r) => r.response_action === 'update')).toHaveLength(1);
    const refused = results.filter((r) => r.response_action === 'errors');
    expect(refused).toHaveLength(49);
    for (const r of refused) expect(r.errors!.start).toContain('Core Room 2 is already booked then: Wed, Jan 20 · 9:00–10:00 AM PST (Metadata Interest Group).');
    expect(await h.prisma.roomBooking.count({ where: { roomId: room.id, startsAt: new Date('2027-01-20T17:00:00Z') } })).toBe(1);
  });
});

describe('who may book', () => {
  it('refuses people who convene nothing, and conveners of other groups', async () => {
    expect((await ig('UNOBODY', 'room')).text).toContain('Only conveners (for their groups) and staff can book a Zoom room.');
    expect((await ig('UNOBODY', 'room metadata')).text).toContain('Only the conveners of *Metadata Interest Group* (or staff) can book');
    expect((await ig('UPRES', 'room metadata')).text).toContain('Only the conveners of *Metadata Interest Group*');
  });

  it('keeps Core rooms for Core conveners and the staff room for staff, even from a forged form', async () => {
    const pla = await h.prisma.group.findFirstOrThrow({ where: { name: 'Health' } });
    const view = await igModal('UPLA', 'room');
    const options = JSON.stringify((view.blocks as { block_id: string }[]).find((b) => b.block_id === 'room'));
    expect(options).toContain('Core Zoom Room 1');
    expect(options).not.toContain('Core Room 2');
    const core = await roomNamed('Core Room 2');
    const r = await submitBooking('UPLA', metaOf({ groupId: pla.id, zone: LA }), { room: core.id, date: '2027-01-14', start: '09:00', end: '10:00', purpose: 'PLA chat' });
    expect(r.errors).toEqual({ room: 'Core Room 2 is for conveners of core interest groups.' });
    const staffRoom = await roomNamed('Staff Room');
    const meta = metaOf({ groupId: (await h.prisma.group.findFirstOrThrow({ where: { name: 'Metadata Interest Group' } })).id, zone: LA });
    expect((await submitBooking('UMETA', meta, { room: staffRoom.id, date: '2027-01-14', start: '09:00', end: '10:00', purpose: 'x-staff' })).errors).toEqual({ room: 'Staff Room is for staff only.' });
    // Forging another group's id in the form does not help.
    const forged = await submitBooking('UPLA', metaOf({ groupId: (await h.prisma.group.findFirstOrThrow({ where: { name: 'Metadata Interest Group' } })).id, zone: LA }), { room: staffRoom.id, date: '2027-01-14', start: '09:00', end: '10:00', purpose: 'forged' });
    expect(forged.errors!.purpose).toContain('Only the conveners of Metadata Interest Group (or staff)');
    // Staff book any room for any group.
    const staffView = await igModal('USTAFF', 'room health');
    expect(JSON.stringify(staffView.blocks)).toContain('Staff Room');
    expect((await submitBooking('USTAFF', staffView.private_metadata, { room: staffRoom.id, date: '2027-01-14', start: '09:00', end: '10:00', purpose: 'Staff help session' })).response_action).toBe('update');
    expect(await h.prisma.roomBooking.count({ where: { roomId: staffRoom.id } })).toBe(1);
  });
});

describe('my bookings, cancel, move, the calendar file, the day', () => {
  const mineOf = (user: string) => h.prisma.roomBooking.findFirstOrThrow({ where: { bookedBy: user, purpose: 'Steering <committee>' } });

  it('lists my upcoming bookings with Move, Cancel and the calendar file', async () => {
    const mine = await ig('UMETA', 'room mine');
    expect(mine.text).toContain('Your Zoom room bookings');
    expect(mine.text).toContain('*Core Zoom Room 1* · Tue, Jan 12 · 12:00–1:00 PM CST');
    expect(mine.text).toContain('Metadata Interest Group: Steering &lt;committee&gt;');
    expect(JSON.stringify(mine.blocks)).toContain('rooms.cancel');
    expect((await ig('UNOBODY', 'room mine')).text).toContain('You have no upcoming Zoom room bookings');
  });

  it('gives the calendar file as text (UTC times, join link)', async () => {
    const b = await mineOf('UMETA');
    const r = await click(h, 'UMETA', 'rooms.ics', String(b.id));
    expect(r.text).toContain('BEGIN:VCALENDAR');
    expect(r.text).toContain('DTSTART:20270112T180000Z');
    expect(r.text).toContain('DTEND:20270112T190000Z');
    expect(r.text).toContain('URL:https://zoom.us/j/111');
    expect((await click(h, 'UNOBODY', 'rooms.ics', String(b.id))).text).toContain('Only whoever booked it');
  });

  it('moves a booking atomically (same row, new time); a move into a clash is refused and changes nothing', async () => {
    const b = await mineOf('UMETA');
    await h.driver.blockAction('UMETA', { action_id: 'rooms.move', value: String(b.id) }, { channelId: 'C0GENERAL' });
    const open = await h.fake.waitFor('views.open');
    const view = open.args.view as { private_metadata: string; title: { text: string } };
    expect(view.title.text).toBe('Move booking');
    expect(JSON.parse(view.private_metadata)).toMatchObject({ bookingId: b.id, zone: LA });
    // 11:00–12:00 Los Angeles is 2:00–3:00 PM New York: Preservation holds it.
    const clash = await submitBooking('UMETA', view.private_metadata, { room: b.roomId, date: '2027-01-12', start: '11:00', end: '12:00', purpose: 'Steering <committee>' });
    expect(clash.errors!.start).toContain('Core Zoom Room 1 is already booked then: Tue, Jan 12 · 11:00 AM–12:00 PM PST (Preservation Interest Group).');
    expect((await mineOf('UMETA')).startsAt).toEqual(new Date('2027-01-12T18:00:00Z'));
    // Moving over its own old time is fine (it doesn't clash with itself).
    const moved = await submitBooking('UMETA', view.private_metadata, { room: b.roomId, date: '2027-01-12', start: '10:30', end: '11:00', purpose: 'Steering <committee>' });
    expect(moved.response_action).toBe('update');
    expect(textOf(moved as never)).toContain('*Was:* Core Zoom Room 1, Tue, Jan 12 · 12:00–1:00 PM CST');
    const after = await mineOf('UMETA');
    expect(after.id).toBe(b.id);
    expect(after).toMatchObject({ startsAt: new Date('2027-01-12T18:30:00Z'), endsAt: new Date('2027-01-12T19:00:00Z') });
    expect(await h.prisma.auditLog.count({ where: { action: 'rooms.booking.moved', subjectId: String(b.id) } })).toBe(1);
  });

  it("shows staff a day's bookings of every room, in the org zone", async () => {
    expect((await ig('UMETA', 'admin rooms day 2027-01-12')).text).toContain('Only staff');
    const day = await ig('USTAFF', 'admin rooms day 2027-01-12');
    expect(day.text).toContain('Zoom rooms on Tuesday, January 12, 2027');
    expect(day.text).toContain('• Tue, Jan 12 · 12:30–1:00 PM CST · Metadata Interest Group: Steering &lt;committee&gt; (<@UMETA>)');
    expect(day.text).toContain('• Tue, Jan 12 · 1:00–2:00 PM CST · Preservation Interest Group: Digitization chat (<@UPRES>)');
    expect(day.text).toContain('*Staff Room* · free all day');
    expect((await ig('USTAFF', 'admin rooms day tomorrow')).text).toContain('"tomorrow" isn\'t a day');
  });

  it('sends the booker one reminder the day before at 10:00 org time, with the join link', async () => {
    const engine = makeEngine(h, { instanceId: 'rooms-test' });
    h.clock.set('2027-01-11T15:59:00Z');
    await engine.tick();
    const reminders = () => h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'UMETA' && textOf(c.args).includes(':alarm_clock:'));
    expect(reminders()).toHaveLength(0);
    h.clock.set('2027-01-11T16:01:00Z');
    await engine.tick();
    await engine.tick();
    const dms = reminders();
    expect(dms).toHaveLength(1);
    const t = textOf(dms[0]!.args);
    expect(t).toContain(':alarm_clock: Tomorrow: *Core Zoom Room 1* for *Metadata Interest Group*, Tue, Jan 12 · 12:30–1:00 PM CST');
    expect(t).toContain('*Join:* https://zoom.us/j/111');
    h.clock.set('2027-01-10T16:00:00Z');
  });

  it('cancels after asking; others may not', async () => {
    const b = await mineOf('UMETA');
    expect((await click(h, 'UNOBODY', 'rooms.cancel', String(b.id))).text).toContain('Only whoever booked it, the group\'s conveners or staff');
    const ask = await click(h, 'UMETA', 'rooms.cancel', String(b.id));
    expect(ask.text).toContain('Cancel this booking?');
    expect(await h.prisma.roomBooking.count({ where: { id: b.id } })).toBe(1);
    const done = await click(h, 'UMETA', 'rooms.confirm-cancel', String(b.id));
    expect(done.replace_original).toBe(true);
    expect(done.text).toContain(':wastebasket: Cancelled: *Core Zoom Room 1*');
    expect(await h.prisma.roomBooking.count({ where: { id: b.id } })).toBe(0);
    expect(await h.prisma.auditLog.count({ where: { action: 'rooms.booking.cancelled', subjectId: String(b.id) } })).toBe(1);
    expect((await click(h, 'UMETA', 'rooms.confirm-cancel', String(b.id))).text).toContain('no longer exists');
  });
});

describe('IG Week sessions hold the IG Week room', () => {
  it('a claimed slot books the IG Week room for its hour in the same transaction; releasing frees it', async () => {
    h.clock.set('2027-01-20T16:00:00Z');
    await loadWeek(h.prisma, 2027);
    const [slot] = await slotsOf(h, 2027);
    const room = await roomNamed('Core Zoom Room 1'); // marked as the IG Week room above
    const claimed = await click(h, 'UPRES', 'igweek.claim', String(slot!.id));
    expect(claimed.text).toContain('has the Mon, Mar 1');
    const session = await h.prisma.igWeekSession.findFirstOrThrow({ where: { slotId: slot!.id } });
    const hold = await h.prisma.roomBooking.findUniqueOrThrow({ where: { igWeekSessionId: session.id } });
    expect(hold).toMatchObject({ roomId: room.id, startsAt: slot!.startsAt, endsAt: new Date(slot!.startsAt.getTime() + 3600_000), bookedBy: 'UPRES', purpose: 'IG Week session: Preservation Interest Group' });

    // Nobody else can book the room then; the hold can't be cancelled on its own.
    const meta = metaOf({ groupId: (await h.prisma.group.findFirstOrThrow({ where: { name: 'Metadata Interest Group' } })).id, zone: 'America/Chicago' });
    const clash = await submitBooking('UMETA', meta, { room: room.id, date: '2027-03-01', start: '10:30', end: '11:30', purpose: 'During IG Week' });
    expect(clash.errors!.start).toContain('(Preservation Interest Group)');
    expect((await click(h, 'UPRES', 'rooms.cancel', String(hold.id))).text).toContain('it follows the slot');

    await click(h, 'UPRES', 'igweek.release', String(session.id));
    expect(await h.prisma.roomBooking.count({ where: { id: hold.id } })).toBe(0);
    expect((await submitBooking('UMETA', meta, { room: room.id, date: '2027-03-01', start: '10:30', end: '11:30', purpose: 'During IG Week' })).response_action).toBe('update');
  });

  it('a claim while the room is taken goes ahead without a hold; a staff move of the session takes the room at the new hour', async () => {
    const slots = await slotsOf(h, 2027);
    const room = await roomNamed('Core Zoom Room 1');
    // Metadata booked 10:30–11:30 Central on Monday: the 10:00 slot's hour is taken.
    expect((await click(h, 'UPRES', 'igweek.claim', String(slots[0]!.id))).text).toContain('has the Mon, Mar 1');
    const session = await h.prisma.igWeekSession.findFirstOrThrow({ where: { slotId: slots[0]!.id } });
    expect(await h.prisma.roomBooking.count({ where: { igWeekSessionId: session.id } })).toBe(0);
    const ack = await h.driver.viewSubmission('USTAFF', { callback_id: 'igweek.move', private_metadata: String(session.id), values: { slot: { slot: select(String(slots[3]!.id)) } } });
    expect(ack.body).toMatchObject({ response_action: 'update' });
    const hold = await h.prisma.roomBooking.findUniqueOrThrow({ where: { igWeekSessionId: session.id } });
    expect(hold).toMatchObject({ roomId: room.id, startsAt: slots[3]!.startsAt });
    // Moved again: the same hold follows.
    await h.driver.viewSubmission('USTAFF', { callback_id: 'igweek.move', private_metadata: String(session.id), values: { slot: { slot: select(String(slots[4]!.id)) } } });
    expect(await h.prisma.roomBooking.findUniqueOrThrow({ where: { igWeekSessionId: session.id } })).toMatchObject({ id: hold.id, startsAt: slots[4]!.startsAt });
  });
});
