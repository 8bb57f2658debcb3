// The reminders ledger and rule states: the only code in the feature that touches Prisma.
// Every claim is a single conditional INSERT or UPDATE, so the database decides races
// between processes: whoever's statement changed the row owns it.
import type { Tx } from '../../db/audit.js';
import type { GroupKind } from '../../generated/prisma/enums.js';
import type { Window } from './rules.js';

// ---------------------------------------------------------------------------
// Rule states

export function ruleStates(db: Tx) {
  return db.reminderRuleState.findMany({ orderBy: { ruleId: 'asc' } });
}

export function ruleState(db: Tx, ruleId: string) {
  return db.reminderRuleState.findUnique({ where: { ruleId } });
}

export function setPaused(db: Tx, ruleId: string, paused: boolean, by: string, at: Date) {
  return db.reminderRuleState.upsert({
    where: { ruleId },
    create: { ruleId, paused, changedBy: by, changedAt: at },
    update: { paused, changedBy: by, changedAt: at },
  });
}

/** Moves the rule's "looked up to" mark forward (never back: a CLI run for a past instant must not shrink it). */
export async function advanceCheckedUntil(db: Tx, ruleId: string, to: Date): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "ReminderRuleState" ("ruleId", "paused", "checkedUntil") VALUES (${ruleId}, false, ${to})
    ON CONFLICT ("ruleId") DO UPDATE
    SET "checkedUntil" = GREATEST(COALESCE("ReminderRuleState"."checkedUntil", EXCLUDED."checkedUntil"), EXCLUDED."checkedUntil")`;
}

// ---------------------------------------------------------------------------
// Occurrences

export function occurrencesIn(db: Tx, ruleId: string, { from, to }: Window) {
  return db.reminderOccurrence.findMany({
    where: { ruleId, dueAt: { gt: from, lte: to } },
    select: { subject: true, dueAt: true },
  });
}

export interface OccurrenceKey {
  ruleId: string;
  subject: string;
  dueAt: Date;
}

/** Inserts the occurrence as CLAIMED by `me`; undefined when it is already in the ledger (another process, an earlier run). */
export async function claimOccurrence(db: Tx, key: OccurrenceKey & { label: string }, me: string, at: Date) {
  const [row] = await db.reminderOccurrence.createManyAndReturn({
    data: [{ ...key, status: 'CLAIMED', claimedBy: me, claimedAt: at }],
    skipDuplicates: true,
  });
  return row;
}

export function skipOccurrence(db: Tx, id: number, reason: string) {
  return db.reminderOccurrence.update({ where: { id }, data: { status: 'SKIPPED', reason } });
}

export interface NewDelivery {
  recipient: string;
  /** SKIPPED rows need a reason */
  reason?: string;
}

/**
 * Creates one delivery per recipient (SENDING, claimed by `me`) plus the skipped parts of the
 * audience, and marks the occurrence EXPANDED, in one transaction. Returns the SENDING rows.
 */
export async function expandOccurrence(
  prisma: { $transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> },
  occurrenceId: number,
  sendTo: string[],
  skipped: Required<NewDelivery>[],
  me: string,
  at: Date,
) {
  return prisma.$transaction(async (tx) => {
    const created = await tx.reminderDelivery.createManyAndReturn({
      data: [
        ...sendTo.map((recipient) => ({ occurrenceId, recipient, status: 'SENDING' as const, claimedBy: me, claimedAt: at })),
        ...skipped.map((s) => ({ occurrenceId, recipient: s.recipient, status: 'SKIPPED' as const, reason: s.reason })),
      ],
      skipDuplicates: true,
    });
    await tx.reminderOccurrence.update({ where: { id: occurrenceId }, data: { status: 'EXPANDED' } });
    return created.filter((d) => d.status === 'SENDING');
  });
}

/** Occurrences whose claimer died before expanding them. */
export function staleClaimedOccurrences(db: Tx, before: Date, ruleIds: string[]) {
  return db.reminderOccurrence.findMany({ where: { status: 'CLAIMED', claimedAt: { lt: before }, ruleId: { in: ruleIds } } });
}

export async function takeOverOccurrence(db: Tx, row: { id: number; claimedAt: Date }, me: string, at: Date): Promise<boolean> {
  const { count } = await db.reminderOccurrence.updateMany({
    where: { id: row.id, status: 'CLAIMED', claimedAt: row.claimedAt },
    data: { claimedBy: me, claimedAt: at },
  });
  return count === 1;
}

// ---------------------------------------------------------------------------
// Deliveries

const withOccurrence = { occurrence: { select: { ruleId: true, subject: true, dueAt: true, label: true } } } as const;

/** Whether anything in the ledger may need a tick's attention (see below): one cheap query for the idle case. */
export async function hasPendingWork(db: Tx, now: Date, staleBefore: Date): Promise<boolean> {
  const [row] = await db.$queryRaw<{ pending: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM "ReminderDelivery"
      WHERE ("status" = 'FAILED' AND "nextAttemptAt" <= ${now})
         OR ("status" = 'SENDING' AND "claimedAt" < ${staleBefore})
         OR ("status" = 'GAVE_UP' AND "reportedAt" IS NULL)
    ) OR EXISTS (
      SELECT 1 FROM "ReminderOccurrence" WHERE "status" = 'CLAIMED' AND "claimedAt" < ${staleBefore}
    ) AS pending`;
  return row?.pending ?? false;
}

/**
 * Deliveries a tick may have to act on: FAILED ones whose retry time has come, SENDING ones
 * whose claimer stopped renewing its claim (crashed mid-send), GAVE_UP ones nobody reported.
 * One query, so an idle tick stays cheap.
 */
