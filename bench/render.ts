/**
 * Rendering throughput beside raw crawling of the same site: a generated single-page application (N routes, each
 * answering the same HTML shell; its script fetches the route's text as JSON and builds the page and its links) served
 * on 127.0.0.1, crawled into a fresh SQLite file with render off (raw HTML: one page, the shell), with render always on
 * the same site, and, as the raw baseline of the same pages, the same site served with its text in the HTML.
 * Prints pages/s and peak RSS of this process plus every Chromium process it started (sampled every 100 ms).
 *
 *   npm run bench:render                  # 300 routes
 *   PAGES=1000 npm run bench:render
 *   DEADLINE_MS=10000 npm run bench:render   # the product's deadline (default here 30 s)
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs";
import os from "node:os";
import { defaultCrawlOptions, runCrawl } from "../lib/crawl";
import { crawlStore } from "../lib/db/crawl-store";
import { createTestDatabase } from "../test/support/db";
import { createScan } from "../test/support/crawl-fixtures";
import { serveSite, type Route } from "../test/support/site-server";

const N = Number(process.env.PAGES ?? 300);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 4);
/** A render's deadline (the product's is RENDER_DEADLINE_MS, 10 s); raised here so a loaded machine measures throughput, not timeouts. */
const DEADLINE_MS = Number(process.env.DEADLINE_MS ?? 30_000);
const WORDS = "garden tomato rose compost soil planet telescope moon star orbit river valley mountain forest meadow".split(" ");

/** Text of its own per page (a seeded mix of words and made-up terms), so the crawl's trap guard sees new content. */
function text(i: number, words: number): string {
  let seed = i * 2654435761 + 1;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const out: string[] = [];
  for (let k = 0; k < words; k++) out.push(rand() < 0.3 ? `term${Math.floor(rand() * 5000)}` : WORDS[Math.floor(rand() * WORDS.length)]);
  return out.join(" ");
}
const route = (i: number) => (i === 0 ? "/" : `/p/${i}`);
const linksOf = (i: number) => [1, 2, 3, 4, 5].map((d) => (i + d) % N).map(route);
const bodyOf = (i: number) =>
  `<main><h1>Page ${i}</h1><p>${text(i, 300)}</p><ul>${linksOf(i).map((h) => `<li><a href="${h}">${h}</a></li>`).join("")}</ul></main>`;

function spa(): Record<string, Route> {
  const shell = `<!doctype html><html><head><title>App</title><script defer src="/app.js"></script></head><body><div id="root"></div></body></html>`;
  const app = `fetch('/api'+(location.pathname==='/'?'/index':location.pathname)+'.json').then(r=>r.json()).then(d=>{document.title=d.title;document.getElementById('root').innerHTML=d.body})`;
  const routes: Record<string, Route> = { "/app.js": { headers: { "content-type": "text/javascript" }, body: app } };
  for (let i = 0; i < N; i++) {
    routes[route(i)] = shell;
    routes[`/api${i === 0 ? "/index" : route(i)}.json`] = { headers: { "content-type": "application/json" }, body: JSON.stringify({ title: `Page ${i}`, body: bodyOf(i) }) };
  }
  return routes;
}

function server(): Record<string, Route> {
  const routes: Record<string, Route> = {};
  for (let i = 0; i < N; i++) routes[route(i)] = `<!doctype html><html><head><title>Page ${i}</title></head><body>${bodyOf(i)}</body></html>`;
  return routes;
}

/** Kernel-reported memory of one process in KiB: PSS (shared pages split among their sharers), else RSS. */
async function processKiB(pid: number, rss: number): Promise<number> {
  try {
    const m = /^Pss:\s+(\d+)/m.exec(await fs.promises.readFile(`/proc/${pid}/smaps_rollup`, "utf8"));
    return m ? Number(m[1]) : rss;
  } catch {
    return rss;
  }
}

/**
 * Memory of this process and all its descendants (Chromium's browser, renderer, GPU and utility processes), in MiB:
 * the sum of their PSS (a plain sum of RSS counts the pages Chromium's processes share once per process), and of RSS.
 * Read without blocking the event loop (a synchronous read of every process's smaps starves the crawl being measured).
 */
