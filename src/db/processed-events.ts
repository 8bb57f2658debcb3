// Slack retries an event it thinks we missed (X-Slack-Retry-Num). Bolt doesn't dedupe, so
// the first delivery claims the event_id in the database and retries find it taken.
import type { PrismaClient } from '../generated/prisma/client.js';
import { isUniqueViolation } from './audit.js';

/** True for the first delivery of an event id, false for any repeat. */
export async function claimEvent(prisma: PrismaClient, eventId: string): Promise<boolean> {
  try {
    await prisma.processedEvent.create({ data: { eventId } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Slack stops retrying after about an hour; older ids needn't be kept. */
export async function forgetEventsBefore(prisma: PrismaClient, before: Date): Promise<number> {
  const { count } = await prisma.processedEvent.deleteMany({ where: { receivedAt: { lt: before } } });
  return count;
}
