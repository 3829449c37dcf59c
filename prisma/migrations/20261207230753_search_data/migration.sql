-- CreateTable
CREATE TABLE "SearchDataSet" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "siteId" TEXT NOT NULL,
    "scanId" TEXT,
    "source" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "fileName" TEXT,
    "startDate" TEXT,
    "endDate" TEXT,
    "rowCount" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" DATETIME,
    CONSTRAINT "SearchDataSet_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SearchDataRow" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "dataSetId" TEXT NOT NULL,
    "page" TEXT,
    "query" TEXT,
    "clicks" INTEGER,
    "impressions" INTEGER,
    "ctr" REAL,
    "position" REAL,
    "sessions" INTEGER,
    "engagedSessions" INTEGER,
    "engagementRate" REAL,
    "engagementSeconds" REAL,
    CONSTRAINT "SearchDataRow_dataSetId_fkey" FOREIGN KEY ("dataSetId") REFERENCES "SearchDataSet" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PageSearch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "pageId" INTEGER NOT NULL,
    "scanId" TEXT NOT NULL,
    "clicks" INTEGER,
    "impressions" INTEGER,
    "ctr" REAL,
    "position" REAL,
    "queries" INTEGER NOT NULL DEFAULT 0,
    "sessions" INTEGER,
    "engagementRate" REAL,
    CONSTRAINT "PageSearch_pageId_fkey" FOREIGN KEY ("pageId") REFERENCES "Page" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SearchConsoleConnection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "siteId" TEXT NOT NULL,
    "property" TEXT NOT NULL,
    "clientEmail" TEXT NOT NULL,
    "encryptedKey" TEXT NOT NULL,
    "rangeDays" INTEGER NOT NULL DEFAULT 28,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "nextRefreshAt" DATETIME,
    "lastRefreshAt" DATETIME,
    "lastStatus" TEXT,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SearchConsoleConnection_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SearchDataSet_siteId_scanId_source_kind_idx" ON "SearchDataSet"("siteId", "scanId", "source", "kind");

-- CreateIndex
CREATE INDEX "SearchDataRow_dataSetId_idx" ON "SearchDataRow"("dataSetId");

-- CreateIndex
CREATE UNIQUE INDEX "PageSearch_pageId_key" ON "PageSearch"("pageId");

-- CreateIndex
CREATE INDEX "PageSearch_scanId_clicks_idx" ON "PageSearch"("scanId", "clicks");

-- CreateIndex
CREATE INDEX "PageSearch_scanId_impressions_idx" ON "PageSearch"("scanId", "impressions");

-- CreateIndex
CREATE UNIQUE INDEX "SearchConsoleConnection_siteId_key" ON "SearchConsoleConnection"("siteId");

-- CreateIndex
CREATE INDEX "SearchConsoleConnection_enabled_nextRefreshAt_idx" ON "SearchConsoleConnection"("enabled", "nextRefreshAt");

