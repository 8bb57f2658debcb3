import type { Role } from '../../generated/prisma/enums.js';
import type { Tx } from '../../db/audit.js';

export async function rolesOf(db: Tx, slackUserId: string): Promise<Role[]> {
  const rows = await db.roleGrant.findMany({ where: { slackUserId }, select: { role: true } });
  return rows.map((r) => r.role);
}

export function holdersOf(db: Tx, role: Role) {
  return db.roleGrant.findMany({ where: { role }, orderBy: { grantedAt: 'asc' } });
}

export function allGrants(db: Tx) {
  return db.roleGrant.findMany({ orderBy: [{ role: 'asc' }, { grantedAt: 'asc' }] });
}

export async function ensurePerson(db: Tx, slackUserId: string): Promise<void> {
  await db.person.upsert({ where: { slackUserId }, create: { slackUserId }, update: {} });
}

/** Returns false when the grant already existed. */
export async function grant(db: Tx, slackUserId: string, role: Role, grantedBy: string): Promise<boolean> {
  const existing = await db.roleGrant.findUnique({ where: { slackUserId_role: { slackUserId, role } } });
  if (existing) return false;
  await db.roleGrant.create({ data: { slackUserId, role, grantedBy } });
  return true;
}

/** Returns false when there was nothing to revoke. */
export async function revoke(db: Tx, slackUserId: string, role: Role): Promise<boolean> {
  const { count } = await db.roleGrant.deleteMany({ where: { slackUserId, role } });
  return count > 0;
}

export async function getSetting(db: Tx, key: string): Promise<string | undefined> {
  return (await db.setting.findUnique({ where: { key } }))?.value;
}

export function allSettings(db: Tx) {
  return db.setting.findMany();
}

export function setSetting(db: Tx, key: string, value: string, updatedBy: string) {
  return db.setting.upsert({ where: { key }, create: { key, value, updatedBy }, update: { value, updatedBy } });
}

export function deleteSetting(db: Tx, key: string) {
  return db.setting.deleteMany({ where: { key } });
}
