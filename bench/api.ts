/**
 * API benchmark: requests/s and latency of GET /api/v1/scans/{id} and GET /api/v1/scans/{id}/report on a
 * 5,000-page scan, side by side with a baseline measured in the same run (GET /api/health: no key, no database).
 *
 *   npx tsx bench/api.ts                 (10 s per route in 3 alternating rounds, 16 connections)
 *   DURATION=20 CONNECTIONS=32 PAGES=5000 npx tsx bench/api.ts
 *
 * The scan's rows are generated directly in a fresh SQLite database through lib/db (no crawl), then the production
 * web server (`scripts/start.ts --web-only`, built if needed) serves it on 127.0.0.1. The load loop is a bounded
 * set of concurrent undici clients, each sending its next request when the previous one is answered.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Pool } from "undici";
import { createApiKey } from "../lib/api/api-keys";
import { DEFAULT_WORKSPACE_ID } from "../lib/db/workspaces";
import { openDatabase } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { insertPagesAndLinks } from "../lib/db/pages";
import { createScan, finishScan, setScanStatus } from "../lib/db/scans";
import { upsertSite } from "../lib/db/sites";
import type { ScanReport } from "../lib/report/scan-report";

const ROOT = path.resolve(__dirname, "..");
const PAGES = Number(process.env.PAGES ?? 5000);
const DURATION_S = Number(process.env.DURATION ?? 10);
const WARMUP_S = 2;
/** Routes take turns in this many rounds, so a load change on the machine hits every route alike. */
const ROUNDS = Number(process.env.ROUNDS ?? 3);
/** Concurrent requests in flight: enough to saturate 2 cores through Node's event loop, bounded so latency stays meaningful. */
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 16);
const LINKS_PER_PAGE = 5;
const TOPICS = 20;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** A 5,000-page scan as the pipeline would leave it: pages, links and a schemaVersion 1 report. */
async function seed(file: string): Promise<{ scanId: string; key: string; reportBytes: number }> {
  await migrate({ databaseKind: "sqlite", databaseUrl: file });
  const db = openDatabase({ databaseKind: "sqlite", databaseUrl: file });
  const site = await upsertSite(db, "https://bench.example/");
  const scan = await createScan(db, { siteId: site.id, url: site.url, options: { maxPages: PAGES, maxDepth: 10, concurrency: 4, allowPrivate: false }, trigger: "api" });
  await setScanStatus(db, scan.id, "analyzing", { startedAt: new Date() });
  const url = (i: number) => `https://bench.example/topic-${i % TOPICS}/page-${i}`;
  const words = "garden soil compost tomato rose planet telescope moon comet galaxy pruning mulch seed harvest orbit".split(" ");
  const text = (i: number) => Array.from({ length: 300 }, (_, w) => words[(i * 7 + w * 3) % words.length]).join(" ");
  const pages = Array.from({ length: PAGES }, (_, i) => ({ url: url(i), depth: 1 + (i % 5), status: 200, contentType: "text/html", title: `Page ${i} about topic ${i % TOPICS}`, mainText: text(i), wordCount: 300, contentHash: `h${i}` }));
  const links = pages.flatMap((_, i) => Array.from({ length: LINKS_PER_PAGE }, (_, k) => ({ fromUrl: url(i), toUrl: url((i * 31 + k * 97 + 1) % PAGES), anchor: `read page ${(i * 31 + k * 97 + 1) % PAGES}`, position: "content", nofollow: false, rel: null })));
  await insertPagesAndLinks(db, scan.id, pages, links);
  const report: ScanReport = {
    schemaVersion: 1,
    scan: { id: scan.id, url: site.url, startedAt: new Date().toISOString(), finishedAt: new Date().toISOString(), pagesCrawled: PAGES, timings: { crawlMs: 1, encodeMs: 1, analyzeMs: 1 }, encoder: { backend: "cpu" } },
    site: { authority: 61.5, gates: { core: 70, input: 55, forget: 64, output: 58 }, explanation: "synthetic benchmark scan", formula: "", linking: { contentLinks: links.length, templateLinks: 0, brokenLinks: 0, alignment: 0.8, communityTopicNmi: 0.6, hubCompleteness: 0.5, orphanShare: 0.01 } },
    topics: Array.from({ length: TOPICS }, (_, t) => ({ id: t, label: `topic ${t}`, keyphrases: [`phrase ${t}a`, `phrase ${t}b`, `phrase ${t}c`], isCore: t < 8, pillarUrl: url(t), pageCount: PAGES / TOPICS, cohesion: 0.6, coverage: 0.5, authority: 50 + t, pagerankShare: 1 / TOPICS, hubCompleteness: 0.4 })),
    pages: pages.map((p, i) => ({
      url: p.url, status: 200, title: p.title, wordCount: 300, depth: p.depth, inlinks: LINKS_PER_PAGE, outlinks: LINKS_PER_PAGE, pagerank: 1 / PAGES, topicId: i % TOPICS, topicSimilarity: 0.7,
      isUtility: false, noindex: false, canonical: null,
      forget: i % 10 === 0 ? { score: 0.6, action: "update", reasons: ["not modified for 400 days"] } : { score: 0.1, action: "keep", reasons: [] },
    })),
    gaps: Array.from({ length: 40 }, (_, g) => ({ topicId: g % TOPICS, keyphrase: `missing subtopic ${g}`, evidence: [url(g), url(g + 1)] })),
    linkClusters: Array.from({ length: TOPICS }, (_, c) => ({ id: c, pageUrls: pages.filter((_, i) => i % TOPICS === c).map((p) => p.url), topicIds: [c] })),
    findings: [],
    linkSuggestions: Array.from({ length: 500 }, (_, s) => ({ fromUrl: url(s), toUrl: url(s + 20), anchor: `page ${s + 20}`, context: "… read more about this …", score: 0.5, reason: "same topic, no link yet" })),
  };
  await finishScan(db, scan.id, { report, authority: report.site.authority });
  const { key } = await createApiKey(db, "bench", DEFAULT_WORKSPACE_ID);
  await db.$disconnect();
  return { scanId: scan.id, key, reportBytes: Buffer.byteLength(JSON.stringify(report)) };
}

