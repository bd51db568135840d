-- accounts: rendered by prisma/ddl.ts, then reviewed
CREATE TABLE `LoginLog` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `memberId` VARCHAR(32) NOT NULL,
    `method` VARCHAR(32) NOT NULL,
    `outcome` VARCHAR(32) NOT NULL,
    `ip` VARCHAR(64),
    `userAgent` VARCHAR(255),
    `deviceId` VARCHAR(64),
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`id`),
    INDEX `LoginLog_tenantId_memberId_createdAt_idx`(`tenantId`, `memberId`, `createdAt`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `MemberPassword` (
    `tenantId` VARCHAR(32) NOT NULL,
    `memberId` VARCHAR(32) NOT NULL,
    `hash` VARCHAR(255) NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`tenantId`, `memberId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `MemberDevice` (
    `tenantId` VARCHAR(32) NOT NULL,
    `memberId` VARCHAR(32) NOT NULL,
    `deviceHash` VARCHAR(64) NOT NULL,
    `firstSeenAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `lastSeenAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`tenantId`, `memberId`, `deviceHash`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `WechatIdentity` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `memberId` VARCHAR(32) NOT NULL,
    `appId` VARCHAR(64) NOT NULL,
    `openid` VARCHAR(128) NOT NULL,
    `unionid` VARCHAR(128),
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`id`),
    INDEX `WechatIdentity_tenantId_memberId_idx`(`tenantId`, `memberId`),
    INDEX `WechatIdentity_openid_idx`(`openid`),
    UNIQUE INDEX `WechatIdentity_tenantId_appId_openid_key`(`tenantId`, `appId`, `openid`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `Invitation` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `memberId` VARCHAR(32) NOT NULL,
    `phoneHash` VARCHAR(64) NOT NULL,
    `status` ENUM('pending', 'accepted', 'revoked') NOT NULL DEFAULT 'pending',
    `invitedById` VARCHAR(32) NOT NULL,
    `expiresAt` DATETIME(3) NOT NULL,
    `acceptedAt` DATETIME(3),
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`id`),
    INDEX `Invitation_tenantId_status_idx`(`tenantId`, `status`),
    INDEX `Invitation_tenantId_memberId_idx`(`tenantId`, `memberId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `VerificationCode` (
    `id` VARCHAR(32) NOT NULL,
    `phoneHash` VARCHAR(64) NOT NULL,
    `purpose` VARCHAR(32) NOT NULL,
    `codeHash` VARCHAR(64) NOT NULL,
    `attempts` INTEGER NOT NULL DEFAULT 0,
    `expiresAt` DATETIME(3) NOT NULL,
    `consumedAt` DATETIME(3),
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`id`),
    INDEX `VerificationCode_phoneHash_purpose_createdAt_idx`(`phoneHash`, `purpose`, `createdAt`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `UsedLoginCode` (
    `codeHash` VARCHAR(64) NOT NULL,
    `usedAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `expiresAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`codeHash`),
    INDEX `UsedLoginCode_expiresAt_idx`(`expiresAt`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `RateCounter` (
    `key` VARCHAR(191) NOT NULL,
    `windowStart` DATETIME(3) NOT NULL,
    `count` INTEGER NOT NULL DEFAULT 0,
    `expiresAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`key`, `windowStart`),
    INDEX `RateCounter_expiresAt_idx`(`expiresAt`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- Phone logins find the enterprise from the phone number.
CREATE INDEX `Member_phoneHash_idx` ON `Member`(`phoneHash`);
