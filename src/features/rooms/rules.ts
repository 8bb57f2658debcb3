// Zoom room rules: pure, the clock is a parameter. Times are instants; zones are passed in.
import type { GroupKind, RoomAccess } from '../../generated/prisma/enums.js';
import { kindLabel } from '../directory/kinds.js';
import { localDate, plusDays, zonedInstant } from '../../lib/time.js';
import { foldLine, icsText, icsUtc } from '../igweek/export.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** The longest booking. */
export const MAX_BOOKING_MS = 4 * HOUR;
/** How far ahead a room can be booked. */
export const MAX_AHEAD_DAYS = 365;
/** The day-before reminder goes at this time (org zone). */
export const REMINDER_TIME = '10:00';
/** The kind whose conveners a CORE_CONVENERS room admits. */
export const CORE_KIND: GroupKind = 'CORE_IG';

export interface Interval {
  startsAt: Date;
  endsAt: Date;
}

export const ACCESS_LABELS: Record<RoomAccess, string> = {
  CONVENERS: 'Conveners of any group',
  CORE_CONVENERS: `Conveners of ${kindLabel(CORE_KIND)}s`,
  STAFF: 'Staff only',
};

/** Whether someone may book a room for a group of this kind (staff always may). */
export function mayBook(access: RoomAccess, who: { staff: boolean; groupKind: GroupKind }): boolean {
  if (who.staff) return true;
  if (access === 'STAFF') return false;
  if (access === 'CORE_CONVENERS') return who.groupKind === CORE_KIND;
  return true;
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}

/** Problems with a requested time, keyed by the booking modal's block ids. */
export function timeProblems(t: Interval, now: Date): Record<string, string> {
  if (t.endsAt <= t.startsAt) return { end: 'The end must be after the start.' };
  if (t.endsAt.getTime() - t.startsAt.getTime() > MAX_BOOKING_MS) return { end: `A booking can last at most ${MAX_BOOKING_MS / HOUR} hours.` };
  if (t.startsAt < now) return { start: 'That time has passed; pick a later start.' };
  if (t.startsAt.getTime() > now.getTime() + MAX_AHEAD_DAYS * 24 * HOUR) return { date: `Rooms can be booked up to ${MAX_AHEAD_DAYS} days ahead.` };
  return {};
}

/** The instants a calendar day starts and ends in a zone. */
export function dayBounds(isoDate: string, zone: string): Interval {
  return { startsAt: zonedInstant(isoDate, '00:00', zone), endsAt: zonedInstant(plusDays(isoDate, 1), '00:00', zone) };
}

/** The free stretches of [window] around these bookings, from `now` on. */
export function freeIntervals(window: Interval, bookings: Interval[], now: Date): Interval[] {
  const sorted = [...bookings].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const out: Interval[] = [];
  let cursor = new Date(Math.max(window.startsAt.getTime(), now.getTime()));
  for (const b of sorted) {
    if (b.endsAt <= cursor) continue;
    if (b.startsAt >= window.endsAt) break;
    if (b.startsAt > cursor) out.push({ startsAt: cursor, endsAt: b.startsAt });
    cursor = b.endsAt > cursor ? b.endsAt : cursor;
  }
  if (cursor < window.endsAt) out.push({ startsAt: cursor, endsAt: window.endsAt });
  return out;
}

/**
 * The nearest times of the same length as `wanted` that are free: the latest one starting
 * before it (not in the past), and the earliest one starting after it.
 */
export function nearestFree(wanted: Interval, bookings: Interval[], now: Date): { before?: Interval; after?: Interval } {
  const length = wanted.endsAt.getTime() - wanted.startsAt.getTime();
  const at = (start: number): Interval => ({ startsAt: new Date(start), endsAt: new Date(start + length) });
  const free = (c: Interval) => !bookings.some((b) => overlaps(b, c));
  const afters = [wanted.startsAt.getTime(), ...bookings.map((b) => b.endsAt.getTime())].filter((t) => t > wanted.startsAt.getTime()).sort((a, b) => a - b);
  const after = afters.map(at).find(free);
  const befores = bookings
    .map((b) => b.startsAt.getTime() - length)
    .filter((t) => t < wanted.startsAt.getTime() && t >= now.getTime())
    .sort((a, b) => b - a);
  const before = befores.map(at).find(free);
  return { ...(before ? { before } : {}), ...(after ? { after } : {}) };
}

/** When the day-before reminder goes: 10:00 (org zone) the day before the booking's day there. */
export function reminderAt(startsAt: Date, orgZone: string): Date {
  return zonedInstant(plusDays(localDate(startsAt, orgZone), -1), REMINDER_TIME, orgZone);
}

/** One booking as an iCalendar file (UTC times, CRLF lines, folded). */
export function bookingIcs(b: { id: number; startsAt: Date; endsAt: Date; purpose: string; roomName: string; joinUrl: string; groupName: string }, now: Date): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Convene//Zoom rooms//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:room-booking-${b.id}@convene`,
    `DTSTAMP:${icsUtc(now)}`,
    `DTSTART:${icsUtc(b.startsAt)}`,
    `DTEND:${icsUtc(b.endsAt)}`,
    `SUMMARY:${icsText(`${b.groupName}: ${b.purpose}`)}`,
    `DESCRIPTION:${icsText(`${b.roomName}\nJoin: ${b.joinUrl}`)}`,
    `LOCATION:${icsText(`${b.roomName} (Zoom)`)}`,
    `URL:${b.joinUrl}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map((l) => `${foldLine(l)}\r\n`).join('');
}
