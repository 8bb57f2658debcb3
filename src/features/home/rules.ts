// What a person owes and when, for the App Home: pure, the clock and every fact passed in.
// Each duty comes from the feature that owns it (report due dates, meeting seasons, the
// election deadline, the IG Week calendar), and only for kinds that have it (directory/kinds.ts).
import type { GroupKind, PetitionKind, PetitionStatus } from '../../generated/prisma/enums.js';
import { endOfDay, localDate, zonedInstant } from '../../lib/time.js';
import { type TermSpan, nextTerm, termYear } from '../conveners/rules.js';
import { hasDuty } from '../directory/kinds.js';
import type { RosterFacts } from '../directory/rules.js';
import { electedTerm as electedTermOn, type Phase, phaseAt, votingDeadline } from '../elections/rules.js';
import { type ClaimingState, type IgWeekCalendar, missingDetails } from '../igweek/rules.js';
import { maySign, SIGNABLE_STATUSES } from '../petitions/rules.js';
import { type MeetingSeason, meetingSeason } from '../reminders/rules.js';
import { owesReport as owesReportFrom, type Quarter, quarterKey, quarterOf, reportStatus, type ReportStatus, shiftQuarter } from '../reports/rules.js';

// ---------------------------------------------------------------------------
// My groups

export type Role = 'convener' | 'incoming' | 'member';

export interface GroupFacts {
  id: number;
  name: string;
  kind: GroupKind;
  channelId: string | null;
  createdAt: Date;
  /** Shown as the group's last activity. */
  lastActivityAt?: Date | null;
  /** The charter date (charter renewal). */
  charterApprovedOn?: Date | null;
}

export interface MyGroup extends GroupFacts {
  role: Role;
  /** For an incoming convener: the day their term starts. */
  from?: string;
}

const RANK: Record<Role, number> = { convener: 0, incoming: 1, member: 2 };

/** The user's groups with their strongest role: a current term, else an incoming one, else membership. */
export function myGroups(memberships: GroupFacts[], terms: { startsOn: string; group: GroupFacts }[], today: string): MyGroup[] {
  const byId = new Map<number, MyGroup>();
  const offer = (g: MyGroup) => {
    const had = byId.get(g.id);
    if (!had || RANK[g.role] < RANK[had.role] || (g.role === had.role && g.from && had.from && g.from < had.from)) byId.set(g.id, g);
  };
  for (const g of memberships) offer({ ...g, role: 'member' });
  for (const t of terms) offer(t.startsOn <= today ? { ...t.group, role: 'convener' } : { ...t.group, role: 'incoming', from: t.startsOn });
  return [...byId.values()].sort((a, b) => RANK[a.role] - RANK[b.role] || a.name.localeCompare(b.name));
}

// ---------------------------------------------------------------------------
// What I owe

export type Owed =
  | { type: 'report'; group: MyGroup; quarter: Quarter; dueOn: string; overdue: boolean }
  | { type: 'meeting'; group: MyGroup; season: MeetingSeason; open: boolean }
  | { type: 'election'; group: MyGroup; deadline: string; term: TermSpan }
  | { type: 'election-open'; group: MyGroup; electionId: number; phase: Phase; opensAt: Date; closesAt: Date }
  | { type: 'vote'; group: MyGroup; electionId: number; closesAt: Date }
  | { type: 'igweek-claim'; group: MyGroup; year: number; opensAt: Date | null; until: Date }
  | { type: 'igweek-details'; group: MyGroup; year: number; sessionId: number; startsAt: Date; missing: string[]; dueOn: string };

export interface ElectionFacts {
  id: number;
  groupId: number;
  status: 'OPEN' | 'CLOSED' | 'CANCELLED';
  opensAt: Date;
  closesAt: Date;
  voted: boolean;
}

export interface SessionFacts {
  id: number;
  groupId: number;
  title: string | null;
  description: string | null;
  speakerUserIds: string[];
  outsideSpeakers: string[];
  slot: { startsAt: Date };
}

export interface IgWeekFacts {
  year: number;
  cal: IgWeekCalendar;
  state: ClaimingState;
  sessions: SessionFacts[];
}

