// Group settings: the only Prisma code of the feature.
import type { GroupLevel } from '../../generated/prisma/enums.js';
import type { Tx } from '../../db/audit.js';

/** The active group already using a channel, if any. */
export function groupWithChannel(db: Tx, channelId: string) {
  return db.group.findFirst({ where: { channelId, status: 'ACTIVE' }, select: { id: true, name: true } });
}

export function setChannel(tx: Tx, groupId: number, channelId: string) {
  return tx.group.update({ where: { id: groupId }, data: { channelId } });
}

export function updateSettings(tx: Tx, groupId: number, data: { description: string; staffLiaison: string | null; staffLiaisonUserId: string | null; level: GroupLevel | null }) {
  return tx.group.update({ where: { id: groupId }, data });
}

/** Who belongs in the group's channel: its members and the conveners the app knows in Slack. */
export async function channelPeople(db: Tx, groupId: number, isoDate: Date): Promise<string[]> {
  const [members, terms] = await Promise.all([
    db.groupMember.findMany({ where: { groupId }, select: { slackUserId: true } }),
    db.convenerTerm.findMany({ where: { groupId, endsOn: { gte: isoDate }, slackUserId: { not: null } }, select: { slackUserId: true } }),
  ]);
  return [...new Set([...members.map((m) => m.slackUserId), ...terms.map((t) => t.slackUserId!)])];
}
