-- question-tags: rendered by prisma/ddl.ts, then reviewed.
-- A question's tags as rows (QuestionTag in exams.prisma), so GET /questions?tag= filters in the
-- database before paging; Question.tags stays as the ordered list shown to authors.
-- Tags compare byte for byte (utf8mb4_bin), as they did in the list: "Fire" is not "fire".
ALTER TABLE `Question` ADD UNIQUE INDEX `Question_tenantId_id_key`(`tenantId`, `id`);

CREATE TABLE `QuestionTag` (
    `tenantId` VARCHAR(32) NOT NULL,
    `questionId` VARCHAR(32) NOT NULL,
    `tag` VARCHAR(50) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    PRIMARY KEY (`tenantId`, `questionId`, `tag`),
    INDEX `QuestionTag_tenantId_tag_idx`(`tenantId`, `tag`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- Backfill from the JSON lists (JSON_TABLE: MySQL 8, MariaDB 10.6+). IGNORE drops a tag listed twice.
-- Tags over 50 characters (only old Excel imports could hold one) were never findable, since the
-- filter takes at most 50, and are left out.
INSERT IGNORE INTO `QuestionTag` (`tenantId`, `questionId`, `tag`)
SELECT q.`tenantId`, q.`id`, t.`tag`
FROM `Question` q, JSON_TABLE(q.`tags`, '$[*]' COLUMNS (`tag` VARCHAR(200) PATH '$')) t
WHERE CHAR_LENGTH(t.`tag`) BETWEEN 1 AND 50;
