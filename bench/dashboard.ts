/**
 * Server-side render time of the pages table's first page (HTTP GET of the dashboard route) for a generated
 * 20,000-page scan, beside the same route on a 100-page scan measured in the same run as the baseline.
 * Then, in Debian's Chromium, the link graph (WebGL) and the topic map of a 10,000-page scan beside the 100-page
 * one: time until drawn, and frame times while the user zooms the graph or sweeps the pointer over the map; for the
 * graph also the size of its data, frame times while panning, hover latency, the time from a wheel notch to the new
 * view drawn in full, and the same with every link drawn.
 *
 *   npx tsx bench/dashboard.ts [--runs N]
 *
 * Both scans are written straight into a fresh SQLite file (no crawl); the product is started as `npm start` does.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
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

interface FrameStats {
  frames: number;
  medianMs: number;
  p95Ms: number;
  worstMs: number;
}

interface Frames extends FrameStats {
  readyMs: number;
}

interface GraphFigures extends Frames {
  bytes: number;
  gzipBytes: number;
  pan: FrameStats;
  hover: { medianMs: number; p95Ms: number; hits: number };
  allLinks: FrameStats | null;
  /** median time from a wheel notch to the new view drawn in full */
  drawnMs: number;
  allLinksDrawnMs: number | null;
}

/** Frame intervals (requestAnimationFrame) while `interact` runs: what the user feels as smooth or stuck. */
async function framesDuring(page: Page, interact: () => Promise<void>): Promise<FrameStats> {
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

/** After a gesture: long enough for the view to be drawn once it pauses, so that frame is counted too. */
const SETTLE_MS = 500;

/** Zooms in at the centre, then out at a point to its left: the view ends elsewhere, so its last draw is counted. */
async function zoom(page: Page, box: { x: number; y: number; width: number; height: number }): Promise<FrameStats> {
  return framesDuring(page, async () => {
    for (let i = 0; i < 20; i++) {
      if (i === 10) await page.mouse.move(box.x + box.width / 4, box.y + box.height / 2);
      await page.mouse.wheel(0, i < 10 ? -240 : 240);
      await page.waitForTimeout(100);
    }
    await page.waitForTimeout(SETTLE_MS);
  });
}

async function pan(page: Page, box: { x: number; y: number; width: number; height: number }): Promise<FrameStats> {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  return framesDuring(page, async () => {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let i = 1; i <= 30; i++) {
      const a = (i / 30) * 2 * Math.PI;
      await page.mouse.move(cx + 120 * Math.sin(a), cy + 60 * Math.sin(2 * a), { steps: 2 });
      await page.waitForTimeout(30);
    }
    await page.mouse.up();
    await page.waitForTimeout(SETTLE_MS);
  });
}

/**
 * Hover latency: from the pointer moving onto a page to the hover card naming it. The pointer visits points on a
 * spiral over the graph and waits for the card after each move; moves that land on no page are not counted.
 */
async function hoverLatency(page: Page, box: { x: number; y: number; width: number; height: number }): Promise<GraphFigures["hover"]> {
  await page.evaluate(`(() => {
    window.__changes = [];
    document.addEventListener("pointermove", () => (window.__lastMove = performance.now()), true);
    const card = document.querySelector('[data-testid="graph-hover"]');
    new MutationObserver(() => window.__changes.push({ ms: performance.now() - window.__lastMove, text: card.textContent })).observe(card, { childList: true, subtree: true, characterData: true });
  })()`);
  const latencies: number[] = [];
  for (let i = 0; i < 60 && latencies.length < 10; i++) {
    const a = i * 2.4;
    const r = 0.05 + (0.4 * i) / 60;
    const before = (await page.evaluate("window.__changes.length")) as number;
    await page.mouse.move(box.x + box.width * (0.5 + r * Math.cos(a)), box.y + box.height * (0.5 + r * Math.sin(a)));
    const changed = await page
      .waitForFunction(`window.__changes.length > ${before}`, undefined, { timeout: 1500 })
      .then(() => true)
      .catch(() => false);
    if (!changed) continue;
    await page.waitForTimeout(50);
    const entered = (await page.evaluate(`window.__changes.slice(${before}).filter((c) => !c.text.startsWith("Hover a page"))`)) as { ms: number }[];
    if (entered.length) latencies.push(entered[0].ms);
  }
  latencies.sort((a, b) => a - b);
  return { medianMs: pct(latencies, 0.5) ?? NaN, p95Ms: pct(latencies, 0.95) ?? NaN, hits: latencies.length };
}

/**
 * From the last input of a gesture to the new view drawn in full. Frame intervals alone miss a single expensive draw:
 * Chromium keeps producing frames while the GPU process (here SwiftShader) works through a queued WebGL draw, so this
 * waits for the moved preview to be replaced, then reads a pixel back, which returns only once every queued draw ran.
 */
async function drawnAfterGesture(page: Page): Promise<number> {
  return (await page.evaluate(`(async () => {
    const moved = () => [...document.querySelectorAll(".graph-canvas canvas")].some((c) => c.style.transform.includes("scale"));
    while (moved()) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    for (const c of document.querySelectorAll(".graph-canvas canvas")) {
      const gl = c.getContext("webgl2");
      if (gl) gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
    }
    return performance.now() - window.__lastInput;
  })()`)) as number;
}

