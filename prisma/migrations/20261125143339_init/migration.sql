-- CreateTable
CREATE TABLE "Site" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "url" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "settings" JSONB NOT NULL,
    "webhookUrl" TEXT,
    "webhookSecret" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Scan" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "siteId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "progress" JSONB NOT NULL,
    "options" JSONB NOT NULL,
    "error" TEXT,
    "trigger" TEXT NOT NULL DEFAULT 'manual',
    "apiKeyId" TEXT,
    "authority" REAL,
    "timings" JSONB,
    "encoder" JSONB,
    "report" BLOB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "Scan_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FrontierEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "scanId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "depth" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "parentUrl" TEXT,
    "state" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "notBefore" DATETIME,
    "claimedBy" TEXT,
    "claimedAt" DATETIME,
    "error" TEXT,
    CONSTRAINT "FrontierEntry_scanId_fkey" FOREIGN KEY ("scanId") REFERENCES "Scan" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Page" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "scanId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "requestedUrl" TEXT NOT NULL,
    "depth" INTEGER NOT NULL,
    "status" INTEGER NOT NULL,
    "contentType" TEXT,
    "charset" TEXT,
    "bytes" INTEGER NOT NULL DEFAULT 0,
    "responseMs" INTEGER NOT NULL DEFAULT 0,
    "redirectChain" JSONB,
    "title" TEXT,
    "metaDescription" TEXT,
    "canonical" TEXT,
    "headings" JSONB,
    "mainText" TEXT,
    "wordCount" INTEGER NOT NULL DEFAULT 0,
    "language" TEXT,
    "publishedAt" DATETIME,
    "modifiedAt" DATETIME,
    "contentHash" TEXT,
    "simhash" TEXT,
    "noindex" BOOLEAN NOT NULL DEFAULT false,
    "nofollow" BOOLEAN NOT NULL DEFAULT false,
    "inSitemap" BOOLEAN NOT NULL DEFAULT false,
    "extra" JSONB,
    "fetchedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Page_scanId_fkey" FOREIGN KEY ("scanId") REFERENCES "Scan" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Link" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "scanId" TEXT NOT NULL,
    "fromUrl" TEXT NOT NULL,
    "toUrl" TEXT NOT NULL,
    "anchor" TEXT NOT NULL,
    "rel" TEXT,
    "nofollow" BOOLEAN NOT NULL DEFAULT false,
    "position" TEXT NOT NULL,
    "context" TEXT,
    CONSTRAINT "Link_scanId_fkey" FOREIGN KEY ("scanId") REFERENCES "Scan" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PageAnalysis" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "pageId" INTEGER NOT NULL,
    "scanId" TEXT NOT NULL,
    "topicKey" INTEGER,
    "topicSimilarity" REAL NOT NULL DEFAULT 0,
    "pagerank" REAL NOT NULL DEFAULT 0,
    "inlinks" INTEGER NOT NULL DEFAULT 0,
    "outlinks" INTEGER NOT NULL DEFAULT 0,
    "isUtility" BOOLEAN NOT NULL DEFAULT false,
    "forgetAction" TEXT NOT NULL DEFAULT 'keep',
    "forgetScore" REAL NOT NULL DEFAULT 0,
    "forgetReasons" JSONB NOT NULL,
    "mergeInto" TEXT,
    "mapX" REAL,
    "mapY" REAL,
    CONSTRAINT "PageAnalysis_pageId_fkey" FOREIGN KEY ("pageId") REFERENCES "Page" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Embedding" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "pageId" INTEGER NOT NULL,
    "scanId" TEXT NOT NULL,
    "dim" INTEGER NOT NULL,
    "vector" BLOB NOT NULL,
    CONSTRAINT "Embedding_pageId_fkey" FOREIGN KEY ("pageId") REFERENCES "Page" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EncoderModel" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "scanId" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "backend" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "vocab" JSONB NOT NULL,
    "weights" BLOB NOT NULL,
    "stats" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EncoderModel_scanId_fkey" FOREIGN KEY ("scanId") REFERENCES "Scan" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Topic" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "scanId" TEXT NOT NULL,
    "topicKey" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "keyphrases" JSONB NOT NULL,
    "isCore" BOOLEAN NOT NULL,
    "pillarUrl" TEXT,
    "pageCount" INTEGER NOT NULL,
    "cohesion" REAL NOT NULL,
    "coverage" REAL NOT NULL,
    "authority" REAL NOT NULL,
    CONSTRAINT "Topic_scanId_fkey" FOREIGN KEY ("scanId") REFERENCES "Scan" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Recommendation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "scanId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "pageUrl" TEXT,
    "targetUrl" TEXT,
    "score" REAL NOT NULL DEFAULT 0,
    "data" JSONB NOT NULL,
    CONSTRAINT "Recommendation_scanId_fkey" FOREIGN KEY ("scanId") REFERENCES "Scan" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChangeReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "scanId" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "previousScanId" TEXT NOT NULL,
    "summary" JSONB NOT NULL,
    "data" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ChangeReport_scanId_fkey" FOREIGN KEY ("scanId") REFERENCES "Scan" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ChangeReport_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Schedule" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "siteId" TEXT NOT NULL,
    "cron" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "lastRunAt" DATETIME,
    "nextRunAt" DATETIME,
    "lastScanId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Schedule_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME
);

