/**
 * Runs one crawl in its own process, so a test can SIGKILL it mid-crawl:
 *   node --import tsx test/support/crawl-child.ts <sqlite file> <scanId> <startUrl> [concurrency]
 */
import { openDatabase } from "@/lib/db/client";
import { defaultCrawlOptions, runCrawl } from "@/lib/crawl";
import { crawlStore } from "@/lib/db/crawl-store";

async function main(): Promise<void> {
  const [file, scanId, startUrl, concurrency] = process.argv.slice(2);
  const db = openDatabase({ databaseKind: "sqlite", databaseUrl: file });
  process.stdout.write("started\n");
  await runCrawl(crawlStore(db), scanId, defaultCrawlOptions(startUrl, { allowPrivate: true, concurrency: Number(concurrency ?? 2), maxPages: 10_000 }), {
    workerId: "child-worker",
  });
  await db.$disconnect();
  process.stdout.write("finished\n");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
