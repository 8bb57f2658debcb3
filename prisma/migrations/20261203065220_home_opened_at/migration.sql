-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "homeOpenedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Person_homeOpenedAt_idx" ON "Person"("homeOpenedAt");
