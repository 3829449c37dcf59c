-- CreateTable
CREATE TABLE "CrawlTally" (
    "scanId" TEXT NOT NULL,
    "pages" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CrawlTally_pkey" PRIMARY KEY ("scanId")
);

-- AddForeignKey
ALTER TABLE "CrawlTally" ADD CONSTRAINT "CrawlTally_scanId_fkey" FOREIGN KEY ("scanId") REFERENCES "Scan"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Backfill: scans stored before this migration keep their page cap when their crawl resumes
INSERT INTO "CrawlTally" ("scanId", "pages") SELECT "scanId", COUNT(*) FROM "Page" GROUP BY "scanId";
