-- community (7001): boards, posts and replies, likes, follows, sensitive words, reports, the review queue, evidence, penalties, IP bans; Member.suspendedUntil.
CREATE TABLE `CommunityBoard` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `name` VARCHAR(100) NOT NULL,
    `description` VARCHAR(500),
    `createdById` VARCHAR(32) NOT NULL,
    `archivedAt` DATETIME(3),
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`id`),
    UNIQUE INDEX `CommunityBoard_tenantId_name_key`(`tenantId`, `name`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `CommunityPost` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `kind` ENUM('question', 'post') NOT NULL,
    `boardId` VARCHAR(32),
    `authorId` VARCHAR(32) NOT NULL,
    `title` VARCHAR(300) NOT NULL,
    `body` TEXT NOT NULL,
    `mentionIds` JSON,
    `status` ENUM('published', 'held', 'hidden', 'deleted') NOT NULL DEFAULT 'published',
    `heldReason` VARCHAR(300),
    `acceptedAnswerId` VARCHAR(32),
    `replyCount` INTEGER NOT NULL DEFAULT 0,
    `likeCount` INTEGER NOT NULL DEFAULT 0,
    `authorIp` VARCHAR(64),
    `deletedAt` DATETIME(3),
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`id`),
    INDEX `CommunityPost_tenantId_kind_status_createdAt_idx`(`tenantId`, `kind`, `status`, `createdAt`),
    INDEX `CommunityPost_tenantId_boardId_status_createdAt_idx`(`tenantId`, `boardId`, `status`, `createdAt`),
    INDEX `CommunityPost_tenantId_authorId_createdAt_idx`(`tenantId`, `authorId`, `createdAt`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `CommunityReply` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `postId` VARCHAR(32) NOT NULL,
    `parentId` VARCHAR(32),
    `authorId` VARCHAR(32) NOT NULL,
    `body` TEXT NOT NULL,
    `mentionIds` JSON,
    `status` ENUM('published', 'held', 'hidden', 'deleted') NOT NULL DEFAULT 'published',
    `heldReason` VARCHAR(300),
    `likeCount` INTEGER NOT NULL DEFAULT 0,
    `authorIp` VARCHAR(64),
    `deletedAt` DATETIME(3),
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`id`),
    INDEX `CommunityReply_tenantId_postId_createdAt_idx`(`tenantId`, `postId`, `createdAt`),
    INDEX `CommunityReply_tenantId_authorId_createdAt_idx`(`tenantId`, `authorId`, `createdAt`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `CommunityLike` (
    `tenantId` VARCHAR(32) NOT NULL,
    `targetType` VARCHAR(16) NOT NULL,
    `targetId` VARCHAR(32) NOT NULL,
    `memberId` VARCHAR(32) NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`tenantId`, `targetType`, `targetId`, `memberId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `CommunityFollow` (
    `tenantId` VARCHAR(32) NOT NULL,
    `postId` VARCHAR(32) NOT NULL,
    `memberId` VARCHAR(32) NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`tenantId`, `postId`, `memberId`),
    INDEX `CommunityFollow_tenantId_memberId_idx`(`tenantId`, `memberId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `SensitiveWord` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `word` VARCHAR(100) NOT NULL,
    `action` VARCHAR(16) NOT NULL DEFAULT 'review',
    `createdById` VARCHAR(32),
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`id`),
    UNIQUE INDEX `SensitiveWord_tenantId_word_key`(`tenantId`, `word`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `PlatformSensitiveWord` (
    `id` VARCHAR(32) NOT NULL,
    `word` VARCHAR(100) NOT NULL,
    `action` VARCHAR(16) NOT NULL DEFAULT 'refuse',
    `createdById` VARCHAR(64),
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`id`),
    UNIQUE INDEX `PlatformSensitiveWord_word_key`(`word`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `CommunitySettings` (
    `tenantId` VARCHAR(32) NOT NULL,
    `linkDomains` JSON,
    `updatedAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`tenantId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `ContentReport` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `caseId` VARCHAR(32) NOT NULL,
    `targetType` VARCHAR(16) NOT NULL,
    `targetId` VARCHAR(32) NOT NULL,
    `reporterId` VARCHAR(32) NOT NULL,
    `reason` VARCHAR(32) NOT NULL,
    `note` VARCHAR(500),
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`id`),
    INDEX `ContentReport_tenantId_caseId_idx`(`tenantId`, `caseId`),
    UNIQUE INDEX `ContentReport_tenantId_targetType_targetId_reporterId_key`(`tenantId`, `targetType`, `targetId`, `reporterId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `ModerationCase` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `kind` ENUM('report', 'screening', 'appeal') NOT NULL,
    `status` ENUM('open', 'closed') NOT NULL DEFAULT 'open',
    `openKey` VARCHAR(100),
    `targetType` VARCHAR(16) NOT NULL,
    `targetId` VARCHAR(32) NOT NULL,
    `subjectId` VARCHAR(32),
    `reportCount` INTEGER NOT NULL DEFAULT 0,
    `summary` VARCHAR(500),
    `appealText` TEXT,
    `decision` VARCHAR(16),
    `decisionReason` VARCHAR(500),
    `decidedById` VARCHAR(32),
    `decidedAt` DATETIME(3),
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`id`),
    INDEX `ModerationCase_tenantId_status_createdAt_idx`(`tenantId`, `status`, `createdAt`),
    INDEX `ModerationCase_tenantId_targetType_targetId_idx`(`tenantId`, `targetType`, `targetId`),
    UNIQUE INDEX `ModerationCase_tenantId_openKey_key`(`tenantId`, `openKey`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `ModerationEvidence` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `caseId` VARCHAR(32),
    `targetType` VARCHAR(16) NOT NULL,
    `targetId` VARCHAR(32) NOT NULL,
    `authorId` VARCHAR(32),
    `authorIp` VARCHAR(64),
    `event` VARCHAR(32) NOT NULL,
    `content` MEDIUMTEXT NOT NULL,
    `capturedAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `retainUntil` DATETIME(3) NOT NULL,
    PRIMARY KEY (`id`),
    INDEX `ModerationEvidence_tenantId_targetType_targetId_idx`(`tenantId`, `targetType`, `targetId`),
    INDEX `ModerationEvidence_tenantId_capturedAt_idx`(`tenantId`, `capturedAt`),
    INDEX `ModerationEvidence_retainUntil_idx`(`retainUntil`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `MemberPenalty` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `memberId` VARCHAR(32) NOT NULL,
    `kind` ENUM('warning', 'restriction', 'suspension', 'termination') NOT NULL,
    `status` ENUM('active', 'expired', 'revoked') NOT NULL DEFAULT 'active',
    `reason` VARCHAR(500) NOT NULL,
    `caseId` VARCHAR(32),
    `imposedById` VARCHAR(32) NOT NULL,
    `startsAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `endsAt` DATETIME(3),
    `revokedById` VARCHAR(32),
    `revokedAt` DATETIME(3),
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`id`),
    INDEX `MemberPenalty_tenantId_memberId_createdAt_idx`(`tenantId`, `memberId`, `createdAt`),
    INDEX `MemberPenalty_status_endsAt_idx`(`status`, `endsAt`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `IpBan` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `ip` VARCHAR(64) NOT NULL,
    `reason` VARCHAR(500) NOT NULL,
    `createdById` VARCHAR(32) NOT NULL,
    `endsAt` DATETIME(3),
    `revokedAt` DATETIME(3),
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`id`),
    INDEX `IpBan_tenantId_ip_idx`(`tenantId`, `ip`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

ALTER TABLE `Member` ADD COLUMN `suspendedUntil` DATETIME(3) NULL AFTER `lastActiveAt`;
