-- task-dept-stats: rendered by prisma/ddl.ts, then reviewed
CREATE TABLE `TaskDeptStat` (
    `tenantId` VARCHAR(32) NOT NULL,
    `departmentId` VARCHAR(32) NOT NULL,
    `taskId` VARCHAR(32) NOT NULL,
    `assigned` INTEGER NOT NULL,
    `completed` INTEGER NOT NULL,
    `refreshedAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`tenantId`, `departmentId`, `taskId`),
    INDEX `TaskDeptStat_tenantId_taskId_idx`(`tenantId`, `taskId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
