// Quarterly reports, their revisions and due dates: the only Prisma code of the feature.
import type { Tx } from '../../db/audit.js';
import { dateOnly, isoDateOf } from '../../lib/time.js';
import { kindsWith } from '../directory/kinds.js';

export interface ReportContent {
  activities: string;
  progress: string;
  deliverables: string[];
  issues: string;
  plans: string;
}

export function report(db: Tx, groupId: number, quarter: string) {
  return db.quarterlyReport.findUnique({ where: { groupId_quarter: { groupId, quarter } } });
}

export function reportsOfGroup(db: Tx, groupId: number, quarters: string[]) {
  return db.quarterlyReport.findMany({ where: { groupId, quarter: { in: quarters } } });
}

export function reportsFor(db: Tx, quarters: string[]) {
  return db.quarterlyReport.findMany({ where: { quarter: { in: quarters } }, select: { groupId: true, quarter: true, firstFiledAt: true, lastFiledBy: true, revision: true } });
}

/**
 * Files a report: the first filing creates it, later ones overwrite its content. Every filing
 * adds a revision row numbered by an atomic increment (which also locks the report row).
 */
export async function file(tx: Tx, r: { groupId: number; quarter: string; by: string; at: Date; content: ReportContent }) {
  const created = await tx.quarterlyReport.createMany({
    data: [{ groupId: r.groupId, quarter: r.quarter, ...r.content, firstFiledAt: r.at, lastFiledAt: r.at, lastFiledBy: r.by }],
    skipDuplicates: true,
  });
  const row =
    created.count === 1
      ? (await report(tx, r.groupId, r.quarter))!
      : await tx.quarterlyReport.update({
          where: { groupId_quarter: { groupId: r.groupId, quarter: r.quarter } },
          data: { ...r.content, revision: { increment: 1 }, lastFiledAt: r.at, lastFiledBy: r.by },
        });
  await tx.quarterlyReportRevision.create({ data: { reportId: row.id, revision: row.revision, filedBy: r.by, filedAt: r.at, ...r.content } });
  return row;
}

export function revisions(db: Tx, reportId: number) {
  return db.quarterlyReportRevision.findMany({ where: { reportId }, orderBy: { revision: 'asc' } });
}

/** Due dates staff moved, by quarter key. */
export async function dueOverrides(db: Tx, quarters: string[]): Promise<Map<string, string>> {
  const rows = await db.reportDueDate.findMany({ where: { quarter: { in: quarters } } });
  return new Map(rows.map((r) => [r.quarter, isoDateOf(r.dueOn)]));
}

export function setDueDate(tx: Tx, quarter: string, dueOn: string, setBy: string) {
  const data = { dueOn: dateOnly(dueOn), setBy };
  return tx.reportDueDate.upsert({ where: { quarter }, create: { quarter, ...data }, update: data });
}

/**
 * Active groups of a kind that files quarterly reports, created before an instant: given the start
 * of a quarter, the ones that owe its report (a group owes reports from the quarter after its creation).
 */
export function groupsOwing(db: Tx, createdBefore: Date) {
  return db.group.findMany({ where: { status: 'ACTIVE', kind: { in: kindsWith('quarterlyReports') }, createdAt: { lt: createdBefore } }, orderBy: { name: 'asc' } });
}

export function groupsOfMember(db: Tx, slackUserId: string) {
  return db.group.findMany({ where: { status: 'ACTIVE', members: { some: { slackUserId } } }, orderBy: { name: 'asc' } });
}

/** The quarters a group has filed, newest first. */
export async function filedQuarters(db: Tx, groupId: number): Promise<string[]> {
  const rows = await db.quarterlyReport.findMany({ where: { groupId }, select: { quarter: true }, orderBy: { quarter: 'desc' } });
  return rows.map((r) => r.quarter);
}

/** One report with every version filed, oldest first. */
export function reportWithRevisions(db: Tx, groupId: number, quarter: string) {
  return db.quarterlyReport.findUnique({ where: { groupId_quarter: { groupId, quarter } }, include: { revisions: { orderBy: { revision: 'asc' } } } });
}

export function revisionById(db: Tx, id: number) {
  return db.quarterlyReportRevision.findUnique({ where: { id }, include: { report: { select: { groupId: true, quarter: true, revision: true } } } });
}
