// Pure convener rules: term years, the two-consecutive-years limit, who may convene,
// business-meeting seasons. No I/O; dates are YYYY-MM-DD strings in the org zone.
import type { Eligibility, GroupKind } from '../../generated/prisma/enums.js';
import { dateOnly, plusDays, termYearContaining } from '../../lib/time.js';
import { GROUP_KINDS } from '../directory/kinds.js';
import { ELIGIBILITY_LABELS, mayJoin, type RosterFacts } from '../directory/rules.js';

/** "No convener of an Interest Group shall serve for more than two consecutive years in the same office." */
export const MAX_CONSECUTIVE_YEARS = 2;

export interface TermSpan {
  startsOn: string;
  endsOn: string;
}

export type Decision = { allowed: true } | { allowed: false; reason: string };

const DAY_MS = 86_400_000;

function days(from: string, to: string): number {
  return Math.round((dateOnly(to).getTime() - dateOnly(from).getTime()) / DAY_MS);
}

/** The term year (July 1 – June 30) starting in `year`. */
export function termYear(year: number): TermSpan {
  return { startsOn: `${year}-07-01`, endsOn: `${year + 1}-06-30` };
}

/** "2026–27" */
export function termYearLabel(year: number): string {
  return `${year}–${String(year + 1).slice(2)}`;
}

/** The term that follows the one containing `today`: the default for an incoming convener. */
export function nextTerm(today: string): TermSpan {
  return termYearContaining(plusDays(termYearContaining(today).endsOn, 1));
}

function overlapDays(a: TermSpan, b: TermSpan): number {
  const start = a.startsOn > b.startsOn ? a.startsOn : b.startsOn;
  const end = a.endsOn < b.endsOn ? a.endsOn : b.endsOn;
  return start > end ? 0 : days(start, end) + 1;
}

export function overlaps(a: TermSpan, b: TermSpan): boolean {
  return overlapDays(a, b) > 0;
}

/**
 * The term years (by their starting calendar year) a term counts as service for: each one it
 * covers for more than half its days, so a January–December term is one year, not two. A
 * short term (filling a vacancy) counts for the year it mostly falls in.
 */
export function serviceYears(term: TermSpan): number[] {
  const first = Number(termYearContaining(term.startsOn).startsOn.slice(0, 4));
  const last = Number(termYearContaining(term.endsOn).startsOn.slice(0, 4));
  const years: number[] = [];
  let best = { year: first, days: -1 };
  for (let y = first; y <= last; y++) {
    const span = termYear(y);
    const covered = overlapDays(term, span);
    if (covered * 2 > days(span.startsOn, span.endsOn) + 1) years.push(y);
    if (covered > best.days) best = { year: y, days: covered };
  }
  return years.length ? years : [best.year];
}

function listYears(years: number[]): string {
  const labels = years.map(termYearLabel);
  return labels.length <= 2 ? labels.join(' and ') : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}

/**
 * Would adding `proposed` make `who` serve more than two consecutive term years as convener
 * of the group (`office`)? `existing` are their other terms in the same group.
 */
export function checkTermLimit(existing: TermSpan[], proposed: TermSpan, who: string, office: string): Decision {
  const served = new Set(existing.flatMap(serviceYears));
  const added = serviceYears(proposed);
  const all = new Set([...served, ...added]);
  for (const year of added) {
    let start = year;
    let end = year;
    while (all.has(start - 1)) start--;
    while (all.has(end + 1)) end++;
    if (end - start + 1 > MAX_CONSECUTIVE_YEARS) {
      const run = Array.from({ length: end - start + 1 }, (_, i) => start + i);
      return {
        allowed: false,
        reason:
          `${who} can't serve that term: it would make ${run.length} consecutive years as ${office} (${listYears(run)}), ` +
          `and no convener may serve more than ${MAX_CONSECUTIVE_YEARS} consecutive years in the same office. ` +
          `After a year off they may serve again.`,
      };
    }
  }
  return { allowed: true };
}

/** A term someone already holds that the proposed one would overlap (the same person can't hold two at once). */
export function clashingTerm<T extends TermSpan>(existing: T[], proposed: TermSpan): T | undefined {
  return existing.find((t) => overlaps(t, proposed));
}

/** Conveners of Core interest groups must be Core members (kind rules); other kinds, eligible to join the group. */
export function mayConvene(kind: GroupKind, eligibility: Eligibility, roster: RosterFacts | null, who: string, groupName: string): Decision {
  const hint = 'If that is wrong, ask staff to update the membership roster.';
  if (GROUP_KINDS[kind].convenersMustBeCoreMembers) {
    if (!roster) return { allowed: false, reason: `${who} can't convene *${groupName}*: conveners of Core interest groups must be Core members, and ${who} is not on the membership roster. ${hint}` };
    if (!roster.core) return { allowed: false, reason: `${who} can't convene *${groupName}*: conveners of Core interest groups must be Core members, and the roster doesn't show ${who} as one. ${hint}` };
    if (roster.standing !== 'GOOD') return { allowed: false, reason: `${who} can't convene *${groupName}*: the roster shows ${who}'s Core membership as lapsed. ${hint}` };
    return { allowed: true };
  }
  const join = mayJoin(eligibility, roster, groupName, who);
  if (join.allowed) return join;
  return { allowed: false, reason: who === 'You' ? `You can't convene a group you can't join: ${join.reason}` : `${who} can't convene a group they can't join: ${join.reason}` };
}

export interface TermInput {
  startsOn: string;
  endsOn: string;
}

/** Shape checks on a term typed in a modal, keyed by the field at fault. */
export function termProblems(term: TermInput, today: string): Partial<Record<'starts' | 'ends', string>> {
  if (term.endsOn < term.startsOn) return { ends: 'The term must end after it starts.' };
  if (term.endsOn < today) return { ends: 'That term is already over; record current or incoming conveners only.' };
  if (days(term.startsOn, term.endsOn) > 366) return { ends: 'A convener serves for one year; make the term at most a year long.' };
  return {};
}

/** What a nominee for convener must be, as a sentence (per the kind rules and the group's eligibility). */
export function nomineeRequirement(kind: GroupKind, eligibility: Eligibility): string {
  if (GROUP_KINDS[kind].convenersMustBeCoreMembers) return 'They must be a Core member in good standing and accept the nomination.';
  if (eligibility === 'ANYONE') return 'They must accept the nomination.';
  return `They must be able to join the group (${ELIGIBILITY_LABELS[eligibility]}) and accept the nomination.`;
}
