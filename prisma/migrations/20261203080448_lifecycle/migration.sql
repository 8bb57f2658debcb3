-- CreateEnum
CREATE TYPE "CharterRenewalStatus" AS ENUM ('REQUESTED', 'RECOMMENDED', 'CONTINUED', 'DISSOLVE_DECIDED', 'WITHDRAWN');

-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'BOARD';

-- AlterTable
ALTER TABLE "Group" ADD COLUMN     "channelMessageCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "charterApprovedOn" DATE,
ADD COLUMN     "dissolvedAt" TIMESTAMP(3),
ADD COLUMN     "dissolvedReason" TEXT;

-- CreateTable
CREATE TABLE "CharterRenewal" (
    "id" SERIAL NOT NULL,
    "groupId" INTEGER NOT NULL,
    "status" "CharterRenewalStatus" NOT NULL DEFAULT 'REQUESTED',
    "activities" TEXT NOT NULL,
    "deliverables" TEXT NOT NULL,
    "conveners" TEXT NOT NULL,
    "plans" TEXT NOT NULL,
    "other" TEXT NOT NULL DEFAULT '',
    "requestedBy" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "recommendation" TEXT,
    "recommendationReason" TEXT,
    "recommendedBy" TEXT,
    "recommendedAt" TIMESTAMP(3),
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CharterRenewal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CharterRenewal_groupId_idx" ON "CharterRenewal"("groupId");

-- AddForeignKey
ALTER TABLE "CharterRenewal" ADD CONSTRAINT "CharterRenewal_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;
