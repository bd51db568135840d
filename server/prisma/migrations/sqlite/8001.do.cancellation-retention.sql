-- agreements (8001): cancellation that keeps what must be kept (001 §1.4, 002 §3.1.4, §3.3).
ALTER TABLE "AccountPolicy" ADD COLUMN "selfCancellation" BOOLEAN NOT NULL DEFAULT 1;
ALTER TABLE "AccountPolicy" ADD COLUMN "blockOnOpenTasks" BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE "AccountPolicy" ADD COLUMN "recordRetentionDays" INTEGER NOT NULL DEFAULT 1095;
ALTER TABLE "Certificate" ADD COLUMN "revokedAt" DATETIME;

CREATE TABLE "RegulatorReport" (
    "tenantId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "lastReportedAt" DATETIME NOT NULL,
    CONSTRAINT "RegulatorReport_pkey" PRIMARY KEY ("tenantId", "memberId")
);

CREATE TABLE "RetainedIdentity" (
    "tenantId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "sealed" TEXT NOT NULL,
    "reasons" TEXT NOT NULL,
    "lockedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retainUntil" DATETIME NOT NULL,
    CONSTRAINT "RetainedIdentity_pkey" PRIMARY KEY ("tenantId", "memberId")
);
CREATE INDEX "RetainedIdentity_tenantId_retainUntil_idx" ON "RetainedIdentity"("tenantId", "retainUntil");
