// Charters and activity: the only Prisma user of this feature.
import type { Tx } from '../../db/audit.js';

/** Records that the group did something at `at`: lastActivityAt moves forward, never back. */
export async function recordActivity(tx: Tx, groupId: number, at: Date): Promise<void> {
  await tx.group.updateMany({ where: { id: groupId, OR: [{ lastActivityAt: null }, { lastActivityAt: { lt: at } }] }, data: { lastActivityAt: at } });
}
