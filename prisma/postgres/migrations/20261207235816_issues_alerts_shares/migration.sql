-- CreateTable
CREATE TABLE "Issue" (
    "id" SERIAL NOT NULL,
    "scanId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "pageUrl" TEXT,
    "detail" TEXT,

    CONSTRAINT "Issue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IssueStatus" (
    "id" SERIAL NOT NULL,
    "siteId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "reopenedByScanId" TEXT,

    CONSTRAINT "IssueStatus_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SuggestionStatus" (
    "id" SERIAL NOT NULL,
    "siteId" TEXT NOT NULL,
    "suggestionId" TEXT NOT NULL,
    "fromUrl" TEXT NOT NULL,
    "toUrl" TEXT NOT NULL,
    "anchor" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "appliedScanId" TEXT,

    CONSTRAINT "SuggestionStatus_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertSettings" (
    "siteId" TEXT NOT NULL,
    "emails" JSONB NOT NULL,
    "webhookUrl" TEXT,
    "authorityDrop" DOUBLE PRECISION,
    "newErrors" BOOLEAN NOT NULL DEFAULT true,
    "newOffTopic" BOOLEAN NOT NULL DEFAULT true,
    "scanFailed" BOOLEAN NOT NULL DEFAULT true,
    "scheduledOnly" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AlertSettings_pkey" PRIMARY KEY ("siteId")
);

-- CreateTable
CREATE TABLE "AlertDelivery" (
    "id" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "scanId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "digest" JSONB NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "AlertDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShareLink" (
    "id" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "scanId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "lastOpenedAt" TIMESTAMP(3),

    CONSTRAINT "ShareLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InstanceSecret" (
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InstanceSecret_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "Issue_scanId_severity_idx" ON "Issue"("scanId", "severity");

-- CreateIndex
CREATE UNIQUE INDEX "Issue_scanId_code_key_key" ON "Issue"("scanId", "code", "key");

-- CreateIndex
CREATE UNIQUE INDEX "IssueStatus_siteId_code_key_key" ON "IssueStatus"("siteId", "code", "key");

-- CreateIndex
CREATE INDEX "SuggestionStatus_siteId_status_idx" ON "SuggestionStatus"("siteId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "SuggestionStatus_siteId_suggestionId_key" ON "SuggestionStatus"("siteId", "suggestionId");

-- CreateIndex
CREATE INDEX "AlertDelivery_siteId_createdAt_idx" ON "AlertDelivery"("siteId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "AlertDelivery_scanId_channel_key" ON "AlertDelivery"("scanId", "channel");

-- CreateIndex
CREATE INDEX "ShareLink_scanId_idx" ON "ShareLink"("scanId");

-- AddForeignKey
ALTER TABLE "Issue" ADD CONSTRAINT "Issue_scanId_fkey" FOREIGN KEY ("scanId") REFERENCES "Scan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IssueStatus" ADD CONSTRAINT "IssueStatus_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SuggestionStatus" ADD CONSTRAINT "SuggestionStatus_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertSettings" ADD CONSTRAINT "AlertSettings_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertDelivery" ADD CONSTRAINT "AlertDelivery_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShareLink" ADD CONSTRAINT "ShareLink_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShareLink" ADD CONSTRAINT "ShareLink_scanId_fkey" FOREIGN KEY ("scanId") REFERENCES "Scan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

