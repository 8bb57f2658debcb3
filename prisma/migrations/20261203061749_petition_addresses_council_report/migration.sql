-- AlterTable
ALTER TABLE "Petition" ADD COLUMN     "reportedToCouncilAt" TIMESTAMP(3),
ADD COLUMN     "reportedToCouncilBy" TEXT;

-- CreateTable
CREATE TABLE "PetitionMailingAddress" (
    "petitionId" INTEGER NOT NULL,
    "slackUserId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "address" TEXT NOT NULL,

    CONSTRAINT "PetitionMailingAddress_pkey" PRIMARY KEY ("petitionId","slackUserId")
);

-- CreateIndex
CREATE UNIQUE INDEX "PetitionMailingAddress_petitionId_position_key" ON "PetitionMailingAddress"("petitionId", "position");

-- AddForeignKey
ALTER TABLE "PetitionMailingAddress" ADD CONSTRAINT "PetitionMailingAddress_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: MIG addresses now live in PetitionMailingAddress, one per organizer; the old
-- single text box ("mailingAddresses") stays only for petitions filed before.
ALTER TABLE "Petition" DROP CONSTRAINT "Petition_kind_fields_check";
ALTER TABLE "Petition" ADD CONSTRAINT "Petition_kind_fields_check" CHECK (
  ("kind" = 'CORE_IG' AND "level" IS NOT NULL) OR ("kind" = 'MIG' AND "level" IS NULL)
);
ALTER TABLE "Petition" ADD CONSTRAINT "Petition_council_report_check" CHECK (
  ("reportedToCouncilAt" IS NULL AND "reportedToCouncilBy" IS NULL) OR ("reportToCouncil" AND "reportedToCouncilAt" IS NOT NULL AND "reportedToCouncilBy" IS NOT NULL)
);
ALTER TABLE "PetitionMailingAddress" ADD CONSTRAINT "PetitionMailingAddress_address_check" CHECK (length(btrim("address")) > 0);
ALTER TABLE "PetitionMailingAddress" ADD CONSTRAINT "PetitionMailingAddress_position_check" CHECK ("position" > 0);
