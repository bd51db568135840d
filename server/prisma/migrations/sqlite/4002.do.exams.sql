-- exams: rendered by prisma/ddl.ts, then reviewed
CREATE TABLE "Question" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "stem" TEXT NOT NULL,
    "options" JSONB,
    "answer" JSONB NOT NULL,
    "explanation" TEXT,
    "tags" JSONB,
    "difficulty" INTEGER NOT NULL DEFAULT 1,
    "archived" BOOLEAN NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Question_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "Question_tenantId_archived_difficulty_idx" ON "Question"("tenantId", "archived", "difficulty");

CREATE TABLE "Exam" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "courseId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "mode" TEXT NOT NULL DEFAULT 'fixed',
    "rules" JSONB,
    "timeLimitSec" INTEGER NOT NULL DEFAULT 3600,
    "maxAttempts" INTEGER NOT NULL DEFAULT 1,
    "passScore" REAL NOT NULL DEFAULT 60,
    "resultVisibility" TEXT NOT NULL DEFAULT 'score',
    "maxSwitchAways" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Exam_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "Exam_tenantId_status_idx" ON "Exam"("tenantId", "status");
CREATE INDEX "Exam_tenantId_courseId_idx" ON "Exam"("tenantId", "courseId");

CREATE TABLE "ExamQuestion" (
    "tenantId" TEXT NOT NULL,
    "examId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "score" REAL NOT NULL DEFAULT 1,
    CONSTRAINT "ExamQuestion_pkey" PRIMARY KEY ("tenantId", "examId", "questionId")
);

CREATE TABLE "ExamAttempt" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "examId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "attemptNo" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'in_progress',
    "paper" JSONB NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deadlineAt" DATETIME NOT NULL,
    "submittedAt" DATETIME,
    "score" REAL,
    "maxScore" REAL NOT NULL DEFAULT 0,
    "passed" BOOLEAN,
    "switchAways" INTEGER NOT NULL DEFAULT 0,
    "endReason" TEXT,
    CONSTRAINT "ExamAttempt_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "ExamAttempt_tenantId_memberId_idx" ON "ExamAttempt"("tenantId", "memberId");
CREATE INDEX "ExamAttempt_tenantId_examId_status_idx" ON "ExamAttempt"("tenantId", "examId", "status");
CREATE UNIQUE INDEX "ExamAttempt_tenantId_examId_memberId_attemptNo_key" ON "ExamAttempt"("tenantId", "examId", "memberId", "attemptNo");

CREATE TABLE "ExamAnswer" (
    "tenantId" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "answer" JSONB NOT NULL,
    "correct" BOOLEAN,
    "points" REAL,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ExamAnswer_pkey" PRIMARY KEY ("tenantId", "attemptId", "questionId")
);
