-- CreateEnum
CREATE TYPE "AnnualRequestStatus" AS ENUM ('PENDING', 'CONFIRMED', 'DECLINED');

-- CreateTable
CREATE TABLE "AnnualConference" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "firstDay" DATE NOT NULL,
    "lastDay" DATE NOT NULL,
    "requestsCloseOn" DATE NOT NULL,
    "updatedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AnnualConference_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnnualSpaceRequest" (
    "id" SERIAL NOT NULL,
    "conferenceId" INTEGER NOT NULL,
    "groupId" INTEGER NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "days" TEXT[],
    "times" TEXT[],
    "attendance" INTEGER NOT NULL,
    "notes" TEXT NOT NULL DEFAULT '',
    "acknowledgedAt" TIMESTAMP(3) NOT NULL,
    "status" "AnnualRequestStatus" NOT NULL DEFAULT 'PENDING',
    "room" TEXT,
    "slotDay" DATE,
    "slotStart" TEXT,
    "slotEnd" TEXT,
    "declineReason" TEXT,
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AnnualSpaceRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AnnualSpaceRequest_status_idx" ON "AnnualSpaceRequest"("status");

-- CreateIndex
CREATE UNIQUE INDEX "AnnualSpaceRequest_conferenceId_groupId_key" ON "AnnualSpaceRequest"("conferenceId", "groupId");

-- AddForeignKey
ALTER TABLE "AnnualSpaceRequest" ADD CONSTRAINT "AnnualSpaceRequest_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "AnnualConference"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnualSpaceRequest" ADD CONSTRAINT "AnnualSpaceRequest_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;
