// The audit view's only Prisma code: a group's entries in the audit log.
import type { Prisma } from '../../generated/prisma/client.js';
import type { Tx } from '../../db/audit.js';

/** Every group, dissolved ones too (their history stays readable), for matching a typed name. */
export function allGroupNames(db: Tx) {
  return db.group.findMany({ select: { id: true, name: true, key: true, status: true }, orderBy: { name: 'asc' } });
}

export function groupById(db: Tx, id: number) {
  return db.group.findUnique({ where: { id }, select: { id: true, name: true, key: true, status: true } });
}

/**
 * Which entries belong to a group's timeline: those whose subject is the group, those whose
 * details name it (`groupId`), and those about its own records (the petition that created it,
 * its elections, proposals, IG Week sessions, room bookings and Annual requests).
 */
export async function timelineWhere(db: Tx, groupId: number): Promise<Prisma.AuditLogWhereInput> {
  const [petition, elections, proposals, sessions, bookings, annual] = await Promise.all([
    db.petition.findMany({ where: { groupId }, select: { id: true } }),
    db.election.findMany({ where: { groupId }, select: { id: true } }),
    db.proposal.findMany({ where: { groupId }, select: { id: true } }),
    db.igWeekSession.findMany({ where: { groupId }, select: { id: true } }),
    db.roomBooking.findMany({ where: { groupId }, select: { id: true } }),
    db.annualSpaceRequest.findMany({ where: { groupId }, select: { id: true } }),
  ]);
  const own = (subjectType: string, rows: { id: number }[]): Prisma.AuditLogWhereInput[] =>
    rows.length ? [{ subjectType, subjectId: { in: rows.map((r) => String(r.id)) } }] : [];
  return {
    OR: [
      { subjectType: 'group', subjectId: String(groupId) },
      { details: { path: ['groupId'], equals: groupId } },
      ...own('petition', petition),
      ...own('election', elections),
      ...own('proposal', proposals),
      ...own('igweek_session', sessions),
      ...own('room_booking', bookings),
      ...own('annual_request', annual),
    ],
  };
}

export function count(db: Tx, where: Prisma.AuditLogWhereInput) {
  return db.auditLog.count({ where });
}

/** Newest first (ties by id, so the order is stable across pages). */
export function entries(db: Tx, where: Prisma.AuditLogWhereInput, skip?: number, take?: number) {
  return db.auditLog.findMany({ where, orderBy: [{ at: 'desc' }, { id: 'desc' }], skip, take });
}
