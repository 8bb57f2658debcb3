// Pure rules of the deadline engine: when nudges fall (in the org zone), how far back a
// tick looks, when a failed delivery is retried. No I/O; instants and zones are parameters.
import { lastDayOfMonth, localDate, localYear, plusDays, zonedInstant } from '../../lib/time.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A half-open window of instants: from < at <= to (the contract of ReminderRule.occurrences). */
export interface Window {
  from: Date;
  to: Date;
}

/**
 * Whole days from the day `at` falls on in `zone` to `isoDate`: 0 on the day, negative after.
 * What a nudge says when it goes out at `at` (`RuleContext.asOf`, else its due time).
 */
export function daysLeft(isoDate: string, at: Date, zone: string): number {
  return Math.round((Date.parse(isoDate) - Date.parse(localDate(at, zone))) / DAY);
}

export function inWindow(at: Date, { from, to }: Window): boolean {
  return at.getTime() > from.getTime() && at.getTime() <= to.getTime();
}

// ---------------------------------------------------------------------------
// When nudges fall

/** A date that recurs every year; 'last' is the month's last day. */
export interface MonthDay {
  month: number;
  day: number | 'last';
}

/** The YYYY-MM-DD of a yearly date in a given year. */
export function monthDayIn(year: number, { month, day }: MonthDay): string {
  const d = day === 'last' ? lastDayOfMonth(year, month) : day;
  return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** One-off deadline: the instant itself, if it falls in the window. */
export function oneOff(at: Date, window: Window): Date[] {
  return inWindow(at, window) ? [at] : [];
}

/** Each yearly date at `time` (HH:mm wall clock in `zone`) that falls in the window, oldest first. */
export function annualInstants(dates: MonthDay[], time: string, zone: string, window: Window): Date[] {
  const out: Date[] = [];
  for (let year = localYear(window.from, zone); year <= localYear(window.to, zone); year++) {
    for (const date of dates) {
      const at = zonedInstant(monthDayIn(year, date), time, zone);
      if (inWindow(at, window)) out.push(at);
    }
  }
  return out.sort((a, b) => a.getTime() - b.getTime());
}

/** A yearly date, e.g. elections by April 30: yearly({ month: 4, day: 30 }, '10:00', zone, window). */
export function yearly(date: MonthDay, time: string, zone: string, window: Window): Date[] {
  return annualInstants([date], time, zone, window);
}

/** The four dates three months apart starting from `first`, e.g. { month: 1, day: 'last' } → Jan 31, Apr 30, Jul 31, Oct 31. */
export function quarterlyDates(first: MonthDay): MonthDay[] {
  return [0, 3, 6, 9].map((k) => ({ month: ((first.month - 1 + k) % 12) + 1, day: first.day }));
}

export function quarterly(first: MonthDay, time: string, zone: string, window: Window): Date[] {
  return annualInstants(quarterlyDates(first), time, zone, window);
}

/** "14 days before, 3 days before, on the day, then every 7 days while overdue, at most 4 times." */
export interface OffsetPlan {
  daysBefore?: number[];
  onTheDay?: boolean;
  overdue?: { everyDays: number; max: number };
  /** Wall-clock time of each nudge in the org zone, e.g. '10:00'. */
  time: string;
}

export interface DeadlineNudge {
  /** Stable within the plan: 'before-14', 'due', 'overdue-1'… */
  key: string;
  at: Date;
}

/**
 * The nudges around a deadline day (YYYY-MM-DD in `zone`). Offsets are calendar days, so a
 * nudge keeps its wall-clock time across a DST change. Whether "while overdue" still holds is
 * for the rule to decide (it stops returning nudges once the thing is done).
 */
export function deadlineNudges(deadlineDate: string, plan: OffsetPlan, zone: string): DeadlineNudge[] {
  const at = (days: number) => zonedInstant(plusDays(deadlineDate, days), plan.time, zone);
  const nudges: DeadlineNudge[] = [...new Set(plan.daysBefore ?? [])]
    .filter((d) => d > 0)
    .sort((a, b) => b - a)
    .map((d) => ({ key: `before-${d}`, at: at(-d) }));
  if (plan.onTheDay) nudges.push({ key: 'due', at: at(0) });
  const { everyDays = 0, max = 0 } = plan.overdue ?? {};
  for (let n = 1; everyDays > 0 && n <= max; n++) nudges.push({ key: `overdue-${n}`, at: at(n * everyDays) });
  return nudges;
}

export function nudgesInWindow(nudges: DeadlineNudge[], window: Window): DeadlineNudge[] {
  return nudges.filter((n) => inWindow(n.at, window));
}

/** The org-zone calendar date of a deadline instant (for deadlineNudges). */
export function deadlineDay(deadline: Date, zone: string): string {
  return localDate(deadline, zone);
}

// ---------------------------------------------------------------------------
// What a tick looks at

/** After a long outage the engine still looks back at most this far (older occurrences are not recorded at all). */
export const MAX_CATCH_UP_MS = 366 * DAY;

/**
 * Start of the window a tick asks a rule about. Normally the rule's lateness (anything older
 * was seen by an earlier tick); after downtime back to where the engine last looked, so the
 * occurrences missed meanwhile are found and sent late or recorded as skipped.
 */
export function windowStart(asOf: Date, latenessMs: number, checkedUntil: Date | null | undefined): Date {
  const byLateness = asOf.getTime() - Math.max(latenessMs, 0);
  const from = checkedUntil ? Math.min(checkedUntil.getTime(), byLateness) : byLateness;
  return new Date(Math.max(from, asOf.getTime() - MAX_CATCH_UP_MS));
}

export function isTooLate(dueAt: Date, asOf: Date, latenessMs: number): boolean {
  return asOf.getTime() - dueAt.getTime() > latenessMs;
}

/** "3 days", "2 hours", "45 minutes": for skip reasons. */
export function describeDuration(ms: number): string {
  const units: [number, string][] = [
    [DAY, 'day'],
    [HOUR, 'hour'],
    [MINUTE, 'minute'],
  ];
  for (const [size, name] of units) {
    if (ms >= size) {
      const n = Math.floor(ms / size);
      return `${n} ${name}${n === 1 ? '' : 's'}`;
    }
  }
  return `${Math.max(0, Math.round(ms / 1000))} seconds`;
}

export function tooLateReason(dueAt: Date, asOf: Date, latenessMs: number): string {
  return `too late: ${describeDuration(asOf.getTime() - dueAt.getTime())} after it was due (this rule allows ${describeDuration(latenessMs)})`;
}

// ---------------------------------------------------------------------------
// Retries

/** Tries per delivery, the first included; after the last failure it is GAVE_UP and staff are told. */
export const MAX_ATTEMPTS = 4;
/** Wait before retry k (after k failed attempts). */
export const BACKOFF_MS = [5 * MINUTE, 30 * MINUTE, 2 * HOUR];

export type FailureOutcome = { status: 'FAILED'; nextAttemptAt: Date } | { status: 'GAVE_UP' };

/** What a failed attempt leads to. `attempts` counts this one. `notBefore` comes from a long Retry-After. */
export function afterFailure(attempts: number, now: Date, notBefore?: Date): FailureOutcome {
  if (attempts >= MAX_ATTEMPTS) return { status: 'GAVE_UP' };
  const wait = BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length) - 1] ?? BACKOFF_MS.at(-1)!;
  const next = Math.max(now.getTime() + wait, notBefore?.getTime() ?? 0);
  return { status: 'FAILED', nextAttemptAt: new Date(next) };
}

