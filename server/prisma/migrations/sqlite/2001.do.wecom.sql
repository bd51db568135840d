-- wecom: rendered by prisma/ddl.ts, then reviewed
CREATE TABLE "HostToken" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "HostToken_pkey" PRIMARY KEY ("key")
);
CREATE INDEX "HostToken_expiresAt_idx" ON "HostToken"("expiresAt");

CREATE TABLE "CallbackNonce" (
    "id" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "CallbackNonce_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "CallbackNonce_expiresAt_idx" ON "CallbackNonce"("expiresAt");

CREATE TABLE "WecomCorpAuth" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "corpId" TEXT NOT NULL,
    "suiteId" TEXT NOT NULL,
    "permanentCodeCipher" TEXT NOT NULL,
    "agentId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'active',
    "allowParty" JSONB,
    "allowUser" JSONB,
    "allowTag" JSONB,
    "installerUserId" TEXT,
    "installedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelledAt" DATETIME,
    "lastFullSyncAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "WecomCorpAuth_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "WecomCorpAuth_tenantId_key" ON "WecomCorpAuth"("tenantId");
