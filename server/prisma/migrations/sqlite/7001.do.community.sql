-- community (7001): boards, posts and replies, likes, follows, sensitive words, reports, the review queue, evidence, penalties, IP bans; Member.suspendedUntil.
CREATE TABLE "CommunityBoard" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "createdById" TEXT NOT NULL,
    "archivedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CommunityBoard_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "CommunityBoard_tenantId_name_key" ON "CommunityBoard"("tenantId", "name");

CREATE TABLE "CommunityPost" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "boardId" TEXT,
    "authorId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "mentionIds" JSONB,
    "status" TEXT NOT NULL DEFAULT 'published',
    "heldReason" TEXT,
    "acceptedAnswerId" TEXT,
    "replyCount" INTEGER NOT NULL DEFAULT 0,
    "likeCount" INTEGER NOT NULL DEFAULT 0,
    "authorIp" TEXT,
    "deletedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CommunityPost_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "CommunityPost_tenantId_kind_status_createdAt_idx" ON "CommunityPost"("tenantId", "kind", "status", "createdAt");
CREATE INDEX "CommunityPost_tenantId_boardId_status_createdAt_idx" ON "CommunityPost"("tenantId", "boardId", "status", "createdAt");
CREATE INDEX "CommunityPost_tenantId_authorId_createdAt_idx" ON "CommunityPost"("tenantId", "authorId", "createdAt");

CREATE TABLE "CommunityReply" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "postId" TEXT NOT NULL,
    "parentId" TEXT,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "mentionIds" JSONB,
    "status" TEXT NOT NULL DEFAULT 'published',
    "heldReason" TEXT,
    "likeCount" INTEGER NOT NULL DEFAULT 0,
    "authorIp" TEXT,
    "deletedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CommunityReply_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "CommunityReply_tenantId_postId_createdAt_idx" ON "CommunityReply"("tenantId", "postId", "createdAt");
CREATE INDEX "CommunityReply_tenantId_authorId_createdAt_idx" ON "CommunityReply"("tenantId", "authorId", "createdAt");

CREATE TABLE "CommunityLike" (
    "tenantId" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CommunityLike_pkey" PRIMARY KEY ("tenantId", "targetType", "targetId", "memberId")
);

CREATE TABLE "CommunityFollow" (
    "tenantId" TEXT NOT NULL,
    "postId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CommunityFollow_pkey" PRIMARY KEY ("tenantId", "postId", "memberId")
);
CREATE INDEX "CommunityFollow_tenantId_memberId_idx" ON "CommunityFollow"("tenantId", "memberId");

CREATE TABLE "SensitiveWord" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "word" TEXT NOT NULL,
    "action" TEXT NOT NULL DEFAULT 'review',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SensitiveWord_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "SensitiveWord_tenantId_word_key" ON "SensitiveWord"("tenantId", "word");

CREATE TABLE "PlatformSensitiveWord" (
    "id" TEXT NOT NULL,
    "word" TEXT NOT NULL,
    "action" TEXT NOT NULL DEFAULT 'refuse',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PlatformSensitiveWord_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "PlatformSensitiveWord_word_key" ON "PlatformSensitiveWord"("word");

CREATE TABLE "CommunitySettings" (
    "tenantId" TEXT NOT NULL,
    "linkDomains" JSONB,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CommunitySettings_pkey" PRIMARY KEY ("tenantId")
);

CREATE TABLE "ContentReport" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "reporterId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ContentReport_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "ContentReport_tenantId_caseId_idx" ON "ContentReport"("tenantId", "caseId");
CREATE UNIQUE INDEX "ContentReport_tenantId_targetType_targetId_reporterId_key" ON "ContentReport"("tenantId", "targetType", "targetId", "reporterId");

CREATE TABLE "ModerationCase" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "openKey" TEXT,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "subjectId" TEXT,
    "reportCount" INTEGER NOT NULL DEFAULT 0,
    "summary" TEXT,
    "appealText" TEXT,
    "decision" TEXT,
    "decisionReason" TEXT,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ModerationCase_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "ModerationCase_tenantId_status_createdAt_idx" ON "ModerationCase"("tenantId", "status", "createdAt");
CREATE INDEX "ModerationCase_tenantId_targetType_targetId_idx" ON "ModerationCase"("tenantId", "targetType", "targetId");
CREATE UNIQUE INDEX "ModerationCase_tenantId_openKey_key" ON "ModerationCase"("tenantId", "openKey");

CREATE TABLE "ModerationEvidence" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "caseId" TEXT,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "authorId" TEXT,
    "authorIp" TEXT,
    "event" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "capturedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retainUntil" DATETIME NOT NULL,
    CONSTRAINT "ModerationEvidence_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "ModerationEvidence_tenantId_targetType_targetId_idx" ON "ModerationEvidence"("tenantId", "targetType", "targetId");
CREATE INDEX "ModerationEvidence_tenantId_capturedAt_idx" ON "ModerationEvidence"("tenantId", "capturedAt");
CREATE INDEX "ModerationEvidence_retainUntil_idx" ON "ModerationEvidence"("retainUntil");

CREATE TABLE "MemberPenalty" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "reason" TEXT NOT NULL,
    "caseId" TEXT,
    "imposedById" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endsAt" DATETIME,
    "revokedById" TEXT,
    "revokedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MemberPenalty_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "MemberPenalty_tenantId_memberId_createdAt_idx" ON "MemberPenalty"("tenantId", "memberId", "createdAt");
CREATE INDEX "MemberPenalty_status_endsAt_idx" ON "MemberPenalty"("status", "endsAt");

CREATE TABLE "IpBan" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "endsAt" DATETIME,
    "revokedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "IpBan_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "IpBan_tenantId_ip_idx" ON "IpBan"("tenantId", "ip");

ALTER TABLE "Member" ADD COLUMN "suspendedUntil" DATETIME;
