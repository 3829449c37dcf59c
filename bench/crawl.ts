/**
 * Crawl benchmark: TopicGate vs crawlee's CheerioCrawler on python3.11-doc (same run, same concurrency and page
 * limit), a reachability check against the files on disk, and a scaling run on generated sites.
 *
 *   npx tsx bench/crawl.ts            (full run)
 *   SCALE=2000,5000 npx tsx bench/crawl.ts   (other generated sizes)
 *   PARTS=reach,scale npx tsx bench/crawl.ts (only some parts: compare, reach, scale)
 *
 * Every server and every crawler runs in its own child process (this file re-invoked with a mode argument), so
 * the server's work does not count against a crawler and each crawler's peak RSS is its own.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { load } from "cheerio";
import { ensureCorpus } from "./lib/python-doc-corpus";

const ROOT = path.resolve(__dirname, "..");
/** Same for both crawlers; 8 keeps 2 cores busy while requests wait on the server. */
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8);
const PY_LIMIT = 1000;
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const PARTS = new Set((process.env.PARTS ?? "compare,reach,scale").split(","));
const SCALE = (process.env.SCALE ?? "2000,5000,20000").split(",").map(Number);

const CONTENT_TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".png": "image/png", ".svg": "image/svg+xml" };

// ---------- child modes ----------

function listen(server: http.Server): void {
  server.listen(0, "127.0.0.1", () => {
    process.stdout.write(JSON.stringify({ port: (server.address() as AddressInfo).port }) + "\n");
  });
}

function serveDir(root: string): void {
  const server = http.createServer((req, res) => {
    const p = decodeURIComponent((req.url ?? "/").split("?")[0]);
    let file = path.join(root, path.normalize(p));
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    if (file.endsWith("/")) file = path.join(file, "index.html");
    fs.readFile(file, (err, data) => {
      if (err) return void res.writeHead(404, { "content-type": "text/html" }).end("<h1>Not found</h1>");
      res.writeHead(200, { "content-type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream" }).end(data);
    });
  });
  server.keepAliveTimeout = 30_000;
  // a crawler closing a kept-alive connection mid-write is normal at the end of a run, not a reason to die
  server.on("connection", (socket) => socket.on("error", () => undefined));
  listen(server);
}

const WORDS = "topic authority crawl index content page site link anchor search query rank model layer vector cluster gate memory state input output forget signal".split(" ");
/** A word for position (page, paragraph, word): hashed, so every page's text is its own (no period over pages, as real sites). */
const wordIndex = (i: number, p: number, w: number): number => (Math.imul((i * 4 + p) * 64 + w, 2654435761) >>> 16) % WORDS.length;

/** Page i of an n-page site: a 10-ary tree (depth log10 n) plus cross links, navigation and a footer. */
function generatedPage(i: number, n: number): string {
  const links: number[] = [];
  for (let k = 1; k <= 10; k++) if (10 * i + k < n) links.push(10 * i + k);
  links.push((i * 7919 + 13) % n, (i * 104729 + 7) % n);
  let text = "";
  for (let p = 0; p < 4; p++) {
    let s = "";
    for (let w = 0; w < 60; w++) s += WORDS[wordIndex(i, p, w)] + " ";
    text += `<p>${s.trim()}.</p>`;
  }
  return `<!doctype html><html lang="en"><head><title>Page ${i}</title><meta name="description" content="Generated page ${i}"></head><body>
<nav><a href="/p/0.html">Home</a> <a href="/p/1.html">One</a> <a href="/p/2.html">Two</a></nav>
<main><h1>Page ${i}</h1>${text}<ul>${links.map((l) => `<li><a href="/p/${l}.html">Page ${l}</a></li>`).join("")}</ul></main>
<footer><p>Generated site footer, same on every page.</p></footer></body></html>`;
}

function serveGenerated(n: number): void {
  const server = http.createServer((req, res) => {
    const m = /^\/p\/(\d+)\.html$/.exec(req.url ?? "");
    const i = m ? Number(m[1]) : -1;
    if (i < 0 || i >= n) return void res.writeHead(404, { "content-type": "text/html" }).end("<h1>Not found</h1>");
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(generatedPage(i, n));
  });
  server.keepAliveTimeout = 30_000;
  // a crawler closing a kept-alive connection mid-write is normal at the end of a run, not a reason to die
  server.on("connection", (socket) => socket.on("error", () => undefined));
  listen(server);
}

interface RunResult {
  crawler: string;
  pages: number;
  seconds: number;
  pagesPerSecond: number;
  peakRssMiB: number;
  /** user + system CPU of the crawler process: the fair measure when the machine is shared */
  cpuSeconds: number;
  urls?: string[];
}

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

