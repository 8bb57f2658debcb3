// The only module that knows luxon zones and display formats. Everything takes the
// instant and the zone explicitly, so the server's own TZ never leaks into results.
import { DateTime, IANAZone } from 'luxon';

export type Clock = () => Date;

/** True for an IANA zone name such as America/Chicago. */
export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}
export const systemClock: Clock = () => new Date();

/**
 * luxon asks Intl for a zone's UTC offset at every instant it reads or writes (formatToParts,
 * some microseconds each; a schedule of 25 slots asks hundreds of times). An offset changes only
 * at the zone's transitions, which fall on whole minutes, so each zone's (shared) luxon instance
 * remembers its offsets per minute.
 */
const remembered = new Set<string>();
function remembering(zone: string): string {
  if (remembered.has(zone)) return zone;
  remembered.add(zone);
  const instance = IANAZone.create(zone);
  if (!instance.isValid) return zone;
  const offsetAt = instance.offset.bind(instance);
  const byMinute = new Map<number, number>();
  instance.offset = (ts: number) => {
    const minute = Math.floor(ts / 60_000);
    let offset = byMinute.get(minute);
    if (offset === undefined) {
      if (byMinute.size >= 50_000) byMinute.clear();
      offset = offsetAt(ts);
      byMinute.set(minute, offset);
    }
    return offset;
  };
  return zone;
}

/** The calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone: remembering(zone) }).toISODate()!;
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
  const dt = DateTime.fromISO(`${isoDate}T${time}`, { zone: remembering(zone) });
  if (!dt.isValid) throw new Error(`Invalid date/time ${isoDate} ${time} in ${zone}: ${dt.invalidExplanation}`);
  return dt.toJSDate();
}

/** Human text of an instant in a zone, e.g. "Mon, Mar 1, 2027 10:00 AM CST". */
export function formatInstant(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone: remembering(zone) }).toFormat('ccc, LLL d, yyyy h:mm a ZZZZ');
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
  const fallback = DateTime.fromJSDate(instant, { zone: remembering(zone) }).toFormat('LLL d, yyyy');
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
  return DateTime.fromJSDate(instant, { zone: remembering(zone) }).year;
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
  const dt = DateTime.fromISO(text.trim(), { zone: remembering(zone), setZone: true });
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
  return DateTime.fromJSDate(instant, { zone: remembering(zone) }).toFormat('h:mm a ZZZZ');
}

/** The wall-clock time of an instant in a zone, without the zone, e.g. "10:00 AM". */
export function formatTime(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone: remembering(zone) }).toFormat('h:mm a');
}

/**
 * A span of time on one day in a zone, the meridiem said once when both ends share it:
 * "Mon, Mar 1 · 10:00–11:00 AM", "Mon, Mar 1 · 11:30 AM–12:30 PM".
 */
export function formatTimeSpan(start: Date, end: Date, zone: string): string {
  const from = DateTime.fromJSDate(start, { zone: remembering(zone) });
  const to = DateTime.fromJSDate(end, { zone: remembering(zone) });
  const times = from.toFormat('a') === to.toFormat('a') ? `${from.toFormat('h:mm')}–${to.toFormat('h:mm a')}` : `${from.toFormat('h:mm a')}–${to.toFormat('h:mm a')}`;
  return `${from.toFormat('ccc, LLL d')} · ${times}`;
}

/**
 * Slack's token for a time of day in each reader's own zone, e.g. "9:00 AM your time" with
 * `after: ' your time'`; clients that can't render it show the time in `zone`, named `zoneName`
 * ("10:00 AM Central").
 */
export function slackTime(instant: Date, zone: string, o: { zoneName: string; after?: string }): string {
  const unix = Math.floor(instant.getTime() / 1000);
  return `<!date^${unix}^{time}${o.after ?? ''}|${formatTime(instant, zone)} ${o.zoneName}>`;
}

/** The wall-clock time (HH:mm, 24-hour) of an instant in a zone. */
export function localTime(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone: remembering(zone) }).toFormat('HH:mm');
}

function ordinal(day: number): string {
  const teen = day % 100 >= 11 && day % 100 <= 13;
  const suffix = teen ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[day % 10] ?? 'th';
  return `${day}${suffix}`;
}

/**
 * What a Slack client shows for `<!date^unix^{tokens}|fallback>`: each token ({date_num},
 * {date_slash}, {date}, {date_short}, {date_long}, {date_long_full}, the *_pretty forms,
 * {time}, {time_secs}, {ago}) written for a reader in `zone`, "today" and "ago" relative to `now`.
 * Undefined for a zone luxon doesn't know (the caller shows the fallback).
 */
export function formatSlackDate(instant: Date, zone: string, tokens: string, now: Date): string | undefined {
  const dt = DateTime.fromJSDate(instant, { zone: remembering(zone) });
  if (!dt.isValid) return undefined;
  const today = DateTime.fromJSDate(now, { zone: remembering(zone) }).startOf('day');
  const days = Math.round(dt.startOf('day').diff(today, 'days').days);
  const relative = days === 0 ? 'today' : days === -1 ? 'yesterday' : days === 1 ? 'tomorrow' : undefined;
  const date = `${dt.toFormat('LLLL')} ${ordinal(dt.day)}, ${dt.year}`;
  const dateLong = `${dt.toFormat('cccc')}, ${date}`;
  const dateShort = dt.toFormat('LLL d, yyyy');
  const ago = (): string => {
    const seconds = Math.round((now.getTime() - instant.getTime()) / 1000);
    const future = seconds < 0;
    const s = Math.abs(seconds);
    const [n, unit] = s < 60 ? [s, 'second'] : s < 3600 ? [Math.floor(s / 60), 'minute'] : s < 86400 ? [Math.floor(s / 3600), 'hour'] : [Math.floor(s / 86400), 'day'];
    const span = `${n} ${unit}${n === 1 ? '' : 's'}`;
    return future ? `in ${span}` : `${span} ago`;
  };
  const values: Record<string, () => string> = {
    date_num: () => dt.toFormat('yyyy-MM-dd'),
    date_slash: () => dt.toFormat('MM/dd/yyyy'),
    date: () => date,
    date_pretty: () => relative ?? date,
    date_short: () => dateShort,
    date_short_pretty: () => relative ?? dateShort,
    date_long: () => dateLong,
    date_long_full: () => date,
    date_long_pretty: () => relative ?? dateLong,
    time: () => dt.toFormat('h:mm a'),
    time_secs: () => dt.toFormat('h:mm:ss a'),
    ago,
  };
  return tokens.replace(/\{([a-z_]+)\}/g, (token, name: string) => values[name]?.() ?? token);
}

/** The zone's short name at an instant, e.g. "CST", "CDT" (or "GMT+14" where there is none). */
export function zoneAbbreviation(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone: remembering(zone) }).toFormat('ZZZZ');
}
