// The App Home's queries: everything the dashboard reads, and nothing else touches Prisma here.
import type { Prisma } from '../../generated/prisma/client.js';
import type { PetitionStatus } from '../../generated/prisma/enums.js';
import type { Tx } from '../../db/audit.js';
import { dateOnly } from '../../lib/time.js';

const GROUP = { id: true, name: true, kind: true, channelId: true, createdAt: true, lastActivityAt: true, charterApprovedOn: true } as const;

/** The user's Person row (email to match convener terms imported by email) and roster row. */
export async function person(db: Tx, slackUserId: string) {
  const p = await db.person.findUnique({ where: { slackUserId } });
  const roster = p?.email ? await db.rosterMember.findUnique({ where: { email: p.email.toLowerCase() } }) : null;
  return { email: p?.email ?? null, roster };
}

/** Active groups the user belongs to. */
export function memberships(db: Tx, slackUserId: string) {
  return db.groupMember.findMany({ where: { slackUserId, group: { status: 'ACTIVE' } }, select: { group: { select: GROUP } } });
}

/** The user's convener terms (by Slack id or by the email they were imported with) not over on a date, in active groups. */
export function convenerTerms(db: Tx, slackUserId: string, email: string | null, isoDate: string) {
  const who: Prisma.ConvenerTermWhereInput[] = [{ slackUserId }];
  if (email) who.push({ email });
  return db.convenerTerm.findMany({
    where: { OR: who, endsOn: { gte: dateOnly(isoDate) }, group: { status: 'ACTIVE' } },
    select: { startsOn: true, endsOn: true, group: { select: GROUP } },
    orderBy: { startsOn: 'asc' },
  });
}

export function reportsOf(db: Tx, groupIds: number[], quarters: string[]) {
  return db.quarterlyReport.findMany({ where: { groupId: { in: groupIds }, quarter: { in: quarters } }, select: { groupId: true, quarter: true, firstFiledAt: true } });
}

export function meetingsOf(db: Tx, groupIds: number[], from: string, to: string) {
  return db.businessMeeting.findMany({ where: { groupId: { in: groupIds }, heldOn: { gte: dateOnly(from), lte: dateOnly(to) } }, select: { groupId: true, heldOn: true } });
}

/** Elections (not cancelled) closing after an instant, with whether the user voted in the open ones. */
export async function electionsOf(db: Tx, groupIds: number[], closingAfter: Date, voter: string) {
  const rows = await db.election.findMany({
    where: { groupId: { in: groupIds }, status: { not: 'CANCELLED' }, closesAt: { gt: closingAfter } },
    select: { id: true, groupId: true, status: true, opensAt: true, closesAt: true, turnout: { where: { slackUserId: voter }, select: { slackUserId: true } } },
    orderBy: { closesAt: 'asc' },
  });
  return rows.map(({ turnout, ...e }) => ({ ...e, voted: turnout.length > 0 }));
}

export function sessionsOf(db: Tx, year: number, groupIds: number[]) {
  return db.igWeekSession.findMany({
    where: { year, groupId: { in: groupIds } },
    select: { id: true, groupId: true, title: true, description: true, speakerUserIds: true, outsideSpeakers: true, slot: { select: { startsAt: true } } },
  });
}

/** Petitions in these statuses, with whether the user signed each. */
export async function petitionsIn(db: Tx, statuses: PetitionStatus[], viewer: string) {
  const rows = await db.petition.findMany({
    where: { status: { in: statuses } },
    select: { id: true, kind: true, name: true, status: true, organizers: true, petitioner: true, threshold: true, signatureCount: true, expiresAt: true, signatures: { where: { signer: viewer }, select: { signer: true } } },
    orderBy: { id: 'asc' },
  });
  return rows.map(({ signatures, ...p }) => ({ ...p, signed: signatures.length > 0 }));
}

// ---------------------------------------------------------------------------
// Staff

export function activeGroups(db: Tx) {
  return db.group.findMany({ where: { status: 'ACTIVE' }, select: GROUP, orderBy: { name: 'asc' } });
}

/** Groups holding a convener term that covers a date. */
export async function groupsWithConvenerOn(db: Tx, isoDate: string): Promise<Set<number>> {
  const day = dateOnly(isoDate);
  const rows = await db.convenerTerm.findMany({ where: { startsOn: { lte: day }, endsOn: { gte: day } }, select: { groupId: true }, distinct: ['groupId'] });
  return new Set(rows.map((r) => r.groupId));
}

export function reportsFor(db: Tx, quarter: string) {
  return db.quarterlyReport.findMany({ where: { quarter }, select: { groupId: true, quarter: true, firstFiledAt: true } });
}

/** Everyone to refresh for a group: its conveners now or incoming (by Slack id, or by email through Person), and its members. */
export async function groupPeople(db: Tx, groupId: number, isoDate: string, members: boolean): Promise<string[]> {
  const terms = await db.convenerTerm.findMany({ where: { groupId, endsOn: { gte: dateOnly(isoDate) } }, select: { slackUserId: true, email: true } });
  const emails = terms.flatMap((t) => (!t.slackUserId && t.email ? [t.email] : []));
  const byEmail = emails.length ? await db.person.findMany({ where: { email: { in: emails } }, select: { slackUserId: true } }) : [];
  const joined = members ? await db.groupMember.findMany({ where: { groupId }, select: { slackUserId: true } }) : [];
  return [...terms.flatMap((t) => (t.slackUserId ? [t.slackUserId] : [])), ...byEmail.map((p) => p.slackUserId), ...joined.map((m) => m.slackUserId)];
}

/** Records that someone opened the Home tab (creating their Person row on first sight). */
export async function markHomeOpened(db: Tx, slackUserId: string, at: Date): Promise<void> {
  await db.person.upsert({ where: { slackUserId }, create: { slackUserId, homeOpenedAt: at }, update: { homeOpenedAt: at } });
}

/** People who opened the Home tab since an instant, most recent first. */
export async function homeViewersSince(db: Tx, since: Date, take: number): Promise<string[]> {
  const rows = await db.person.findMany({ where: { homeOpenedAt: { gte: since } }, select: { slackUserId: true }, orderBy: { homeOpenedAt: 'desc' }, take });
  return rows.map((r) => r.slackUserId);
}

/** Of these people, those who have ever opened their Home tab (the others have no Home to refresh). */
export async function everOpenedHome(db: Tx, slackUserIds: string[]): Promise<string[]> {
  const rows = await db.person.findMany({ where: { slackUserId: { in: slackUserIds }, homeOpenedAt: { not: null } }, select: { slackUserId: true } });
  const opened = new Set(rows.map((r) => r.slackUserId));
  return slackUserIds.filter((id) => opened.has(id));
}

export async function staffIds(db: Tx): Promise<string[]> {
  return (await db.roleGrant.findMany({ where: { role: 'STAFF' }, select: { slackUserId: true } })).map((r) => r.slackUserId);
}