export function actionableDeliveries(db: Tx, now: Date, staleBefore: Date, ruleIds: string[]) {
  return db.reminderDelivery.findMany({
    where: {
      OR: [
        { status: 'FAILED', nextAttemptAt: { lte: now }, occurrence: { ruleId: { in: ruleIds } } },
        { status: 'SENDING', claimedAt: { lt: staleBefore }, occurrence: { ruleId: { in: ruleIds } } },
        { status: 'GAVE_UP', reportedAt: null },
      ],
    },
    include: withOccurrence,
    orderBy: { id: 'asc' },
  });
}

export function pendingRetries(db: Tx, ruleIds: string[]) {
  return db.reminderDelivery.findMany({
    where: { status: 'FAILED', occurrence: { ruleId: { in: ruleIds } } },
    include: withOccurrence,
    orderBy: { nextAttemptAt: 'asc' },
  });
}

/** Only one process moves a FAILED delivery with `attempts` tries back to SENDING. */
export async function claimRetry(db: Tx, row: { id: number; attempts: number }, me: string, at: Date): Promise<boolean> {
  const { count } = await db.reminderDelivery.updateMany({
    where: { id: row.id, status: 'FAILED', attempts: row.attempts, nextAttemptAt: { lte: at } },
    data: { status: 'SENDING', claimedBy: me, claimedAt: at },
  });
  return count === 1;
}

export async function takeOverSending(db: Tx, row: { id: number; claimedAt: Date | null }, me: string, at: Date): Promise<boolean> {
  const { count } = await db.reminderDelivery.updateMany({
    where: { id: row.id, status: 'SENDING', claimedAt: row.claimedAt },
    data: { claimedBy: me, claimedAt: at },
  });
  return count === 1;
}

/** Refreshes our claim right before posting; false when another process took the delivery over. */
export async function renewClaim(db: Tx, id: number, me: string, at: Date): Promise<boolean> {
  const { count } = await db.reminderDelivery.updateMany({ where: { id, status: 'SENDING', claimedBy: me }, data: { claimedAt: at } });
  return count === 1;
}

type Outcome =
  | { status: 'SENT'; attempts: number; sentAt: Date; channelId: string; messageTs: string }
  | { status: 'FAILED'; attempts: number; lastError: string; nextAttemptAt: Date }
  | { status: 'GAVE_UP'; attempts: number; lastError: string }
  | { status: 'SKIPPED'; reason: string };

/** Records what happened to a delivery we hold. */
export async function finishDelivery(db: Tx, id: number, me: string, outcome: Outcome): Promise<void> {
  await db.reminderDelivery.updateMany({ where: { id, status: 'SENDING', claimedBy: me }, data: outcome });
}

/** Claims the GAVE_UP deliveries nobody reported yet (each is reported by exactly one process). */
export async function claimUnreported(db: Tx, at: Date) {
  const rows = await db.reminderDelivery.updateManyAndReturn({
    where: { status: 'GAVE_UP', reportedAt: null },
    data: { reportedAt: at },
    select: { id: true },
  });
  if (rows.length === 0) return [];
  return db.reminderDelivery.findMany({ where: { id: { in: rows.map((r) => r.id) } }, include: withOccurrence, orderBy: { id: 'asc' } });
}

export function recentProblems(db: Tx, since: Date, take: number) {
  return db.reminderDelivery.findMany({
    where: { status: { in: ['FAILED', 'GAVE_UP'] }, updatedAt: { gte: since } },
    include: withOccurrence,
    orderBy: { updatedAt: 'desc' },
    take,
  });
}

// ---------------------------------------------------------------------------
// What the first rules and the audience need to know

export function activeGroups(db: Tx, createdBy: Date, kinds?: GroupKind[]) {
  return db.group.findMany({
    where: { status: 'ACTIVE', createdAt: { lte: createdBy }, ...(kinds ? { kind: { in: kinds } } : {}) },
    select: { id: true, name: true },
    orderBy: { name: 'asc' },
  });
}

/** Groups (of `groupIds`) with a business meeting held between two dates (inclusive, `@db.Date` values). */
export async function groupsWithMeeting(db: Tx, groupIds: number[], fromDay: Date, toDay: Date): Promise<Set<number>> {
  const rows = await db.businessMeeting.findMany({
    where: { groupId: { in: groupIds }, heldOn: { gte: fromDay, lte: toDay } },
    select: { groupId: true },
    distinct: ['groupId'],
  });
  return new Set(rows.map((r) => r.groupId));
}

/** Groups with an election (open or held, not cancelled) in a year. */
export async function groupsWithElection(db: Tx, groupIds: number[], year: number): Promise<Set<number>> {
  const rows = await db.election.findMany({
    where: { groupId: { in: groupIds }, year, status: { not: 'CANCELLED' } },
    select: { groupId: true },
    distinct: ['groupId'],
  });
  return new Set(rows.map((r) => r.groupId));
}

export function groupsByIds(db: Tx, ids: number[]) {
  return db.group.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, channelId: true } });
}

/** Deliveries not finished yet (being sent, or failed and waiting for their retry), by status: the queue depth. */
export async function unfinishedDeliveries(db: Tx): Promise<{ SENDING: number; FAILED: number }> {
  const rows = await db.reminderDelivery.groupBy({ by: ['status'], where: { status: { in: ['SENDING', 'FAILED'] } }, _count: { _all: true } });
  const counts = { SENDING: 0, FAILED: 0 };
  for (const r of rows) counts[r.status as 'SENDING' | 'FAILED'] = r._count._all;
  return counts;
}