async function runTopicGate(startUrl: string, maxPages: number, withUrls: boolean): Promise<void> {
  const { migrate } = await import("@/lib/db/migrate");
  const { openDatabase } = await import("@/lib/db/client");
  const { runCrawl, defaultCrawlOptions } = await import("@/lib/crawl");
  const { crawlStore } = await import("@/lib/db/crawl-store");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tg-bench-"));
  const file = path.join(dir, "bench.db");
  // another engineer's `db-generate --migration init` briefly removes the folder: wait for it to come back
  for (let i = 0; i < 60 && !fs.existsSync(path.join(ROOT, "prisma/migrations")); i++) await new Promise((r) => setTimeout(r, 500));
  await migrate({ databaseKind: "sqlite", databaseUrl: file }, ROOT);
  const db = openDatabase({ databaseKind: "sqlite", databaseUrl: file });
  const site = await db.site.create({ data: { url: startUrl, name: "bench", settings: {} } });
  const scan = await db.scan.create({ data: { siteId: site.id, url: startUrl, progress: {}, options: {} } });
  const t = performance.now();
  const cpu0 = cpuSeconds();
  const summary = await runCrawl(
    crawlStore(db),
    scan.id,
    defaultCrawlOptions(startUrl, { allowPrivate: true, maxPages, maxDepth: 1000, concurrency: CONCURRENCY, respectRobots: true }),
  );
  const seconds = (performance.now() - t) / 1000;
  const cpu = cpuSeconds() - cpu0;
  const pages = await db.page.findMany({ where: { scanId: scan.id }, select: { url: true, status: true, mainText: true } });
  const result: RunResult = {
    crawler: "topicgate",
    pages: summary.pagesFetched,
    seconds,
    pagesPerSecond: summary.pagesFetched / seconds,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    cpuSeconds: cpu,
    urls: withUrls ? pages.filter((p) => p.status === 200 && p.mainText !== null).map((p) => p.url) : undefined,
  };
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
  process.stdout.write(JSON.stringify(result) + "\n");
}

async function runCrawlee(startUrl: string, maxPages: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crawlee-bench-"));
  process.env.CRAWLEE_STORAGE_DIR = dir;
  process.env.CRAWLEE_LOG_LEVEL = "OFF";
  const { CheerioCrawler, Configuration, log } = await import("crawlee");
  log.setLevel(log.LEVELS.OFF);
  let pages = 0;
  const crawler = new CheerioCrawler(
    {
      maxConcurrency: CONCURRENCY,
      minConcurrency: CONCURRENCY,
      maxRequestsPerCrawl: maxPages,
      maxRequestRetries: 0,
      async requestHandler({ $, enqueueLinks }) {
        pages++;
        $("title").text();
        await enqueueLinks({ strategy: "same-hostname" });
      },
      failedRequestHandler() {
        pages++;
      },
    },
    new Configuration({ storageClientOptions: { localDataDirectory: dir }, persistStorage: true }),
  );
  const t = performance.now();
  const cpu0 = cpuSeconds();
  await crawler.run([startUrl]);
  const seconds = (performance.now() - t) / 1000;
  const cpu = cpuSeconds() - cpu0;
  fs.rmSync(dir, { recursive: true, force: true });
  const result: RunResult = { crawler: "crawlee", pages, seconds, pagesPerSecond: pages / seconds, peakRssMiB: process.resourceUsage().maxRSS / 1024, cpuSeconds: cpu };
  process.stdout.write(JSON.stringify(result) + "\n");
}

// ---------- orchestration ----------

