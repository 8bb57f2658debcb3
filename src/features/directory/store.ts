import type { Prisma } from '../../generated/prisma/client.js';
import type { Tx } from '../../db/audit.js';
import { dateOnly } from '../../lib/time.js';
import type { GroupInput } from './rules.js';

export function activeGroupNames(db: Tx) {
  return db.group.findMany({ where: { status: 'ACTIVE' }, select: { id: true, name: true, key: true }, orderBy: { name: 'asc' } });
}

/** Active groups whose name or description contains every word (case-insensitive): `/ig list` and the public directory. */
export function activeMatching(words: string[]): Prisma.GroupWhereInput {
  return {
    status: 'ACTIVE',
    AND: words.map((w) => ({
      OR: [{ name: { contains: w, mode: 'insensitive' } }, { description: { contains: w, mode: 'insensitive' } }],
    })),
  };
}

/** Active groups whose name or description contains every word (case-insensitive). */
export async function search(db: Tx, words: string[], skip: number, take: number) {
  const where = activeMatching(words);
  const [total, groups] = await Promise.all([
    db.group.count({ where }),
    db.group.findMany({ where, orderBy: { name: 'asc' }, skip, take, include: { _count: { select: { members: true } } } }),
  ]);
  return { total, groups };
}

export function groupById(db: Tx, id: number) {
  return db.group.findUnique({ where: { id }, include: { _count: { select: { members: true } } } });
}

/** Convener terms covering a date, with the Slack user each email belongs to when known. */
export async function currentConveners(db: Tx, groupId: number, isoDate: string) {
  const day = dateOnly(isoDate);
  const terms = await db.convenerTerm.findMany({
    where: { groupId, startsOn: { lte: day }, endsOn: { gte: day } },
    orderBy: [{ startsOn: 'asc' }, { id: 'asc' }],
  });
  const emails = terms.flatMap((t) => (t.email && !t.slackUserId ? [t.email] : []));
  const people = emails.length ? await db.person.findMany({ where: { email: { in: emails } } }) : [];
  return terms.map((t) => ({
    ...t,
    slackUserId: t.slackUserId ?? people.find((p) => p.email === t.email)?.slackUserId ?? null,
  }));
}

export function membership(db: Tx, groupId: number, slackUserId: string) {
  return db.groupMember.findUnique({ where: { groupId_slackUserId: { groupId, slackUserId } } });
}

export function addMember(db: Tx, groupId: number, slackUserId: string) {
  return db.groupMember.create({ data: { groupId, slackUserId } });
}

export async function removeMember(db: Tx, groupId: number, slackUserId: string): Promise<boolean> {
  const { count } = await db.groupMember.deleteMany({ where: { groupId, slackUserId } });
  return count > 0;
}

export function groupsOf(db: Tx, slackUserId: string) {
  return db.groupMember.findMany({ where: { slackUserId, group: { status: 'ACTIVE' } }, include: { group: true }, orderBy: { group: { name: 'asc' } } });
}

/** A convener term of the user (by Slack id, or by the email a term not linked yet was imported with) covering the date. */
export function currentTermOf(slackUserId: string, email: string | null, isoDate: string): Prisma.ConvenerTermWhereInput {
  const day = dateOnly(isoDate);
  return { OR: [{ slackUserId }, ...(email ? [{ email }] : [])], startsOn: { lte: day }, endsOn: { gte: day } };
}

/** Groups where the user (by Slack id or email) holds a convener term covering the date. */
export async function convenedGroupIds(db: Tx, slackUserId: string, email: string | null, isoDate: string): Promise<number[]> {
  const terms = await db.convenerTerm.findMany({ where: currentTermOf(slackUserId, email, isoDate), select: { groupId: true } });
  return [...new Set(terms.map((t) => t.groupId))];
}


/** Creates or updates a group by its key; returns whether it was created. */
export async function upsertGroup(db: Tx, input: GroupInput): Promise<{ id: number; created: boolean; changed: boolean }> {
  const existing = await db.group.findUnique({ where: { key: input.key } });
  if (!existing) {
    const g = await db.group.create({ data: input });
    return { id: g.id, created: true, changed: true };
  }
  const changed = (Object.keys(input) as (keyof GroupInput)[]).some((k) => existing[k] !== input[k]);
  if (changed) await db.group.update({ where: { id: existing.id }, data: input });
  return { id: existing.id, created: false, changed };
}

export async function ensureConvenerTerm(
  db: Tx,
  t: { groupId: number; email: string; startsOn: string; endsOn: string },
): Promise<boolean> {
  const startsOn = dateOnly(t.startsOn);
  const existing = await db.convenerTerm.findFirst({ where: { groupId: t.groupId, email: t.email, startsOn } });
  if (existing) return false;
  await db.convenerTerm.create({ data: { groupId: t.groupId, email: t.email, startsOn, endsOn: dateOnly(t.endsOn) } });
  return true;
}
