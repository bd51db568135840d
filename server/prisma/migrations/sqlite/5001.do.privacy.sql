-- privacy (5001): agreements and acceptances, account policy, real-name profiles, privacy requests, erasure tombstones.
-- Rendered by prisma/ddl.ts, then reviewed.
CREATE TABLE "AgreementVersion" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "changeSummary" TEXT NOT NULL,
    "isCurrent" BOOLEAN NOT NULL DEFAULT 0,
    "publishedById" TEXT,
    "publishedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AgreementVersion_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "AgreementVersion_isCurrent_idx" ON "AgreementVersion"("isCurrent");
CREATE UNIQUE INDEX "AgreementVersion_kind_version_key" ON "AgreementVersion"("kind", "version");

CREATE TABLE "AgreementAcceptance" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "ip" TEXT,
    "userAgent" TEXT,
    "acceptedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AgreementAcceptance_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "AgreementAcceptance_tenantId_memberId_versionId_key" ON "AgreementAcceptance"("tenantId", "memberId", "versionId");

CREATE TABLE "AccountPolicy" (
    "tenantId" TEXT NOT NULL,
    "freezeAfterDays" INTEGER NOT NULL DEFAULT 180,
    "retentionDays" INTEGER NOT NULL DEFAULT 540,
    "requireRealName" BOOLEAN NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AccountPolicy_pkey" PRIMARY KEY ("tenantId")
);

CREATE TABLE "RealNameProfile" (
    "tenantId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "realName" TEXT,
    "idNumberCipher" TEXT,
    "idNumberSetAt" DATETIME,
    "employer" TEXT,
    "region" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RealNameProfile_pkey" PRIMARY KEY ("tenantId", "memberId")
);

CREATE TABLE "PrivacyRequest" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "details" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "dueAt" DATETIME NOT NULL,
    "answer" TEXT,
    "answeredById" TEXT,
    "answeredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PrivacyRequest_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "PrivacyRequest_tenantId_memberId_idx" ON "PrivacyRequest"("tenantId", "memberId");
CREATE INDEX "PrivacyRequest_status_dueAt_idx" ON "PrivacyRequest"("status", "dueAt");

CREATE TABLE "AccountErasure" (
    "tenantId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "erasedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AccountErasure_pkey" PRIMARY KEY ("tenantId", "memberId")
);
