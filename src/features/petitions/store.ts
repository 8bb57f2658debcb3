// The petitions feature's only Prisma code. Races are decided here by conditional updates
// (WHERE status = …) and unique keys, never by reading first and writing later.
import type { Prisma } from '../../generated/prisma/client.js';
import type { GroupKind, GroupLevel, PetitionKind, PetitionStatus } from '../../generated/prisma/enums.js';
import type { Tx } from '../../db/audit.js';
import { dateOnly } from '../../lib/time.js';
import { OPEN_STATUSES, SIGNABLE_STATUSES } from './rules.js';

export interface NewPetition {
  kind: PetitionKind;
  level: GroupLevel | null;
  name: string;
  purpose: string;
  organizers: string[];
  /** MIGs: each organizer's mailing address, in the form's order (empty for interest groups). */
  addresses: { slackUserId: string; address: string }[];
  petitioner: string;
  status: PetitionStatus;
  threshold: number;
  feedbackUntil: string | null;
  opensAt: Date;
  openedAt: Date | null;
  expiresAt: Date;
  channelId: string;
  createdAt: Date;
}

export function createPetition(db: Tx, { addresses, ...p }: NewPetition) {
  return db.petition.create({
    data: {
      ...p,
      feedbackUntil: p.feedbackUntil ? dateOnly(p.feedbackUntil) : null,
      organizerAddresses: { create: addresses.map((a, i) => ({ slackUserId: a.slackUserId, address: a.address, position: i + 1 })) },
    },
  });
}

/** A MIG's organizers with their mailing addresses, in the form's order. */
export function addressesOf(db: Tx, petitionId: number) {
  return db.petitionMailingAddress.findMany({ where: { petitionId }, orderBy: { position: 'asc' } });
}

export type OrganizerAddress = Awaited<ReturnType<typeof addressesOf>>[number];

/** Marks an approved MIG reported to Council; false when it was already marked (or isn't one). */
export async function markReportedToCouncil(db: Tx, id: number, by: string, at: Date): Promise<boolean> {
  const { count } = await db.petition.updateMany({
    where: { id, status: 'APPROVED', reportToCouncil: true, reportedToCouncilAt: null },
    data: { reportedToCouncilAt: at, reportedToCouncilBy: by },
  });
  return count === 1;
}

/** Approved MIGs decided before `before` that staff haven't marked reported to Council yet. */
export function unreportedApprovals(db: Tx, before: Date) {
  return db.petition.findMany({
    where: { status: 'APPROVED', reportToCouncil: true, reportedToCouncilAt: null, decidedAt: { lt: before } },
    orderBy: { id: 'asc' },
  });
}

export function petitionById(db: Tx, id: number) {
  return db.petition.findUnique({ where: { id } });
}

export type PetitionRow = NonNullable<Awaited<ReturnType<typeof petitionById>>>;

export function openPetitions(db: Tx) {
  return db.petition.findMany({ where: { status: { in: OPEN_STATUSES } }, orderBy: { id: 'asc' } });
}

export function activeGroupsForDuplicates(db: Tx) {
  return db.group.findMany({ where: { status: 'ACTIVE' }, select: { id: true, name: true, description: true, kind: true } });
}

export function saveMessage(db: Tx, id: number, channelId: string, messageTs: string) {
  return db.petition.update({ where: { id }, data: { channelId, messageTs } });
}

export function saveApprovalPosts(db: Tx, id: number, posts: { channel: string; ts: string }[]) {
  return db.petition.update({ where: { id }, data: { approvalPosts: posts } });
}

/** Moves a petition from one of `from` to `to`; false when another request got there first. */
export async function transition(
  db: Tx,
  id: number,
  from: PetitionStatus[],
  to: PetitionStatus,
  data: Prisma.PetitionUpdateManyMutationInput = {},
): Promise<boolean> {
  const { count } = await db.petition.updateMany({ where: { id, status: { in: from } }, data: { ...data, status: to } });
  return count === 1;
}

/**
 * Counts one more signature while the petition takes them, and returns the petition as it
 * now is. The UPDATE locks the row, so concurrent signers are counted one after another.
 */
export async function countSignature(db: Tx, id: number, now: Date) {
  // One UPDATE … RETURNING: the row as counted, or none when the petition can't be signed.
  const [counted] = await db.petition.updateManyAndReturn({
    // Collecting until its expiry instant, even if the expiry transition hasn't run yet.
    where: { id, OR: [{ status: 'COLLECTING', expiresAt: { gt: now } }, { status: { in: SIGNABLE_STATUSES.filter((s) => s !== 'COLLECTING') } }] },
    data: { signatureCount: { increment: 1 } },
  });
  return counted ?? null;
}

/** Takes one signature off the count, only while collecting. */
export async function uncountSignature(db: Tx, id: number) {
  const { count } = await db.petition.updateMany({
    where: { id, status: 'COLLECTING', signatureCount: { gt: 0 } },
    data: { signatureCount: { decrement: 1 } },
  });
  return count === 1 ? db.petition.findUniqueOrThrow({ where: { id } }) : null;
}

/** Throws a unique violation (P2002) when this person already signed. */
export function addSignature(db: Tx, petitionId: number, signer: string, signedAt: Date) {
  return db.petitionSignature.create({ data: { petitionId, signer, signedAt } });
}

export async function removeSignature(db: Tx, petitionId: number, signer: string): Promise<boolean> {
  const { count } = await db.petitionSignature.deleteMany({ where: { petitionId, signer } });
  return count === 1;
}

