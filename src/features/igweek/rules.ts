// IG Week's calendar and claiming rules: pure, the clock is a parameter.
// The event is defined in Central time whatever ORG_TIMEZONE or the server says.
import { isoWeekday, localDate, localYear, plusDays, plusMonths, zonedInstant } from '../../lib/time.js';

export const IGWEEK_ZONE = 'America/Chicago';
/** How messages name IG Week's zone (CST or CDT: March straddles the change). */
export const IGWEEK_ZONE_NAME = 'Central';
export const DEFAULT_HOURS = [10, 11, 12, 13, 14] as const;
export const SLOT_MS = 60 * 60 * 1000;

/** When a slot that starts at `startsAt` ends. */
export function slotEnd(startsAt: Date): Date {
  return new Date(startsAt.getTime() + SLOT_MS);
}
/** Days (Mon–Fri) of the default week; an override with only a first day gets this many weekdays. */
export const DEFAULT_DAY_COUNT = 5;
export const MAX_DAYS = 10;
/** One Slack message holds 50 blocks: the schedule uses one per day and one per slot, plus a few. */
export const MAX_DAYS_AND_SLOTS = 45;
/** When milestone nudges go out on their day (Central). */
const NUDGE_TIME = '10:00';

/** Staff overrides of the computed calendar; null / empty = the default. */
export interface IgWeekOverrides {
  firstDay: string | null;
  lastDay: string | null;
  hours: number[];
  slotCount: number | null;
  claimOpensAt: Date | null;
  detailsDueOn: string | null;
}

export const NO_OVERRIDES: IgWeekOverrides = { firstDay: null, lastDay: null, hours: [], slotCount: null, claimOpensAt: null, detailsDueOn: null };

export interface SlotTime {
  day: string;
  hour: number;
  startsAt: Date;
  endsAt: Date;
}

export interface IgWeekCalendar {
  year: number;
  days: string[];
  hours: number[];
  slots: SlotTime[];
  /** First slot's start and last slot's end. */
  startsAt: Date;
  endsAt: Date;
  claimOpensAt: Date;
  detailsDueOn: string;
}

/** The Monday of the first week of March whose Monday to Friday all fall in March (= the first Monday of March). */
export function firstFullWeekOfMarch(year: number): string {
  const march1 = `${year}-03-01`;
  return plusDays(march1, (8 - isoWeekday(march1)) % 7);
}

/** Monday to Friday dates from first to last, inclusive (stops past MAX_DAYS: more is refused anyway). */
export function weekdaysBetween(first: string, last: string): string[] {
  const days: string[] = [];
  for (let d = first; d <= last && days.length <= MAX_DAYS; d = plusDays(d, 1)) if (isoWeekday(d) <= 5) days.push(d);
  return days;
}

/** The n weekdays starting at a date (the date itself counts when it is a weekday). */
function weekdaysFrom(first: string, n: number): string[] {
  const days: string[] = [];
  for (let d = first; days.length < n; d = plusDays(d, 1)) if (isoWeekday(d) <= 5) days.push(d);
  return days;
}

/**
 * The event for a year: computed from the rules, then staff overrides applied. Remembered (it is
 * a pure function of its arguments, read on every claim and schedule), so the result is frozen.
 */
export function igWeekCalendar(year: number, o: IgWeekOverrides = NO_OVERRIDES): IgWeekCalendar {
  const key = JSON.stringify([year, o]);
  let cal = calendars.get(key);
  if (!cal) {
    if (calendars.size >= 100) calendars.clear();
    cal = freezeCalendar(computeCalendar(year, o));
    calendars.set(key, cal);
  }
  return cal;
}

const calendars = new Map<string, IgWeekCalendar>();

function freezeCalendar(cal: IgWeekCalendar): IgWeekCalendar {
  for (const slot of cal.slots) Object.freeze(slot);
  Object.freeze(cal.slots);
  Object.freeze(cal.days);
  Object.freeze(cal.hours);
  return Object.freeze(cal);
}

function computeCalendar(year: number, o: IgWeekOverrides): IgWeekCalendar {
  const first = o.firstDay ?? firstFullWeekOfMarch(year);
  const days = o.lastDay ? weekdaysBetween(first, o.lastDay) : weekdaysFrom(first, DEFAULT_DAY_COUNT);
  const hours = o.hours.length ? [...o.hours].sort((a, b) => a - b) : [...DEFAULT_HOURS];
  const all = days.flatMap((day) =>
    hours.map((hour) => {
      const startsAt = zonedInstant(day, `${String(hour).padStart(2, '0')}:00`, IGWEEK_ZONE);
      return { day, hour, startsAt, endsAt: new Date(startsAt.getTime() + SLOT_MS) };
    }),
  );
  const slots = o.slotCount ? all.slice(0, o.slotCount) : all;
  return {
    year,
    days: [...new Set(slots.map((s) => s.day))],
    hours,
    slots,
    startsAt: slots[0]?.startsAt ?? zonedInstant(first, '00:00', IGWEEK_ZONE),
    endsAt: slots.at(-1)?.endsAt ?? zonedInstant(first, '00:00', IGWEEK_ZONE),
    claimOpensAt: o.claimOpensAt ?? zonedInstant(`${year}-01-15`, '10:00', IGWEEK_ZONE),
    detailsDueOn: o.detailsDueOn ?? `${year}-02-01`,
  };
}

/** The IG Week shown as "coming": this year's until it has ended, then next year's. */
export function comingYear(now: Date, calendarOf: (year: number) => IgWeekCalendar): number {
  const year = localYear(now, IGWEEK_ZONE);
  return now.getTime() < calendarOf(year).endsAt.getTime() ? year : year + 1;
}

