-- AlterTable
ALTER TABLE "ConvenerTerm" ADD COLUMN     "linkCheckedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "RosterMember" ADD COLUMN     "linkCheckedAt" TIMESTAMP(3),
ADD COLUMN     "slackUserId" TEXT;

-- CreateIndex
CREATE INDEX "RosterMember_slackUserId_idx" ON "RosterMember"("slackUserId");