function child(args: string[]): { proc: ChildProcess; firstLine: Promise<string> } {
  const proc = spawn(process.execPath, ["--import", "tsx", __filename, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  const firstLine = new Promise<string>((resolve, reject) => {
    let buf = "";
    proc.stdout!.on("data", (d: Buffer) => {
      buf += d.toString();
      const nl = buf.indexOf("\n");
      if (nl >= 0) resolve(buf.slice(0, nl));
    });
    proc.on("exit", (code) => reject(new Error(`child ${args[0]} exited with ${code}`)));
  });
  return { proc, firstLine };
}

async function startServer(args: string[]): Promise<{ url: string; stop: () => void }> {
  const c = child(args);
  const { port } = JSON.parse(await c.firstLine) as { port: number };
  return { url: `http://127.0.0.1:${port}/`, stop: () => c.proc.kill() };
}

async function runChild(args: string[]): Promise<RunResult> {
  const c = child(args);
  const line = await c.firstLine;
  return JSON.parse(line) as RunResult;
}

/** HTML pages reachable from index.html by following <a href> on disk: the ground truth for completeness. */
function reachableFromDisk(root: string): Set<string> {
  const seen = new Set<string>(["index.html"]);
  const queue = ["index.html"];
  while (queue.length) {
    const rel = queue.shift()!;
    const $ = load(fs.readFileSync(path.join(root, rel), "utf8"));
    $("a[href]").each((_, el) => {
      const href = $(el).attr("href")!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith("//")) return;
      const target = href.split("#")[0].split("?")[0];
      if (!target) return;
      let next = path.posix.normalize(path.posix.join(path.posix.dirname(rel), decodeURIComponent(target)));
      if (next.endsWith("/")) next += "index.html";
      if (next.startsWith("..") || !next.endsWith(".html") || seen.has(next)) return;
      if (!fs.existsSync(path.join(root, next))) return;
      seen.add(next);
      queue.push(next);
    });
  }
  return seen;
}

function fmt(r: RunResult): string {
  return `${r.crawler.padEnd(10)} ${String(r.pages).padStart(6)} pages  ${r.seconds.toFixed(1).padStart(6)} s  ${r.pagesPerSecond.toFixed(1).padStart(7)} pages/s  CPU ${r.cpuSeconds.toFixed(1)} s (${(r.pages / r.cpuSeconds).toFixed(1)} pages/CPU-s)  peak RSS ${r.peakRssMiB.toFixed(0)} MiB`;
}

async function main(): Promise<void> {
  const [mode, a, b] = process.argv.slice(2);
  if (mode === "serve-dir") return serveDir(a);
  if (mode === "serve-generated") return serveGenerated(Number(a));
  if (mode === "topicgate") return runTopicGate(a, Number(b), process.argv[5] === "urls");
  if (mode === "crawlee") return runCrawlee(a, Number(b));

  const docDir = ensureCorpus();
  console.log(`node ${process.version}, ${os.cpus().length} cores, concurrency ${CONCURRENCY}\n`);
  const py = await startServer(["serve-dir", docDir]);
  const start = `${py.url}index.html`;
  let tg: RunResult | undefined;
  try {
    if (PARTS.has("compare")) {
      console.log("python3.11-doc (static server in a child process):");
      // interleaved rounds: on a shared machine the load drifts, and alternating keeps both crawlers under the same drift
      const tgs: RunResult[] = [];
      const crs: RunResult[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const a = await runChild(["topicgate", start, String(PY_LIMIT), "urls"]);
        const b = await runChild(["crawlee", start, String(PY_LIMIT)]);
        console.log(`round ${round + 1}: ${fmt(a)}`);
        console.log(`round ${round + 1}: ${fmt(b)}`);
        tgs.push(a);
        crs.push(b);
      }
      tg = tgs[0];
      const sum = (rs: RunResult[], f: (r: RunResult) => number) => rs.reduce((x, r) => x + f(r), 0);
      const tgWall = sum(tgs, (r) => r.pages) / sum(tgs, (r) => r.seconds);
      const crWall = sum(crs, (r) => r.pages) / sum(crs, (r) => r.seconds);
      const tgCpu = sum(tgs, (r) => r.pages) / sum(tgs, (r) => r.cpuSeconds);
      const crCpu = sum(crs, (r) => r.pages) / sum(crs, (r) => r.cpuSeconds);
      console.log(`TopicGate ${tgWall.toFixed(1)} pages/s, crawlee ${crWall.toFixed(1)} pages/s: ratio ${(tgWall / crWall).toFixed(2)}x wall-clock (target >= 2x)`);
      console.log(`TopicGate ${tgCpu.toFixed(1)} pages/CPU-s, crawlee ${crCpu.toFixed(1)} pages/CPU-s: ratio ${(tgCpu / crCpu).toFixed(2)}x per CPU second`);
      console.log(`peak RSS: TopicGate ${Math.max(...tgs.map((r) => r.peakRssMiB)).toFixed(0)} MiB, crawlee ${Math.max(...crs.map((r) => r.peakRssMiB)).toFixed(0)} MiB\n`);
    } else if (PARTS.has("reach")) {
      tg = await runChild(["topicgate", start, String(PY_LIMIT), "urls"]);
      console.log(fmt(tg));
    }
  } finally {
    py.stop();
  }

  if (tg && PARTS.has("reach")) {
    const truth = reachableFromDisk(docDir);
    const found = new Set((tg.urls ?? []).map((u) => decodeURIComponent(new URL(u).pathname.slice(1))));
    const missing = [...truth].filter((p) => !found.has(p));
    const extra = [...found].filter((p) => !truth.has(p));
    console.log(`reachability: ${truth.size} HTML pages reachable on disk, ${found.size} crawled; missing ${missing.length}, extra ${extra.length}`);
    for (const m of missing.slice(0, 20)) console.log(`  missing: ${m}`);
    for (const x of extra.slice(0, 20)) console.log(`  extra:   ${x}`);
  }
  if (!PARTS.has("scale")) return;

  console.log("\ngenerated sites (TopicGate, generator server in a child process):");
  const rows: RunResult[] = [];
  for (const n of SCALE) {
    const gen = await startServer(["serve-generated", String(n)]);
    let r: RunResult;
    try {
      r = await runChild(["topicgate", `${gen.url}p/0.html`, String(n)]);
    } finally {
      gen.stop();
    }
    rows.push(r);
    console.log(`${String(n).padStart(6)} pages: ${fmt(r)}  ${((r.seconds * 1000) / r.pages).toFixed(2)} ms/page`);
  }
  if (rows.length > 1) {
    const first = rows[0];
    const last = rows[rows.length - 1];
    console.log(
      `scaling ${first.pages} -> ${last.pages} pages (x${(last.pages / first.pages).toFixed(1)}): time x${(last.seconds / first.seconds).toFixed(1)}, peak RSS x${(last.peakRssMiB / first.peakRssMiB).toFixed(2)}`,
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
