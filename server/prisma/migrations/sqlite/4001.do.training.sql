-- training: rendered by prisma/ddl.ts, then reviewed
CREATE TABLE "CourseCategory" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CourseCategory_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "CourseCategory_tenantId_name_key" ON "CourseCategory"("tenantId", "name");

CREATE TABLE "Course" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "categoryId" TEXT,
    "creditHours" REAL NOT NULL DEFAULT 0,
    "required" BOOLEAN NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "validityDays" INTEGER NOT NULL DEFAULT 90,
    "examId" TEXT,
    "createdById" TEXT,
    "publishedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Course_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "Course_tenantId_status_idx" ON "Course"("tenantId", "status");
CREATE INDEX "Course_tenantId_categoryId_idx" ON "Course"("tenantId", "categoryId");

CREATE TABLE "Chapter" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "durationSec" INTEGER,
    "minReadSec" INTEGER,
    "mediaUrl" TEXT,
    "body" TEXT,
    "knowledgeDocId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Chapter_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "Chapter_tenantId_courseId_sortOrder_idx" ON "Chapter"("tenantId", "courseId", "sortOrder");

CREATE TABLE "Enrolment" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "chaptersDoneAt" DATETIME,
    "completedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Enrolment_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "Enrolment_tenantId_memberId_idx" ON "Enrolment"("tenantId", "memberId");
CREATE UNIQUE INDEX "Enrolment_tenantId_courseId_memberId_key" ON "Enrolment"("tenantId", "courseId", "memberId");

CREATE TABLE "StudySession" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "validUntil" DATETIME NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "creditedUntil" DATETIME,
    "endedAt" DATETIME,
    "ip" TEXT,
    "userAgent" TEXT,
    CONSTRAINT "StudySession_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "StudySession_tenantId_memberId_lastSeenAt_idx" ON "StudySession"("tenantId", "memberId", "lastSeenAt");

CREATE TABLE "ChapterProgress" (
    "tenantId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "chapterId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "positionSec" REAL NOT NULL DEFAULT 0,
    "furthestSec" REAL NOT NULL DEFAULT 0,
    "creditedSec" REAL NOT NULL DEFAULT 0,
    "completed" BOOLEAN NOT NULL DEFAULT 0,
    "completedAt" DATETIME,
    "lastState" TEXT NOT NULL DEFAULT 'paused',
    "lastBeatAt" DATETIME,
    "studySessionId" TEXT,
    "lastSeq" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ChapterProgress_pkey" PRIMARY KEY ("tenantId", "memberId", "chapterId")
);
CREATE INDEX "ChapterProgress_tenantId_courseId_memberId_idx" ON "ChapterProgress"("tenantId", "courseId", "memberId");
CREATE INDEX "ChapterProgress_tenantId_chapterId_idx" ON "ChapterProgress"("tenantId", "chapterId");

CREATE TABLE "SuspiciousEvent" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "courseId" TEXT,
    "chapterId" TEXT,
    "attemptId" TEXT,
    "details" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SuspiciousEvent_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "SuspiciousEvent_tenantId_createdAt_idx" ON "SuspiciousEvent"("tenantId", "createdAt");
CREATE INDEX "SuspiciousEvent_tenantId_memberId_idx" ON "SuspiciousEvent"("tenantId", "memberId");

CREATE TABLE "TrainingPolicy" (
    "tenantId" TEXT NOT NULL,
    "annualCreditHours" REAL NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "TrainingPolicy_pkey" PRIMARY KEY ("tenantId")
);

CREATE TABLE "CreditRecord" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "hours" REAL NOT NULL,
    "score" REAL,
    "earnedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CreditRecord_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "CreditRecord_tenantId_year_idx" ON "CreditRecord"("tenantId", "year");
CREATE INDEX "CreditRecord_tenantId_courseId_idx" ON "CreditRecord"("tenantId", "courseId");
CREATE UNIQUE INDEX "CreditRecord_tenantId_memberId_courseId_year_key" ON "CreditRecord"("tenantId", "memberId", "courseId", "year");

CREATE TABLE "Certificate" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "holderName" TEXT NOT NULL,
    "courseTitle" TEXT NOT NULL,
    "issuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Certificate_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Certificate_code_key" ON "Certificate"("code");
CREATE UNIQUE INDEX "Certificate_tenantId_memberId_courseId_key" ON "Certificate"("tenantId", "memberId", "courseId");
