/**
 * Hostile-site benchmark: whole `topicgate scan` runs (crawl, encode, analyse) against sites built to hurt a crawler,
 * each beside the same site without the hostile part, measured in the same run.
 *
 *   npm run bench:hostile                 (both parts)
 *   PARTS=bomb npm run bench:hostile      (only the sitemap bomb; `links` for the 50,000-link page)
 *
 * - bomb: a 50-page scan of a site whose robots.txt names ten sitemaps, each 3.4 MB of gzip inflating to 63 MiB of XML
 *   with 1.35 million <url> entries. Baseline: the same pages with a sitemap of the 20 URLs the scan needs.
 * - links: a 300-page site whose home page carries 50,000 links to pages of the site. Baseline: the same site without
 *   them.
 *
 * Servers run in child processes (this file re-invoked with a mode argument) so their memory is not counted; each scan
 * is the real CLI in its own process under /usr/bin/time, whose peak RSS is the figure reported.
 */
import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";

const ROOT = path.resolve(__dirname, "..");
const PARTS = new Set((process.env.PARTS ?? "bomb,links").split(","));
const ROUNDS = Number(process.env.ROUNDS ?? 1);
/** The encoder's share of a scan is not what is measured here: the same small budget for every run. */
const ENCODER_BUDGET_MS = "5000";
const BOMB_SITEMAPS = 10;
const BOMB_URLS = 1_350_000;
const WIDE_LINKS = 50_000;

const WORDS =
  "espresso grinder burr roast crema extraction tamper portafilter milk steam latte ristretto bean origin acidity body aroma brew filter kettle pour scale dose yield water temperature pressure"
    .split(" ");
/** A word for position (page, paragraph, word): hashed, so every page's text is its own (no period over pages, as real sites). */
const wordIndex = (i: number, p: number, w: number): number => (Math.imul((i * 4 + p) * 64 + w, 2654435761) >>> 16) % WORDS.length;

function page(i: number, links: string[]): string {
  let text = "";
  for (let p = 0; p < 4; p++) {
    let s = "";
    for (let w = 0; w < 50; w++) s += WORDS[wordIndex(i, p, w)] + " ";
    text += `<p>${s.trim()}.</p>`;
  }
  return `<!doctype html><html lang="en"><head><title>Page ${i}</title></head><body><nav><a href="/p/0">Home</a></nav>
<main><h1>Page ${i} about ${WORDS[i % WORDS.length]}</h1>${text}<ul>${links.map((l) => `<li><a href="${l}">${l}</a></li>`).join("")}</ul></main></body></html>`;
}

/** Page i of an n-page 10-ary tree under /p/. */
function treeLinks(i: number, n: number): string[] {
  const out: string[] = [];
  for (let k = 1; k <= 10; k++) if (10 * i + k < n) out.push(`/p/${10 * i + k}`);
  return out;
}

function listen(server: http.Server, onPort: (port: number) => void = () => undefined): void {
  server.keepAliveTimeout = 30_000;
  server.on("connection", (socket) => socket.on("error", () => undefined));
  server.listen(0, "127.0.0.1", () => {
    const port = (server.address() as AddressInfo).port;
    onPort(port);
    process.stdout.write(JSON.stringify({ port }) + "\n");
  });
}

/**
 * 30 pages reachable by links and a --max-pages of 50, so the crawl waits for the sitemaps to find the other 20. The
 * hostile robots.txt names ten sitemaps of 1.35 million <url> each (63 MiB of XML, under the 64 MiB an older reader
 * inflated before parsing); the baseline names one sitemap of the 20 URLs the scan needs.
 */
function serveBomb(hostile: boolean): void {
  const n = 30;
  let gz = Buffer.alloc(0);
  const server = http.createServer((req, res) => {
    const url = req.url ?? "/";
    const port = (server.address() as AddressInfo).port;
    if (url === "/robots.txt") {
      const lines = hostile ? Array.from({ length: BOMB_SITEMAPS }, (_, k) => `Sitemap: http://127.0.0.1:${port}/sitemap-${k}.xml.gz`) : [`Sitemap: http://127.0.0.1:${port}/sitemap-small.xml`];
      return void res.writeHead(200, { "content-type": "text/plain" }).end(`User-agent: *\nAllow: /\n${lines.join("\n")}\n`);
    }
    if (/^\/sitemap-\d+\.xml\.gz$/.test(url) && hostile) return void res.writeHead(200, { "content-type": "application/gzip" }).end(gz);
    if (url === "/sitemap-small.xml" && !hostile) {
      const locs = Array.from({ length: 20 }, (_, k) => `<url><loc>http://127.0.0.1:${port}/${k.toString(36)}</loc></url>`).join("");
      return void res.writeHead(200, { "content-type": "application/xml" }).end(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs}</urlset>`);
    }
    const tree = /^\/(?:p\/(\d+))?$/.exec(url);
    if (tree && Number(tree[1] ?? 0) < n) return void res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page(Number(tree[1] ?? 0), treeLinks(Number(tree[1] ?? 0), n)));
    const listed = /^\/([0-9a-z]{1,4})$/.exec(url);
    if (listed) return void res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page(100 + parseInt(listed[1], 36), []));
    res.writeHead(404, { "content-type": "text/html" }).end("<h1>Not found</h1>");
  });
  listen(server, (port) => {
    if (!hostile) return;
    const parts: string[] = ['<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'];
    for (let k = 0; k < BOMB_URLS; k++) parts.push(`<url><loc>http://127.0.0.1:${port}/${k.toString(36)}</loc></url>`);
    parts.push("</urlset>");
    const xml = Buffer.from(parts.join(""));
    gz = zlib.gzipSync(xml, { level: 9 });
    process.stderr.write(`sitemap: ${(gz.length / 2 ** 20).toFixed(1)} MiB gzip, ${(xml.length / 2 ** 20).toFixed(1)} MiB XML, ${BOMB_URLS} URLs, ${BOMB_SITEMAPS} named in robots.txt\n`);
  });
}

function serveWide(withWide: boolean): void {
  const n = 400;
  const wide = Array.from({ length: WIDE_LINKS }, (_, k) => `/w/${k}`);
  const home = page(0, withWide ? [...treeLinks(0, n), ...wide] : treeLinks(0, n));
  const server = http.createServer((req, res) => {
    const url = req.url ?? "/";
    if (url === "/" || url === "/p/0") return void res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(home);
    const m = /^\/(p|w)\/(\d+)$/.exec(url);
    if (!m) return void res.writeHead(404, { "content-type": "text/html" }).end("<h1>Not found</h1>");
    const i = Number(m[2]);
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page(m[1] === "p" ? i : 1000 + i, m[1] === "p" ? treeLinks(i, n) : []));
  });
  listen(server);
}

