/**
 * Server-side render time of the pages table's first page (HTTP GET of the dashboard route) for a generated
 * 20,000-page scan, beside the same route on a 100-page scan measured in the same run as the baseline.
 * Then, in Debian's Chromium, the link graph (WebGL) and the topic map of a 10,000-page scan beside the 100-page
 * one: time until drawn, and frame times while the user zooms the graph or sweeps the pointer over the map.
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
import type { Page } from "playwright-core";
import { startApp } from "../test/support/app-server";
import { launchBrowser } from "../test/support/browser";
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
  const graphScan = await generateScan(db, 10_000, "graph-10000.example");
  console.log(`generated 100 + 20,000 + 10,000 pages in ${((performance.now() - t) / 1000).toFixed(1)} s`);
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
    await measureBrowser(app.url, small.scanId, graphScan.scanId);
  } finally {
    await app.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

interface Frames {
  readyMs: number;
  frames: number;
  medianMs: number;
  p95Ms: number;
  worstMs: number;
}

/** Frame intervals (requestAnimationFrame) while `interact` runs: what the user feels as smooth or stuck. */
async function framesDuring(page: Page, interact: () => Promise<void>): Promise<Omit<Frames, "readyMs">> {
  // a string, not a function: tsx's name helpers do not exist in the page
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__stop = false;
    let last = performance.now();
    const tick = (t) => {
      window.__frames.push(t - last);
      last = t;
      if (!window.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await interact();
  const frames = (await page.evaluate("(() => { window.__stop = true; return window.__frames.slice(1); })()")) as number[];
  const sorted = [...frames].sort((a, b) => a - b);
  return { frames: frames.length, medianMs: pct(sorted, 0.5), p95Ms: pct(sorted, 0.95), worstMs: sorted[sorted.length - 1] ?? NaN };
}

async function linkGraph(page: Page, url: string): Promise<Frames> {
  const t = performance.now();
  await page.goto(url);
  await page.locator('[data-testid="link-graph"][data-ready="true"]').waitFor({ timeout: 120_000 });
  const readyMs = performance.now() - t;
  const box = (await page.locator(".graph-canvas").boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const f = await framesDuring(page, async () => {
    for (let i = 0; i < 20; i++) {
      await page.mouse.wheel(0, i < 10 ? -240 : 240);
      await page.waitForTimeout(100);
    }
  });
  return { readyMs, ...f };
}

async function topicMap(page: Page, url: string, n: number): Promise<Frames> {
  const t = performance.now();
  await page.goto(url);
  await page.waitForFunction(`document.querySelectorAll('[data-testid="topic-map"] circle').length >= ${n}`, undefined, { timeout: 120_000 });
  const readyMs = performance.now() - t;
  const box = (await page.getByTestId("topic-map").boundingBox())!;
  const f = await framesDuring(page, async () => {
    for (let i = 0; i <= 40; i++) {
      await page.mouse.move(box.x + (box.width * i) / 40, box.y + box.height * (0.3 + (0.4 * i) / 40));
      await page.waitForTimeout(50);
    }
  });
  return { readyMs, ...f };
}

async function measureBrowser(base: string, smallId: string, largeId: string): Promise<void> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // warm-up: compiles the routes' client bundles once
    await linkGraph(page, `${base}/scans/${smallId}/links`);
    await topicMap(page, `${base}/scans/${smallId}/map`, 100);
    const rows: [string, Frames, Frames][] = [
      ["link graph (WebGL), zooming", await linkGraph(page, `${base}/scans/${smallId}/links`), await linkGraph(page, `${base}/scans/${largeId}/links`)],
      ["topic map, pointer sweep", await topicMap(page, `${base}/scans/${smallId}/map`, 100), await topicMap(page, `${base}/scans/${largeId}/map`, 10_000)],
    ];
    const fmt = (f: Frames) => `${(f.readyMs / 1000).toFixed(2).padStart(5)} s | ${f.medianMs.toFixed(1).padStart(5)} / ${f.p95Ms.toFixed(1).padStart(6)} / ${f.worstMs.toFixed(0).padStart(5)} ms`;
    console.log("\nChromium (software WebGL, no GPU): time until drawn | frame time median / p95 / worst while interacting");
    console.log("view                         | 100 pages                               | 10,000 pages (30,000 content links)");
    console.log("-".repeat(112));
    for (const [name, a, b] of rows) console.log(`${name.padEnd(28)} | ${fmt(a)} | ${fmt(b)}`);
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
