-- CreateEnum
CREATE TYPE "ReminderOccurrenceStatus" AS ENUM ('CLAIMED', 'EXPANDED', 'SKIPPED');

-- CreateEnum
CREATE TYPE "ReminderDeliveryStatus" AS ENUM ('SENDING', 'SENT', 'FAILED', 'GAVE_UP', 'SKIPPED');

-- CreateTable
CREATE TABLE "ReminderOccurrence" (
    "id" SERIAL NOT NULL,
    "ruleId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',
    "status" "ReminderOccurrenceStatus" NOT NULL,
    "reason" TEXT,
    "claimedBy" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReminderOccurrence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReminderDelivery" (
    "id" SERIAL NOT NULL,
    "occurrenceId" INTEGER NOT NULL,
    "recipient" TEXT NOT NULL,
    "status" "ReminderDeliveryStatus" NOT NULL,
    "reason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "nextAttemptAt" TIMESTAMP(3),
    "claimedBy" TEXT,
    "claimedAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "channelId" TEXT,
    "messageTs" TEXT,
    "reportedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReminderDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReminderRuleState" (
    "ruleId" TEXT NOT NULL,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "changedBy" TEXT,
    "changedAt" TIMESTAMP(3),
    "checkedUntil" TIMESTAMP(3),

    CONSTRAINT "ReminderRuleState_pkey" PRIMARY KEY ("ruleId")
);

-- CreateIndex
CREATE INDEX "ReminderOccurrence_status_claimedAt_idx" ON "ReminderOccurrence"("status", "claimedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReminderOccurrence_ruleId_dueAt_subject_key" ON "ReminderOccurrence"("ruleId", "dueAt", "subject");

-- CreateIndex
CREATE INDEX "ReminderDelivery_status_nextAttemptAt_idx" ON "ReminderDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReminderDelivery_occurrenceId_recipient_key" ON "ReminderDelivery"("occurrenceId", "recipient");

-- AddForeignKey
ALTER TABLE "ReminderDelivery" ADD CONSTRAINT "ReminderDelivery_occurrenceId_fkey" FOREIGN KEY ("occurrenceId") REFERENCES "ReminderOccurrence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A skipped occurrence or delivery always says why.
ALTER TABLE "ReminderOccurrence" ADD CONSTRAINT "ReminderOccurrence_reason_check" CHECK ("status" <> 'SKIPPED' OR "reason" IS NOT NULL);
ALTER TABLE "ReminderDelivery" ADD CONSTRAINT "ReminderDelivery_reason_check" CHECK ("status" <> 'SKIPPED' OR "reason" IS NOT NULL);

-- A failed delivery knows when to try again; a sent one when it went.
ALTER TABLE "ReminderDelivery" ADD CONSTRAINT "ReminderDelivery_retry_check" CHECK ("status" <> 'FAILED' OR "nextAttemptAt" IS NOT NULL);
ALTER TABLE "ReminderDelivery" ADD CONSTRAINT "ReminderDelivery_sent_check" CHECK ("status" <> 'SENT' OR "sentAt" IS NOT NULL);
ALTER TABLE "ReminderDelivery" ADD CONSTRAINT "ReminderDelivery_attempts_check" CHECK ("attempts" >= 0);
