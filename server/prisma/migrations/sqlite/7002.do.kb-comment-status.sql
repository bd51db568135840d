-- community (7002): knowledge-base comments join community screening and moderation.
ALTER TABLE "KbComment" ADD COLUMN "status" TEXT NOT NULL DEFAULT 'published';
