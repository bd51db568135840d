-- messages: rendered by prisma/ddl.ts, then reviewed
CREATE TABLE "AppMessage" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "source" TEXT NOT NULL,
    "createdById" TEXT,
    "recipientCount" INTEGER NOT NULL DEFAULT 0,
    "sentCount" INTEGER NOT NULL DEFAULT 0,
    "hostMsgIds" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AppMessage_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "AppMessage_tenantId_createdAt_idx" ON "AppMessage"("tenantId", "createdAt");

CREATE TABLE "AppMessageRecipient" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "errcode" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AppMessageRecipient_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "AppMessageRecipient_tenantId_messageId_idx" ON "AppMessageRecipient"("tenantId", "messageId");
CREATE INDEX "AppMessageRecipient_tenantId_memberId_createdAt_idx" ON "AppMessageRecipient"("tenantId", "memberId", "createdAt");
CREATE INDEX "AppMessageRecipient_tenantId_outcome_createdAt_idx" ON "AppMessageRecipient"("tenantId", "outcome", "createdAt");

CREATE TABLE "HostTicket" (
    "tenantId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "ticket" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "HostTicket_pkey" PRIMARY KEY ("tenantId", "kind")
);
