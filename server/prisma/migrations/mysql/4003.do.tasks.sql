-- tasks: rendered by prisma/ddl.ts, then reviewed
CREATE TABLE `TrainingTask` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `title` VARCHAR(200) NOT NULL,
    `description` TEXT,
    `required` BOOLEAN NOT NULL DEFAULT true,
    `startsAt` DATETIME(3) NOT NULL,
    `dueAt` DATETIME(3) NOT NULL,
    `remindDaysBefore` INTEGER NOT NULL DEFAULT 3,
    `createdById` VARCHAR(32),
    `archivedAt` DATETIME(3),
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`id`),
    INDEX `TrainingTask_tenantId_dueAt_idx`(`tenantId`, `dueAt`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `TaskItem` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `taskId` VARCHAR(32) NOT NULL,
    `kind` ENUM('course', 'exam', 'document') NOT NULL,
    `refId` VARCHAR(32) NOT NULL,
    `sortOrder` INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (`id`),
    INDEX `TaskItem_tenantId_taskId_idx`(`tenantId`, `taskId`),
    INDEX `TaskItem_tenantId_kind_refId_idx`(`tenantId`, `kind`, `refId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `TaskTarget` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `taskId` VARCHAR(32) NOT NULL,
    `kind` ENUM('enterprise', 'department', 'member') NOT NULL,
    `refId` VARCHAR(32),
    PRIMARY KEY (`id`),
    INDEX `TaskTarget_tenantId_taskId_idx`(`tenantId`, `taskId`),
    INDEX `TaskTarget_tenantId_kind_refId_idx`(`tenantId`, `kind`, `refId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `TaskItemDone` (
    `tenantId` VARCHAR(32) NOT NULL,
    `taskId` VARCHAR(32) NOT NULL,
    `itemId` VARCHAR(32) NOT NULL,
    `memberId` VARCHAR(32) NOT NULL,
    `doneAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`tenantId`, `taskId`, `itemId`, `memberId`),
    INDEX `TaskItemDone_tenantId_memberId_idx`(`tenantId`, `memberId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `TaskCompletion` (
    `tenantId` VARCHAR(32) NOT NULL,
    `taskId` VARCHAR(32) NOT NULL,
    `memberId` VARCHAR(32) NOT NULL,
    `completedAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`tenantId`, `taskId`, `memberId`),
    INDEX `TaskCompletion_tenantId_memberId_idx`(`tenantId`, `memberId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `DocumentRead` (
    `tenantId` VARCHAR(32) NOT NULL,
    `documentId` VARCHAR(32) NOT NULL,
    `memberId` VARCHAR(32) NOT NULL,
    `readAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`tenantId`, `documentId`, `memberId`),
    INDEX `DocumentRead_tenantId_memberId_idx`(`tenantId`, `memberId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `Notification` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `memberId` VARCHAR(32) NOT NULL,
    `kind` VARCHAR(50) NOT NULL,
    `title` VARCHAR(200) NOT NULL,
    `body` TEXT,
    `link` VARCHAR(500),
    `dedupeKey` VARCHAR(191) NOT NULL,
    `pushedAt` DATETIME(3),
    `readAt` DATETIME(3),
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`id`),
    INDEX `Notification_tenantId_memberId_createdAt_idx`(`tenantId`, `memberId`, `createdAt`),
    UNIQUE INDEX `Notification_tenantId_dedupeKey_key`(`tenantId`, `dedupeKey`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `ExportFile` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `jobId` VARCHAR(32) NOT NULL,
    `filename` VARCHAR(200) NOT NULL,
    `content` LONGBLOB NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`id`),
    UNIQUE INDEX `ExportFile_tenantId_jobId_key`(`tenantId`, `jobId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
