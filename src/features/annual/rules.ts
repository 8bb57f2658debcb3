// Annual Conference space requests: pure rules (the conference days, when requests close,
// the form's choices and checks). No I/O; the clock's instant and the zone are parameters.
import { endOfDay, plusDays } from '../../lib/time.js';
import type { OffsetPlan } from '../reminders/rules.js';

/** What every convener acknowledges before requesting space (the Core page's terms). */
export const ACKNOWLEDGEMENT = 'I understand the default room layout applies, no A/V support is provided, and the space is for discussion, not formal programming.';

export const TIMES_OF_DAY = [
  { value: 'morning', text: 'Morning (8 AM–noon)' },
  { value: 'midday', text: 'Midday (noon–2 PM)' },
  { value: 'afternoon', text: 'Afternoon (2–6 PM)' },
] as const;

export const TIME_VALUES = TIMES_OF_DAY.map((t) => t.value) as [string, ...string[]];

export function timeLabel(value: string): string {
  return TIMES_OF_DAY.find((t) => t.value === value)?.text ?? value;
}

/** A conference lasts at most this many days (a modal shows at most 10 checkboxes). */
export const MAX_DAYS = 10;

/** Every day of the conference, first to last (YYYY-MM-DD). */
export function conferenceDays(firstDay: string, lastDay: string): string[] {
  const days: string[] = [];
  for (let d = firstDay; d <= lastDay && days.length < MAX_DAYS; d = plusDays(d, 1)) days.push(d);
  return days;
}

/** Requests are taken through the end of the close day in the org zone. */
export function requestsOpen(closeOn: string, now: Date, zone: string): boolean {
  return now.getTime() <= endOfDay(closeOn, zone).getTime();
}

/** What is wrong with the dates staff chose, by field. */
export function settingsProblems(s: { firstDay: string; lastDay: string; closeOn: string }): Record<string, string> {
  const out: Record<string, string> = {};
  if (s.lastDay < s.firstDay) out.lastDay = 'The last day is before the first day.';
  else if (conferenceDays(s.firstDay, s.lastDay).at(-1) !== s.lastDay) out.lastDay = `A conference lasts at most ${MAX_DAYS} days.`;
  if (s.closeOn >= s.firstDay) out.closeOn = 'Requests must close before the conference starts.';
  return out;
}

/** "14:30" → minutes after midnight; undefined when it isn't a 24-hour HH:MM time. */
export function minutesOf(hhmm: string): number | undefined {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(hhmm.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** "9:05" → "09:05". */
export function normalTime(hhmm: string): string {
  const minutes = minutesOf(hhmm)!;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Nudges to conveners of eligible groups without a request: 14 and 3 days before requests close. */
export const NUDGE_PLAN: OffsetPlan = { daysBefore: [14, 3], time: '10:00' };
