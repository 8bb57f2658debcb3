// Convener terms and business meetings: the only Prisma code of the conveners feature.
import type { Prisma } from '../../generated/prisma/client.js';
import type { MeetingFormat } from '../../generated/prisma/enums.js';
import type { Tx } from '../../db/audit.js';
import { dateOnly } from '../../lib/time.js';

export function group(db: Tx, id: number) {
  return db.group.findUnique({ where: { id } });
}

export function activeGroups(db: Tx, ids?: number[]) {
  return db.group.findMany({
    where: { status: 'ACTIVE', ...(ids ? { id: { in: ids } } : {}) },
    orderBy: { name: 'asc' },
  });
}

function person(slackUserId: string, email: string | null): Prisma.ConvenerTermWhereInput {
  return email ? { OR: [{ slackUserId }, { email }] } : { slackUserId };
}

/** Every term of a group ending on or after a date (current and incoming), oldest first. */
export function termsEndingFrom(db: Tx, groupId: number, isoDate: string) {
  return db.convenerTerm.findMany({ where: { groupId, endsOn: { gte: dateOnly(isoDate) } }, orderBy: [{ startsOn: 'asc' }, { id: 'asc' }] });
}

/** One person's terms in a group, matched by Slack id or by the email a term was imported with. */
export function termsOf(db: Tx, groupId: number, slackUserId: string, email: string | null) {
  return db.convenerTerm.findMany({ where: { groupId, ...person(slackUserId, email) }, orderBy: { startsOn: 'asc' } });
}

export function allTermsOfGroup(db: Tx, groupId: number) {
  return db.convenerTerm.findMany({ where: { groupId }, orderBy: { startsOn: 'asc' } });
}

export function createTerm(
  db: Tx,
  t: { groupId: number; slackUserId: string; email: string | null; name: string | null; startsOn: string; endsOn: string },
) {
  return db.convenerTerm.create({
    data: { groupId: t.groupId, slackUserId: t.slackUserId, email: t.email, name: t.name, startsOn: dateOnly(t.startsOn), endsOn: dateOnly(t.endsOn) },
  });
}

export function createMeeting(
  db: Tx,
  m: { groupId: number; heldOn: string; format: MeetingFormat; notes: string; link: string | null; recordedBy: string },
) {
  return db.businessMeeting.create({ data: { ...m, heldOn: dateOnly(m.heldOn) } });
}

export function staffIds(db: Tx) {
  return db.roleGrant.findMany({ where: { role: 'STAFF' }, select: { slackUserId: true }, orderBy: { slackUserId: 'asc' } });
}

export function membersOf(db: Tx, groupId: number) {
  return db.groupMember.findMany({ where: { groupId }, select: { slackUserId: true } });
}

/** What the app knows of a Slack user: their Person row and, by its email, their roster row. */
export async function personWithRoster(db: Tx, slackUserId: string) {
  const person = await db.person.findUnique({ where: { slackUserId } });
  const roster = person?.email ? await db.rosterMember.findUnique({ where: { email: person.email.toLowerCase() } }) : null;
  return { person, roster };
}