export async function hasSigned(db: Tx, petitionId: number, signer: string): Promise<boolean> {
  return (await db.petitionSignature.count({ where: { petitionId, signer } })) === 1;
}

export async function signers(db: Tx, petitionId: number): Promise<string[]> {
  const rows = await db.petitionSignature.findMany({ where: { petitionId }, orderBy: { signedAt: 'asc' }, select: { signer: true } });
  return rows.map((r) => r.signer);
}

const MILESTONE_FIELDS = { 50: 'halfNotifiedAt', 90: 'ninetyNotifiedAt' } as const;

/** Claims the right to announce a milestone: true exactly once per petition and milestone. */
export async function claimMilestone(db: Tx, id: number, percent: 50 | 90, at: Date): Promise<boolean> {
  const field = MILESTONE_FIELDS[percent];
  const { count } = await db.petition.updateMany({ where: { id, [field]: null }, data: { [field]: at } });
  return count === 1;
}

export function auditTrail(db: Tx, id: number) {
  return db.auditLog.findMany({ where: { subjectType: 'petition', subjectId: String(id) }, orderBy: { id: 'asc' } });
}

export function signatureEventCount(db: Tx, id: number) {
  return db.auditLog.count({ where: { subjectType: 'petition', subjectId: String(id), action: { in: ['petition.signed', 'petition.signature_withdrawn'] } } });
}

// ---------------------------------------------------------------------------
// Scheduled transitions and nudges

export function dueToOpen(db: Tx, now: Date) {
  return db.petition.findMany({ where: { status: 'IN_REVIEW', opensAt: { lte: now } }, orderBy: { id: 'asc' } });
}

export function dueToExpire(db: Tx, now: Date) {
  return db.petition.findMany({ where: { status: 'COLLECTING', expiresAt: { lte: now } }, orderBy: { id: 'asc' } });
}

/** Petitions with a feedback period whose opening instant is in (from, to]; withdrawn ones no longer open. */
export function openingBetween(db: Tx, from: Date, to: Date) {
  return db.petition.findMany({
    where: { feedbackUntil: { not: null }, opensAt: { gt: from, lte: to }, status: { not: 'WITHDRAWN' } },
    orderBy: { id: 'asc' },
  });
}

export function collectingExpiringBetween(db: Tx, from: Date, to: Date) {
  return db.petition.findMany({ where: { status: 'COLLECTING', expiresAt: { gt: from, lte: to } }, orderBy: { id: 'asc' } });
}

/** Expiring in (from, to] and not decided otherwise: still collecting, or already expired by the transition. */
export function expiringBetween(db: Tx, from: Date, to: Date) {
  return db.petition.findMany({
    where: { status: { in: ['COLLECTING', 'EXPIRED'] }, expiresAt: { gt: from, lte: to } },
    orderBy: { id: 'asc' },
  });
}

// ---------------------------------------------------------------------------
// Drafts waiting for "continue anyway"

export async function saveDraft(db: Tx, userId: string, data: Prisma.InputJsonValue, createdAt: Date): Promise<number> {
  // One pending draft per person: going back and submitting again replaces it.
  await db.petitionDraft.deleteMany({ where: { userId } });
  return (await db.petitionDraft.create({ data: { userId, data, createdAt } })).id;
}

/** Filing makes any draft the person left behind (by going back and changing the form) moot. */
export function clearDrafts(db: Tx, userId: string) {
  return db.petitionDraft.deleteMany({ where: { userId } });
}

/** Takes (deletes and returns) a draft; null when it was already used. */
export async function takeDraft(db: Tx, id: number, userId: string): Promise<Prisma.JsonValue | null> {
  const draft = await db.petitionDraft.findFirst({ where: { id, userId } });
  if (!draft) return null;
  const { count } = await db.petitionDraft.deleteMany({ where: { id } });
  return count === 1 ? draft.data : null;
}

// ---------------------------------------------------------------------------
// Approval: the new group

export interface NewGroup {
  name: string;
  key: string;
  kind: GroupKind;
  level: GroupLevel | null;
  eligibility: 'ANYONE' | 'PLA_MEMBERS' | 'ALA_MEMBERS';
  description: string;
  /** The charter date (petition approval day, org time). */
  charterApprovedOn?: Date;
}

/** Throws a unique violation when a group with the same key exists. */
export function createGroup(db: Tx, g: NewGroup) {
  return db.group.create({ data: g });
}

export function addConvenerTerm(
  db: Tx,
  t: { groupId: number; slackUserId: string; email: string | null; name: string | null; startsOn: string; endsOn: string },
) {
  return db.convenerTerm.create({ data: { ...t, startsOn: dateOnly(t.startsOn), endsOn: dateOnly(t.endsOn) } });
}

/** Makes each person a member (creating Person rows as needed). */
export async function addMembers(db: Tx, groupId: number, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  await db.person.createMany({ data: userIds.map((slackUserId) => ({ slackUserId })), skipDuplicates: true });
  await db.groupMember.createMany({ data: userIds.map((slackUserId) => ({ groupId, slackUserId })), skipDuplicates: true });
}

export function setGroupChannel(db: Tx, groupId: number, channelId: string) {
  return db.group.update({ where: { id: groupId }, data: { channelId } });
}

export function groupById(db: Tx, id: number) {
  return db.group.findUnique({ where: { id } });
}

/** Any group with this key, dissolved ones included (the key stays taken). */
export function groupByKey(db: Tx, key: string) {
  return db.group.findUnique({ where: { key } });
}

export function linkGroup(db: Tx, petitionId: number, groupId: number) {
  return db.petition.update({ where: { id: petitionId }, data: { groupId } });
}
