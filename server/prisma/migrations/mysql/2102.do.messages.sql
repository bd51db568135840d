-- messages: rendered by prisma/ddl.ts, then reviewed
CREATE TABLE `AppMessage` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `kind` ENUM('textcard', 'template_card', 'miniprogram_notice') NOT NULL,
    `title` VARCHAR(200) NOT NULL,
    `payload` JSON NOT NULL,
    `source` VARCHAR(64) NOT NULL,
    `createdById` VARCHAR(32),
    `recipientCount` INTEGER NOT NULL DEFAULT 0,
    `sentCount` INTEGER NOT NULL DEFAULT 0,
    `hostMsgIds` JSON,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`id`),
    INDEX `AppMessage_tenantId_createdAt_idx`(`tenantId`, `createdAt`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `AppMessageRecipient` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `messageId` VARCHAR(32) NOT NULL,
    `memberId` VARCHAR(32) NOT NULL,
    `outcome` ENUM('sent', 'capped_minute', 'capped_hour', 'capped_day', 'invalid_user', 'inactive', 'failed') NOT NULL,
    `errcode` INTEGER,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`id`),
    INDEX `AppMessageRecipient_tenantId_messageId_idx`(`tenantId`, `messageId`),
    INDEX `AppMessageRecipient_tenantId_memberId_createdAt_idx`(`tenantId`, `memberId`, `createdAt`),
    INDEX `AppMessageRecipient_tenantId_outcome_createdAt_idx`(`tenantId`, `outcome`, `createdAt`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `HostTicket` (
    `tenantId` VARCHAR(32) NOT NULL,
    `kind` VARCHAR(32) NOT NULL,
    `ticket` VARCHAR(512) NOT NULL,
    `expiresAt` DATETIME(3) NOT NULL,
    `updatedAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`tenantId`, `kind`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
