-- CreateEnum
CREATE TYPE "IgWeekClaiming" AS ENUM ('AUTO', 'OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "IgWeekSetup" AS ENUM ('MEETING', 'WEBINAR');

-- CreateTable
CREATE TABLE "IgWeek" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "firstDay" DATE,
    "lastDay" DATE,
    "hours" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "slotCount" INTEGER,
    "claimOpensAt" TIMESTAMP(3),
    "detailsDueOn" DATE,
    "surveyUrl" TEXT,
    "claiming" "IgWeekClaiming" NOT NULL DEFAULT 'AUTO',
    "openedAt" TIMESTAMP(3),
    "programLocked" BOOLEAN NOT NULL DEFAULT false,
    "updatedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IgWeek_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IgWeekSlot" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IgWeekSlot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IgWeekSession" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "slotId" INTEGER NOT NULL,
    "groupId" INTEGER NOT NULL,
    "claimedBy" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "title" TEXT,
    "description" TEXT,
    "setup" "IgWeekSetup",
    "polls" BOOLEAN,
    "breakoutRooms" BOOLEAN,
    "speakerUserIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "outsideSpeakers" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "moderatorUserId" TEXT,
    "detailsBy" TEXT,
    "detailsAt" TIMESTAMP(3),
    "registrationUrl" TEXT,
    "practiceAt" TIMESTAMP(3),
    "recordingUrl" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IgWeekSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "IgWeek_year_key" ON "IgWeek"("year");

-- CreateIndex
CREATE UNIQUE INDEX "IgWeekSlot_year_startsAt_key" ON "IgWeekSlot"("year", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "IgWeekSlot_id_year_key" ON "IgWeekSlot"("id", "year");

-- CreateIndex
CREATE UNIQUE INDEX "IgWeekSession_slotId_key" ON "IgWeekSession"("slotId");

-- CreateIndex
CREATE UNIQUE INDEX "IgWeekSession_year_groupId_key" ON "IgWeekSession"("year", "groupId");

-- CreateIndex
CREATE UNIQUE INDEX "IgWeekSession_slotId_year_key" ON "IgWeekSession"("slotId", "year");

-- AddForeignKey
ALTER TABLE "IgWeekSlot" ADD CONSTRAINT "IgWeekSlot_year_fkey" FOREIGN KEY ("year") REFERENCES "IgWeek"("year") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IgWeekSession" ADD CONSTRAINT "IgWeekSession_slotId_year_fkey" FOREIGN KEY ("slotId", "year") REFERENCES "IgWeekSlot"("id", "year") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IgWeekSession" ADD CONSTRAINT "IgWeekSession_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: constraints Prisma's schema language cannot express.
-- Every slot lasts one hour from a whole hour, so (with UNIQUE(year, startsAt)) no two slots overlap.
ALTER TABLE "IgWeekSlot" ADD CONSTRAINT "IgWeekSlot_whole_hour_check" CHECK (date_trunc('hour', "startsAt") = "startsAt");

-- Overrides stay meaningful: hours of a day, a positive slot count, a week that ends after it starts.
ALTER TABLE "IgWeek" ADD CONSTRAINT "IgWeek_hours_check" CHECK ("hours" <@ ARRAY[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23]);
ALTER TABLE "IgWeek" ADD CONSTRAINT "IgWeek_slot_count_check" CHECK ("slotCount" IS NULL OR "slotCount" > 0);
ALTER TABLE "IgWeek" ADD CONSTRAINT "IgWeek_days_check" CHECK ("firstDay" IS NULL OR "lastDay" IS NULL OR "lastDay" >= "firstDay");
