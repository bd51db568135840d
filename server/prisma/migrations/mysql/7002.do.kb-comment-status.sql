-- community (7002): knowledge-base comments join community screening and moderation.
ALTER TABLE `KbComment` ADD COLUMN `status` ENUM('published', 'held', 'hidden', 'deleted') NOT NULL DEFAULT 'published' AFTER `body`;
