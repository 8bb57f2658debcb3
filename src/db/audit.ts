// The audit log: every state change records who, what and when, inside the same
// transaction as the change itself, so the log never disagrees with the data.
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';

export type Tx = Prisma.TransactionClient | PrismaClient;

export interface AuditEntry {
  /** Slack user id, or "cli" / "system". */
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string | number;
  details?: Prisma.InputJsonValue;
}

export async function audit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      actor: entry.actor,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: String(entry.subjectId),
      details: entry.details ?? {},
    },
  });
}

/** True when a Prisma error is a unique-constraint violation (P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'P2002';
}
