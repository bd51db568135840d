-- question-tags: rendered by prisma/ddl.ts, then reviewed.
-- A question's tags as rows (QuestionTag in exams.prisma), so GET /questions?tag= filters in the
-- database before paging; Question.tags stays as the ordered list shown to authors.
CREATE UNIQUE INDEX "Question_tenantId_id_key" ON "Question"("tenantId", "id");

CREATE TABLE "QuestionTag" (
    "tenantId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    CONSTRAINT "QuestionTag_pkey" PRIMARY KEY ("tenantId", "questionId", "tag")
);
CREATE INDEX "QuestionTag_tenantId_tag_idx" ON "QuestionTag"("tenantId", "tag");

-- Backfill from the JSON lists. OR IGNORE drops a tag listed twice. Tags over 50 characters (only
-- old Excel imports could hold one) were never findable, since the filter takes at most 50, and are left out.
INSERT OR IGNORE INTO "QuestionTag" ("tenantId", "questionId", "tag")
SELECT q."tenantId", q."id", t.value
FROM "Question" q, json_each(q."tags") t
WHERE json_type(q."tags") = 'array' AND t.type = 'text' AND length(t.value) BETWEEN 1 AND 50;