export interface OwedFacts {
  now: Date;
  zone: string;
  groups: MyGroup[];
  /** The quarters a report can be owed for now (see reportQuarters) with their due dates. */
  quarters: { quarter: Quarter; dueOn: string }[];
  reports: { groupId: number; quarter: string; firstFiledAt: Date | null }[];
  /** Meetings held in the season meetingSeasonAhead gives. */
  meetings: { groupId: number }[];
  /** Elections closing after the previous term year began (see electionWindow). */
  elections: ElectionFacts[];
  igweek: IgWeekFacts | null;
}

/** The quarters whose report may be owed today: the one that ended last and the current one. */
export function reportQuarters(today: string): Quarter[] {
  const current = quarterOf(today);
  return [shiftQuarter(current, -1), current];
}

/** A group owes reports from the quarter after the one it was created in (the reports feature's rule). */
export function owesReport(createdAt: Date, quarter: Quarter, zone: string): boolean {
  return owesReportFrom(localDate(createdAt, zone), quarter);
}

/** The business-meeting season now or next: January (counted from November 1), else June (from May 1). */
export function meetingSeasonAhead(today: string): MeetingSeason {
  const year = Number(today.slice(0, 4));
  const january = meetingSeason(`${year - 1}-12-01`);
  if (today <= january.toDay) return january;
  const june = meetingSeason(`${year}-05-01`);
  if (today <= june.toDay) return june;
  return meetingSeason(`${year}-12-01`);
}

/** The term an election's winners serve: the next one that starts (July 1) after voting closes. */
export function electedTerm(closesAt: Date, zone: string): TermSpan {
  return electedTermOn(localDate(closesAt, zone));
}

/**
 * The coming election deadline (April 30) and the term its winners serve (from the July 1
 * after it); elections closing after `countsAfter` may elect into that term.
 */
export function electionWindow(today: string, zone: string): { deadline: string; term: TermSpan; countsAfter: Date } {
  const deadline = votingDeadline(today);
  const year = Number(deadline.slice(0, 4));
  return { deadline, term: termYear(year), countsAfter: zonedInstant(`${year - 1}-07-01`, '00:00', zone) };
}

export function owed(f: OwedFacts): Owed[] {
  const today = localDate(f.now, f.zone);
  const out: Owed[] = [];
  const season = meetingSeasonAhead(today);
  const window = electionWindow(today, f.zone);
  for (const g of f.groups) {
    const elections = f.elections.filter((e) => e.groupId === g.id && electedTerm(e.closesAt, f.zone).startsOn === window.term.startsOn);
    const open = f.elections.find((e) => e.groupId === g.id && e.status === 'OPEN');
    if (g.role === 'member' || g.role === 'incoming') {
      if (open && hasDuty(g.kind, 'elections') && phaseAt(open, f.now) === 'VOTING' && !open.voted) out.push({ type: 'vote', group: g, electionId: open.id, closesAt: open.closesAt });
      continue;
    }
    if (hasDuty(g.kind, 'quarterlyReports')) {
      const due = f.quarters.find((q) => owesReport(g.createdAt, q.quarter, f.zone) && !f.reports.some((r) => r.groupId === g.id && r.quarter === quarterKey(q.quarter) && r.firstFiledAt));
      if (due) out.push({ type: 'report', group: g, quarter: due.quarter, dueOn: due.dueOn, overdue: f.now.getTime() > endOfDay(due.dueOn, f.zone).getTime() });
    }
    if (hasDuty(g.kind, 'businessMeetings') && !f.meetings.some((m) => m.groupId === g.id)) {
      out.push({ type: 'meeting', group: g, season, open: today >= season.fromDay });
    }
    if (hasDuty(g.kind, 'elections')) {
      if (open) {
        out.push({ type: 'election-open', group: g, electionId: open.id, phase: phaseAt(open, f.now), opensAt: open.opensAt, closesAt: open.closesAt });
        if (phaseAt(open, f.now) === 'VOTING' && !open.voted) out.push({ type: 'vote', group: g, electionId: open.id, closesAt: open.closesAt });
      } else if (!elections.some((e) => e.status === 'CLOSED')) {
        out.push({ type: 'election', group: g, deadline: window.deadline, term: window.term });
      }
    }
    if (hasDuty(g.kind, 'igWeek') && f.igweek) {
      const w = f.igweek;
      const session = w.sessions.find((s) => s.groupId === g.id);
      if (session) {
        const missing = [...(session.title?.trim() ? [] : ['title']), ...missingDetails(session)];
        if (missing.length && f.now.getTime() < w.cal.startsAt.getTime()) {
          out.push({ type: 'igweek-details', group: g, year: w.year, sessionId: session.id, startsAt: session.slot.startsAt, missing, dueOn: w.cal.detailsDueOn });
        }
      } else if (w.state.open) out.push({ type: 'igweek-claim', group: g, year: w.year, opensAt: null, until: w.cal.startsAt });
      else if (w.state.reason === 'not-yet') out.push({ type: 'igweek-claim', group: g, year: w.year, opensAt: w.state.opensAt, until: w.cal.startsAt });
    }
  }
  return out.sort((a, b) => dueAt(a, f.zone) - dueAt(b, f.zone) || a.group.name.localeCompare(b.group.name));
}

