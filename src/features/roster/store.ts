import type { Tx } from '../../db/audit.js';
import type { RosterFacts } from '../directory/rules.js';
import type { MemberRecord } from './rules.js';

/** Creates or updates a roster row; reports what happened. */
export async function upsertMember(db: Tx, m: MemberRecord): Promise<'created' | 'updated' | 'unchanged'> {
  const existing = await db.rosterMember.findUnique({ where: { email: m.email } });
  if (!existing) {
    await db.rosterMember.create({ data: m });
    return 'created';
  }
  const same = existing.name === m.name && existing.ala === m.ala && existing.core === m.core && existing.pla === m.pla && existing.standing === m.standing;
  if (same) return 'unchanged';
  await db.rosterMember.update({ where: { email: m.email }, data: m });
  return 'updated';
}

/** What the roster says about each of these (lower-case) emails; absent when not on it. */
export async function rosterFacts(db: Tx, emails: string[]): Promise<Map<string, RosterFacts>> {
  const rows = await db.rosterMember.findMany({ where: { email: { in: emails } }, select: { email: true, ala: true, core: true, pla: true, standing: true } });
  return new Map(rows.map(({ email, ...facts }) => [email, facts]));
}
