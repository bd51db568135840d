-- tasks: rendered by prisma/ddl.ts, then reviewed
CREATE TABLE "TrainingTask" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "required" BOOLEAN NOT NULL DEFAULT 1,
    "startsAt" DATETIME NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "remindDaysBefore" INTEGER NOT NULL DEFAULT 3,
    "createdById" TEXT,
    "archivedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "TrainingTask_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "TrainingTask_tenantId_dueAt_idx" ON "TrainingTask"("tenantId", "dueAt");

CREATE TABLE "TaskItem" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "refId" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "TaskItem_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "TaskItem_tenantId_taskId_idx" ON "TaskItem"("tenantId", "taskId");
CREATE INDEX "TaskItem_tenantId_kind_refId_idx" ON "TaskItem"("tenantId", "kind", "refId");

CREATE TABLE "TaskTarget" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "refId" TEXT,
    CONSTRAINT "TaskTarget_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "TaskTarget_tenantId_taskId_idx" ON "TaskTarget"("tenantId", "taskId");
CREATE INDEX "TaskTarget_tenantId_kind_refId_idx" ON "TaskTarget"("tenantId", "kind", "refId");

CREATE TABLE "TaskItemDone" (
    "tenantId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "doneAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TaskItemDone_pkey" PRIMARY KEY ("tenantId", "taskId", "itemId", "memberId")
);
CREATE INDEX "TaskItemDone_tenantId_memberId_idx" ON "TaskItemDone"("tenantId", "memberId");

CREATE TABLE "TaskCompletion" (
    "tenantId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "completedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TaskCompletion_pkey" PRIMARY KEY ("tenantId", "taskId", "memberId")
);
CREATE INDEX "TaskCompletion_tenantId_memberId_idx" ON "TaskCompletion"("tenantId", "memberId");

CREATE TABLE "DocumentRead" (
    "tenantId" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "readAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DocumentRead_pkey" PRIMARY KEY ("tenantId", "documentId", "memberId")
);
CREATE INDEX "DocumentRead_tenantId_memberId_idx" ON "DocumentRead"("tenantId", "memberId");

CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT,
    "link" TEXT,
    "dedupeKey" TEXT NOT NULL,
    "pushedAt" DATETIME,
    "readAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "Notification_tenantId_memberId_createdAt_idx" ON "Notification"("tenantId", "memberId", "createdAt");
CREATE UNIQUE INDEX "Notification_tenantId_dedupeKey_key" ON "Notification"("tenantId", "dedupeKey");

CREATE TABLE "ExportFile" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "content" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ExportFile_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ExportFile_tenantId_jobId_key" ON "ExportFile"("tenantId", "jobId");