/**
 * A claim (SENDING delivery, CLAIMED occurrence) older than this was left by a process that
 * died mid-send; another process takes it over. A live process renews its claim before each post.
 */
export const STALE_CLAIM_MS = 10 * MINUTE;

/** Retry-After up to this long is waited out in the tick; longer ones become a FAILED attempt retried later. */
export const MAX_RATE_LIMIT_WAIT_MS = 60_000;
/** Waits on 429 per delivery within one tick. */
export const MAX_RATE_LIMIT_WAITS = 3;
/** Slack allows about one message a second per channel. */
export const PER_CHANNEL_INTERVAL_MS = 1_000;

/** Channels (and DMs) posted to at once; each one's own messages still go a second apart. */
export const SEND_CONCURRENCY = 8;

/** Deliveries grouped by recipient, in order within each (each group is sent one after the other). */
export function queuesByRecipient<T extends { recipient: string }>(items: T[]): T[][] {
  const queues = new Map<string, T[]>();
  for (const item of items) {
    const queue = queues.get(item.recipient);
    if (queue) queue.push(item);
    else queues.set(item.recipient, [item]);
  }
  return [...queues.values()];
}

// ---------------------------------------------------------------------------
// The first rules' calendar (seed 000: business meetings in January and June, elections by April)

/** Business-meeting nudges: early December for the January meeting, early May for the June one. */
export const MEETING_NUDGE_DATES: MonthDay[] = [
  { month: 12, day: 1 },
  { month: 12, day: 15 },
  { month: 5, day: 1 },
  { month: 5, day: 15 },
];

export interface MeetingSeason {
  name: 'January' | 'June';
  year: number;
  /** e.g. '2027-01' */
  key: string;
  /** A meeting held between these days (inclusive) counts for the season. */
  fromDay: string;
  toDay: string;
}

/** The season a nudge day (YYYY-MM-DD) is for: December → the next January; otherwise that year's June. */
export function meetingSeason(nudgeDay: string): MeetingSeason {
  const [year, month] = nudgeDay.split('-').map(Number) as [number, number];
  if (month >= 11) {
    const y = year + 1;
    return { name: 'January', year: y, key: `${y}-01`, fromDay: `${year}-11-01`, toDay: `${y}-01-31` };
  }
  return { name: 'June', year, key: `${year}-06`, fromDay: `${year}-05-01`, toDay: `${year}-06-30` };
}

/** Election nudges: March 1, and a last call on April 15; elections are held by April 30. */
export const ELECTION_CALL: MonthDay = { month: 3, day: 1 };
export const ELECTION_LAST_CALL: MonthDay = { month: 4, day: 15 };
export const ELECTION_DEADLINE: MonthDay = { month: 4, day: 30 };
