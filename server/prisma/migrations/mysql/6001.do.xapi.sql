-- xapi: rendered by prisma/ddl.ts, then reviewed
CREATE TABLE `XapiCredential` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `name` VARCHAR(100) NOT NULL,
    `key` VARCHAR(64) NOT NULL,
    `secretHash` VARCHAR(64) NOT NULL,
    `createdById` VARCHAR(32),
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `revokedAt` DATETIME(3),
    PRIMARY KEY (`id`),
    UNIQUE INDEX `XapiCredential_key_key`(`key`),
    INDEX `XapiCredential_tenantId_createdAt_idx`(`tenantId`, `createdAt`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `XapiStatement` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `statementId` VARCHAR(36) NOT NULL,
    `verbKey` VARCHAR(32) NOT NULL,
    `registration` VARCHAR(36),
    `voided` BOOLEAN NOT NULL DEFAULT false,
    `targetId` VARCHAR(36),
    `storedUs` BIGINT NOT NULL,
    `statement` LONGTEXT NOT NULL,
    PRIMARY KEY (`id`),
    INDEX `XapiStatement_tenantId_storedUs_idx`(`tenantId`, `storedUs`),
    INDEX `XapiStatement_tenantId_verbKey_storedUs_idx`(`tenantId`, `verbKey`, `storedUs`),
    INDEX `XapiStatement_tenantId_registration_storedUs_idx`(`tenantId`, `registration`, `storedUs`),
    INDEX `XapiStatement_tenantId_targetId_idx`(`tenantId`, `targetId`),
    UNIQUE INDEX `XapiStatement_tenantId_statementId_key`(`tenantId`, `statementId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `XapiStatementRef` (
    `tenantId` VARCHAR(32) NOT NULL,
    `statementId` VARCHAR(32) NOT NULL,
    `refKey` VARCHAR(32) NOT NULL,
    `related` BOOLEAN NOT NULL,
    `storedUs` BIGINT NOT NULL,
    PRIMARY KEY (`statementId`, `refKey`),
    INDEX `XapiStatementRef_tenantId_refKey_storedUs_idx`(`tenantId`, `refKey`, `storedUs`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `XapiActivity` (
    `tenantId` VARCHAR(32) NOT NULL,
    `activityKey` VARCHAR(32) NOT NULL,
    `activityId` TEXT NOT NULL,
    `definition` LONGTEXT NOT NULL,
    `updatedAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`tenantId`, `activityKey`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `XapiAttachment` (
    `tenantId` VARCHAR(32) NOT NULL,
    `sha2` VARCHAR(128) NOT NULL,
    `contentType` VARCHAR(255) NOT NULL,
    `content` LONGBLOB NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`tenantId`, `sha2`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `XapiDocument` (
    `tenantId` VARCHAR(32) NOT NULL,
    `scopeKey` VARCHAR(32) NOT NULL,
    `registration` VARCHAR(36) NOT NULL,
    `docKey` VARCHAR(32) NOT NULL,
    `docId` TEXT NOT NULL,
    `contentType` VARCHAR(255) NOT NULL,
    `content` LONGBLOB NOT NULL,
    `etag` VARCHAR(64) NOT NULL,
    `updatedUs` BIGINT NOT NULL,
    PRIMARY KEY (`tenantId`, `scopeKey`, `registration`, `docKey`),
    INDEX `XapiDocument_tenantId_scopeKey_updatedUs_idx`(`tenantId`, `scopeKey`, `updatedUs`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
