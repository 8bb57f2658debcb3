// The staff compliance view: for each active group, what it owes and how close it is to
// dissolving. Pure: every fact and the clock are passed in; each duty comes from the feature
// that owns it (report due dates and statuses, charter dates, inactivity) and only for the kinds
// that have it (directory/kinds.ts).
import type { CharterRenewalStatus, GroupKind } from '../../generated/prisma/enums.js';
import { endOfDay, localDate, plusDays } from '../../lib/time.js';
import { charterDueOn, renewalOpensOn } from '../charters/rules.js';
import { dissolutionDue } from '../dissolution/rules.js';
import { hasDuty, hasLifecycleDuty } from '../directory/kinds.js';
import { owesReport, type Quarter, quarterKey, quarterOf, reportStatus } from '../reports/rules.js';

/** A group is "at risk" when it would dissolve within this many days. */
export const AT_RISK_DAYS = 90;
/** Groups on one page of `/ig admin compliance`. */
export const COMPLIANCE_PAGE_SIZE = 10;

export interface ComplianceGroup {
  id: number;
  name: string;
  kind: GroupKind;
  createdAt: Date;
  charterApprovedOn: Date | null;
  lastActivityAt: Date | null;
}

export interface ComplianceFacts {
  now: Date;
  zone: string;
  /** The quarters of this calendar year so far, with their due dates. */
  quarters: { quarter: Quarter; dueOn: string }[];
  reports: { groupId: number; quarter: string; firstFiledAt: Date | null }[];
  /** Charter renewals, any order. */
  renewals: { groupId: number; status: CharterRenewalStatus; requestedAt: Date }[];
  /** The kinds that renew a charter and dissolve (`/ig admin lifecycle`). */
  lifecycleKinds: readonly GroupKind[];
}

export type RenewalState = 'not-yet' | 'due' | 'overdue' | 'requested' | 'recommended' | 'dissolve-decided';

export const RENEWAL_LABELS: Record<RenewalState, string> = {
  'not-yet': 'not due yet',
  due: 'renewal due',
  overdue: 'renewal overdue',
  requested: 'renewal requested',
  recommended: 'recommendation sent to the board',
  'dissolve-decided': 'dissolution decided',
};

export interface Compliance {
  /** null: the kind files no quarterly reports. */
  reports: { filed: number; late: number; missing: number } | null;
  /** null: the kind doesn't renew its charter. */
  charter: { dueOn: string; renewal: RenewalState } | null;
  /** null: the kind doesn't dissolve. */
  dissolution: { at: Date; reason: 'charter' | 'inactivity'; atRisk: boolean } | null;
  /** What makes it need attention (empty: nothing). */
  attention: string[];
}

/** The quarters of the calendar year of `today` up to the current one. */
export function quartersThisYear(today: string): Quarter[] {
  const current = quarterOf(today);
  return ([1, 2, 3, 4] as const).filter((q) => q <= current.q).map((q) => ({ year: current.year, q }));
}

export function renewalState(g: ComplianceGroup, f: ComplianceFacts): RenewalState {
  const opens = renewalOpensOn(g, f.zone);
  // Only this charter's renewal counts: one requested from its window on (a continued one renewed the charter).
  const mine = f.renewals
    .filter((r) => r.groupId === g.id && r.status !== 'WITHDRAWN' && r.status !== 'CONTINUED' && localDate(r.requestedAt, f.zone) >= plusDays(opens, -1))
    .sort((a, b) => b.requestedAt.getTime() - a.requestedAt.getTime())[0];
  if (mine?.status === 'REQUESTED') return 'requested';
  if (mine?.status === 'RECOMMENDED') return 'recommended';
  if (mine?.status === 'DISSOLVE_DECIDED') return 'dissolve-decided';
  const today = localDate(f.now, f.zone);
  if (today > charterDueOn(g, f.zone)) return 'overdue';
  return today >= opens ? 'due' : 'not-yet';
}

export function compliance(g: ComplianceGroup, hasNextConvener: boolean, f: ComplianceFacts): Compliance {
  const attention: string[] = [];
  if (!hasNextConvener) attention.push('no convener for next term');
  let reports: Compliance['reports'] = null;
  if (hasDuty(g.kind, 'quarterlyReports')) {
    reports = { filed: 0, late: 0, missing: 0 };
    for (const q of f.quarters) {
      if (!owesReport(localDate(g.createdAt, f.zone), q.quarter)) continue;
      const filed = f.reports.find((r) => r.groupId === g.id && r.quarter === quarterKey(q.quarter))?.firstFiledAt ?? null;
      const status = reportStatus(filed, endOfDay(q.dueOn, f.zone), f.now);
      if (status === 'FILED') reports.filed++;
      else if (status === 'LATE') reports.late++;
      else if (status === 'MISSING') reports.missing++;
    }
    if (reports.missing) attention.push(`${reports.missing} missing report${reports.missing === 1 ? '' : 's'}`);
    if (reports.late) attention.push(`${reports.late} late report${reports.late === 1 ? '' : 's'}`);
  }
  let charter: Compliance['charter'] = null;
  if (hasLifecycleDuty(g.kind, f.lifecycleKinds)) {
    charter = { dueOn: charterDueOn(g, f.zone), renewal: renewalState(g, f) };
    if (charter.renewal === 'due' || charter.renewal === 'overdue') attention.push(RENEWAL_LABELS[charter.renewal]);
  }
  let dissolution: Compliance['dissolution'] = null;
  // The deadline engine's own rule: the sooner of the charter lapsing and three years without
  // activity; a renewal under review (requested or recommended) holds the charter deadline.
  const renewalPending = f.renewals.some((r) => r.groupId === g.id && (r.status === 'REQUESTED' || r.status === 'RECOMMENDED'));
  const due = dissolutionDue({ ...g, status: 'ACTIVE' }, f.zone, { renewalPending, kinds: f.lifecycleKinds });
  if (due) {
    const { at, cause: reason } = due;
    const atRisk = at.getTime() - f.now.getTime() <= AT_RISK_DAYS * 86_400_000;
    dissolution = { at, reason, atRisk };
    if (atRisk) attention.push(`dissolves ${reason === 'charter' ? 'when its charter lapses' : 'for inactivity'} by ${localDate(at, f.zone)}`);
  }
  return { reports, charter, dissolution, attention };
}

export const COMPLIANCE_COLUMNS = [
  'group', 'kind', 'conveners', 'next_term_conveners', 'last_activity_utc', 'reports_filed', 'reports_late', 'reports_missing',
  'charter_due_on', 'renewal_status', 'dissolves_on', 'dissolution_reason', 'at_risk', 'needs_attention',
] as const;
