-- agreements (8001): cancellation that keeps what must be kept (001 §1.4, 002 §3.1.4, §3.3).
ALTER TABLE `AccountPolicy` ADD COLUMN `selfCancellation` BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE `AccountPolicy` ADD COLUMN `blockOnOpenTasks` BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE `AccountPolicy` ADD COLUMN `recordRetentionDays` INTEGER NOT NULL DEFAULT 1095;
ALTER TABLE `Certificate` ADD COLUMN `revokedAt` DATETIME(3) NULL;

CREATE TABLE `RegulatorReport` (
    `tenantId` VARCHAR(32) NOT NULL,
    `memberId` VARCHAR(32) NOT NULL,
    `lastReportedAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`tenantId`, `memberId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `RetainedIdentity` (
    `tenantId` VARCHAR(32) NOT NULL,
    `memberId` VARCHAR(32) NOT NULL,
    `sealed` TEXT NOT NULL,
    `reasons` VARCHAR(100) NOT NULL,
    `lockedAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `retainUntil` DATETIME(3) NOT NULL,
    INDEX `RetainedIdentity_tenantId_retainUntil_idx`(`tenantId`, `retainUntil`),
    PRIMARY KEY (`tenantId`, `memberId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