/** Median over `notches` wheel notches (alternately in and out) of the time until the new view is drawn in full. */
async function wheelToDrawn(page: Page, notches: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < notches; i++) {
    await page.mouse.wheel(0, i % 2 ? 240 : -240);
    times.push(await drawnAfterGesture(page));
    await page.waitForTimeout(300);
  }
  times.sort((a, b) => a - b);
  return pct(times, 0.5);
}

async function linkGraph(page: Page, base: string, scanId: string): Promise<GraphFigures> {
  const body = await (await fetch(`${base}/api/ui/scans/${scanId}/graph`)).text();
  const bytes = body.length;
  // the server gzips responses (Next's default): what travels is about this
  const gzipBytes = gzipSync(body).length;
  const t = performance.now();
  await page.goto(`${base}/scans/${scanId}/links`);
  await page.locator('[data-testid="link-graph"][data-ready="true"]').waitFor({ timeout: 120_000 });
  // drawn: two animation frames after the graph is ready, so the first frame has been painted
  await page.evaluate("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))");
  const readyMs = performance.now() - t;
  const box = (await page.locator(".graph-canvas").boundingBox())!;
  await page.evaluate(`["wheel", "pointerup", "keydown"].forEach((t) => document.addEventListener(t, () => (window.__lastInput = performance.now()), true))`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const z = await zoom(page, box);
  const p = await pan(page, box);
  // one wheel notch, then the time until the new view is drawn in full
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const drawnMs = await wheelToDrawn(page, 6);
  await page.waitForTimeout(500);
  const hover = await hoverLatency(page, box);
  let allLinks: FrameStats | null = null;
  let allLinksDrawnMs: number | null = null;
  const every = page.getByLabel("Draw every link");
  if (await every.count()) {
    await every.check();
    await page.waitForTimeout(1000);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    allLinks = await zoom(page, box);
    allLinksDrawnMs = await wheelToDrawn(page, 4);
  }
  return { readyMs, ...z, bytes, gzipBytes, pan: p, hover, allLinks, drawnMs, allLinksDrawnMs };
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
    await linkGraph(page, base, smallId);
    await topicMap(page, `${base}/scans/${smallId}/map`, 100);
    const [ga, gb] = [await linkGraph(page, base, smallId), await linkGraph(page, base, largeId)];
    const rows: [string, Frames, Frames][] = [
      ["link graph (WebGL), zooming", ga, gb],
      ["topic map, pointer sweep", await topicMap(page, `${base}/scans/${smallId}/map`, 100), await topicMap(page, `${base}/scans/${largeId}/map`, 10_000)],
    ];
    const frames = (f: FrameStats) => `${f.medianMs.toFixed(1).padStart(5)} / ${f.p95Ms.toFixed(1).padStart(6)} / ${f.worstMs.toFixed(0).padStart(5)} ms`;
    const fmt = (f: Frames) => `${(f.readyMs / 1000).toFixed(2).padStart(5)} s | ${frames(f)}`;
    console.log("\nChromium (software WebGL, no GPU): time until drawn | frame time median / p95 / worst while interacting");
    console.log("view                         | 100 pages                               | 10,000 pages (30,000 content links)");
    console.log("-".repeat(112));
    for (const [name, a, b] of rows) console.log(`${name.padEnd(28)} | ${fmt(a)} | ${fmt(b)}`);
    const wide = (s: string) => s.padEnd(39);
    const hover = (h: GraphFigures["hover"]) => (h.hits ? `${h.medianMs.toFixed(0).padStart(5)} / ${h.p95Ms.toFixed(0).padStart(5)} ms (${h.hits} hovers)` : "no page hovered");
    console.log("\nlink graph, more figures     | 100 pages                               | 10,000 pages");
    console.log("-".repeat(112));
    const size = (g: GraphFigures) => `${(g.bytes / 1024).toFixed(0)} KiB (${(g.gzipBytes / 1024).toFixed(0)} KiB gzipped)`;
    console.log(`${"graph data (JSON)".padEnd(28)} | ${wide(size(ga))} | ${size(gb)}`);
    console.log(`${"panning (drag)".padEnd(28)} | ${wide(frames(ga.pan))} | ${frames(gb.pan)}`);
    console.log(`${"hover latency median / p95".padEnd(28)} | ${wide(hover(ga.hover))} | ${hover(gb.hover)}`);
    console.log(`${"wheel notch to view drawn".padEnd(28)} | ${wide(`${ga.drawnMs.toFixed(0).padStart(5)} ms (median of 6)`)} | ${gb.drawnMs.toFixed(0).padStart(5)} ms (median of 6)`);
    const drawnAll = (g: GraphFigures) => (g.allLinksDrawnMs === null ? "(every link is drawn above)" : `${g.allLinksDrawnMs.toFixed(0).padStart(5)} ms (median of 4)`);
    console.log(`${"same, every link drawn".padEnd(28)} | ${wide(drawnAll(ga))} | ${drawnAll(gb)}`);
    console.log(`${"zooming, every link drawn".padEnd(28)} | ${wide(ga.allLinks ? frames(ga.allLinks) : "(every link is drawn above)")} | ${gb.allLinks ? frames(gb.allLinks) : "(every link is drawn above)"}`);
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
