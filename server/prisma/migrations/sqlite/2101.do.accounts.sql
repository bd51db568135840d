-- accounts: rendered by prisma/ddl.ts, then reviewed
CREATE TABLE "LoginLog" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "ip" TEXT,
    "userAgent" TEXT,
    "deviceId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LoginLog_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "LoginLog_tenantId_memberId_createdAt_idx" ON "LoginLog"("tenantId", "memberId", "createdAt");

CREATE TABLE "MemberPassword" (
    "tenantId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "MemberPassword_pkey" PRIMARY KEY ("tenantId", "memberId")
);

CREATE TABLE "MemberDevice" (
    "tenantId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "deviceHash" TEXT NOT NULL,
    "firstSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MemberDevice_pkey" PRIMARY KEY ("tenantId", "memberId", "deviceHash")
);

CREATE TABLE "WechatIdentity" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "openid" TEXT NOT NULL,
    "unionid" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WechatIdentity_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "WechatIdentity_tenantId_memberId_idx" ON "WechatIdentity"("tenantId", "memberId");
CREATE INDEX "WechatIdentity_openid_idx" ON "WechatIdentity"("openid");
CREATE UNIQUE INDEX "WechatIdentity_tenantId_appId_openid_key" ON "WechatIdentity"("tenantId", "appId", "openid");

CREATE TABLE "Invitation" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "phoneHash" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "invitedById" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "acceptedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "Invitation_tenantId_status_idx" ON "Invitation"("tenantId", "status");
CREATE INDEX "Invitation_tenantId_memberId_idx" ON "Invitation"("tenantId", "memberId");

CREATE TABLE "VerificationCode" (
    "id" TEXT NOT NULL,
    "phoneHash" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" DATETIME NOT NULL,
    "consumedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "VerificationCode_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "VerificationCode_phoneHash_purpose_createdAt_idx" ON "VerificationCode"("phoneHash", "purpose", "createdAt");

CREATE TABLE "UsedLoginCode" (
    "codeHash" TEXT NOT NULL,
    "usedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "UsedLoginCode_pkey" PRIMARY KEY ("codeHash")
);
CREATE INDEX "UsedLoginCode_expiresAt_idx" ON "UsedLoginCode"("expiresAt");

CREATE TABLE "RateCounter" (
    "key" TEXT NOT NULL,
    "windowStart" DATETIME NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "RateCounter_pkey" PRIMARY KEY ("key", "windowStart")
);
CREATE INDEX "RateCounter_expiresAt_idx" ON "RateCounter"("expiresAt");

-- Phone logins find the enterprise from the phone number.
CREATE INDEX "Member_phoneHash_idx" ON "Member"("phoneHash");