export type ClaimingMode = 'AUTO' | 'OPEN' | 'CLOSED';

export type ClaimingState =
  | { open: true }
  | { open: false; reason: 'not-yet'; opensAt: Date }
  | { open: false; reason: 'closed' | 'locked' | 'started' | 'over' };

/** May conveners claim slots of this week now? */
export function claimingState(cal: IgWeekCalendar, mode: ClaimingMode, locked: boolean, now: Date): ClaimingState {
  const t = now.getTime();
  if (t >= cal.endsAt.getTime()) return { open: false, reason: 'over' };
  if (locked) return { open: false, reason: 'locked' };
  if (mode === 'OPEN') return { open: true };
  if (mode === 'CLOSED') return { open: false, reason: 'closed' };
  if (t < cal.claimOpensAt.getTime()) return { open: false, reason: 'not-yet', opensAt: cal.claimOpensAt };
  if (t >= cal.startsAt.getTime()) return { open: false, reason: 'started' };
  return { open: true };
}

/** The instants of the week-level nudges (each 10:00 Central on its day). */
export function milestones(cal: IgWeekCalendar, openedAt: Date | null) {
  const at = (day: string) => zonedInstant(day, NUDGE_TIME, IGWEEK_ZONE);
  const firstDay = cal.days[0] ?? localDate(cal.startsAt, IGWEEK_ZONE);
  const lastDay = cal.days.at(-1) ?? firstDay;
  let afterWeek = plusDays(lastDay, 1);
  while (isoWeekday(afterWeek) > 5) afterWeek = plusDays(afterWeek, 1);
  return {
    /** Slot selection opens (earlier when staff opened it by hand). */
    claimingOpen: openedAt && openedAt < cal.claimOpensAt ? openedAt : cal.claimOpensAt,
    detailsReminder: at(plusDays(cal.detailsDueOn, -7)),
    program: at(plusMonths(firstDay, -1)),
    practiceCall: at(plusDays(firstDay, -14)),
    /** The first weekday after the week. */
    survey: at(afterWeek),
  };
}

/** The chair's checklist goes out the day before the session, 10:00 Central. */
export function checklistAt(slotStart: Date): Date {
  return zonedInstant(plusDays(localDate(slotStart, IGWEEK_ZONE), -1), NUDGE_TIME, IGWEEK_ZONE);
}

/** Staff are nudged when a session's recording link is still missing 48 hours after it ends. */
export function recordingDueAt(slotStart: Date): Date {
  return new Date(slotStart.getTime() + SLOT_MS + 48 * SLOT_MS);
}

export interface SessionDetails {
  description: string | null;
  speakerUserIds: string[];
  outsideSpeakers: string[];
}

/** What the details nudge asks for: the description and at least one speaker. */
export function missingDetails(s: SessionDetails): ('description' | 'speakers')[] {
  const missing: ('description' | 'speakers')[] = [];
  if (!s.description?.trim()) missing.push('description');
  if (s.speakerUserIds.length === 0 && s.outsideSpeakers.length === 0) missing.push('speakers');
  return missing;
}

/** "10, 11, 13:00" → [10, 11, 13]; undefined when any part isn't a whole hour 0–23. */
export function parseHours(text: string): number[] | undefined {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  const hours: number[] = [];
  for (const p of parts) {
    const m = /^(\d{1,2})(?::00)?$/.exec(p);
    const h = m ? Number(m[1]) : NaN;
    if (!(h >= 0 && h <= 23)) return undefined;
    hours.push(h);
  }
  return hours;
}

/** Problems with a year's overrides, keyed by the setting at fault (empty when fine). */
export function overrideProblems(year: number, o: IgWeekOverrides): Partial<Record<keyof IgWeekOverrides, string>> {
  const problems: Partial<Record<keyof IgWeekOverrides, string>> = {};
  const inYear = (d: string | null) => d === null || d.startsWith(`${year}-`);
  if (!inYear(o.firstDay)) problems.firstDay = `The first day must be in ${year}.`;
  if (!inYear(o.lastDay)) problems.lastDay = `The last day must be in ${year}.`;
  if (!inYear(o.detailsDueOn)) problems.detailsDueOn = `The due date must be in ${year}.`;
  if (Object.keys(problems).length) return problems;
  if (new Set(o.hours).size !== o.hours.length) problems.hours = 'Each start hour once, please.';
  const cal = igWeekCalendar(year, o);
  const firstDay = o.firstDay ?? firstFullWeekOfMarch(year);
  if (o.lastDay && o.lastDay < firstDay) problems.lastDay = 'The last day must be on or after the first day.';
  else if (cal.slots.length === 0) problems.lastDay = 'Those dates hold no weekday: IG Week runs Monday to Friday.';
  else if (cal.days.length > MAX_DAYS) problems.lastDay = `IG Week can span at most ${MAX_DAYS} weekdays.`;
  else if (cal.days.length + cal.slots.length > MAX_DAYS_AND_SLOTS) {
    const key = o.slotCount ? 'slotCount' : o.hours.length ? 'hours' : 'lastDay';
    problems[key] = `That makes ${cal.slots.length} slots over ${cal.days.length} days; one schedule message can show at most ${MAX_DAYS_AND_SLOTS} slots and days together.`;
  }
  if (o.slotCount !== null && o.slotCount < 1) problems.slotCount = 'At least one slot.';
  if (cal.slots.length && cal.claimOpensAt >= cal.startsAt) problems.claimOpensAt = 'Slot selection must open before the week starts.';
  if (cal.slots.length && cal.detailsDueOn >= cal.days[0]!) problems.detailsDueOn = 'Details must be due before the week starts.';
  return problems;
}