async function startServer(args: string[]): Promise<{ url: string; stop: () => void }> {
  const proc = spawn(process.execPath, ["--import", "tsx", __filename, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise<string>((resolve, reject) => {
    let buf = "";
    proc.stdout!.on("data", (d: Buffer) => {
      buf += d.toString();
      const nl = buf.indexOf("\n");
      if (nl >= 0) resolve(buf.slice(0, nl));
    });
    proc.on("exit", (code) => reject(new Error(`server ${args[0]} exited with ${code}`)));
  });
  const { port } = JSON.parse(line) as { port: number };
  return { url: `http://127.0.0.1:${port}/`, stop: () => proc.kill() };
}

interface ScanResult {
  label: string;
  seconds: number;
  peakRssMiB: number;
  crawlMs: number;
  pages: number;
  exitCode: number;
}

/** One whole CLI scan in its own SQLite database, under /usr/bin/time for its peak RSS. */
function cliScan(label: string, url: string, maxPages: number): Promise<ScanResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tg-hostile-"));
  const out = path.join(dir, "report.json");
  const timeFile = path.join(dir, "time");
  const env = { ...process.env, DATA_DIR: dir, LOG_LEVEL: "silent", TOPICGATE_ENCODER_TIME_BUDGET_MS: ENCODER_BUDGET_MS, NODE_OPTIONS: "" };
  const args = ["-f", "%M %e", "-o", timeFile, process.execPath, path.join(ROOT, "bin", "topicgate.mjs"), "scan", url, "--allow-private", "--max-pages", String(maxPages), "--out", out];
  return new Promise((resolve) => {
    execFile("/usr/bin/time", args, { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 }, (err) => {
      const [kib, secs] = fs.readFileSync(timeFile, "utf8").trim().split("\n").pop()!.split(" ").map(Number);
      let crawlMs = NaN;
      let pages = 0;
      if (fs.existsSync(out)) {
        const report = JSON.parse(fs.readFileSync(out, "utf8")) as { scan: { timings: { crawlMs: number } }; pages: unknown[] };
        crawlMs = report.scan.timings.crawlMs;
        pages = report.pages.length;
      }
      fs.rmSync(dir, { recursive: true, force: true });
      resolve({ label, seconds: secs, peakRssMiB: kib / 1024, crawlMs, pages, exitCode: err ? ((err as { code?: number }).code ?? 1) : 0 });
    });
  });
}

function fmt(r: ScanResult): string {
  return `${r.label.padEnd(28)} ${r.seconds.toFixed(1).padStart(6)} s  crawl ${(r.crawlMs / 1000).toFixed(1).padStart(6)} s  peak RSS ${r.peakRssMiB.toFixed(0).padStart(5)} MiB  ${String(r.pages).padStart(4)} pages${r.exitCode ? `  exit ${r.exitCode}` : ""}`;
}

async function compare(name: string, serverMode: string, maxPages: number): Promise<void> {
  const hostile = await startServer([serverMode, "hostile"]);
  const plain = await startServer([serverMode, "plain"]);
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const load = os.loadavg().map((l) => l.toFixed(2)).join(" ");
      const base = await cliScan(`${name}: baseline`, plain.url, maxPages);
      const hurt = await cliScan(`${name}: hostile`, hostile.url, maxPages);
      console.log(`round ${round + 1} (load average ${load})`);
      console.log(`  ${fmt(base)}`);
      console.log(`  ${fmt(hurt)}`);
      console.log(`  hostile/baseline: wall x${(hurt.seconds / base.seconds).toFixed(2)}, crawl x${(hurt.crawlMs / base.crawlMs).toFixed(2)}, peak RSS x${(hurt.peakRssMiB / base.peakRssMiB).toFixed(2)}`);
    }
  } finally {
    hostile.stop();
    plain.stop();
  }
}

async function main(): Promise<void> {
  const [mode, variant] = process.argv.slice(2);
  if (mode === "serve-bomb") return serveBomb(variant === "hostile");
  if (mode === "serve-wide") return serveWide(variant === "hostile");
  console.log(`node ${process.version}, ${os.cpus().length} cores\n`);
  if (PARTS.has("bomb")) await compare("sitemap bomb, 50 pages", "serve-bomb", 50);
  if (PARTS.has("links")) await compare("50,000-link page, 300 pages", "serve-wide", 300);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
