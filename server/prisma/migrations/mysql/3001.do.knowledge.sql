-- knowledge: rendered by prisma/ddl.ts, then reviewed
CREATE TABLE `KbSpace` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `name` VARCHAR(200) NOT NULL,
    `description` VARCHAR(1000),
    `status` ENUM('active', 'archived', 'deleted') NOT NULL DEFAULT 'active',
    `createdById` VARCHAR(32) NOT NULL,
    `archivedAt` DATETIME(3),
    `deletedAt` DATETIME(3),
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`id`),
    INDEX `KbSpace_tenantId_status_idx`(`tenantId`, `status`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `KbNode` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `spaceId` VARCHAR(32) NOT NULL,
    `parentId` VARCHAR(32),
    `kind` ENUM('folder', 'document') NOT NULL,
    `title` VARCHAR(300) NOT NULL,
    `body` LONGTEXT,
    `path` VARCHAR(1024) NOT NULL,
    `aclPath` VARCHAR(1024) NOT NULL,
    `inheritPermissions` BOOLEAN NOT NULL DEFAULT true,
    `sortOrder` INTEGER NOT NULL DEFAULT 0,
    `status` ENUM('active', 'archived', 'deleted') NOT NULL DEFAULT 'active',
    `revision` INTEGER NOT NULL DEFAULT 0,
    `createdById` VARCHAR(32) NOT NULL,
    `updatedById` VARCHAR(32),
    `archivedAt` DATETIME(3),
    `deletedAt` DATETIME(3),
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`id`),
    INDEX `KbNode_tenantId_spaceId_parentId_idx`(`tenantId`, `spaceId`, `parentId`),
    INDEX `KbNode_tenantId_path_idx`(`tenantId`, `path`(255))
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `KbRevision` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `nodeId` VARCHAR(32) NOT NULL,
    `number` INTEGER NOT NULL,
    `title` VARCHAR(300) NOT NULL,
    `body` LONGTEXT NOT NULL,
    `authorId` VARCHAR(32) NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`id`),
    UNIQUE INDEX `KbRevision_tenantId_nodeId_number_key`(`tenantId`, `nodeId`, `number`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `KbPermission` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `spaceId` VARCHAR(32) NOT NULL,
    `targetId` VARCHAR(32) NOT NULL,
    `subjectKind` ENUM('member', 'department', 'enterprise') NOT NULL,
    `subjectId` VARCHAR(32) NOT NULL,
    `role` ENUM('viewer', 'editor', 'manager') NOT NULL,
    `createdById` VARCHAR(32) NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`id`),
    INDEX `KbPermission_tenantId_subjectKind_subjectId_idx`(`tenantId`, `subjectKind`, `subjectId`),
    INDEX `KbPermission_tenantId_spaceId_idx`(`tenantId`, `spaceId`),
    UNIQUE INDEX `KbPermission_tenantId_targetId_subjectKind_subjectId_key`(`tenantId`, `targetId`, `subjectKind`, `subjectId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `KbComment` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `nodeId` VARCHAR(32) NOT NULL,
    `parentId` VARCHAR(32),
    `authorId` VARCHAR(32) NOT NULL,
    `body` TEXT NOT NULL,
    `deletedAt` DATETIME(3),
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`id`),
    INDEX `KbComment_tenantId_nodeId_createdAt_idx`(`tenantId`, `nodeId`, `createdAt`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `KbLike` (
    `tenantId` VARCHAR(32) NOT NULL,
    `nodeId` VARCHAR(32) NOT NULL,
    `memberId` VARCHAR(32) NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`tenantId`, `nodeId`, `memberId`),
    INDEX `KbLike_tenantId_memberId_idx`(`tenantId`, `memberId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `KbView` (
    `tenantId` VARCHAR(32) NOT NULL,
    `nodeId` VARCHAR(32) NOT NULL,
    `memberId` VARCHAR(32) NOT NULL,
    `count` INTEGER NOT NULL DEFAULT 1,
    `firstViewedAt` DATETIME(3) NOT NULL,
    `lastViewedAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`tenantId`, `nodeId`, `memberId`),
    INDEX `KbView_tenantId_memberId_lastViewedAt_idx`(`tenantId`, `memberId`, `lastViewedAt`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `KbAttachment` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `spaceId` VARCHAR(32) NOT NULL,
    `nodeId` VARCHAR(32) NOT NULL,
    `fileName` VARCHAR(255) NOT NULL,
    `mimeType` VARCHAR(100) NOT NULL,
    `size` INTEGER NOT NULL,
    `sha256` VARCHAR(64) NOT NULL,
    `storageKey` VARCHAR(255) NOT NULL,
    `uploadedById` VARCHAR(32) NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`id`),
    INDEX `KbAttachment_tenantId_nodeId_idx`(`tenantId`, `nodeId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `KbSearchEntry` (
    `nodeId` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `spaceId` VARCHAR(32) NOT NULL,
    `aclPath` VARCHAR(1024) NOT NULL,
    `title` VARCHAR(300) NOT NULL,
    `plain` LONGTEXT NOT NULL,
    `tokens` LONGTEXT NOT NULL,
    `updatedAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`nodeId`),
    INDEX `KbSearchEntry_tenantId_spaceId_idx`(`tenantId`, `spaceId`),
    FULLTEXT INDEX `KbSearchEntry_tokens_idx`(`tokens`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `KbSettings` (
    `tenantId` VARCHAR(32) NOT NULL,
    `classifiedMarkers` JSON,
    `updatedAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`tenantId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
