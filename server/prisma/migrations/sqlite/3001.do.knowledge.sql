-- knowledge: rendered by prisma/ddl.ts, then reviewed
CREATE TABLE "KbSpace" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "createdById" TEXT NOT NULL,
    "archivedAt" DATETIME,
    "deletedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "KbSpace_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "KbSpace_tenantId_status_idx" ON "KbSpace"("tenantId", "status");

CREATE TABLE "KbNode" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "spaceId" TEXT NOT NULL,
    "parentId" TEXT,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT,
    "path" TEXT NOT NULL,
    "aclPath" TEXT NOT NULL,
    "inheritPermissions" BOOLEAN NOT NULL DEFAULT 1,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'active',
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT NOT NULL,
    "updatedById" TEXT,
    "archivedAt" DATETIME,
    "deletedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "KbNode_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "KbNode_tenantId_spaceId_parentId_idx" ON "KbNode"("tenantId", "spaceId", "parentId");
CREATE INDEX "KbNode_tenantId_path_idx" ON "KbNode"("tenantId", "path");

CREATE TABLE "KbRevision" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "nodeId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "KbRevision_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "KbRevision_tenantId_nodeId_number_key" ON "KbRevision"("tenantId", "nodeId", "number");

CREATE TABLE "KbPermission" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "spaceId" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "subjectKind" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "KbPermission_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "KbPermission_tenantId_subjectKind_subjectId_idx" ON "KbPermission"("tenantId", "subjectKind", "subjectId");
CREATE INDEX "KbPermission_tenantId_spaceId_idx" ON "KbPermission"("tenantId", "spaceId");
CREATE UNIQUE INDEX "KbPermission_tenantId_targetId_subjectKind_subjectId_key" ON "KbPermission"("tenantId", "targetId", "subjectKind", "subjectId");

CREATE TABLE "KbComment" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "nodeId" TEXT NOT NULL,
    "parentId" TEXT,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "deletedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "KbComment_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "KbComment_tenantId_nodeId_createdAt_idx" ON "KbComment"("tenantId", "nodeId", "createdAt");

CREATE TABLE "KbLike" (
    "tenantId" TEXT NOT NULL,
    "nodeId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "KbLike_pkey" PRIMARY KEY ("tenantId", "nodeId", "memberId")
);
CREATE INDEX "KbLike_tenantId_memberId_idx" ON "KbLike"("tenantId", "memberId");

CREATE TABLE "KbView" (
    "tenantId" TEXT NOT NULL,
    "nodeId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,
    "firstViewedAt" DATETIME NOT NULL,
    "lastViewedAt" DATETIME NOT NULL,
    CONSTRAINT "KbView_pkey" PRIMARY KEY ("tenantId", "nodeId", "memberId")
);
CREATE INDEX "KbView_tenantId_memberId_lastViewedAt_idx" ON "KbView"("tenantId", "memberId", "lastViewedAt");

CREATE TABLE "KbAttachment" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "spaceId" TEXT NOT NULL,
    "nodeId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "uploadedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "KbAttachment_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "KbAttachment_tenantId_nodeId_idx" ON "KbAttachment"("tenantId", "nodeId");

CREATE TABLE "KbSearchEntry" (
    "nodeId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "spaceId" TEXT NOT NULL,
    "aclPath" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "plain" TEXT NOT NULL,
    "tokens" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "KbSearchEntry_pkey" PRIMARY KEY ("nodeId")
);
CREATE INDEX "KbSearchEntry_tenantId_spaceId_idx" ON "KbSearchEntry"("tenantId", "spaceId");

CREATE TABLE "KbSettings" (
    "tenantId" TEXT NOT NULL,
    "classifiedMarkers" JSONB,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "KbSettings_pkey" PRIMARY KEY ("tenantId")
);

-- Search: FTS5 over KbSearchEntry.tokens (tenant-tagged bigrams and words, see
-- modules/knowledge/search/tokens.ts). unicode61 keeps each token whole; the trigram tokenizer would
-- miss 2-character words. External content: the triggers keep the index in step with the table.
CREATE VIRTUAL TABLE "KbSearchFts" USING fts5(tokens, content='KbSearchEntry', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0');
CREATE TRIGGER "KbSearchEntry_ai" AFTER INSERT ON "KbSearchEntry" BEGIN
  INSERT INTO "KbSearchFts"(rowid, tokens) VALUES (new.rowid, new.tokens);
END;
CREATE TRIGGER "KbSearchEntry_ad" AFTER DELETE ON "KbSearchEntry" BEGIN
  INSERT INTO "KbSearchFts"("KbSearchFts", rowid, tokens) VALUES ('delete', old.rowid, old.tokens);
END;
CREATE TRIGGER "KbSearchEntry_au" AFTER UPDATE ON "KbSearchEntry" BEGIN
  INSERT INTO "KbSearchFts"("KbSearchFts", rowid, tokens) VALUES ('delete', old.rowid, old.tokens);
  INSERT INTO "KbSearchFts"(rowid, tokens) VALUES (new.rowid, new.tokens);
END;