interface Result {
  route: string;
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
  bytes: number;
}

interface Target {
  label: string;
  path: string;
  headers: Record<string, string>;
}

interface Sample {
  latencies: number[];
  errors: number;
  bytes: number;
  seconds: number;
}

/** CONNECTIONS loops, each sending its next request when the previous one is answered, for `seconds`. */
async function load(pool: Pool, target: Target, seconds: number): Promise<Sample> {
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  const end = Date.now() + seconds * 1000;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < end) {
        const t0 = process.hrtime.bigint();
        try {
          const res = await pool.request({ method: "GET", path: target.path, headers: target.headers });
          const body = Buffer.from(await res.body.arrayBuffer());
          if (res.statusCode !== 200 && res.statusCode !== 304) errors++;
          bytes = body.length;
        } catch {
          errors++;
        }
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  return { latencies, errors, bytes, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

async function measure(pool: Pool, targets: Target[]): Promise<Result[]> {
  for (const t of targets) await load(pool, t, WARMUP_S / targets.length + 0.5);
  const samples = targets.map(() => ({ latencies: [] as number[], errors: 0, bytes: 0, seconds: 0 }));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, t] of targets.entries()) {
      const s = await load(pool, t, DURATION_S / ROUNDS);
      samples[i].latencies.push(...s.latencies);
      samples[i].errors += s.errors;
      samples[i].bytes = s.bytes;
      samples[i].seconds += s.seconds;
    }
  }
  return targets.map((t, i) => {
    const l = samples[i].latencies.sort((a, b) => a - b);
    const q = (p: number) => l[Math.min(l.length - 1, Math.floor(p * l.length))] ?? NaN;
    return { route: t.label, requests: l.length, errors: samples[i].errors, rps: l.length / samples[i].seconds, p50: q(0.5), p99: q(0.99), bytes: samples[i].bytes };
  });
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "topicgate-bench-api-"));
  const file = path.join(dir, "topicgate.db");
  process.stderr.write(`seeding a ${PAGES}-page scan in ${file}…\n`);
  const { scanId, key, reportBytes } = await seed(file);
  const port = await freePort();
  const env = { ...process.env, DATA_DIR: dir, DATABASE_URL: `file:${file}`, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn", TOPICGATE_RATE_LIMIT_PER_MINUTE: "1000000", NEXT_TELEMETRY_DISABLED: "1" };
  const server: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/start.ts"), "--web-only"], { cwd: ROOT, env, stdio: ["ignore", "inherit", "inherit"] });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        /* not up yet */
      }
      if (i > 1200 || server.exitCode !== null) throw new Error("the web server did not start");
      await new Promise((r) => setTimeout(r, 500));
    }
    const pool = new Pool(base, { connections: CONNECTIONS, pipelining: 1 });
    const auth = { authorization: `Bearer ${key}` };
    const etag = (await fetch(`${base}/api/v1/scans/${scanId}/report`, { method: "GET", headers: auth })).headers.get("etag") ?? "";
    const results = await measure(pool, [
      { label: "GET /api/health (baseline: no key, no database)", path: "/api/health", headers: {} },
      { label: "GET /api/v1/scans/{id}", path: `/api/v1/scans/${scanId}`, headers: auth },
      { label: "GET /api/v1/scans/{id}/report", path: `/api/v1/scans/${scanId}/report`, headers: { ...auth, "accept-encoding": "identity" } },
      { label: "GET /api/v1/scans/{id}/report (gzip)", path: `/api/v1/scans/${scanId}/report`, headers: { ...auth, "accept-encoding": "gzip" } },
      { label: "GET /api/v1/scans/{id}/report (If-None-Match: 304)", path: `/api/v1/scans/${scanId}/report`, headers: { ...auth, "if-none-match": etag } },
    ]);
    await pool.close();
    const lines = [
      `API benchmark: ${PAGES}-page scan (report ${(reportBytes / 1024).toFixed(0)} KiB JSON), ${CONNECTIONS} concurrent requests, ${DURATION_S} s per route in ${ROUNDS} alternating rounds, ${os.cpus().length} cores (load average ${os.loadavg()[0].toFixed(1)}), SQLite`,
      "",
      `| route | requests/s | p50 ms | p99 ms | response bytes | errors |`,
      `|---|---:|---:|---:|---:|---:|`,
      ...results.map((r) => `| ${r.route} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.bytes} | ${r.errors} |`),
    ];
    process.stdout.write(lines.join("\n") + "\n");
    process.stdout.write(JSON.stringify({ pages: PAGES, connections: CONNECTIONS, durationS: DURATION_S, results }) + "\n");
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
