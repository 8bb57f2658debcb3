// The only Prisma user of the dissolution feature.
import type { Tx } from '../../db/audit.js';
import type { GroupKind } from '../../generated/prisma/enums.js';

/** Renewals the IGCC or the board haven't decided yet. */
export const PENDING_RENEWAL = ['REQUESTED', 'RECOMMENDED'] as const;

const LIFECYCLE = { id: true, name: true, kind: true, status: true, createdAt: true, charterApprovedOn: true, lastActivityAt: true, channelId: true } as const;

/** Active groups of kinds that dissolve, with whether a renewal is under review. */
export async function dissolvableGroups(db: Tx, kinds: readonly GroupKind[]) {
  const groups = await db.group.findMany({ where: { status: 'ACTIVE', kind: { in: [...kinds] } }, select: LIFECYCLE, orderBy: { id: 'asc' } });
  const pending = groups.length
    ? await db.charterRenewal.findMany({ where: { groupId: { in: groups.map((g) => g.id) }, status: { in: [...PENDING_RENEWAL] } }, select: { groupId: true } })
    : [];
  const held = new Set(pending.map((p) => p.groupId));
  return groups.map((g) => ({ ...g, renewalPending: held.has(g.id) }));
}

/** One group, read under a row lock (FOR UPDATE), so two processes decide its fate one after the other. */
export async function lockedGroup(tx: Tx, groupId: number) {
  await tx.$queryRaw`SELECT id FROM "Group" WHERE id = ${groupId} FOR UPDATE`;
  const group = await tx.group.findUnique({ where: { id: groupId }, select: { ...LIFECYCLE, dissolvedAt: true, dissolvedReason: true } });
  if (!group) return null;
  const pending = await tx.charterRenewal.count({ where: { groupId, status: { in: [...PENDING_RENEWAL] } } });
  return { ...group, renewalPending: pending > 0 };
}

/** What dissolution leaves in place and reinstatement restores: members, convener terms, channel. */
export async function snapshot(tx: Tx, groupId: number) {
  const [members, conveners] = await Promise.all([
    tx.groupMember.findMany({ where: { groupId }, select: { slackUserId: true }, orderBy: { slackUserId: 'asc' } }),
    tx.convenerTerm.findMany({ where: { groupId }, select: { id: true, slackUserId: true, email: true, startsOn: true, endsOn: true }, orderBy: { id: 'asc' } }),
  ]);
  return { members: members.map((m) => m.slackUserId), conveners };
}

/** The conditional update: ACTIVE → DISSOLVED, only if still active. True when this call made it. */
export async function markDissolved(tx: Tx, groupId: number, at: Date, reason: string): Promise<boolean> {
  const { count } = await tx.group.updateMany({ where: { id: groupId, status: 'ACTIVE' }, data: { status: 'DISSOLVED', dissolvedAt: at, dissolvedReason: reason } });
  return count === 1;
}

/** DISSOLVED → ACTIVE, only if still dissolved. */
export async function markReinstated(tx: Tx, groupId: number): Promise<boolean> {
  const { count } = await tx.group.updateMany({ where: { id: groupId, status: 'DISSOLVED' }, data: { status: 'ACTIVE', dissolvedAt: null, dissolvedReason: null } });
  return count === 1;
}

export function memberIds(db: Tx, groupId: number) {
  return db.groupMember.findMany({ where: { groupId }, select: { slackUserId: true }, orderBy: { slackUserId: 'asc' } });
}

export function dissolvedGroupNames(db: Tx) {
  return db.group.findMany({ where: { status: 'DISSOLVED' }, select: { id: true, name: true, key: true }, orderBy: { name: 'asc' } });
}

export function dissolvedGroup(db: Tx, id: number) {
  return db.group.findFirst({ where: { id, status: 'DISSOLVED' }, select: { id: true, name: true, channelId: true, dissolvedAt: true, dissolvedReason: true } });
}

/** True when the deadline engine has recorded this warning (sent, or skipped as too late): the last warning must precede a dissolution. */
export async function warningRecorded(db: Tx, ruleId: string, subject: string): Promise<boolean> {
  return (await db.reminderOccurrence.count({ where: { ruleId, subject } })) > 0;
}
