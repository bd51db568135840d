-- training: rendered by prisma/ddl.ts, then reviewed
CREATE TABLE `CourseCategory` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `name` VARCHAR(100) NOT NULL,
    `sortOrder` INTEGER NOT NULL DEFAULT 0,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`id`),
    UNIQUE INDEX `CourseCategory_tenantId_name_key`(`tenantId`, `name`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `Course` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `title` VARCHAR(200) NOT NULL,
    `description` TEXT,
    `categoryId` VARCHAR(32),
    `creditHours` DOUBLE NOT NULL DEFAULT 0,
    `required` BOOLEAN NOT NULL DEFAULT false,
    `status` ENUM('draft', 'published', 'unpublished') NOT NULL DEFAULT 'draft',
    `validityDays` INTEGER NOT NULL DEFAULT 90,
    `examId` VARCHAR(32),
    `createdById` VARCHAR(32),
    `publishedAt` DATETIME(3),
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`id`),
    INDEX `Course_tenantId_status_idx`(`tenantId`, `status`),
    INDEX `Course_tenantId_categoryId_idx`(`tenantId`, `categoryId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `Chapter` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `courseId` VARCHAR(32) NOT NULL,
    `title` VARCHAR(200) NOT NULL,
    `kind` ENUM('video', 'document', 'article', 'knowledge') NOT NULL,
    `sortOrder` INTEGER NOT NULL DEFAULT 0,
    `durationSec` INTEGER,
    `minReadSec` INTEGER,
    `mediaUrl` VARCHAR(1000),
    `body` MEDIUMTEXT,
    `knowledgeDocId` VARCHAR(32),
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`id`),
    INDEX `Chapter_tenantId_courseId_sortOrder_idx`(`tenantId`, `courseId`, `sortOrder`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `Enrolment` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `courseId` VARCHAR(32) NOT NULL,
    `memberId` VARCHAR(32) NOT NULL,
    `startsAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `expiresAt` DATETIME(3) NOT NULL,
    `chaptersDoneAt` DATETIME(3),
    `completedAt` DATETIME(3),
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`id`),
    INDEX `Enrolment_tenantId_memberId_idx`(`tenantId`, `memberId`),
    UNIQUE INDEX `Enrolment_tenantId_courseId_memberId_key`(`tenantId`, `courseId`, `memberId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `StudySession` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `memberId` VARCHAR(32) NOT NULL,
    `courseId` VARCHAR(32) NOT NULL,
    `validUntil` DATETIME(3) NOT NULL,
    `startedAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `lastSeenAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `creditedUntil` DATETIME(3),
    `endedAt` DATETIME(3),
    `ip` VARCHAR(64),
    `userAgent` VARCHAR(255),
    PRIMARY KEY (`id`),
    INDEX `StudySession_tenantId_memberId_lastSeenAt_idx`(`tenantId`, `memberId`, `lastSeenAt`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `ChapterProgress` (
    `tenantId` VARCHAR(32) NOT NULL,
    `memberId` VARCHAR(32) NOT NULL,
    `chapterId` VARCHAR(32) NOT NULL,
    `courseId` VARCHAR(32) NOT NULL,
    `positionSec` DOUBLE NOT NULL DEFAULT 0,
    `furthestSec` DOUBLE NOT NULL DEFAULT 0,
    `creditedSec` DOUBLE NOT NULL DEFAULT 0,
    `completed` BOOLEAN NOT NULL DEFAULT false,
    `completedAt` DATETIME(3),
    `lastState` VARCHAR(10) NOT NULL DEFAULT 'paused',
    `lastBeatAt` DATETIME(3),
    `studySessionId` VARCHAR(32),
    `lastSeq` INTEGER NOT NULL DEFAULT 0,
    `updatedAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`tenantId`, `memberId`, `chapterId`),
    INDEX `ChapterProgress_tenantId_courseId_memberId_idx`(`tenantId`, `courseId`, `memberId`),
    INDEX `ChapterProgress_tenantId_chapterId_idx`(`tenantId`, `chapterId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `SuspiciousEvent` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `memberId` VARCHAR(32) NOT NULL,
    `kind` ENUM('seek_ahead', 'impossible_speed', 'parallel_session', 'switch_away') NOT NULL,
    `courseId` VARCHAR(32),
    `chapterId` VARCHAR(32),
    `attemptId` VARCHAR(32),
    `details` JSON,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`id`),
    INDEX `SuspiciousEvent_tenantId_createdAt_idx`(`tenantId`, `createdAt`),
    INDEX `SuspiciousEvent_tenantId_memberId_idx`(`tenantId`, `memberId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `TrainingPolicy` (
    `tenantId` VARCHAR(32) NOT NULL,
    `annualCreditHours` DOUBLE NOT NULL DEFAULT 0,
    `updatedAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`tenantId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `CreditRecord` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `memberId` VARCHAR(32) NOT NULL,
    `courseId` VARCHAR(32) NOT NULL,
    `year` INTEGER NOT NULL,
    `hours` DOUBLE NOT NULL,
    `score` DOUBLE,
    `earnedAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`id`),
    INDEX `CreditRecord_tenantId_year_idx`(`tenantId`, `year`),
    INDEX `CreditRecord_tenantId_courseId_idx`(`tenantId`, `courseId`),
    UNIQUE INDEX `CreditRecord_tenantId_memberId_courseId_year_key`(`tenantId`, `memberId`, `courseId`, `year`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `Certificate` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `memberId` VARCHAR(32) NOT NULL,
    `courseId` VARCHAR(32) NOT NULL,
    `code` VARCHAR(32) NOT NULL,
    `holderName` VARCHAR(100) NOT NULL,
    `courseTitle` VARCHAR(200) NOT NULL,
    `issuedAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`id`),
    UNIQUE INDEX `Certificate_code_key`(`code`),
    UNIQUE INDEX `Certificate_tenantId_memberId_courseId_key`(`tenantId`, `memberId`, `courseId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
