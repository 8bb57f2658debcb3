// Pure CSV builders for `convene export groups|reports|petitions`: one row per record, people
// by name (never a Slack user id), instants in UTC (ISO 8601), dates as YYYY-MM-DD.
import { csvTable } from '../../lib/csv.js';
import { isoDateOf } from '../../lib/time.js';
import { ELIGIBILITY_LABELS, KIND_LABELS } from '../directory/rules.js';
import { KIND_RULES, LEVEL_LABELS, STATUS_LABELS } from '../petitions/rules.js';
import { deliverableLabel } from '../reports/rules.js';
import type { groupsWithConveners, petitions, reports } from './store.js';

export const EXPORT_KINDS = ['groups', 'reports', 'petitions', 'audit', 'compliance'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** A person's name for an export, from a Slack user id. */
export type NameOf = (slackUserId: string) => string;
/** A convener term's person: their name, or the email they were imported by. */
export type TermName = (t: { slackUserId: string | null; email: string | null; name: string | null }) => string;

const iso = (d: Date | null | undefined) => d?.toISOString() ?? '';
const list = (items: string[]) => items.join('; ');

type Groups = Awaited<ReturnType<typeof groupsWithConveners>>;
type Reports = Awaited<ReturnType<typeof reports>>;
type Petitions = Awaited<ReturnType<typeof petitions>>;

export const GROUP_COLUMNS = ['name', 'kind', 'level', 'status', 'eligibility', 'conveners', 'members', 'staff_liaison', 'channel_id', 'created_utc', 'description'] as const;

export function groupsCsv(groups: Groups, termName: TermName): string {
  return csvTable(
    GROUP_COLUMNS,
    groups.map((g) => ({
      name: g.name,
      kind: KIND_LABELS[g.kind],
      level: g.level ? LEVEL_LABELS[g.level] : '',
      status: g.status.toLowerCase(),
      eligibility: ELIGIBILITY_LABELS[g.eligibility],
      conveners: list(g.conveners.map(termName)),
      members: String(g._count.members),
      staff_liaison: g.staffLiaison ?? '',
      channel_id: g.channelId ?? '',
      created_utc: iso(g.createdAt),
      description: g.description,
    })),
  );
}

export const REPORT_COLUMNS = [
  'group', 'quarter', 'due_on', 'status', 'version', 'first_filed_utc', 'last_filed_utc', 'last_filed_by',
  'activities', 'progress', 'deliverables', 'issues', 'plans',
] as const;

/** `status(r)` says filed or late (against the quarter's due date); `dueOn(quarter)` the due date. */
export function reportsCsv(rows: Reports, nameOf: NameOf, dueOn: (quarter: string) => string, status: (r: Reports[number]) => string): string {
  return csvTable(
    REPORT_COLUMNS,
    rows.map((r) => ({
      group: r.group.name,
      quarter: r.quarter,
      due_on: dueOn(r.quarter),
      status: status(r),
      version: String(r.revision),
      first_filed_utc: iso(r.firstFiledAt),
      last_filed_utc: iso(r.lastFiledAt),
      last_filed_by: nameOf(r.lastFiledBy),
      activities: r.activities,
      progress: r.progress,
      deliverables: list(r.deliverables.map(deliverableLabel)),
      issues: r.issues,
      plans: r.plans,
    })),
  );
}

export const PETITION_COLUMNS = [
  'number', 'kind', 'level', 'name', 'status', 'filed_utc', 'filed_by', 'leaders', 'organizer_addresses', 'signatures', 'threshold',
  'opens_utc', 'expires_utc', 'decided_utc', 'decided_by', 'rejection_reason', 'group', 'report_to_council', 'reported_to_council_utc',
  'reported_to_council_by', 'feedback_until', 'purpose',
] as const;

export function petitionsCsv(rows: Petitions, nameOf: NameOf): string {
  return csvTable(
    PETITION_COLUMNS,
    rows.map((p) => ({
      number: String(p.id),
      kind: KIND_RULES[p.kind].label,
      level: p.level ? LEVEL_LABELS[p.level] : '',
      name: p.name,
      status: STATUS_LABELS[p.status],
      filed_utc: iso(p.createdAt),
      filed_by: nameOf(p.petitioner),
      leaders: list(p.organizers.map(nameOf)),
      organizer_addresses: p.organizerAddresses.length
        ? list(p.organizerAddresses.map((a) => `${nameOf(a.slackUserId)}: ${a.address.replace(/\s*\r?\n\s*/g, ', ')}`))
        : (p.mailingAddresses ?? ''),
      signatures: String(p.signatureCount),
      threshold: String(p.threshold),
      opens_utc: iso(p.opensAt),
      expires_utc: iso(p.expiresAt),
      decided_utc: iso(p.decidedAt),
      decided_by: p.decidedBy ? nameOf(p.decidedBy) : '',
      rejection_reason: p.rejectionReason ?? '',
      group: p.group?.name ?? '',
      report_to_council: p.reportToCouncil ? 'yes' : 'no',
      reported_to_council_utc: iso(p.reportedToCouncilAt),
      reported_to_council_by: p.reportedToCouncilBy ? nameOf(p.reportedToCouncilBy) : '',
      feedback_until: p.feedbackUntil ? isoDateOf(p.feedbackUntil) : '',
      purpose: p.purpose,
    })),
  );
}
