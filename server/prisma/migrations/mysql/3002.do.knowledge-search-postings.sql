-- knowledge-search-postings: rendered by prisma/ddl.ts, then reviewed.
-- Search moves from InnoDB FULLTEXT to postings in a B-tree (see KbSearchPosting in
-- knowledge.prisma): FULLTEXT's cost grows with every matching row, ~1 s for a frequent word in
-- 100,000 documents. Tokens compare byte for byte (utf8mb4_bin): no case or width folding
-- (tokens are normalised already) and no two rare CJK characters that unicode_ci thinks equal.
ALTER TABLE `KbSearchEntry` DROP INDEX `KbSearchEntry_tokens_idx`;
ALTER TABLE `KbSearchEntry` DROP COLUMN `tokens`;

CREATE TABLE `KbSearchPosting` (
    `tenantId` VARCHAR(32) NOT NULL,
    `token` VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    `nodeId` VARCHAR(32) NOT NULL,
    `weight` INTEGER NOT NULL,
    PRIMARY KEY (`tenantId`, `token`, `nodeId`),
    INDEX `KbSearchPosting_tenantId_token_weight_idx`(`tenantId`, `token`, `weight`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
