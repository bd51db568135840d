-- jobs: rendered by prisma/ddl.ts, then reviewed
CREATE TABLE `Job` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32),
    `kind` VARCHAR(64) NOT NULL,
    `status` ENUM('queued', 'running', 'done', 'failed') NOT NULL DEFAULT 'queued',
    `payload` JSON,
    `state` JSON,
    `result` JSON,
    `error` VARCHAR(1000),
    `progressDone` INTEGER NOT NULL DEFAULT 0,
    `progressTotal` INTEGER NOT NULL DEFAULT 0,
    `attempts` INTEGER NOT NULL DEFAULT 0,
    `runAfter` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `leaseOwner` VARCHAR(64),
    `leaseUntil` DATETIME(3),
    `createdById` VARCHAR(32),
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,
    `finishedAt` DATETIME(3),
    PRIMARY KEY (`id`),
    INDEX `Job_status_runAfter_idx`(`status`, `runAfter`),
    INDEX `Job_tenantId_kind_createdAt_idx`(`tenantId`, `kind`, `createdAt`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
