-- knowledge-search-postings: rendered by prisma/ddl.ts, then reviewed.
-- Search moves from FTS5 to postings in a B-tree (see KbSearchPosting in knowledge.prisma): the
-- same index and the same queries as on MySQL/MariaDB.
DROP TRIGGER "KbSearchEntry_ai";
DROP TRIGGER "KbSearchEntry_ad";
DROP TRIGGER "KbSearchEntry_au";
DROP TABLE "KbSearchFts";
ALTER TABLE "KbSearchEntry" DROP COLUMN "tokens";

CREATE TABLE "KbSearchPosting" (
    "tenantId" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "nodeId" TEXT NOT NULL,
    "weight" INTEGER NOT NULL,
    CONSTRAINT "KbSearchPosting_pkey" PRIMARY KEY ("tenantId", "token", "nodeId")
);
CREATE INDEX "KbSearchPosting_tenantId_token_weight_idx" ON "KbSearchPosting"("tenantId", "token", "weight");
