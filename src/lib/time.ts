// The only module that knows luxon zones and display formats. Everything takes the
// instant and the zone explicitly, so the server's own TZ never leaks into results.
import { DateTime, IANAZone } from 'luxon';

export type Clock = () => Date;

/** True for an IANA zone name such as America/Chicago. */
export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}
export const systemClock: Clock = () => new Date();

/** The calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate()!;
}

/** Midnight UTC of a calendar date: how Prisma stores `@db.Date` columns. */
export function dateOnly(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00.000Z`);
}

/** Reads a `@db.Date` value back as YYYY-MM-DD. */
export function isoDateOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The instant a wall-clock time in a zone happens, e.g. 2027-03-01 10:00 America/Chicago. */
export function zonedInstant(isoDate: string, time: string, zone: string): Date {
  const dt = DateTime.fromISO(`${isoDate}T${time}`, { zone });
  if (!dt.isValid) throw new Error(`Invalid date/time ${isoDate} ${time} in ${zone}: ${dt.invalidExplanation}`);
  return dt.toJSDate();
}

/** Human text of an instant in a zone, e.g. "Mon, Mar 1, 2027 10:00 AM CST". */
export function formatInstant(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat('ccc, LLL d, yyyy h:mm a ZZZZ');
}

/** Human text of a calendar date, e.g. "Mar 1, 2027". */
export function formatDate(isoDate: string): string {
  return DateTime.fromISO(isoDate, { zone: 'UTC' }).toFormat('LLL d, yyyy');
}

/**
 * Slack's date token: each reader sees the instant in their own zone; clients that
 * can't render it show the fallback, written in the org zone.
 */
export function slackDateTime(instant: Date, zone: string): string {
  const unix = Math.floor(instant.getTime() / 1000);
  return `<!date^${unix}^{date_short_pretty} {time}|${formatInstant(instant, zone)}>`;
}

/** Slack date token for a whole day (no time). */
export function slackDay(instant: Date, zone: string): string {
  const unix = Math.floor(instant.getTime() / 1000);
  const fallback = DateTime.fromJSDate(instant, { zone }).toFormat('LLL d, yyyy');
  return `<!date^${unix}^{date_long_pretty}|${fallback}>`;
}

/**
 * The convener term year that contains a date: July 1 to June 30 (Core's year).
 * Returns the first and last day as YYYY-MM-DD.
 */
export function termYearContaining(isoDate: string): { startsOn: string; endsOn: string } {
  const d = DateTime.fromISO(isoDate, { zone: 'UTC' });
  const startYear = d.month >= 7 ? d.year : d.year - 1;
  return { startsOn: `${startYear}-07-01`, endsOn: `${startYear + 1}-06-30` };
}

/** A calendar date moved by whole days, e.g. plusDays('2027-03-01', -14) → '2027-02-15'. */
export function plusDays(isoDate: string, days: number): string {
  return DateTime.fromISO(isoDate, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

/** A calendar date moved by whole months, clamped to the month's end ('2027-01-31' + 1 → '2027-02-28'). */
export function plusMonths(isoDate: string, months: number): string {
  return DateTime.fromISO(isoDate, { zone: 'UTC' }).plus({ months }).toISODate()!;
}

/** The last day (28–31) of a month. */
export function lastDayOfMonth(year: number, month: number): number {
  return DateTime.utc(year, month, 1).daysInMonth!;
}

/** The calendar year of an instant in a zone. */
export function localYear(instant: Date, zone: string): number {
  return DateTime.fromJSDate(instant, { zone }).year;
}

/** The last second of a calendar day in a zone: a deadline "by April 30" is 23:59:59 that day. */
export function endOfDay(isoDate: string, zone: string): Date {
  return zonedInstant(isoDate, '23:59:59', zone);
}

/**
 * Reads an ISO 8601 instant typed by an operator. With an offset or Z it is exact; without
 * one ("2027-03-01T10:00", "2027-03-01") it is wall-clock time in `zone`. Undefined when malformed.
 */
export function parseInstant(text: string, zone: string): Date | undefined {
  const dt = DateTime.fromISO(text.trim(), { zone, setZone: true });
  return dt.isValid ? dt.toJSDate() : undefined;
}

/** Day of the week of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(isoDate: string): number {
  return DateTime.fromISO(isoDate, { zone: 'UTC' }).weekday;
}

/** A calendar date spelled out, e.g. "Monday, March 1". */
export function formatWeekday(isoDate: string): string {
  return DateTime.fromISO(isoDate, { zone: 'UTC' }).toFormat('cccc, LLLL d');
}

/** The wall-clock time of an instant in a zone with the zone's abbreviation, e.g. "10:00 AM CST". */
export function formatClock(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat('h:mm a ZZZZ');
}

/** The wall-clock time (HH:mm, 24-hour) of an instant in a zone. */
export function localTime(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat('HH:mm');
}
