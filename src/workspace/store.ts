// The local workspace's own database work: the demo marker, wiping the app's data for
// "Reset workspace", and the demo's group channels. The app's tables are the app's; this only
// ever runs in local workspace mode.
import type { Tx } from '../db/audit.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { getSetting, setSetting } from '../features/admin/store.js';

export const DEMO_SETTING = 'workspace.demo';

/** True when the local workspace's demo data was loaded into this database. */
export async function isDemoDatabase(db: Tx): Promise<boolean> {
  return (await getSetting(db, DEMO_SETTING)) === 'true';
}

export async function markDemo(db: Tx): Promise<void> {
  await setSetting(db, DEMO_SETTING, 'true', 'demo');
}

/** Anything in the app's tables at all (a database used with Slack before, say). */
export async function hasAppData(db: Tx): Promise<boolean> {
  const [groups, people, settings] = await Promise.all([db.group.count(), db.person.count(), db.setting.count()]);
  return groups + people + settings > 0;
}

/** Empties every app table (migrations kept), so the demo can be loaded afresh. */
export async function wipeAppData(prisma: PrismaClient): Promise<void> {
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`,
  );
  if (tables.length === 0) return;
  const list = tables.map((t) => `"${t.name.replace(/"/g, '""')}"`).join(', ');
  await prisma.$executeRawUnsafe(`TRUNCATE ${list} RESTART IDENTITY CASCADE`);
}

export function groupsByKeys(db: Tx, keys: string[]) {
  return db.group.findMany({ where: { key: { in: keys } }, select: { id: true, key: true, name: true } });
}

/** Backdates a demo group's creation (a group owes reports from the quarter after it was created). */
export async function setGroupCreated(db: Tx, groupId: number, createdAt: Date): Promise<void> {
  await db.group.update({ where: { id: groupId }, data: { createdAt } });
}

export async function setGroupChannel(db: Tx, groupId: number, channelId: string): Promise<void> {
  await db.group.update({ where: { id: groupId }, data: { channelId } });
}

export async function addGroupMembers(db: Tx, groupId: number, slackUserIds: string[]): Promise<void> {
  await db.groupMember.createMany({ data: slackUserIds.map((slackUserId) => ({ groupId, slackUserId })), skipDuplicates: true });
}
