// Zoom rooms in Block Kit: the booking and room modals, bookings, lists, the day's calendar. Pure.
import { actions, type Block, button, context, header, lineSections, type Reply, section } from '../../lib/slack/blocks.js';
import { checkboxes, type Choice, datePicker, doneModal, input, type Modal, modal, radios, staticSelect, textInput } from '../../lib/slack/modal.js';
import { escapeMrkdwn, mentionUser, plural } from '../../lib/slack/text.js';
import { formatDate, formatTime, formatTimeSpan, formatWeekday, localDate, localTime, slackDateTime, slackTime, zoneAbbreviation } from '../../lib/time.js';
import { RoomIds } from './ids.js';
import { ACCESS_LABELS, type Interval, MAX_BOOKING_MS } from './rules.js';
import type { Booked, Booking, BookingForm, Room } from './service.js';

const ACCESS_CHOICES: Choice[] = (Object.keys(ACCESS_LABELS) as (keyof typeof ACCESS_LABELS)[]).map((value) => ({ text: ACCESS_LABELS[value], value }));

/** A booking's time for any reader: the org zone in words, and the reader's own zone by Slack's date tokens. */
export function whenText(t: Interval, orgZone: string): string {
  const own = `${slackDateTime(t.startsAt, orgZone)}–${slackTime(t.endsAt, orgZone, { zoneName: zoneAbbreviation(t.endsAt, orgZone) })}`;
  return `${formatTimeSpan(t.startsAt, t.endsAt, orgZone)} ${zoneAbbreviation(t.startsAt, orgZone)} (${own} your time)`;
}

function bookingLine(b: Booking, orgZone: string): string {
  return `*${escapeMrkdwn(b.room.name)}* · ${whenText(b, orgZone)}\n${escapeMrkdwn(b.group.name)}: ${escapeMrkdwn(b.purpose)} · booked by ${mentionUser(b.bookedBy)}`;
}

function bookingButtons(b: Booking): Block {
  const buttons = [button('Calendar file (.ics)', RoomIds.ics, String(b.id))];
  if (b.igWeekSessionId === null) buttons.unshift(button('Move', RoomIds.move, String(b.id)), button('Cancel booking', RoomIds.cancel, String(b.id), 'danger'));
  return actions(buttons, `booking-${b.id}`);
}

// ---------------------------------------------------------------------------
// The booking modal

export function freeTimesText(free: Interval[], zone: string, roomName: string, date: string): string {
  const day = formatWeekday(date);
  if (free.length === 0) return `*Free times of ${escapeMrkdwn(roomName)} on ${day}* (your time, ${escapeMrkdwn(zone)}): none left that day.`;
  const spans = free.map((f) => {
    const end = localTime(f.endsAt, zone) === '00:00' && localDate(f.endsAt, zone) !== date ? 'midnight' : formatTime(f.endsAt, zone);
    return `${formatTime(f.startsAt, zone)}–${end}`;
  });
  return `*Free times of ${escapeMrkdwn(roomName)} on ${day}* (your time, ${escapeMrkdwn(zone)}): ${spans.join(', ')}`;
}

/** The room and day pickers refresh the free times as they change (dispatch_action). */
function dispatchInput(blockId: string, actionId: string, label: string, element: Block): Block {
  return { type: 'input', block_id: blockId, dispatch_action: true, label: { type: 'plain_text', text: label }, element: { ...element, action_id: actionId } };
}

export function bookModal(f: BookingForm): Modal {
  const room = f.rooms.find((r) => r.id === f.roomId) ?? f.rooms[0]!;
  const b = f.booking;
  const blocks: Block[] = [];
  if (f.groups.length === 1) blocks.push(section(`For *${escapeMrkdwn(f.groups[0]!.name)}*. Times are in your Slack time zone, *${escapeMrkdwn(f.zone)}*.`));
  else {
    blocks.push(section(`Times are in your Slack time zone, *${escapeMrkdwn(f.zone)}*.`));
    blocks.push(input('group', 'Group', staticSelect(f.groups.map((g) => ({ text: g.name, value: String(g.id) })))));
  }
  blocks.push(
    dispatchInput('room', RoomIds.pickRoom, 'Room', staticSelect(f.rooms.map((r) => ({ text: `${r.name} (${r.capacity} people)`, value: String(r.id) })), String(room.id))),
    dispatchInput('date', RoomIds.pickDate, 'Day', datePicker(f.date)),
    section(freeTimesText(f.free, f.zone, room.name, f.date), { block_id: 'free' }),
    input('start', 'Start', { type: 'timepicker', ...(b ? { initial_time: localTime(b.startsAt, f.zone) } : {}) }),
    input('end', 'End', { type: 'timepicker', ...(b ? { initial_time: localTime(b.endsAt, f.zone) } : {}) }, { hint: `At most ${MAX_BOOKING_MS / 3600_000} hours.` }),
    input('purpose', 'Purpose', textInput({ max: 200, initial: b?.purpose, placeholder: 'e.g. Steering committee meeting' })),
  );
  return modal(RoomIds.bookModal, b ? 'Move booking' : 'Book a Zoom room', blocks, {
    submit: b ? 'Move' : 'Book',
    metadata: { ...(f.groups.length === 1 ? { groupId: f.groups[0]!.id } : {}), ...(b ? { bookingId: b.id } : {}), zone: f.zone },
  });
}

