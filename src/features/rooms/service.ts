// Zoom room use cases: staff define rooms; conveners (and staff) book, move and cancel;
// "my bookings", a day's calendar, a calendar file; IG Week sessions hold the IG Week room.
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import type { GroupKind } from '../../generated/prisma/enums.js';
import { audit, isUniqueViolation, type Tx } from '../../db/audit.js';
import { FieldErrors, UserError, zodFieldErrors } from '../../lib/slack/errors.js';
import { escapeMrkdwn } from '../../lib/slack/text.js';
import { type Clock, formatTimeSpan, isValidZone, localDate, zoneAbbreviation, zonedInstant } from '../../lib/time.js';
import { isStaff, requireRole } from '../admin/service.js';
import { resolveGroup } from '../directory/service.js';
import { convenedGroupIds } from '../directory/store.js';
import { IGWEEK_ZONE } from '../igweek/rules.js';
import { identify } from '../people/service.js';
import { ACCESS_LABELS, bookingIcs, dayBounds, freeIntervals, type Interval, mayBook, nearestFree, timeProblems } from './rules.js';
import * as store from './store.js';

export interface RoomDeps {
  prisma: PrismaClient;
  clock: Clock;
  orgTimezone: string;
}

export interface GroupChoice {
  id: number;
  name: string;
  kind: GroupKind;
}

export type Room = NonNullable<Awaited<ReturnType<typeof store.roomById>>>;
export type Booking = NonNullable<Awaited<ReturnType<typeof store.bookingById>>>;

const DAY_MS = 24 * 3600_000;

// ---------------------------------------------------------------------------
// Who is asking

/** The person's own Slack zone (users.info tz), else the org's. */
export async function zoneOf(client: WebClient, userId: string, fallback: string): Promise<string> {
  try {
    const tz = (await client.users.info({ user: userId })).user?.tz;
    return tz && isValidZone(tz) ? tz : fallback;
  } catch {
    return fallback;
  }
}

/** Active groups the person convenes today (by Slack id, or by email via Person). */
async function convenedGroups(deps: RoomDeps, client: WebClient, userId: string): Promise<GroupChoice[]> {
  const who = await identify(deps.prisma, client, userId);
  const ids = await convenedGroupIds(deps.prisma, userId, who.email, localDate(deps.clock(), deps.orgTimezone));
  return ids.length ? store.activeGroups(deps.prisma, ids) : [];
}

/** The booker, a current convener of the booking's group, or staff. */
async function requireManager(deps: RoomDeps, client: WebClient, userId: string, booking: Booking, doing: string): Promise<void> {
  if (booking.bookedBy === userId || (await isStaff(deps.prisma, userId))) return;
  if ((await convenedGroups(deps, client, userId)).some((g) => g.id === booking.groupId)) return;
  throw new UserError(`Only whoever booked it, the group's conveners or staff can ${doing}.`);
}

async function loadBooking(deps: RoomDeps, id: number): Promise<Booking> {
  const booking = Number.isSafeInteger(id) ? await store.bookingById(deps.prisma, id) : null;
  if (!booking) throw new UserError('That booking no longer exists (it was cancelled). `/ig room mine` lists your bookings.');
  return booking;
}

function refuseIgWeekHold(booking: Booking, doing: string): void {
  if (booking.igWeekSessionId !== null) throw new UserError(`This booking holds the room for the group's IG Week session; it follows the slot, so you can't ${doing} it here. Release or move the IG Week slot instead (\`/igweek\`).`);
}

// ---------------------------------------------------------------------------
// Staff: the rooms

export async function roomList(deps: RoomDeps, staffId: string) {
  await requireRole(deps.prisma, staffId, 'STAFF', 'manage Zoom rooms');
  return store.rooms(deps.prisma);
}

export async function roomForEdit(deps: RoomDeps, staffId: string, id?: number): Promise<Room | undefined> {
  await requireRole(deps.prisma, staffId, 'STAFF', 'manage Zoom rooms');
  if (id === undefined) return undefined;
  const room = await store.roomById(deps.prisma, id);
  if (!room) throw new UserError('That room no longer exists.');
  return room;
}

