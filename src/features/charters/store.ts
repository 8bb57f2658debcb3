// Charters and activity: the only Prisma user of this feature.
import type { Tx } from '../../db/audit.js';
import type { GroupKind } from '../../generated/prisma/enums.js';

/** Records that the group did something at `at`: lastActivityAt moves forward, never back. */
export async function recordActivity(tx: Tx, groupId: number, at: Date): Promise<void> {
  await tx.group.updateMany({ where: { id: groupId, OR: [{ lastActivityAt: null }, { lastActivityAt: { lt: at } }] }, data: { lastActivityAt: at } });
}

/** IG Week sessions whose hour ended in (from, to]: each counts as its group's activity at its end. */
export async function sessionsEndedBetween(db: Tx, from: Date, to: Date, slotMs: number) {
  const rows = await db.igWeekSession.findMany({
    where: { slot: { startsAt: { gt: new Date(from.getTime() - slotMs), lte: new Date(to.getTime() - slotMs) } } },
    select: { groupId: true, slot: { select: { startsAt: true } } },
  });
  return rows.map((r) => ({ groupId: r.groupId, endedAt: new Date(r.slot.startsAt.getTime() + slotMs) }));
}

/** A message in the group's channel: one more in the count, and activity at its time. No content is kept. */
export async function countChannelMessage(tx: Tx, channelId: string, at: Date): Promise<number | undefined> {
  const group = await tx.group.findFirst({ where: { channelId, status: 'ACTIVE' }, select: { id: true } });
  if (!group) return undefined;
  await tx.group.update({ where: { id: group.id }, data: { channelMessageCount: { increment: 1 } } });
  await recordActivity(tx, group.id, at);
  return group.id;
}

const PENDING = ['REQUESTED', 'RECOMMENDED', 'DISSOLVE_DECIDED'] as const;

export function group(db: Tx, id: number) {
  return db.group.findUnique({ where: { id } });
}

/** A request still in review (or decided for dissolution): no second request, no nudges. */
export function openRenewal(db: Tx, groupId: number) {
  return db.charterRenewal.findFirst({ where: { groupId, status: { in: [...PENDING] } }, orderBy: { id: 'desc' } });
}

export function renewal(db: Tx, id: number) {
  return db.charterRenewal.findUnique({ where: { id }, include: { group: true } });
}

export function createRenewal(tx: Tx, r: { groupId: number; activities: string; deliverables: string; conveners: string; plans: string; other: string; requestedBy: string; requestedAt: Date }) {
  return tx.charterRenewal.create({ data: r });
}

export async function recommend(tx: Tx, id: number, recommendation: string, reason: string, by: string, at: Date): Promise<boolean> {
  const r = await tx.charterRenewal.updateMany({ where: { id, status: 'REQUESTED' }, data: { status: 'RECOMMENDED', recommendation, recommendationReason: reason, recommendedBy: by, recommendedAt: at } });
  return r.count === 1;
}

export async function decide(tx: Tx, id: number, status: 'CONTINUED' | 'DISSOLVE_DECIDED', reason: string, by: string, at: Date): Promise<boolean> {
  const r = await tx.charterRenewal.updateMany({ where: { id, status: 'RECOMMENDED' }, data: { status, decisionReason: reason, decidedBy: by, decidedAt: at } });
  return r.count === 1;
}

export function renewCharter(tx: Tx, groupId: number, on: Date) {
  return tx.group.update({ where: { id: groupId }, data: { charterApprovedOn: on } });
}

/** Counts of what the group did since `since` (channel messages: all the app has seen). */
export async function activityCounts(db: Tx, groupId: number, since: Date, now: Date) {
  const [reports, meetings, elections, sessions, proposals, g] = await Promise.all([
    db.quarterlyReport.count({ where: { groupId, firstFiledAt: { gte: since } } }),
    db.businessMeeting.count({ where: { groupId, heldOn: { gte: since } } }),
    db.election.count({ where: { groupId, status: 'CLOSED', closedAt: { gte: since } } }),
    db.igWeekSession.count({ where: { groupId, slot: { startsAt: { gte: since, lte: now } } } }),
    db.proposal.count({ where: { groupId, status: 'ACCEPTED', decidedAt: { gte: since } } }),
    db.group.findUnique({ where: { id: groupId }, select: { channelMessageCount: true, lastActivityAt: true } }),
  ]);
  return { reports, meetings, elections, sessions, proposals, channelMessages: g?.channelMessageCount ?? 0, lastActivityAt: g?.lastActivityAt ?? null };
}

/** Active groups of these kinds without a request in review: who the renewal nudges go to. */
export function groupsAwaitingRenewal(db: Tx, kinds: GroupKind[]) {
  return db.group.findMany({
    where: { status: 'ACTIVE', kind: { in: kinds }, charterRenewals: { none: { status: { in: [...PENDING] } } } },
    select: { id: true, name: true, charterApprovedOn: true, createdAt: true },
    orderBy: { id: 'asc' },
  });
}

/** Sets the charter date; false when it already was that date. */
export async function setCharterDate(tx: Tx, groupId: number, on: Date): Promise<boolean> {
  const r = await tx.group.updateMany({ where: { id: groupId, OR: [{ charterApprovedOn: null }, { charterApprovedOn: { not: on } }] }, data: { charterApprovedOn: on } });
  return r.count === 1;
}