/** The same modal with the free times for another room or day (the pickers' values stay). */
export function withFreeTimes(view: Modal, text: string): Modal {
  return { ...view, blocks: view.blocks.map((block) => (block.block_id === 'free' ? section(text, { block_id: 'free' }) : block)) };
}

function bookedText(r: Booked, orgZone: string): string {
  const b = r.booking;
  const entered = `${formatTimeSpan(b.startsAt, b.endsAt, r.zone)} ${zoneAbbreviation(b.startsAt, r.zone)}`;
  const lines = [
    r.from ? `:arrows_counterclockwise: Moved *${escapeMrkdwn(b.group.name)}*'s booking to *${escapeMrkdwn(b.room.name)}*.` : `:white_check_mark: *${escapeMrkdwn(b.room.name)}* is booked for *${escapeMrkdwn(b.group.name)}*.`,
    `*When:* ${whenText(b, orgZone)}`,
    `*As you entered it:* ${entered} (${escapeMrkdwn(r.zone)})`,
    ...(r.from ? [`*Was:* ${escapeMrkdwn(r.from.roomName)}, ${whenText(r.from, orgZone)}`] : []),
    `*Purpose:* ${escapeMrkdwn(b.purpose)}`,
    `*Join:* ${b.room.joinUrl}`,
  ];
  return lines.join('\n');
}

export function bookedView(r: Booked, orgZone: string): Modal {
  return doneModal(r.from ? 'Booking moved' : 'Room booked', `${bookedText(r, orgZone)}\n\nI've sent you a direct message with it, to move, cancel or add it to your calendar.`);
}

export function bookedMessage(r: Booked, orgZone: string): Reply {
  return { text: bookedText(r, orgZone), blocks: [section(bookedText(r, orgZone)), bookingButtons(r.booking)] };
}

// ---------------------------------------------------------------------------
// Cancel, mine, the calendar file

export function cancelConfirmReply(b: Booking, orgZone: string): Reply {
  const text = `Cancel this booking? The room becomes free for others.\n${bookingLine(b, orgZone)}`;
  return { text, blocks: [section(text), actions([button('Yes, cancel it', RoomIds.confirmCancel, String(b.id), 'danger'), button('Keep it', RoomIds.keep, String(b.id))])] };
}

export function cancelledReply(b: Booking, orgZone: string): Reply {
  return { text: `:wastebasket: Cancelled: *${escapeMrkdwn(b.room.name)}*, ${whenText(b, orgZone)}, for ${escapeMrkdwn(b.group.name)}.` };
}

export function keptReply(): Reply {
  return { text: 'Kept: the booking stays as it is.' };
}

export function mineReply(bookings: Booking[], orgZone: string): Reply {
  if (bookings.length === 0) return { text: 'You have no upcoming Zoom room bookings. Book one with `/ig room`.' };
  const blocks: Block[] = [header('Your Zoom room bookings')];
  for (const b of bookings.slice(0, 15)) blocks.push(section(bookingLine(b, orgZone)), bookingButtons(b));
  if (bookings.length > 15) blocks.push(context(`…and ${bookings.length - 15} more.`));
  return { text: `Your Zoom room bookings (${bookings.length}):\n${bookings.map((b) => bookingLine(b, orgZone)).join('\n')}`, blocks };
}

export function icsReply(b: Booking, ics: string): Reply {
  const text = `Calendar file for *${escapeMrkdwn(b.room.name)}* (${escapeMrkdwn(b.group.name)}): copy the text below into a file named \`booking-${b.id}.ics\` and open it with your calendar.\n\`\`\`${ics}\`\`\``;
  return { text, blocks: [section(text)] };
}

// ---------------------------------------------------------------------------
// Staff: rooms and the day's calendar

