import type { Db } from "@/lib/db/client";
import { defaultCrawlOptions, runCrawl, type CrawlOptions, type CrawlSummary } from "@/lib/crawl";
import { createTestDatabase, type TestDatabase } from "./db";
import { crawlStore } from "@/lib/db/crawl-store";

/** A Site and a Scan row for a crawl test. */
export async function createScan(db: Db, url: string): Promise<string> {
  const site = await db.site.create({ data: { url: `${url}#${Math.random()}`, name: "test", settings: {} } });
  const scan = await db.scan.create({ data: { siteId: site.id, url, progress: {}, options: {} } });
  return scan.id;
}

export interface CrawlRun {
  tdb: TestDatabase;
  scanId: string;
  summary: CrawlSummary;
  pages: Awaited<ReturnType<Db["page"]["findMany"]>>;
  byPath: (path: string) => Awaited<ReturnType<Db["page"]["findMany"]>>[number] | undefined;
}

/** Crawls `startUrl` into a fresh SQLite database with test-friendly options (private addresses allowed). */
export async function crawlOnce(startUrl: string, overrides: Partial<CrawlOptions> = {}): Promise<CrawlRun> {
  const tdb = await createTestDatabase();
  const scanId = await createScan(tdb.db, startUrl);
  const summary = await runCrawl(crawlStore(tdb.db), scanId, defaultCrawlOptions(startUrl, { allowPrivate: true, concurrency: 4, retries: 1, ...overrides }));
  const pages = await tdb.db.page.findMany({ where: { scanId }, orderBy: { id: "asc" } });
  return { tdb, scanId, summary, pages, byPath: (p) => pages.find((x) => new URL(x.url).pathname + new URL(x.url).search === p) };
}
