-- exams: rendered by prisma/ddl.ts, then reviewed
CREATE TABLE `Question` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `type` ENUM('single', 'multiple', 'true_false', 'fill') NOT NULL,
    `stem` TEXT NOT NULL,
    `options` JSON,
    `answer` JSON NOT NULL,
    `explanation` TEXT,
    `tags` JSON,
    `difficulty` INTEGER NOT NULL DEFAULT 1,
    `archived` BOOLEAN NOT NULL DEFAULT false,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`id`),
    INDEX `Question_tenantId_archived_difficulty_idx`(`tenantId`, `archived`, `difficulty`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `Exam` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `title` VARCHAR(200) NOT NULL,
    `courseId` VARCHAR(32),
    `status` ENUM('draft', 'published', 'closed') NOT NULL DEFAULT 'draft',
    `mode` ENUM('fixed', 'random') NOT NULL DEFAULT 'fixed',
    `rules` JSON,
    `timeLimitSec` INTEGER NOT NULL DEFAULT 3600,
    `maxAttempts` INTEGER NOT NULL DEFAULT 1,
    `passScore` DOUBLE NOT NULL DEFAULT 60,
    `resultVisibility` ENUM('hidden', 'score', 'full') NOT NULL DEFAULT 'score',
    `maxSwitchAways` INTEGER,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,
    PRIMARY KEY (`id`),
    INDEX `Exam_tenantId_status_idx`(`tenantId`, `status`),
    INDEX `Exam_tenantId_courseId_idx`(`tenantId`, `courseId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `ExamQuestion` (
    `tenantId` VARCHAR(32) NOT NULL,
    `examId` VARCHAR(32) NOT NULL,
    `questionId` VARCHAR(32) NOT NULL,
    `sortOrder` INTEGER NOT NULL DEFAULT 0,
    `score` DOUBLE NOT NULL DEFAULT 1,
    PRIMARY KEY (`tenantId`, `examId`, `questionId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `ExamAttempt` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `examId` VARCHAR(32) NOT NULL,
    `memberId` VARCHAR(32) NOT NULL,
    `attemptNo` INTEGER NOT NULL,
    `status` ENUM('in_progress', 'submitted') NOT NULL DEFAULT 'in_progress',
    `paper` JSON NOT NULL,
    `startedAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `deadlineAt` DATETIME(3) NOT NULL,
    `submittedAt` DATETIME(3),
    `score` DOUBLE,
    `maxScore` DOUBLE NOT NULL DEFAULT 0,
    `passed` BOOLEAN,
    `switchAways` INTEGER NOT NULL DEFAULT 0,
    `endReason` VARCHAR(20),
    PRIMARY KEY (`id`),
    INDEX `ExamAttempt_tenantId_memberId_idx`(`tenantId`, `memberId`),
    INDEX `ExamAttempt_tenantId_examId_status_idx`(`tenantId`, `examId`, `status`),
    UNIQUE INDEX `ExamAttempt_tenantId_examId_memberId_attemptNo_key`(`tenantId`, `examId`, `memberId`, `attemptNo`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `ExamAnswer` (
    `tenantId` VARCHAR(32) NOT NULL,
    `attemptId` VARCHAR(32) NOT NULL,
    `questionId` VARCHAR(32) NOT NULL,
    `answer` JSON NOT NULL,
    `correct` BOOLEAN,
    `points` DOUBLE,
    `updatedAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`tenantId`, `attemptId`, `questionId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