export function roomsReply(rooms: Room[]): Reply {
  const blocks: Block[] = [header('Zoom rooms')];
  if (rooms.length === 0) blocks.push(section('No rooms yet. Add the first one: conveners can book it with `/ig room`.'));
  const igWeekId = (rooms.find((r) => r.igWeek) ?? rooms[0])?.id;
  // 50 blocks a message: header, 45 rooms, more, buttons, context.
  for (const r of rooms.slice(0, 45)) {
    const tag = r.id === igWeekId ? ' · :calendar: IG Week room' : '';
    blocks.push(section(`*${escapeMrkdwn(r.name)}* · ${plural(r.capacity, 'person', 'people')} · ${ACCESS_LABELS[r.access]}${tag}\n${escapeMrkdwn(r.joinUrl)}`, { accessory: button('Edit', RoomIds.editRoom, String(r.id)) }));
  }
  if (rooms.length > 45) blocks.push(context(`…and ${rooms.length - 45} more rooms.`));
  blocks.push(actions([button('Add a room', RoomIds.addRoom, 'add', 'primary')]), context("`/ig admin rooms day [YYYY-MM-DD]`: a day's bookings of every room."));
  const lines = rooms.map((r) => `• ${escapeMrkdwn(r.name)} (${r.capacity}, ${ACCESS_LABELS[r.access]})`);
  return { text: `Zoom rooms: ${rooms.length}\n${lines.join('\n')}`, blocks };
}

export function roomModal(room?: Room): Modal {
  return modal(
    RoomIds.roomModal,
    room ? 'Edit room' : 'Add a room',
    [
      input('name', 'Name', textInput({ max: 80, initial: room?.name, placeholder: 'e.g. Core Zoom Room 1' })),
      input('capacity', 'Capacity (people)', textInput({ max: 6, initial: room ? String(room.capacity) : undefined, placeholder: '100' })),
      input('joinUrl', 'Join link', { type: 'url_text_input', ...(room ? { initial_value: room.joinUrl } : {}) }, { hint: 'The Zoom meeting link (https://…) bookers get in their confirmation and reminder.' }),
      input('access', 'Who may book', radios(ACCESS_CHOICES, room?.access ?? 'CONVENERS')),
      input('igWeek', 'IG Week', checkboxes([{ text: 'IG Week sessions hold this room', value: 'yes' }], room?.igWeek ? ['yes'] : []), { optional: true }),
    ],
    { submit: 'Save', metadata: room ? { roomId: room.id } : {} },
  );
}

export function roomSavedView(r: { room: Room; added: boolean }): Modal {
  return doneModal(r.added ? 'Room added' : 'Room saved', `${r.added ? 'Added' : 'Saved'} *${escapeMrkdwn(r.room.name)}* (${plural(r.room.capacity, 'person', 'people')}, ${ACCESS_LABELS[r.room.access].toLowerCase()}).${r.room.igWeek ? ' IG Week sessions hold this room.' : ''}`);
}

export function dayReply(d: { date: string; rooms: Room[]; bookings: Booking[] }, orgZone: string): Reply {
  const title = `Zoom rooms on ${formatWeekday(d.date)}, ${formatDate(d.date).slice(-4)}`;
  if (d.rooms.length === 0) return { text: 'There are no Zoom rooms yet. Add one with `/ig admin rooms`.' };
  const lines: string[] = [];
  for (const r of d.rooms) {
    const of = d.bookings.filter((b) => b.roomId === r.id);
    lines.push(`*${escapeMrkdwn(r.name)}*${of.length ? '' : ' · free all day'}`);
    for (const b of of) lines.push(`• ${formatTimeSpan(b.startsAt, b.endsAt, orgZone)} ${zoneAbbreviation(b.startsAt, orgZone)} · ${escapeMrkdwn(b.group.name)}: ${escapeMrkdwn(b.purpose)} (${mentionUser(b.bookedBy)})`);
  }
  return { text: `${title}\n${lines.join('\n')}`, blocks: [header(title), ...lineSections(lines, 45), context(`${plural(d.bookings.length, 'booking')} · times in ${escapeMrkdwn(orgZone)}`)] };
}

// ---------------------------------------------------------------------------
// The day-before reminder

export function reminderMessage(b: Booking, orgZone: string): Reply {
  const text = `:alarm_clock: Tomorrow: *${escapeMrkdwn(b.room.name)}* for *${escapeMrkdwn(b.group.name)}*, ${whenText(b, orgZone)}.\n*Purpose:* ${escapeMrkdwn(b.purpose)}\n*Join:* ${b.room.joinUrl}`;
  return { text, blocks: [section(text), bookingButtons(b)] };
}
