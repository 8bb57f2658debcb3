-- CreateEnum
CREATE TYPE "NominationStatus" AS ENUM ('PENDING', 'ACCEPTED', 'DECLINED');

-- CreateTable
CREATE TABLE "ElectionPosition" (
    "id" SERIAL NOT NULL,
    "electionId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "seats" INTEGER NOT NULL DEFAULT 1,
    "sort" INTEGER NOT NULL,

    CONSTRAINT "ElectionPosition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ElectionCandidate" (
    "id" SERIAL NOT NULL,
    "positionId" INTEGER NOT NULL,
    "slackUserId" TEXT NOT NULL,
    "nominatedBy" TEXT NOT NULL,
    "status" "NominationStatus" NOT NULL DEFAULT 'PENDING',
    "respondedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "votes" INTEGER,

    CONSTRAINT "ElectionCandidate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActiveElection" (
    "groupId" INTEGER NOT NULL,
    "electionId" INTEGER NOT NULL,

    CONSTRAINT "ActiveElection_pkey" PRIMARY KEY ("groupId")
);

-- CreateTable
CREATE TABLE "ElectionSecret" (
    "electionId" INTEGER NOT NULL,
    "secret" TEXT NOT NULL,

    CONSTRAINT "ElectionSecret_pkey" PRIMARY KEY ("electionId")
);

-- CreateTable
CREATE TABLE "Ballot" (
    "receipt" TEXT NOT NULL,
    "electionId" INTEGER NOT NULL,
    "candidateIds" INTEGER[],

    CONSTRAINT "Ballot_pkey" PRIMARY KEY ("receipt")
);

-- CreateTable
CREATE TABLE "Turnout" (
    "electionId" INTEGER NOT NULL,
    "slackUserId" TEXT NOT NULL,

    CONSTRAINT "Turnout_pkey" PRIMARY KEY ("electionId","slackUserId")
);

-- CreateTable
CREATE TABLE "QuarterlyReport" (
    "id" SERIAL NOT NULL,
    "groupId" INTEGER NOT NULL,
    "quarter" TEXT NOT NULL,
    "activities" TEXT NOT NULL,
    "progress" TEXT NOT NULL,
    "deliverables" TEXT[],
    "issues" TEXT NOT NULL DEFAULT '',
    "plans" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "firstFiledAt" TIMESTAMP(3) NOT NULL,
    "lastFiledAt" TIMESTAMP(3) NOT NULL,
    "lastFiledBy" TEXT NOT NULL,

    CONSTRAINT "QuarterlyReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuarterlyReportRevision" (
    "id" SERIAL NOT NULL,
    "reportId" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,
    "filedBy" TEXT NOT NULL,
    "filedAt" TIMESTAMP(3) NOT NULL,
    "activities" TEXT NOT NULL,
    "progress" TEXT NOT NULL,
    "deliverables" TEXT[],
    "issues" TEXT NOT NULL,
    "plans" TEXT NOT NULL,

    CONSTRAINT "QuarterlyReportRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportDueDate" (
    "quarter" TEXT NOT NULL,
    "dueOn" DATE NOT NULL,
    "setBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReportDueDate_pkey" PRIMARY KEY ("quarter")
);

-- CreateIndex
CREATE UNIQUE INDEX "ElectionPosition_electionId_sort_key" ON "ElectionPosition"("electionId", "sort");

-- CreateIndex
CREATE UNIQUE INDEX "ElectionCandidate_positionId_slackUserId_key" ON "ElectionCandidate"("positionId", "slackUserId");

-- CreateIndex
CREATE UNIQUE INDEX "ActiveElection_electionId_key" ON "ActiveElection"("electionId");

-- CreateIndex
CREATE INDEX "Ballot_electionId_idx" ON "Ballot"("electionId");

-- CreateIndex
CREATE INDEX "QuarterlyReport_quarter_idx" ON "QuarterlyReport"("quarter");

-- CreateIndex
CREATE UNIQUE INDEX "QuarterlyReport_groupId_quarter_key" ON "QuarterlyReport"("groupId", "quarter");

-- CreateIndex
CREATE UNIQUE INDEX "QuarterlyReportRevision_reportId_revision_key" ON "QuarterlyReportRevision"("reportId", "revision");

-- AddForeignKey
ALTER TABLE "ElectionPosition" ADD CONSTRAINT "ElectionPosition_electionId_fkey" FOREIGN KEY ("electionId") REFERENCES "Election"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ElectionCandidate" ADD CONSTRAINT "ElectionCandidate_positionId_fkey" FOREIGN KEY ("positionId") REFERENCES "ElectionPosition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActiveElection" ADD CONSTRAINT "ActiveElection_electionId_fkey" FOREIGN KEY ("electionId") REFERENCES "Election"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ElectionSecret" ADD CONSTRAINT "ElectionSecret_electionId_fkey" FOREIGN KEY ("electionId") REFERENCES "Election"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ballot" ADD CONSTRAINT "Ballot_electionId_fkey" FOREIGN KEY ("electionId") REFERENCES "Election"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Turnout" ADD CONSTRAINT "Turnout_electionId_fkey" FOREIGN KEY ("electionId") REFERENCES "Election"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuarterlyReport" ADD CONSTRAINT "QuarterlyReport_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuarterlyReportRevision" ADD CONSTRAINT "QuarterlyReportRevision_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "QuarterlyReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written invariants (Prisma doesn't model CHECK constraints).
ALTER TABLE "ElectionPosition" ADD CONSTRAINT "ElectionPosition_seats_check" CHECK ("seats" BETWEEN 1 AND 5);
ALTER TABLE "ElectionCandidate" ADD CONSTRAINT "ElectionCandidate_votes_check" CHECK ("votes" IS NULL OR "votes" >= 0);
ALTER TABLE "QuarterlyReport" ADD CONSTRAINT "QuarterlyReport_quarter_check" CHECK ("quarter" ~ '^[0-9]{4}-Q[1-4]$');
ALTER TABLE "QuarterlyReport" ADD CONSTRAINT "QuarterlyReport_revision_check" CHECK ("revision" >= 1);
ALTER TABLE "ReportDueDate" ADD CONSTRAINT "ReportDueDate_quarter_check" CHECK ("quarter" ~ '^[0-9]{4}-Q[1-4]$');
