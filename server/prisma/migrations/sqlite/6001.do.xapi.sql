-- xapi: rendered by prisma/ddl.ts, then reviewed
CREATE TABLE "XapiCredential" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    CONSTRAINT "XapiCredential_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "XapiCredential_key_key" ON "XapiCredential"("key");
CREATE INDEX "XapiCredential_tenantId_createdAt_idx" ON "XapiCredential"("tenantId", "createdAt");

CREATE TABLE "XapiStatement" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "statementId" TEXT NOT NULL,
    "verbKey" TEXT NOT NULL,
    "registration" TEXT,
    "voided" BOOLEAN NOT NULL DEFAULT 0,
    "targetId" TEXT,
    "storedUs" BIGINT NOT NULL,
    "statement" TEXT NOT NULL,
    CONSTRAINT "XapiStatement_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "XapiStatement_tenantId_storedUs_idx" ON "XapiStatement"("tenantId", "storedUs");
CREATE INDEX "XapiStatement_tenantId_verbKey_storedUs_idx" ON "XapiStatement"("tenantId", "verbKey", "storedUs");
CREATE INDEX "XapiStatement_tenantId_registration_storedUs_idx" ON "XapiStatement"("tenantId", "registration", "storedUs");
CREATE INDEX "XapiStatement_tenantId_targetId_idx" ON "XapiStatement"("tenantId", "targetId");
CREATE UNIQUE INDEX "XapiStatement_tenantId_statementId_key" ON "XapiStatement"("tenantId", "statementId");

CREATE TABLE "XapiStatementRef" (
    "tenantId" TEXT NOT NULL,
    "statementId" TEXT NOT NULL,
    "refKey" TEXT NOT NULL,
    "related" BOOLEAN NOT NULL,
    "storedUs" BIGINT NOT NULL,
    CONSTRAINT "XapiStatementRef_pkey" PRIMARY KEY ("statementId", "refKey")
);
CREATE INDEX "XapiStatementRef_tenantId_refKey_storedUs_idx" ON "XapiStatementRef"("tenantId", "refKey", "storedUs");

CREATE TABLE "XapiActivity" (
    "tenantId" TEXT NOT NULL,
    "activityKey" TEXT NOT NULL,
    "activityId" TEXT NOT NULL,
    "definition" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "XapiActivity_pkey" PRIMARY KEY ("tenantId", "activityKey")
);

CREATE TABLE "XapiAttachment" (
    "tenantId" TEXT NOT NULL,
    "sha2" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "content" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "XapiAttachment_pkey" PRIMARY KEY ("tenantId", "sha2")
);

CREATE TABLE "XapiDocument" (
    "tenantId" TEXT NOT NULL,
    "scopeKey" TEXT NOT NULL,
    "registration" TEXT NOT NULL,
    "docKey" TEXT NOT NULL,
    "docId" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "content" BLOB NOT NULL,
    "etag" TEXT NOT NULL,
    "updatedUs" BIGINT NOT NULL,
    CONSTRAINT "XapiDocument_pkey" PRIMARY KEY ("tenantId", "scopeKey", "registration", "docKey")
);
CREATE INDEX "XapiDocument_tenantId_scopeKey_updatedUs_idx" ON "XapiDocument"("tenantId", "scopeKey", "updatedUs");
