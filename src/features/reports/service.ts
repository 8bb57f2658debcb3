// Quarterly reports: who may file, the form's quarter and content, filing and revising,
// due dates, and the status views for staff and conveners.
import { z } from 'zod';
import type { Group } from '../../generated/prisma/client.js';
import { audit, type Tx } from '../../db/audit.js';
import { FieldErrors, UserError, zodFieldErrors } from '../../lib/slack/errors.js';
import { escapeMrkdwn } from '../../lib/slack/text.js';
import { endOfDay, formatDate, localDate, zonedInstant } from '../../lib/time.js';
import { requireRole } from '../admin/service.js';
import { hasDuty, kindLabel, kindsWithText } from '../directory/kinds.js';
import { resolveGroup } from '../directory/service.js';
import { activeGroup, type ConvenerDeps, convenerNames, groupsToManage, requireConvenerOrStaff, standing, today } from '../conveners/service.js';
import {
  defaultDueDate,
  DELIVERABLE_VALUES,
  dueDateProblem,
  dueQuarter,
  fileableQuarters,
  firstOwedQuarter,
  owesReport,
  parseQuarter,
  type Quarter,
  quarterKey,
  quarterLabel,
  quarterOf,
  quarterStart,
  type ReportStatus,
  reportStatus,
  revisionProblem,
  shiftQuarter,
} from './rules.js';
import * as store from './store.js';
import { recordActivity } from '../charters/store.js';

export type Deps = ConvenerDeps;

/** Each quarter's due date: staff's override, else the default. */
export async function dueDates(db: Tx, quarters: Quarter[]): Promise<Map<string, string>> {
  const overrides = await store.dueOverrides(db, quarters.map(quarterKey));
  return new Map(quarters.map((q) => [quarterKey(q), overrides.get(quarterKey(q)) ?? defaultDueDate(q)]));
}

// ---------------------------------------------------------------------------
// Opening the form

export interface FormOption {
  quarter: Quarter;
  dueOn: string;
  filed: boolean;
}

export interface FormData {
  group: Group;
  options: FormOption[];
  selected: string;
  content: store.ReportContent | null;
}

/** An active group whose kind files quarterly reports (Core interest groups); other kinds are told they don't. */
async function reportingGroup(deps: Deps, groupId: number): Promise<Group> {
  const group = await activeGroup(deps, groupId);
  if (!hasDuty(group.kind, 'quarterlyReports')) {
    throw new UserError(`*${escapeMrkdwn(group.name)}* is a ${kindLabel(group.kind)}, and only ${kindsWithText('quarterlyReports')} file quarterly reports.`);
  }
  return group;
}

/**
 * The groups the user may file reports for: those they manage whose kind files them. When they
 * manage groups but none of them files reports, says so.
 */
async function reportingGroupsToManage(deps: Deps, userId: string): Promise<Group[]> {
  const managed = await groupsToManage(deps, userId);
  const groups = managed.filter((g) => hasDuty(g.kind, 'quarterlyReports'));
  if (groups.length === 0 && managed.length > 0) await reportingGroup(deps, managed[0]!.id);
  return groups;
}

export async function formFor(deps: Deps, userId: string, groupId: number): Promise<FormData> {
  const group = await reportingGroup(deps, groupId);
  await requireConvenerOrStaff(deps, userId, group, 'file its quarterly report');
  const day = today(deps);
  const quarters = fileableQuarters(day);
  const [reports, dues] = await Promise.all([store.reportsOfGroup(deps.prisma, group.id, quarters.map(quarterKey)), dueDates(deps.prisma, quarters)]);
  const filed = new Set(reports.map((r) => r.quarter));
  const selected = quarterKey(dueQuarter(day, filed));
  const existing = reports.find((r) => r.quarter === selected);
  return {
    group,
    options: quarters.map((q) => ({ quarter: q, dueOn: dues.get(quarterKey(q))!, filed: filed.has(quarterKey(q)) })),
    selected,
    content: existing ? { activities: existing.activities, progress: existing.progress, deliverables: existing.deliverables, issues: existing.issues, plans: existing.plans } : null,
  };
}

export type Entry = { kind: 'form'; form: FormData } | { kind: 'pick'; groups: Group[] };

/** `/igreport [group]`: the form for the named (or only) group, a picker for several, or who to ask. */
export async function entry(deps: Deps, userId: string, args: string): Promise<Entry> {
  if (args.trim()) {
    const group = await resolveGroup(deps.prisma, { query: args });
    return { kind: 'form', form: await formFor(deps, userId, group.id) };
  }
  const groups = await reportingGroupsToManage(deps, userId);
  if (groups.length === 1) return { kind: 'form', form: await formFor(deps, userId, groups[0]!.id) };
  if (groups.length > 1) return { kind: 'pick', groups };
  throw new UserError(await whoFiles(deps, userId));
}

const PickForm = z.object({ group: z.coerce.number({ error: 'Choose the group.' }).int().positive('Choose the group.') });