/** Keys are the room modal's block ids. */
export const RoomInput = z.object({
  name: z.string({ error: 'Name the room.' }).trim().min(2, 'Name the room (at least 2 characters).').max(80, 'At most 80 characters.'),
  capacity: z
    .string({ error: 'How many people the room holds.' })
    .trim()
    .regex(/^\d+$/, 'A whole number of people, e.g. 100.')
    .transform(Number)
    .pipe(z.number().int().min(1, 'At least 1 person.').max(10000, 'At most 10,000 people.')),
  joinUrl: z.url({ protocol: /^https$/, error: 'The join link must be a web address starting with https://.' }).max(2000, 'At most 2,000 characters.'),
  access: z.enum(['CONVENERS', 'CORE_CONVENERS', 'STAFF'], { error: 'Choose who may book the room.' }),
  igWeek: z.boolean(),
});
export type RoomRaw = z.input<typeof RoomInput>;

export async function saveRoom(deps: RoomDeps, staffId: string, id: number | undefined, raw: unknown) {
  await requireRole(deps.prisma, staffId, 'STAFF', 'manage Zoom rooms');
  const parsed = RoomInput.safeParse(raw);
  if (!parsed.success) throw zodFieldErrors(parsed.error);
  const data = { ...parsed.data, updatedBy: staffId };
  try {
    return await deps.prisma.$transaction(async (tx) => {
      if (id !== undefined && !(await store.roomById(tx, id))) throw new UserError('That room no longer exists.');
      const room = id === undefined ? await store.createRoom(tx, data) : await store.updateRoom(tx, id, data);
      if (room.igWeek) await store.clearIgWeekRoom(tx, room.id);
      await audit(tx, { actor: staffId, action: id === undefined ? 'rooms.room.added' : 'rooms.room.edited', subjectType: 'room', subjectId: room.id, details: { ...parsed.data } });
      return { room, added: id === undefined };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new FieldErrors({ name: 'Another room already has this name.' });
    throw error;
  }
}

// ---------------------------------------------------------------------------
// The booking form and its free times

export interface BookingForm {
  /** Groups to book for: one (fixed) or several (a choice). */
  groups: GroupChoice[];
  rooms: Room[];
  zone: string;
  roomId: number;
  date: string;
  free: Interval[];
  now: Date;
  /** Set when moving a booking. */
  booking?: Booking;
}

/** The free times of a room on a day of the booker's zone, from now on. */
export async function freeTimes(deps: RoomDeps, roomId: number, date: string, zone: string): Promise<Interval[]> {
  const bounds = dayBounds(date, zone);
  const bookings = await store.bookingsBetween(deps.prisma, bounds.startsAt, bounds.endsAt, roomId);
  return freeIntervals(bounds, bookings, deps.clock());
}

/** The groups the person may book for: `/ig room <group>` names one; else the groups they convene (staff: every group). */
async function bookableGroups(deps: RoomDeps, client: WebClient, userId: string, args: string, staff: boolean): Promise<GroupChoice[]> {
  if (args.trim()) {
    const group = await resolveGroup(deps.prisma, { query: args });
    if (!staff && !(await convenedGroups(deps, client, userId)).some((g) => g.id === group.id)) {
      throw new UserError(`Only the conveners of *${escapeMrkdwn(group.name)}* (or staff) can book a Zoom room for it.`);
    }
    return [{ id: group.id, name: group.name, kind: group.kind }];
  }
  const mine = await convenedGroups(deps, client, userId);
  if (mine.length) return mine;
  if (staff) return store.activeGroups(deps.prisma);
  throw new UserError('Only conveners (for their groups) and staff can book a Zoom room. If you convene a group, ask staff to record your convener term.');
}

export async function bookingForm(deps: RoomDeps, client: WebClient, userId: string, args: string): Promise<BookingForm> {
  const staff = await isStaff(deps.prisma, userId);
  const groups = await bookableGroups(deps, client, userId, args, staff);
  const all = await store.rooms(deps.prisma);
  if (all.length === 0) throw new UserError('There are no Zoom rooms to book yet. Staff add them with `/ig admin rooms`.');
  const rooms = all.filter((r) => groups.some((g) => mayBook(r.access, { staff, groupKind: g.kind })));
  if (rooms.length === 0) throw new UserError(`None of the Zoom rooms can be booked for ${groups.length === 1 ? `*${escapeMrkdwn(groups[0]!.name)}*` : 'your groups'}: ${all.map((r) => `${escapeMrkdwn(r.name)} (${ACCESS_LABELS[r.access].toLowerCase()})`).join(', ')}.`);
  const zone = await zoneOf(client, userId, deps.orgTimezone);
  const now = deps.clock();
  const date = localDate(now, zone);
  const roomId = rooms[0]!.id;
  return { groups, rooms, zone, roomId, date, free: await freeTimes(deps, roomId, date, zone), now };
}

/** The form again for moving a booking: its room, day and times filled in. */
export async function moveForm(deps: RoomDeps, client: WebClient, userId: string, bookingId: number): Promise<BookingForm> {
  const booking = await loadBooking(deps, bookingId);
  await requireManager(deps, client, userId, booking, 'move this booking');
  refuseIgWeekHold(booking, 'move');
  const staff = await isStaff(deps.prisma, userId);
  const rooms = (await store.rooms(deps.prisma)).filter((r) => r.id === booking.roomId || mayBook(r.access, { staff, groupKind: booking.group.kind }));
  const zone = await zoneOf(client, userId, deps.orgTimezone);
  const date = localDate(booking.startsAt, zone);
  return { groups: [booking.group], rooms, zone, roomId: booking.roomId, date, free: await freeTimes(deps, booking.roomId, date, zone), now: deps.clock(), booking };
}

/** The free times after the room or the day changed in the open form. */
export async function refreshedFreeTimes(deps: RoomDeps, roomId: number, date: string, zone: string) {
  const room = Number.isSafeInteger(roomId) ? await store.roomById(deps.prisma, roomId) : null;
  if (!room || !/^\d{4}-\d{2}-\d{2}$/.test(date) || !isValidZone(zone)) return undefined;
  return { room, free: await freeTimes(deps, room.id, date, zone) };
}

// ---------------------------------------------------------------------------
// Booking and moving

const isoDate = z.string({ error: 'Pick a day.' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'Pick a day.');
const clockTime = (what: string) => z.string({ error: `Pick ${what}.` }).regex(/^\d{2}:\d{2}$/, `Pick ${what}.`);

/** Keys are the booking modal's block ids, so zod's paths become field errors. */
export const BookInput = z.object({
  group: z.coerce.number({ error: 'Choose the group.' }).int().positive('Choose the group.'),
  room: z.coerce.number({ error: 'Pick a room.' }).int().positive('Pick a room.'),
  date: isoDate,
  start: clockTime('a start time'),
  end: clockTime('an end time'),
  purpose: z.string({ error: 'Say what the meeting is for.' }).trim().min(3, 'Say what the meeting is for (at least 3 characters).').max(200, 'At most 200 characters.'),
});
export type BookRaw = z.input<typeof BookInput>;

/** The booking modal's private_metadata. */
export interface BookMeta {
  groupId?: number;
  bookingId?: number;
  zone?: string;
}

export interface Booked {
  booking: Booking;
  /** The times before a move. */
  from?: Interval & { roomName: string };
  zone: string;
}

function span(t: Interval, zone: string): string {
  return `${formatTimeSpan(t.startsAt, t.endsAt, zone)} ${zoneAbbreviation(t.startsAt, zone)}`;
}

/** The refusal when the room is taken: who holds it, and the nearest free times of the same length (in the booker's zone). */
async function conflictErrors(deps: RoomDeps, room: Room, wanted: Interval, zone: string, exceptId?: number): Promise<FieldErrors> {
  const around = (await store.bookingsBetween(deps.prisma, new Date(wanted.startsAt.getTime() - 7 * DAY_MS), new Date(wanted.endsAt.getTime() + 7 * DAY_MS), room.id)).filter((b) => b.id !== exceptId);
  const clash = around.filter((b) => b.startsAt < wanted.endsAt && wanted.startsAt < b.endsAt);
  const held = clash.map((b) => `${span(b, zone)} (${b.group.name})`).join('; ');
  const near = nearestFree(wanted, around, deps.clock());
  const options = [near.before ? `${span(near.before, zone)} (earlier)` : '', near.after ? `${span(near.after, zone)} (later)` : ''].filter(Boolean);
  const suggestion = options.length ? ` Nearest free times: ${options.join(' or ')}.` : '';
  return new FieldErrors({ start: `${room.name} is already booked then: ${held}.${suggestion}` });
}

export async function book(deps: RoomDeps, client: WebClient, userId: string, meta: BookMeta, raw: Record<string, unknown>): Promise<Booked> {
  const parsed = BookInput.safeParse({ ...raw, group: raw.group ?? meta.groupId });
  if (!parsed.success) throw zodFieldErrors(parsed.error);
  const d = parsed.data;
  const zone = meta.zone && isValidZone(meta.zone) ? meta.zone : await zoneOf(client, userId, deps.orgTimezone);
  const wanted: Interval = { startsAt: zonedInstant(d.date, d.start, zone), endsAt: zonedInstant(d.date, d.end, zone) };
  const problems = timeProblems(wanted, deps.clock());
  if (Object.keys(problems).length) throw new FieldErrors(problems);

  const staff = await isStaff(deps.prisma, userId);
  const existing = meta.bookingId !== undefined ? await loadBooking(deps, meta.bookingId) : undefined;
  if (existing) {
    await requireManager(deps, client, userId, existing, 'move this booking');
    refuseIgWeekHold(existing, 'move');
  }
  const groupId = existing?.groupId ?? d.group;
  const [group] = await store.activeGroups(deps.prisma, [groupId]);
  if (!group) throw new FieldErrors({ [meta.groupId || existing ? 'purpose' : 'group']: 'That group is no longer active.' });
  if (!existing && !staff && !(await convenedGroups(deps, client, userId)).some((g) => g.id === group.id)) {
    throw new FieldErrors({ [meta.groupId ? 'purpose' : 'group']: `Only the conveners of ${group.name} (or staff) can book a room for it.` });
  }
  const room = await store.roomById(deps.prisma, d.room);
  if (!room) throw new FieldErrors({ room: 'That room no longer exists; pick another.' });
  if (room.id !== existing?.roomId && !mayBook(room.access, { staff, groupKind: group.kind })) {
    throw new FieldErrors({ room: `${room.name} is for ${ACCESS_LABELS[room.access].toLowerCase()}.` });
  }

  const outcome = await deps.prisma.$transaction(async (tx) => {
    // Lock every room involved, in id order (a move between rooms takes both).
    for (const id of [...new Set([room.id, ...(existing ? [existing.roomId] : [])])].sort((a, b) => a - b)) await store.lockRoom(tx, id);
    if ((await store.overlapping(tx, room.id, wanted.startsAt, wanted.endsAt, existing?.id)).length) return undefined;
    if (existing) {
      const moved = await store.updateBooking(tx, existing.id, { roomId: room.id, startsAt: wanted.startsAt, endsAt: wanted.endsAt, purpose: d.purpose, zone });
      await audit(tx, {
        actor: userId,
        action: 'rooms.booking.moved',
        subjectType: 'room_booking',
        subjectId: moved.id,
        details: { from: { roomId: existing.roomId, startsAt: existing.startsAt.toISOString(), endsAt: existing.endsAt.toISOString() }, to: { roomId: room.id, startsAt: wanted.startsAt.toISOString(), endsAt: wanted.endsAt.toISOString() } },
      });
      return moved;
    }
    const created = await store.createBooking(tx, { roomId: room.id, groupId: group.id, bookedBy: userId, startsAt: wanted.startsAt, endsAt: wanted.endsAt, purpose: d.purpose, zone });
    await audit(tx, { actor: userId, action: 'rooms.booking.created', subjectType: 'room_booking', subjectId: created.id, details: { roomId: room.id, groupId: group.id, startsAt: wanted.startsAt.toISOString(), endsAt: wanted.endsAt.toISOString(), purpose: d.purpose } });
    return created;
  });
  if (!outcome) throw await conflictErrors(deps, room, wanted, zone, existing?.id);
  return {
    booking: (await store.bookingById(deps.prisma, outcome.id))!,
    ...(existing ? { from: { startsAt: existing.startsAt, endsAt: existing.endsAt, roomName: existing.room.name } } : {}),
    zone,
  };
}

// ---------------------------------------------------------------------------
// Cancelling, "my bookings", a day's calendar, the calendar file

/** The booking "Cancel" asks about, checked as the cancellation itself will be. */
export async function cancelTarget(deps: RoomDeps, client: WebClient, userId: string, bookingId: number): Promise<Booking> {
  const booking = await loadBooking(deps, bookingId);
  await requireManager(deps, client, userId, booking, 'cancel this booking');
  refuseIgWeekHold(booking, 'cancel');
  return booking;
}

export async function cancel(deps: RoomDeps, client: WebClient, userId: string, bookingId: number): Promise<Booking> {
  const booking = await cancelTarget(deps, client, userId, bookingId);
  const gone = await deps.prisma.$transaction(async (tx) => {
    const deleted = await store.deleteBooking(tx, booking.id);
    if (deleted) {
      await audit(tx, {
        actor: userId,
        action: 'rooms.booking.cancelled',
        subjectType: 'room_booking',
        subjectId: booking.id,
        details: { roomId: booking.roomId, groupId: booking.groupId, bookedBy: booking.bookedBy, startsAt: booking.startsAt.toISOString(), endsAt: booking.endsAt.toISOString(), purpose: booking.purpose },
      });
    }
    return deleted;
  });
  if (!gone) throw new UserError('That booking was already cancelled.');
  return booking;
}

/** Bookings not yet over that the person made or that are for groups they convene. */
export async function mine(deps: RoomDeps, client: WebClient, userId: string) {
  const groups = await convenedGroups(deps, client, userId);
  return { bookings: await store.upcomingBookings(deps.prisma, userId, groups.map((g) => g.id), deps.clock()), zone: await zoneOf(client, userId, deps.orgTimezone) };
}

/** Staff: every room's bookings on a day (org zone; today unless a YYYY-MM-DD is given). */
export async function day(deps: RoomDeps, staffId: string, args: string) {
  await requireRole(deps.prisma, staffId, 'STAFF', "see a day's room bookings");
  const text = args.trim();
  if (text && !/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new UserError(`"${escapeMrkdwn(text)}" isn't a day. Give one like \`2027-03-01\`, or nothing for today.`);
  const date = text || localDate(deps.clock(), deps.orgTimezone);
  let bounds: Interval;
  try {
    bounds = dayBounds(date, deps.orgTimezone);
  } catch {
    throw new UserError(`"${escapeMrkdwn(text)}" isn't a day on the calendar.`);
  }
  const [rooms, bookings] = await Promise.all([store.rooms(deps.prisma), store.bookingsBetween(deps.prisma, bounds.startsAt, bounds.endsAt)]);
  return { date, rooms, bookings };
}

export async function calendarFile(deps: RoomDeps, client: WebClient, userId: string, bookingId: number) {
  const booking = await loadBooking(deps, bookingId);
  await requireManager(deps, client, userId, booking, 'get its calendar file');
  return { booking, ics: bookingIcs({ id: booking.id, startsAt: booking.startsAt, endsAt: booking.endsAt, purpose: booking.purpose, roomName: booking.room.name, joinUrl: booking.room.joinUrl, groupName: booking.group.name }, deps.clock()) };
}

// ---------------------------------------------------------------------------
// IG Week: a claimed slot holds the IG Week room for its hour (called inside igweek's transactions)

export interface IgWeekHold {
  sessionId: number;
  groupId: number;
  groupName: string;
  claimedBy: string;
  startsAt: Date;
  endsAt: Date;
  actor: string;
}

/**
 * Books the IG Week room for the session's hour, in the caller's transaction. Nothing happens
 * when there is no room, or when the room is already booked then (returns null).
 */
export async function holdForIgWeek(tx: Prisma.TransactionClient, s: IgWeekHold) {
  const room = await store.igWeekRoom(tx);
  if (!room) return null;
  await store.lockRoom(tx, room.id);
  if ((await store.overlapping(tx, room.id, s.startsAt, s.endsAt)).length) return null;
  const booking = await store.createBooking(tx, {
    roomId: room.id,
    groupId: s.groupId,
    bookedBy: s.claimedBy,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    purpose: `IG Week session: ${s.groupName}`,
    zone: IGWEEK_ZONE,
    igWeekSessionId: s.sessionId,
  });
  await audit(tx, { actor: s.actor, action: 'rooms.booking.igweek-held', subjectType: 'room_booking', subjectId: booking.id, details: { roomId: room.id, sessionId: s.sessionId } });
  return booking;
}

/** The session moved to another slot: its hold moves with it (or goes, if the room is taken then). */
export async function moveIgWeekHold(tx: Prisma.TransactionClient, s: IgWeekHold) {
  const held = await store.bookingOfSession(tx, s.sessionId);
  if (!held) return holdForIgWeek(tx, s);
  await store.lockRoom(tx, held.roomId);
  if ((await store.overlapping(tx, held.roomId, s.startsAt, s.endsAt, held.id)).length) {
    await store.deleteBooking(tx, held.id);
    return null;
  }
  return store.updateBooking(tx, held.id, { startsAt: s.startsAt, endsAt: s.endsAt });
}
