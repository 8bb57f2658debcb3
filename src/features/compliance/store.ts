// The compliance view's only Prisma code: the facts about every active group, in a few queries.
import type { Tx } from '../../db/audit.js';
import { dateOnly } from '../../lib/time.js';

export function activeGroups(db: Tx) {
  return db.group.findMany({
    where: { status: 'ACTIVE' },
    select: { id: true, name: true, kind: true, createdAt: true, charterApprovedOn: true, lastActivityAt: true },
    orderBy: { name: 'asc' },
  });
}

/** Convener terms covering either day, for these groups. */
export function termsCovering(db: Tx, groupIds: number[], days: string[]) {
  return db.convenerTerm.findMany({
    where: { groupId: { in: groupIds }, OR: days.map((d) => ({ startsOn: { lte: dateOnly(d) }, endsOn: { gte: dateOnly(d) } })) },
    select: { groupId: true, slackUserId: true, email: true, name: true, startsOn: true, endsOn: true },
    orderBy: { startsOn: 'asc' },
  });
}

export function reportsFor(db: Tx, groupIds: number[], quarters: string[]) {
  return db.quarterlyReport.findMany({ where: { groupId: { in: groupIds }, quarter: { in: quarters } }, select: { groupId: true, quarter: true, firstFiledAt: true } });
}

export function renewalsOf(db: Tx, groupIds: number[]) {
  return db.charterRenewal.findMany({ where: { groupId: { in: groupIds } }, select: { groupId: true, status: true, requestedAt: true } });
}
