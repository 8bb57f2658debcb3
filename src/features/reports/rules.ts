// Pure quarterly-report rules: calendar quarters, due dates, which quarter is due, the status
// of a group's report. Dates are YYYY-MM-DD in the org zone; instants are passed in.
import { lastDayOfMonth, plusDays } from '../../lib/time.js';

export interface Quarter {
  year: number;
  q: 1 | 2 | 3 | 4;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** "2027-Q1": how a quarter is stored. */
export function quarterKey({ year, q }: Quarter): string {
  return `${year}-Q${q}`;
}

/** "2027 Q1 (Jan–Mar)" */
export function quarterLabel({ year, q }: Quarter): string {
  return `${year} Q${q} (${MONTHS[(q - 1) * 3]}–${MONTHS[(q - 1) * 3 + 2]})`;
}

/** Reads "2027-Q1", "2027 q1", "Q1 2027", "q1-2027" or "2027Q1". */
export function parseQuarter(text: string): Quarter | undefined {
  const t = text.trim().toUpperCase().replace(/[\s_-]+/g, '');
  const yearFirst = /^(\d{4})Q([1-4])$/.exec(t);
  if (yearFirst) return { year: Number(yearFirst[1]), q: Number(yearFirst[2]) as Quarter['q'] };
  const quarterFirst = /^Q([1-4])(\d{4})$/.exec(t);
  if (quarterFirst) return { year: Number(quarterFirst[2]), q: Number(quarterFirst[1]) as Quarter['q'] };
  return undefined;
}

export function quarterOf(isoDate: string): Quarter {
  const month = Number(isoDate.slice(5, 7));
  return { year: Number(isoDate.slice(0, 4)), q: (Math.floor((month - 1) / 3) + 1) as Quarter['q'] };
}

export function shiftQuarter({ year, q }: Quarter, n: number): Quarter {
  const index = year * 4 + (q - 1) + n;
  return { year: Math.floor(index / 4), q: ((index % 4) + 1) as Quarter['q'] };
}

/** The first quarter a group owes a report for: the one after the quarter it was created in (`createdOn`, org zone). */
export function firstOwedQuarter(createdOn: string): Quarter {
  return shiftQuarter(quarterOf(createdOn), 1);
}

export function owesReport(createdOn: string, quarter: Quarter): boolean {
  return quarterKey(quarter) >= quarterKey(firstOwedQuarter(createdOn));
}

export function quarterStart({ year, q }: Quarter): string {
  return `${year}-${pad((q - 1) * 3 + 1)}-01`;
}

export function quarterEnd({ year, q }: Quarter): string {
  const month = q * 3;
  return `${year}-${pad(month)}-${pad(lastDayOfMonth(year, month))}`;
}

/** The last day of the month after the quarter ends: Q1 → April 30, Q4 → January 31. */
export function defaultDueDate(quarter: Quarter): string {
  const next = plusDays(quarterEnd(quarter), 1);
  const year = Number(next.slice(0, 4));
  const month = Number(next.slice(5, 7));
  return `${year}-${pad(month)}-${pad(lastDayOfMonth(year, month))}`;
}

/** Staff may move a due date, but not before the quarter ends nor more than six months after. */
export function dueDateProblem(quarter: Quarter, dueOn: string): string | undefined {
  const end = quarterEnd(quarter);
  if (dueOn <= end) return `A report can't be due before its quarter ends (${end}).`;
  const latest = plusDays(end, 183);
  if (dueOn > latest) return `Keep the due date within six months of the quarter's end (by ${latest}).`;
  return undefined;
}

/** Quarters a report can be filed for on a day: the current one and the four before it, newest first. */
export function fileableQuarters(today: string): Quarter[] {
  const current = quarterOf(today);
  return [0, -1, -2, -3, -4].map((n) => shiftQuarter(current, n));
}

/** The quarter to preselect: the one that just ended if its report isn't filed yet, else the current one. */
export function dueQuarter(today: string, filed: ReadonlySet<string>): Quarter {
  const current = quarterOf(today);
  const previous = shiftQuarter(current, -1);
  return filed.has(quarterKey(previous)) ? current : previous;
}

export type ReportStatus = 'FILED' | 'LATE' | 'MISSING' | 'PENDING';

/** FILED by the due date, LATE after it, MISSING once it passed unfiled, PENDING before it. */
export function reportStatus(firstFiledAt: Date | null, dueEnd: Date, now: Date): ReportStatus {
  if (firstFiledAt) return firstFiledAt.getTime() <= dueEnd.getTime() ? 'FILED' : 'LATE';
  return now.getTime() > dueEnd.getTime() ? 'MISSING' : 'PENDING';
}

/** A filed report can be revised until its due date; a first filing is accepted any time (late). */
export function revisionProblem(quarter: Quarter, alreadyFiled: boolean, dueEnd: Date, now: Date, dueLabel: string): string | undefined {
  if (!alreadyFiled || now.getTime() <= dueEnd.getTime()) return undefined;
  return `The ${quarterLabel(quarter)} report is already filed and its due date (${dueLabel}) has passed, so it can no longer be revised.`;
}

export const DELIVERABLES = [
  { value: 'ongoing_discussion', label: 'Ongoing discussion' },
  { value: 'online_course', label: 'Online course or webinar' },
  { value: 'program_proposal', label: 'Program proposal' },
  { value: 'annual_discussion', label: 'In-person discussion at Annual' },
  { value: 'ig_week', label: 'IG Week session' },
  { value: 'other_sessions', label: 'Other sessions' },
  { value: 'resource_products', label: 'Resource products' },
] as const;

export type Deliverable = (typeof DELIVERABLES)[number]['value'];
export const DELIVERABLE_VALUES = DELIVERABLES.map((d) => d.value) as [Deliverable, ...Deliverable[]];

export function deliverableLabel(value: string): string {
  return DELIVERABLES.find((d) => d.value === value)?.label ?? value;
}

/** Nudges around a due date: 14 and 3 days before, on the day, then weekly while overdue, four times at most. */
export const NUDGE_PLAN = { daysBefore: [14, 3], onTheDay: true, overdue: { everyDays: 7, max: 4 }, time: '10:00' };
