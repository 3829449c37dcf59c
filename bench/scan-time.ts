/**
 * A whole audit end to end (crawl, encode, analyse, report) timed on real sites served on 127.0.0.1, each with the
 * sequence model (lstm, and gru with --gru) beside the same site audited lexical-only (--encoder none) in the same
 * run: a 64-page API reference (sqlite3-doc's C API pages) and python3.11-doc whole. Prints wall seconds, the phases,
 * the tokens trained and what stopped training, with the load average (2 shared cores: read the ratios).
 * Usage: npm run bench:scan [-- --gru] [-- --sites small|large|both]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseConfig } from "@/lib/config";
import type { EncoderKind } from "@/lib/encode/options";
import { runScan } from "@/lib/pipeline/run-scan";
import { createScanRecord } from "@/lib/pipeline/scan-jobs";
import { createRuntime } from "@/lib/runtime";
import { serveDirectory } from "../test/support/site-server";
import { debianDocs } from "./lib/debian-docs";

interface Case {
  name: string;
  root: string;
  start: string;
  maxPages: number;
}

async function audit(c: Case, encoder: EncoderKind): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tg-bench-scan-"));
  const site = await serveDirectory(c.root);
  const config = parseConfig({ ...process.env, DATABASE_URL: `file:${path.join(dir, "bench.db")}`, TOPICGATE_ALLOW_PRIVATE_HOSTS: "1", LOG_LEVEL: "warn" });
  const rt = await createRuntime({ config, migrate: true });
  try {
    const started = performance.now();
    const record = await createScanRecord(rt, { url: new URL(c.start, site.url).href, maxPages: c.maxPages, maxDepth: 50, concurrency: 8, allowPrivate: true, encoder, trigger: "cli" });
    const scan = await runScan({ db: rt.db, config: rt.config, logger: rt.logger }, record.id);
    const seconds = (performance.now() - started) / 1000;
    const e = scan.encoder ?? {};
    const pages = (scan.progress.crawl as { summary?: { htmlPages?: number } } | undefined)?.summary?.htmlPages ?? null;
    return {
      site: c.name, encoder, status: scan.status, pages, seconds: +seconds.toFixed(1),
      crawlS: +((scan.timings?.crawlMs ?? 0) / 1000).toFixed(1), encodeS: +((scan.timings?.encodeMs ?? 0) / 1000).toFixed(1), analyzeS: +((scan.timings?.analyzeMs ?? 0) / 1000).toFixed(1),
      tokensTrained: e.tokensTrained ?? null, tokenBudget: e.tokenBudget ?? null, stoppedBy: e.stoppedBy ?? null, backend: e.backend ?? null, load: os.loadavg()[0].toFixed(1),
    };
  } finally {
    await rt.close();
    await site.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const which = process.argv.includes("--sites") ? process.argv[process.argv.indexOf("--sites") + 1] : "both";
  const cases: Case[] = [];
  if (which !== "large") cases.push({ name: "sqlite3-doc C API (64 pages)", root: debianDocs("sqlite3-doc", "usr/share/doc/sqlite3"), start: "/c3ref/intro.html", maxPages: 64 });
  if (which !== "small") cases.push({ name: "python3.11-doc (whole)", root: debianDocs("python3.11-doc", "usr/share/doc/python3.11/html"), start: "/index.html", maxPages: 1200 });
  const encoders: EncoderKind[] = ["none", "lstm", ...(process.argv.includes("--gru") ? (["gru"] as const) : [])];
  console.log(`load ${os.loadavg().map((x) => x.toFixed(1)).join(" ")} on ${os.cpus().length} cores; baseline: the same audit lexical-only (encoder none)`);
  for (const c of cases) {
    for (const encoder of encoders) console.log(JSON.stringify(await audit(c, encoder)));
  }
}

void main();