async function treeMiB(): Promise<{ pss: number; rss: number }> {
  try {
    const { stdout: out } = await promisify(execFile)("ps", ["-eo", "pid=,ppid=,rss="], { encoding: "utf8" });
    const rows = out.trim().split("\n").map((l) => l.trim().split(/\s+/).map(Number));
    const children = new Map<number, number[]>();
    for (const [pid, ppid] of rows) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    const rss = new Map(rows.map(([pid, , r]) => [pid, r]));
    let pss = 0;
    let total = 0;
    const stack = [process.pid];
    while (stack.length) {
      const p = stack.pop()!;
      total += rss.get(p) ?? 0;
      pss += await processKiB(p, rss.get(p) ?? 0);
      stack.push(...(children.get(p) ?? []));
    }
    return { pss: pss / 1024, rss: total / 1024 };
  } catch {
    const own = process.memoryUsage().rss / 1024 / 1024;
    return { pss: own, rss: own };
  }
}

async function measure(label: string, routes: Record<string, Route>, render: "off" | "always"): Promise<{ pages: number; perSecond: number; peakMiB: number }> {
  const site = await serveSite(routes);
  const tdb = await createTestDatabase();
  let peak = 0;
  let peakRss = 0;
  let sampling = false;
  const sample = async (): Promise<void> => {
    if (sampling) return;
    sampling = true;
    const m = await treeMiB();
    peak = Math.max(peak, m.pss);
    peakRss = Math.max(peakRss, m.rss);
    sampling = false;
  };
  await sample();
  const sampler = setInterval(() => void sample(), 250);
  try {
    const scanId = await createScan(tdb.db, site.url);
    const t0 = performance.now();
    const summary = await runCrawl(crawlStore(tdb.db), scanId, defaultCrawlOptions(site.url, { allowPrivate: true, concurrency: CONCURRENCY, maxPages: N, maxDepth: N, render, renderDeadlineMs: DEADLINE_MS, chromiumPath: process.env.TOPICGATE_CHROMIUM_PATH ?? "/usr/bin/chromium" }));
    const s = (performance.now() - t0) / 1000;
    const perSecond = summary.htmlPages / s;
    console.log(
      `${label.padEnd(34)} ${String(summary.htmlPages).padStart(5)} pages  ${s.toFixed(1).padStart(6)} s  ${perSecond.toFixed(2).padStart(7)} pages/s  peak memory ${peak.toFixed(0)} MiB PSS (${peakRss.toFixed(0)} MiB summed RSS)` +
        (render !== "off" ? `  (rendered ${summary.render.rendered}, failed ${summary.render.failed}, timed out ${summary.render.timedOut})` : ""),
    );
    const errors = await tdb.db.page.findMany({ where: { scanId }, select: { extra: true } });
    const reasons = new Map<string, number>();
    for (const e of errors) {
      const why = (e.extra as { render?: { error?: string } } | null)?.render?.error;
      if (why) reasons.set(why, (reasons.get(why) ?? 0) + 1);
    }
    for (const [why, n] of reasons) console.log(`    ${n} x ${why}`);
    return { pages: summary.htmlPages, perSecond, peakMiB: peak };
  } finally {
    clearInterval(sampler);
    await tdb.close();
    await site.close();
  }
}

async function main(): Promise<void> {
  console.log(`bench:render: ${N} routes, concurrency ${CONCURRENCY}, render deadline ${DEADLINE_MS} ms, ${os.availableParallelism()} cores, load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  if (!fs.existsSync(process.env.TOPICGATE_CHROMIUM_PATH ?? "/usr/bin/chromium")) throw new Error("Chromium is missing: apt-get install chromium");
  const raw = await measure("raw HTML, same pages (baseline)", server(), "off");
  const shell = await measure("SPA, render off (reads the shell)", spa(), "off");
  const rendered = await measure("SPA, render always", spa(), "always");
  console.log(`rendered/raw throughput: ${(rendered.perSecond / raw.perSecond).toFixed(3)}x; SPA pages found: ${shell.pages} without rendering, ${rendered.pages} rendered`);
  console.log(`targets: >= 5 rendered pages/s on 2 cores -> ${rendered.perSecond.toFixed(2)}; peak memory < 1536 MiB -> ${rendered.peakMiB.toFixed(0)} MiB PSS`);
  console.log(`load after: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
