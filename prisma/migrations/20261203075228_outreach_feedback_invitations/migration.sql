-- AlterTable
ALTER TABLE "Group" ADD COLUMN     "staffLiaisonUserId" TEXT;

-- CreateTable
CREATE TABLE "Feedback" (
    "id" SERIAL NOT NULL,
    "groupId" INTEGER NOT NULL,
    "senderId" TEXT NOT NULL,
    "topic" TEXT,
    "message" TEXT NOT NULL,
    "liaisonId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Feedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GroupInvitation" (
    "groupId" INTEGER NOT NULL,
    "inviteeId" TEXT NOT NULL,
    "inviterId" TEXT NOT NULL,
    "invitedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GroupInvitation_pkey" PRIMARY KEY ("groupId","inviteeId")
);

-- CreateTable
CREATE TABLE "InvitationOptOut" (
    "slackUserId" TEXT NOT NULL,
    "groupId" INTEGER,
    "optedOutAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InvitationOptOut_pkey" PRIMARY KEY ("slackUserId")
);

-- CreateIndex
CREATE INDEX "Feedback_createdAt_idx" ON "Feedback"("createdAt");

-- CreateIndex
CREATE INDEX "Feedback_groupId_createdAt_idx" ON "Feedback"("groupId", "createdAt");

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupInvitation" ADD CONSTRAINT "GroupInvitation_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;
