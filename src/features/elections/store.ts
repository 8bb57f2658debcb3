// Elections: the only Prisma code of the feature. Ballot rows never hold a voter; Turnout
// rows never hold a choice; nothing here returns both.
import type { NominationStatus } from '../../generated/prisma/enums.js';
import type { Tx } from '../../db/audit.js';
import type { PositionSpec } from './rules.js';

const FULL = {
  group: true,
  positions: { orderBy: { sort: 'asc' }, include: { candidates: { orderBy: { id: 'asc' } } } },
} as const;

export function createElection(
  tx: Tx,
  e: { groupId: number; year: number; opensAt: Date; closesAt: Date; createdBy: string; positions: PositionSpec[]; secret: string },
) {
  return tx.election.create({
    data: {
      groupId: e.groupId,
      year: e.year,
      opensAt: e.opensAt,
      closesAt: e.closesAt,
      createdBy: e.createdBy,
      positions: { create: e.positions.map((p, sort) => ({ title: p.title, seats: p.seats, sort })) },
      // The group's one election in progress: a second insert for the group is a unique violation.
      active: { create: { groupId: e.groupId } },
      secret: { create: { secret: e.secret } },
    },
    include: FULL,
  });
}

export function election(db: Tx, id: number) {
  return db.election.findUnique({ where: { id }, include: FULL });
}

export type FullElection = NonNullable<Awaited<ReturnType<typeof election>>>;

export async function activeElectionOf(db: Tx, groupId: number) {
  const active = await db.activeElection.findUnique({ where: { groupId } });
  return active ? election(db, active.electionId) : null;
}

/** The group's latest election that has ended (for results), if any. */
export function lastClosedOf(db: Tx, groupId: number) {
  return db.election.findFirst({ where: { groupId, status: 'CLOSED' }, orderBy: { closesAt: 'desc' }, include: FULL });
}

export function addCandidate(tx: Tx, c: { positionId: number; slackUserId: string; nominatedBy: string; status: NominationStatus; at: Date }) {
  return tx.electionCandidate.create({
    data: { positionId: c.positionId, slackUserId: c.slackUserId, nominatedBy: c.nominatedBy, status: c.status, respondedAt: c.status === 'PENDING' ? null : c.at },
  });
}

export function candidate(db: Tx, id: number) {
  return db.electionCandidate.findUnique({ where: { id }, include: { position: { include: { election: { include: { group: true } } } } } });
}

export function countCandidates(db: Tx, positionId: number) {
  return db.electionCandidate.count({ where: { positionId, status: { not: 'DECLINED' } } });
}

/** Answers a pending nomination; false when it was already answered. */
export async function answerNomination(tx: Tx, id: number, status: NominationStatus, at: Date): Promise<boolean> {
  const { count } = await tx.electionCandidate.updateMany({ where: { id, status: 'PENDING' }, data: { status, respondedAt: at } });
  return count === 1;
}

/**
 * Locks an open election's row for the rest of the transaction (so closing waits for ballots
 * being cast, and the count sees them). False when it isn't open any more.
 */
export async function lockOpen(tx: Tx, id: number): Promise<boolean> {
  const { count } = await tx.election.updateMany({ where: { id, status: 'OPEN' }, data: { status: 'OPEN' } });
  return count === 1;
}

export async function secretOf(tx: Tx, electionId: number): Promise<string | undefined> {
  return (await tx.electionSecret.findUnique({ where: { electionId } }))?.secret;
}

/** Casts or replaces a ballot (one statement: INSERT … ON CONFLICT). */
export function putBallot(tx: Tx, receipt: string, electionId: number, candidateIds: number[]) {
  return tx.ballot.upsert({ where: { receipt }, create: { receipt, electionId, candidateIds }, update: { candidateIds }, select: { receipt: true } });
}

/** Records that someone voted; true the first time. */
export async function markVoted(tx: Tx, electionId: number, slackUserId: string): Promise<boolean> {
  const { count } = await tx.turnout.createMany({ data: [{ electionId, slackUserId }], skipDuplicates: true });
  return count === 1;
}

export async function hasVoted(db: Tx, electionId: number, slackUserId: string): Promise<boolean> {
  return (await db.turnout.count({ where: { electionId, slackUserId } })) > 0;
}

export function turnout(db: Tx, electionId: number) {
  return db.turnout.count({ where: { electionId } });
}

/** The choices of every ballot, without anything else. */
export function ballotChoices(db: Tx, electionId: number) {
  return db.ballot.findMany({ where: { electionId }, select: { candidateIds: true } });
}

export function dueForClosing(db: Tx, now: Date) {
  return db.election.findMany({ where: { status: 'OPEN', closesAt: { lte: now } }, select: { id: true } });
}

/** OPEN → CLOSED once its period is over; false when another process closed it first. */
export async function markClosed(tx: Tx, id: number, now: Date): Promise<boolean> {
  const { count } = await tx.election.updateMany({ where: { id, status: 'OPEN', closesAt: { lte: now } }, data: { status: 'CLOSED', closedAt: now } });
  return count === 1;
}

export async function markCancelled(tx: Tx, id: number, now: Date): Promise<boolean> {
  const { count } = await tx.election.updateMany({ where: { id, status: 'OPEN' }, data: { status: 'CANCELLED', closedAt: now } });
  return count === 1;
}

export async function setVotes(tx: Tx, candidateId: number, votes: number): Promise<void> {
  await tx.electionCandidate.update({ where: { id: candidateId }, data: { votes } });
}

/** Destroys what could link a ballot to a voter (the secret) and the ballots themselves, and frees the group. */
export async function destroyBallots(tx: Tx, electionId: number): Promise<void> {
  await tx.ballot.deleteMany({ where: { electionId } });
  await tx.electionSecret.deleteMany({ where: { electionId } });
  await tx.activeElection.deleteMany({ where: { electionId } });
}

export function isMember(db: Tx, groupId: number, slackUserId: string) {
  return db.groupMember.findUnique({ where: { groupId_slackUserId: { groupId, slackUserId } } });
}

export function memberCount(db: Tx, groupId: number) {
  return db.groupMember.count({ where: { groupId } });
}

/** Elections (not cancelled) whose voting opens, or closes, in a window. */
export function electionsBy(db: Tx, field: 'opensAt' | 'closesAt', from: Date, to: Date) {
  return db.election.findMany({
    where: { status: { not: 'CANCELLED' }, [field]: { gt: from, lte: to } },
    include: FULL,
    orderBy: { id: 'asc' },
  });
}
