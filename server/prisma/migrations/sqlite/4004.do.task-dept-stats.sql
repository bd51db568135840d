-- task-dept-stats: rendered by prisma/ddl.ts, then reviewed
CREATE TABLE "TaskDeptStat" (
    "tenantId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "assigned" INTEGER NOT NULL,
    "completed" INTEGER NOT NULL,
    "refreshedAt" DATETIME NOT NULL,
    CONSTRAINT "TaskDeptStat_pkey" PRIMARY KEY ("tenantId", "departmentId", "taskId")
);
CREATE INDEX "TaskDeptStat_tenantId_taskId_idx" ON "TaskDeptStat"("tenantId", "taskId");
