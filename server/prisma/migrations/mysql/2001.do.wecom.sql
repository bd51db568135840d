-- wecom: rendered by prisma/ddl.ts, then reviewed
CREATE TABLE `HostToken` (
    `key` VARCHAR(191) NOT NULL,
    `value` VARCHAR(2048) NOT NULL,
    `expiresAt` DATETIME(3) NOT NULL,
    `updatedAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`key`),
    INDEX `HostToken_expiresAt_idx`(`expiresAt`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `CallbackNonce` (
    `id` VARCHAR(64) NOT NULL,
    `expiresAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`id`),
    INDEX `CallbackNonce_expiresAt_idx`(`expiresAt`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `WecomCorpAuth` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `corpId` VARCHAR(64) NOT NULL,
    `suiteId` VARCHAR(64) NOT NULL,
    `permanentCodeCipher` VARCHAR(1024) NOT NULL,
    `agentId` INTEGER,
    `status` ENUM('active', 'cancelled') NOT NULL DEFAULT 'active',
    `allowParty` JSON,
    `allowUser` JSON,
    `allowTag` JSON,
    `installerUserId` VARCHAR(128),
    `installedAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `cancelledAt` DATETIME(3),
    `lastFullSyncAt` DATETIME(3),
    `updatedAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`id`),
    UNIQUE INDEX `WecomCorpAuth_tenantId_key`(`tenantId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
