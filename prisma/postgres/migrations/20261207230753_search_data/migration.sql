-- CreateTable
CREATE TABLE "SearchDataSet" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "SearchDataSet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SearchDataRow" (
    "id" SERIAL NOT NULL,
    "dataSetId" TEXT NOT NULL,
    "page" TEXT,
    "query" TEXT,
    "clicks" INTEGER,
    "impressions" INTEGER,
    "ctr" DOUBLE PRECISION,
    "position" DOUBLE PRECISION,
    "sessions" INTEGER,
    "engagedSessions" INTEGER,
    "engagementRate" DOUBLE PRECISION,
    "engagementSeconds" DOUBLE PRECISION,

    CONSTRAINT "SearchDataRow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PageSearch" (
    "id" SERIAL NOT NULL,
    "pageId" INTEGER NOT NULL,
    "scanId" TEXT NOT NULL,
    "clicks" INTEGER,
    "impressions" INTEGER,
    "ctr" DOUBLE PRECISION,
    "position" DOUBLE PRECISION,
    "queries" INTEGER NOT NULL DEFAULT 0,
    "sessions" INTEGER,
    "engagementRate" DOUBLE PRECISION,

    CONSTRAINT "PageSearch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SearchConsoleConnection" (
    "id" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "property" TEXT NOT NULL,
    "clientEmail" TEXT NOT NULL,
    "encryptedKey" TEXT NOT NULL,
    "rangeDays" INTEGER NOT NULL DEFAULT 28,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "nextRefreshAt" TIMESTAMP(3),
    "lastRefreshAt" TIMESTAMP(3),
    "lastStatus" TEXT,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SearchConsoleConnection_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "SearchDataSet" ADD CONSTRAINT "SearchDataSet_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SearchDataRow" ADD CONSTRAINT "SearchDataRow_dataSetId_fkey" FOREIGN KEY ("dataSetId") REFERENCES "SearchDataSet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PageSearch" ADD CONSTRAINT "PageSearch_pageId_fkey" FOREIGN KEY ("pageId") REFERENCES "Page"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SearchConsoleConnection" ADD CONSTRAINT "SearchConsoleConnection_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE CASCADE ON UPDATE CASCADE;

