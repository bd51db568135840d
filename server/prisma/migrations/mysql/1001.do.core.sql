-- core: rendered by prisma/ddl.ts, then reviewed
CREATE TABLE `Tenant` (
    `id` VARCHAR(32) NOT NULL,
    `name` VARCHAR(200) NOT NULL,
    `industry` VARCHAR(100),
    `size` VARCHAR(50),
    `edition` ENUM('basic', 'pro', 'private') NOT NULL DEFAULT 'basic',
    `status` ENUM('active', 'suspended', 'uninstalled', 'cancelled') NOT NULL DEFAULT 'active',
    `hostCorpId` VARCHAR(64),
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`id`),
    UNIQUE INDEX `Tenant_hostCorpId_key`(`hostCorpId`),
    INDEX `Tenant_status_idx`(`status`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `Member` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `hostUserId` VARCHAR(128),
    `name` VARCHAR(100),
    `phoneCipher` VARCHAR(255),
    `phoneHash` VARCHAR(64),
    `status` ENUM('active', 'left', 'frozen', 'cancelled') NOT NULL DEFAULT 'active',
    `role` ENUM('member', 'admin') NOT NULL DEFAULT 'member',
    `lastActiveAt` DATETIME(3),
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`id`),
    INDEX `Member_tenantId_status_idx`(`tenantId`, `status`),
    INDEX `Member_tenantId_role_idx`(`tenantId`, `role`),
    UNIQUE INDEX `Member_tenantId_hostUserId_key`(`tenantId`, `hostUserId`),
    UNIQUE INDEX `Member_tenantId_phoneHash_key`(`tenantId`, `phoneHash`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `Department` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `hostDeptId` VARCHAR(64),
    `parentId` VARCHAR(32),
    `name` VARCHAR(200),
    `path` VARCHAR(1024) NOT NULL,
    `sortOrder` INTEGER NOT NULL DEFAULT 0,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`id`),
    INDEX `Department_tenantId_parentId_idx`(`tenantId`, `parentId`),
    INDEX `Department_tenantId_path_idx`(`tenantId`, `path`(255)),
    UNIQUE INDEX `Department_tenantId_hostDeptId_key`(`tenantId`, `hostDeptId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `DepartmentMember` (
    `tenantId` VARCHAR(32) NOT NULL,
    `departmentId` VARCHAR(32) NOT NULL,
    `memberId` VARCHAR(32) NOT NULL,
    `isLeader` BOOLEAN NOT NULL DEFAULT false,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`tenantId`, `departmentId`, `memberId`),
    INDEX `DepartmentMember_tenantId_memberId_idx`(`tenantId`, `memberId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `Session` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `memberId` VARCHAR(32) NOT NULL,
    `tokenHash` VARCHAR(64) NOT NULL,
    `method` VARCHAR(32) NOT NULL,
    `ip` VARCHAR(64),
    `userAgent` VARCHAR(255),
    `expiresAt` DATETIME(3) NOT NULL,
    `revokedAt` DATETIME(3),
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`id`),
    UNIQUE INDEX `Session_tokenHash_key`(`tokenHash`),
    INDEX `Session_tenantId_memberId_idx`(`tenantId`, `memberId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `AuditLog` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32),
    `actorType` ENUM('member', 'staff', 'system') NOT NULL,
    `actorId` VARCHAR(64),
    `action` VARCHAR(100) NOT NULL,
    `targetType` VARCHAR(50),
    `targetId` VARCHAR(64),
    `ip` VARCHAR(64),
    `details` JSON,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`id`),
    INDEX `AuditLog_tenantId_createdAt_idx`(`tenantId`, `createdAt`),
    INDEX `AuditLog_action_idx`(`action`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `StaffApiKey` (
    `id` VARCHAR(32) NOT NULL,
    `name` VARCHAR(100) NOT NULL,
    `keyHash` VARCHAR(64) NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `lastUsedAt` DATETIME(3),
    `revokedAt` DATETIME(3),
    PRIMARY KEY (`id`),
    UNIQUE INDEX `StaffApiKey_keyHash_key`(`keyHash`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- The audit log is append-only, whatever client writes to it.
CREATE TRIGGER `AuditLog_no_update` BEFORE UPDATE ON `AuditLog` FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'AuditLog is append-only';
CREATE TRIGGER `AuditLog_no_delete` BEFORE DELETE ON `AuditLog` FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'AuditLog is append-only';
