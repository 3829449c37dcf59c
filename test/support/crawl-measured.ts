/**
 * Runs one crawl in its own process and prints its summary with the process's peak RSS, so a test can bound the
 * memory a hostile site costs the crawler (a test runner's own heap would blur it):
 *   node --import tsx test/support/crawl-measured.ts <sqlite file> <scanId> <options JSON>
 */
import { openDatabase } from "@/lib/db/client";
import { defaultCrawlOptions, runCrawl } from "@/lib/crawl";
import { crawlStore } from "@/lib/db/crawl-store";

async function main(): Promise<void> {
  const [file, scanId, optionsJson] = process.argv.slice(2);
  const options = JSON.parse(optionsJson) as { startUrl: string } & Record<string, unknown>;
  const db = openDatabase({ databaseKind: "sqlite", databaseUrl: file });
  const started = performance.now();
  const summary = await runCrawl(crawlStore(db), scanId, defaultCrawlOptions(options.startUrl, options));
  const ms = Math.round(performance.now() - started);
  await db.$disconnect();
  process.stdout.write(JSON.stringify({ summary, ms, peakRssMiB: process.resourceUsage().maxRSS / 1024 }) + "\n");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
