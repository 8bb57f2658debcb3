-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "GroupKind" AS ENUM ('CORE_IG', 'PLA_IG', 'MIG');

-- CreateEnum
CREATE TYPE "GroupLevel" AS ENUM ('DIVISION', 'SECTION');

-- CreateEnum
CREATE TYPE "GroupStatus" AS ENUM ('ACTIVE', 'DISSOLVED');

-- CreateEnum
CREATE TYPE "Eligibility" AS ENUM ('ANYONE', 'PLA_MEMBERS', 'ALA_MEMBERS');

-- CreateEnum
CREATE TYPE "Standing" AS ENUM ('GOOD', 'LAPSED');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('STAFF', 'IGCC', 'COO');

-- CreateEnum
CREATE TYPE "MeetingFormat" AS ENUM ('VIRTUAL', 'IN_PERSON');

-- CreateEnum
CREATE TYPE "ElectionStatus" AS ENUM ('OPEN', 'CLOSED', 'CANCELLED');

-- CreateTable
CREATE TABLE "Group" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" "GroupKind" NOT NULL,
    "level" "GroupLevel",
    "status" "GroupStatus" NOT NULL DEFAULT 'ACTIVE',
    "eligibility" "Eligibility" NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "staffLiaison" TEXT,
    "channelId" TEXT,
    "lastActivityAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "slackUserId" TEXT NOT NULL,
    "email" TEXT,
    "name" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("slackUserId")
);

-- CreateTable
CREATE TABLE "RosterMember" (
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "ala" BOOLEAN NOT NULL DEFAULT false,
    "core" BOOLEAN NOT NULL DEFAULT false,
    "pla" BOOLEAN NOT NULL DEFAULT false,
    "standing" "Standing" NOT NULL DEFAULT 'GOOD',
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RosterMember_pkey" PRIMARY KEY ("email")
);

-- CreateTable
CREATE TABLE "GroupMember" (
    "groupId" INTEGER NOT NULL,
    "slackUserId" TEXT NOT NULL,
    "joinedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GroupMember_pkey" PRIMARY KEY ("groupId","slackUserId")
);

-- CreateTable
CREATE TABLE "ConvenerTerm" (
    "id" SERIAL NOT NULL,
    "groupId" INTEGER NOT NULL,
    "slackUserId" TEXT,
    "email" TEXT,
    "name" TEXT,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConvenerTerm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoleGrant" (
    "slackUserId" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "grantedBy" TEXT NOT NULL,
    "grantedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoleGrant_pkey" PRIMARY KEY ("slackUserId","role")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessedEvent" (
    "eventId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedEvent_pkey" PRIMARY KEY ("eventId")
);

-- CreateTable
CREATE TABLE "BusinessMeeting" (
    "id" SERIAL NOT NULL,
    "groupId" INTEGER NOT NULL,
    "heldOn" DATE NOT NULL,
    "format" "MeetingFormat" NOT NULL,
    "notes" TEXT NOT NULL DEFAULT '',
    "link" TEXT,
    "recordedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BusinessMeeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Election" (
    "id" SERIAL NOT NULL,
    "groupId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "status" "ElectionStatus" NOT NULL DEFAULT 'OPEN',
    "opensAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closesAt" TIMESTAMP(3) NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "Election_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Group_key_key" ON "Group"("key");

-- CreateIndex
CREATE INDEX "Person_email_idx" ON "Person"("email");

-- CreateIndex
CREATE INDEX "GroupMember_slackUserId_idx" ON "GroupMember"("slackUserId");

-- CreateIndex
CREATE INDEX "ConvenerTerm_groupId_idx" ON "ConvenerTerm"("groupId");

-- CreateIndex
CREATE INDEX "ConvenerTerm_slackUserId_idx" ON "ConvenerTerm"("slackUserId");

-- CreateIndex
CREATE INDEX "ConvenerTerm_email_idx" ON "ConvenerTerm"("email");

-- CreateIndex
CREATE INDEX "AuditLog_subjectType_subjectId_idx" ON "AuditLog"("subjectType", "subjectId");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "BusinessMeeting_groupId_heldOn_idx" ON "BusinessMeeting"("groupId", "heldOn");

-- CreateIndex
CREATE INDEX "Election_groupId_year_idx" ON "Election"("groupId", "year");

-- AddForeignKey
ALTER TABLE "GroupMember" ADD CONSTRAINT "GroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupMember" ADD CONSTRAINT "GroupMember_slackUserId_fkey" FOREIGN KEY ("slackUserId") REFERENCES "Person"("slackUserId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConvenerTerm" ADD CONSTRAINT "ConvenerTerm_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleGrant" ADD CONSTRAINT "RoleGrant_slackUserId_fkey" FOREIGN KEY ("slackUserId") REFERENCES "Person"("slackUserId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BusinessMeeting" ADD CONSTRAINT "BusinessMeeting_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Election" ADD CONSTRAINT "Election_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: constraints Prisma's schema language cannot express.
-- A convener is known by Slack user id, email, or both.
ALTER TABLE "ConvenerTerm" ADD CONSTRAINT "ConvenerTerm_person_check" CHECK ("slackUserId" IS NOT NULL OR "email" IS NOT NULL);

-- A term ends on or after the day it starts.
ALTER TABLE "ConvenerTerm" ADD CONSTRAINT "ConvenerTerm_dates_check" CHECK ("endsOn" >= "startsOn");
