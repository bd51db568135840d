-- exam-papers: rendered by prisma/ddl.ts, then reviewed; the ExamAttempt change written by hand.
-- Papers move out of the attempt rows into ExamPaper (exams.prisma): a fixed paper is stored once
-- and shared, so a crowd starting an exam writes short attempt rows instead of a copy of the paper each.
CREATE TABLE "ExamPaper" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "examId" TEXT NOT NULL,
    "entries" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ExamPaper_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "ExamPaper_tenantId_examId_idx" ON "ExamPaper"("tenantId", "examId");

-- Each existing attempt keeps the paper it was given, as a paper of its own under the attempt's id.
INSERT INTO "ExamPaper" ("id", "tenantId", "examId", "entries", "createdAt")
SELECT "id", "tenantId", "examId", "paper", "startedAt" FROM "ExamAttempt";

-- SQLite cannot make an added column NOT NULL: the table is rebuilt with paperId in paper's place.
CREATE TABLE "new_ExamAttempt" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "examId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "attemptNo" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'in_progress',
    "paperId" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deadlineAt" DATETIME NOT NULL,
    "submittedAt" DATETIME,
    "score" REAL,
    "maxScore" REAL NOT NULL DEFAULT 0,
    "passed" BOOLEAN,
    "switchAways" INTEGER NOT NULL DEFAULT 0,
    "endReason" TEXT,
    "answersSavedAt" DATETIME,
    CONSTRAINT "ExamAttempt_pkey" PRIMARY KEY ("id")
);
INSERT INTO "new_ExamAttempt" ("id", "tenantId", "examId", "memberId", "attemptNo", "status", "paperId", "startedAt", "deadlineAt", "submittedAt", "score", "maxScore", "passed", "switchAways", "endReason", "answersSavedAt")
SELECT "id", "tenantId", "examId", "memberId", "attemptNo", "status", "id", "startedAt", "deadlineAt", "submittedAt", "score", "maxScore", "passed", "switchAways", "endReason", "answersSavedAt" FROM "ExamAttempt";
DROP TABLE "ExamAttempt";
ALTER TABLE "new_ExamAttempt" RENAME TO "ExamAttempt";
CREATE INDEX "ExamAttempt_tenantId_memberId_idx" ON "ExamAttempt"("tenantId", "memberId");
CREATE INDEX "ExamAttempt_tenantId_examId_status_idx" ON "ExamAttempt"("tenantId", "examId", "status");
CREATE UNIQUE INDEX "ExamAttempt_tenantId_examId_memberId_attemptNo_key" ON "ExamAttempt"("tenantId", "examId", "memberId", "attemptNo");