/** The picker's answer: the form for the chosen group. */
export async function pickedForm(deps: Deps, userId: string, values: Record<string, unknown>): Promise<FormData> {
  const parsed = PickForm.safeParse(values);
  if (!parsed.success) throw zodFieldErrors(parsed.error);
  return formFor(deps, userId, parsed.data.group);
}

/** For someone who convenes nothing: who files the reports of the groups they belong to. */
async function whoFiles(deps: Deps, userId: string): Promise<string> {
  const mine = await store.groupsOfMember(deps.prisma, userId);
  const intro = "Quarterly reports are filed by each group's conveners (and staff), and you don't convene a group.";
  if (mine.length === 0) return `${intro} \`/ig conveners <group>\` shows who convenes a group.`;
  const lines = await Promise.all(mine.slice(0, 20).map(async (g) => `• *${escapeMrkdwn(g.name)}*: ${await convenerNames(deps, g.id)}`));
  return `${intro} Your groups' conveners:\n${lines.join('\n')}`;
}

// ---------------------------------------------------------------------------
// Filing

const required = (message: string) => z.string({ error: message }).trim().min(1, message).max(2900, 'Keep this under 2,900 characters.');

const ReportForm = z.object({
  quarter: z.string({ error: 'Choose the quarter.' }).regex(/^\d{4}-Q[1-4]$/, 'Choose the quarter.'),
  activities: required('Describe the group\'s activities this quarter.'),
  progress: required('Say how the group progressed toward its deliverables.'),
  deliverables: z.array(z.enum(DELIVERABLE_VALUES, { error: 'Choose from the list.' })).default([]),
  issues: z.string().trim().max(2900, 'Keep this under 2,900 characters.').default(''),
  plans: required('Describe the plans for next quarter.'),
});

export async function fileReport(deps: Deps, actor: string, groupId: number, values: Record<string, unknown>) {
  const parsed = ReportForm.safeParse(values);
  if (!parsed.success) throw zodFieldErrors(parsed.error);
  const { quarter: key, ...content } = parsed.data;
  const group = await reportingGroup(deps, groupId);
  await requireConvenerOrStaff(deps, actor, group, 'file its quarterly report');
  const quarter = fileableQuarters(today(deps)).find((q) => quarterKey(q) === key);
  if (!quarter) throw new FieldErrors({ quarter: 'Reports can be filed for the current quarter and the four before it.' });
  const dueOn = (await dueDates(deps.prisma, [quarter])).get(key)!;
  const dueEnd = endOfDay(dueOn, deps.zone);
  const now = deps.clock();
  const row = await deps.prisma.$transaction(async (tx) => {
    const existing = await store.report(tx, group.id, key);
    const problem = revisionProblem(quarter, Boolean(existing), dueEnd, now, formatDate(dueOn));
    if (problem) throw new FieldErrors({ quarter: problem });
    const r = await store.file(tx, { groupId: group.id, quarter: key, by: actor, at: now, content });
    await recordActivity(tx, group.id, now);
    await audit(tx, { actor, action: r.revision === 1 ? 'report.filed' : 'report.revised', subjectType: 'group', subjectId: group.id, details: { quarter: key, revision: r.revision } });
    return r;
  });
  return { group, quarter, dueOn, revision: row.revision, late: reportStatus(row.firstFiledAt, dueEnd, now) === 'LATE' };
}

// ---------------------------------------------------------------------------
// Due dates