/** When a duty falls due, to order "what I owe". */
function dueAt(o: Owed, zone: string): number {
  switch (o.type) {
    case 'report':
      return endOfDay(o.dueOn, zone).getTime();
    case 'meeting':
      return endOfDay(o.season.toDay, zone).getTime();
    case 'election':
      return endOfDay(o.deadline, zone).getTime();
    case 'election-open':
    case 'vote':
      return o.closesAt.getTime();
    case 'igweek-claim':
      return (o.opensAt ?? o.until).getTime();
    case 'igweek-details':
      return endOfDay(o.dueOn, zone).getTime();
  }
}

// ---------------------------------------------------------------------------
// Petitions I can sign

export interface PetitionFacts {
  id: number;
  kind: PetitionKind;
  name: string;
  status: PetitionStatus;
  organizers: string[];
  threshold: number;
  signatureCount: number;
  expiresAt: Date;
  signed: boolean;
}

/** Open petitions the user may sign and hasn't: not their own, still collecting (or awaiting a decision), allowed by the roster. */
export function signable<P extends PetitionFacts>(petitions: P[], userId: string, roster: RosterFacts | null, now: Date): P[] {
  return petitions.filter(
    (p) =>
      SIGNABLE_STATUSES.includes(p.status) &&
      !(p.status === 'COLLECTING' && p.expiresAt.getTime() <= now.getTime()) &&
      !p.signed &&
      !p.organizers.includes(userId) &&
      maySign(p.kind, roster).allowed,
  );
}

// ---------------------------------------------------------------------------
// Staff: compliance

export interface ReportCompliance {
  quarter: Quarter;
  dueOn: string;
  counts: Record<ReportStatus, number>;
}

/** The quarter that ended last: how many of the groups owing its report filed it, late, or not. */
export function reportCompliance(
  groups: GroupFacts[],
  reports: { groupId: number; firstFiledAt: Date | null }[],
  quarter: Quarter,
  dueOn: string,
  now: Date,
  zone: string,
): ReportCompliance {
  const counts: Record<ReportStatus, number> = { FILED: 0, LATE: 0, MISSING: 0, PENDING: 0 };
  const dueEnd = endOfDay(dueOn, zone);
  for (const g of groups) {
    if (!hasDuty(g.kind, 'quarterlyReports') || !owesReport(g.createdAt, quarter, zone)) continue;
    counts[reportStatus(reports.find((r) => r.groupId === g.id)?.firstFiledAt ?? null, dueEnd, now)]++;
  }
  return { quarter, dueOn, counts };
}

/** The next term (from July 1) and the groups with no convener for it yet. */
export function withoutConveners<G extends GroupFacts>(groups: G[], covered: ReadonlySet<number>, today: string): { term: TermSpan; groups: G[] } {
  return { term: nextTerm(today), groups: groups.filter((g) => !covered.has(g.id)) };
}
