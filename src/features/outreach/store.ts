// Feedback and invitations: the only Prisma code of the feature.
import type { Tx } from '../../db/audit.js';

export function createFeedback(tx: Tx, data: { groupId: number; senderId: string; topic: string | null; message: string; liaisonId: string | null; createdAt: Date }) {
  return tx.feedback.create({ data });
}

/** Feedback newest first (of one group, or all), with the group's name. */
export async function feedbackPage(db: Tx, groupId: number | undefined, skip: number, take: number) {
  const where = groupId ? { groupId } : {};
  const [total, rows] = await Promise.all([
    db.feedback.count({ where }),
    db.feedback.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip, take, include: { group: { select: { name: true } } } }),
  ]);
  return { total, rows };
}

export async function membersAmong(db: Tx, groupId: number, userIds: string[]): Promise<string[]> {
  const rows = await db.groupMember.findMany({ where: { groupId, slackUserId: { in: userIds } }, select: { slackUserId: true } });
  return rows.map((r) => r.slackUserId);
}

export async function optedOutAmong(db: Tx, userIds: string[]): Promise<string[]> {
  const rows = await db.invitationOptOut.findMany({ where: { slackUserId: { in: userIds } }, select: { slackUserId: true } });
  return rows.map((r) => r.slackUserId);
}

/**
 * Claims the invitation of one person to one group, decided by the database: inserts the
 * pair (ignored when it exists), else moves an invitation older than the cutoff to now.
 * Concurrent claims of the same pair: exactly one succeeds (the insert conflicts on the
 * primary key; the update re-checks its condition on the row the winner wrote).
 */
export async function claimInvitation(tx: Tx, i: { groupId: number; inviteeId: string; inviterId: string; now: Date; cutoff: Date }): Promise<boolean> {
  const row = { groupId: i.groupId, inviteeId: i.inviteeId, inviterId: i.inviterId, invitedAt: i.now };
  const inserted = await tx.groupInvitation.createMany({ data: [row], skipDuplicates: true });
  if (inserted.count === 1) return true;
  const renewed = await tx.groupInvitation.updateMany({
    where: { groupId: i.groupId, inviteeId: i.inviteeId, invitedAt: { lte: i.cutoff } },
    data: { inviterId: i.inviterId, invitedAt: i.now },
  });
  return renewed.count === 1;
}

/** Gives back a claim whose message Slack refused (any earlier invitation was outside the window anyway). */
export function releaseInvitation(db: Tx, groupId: number, inviteeId: string, invitedAt: Date) {
  return db.groupInvitation.deleteMany({ where: { groupId, inviteeId, invitedAt } });
}

/** Records an opt-out; false when the person had opted out already. */
export async function addOptOut(tx: Tx, slackUserId: string, groupId: number, now: Date): Promise<boolean> {
  const { count } = await tx.invitationOptOut.createMany({ data: [{ slackUserId, groupId, optedOutAt: now }], skipDuplicates: true });
  return count === 1;
}
