/**
 * Server-side render time of the pages table's first page (HTTP GET of the dashboard route) for a generated
 * 20,000-page scan, beside the same route on a 100-page scan measured in the same run as the baseline.
 *
 *   npx tsx bench/dashboard.ts [--runs N]
 *
 * Both scans are written straight into a fresh SQLite file (no crawl); the product is started as `npm start` does.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { startApp } from "../test/support/app-server";
import { generateScan } from "../test/support/generated-scan";

const RUNS = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 15;
const WARMUP = 3;

async function timeGet(url: string): Promise<{ ms: number; bytes: number }> {
  const t = performance.now();
  const r = await fetch(url);
  const body = await r.text();
  if (r.status !== 200) throw new Error(`${url} answered ${r.status}`);
  return { ms: performance.now() - t, bytes: body.length };
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

async function measure(url: string): Promise<{ median: number; p95: number; bytes: number }> {
  for (let i = 0; i < WARMUP; i++) await timeGet(url);
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const r = await timeGet(url);
    times.push(r.ms);
    bytes = r.bytes;
  }
  times.sort((a, b) => a - b);
  return { median: pct(times, 0.5), p95: pct(times, 0.95), bytes };
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "topicgate-bench-"));
  const file = path.join(dataDir, "topicgate.db");
  await migrate({ databaseKind: "sqlite", databaseUrl: file });
  const db = openDatabase({ databaseKind: "sqlite", databaseUrl: file });
  let t = performance.now();
  const small = await generateScan(db, 100, "baseline-100.example");
  const large = await generateScan(db, 20_000, "large-20000.example");
  console.log(`generated 100 + 20,000 pages in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  await db.$disconnect();
  t = performance.now();
  const app = await startApp({ DATA_DIR: dataDir });
  console.log(`app started in ${((performance.now() - t) / 1000).toFixed(1)} s; ${RUNS} timed GETs per route after ${WARMUP} warm-up GETs`);
  try {
    const routes: { name: string; path: (id: string) => string }[] = [
      { name: "pages, first page (default sort: PageRank)", path: (id) => `/scans/${id}/pages` },
      { name: "pages, page 200, sorted by words", path: (id) => `/scans/${id}/pages?page=200&sort=wordCount&dir=asc` },
      { name: "pages, search + action filter", path: (id) => `/scans/${id}/pages?q=page-001&action=prune` },
    ];
    console.log("\nroute                                          | 100 pages median / p95 | 20,000 pages median / p95 | ratio");
    console.log("-".repeat(112));
    for (const r of routes) {
      const a = await measure(app.url + r.path(small.scanId));
      const b = await measure(app.url + r.path(large.scanId));
      console.log(
        `${r.name.padEnd(46)} | ${a.median.toFixed(1).padStart(7)} / ${a.p95.toFixed(1).padStart(6)} ms     | ${b.median.toFixed(1).padStart(8)} / ${b.p95.toFixed(1).padStart(6)} ms       | ${(b.median / a.median).toFixed(2)}x  (${(b.bytes / 1024).toFixed(0)} KiB HTML)`,
      );
    }
  } finally {
    await app.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
