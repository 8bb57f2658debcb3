-- CreateEnum
CREATE TYPE "PetitionKind" AS ENUM ('CORE_IG', 'MIG');

-- CreateEnum
CREATE TYPE "PetitionStatus" AS ENUM ('IN_REVIEW', 'COLLECTING', 'AWAITING_APPROVAL', 'APPROVED', 'REJECTED', 'WITHDRAWN', 'EXPIRED');

-- CreateTable
CREATE TABLE "Petition" (
    "id" SERIAL NOT NULL,
    "kind" "PetitionKind" NOT NULL,
    "level" "GroupLevel",
    "name" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "organizers" TEXT[],
    "mailingAddresses" TEXT,
    "petitioner" TEXT NOT NULL,
    "status" "PetitionStatus" NOT NULL,
    "threshold" INTEGER NOT NULL,
    "signatureCount" INTEGER NOT NULL DEFAULT 0,
    "feedbackUntil" DATE,
    "opensAt" TIMESTAMP(3) NOT NULL,
    "openedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "channelId" TEXT NOT NULL,
    "messageTs" TEXT,
    "approvalPosts" JSONB NOT NULL DEFAULT '[]',
    "halfNotifiedAt" TIMESTAMP(3),
    "ninetyNotifiedAt" TIMESTAMP(3),
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "rejectionReason" TEXT,
    "reportToCouncil" BOOLEAN NOT NULL DEFAULT false,
    "groupId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Petition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PetitionSignature" (
    "petitionId" INTEGER NOT NULL,
    "signer" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PetitionSignature_pkey" PRIMARY KEY ("petitionId","signer")
);

-- CreateTable
CREATE TABLE "PetitionDraft" (
    "id" SERIAL NOT NULL,
    "userId" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PetitionDraft_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Petition_groupId_key" ON "Petition"("groupId");

-- CreateIndex
CREATE INDEX "Petition_status_idx" ON "Petition"("status");

-- CreateIndex
CREATE INDEX "PetitionDraft_userId_idx" ON "PetitionDraft"("userId");

-- AddForeignKey
ALTER TABLE "Petition" ADD CONSTRAINT "Petition_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PetitionSignature" ADD CONSTRAINT "PetitionSignature_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: invariants the schema language cannot express.
-- Interest groups name their level; MIGs have none but give the organizers' mailing addresses.
ALTER TABLE "Petition" ADD CONSTRAINT "Petition_kind_fields_check" CHECK (
  ("kind" = 'CORE_IG' AND "level" IS NOT NULL) OR ("kind" = 'MIG' AND "level" IS NULL AND "mailingAddresses" IS NOT NULL)
);
ALTER TABLE "Petition" ADD CONSTRAINT "Petition_counts_check" CHECK ("threshold" > 0 AND "signatureCount" >= 0);
ALTER TABLE "Petition" ADD CONSTRAINT "Petition_organizers_check" CHECK (cardinality("organizers") > 0);
ALTER TABLE "Petition" ADD CONSTRAINT "Petition_dates_check" CHECK ("expiresAt" > "opensAt");
