// The only IG Week code that touches Prisma.
import type { Prisma } from '../../generated/prisma/client.js';
import type { IgWeekClaiming } from '../../generated/prisma/enums.js';
import type { Tx } from '../../db/audit.js';
import { kindsWith } from '../directory/kinds.js';
import { currentTermOf } from '../directory/store.js';

export function findWeek(db: Tx, year: number) {
  return db.igWeek.findUnique({ where: { year } });
}

export function weeksOf(db: Tx, years: number[]) {
  return db.igWeek.findMany({ where: { year: { in: years } } });
}

export function createWeek(db: Tx, year: number, actor: string) {
  return db.igWeek.create({ data: { year, updatedBy: actor } });
}

export function updateWeek(db: Tx, year: number, data: Prisma.IgWeekUpdateInput) {
  return db.igWeek.update({ where: { year }, data });
}

export async function addSlots(db: Tx, year: number, starts: Date[]): Promise<void> {
  if (starts.length) await db.igWeekSlot.createMany({ data: starts.map((startsAt) => ({ year, startsAt })), skipDuplicates: true });
}

/** Removes a year's slots that start at none of `keep`; slots holding a session stay (the caller checks first). */
export async function removeSlotsExcept(db: Tx, year: number, keep: Date[]): Promise<void> {
  await db.igWeekSlot.deleteMany({ where: { year, startsAt: { notIn: keep }, session: { is: null } } });
}

const sessionWithGroup = { include: { group: { select: { id: true, name: true, channelId: true } } } } as const;

/** A year's slots in order, each with the session holding it. */
export function slotsOf(db: Tx, year: number) {
  return db.igWeekSlot.findMany({ where: { year }, orderBy: { startsAt: 'asc' }, include: { session: sessionWithGroup } });
}

export function slotById(db: Tx, id: number) {
  return db.igWeekSlot.findUnique({ where: { id }, include: { session: sessionWithGroup } });
}

/** A slot and whether a session holds it: what a claim checks before it tries (two queries, not three). */
export function slotToClaim(db: Tx, id: number) {
  return db.igWeekSlot.findUnique({ where: { id }, include: { session: { select: { id: true } } } });
}

export function sessionById(db: Tx, id: number) {
  return db.igWeekSession.findUnique({ where: { id }, include: { slot: true, group: { select: { id: true, name: true, channelId: true } } } });
}

export function sessionOfGroup(db: Tx, year: number, groupId: number) {
  return db.igWeekSession.findUnique({ where: { year_groupId: { year, groupId } }, include: { slot: true } });
}

export function sessionsOfGroups(db: Tx, year: number, groupIds: number[]) {
  return db.igWeekSession.findMany({
    where: { year, groupId: { in: groupIds } },
    include: { slot: true, group: { select: { id: true, name: true, channelId: true } } },
    orderBy: { slot: { startsAt: 'asc' } },
  });
}

/** A year's sessions in slot order. */
export function sessionsOfYear(db: Tx, year: number) {
  return db.igWeekSession.findMany({
    where: { year },
    include: { slot: true, group: { select: { id: true, name: true, channelId: true } } },
    orderBy: { slot: { startsAt: 'asc' } },
  });
}

/** Sessions whose slot starts in [from, to), in order. */
export function sessionsStartingBetween(db: Tx, from: Date, to: Date) {
  return db.igWeekSession.findMany({
    where: { slot: { startsAt: { gte: from, lt: to } } },
    include: { slot: true, group: { select: { id: true, name: true, channelId: true } } },
    orderBy: { slot: { startsAt: 'asc' } },
  });
}

export function createSession(db: Tx, data: { year: number; slotId: number; groupId: number; claimedBy: string }) {
  return db.igWeekSession.create({ data });
}

/** A released session put back as it was, under its old id (so it can come back only once). */
export function restoreSession(db: Tx, data: Prisma.IgWeekSessionUncheckedCreateInput) {
  return db.igWeekSession.create({ data });
}

/** What the last release of a session recorded in the audit log (its details, for Undo). */
export async function releasedDetails(db: Tx, sessionId: number): Promise<unknown> {
  const row = await db.auditLog.findFirst({ where: { action: 'igweek.released', subjectType: 'igweek_session', subjectId: String(sessionId) }, orderBy: { id: 'desc' } });
  return row?.details;
}

export async function deleteSession(db: Tx, id: number): Promise<boolean> {
  const { count } = await db.igWeekSession.deleteMany({ where: { id } });
  return count > 0;
}

export function moveSession(db: Tx, id: number, slotId: number) {
  return db.igWeekSession.update({ where: { id }, data: { slotId } });
}

export function updateSession(db: Tx, id: number, data: Prisma.IgWeekSessionUncheckedUpdateInput) {
  return db.igWeekSession.update({ where: { id }, data });
}

export function setClaiming(db: Tx, year: number, claiming: IgWeekClaiming, openedAt?: Date) {
  return db.igWeek.update({ where: { year }, data: { claiming, ...(openedAt ? { openedAt } : {}) } });
}

/** Active groups (among `which`) whose kind takes part in IG Week (Core interest groups): the only groups that may hold a slot. */
function igWeekGroups(db: Tx, which: Prisma.GroupWhereInput) {
  return db.group.findMany({
    where: { status: 'ACTIVE', kind: { in: kindsWith('igWeek') }, ...which },
    select: { id: true, name: true, channelId: true },
    orderBy: { name: 'asc' },
  });
}

export function coreGroups(db: Tx, ids?: number[]) {
  return igWeekGroups(db, ids ? { id: { in: ids } } : {});
}

/** Those someone convenes on a date, in one query. */
export function convenedCoreGroups(db: Tx, slackUserId: string, email: string | null, isoDate: string) {
  return igWeekGroups(db, { conveners: { some: currentTermOf(slackUserId, email, isoDate) } });
}