-- CreateTable
CREATE TABLE "RateLimitWindow" (
    "bucket" TEXT NOT NULL,
    "windowIndex" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("bucket", "windowIndex")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "siteId" TEXT NOT NULL,
    "scanId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "responseStatus" INTEGER,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" DATETIME,
    CONSTRAINT "WebhookDelivery_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "queue" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'created',
    "priority" INTEGER NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 3,
    "runAfter" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedBy" TEXT,
    "lockedUntil" DATETIME,
    "lastError" TEXT,
    "singletonKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "completedAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "Site_url_key" ON "Site"("url");

-- CreateIndex
CREATE INDEX "Scan_siteId_createdAt_idx" ON "Scan"("siteId", "createdAt");

-- CreateIndex
CREATE INDEX "Scan_status_idx" ON "Scan"("status");

-- CreateIndex
CREATE INDEX "FrontierEntry_scanId_state_depth_id_idx" ON "FrontierEntry"("scanId", "state", "depth", "id");

-- CreateIndex
CREATE UNIQUE INDEX "FrontierEntry_scanId_url_key" ON "FrontierEntry"("scanId", "url");

-- CreateIndex
CREATE INDEX "Page_scanId_status_idx" ON "Page"("scanId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Page_scanId_url_key" ON "Page"("scanId", "url");

-- CreateIndex
CREATE INDEX "Link_scanId_fromUrl_idx" ON "Link"("scanId", "fromUrl");

-- CreateIndex
CREATE INDEX "Link_scanId_toUrl_idx" ON "Link"("scanId", "toUrl");

-- CreateIndex
CREATE UNIQUE INDEX "PageAnalysis_pageId_key" ON "PageAnalysis"("pageId");

-- CreateIndex
CREATE INDEX "PageAnalysis_scanId_topicKey_idx" ON "PageAnalysis"("scanId", "topicKey");

-- CreateIndex
CREATE INDEX "PageAnalysis_scanId_forgetAction_idx" ON "PageAnalysis"("scanId", "forgetAction");

-- CreateIndex
CREATE INDEX "PageAnalysis_scanId_pagerank_idx" ON "PageAnalysis"("scanId", "pagerank");

-- CreateIndex
CREATE UNIQUE INDEX "Embedding_pageId_key" ON "Embedding"("pageId");

-- CreateIndex
CREATE INDEX "Embedding_scanId_idx" ON "Embedding"("scanId");

-- CreateIndex
CREATE UNIQUE INDEX "EncoderModel_scanId_key" ON "EncoderModel"("scanId");

-- CreateIndex
CREATE INDEX "EncoderModel_siteId_createdAt_idx" ON "EncoderModel"("siteId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Topic_scanId_topicKey_key" ON "Topic"("scanId", "topicKey");

-- CreateIndex
CREATE INDEX "Recommendation_scanId_kind_idx" ON "Recommendation"("scanId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "ChangeReport_scanId_key" ON "ChangeReport"("scanId");

-- CreateIndex
CREATE INDEX "ChangeReport_siteId_createdAt_idx" ON "ChangeReport"("siteId", "createdAt");

-- CreateIndex
CREATE INDEX "Schedule_enabled_nextRunAt_idx" ON "Schedule"("enabled", "nextRunAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "WebhookDelivery_siteId_createdAt_idx" ON "WebhookDelivery"("siteId", "createdAt");

-- CreateIndex
CREATE INDEX "Job_queue_state_runAfter_priority_idx" ON "Job"("queue", "state", "runAfter", "priority");

-- CreateIndex
CREATE INDEX "Job_singletonKey_state_idx" ON "Job"("singletonKey", "state");