export async function setDueDate(deps: Deps, actor: string, args: string) {
  await requireRole(deps.prisma, actor, 'STAFF', 'change report due dates');
  const [quarterText = '', date = ''] = args.split(/\s+/).filter(Boolean);
  const quarter = parseQuarter(quarterText);
  if (!quarter || !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UserError('Usage: `/igreport due <quarter> <YYYY-MM-DD>`, e.g. `/igreport due 2027-Q1 2027-05-15`.');
  const problem = dueDateProblem(quarter, date);
  if (problem) throw new UserError(problem);
  const before = (await dueDates(deps.prisma, [quarter])).get(quarterKey(quarter))!;
  await deps.prisma.$transaction(async (tx) => {
    await store.setDueDate(tx, quarterKey(quarter), date, actor);
    await audit(tx, { actor, action: 'report.due_changed', subjectType: 'quarter', subjectId: quarterKey(quarter), details: { from: before, to: date } });
  });
  return { quarter, before, after: date };
}

// ---------------------------------------------------------------------------
// Status

export interface StatusRow {
  group: Pick<Group, 'id' | 'name'>;
  status: ReportStatus;
  filedAt: Date | null;
  filedBy: string | null;
}

export interface QuarterStatus {
  quarter: Quarter;
  dueOn: string;
  rows: StatusRow[];
}

async function statusOf(deps: Deps, quarters: Quarter[], groups: Pick<Group, 'id' | 'name'>[]): Promise<QuarterStatus[]> {
  const [reports, dues] = await Promise.all([store.reportsFor(deps.prisma, quarters.map(quarterKey)), dueDates(deps.prisma, quarters)]);
  const now = deps.clock();
  return quarters.map((quarter) => {
    const key = quarterKey(quarter);
    const dueOn = dues.get(key)!;
    const dueEnd = endOfDay(dueOn, deps.zone);
    const rows = groups.map((group) => {
      const r = reports.find((x) => x.groupId === group.id && x.quarter === key);
      return { group, status: reportStatus(r?.firstFiledAt ?? null, dueEnd, now), filedAt: r?.firstFiledAt ?? null, filedBy: r?.lastFiledBy ?? null };
    });
    return { quarter, dueOn, rows };
  });
}

export type StatusView =
  | { kind: 'staff'; status: QuarterStatus }
  /** `since`: set when quarters before the group's first owed quarter were left out. */
  | { kind: 'conveners'; groups: { group: Group; history: QuarterStatus[]; since?: Quarter }[] };

/** Staff: every active group for one quarter (default: the one that ended last). Conveners: their groups' recent history. */
export async function statusView(deps: Deps, userId: string, args: string): Promise<StatusView> {
  const quarter = args.trim() ? parseQuarter(args) : undefined;
  if (args.trim() && !quarter) throw new UserError(`"${escapeMrkdwn(args.trim())}" isn't a quarter. Write it like \`2027-Q1\`.`);
  const s = await standing(deps, userId);
  const current = quarterOf(today(deps));
  if (s.staff) {
    const q = quarter ?? shiftQuarter(current, -1);
    const groups = await store.groupsOwing(deps.prisma, zonedInstant(quarterStart(q), '00:00', deps.zone));
    return { kind: 'staff', status: (await statusOf(deps, [q], groups))[0]! };
  }
  if (s.convened.length === 0) throw new UserError("Only staff and conveners can see quarterly report status. `/ig conveners <group>` shows who convenes a group.");
  const groups = await reportingGroupsToManage(deps, userId);
  const quarters = quarter ? [quarter] : [0, -1, -2, -3, -4].map((n) => shiftQuarter(current, n));
  // A group's history starts with the quarter after it was created: nothing was owed before.
  return {
    kind: 'conveners',
    groups: await Promise.all(
      groups.map(async (group) => {
        const createdOn = localDate(group.createdAt, deps.zone);
        const owed = quarters.filter((q) => owesReport(createdOn, q));
        return { group, history: await statusOf(deps, owed, [group]), since: owed.length < quarters.length ? firstOwedQuarter(createdOn) : undefined };
      }),
    ),
  };
}

// ---------------------------------------------------------------------------
// Reading a filed report and its earlier versions

/** "<group> [quarter]": the group's name, and a quarter when the last one or two words are one. */
export function splitGroupAndQuarter(args: string): { group: string; quarter?: Quarter } {
  const words = args.trim().split(/\s+/).filter(Boolean);
  for (const n of [2, 1]) {
    if (words.length <= n) continue;
    const quarter = parseQuarter(words.slice(-n).join(' '));
    if (quarter) return { group: words.slice(0, -n).join(' '), quarter };
  }
  return { group: words.join(' ') };
}

const READ_REPORTS = 'read its quarterly reports';

export type ShownReport = NonNullable<Awaited<ReturnType<typeof store.reportWithRevisions>>>;

/** `/igreport show <group> [quarter]`: staff any group, conveners their own; the latest filed quarter by default. */
export async function showReport(deps: Deps, userId: string, args: string): Promise<{ group: Group; quarter: Quarter; report: ShownReport }> {
  const { group: name, quarter } = splitGroupAndQuarter(args);
  if (!name) throw new UserError('Say which group: `/igreport show <group> [quarter]`, e.g. `/igreport show Open Data 2027-Q1`.');
  const group = await resolveGroup(deps.prisma, { query: name });
  await requireConvenerOrStaff(deps, userId, group, READ_REPORTS);
  const key = quarter ? quarterKey(quarter) : (await store.filedQuarters(deps.prisma, group.id))[0];
  if (!key) {
    await reportingGroup(deps, group.id); // a kind without reports says so
    throw new UserError(`*${escapeMrkdwn(group.name)}* hasn't filed a quarterly report yet.`);
  }
  const report = await store.reportWithRevisions(deps.prisma, group.id, key);
  if (!report) {
    const others = (await store.filedQuarters(deps.prisma, group.id)).slice(0, 8);
    const hint = others.length ? ` Filed: ${others.join(', ')}.` : ' It hasn\'t filed any yet.';
    throw new UserError(`*${escapeMrkdwn(group.name)}* hasn't filed a report for ${quarterLabel(quarter!)}.${hint}`);
  }
  return { group, quarter: parseQuarter(key)!, report };
}

/** One earlier version (the "Show" button beside it), checked again: staff or the group's conveners. */
export async function showRevision(deps: Deps, userId: string, revisionId: number) {
  const revision = Number.isSafeInteger(revisionId) ? await store.revisionById(deps.prisma, revisionId) : null;
  if (!revision) throw new UserError('That version of the report no longer exists.');
  const group = await activeGroup(deps, revision.report.groupId);
  await requireConvenerOrStaff(deps, userId, group, READ_REPORTS);
  return { group, quarter: parseQuarter(revision.report.quarter)!, revision, latest: revision.report.revision };
}
