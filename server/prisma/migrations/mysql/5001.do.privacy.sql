-- privacy (5001): agreements and acceptances, account policy, real-name profiles, privacy requests, erasure tombstones.
-- Rendered by prisma/ddl.ts, then reviewed.
CREATE TABLE `AgreementVersion` (
    `id` VARCHAR(32) NOT NULL,
    `kind` ENUM('user_agreement', 'privacy_policy') NOT NULL,
    `version` VARCHAR(32) NOT NULL,
    `content` LONGTEXT NOT NULL,
    `changeSummary` TEXT NOT NULL,
    `isCurrent` BOOLEAN NOT NULL DEFAULT false,
    `publishedById` VARCHAR(64),
    `publishedAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`id`),
    INDEX `AgreementVersion_isCurrent_idx`(`isCurrent`),
    UNIQUE INDEX `AgreementVersion_kind_version_key`(`kind`, `version`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `AgreementAcceptance` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `memberId` VARCHAR(32) NOT NULL,
    `versionId` VARCHAR(32) NOT NULL,
    `ip` VARCHAR(64),
    `userAgent` VARCHAR(255),
    `acceptedAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`id`),
    UNIQUE INDEX `AgreementAcceptance_tenantId_memberId_versionId_key`(`tenantId`, `memberId`, `versionId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `AccountPolicy` (
    `tenantId` VARCHAR(32) NOT NULL,
    `freezeAfterDays` INTEGER NOT NULL DEFAULT 180,
    `retentionDays` INTEGER NOT NULL DEFAULT 540,
    `requireRealName` BOOLEAN NOT NULL DEFAULT false,
    `updatedAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`tenantId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `RealNameProfile` (
    `tenantId` VARCHAR(32) NOT NULL,
    `memberId` VARCHAR(32) NOT NULL,
    `realName` VARCHAR(100),
    `idNumberCipher` VARCHAR(255),
    `idNumberSetAt` DATETIME(3),
    `employer` VARCHAR(200),
    `region` VARCHAR(100),
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`tenantId`, `memberId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `PrivacyRequest` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `memberId` VARCHAR(32) NOT NULL,
    `kind` ENUM('access', 'correction', 'deletion', 'withdraw_consent', 'complaint', 'other') NOT NULL,
    `details` TEXT NOT NULL,
    `status` ENUM('open', 'answered', 'rejected') NOT NULL DEFAULT 'open',
    `dueAt` DATETIME(3) NOT NULL,
    `answer` TEXT,
    `answeredById` VARCHAR(64),
    `answeredAt` DATETIME(3),
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`id`),
    INDEX `PrivacyRequest_tenantId_memberId_idx`(`tenantId`, `memberId`),
    INDEX `PrivacyRequest_status_dueAt_idx`(`status`, `dueAt`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `AccountErasure` (
    `tenantId` VARCHAR(32) NOT NULL,
    `memberId` VARCHAR(32) NOT NULL,
    `reason` VARCHAR(32) NOT NULL,
    `erasedAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`tenantId`, `memberId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
