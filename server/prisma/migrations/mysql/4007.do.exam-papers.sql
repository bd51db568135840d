-- exam-papers: rendered by prisma/ddl.ts, then reviewed; the ExamAttempt change written by hand.
-- Papers move out of the attempt rows into ExamPaper (exams.prisma): a fixed paper is stored once
-- and shared, so a crowd starting an exam writes short attempt rows instead of a copy of the paper each.
CREATE TABLE `ExamPaper` (
    `id` VARCHAR(32) NOT NULL,
    `tenantId` VARCHAR(32) NOT NULL,
    `examId` VARCHAR(32) NOT NULL,
    `entries` JSON NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (`id`),
    INDEX `ExamPaper_tenantId_examId_idx`(`tenantId`, `examId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- Each existing attempt keeps the paper it was given, as a paper of its own under the attempt's id.
INSERT INTO `ExamPaper` (`id`, `tenantId`, `examId`, `entries`, `createdAt`)
SELECT `id`, `tenantId`, `examId`, `paper`, `startedAt` FROM `ExamAttempt`;
ALTER TABLE `ExamAttempt` ADD COLUMN `paperId` VARCHAR(32) NULL AFTER `status`;
UPDATE `ExamAttempt` SET `paperId` = `id`;
ALTER TABLE `ExamAttempt` MODIFY `paperId` VARCHAR(32) NOT NULL, DROP COLUMN `paper`;
