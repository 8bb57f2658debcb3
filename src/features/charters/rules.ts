// Charters and activity: pure rules (clock passed in, zone given; dates through src/lib/time.ts).
import { isoDateOf, localDate, plusDays, plusMonths, zonedInstant } from '../../lib/time.js';

/** A charter lasts this many years; no activity for as long dissolves the group. */
export const CHARTER_YEARS = 3;
/** Renewal opens (and the first nudge goes) this many days before the due date. */
export const RENEWAL_WINDOW_DAYS = 90;
/** Nudges before the due date, in days; 0 is the due date itself. */
export const RENEWAL_NUDGE_DAYS = [90, 30, 7, 0] as const;
/** The hour (org time) nudges and lifecycle instants use. */
export const LIFECYCLE_TIME = '10:00';

type Chartered = { charterApprovedOn: Date | null; createdAt: Date };
type Active = { lastActivityAt: Date | null; createdAt: Date };

/** The charter date (YYYY-MM-DD): the recorded approval, else the day (org time) the group was created. */
export function charterDate(group: Chartered, zone: string): string {
  return group.charterApprovedOn ? isoDateOf(group.charterApprovedOn) : localDate(group.createdAt, zone);
}

/** Charter date + three years; Feb 29 falls on Feb 28 in a non-leap year. */
export function charterDueOn(group: Chartered, zone: string): string {
  return plusMonths(charterDate(group, zone), CHARTER_YEARS * 12);
}

/** The first day a renewal may be requested: 90 days before the due date. */
export function renewalOpensOn(group: Chartered, zone: string): string {
  return plusDays(charterDueOn(group, zone), -RENEWAL_WINDOW_DAYS);
}

/** True when a renewal may be requested on `now` (from the opening day on, also after the due date). */
export function renewalOpen(group: Chartered, zone: string, now: Date): boolean {
  return localDate(now, zone) >= renewalOpensOn(group, zone);
}

/** The last thing the app saw the group do; a group with none counts from its creation. */
export function inactiveSince(group: Active): Date {
  return group.lastActivityAt ?? group.createdAt;
}

/** Three years after the last activity, at 10:00 org time that day (DST-safe). */
export function inactivityDissolvesAt(group: Active, zone: string): Date {
  const day = plusMonths(localDate(inactiveSince(group), zone), CHARTER_YEARS * 12);
  return zonedInstant(day, LIFECYCLE_TIME, zone);
}

/**
 * The due-date nudge goes at 08:00: an unrenewed charter is dissolved at 10:00 that day (the
 * dissolution rules), and a request filed before then holds it.
 */
export const DUE_DAY_NUDGE_TIME = '08:00';

/** The instants renewal nudges are due for a charter: 90, 30, 7 days before at 10:00 org time, and 08:00 on the due date. */
export function renewalNudges(group: Chartered, zone: string): { daysBefore: number; at: Date }[] {
  const due = charterDueOn(group, zone);
  return RENEWAL_NUDGE_DAYS.map((daysBefore) => ({ daysBefore, at: zonedInstant(plusDays(due, -daysBefore), daysBefore === 0 ? DUE_DAY_NUDGE_TIME : LIFECYCLE_TIME, zone) }));
}

/** What the IGCC recommends and the board decides. */
export const CHOICES = ['continue', 'dissolve'] as const;
export type Choice = (typeof CHOICES)[number];

export function parseChoice(value: string): { id: number; choice: Choice } | undefined {
  const [id, choice] = value.split(':');
  if (!(CHOICES as readonly string[]).includes(choice ?? '') || !/^\d+$/.test(id ?? '')) return undefined;
  return { id: Number(id), choice: choice as Choice };
}

/** The group's record since its charter, as the text the renewal form starts from. */
export interface ActivityRecord {
  since: string;
  reports: number;
  meetings: number;
  elections: number;
  sessions: number;
  proposals: number;
  channelMessages: number;
  lastActivityAt: Date | null;
}

export function recordLines(r: ActivityRecord): string[] {
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  return [
    n(r.reports, 'quarterly report filed', 'quarterly reports filed'),
    n(r.meetings, 'business meeting recorded', 'business meetings recorded'),
    n(r.elections, 'election held', 'elections held'),
    n(r.sessions, 'IG Week session held', 'IG Week sessions held'),
    n(r.proposals, 'proposal accepted', 'proposals accepted'),
    n(r.channelMessages, 'message in the group channel', 'messages in the group channel'),
  ];
}
