/**
 * One scan of a served site through the product pipeline (crawl, extract, train and encode the sequence model) into
 * its own SQLite file, read back as the analysis input so the evaluation can re-analyse it with other options. The
 * database files are kept under .cache/eval/scans/<site>--<variant>--<encoder>/: `--reuse-scans` reads them again
 * (no crawl, no training), and what the analysis reads from a scan can change without crawling again.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { AnalysisInput } from "../../lib/analyze/types";
import { parseConfig } from "../../lib/config";
import { runCrawl } from "../../lib/crawl/crawler";
import { defaultCrawlOptions } from "../../lib/crawl/types";
import { createLogger } from "../../lib/logger";
import { loadAnalysisInput } from "../../lib/pipeline/analysis-input";
import { runScan } from "../../lib/pipeline/run-scan";
import { createScanRecord } from "../../lib/pipeline/scan-jobs";
import { createRuntime, type Runtime } from "../../lib/runtime";
import { serveSite, type ServeOptions } from "./site-server";
import { crawlStore } from "../../lib/db/crawl-store";

/** Large enough for the largest site plus every injected page. */
const MAX_PAGES = 3000;
const MAX_DEPTH = 50;
const CONCURRENCY = 4;
/** Fixed "now" so re-analyses of one scan are identical. */
export const EVAL_NOW = "2026-11-25T00:00:00.000Z";
/** Encoders a scan can be run with (the sequence model of the product); ablations add theirs here. */
export const ENCODERS = ["lstm", "gru", "none"] as const;
export type EncoderName = (typeof ENCODERS)[number];

export interface ScannedSite {
  input: AnalysisInput;
  /** origin the variant was served from: URLs minus this are the site-relative paths */
  origin: string;
  encoder: Record<string, unknown> | null;
  timings: Record<string, number>;
  seconds: number;
}

interface ScanMeta {
  key: string;
  scanId: string;
  origin: string;
  encoder: Record<string, unknown> | null;
  timings: Record<string, number>;
  seconds: number;
}

const SCAN_CACHE = path.resolve(".cache/eval/scans");

async function openRuntime(dbFile: string): Promise<Runtime> {
  const config = parseConfig({ ...process.env, DATABASE_URL: `file:${dbFile}`, TOPICGATE_ALLOW_PRIVATE_HOSTS: "1", LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" });
  return createRuntime({ config, migrate: true, logger: createLogger(config.logLevel, "eval") });
}

async function readScan(dbFile: string, meta: ScanMeta): Promise<ScannedSite> {
  const rt = await openRuntime(dbFile);
  try {
    const scan = await rt.db.scan.findUnique({ where: { id: meta.scanId }, select: { id: true, siteId: true, url: true } });
    if (!scan) throw new Error(`scan ${meta.scanId} missing from ${dbFile}`);
    const input = await loadAnalysisInput(rt.db, scan, EVAL_NOW);
    return { input, origin: meta.origin, encoder: meta.encoder, timings: meta.timings, seconds: meta.seconds };
  } finally {
    await rt.close();
  }
}

export interface ScanRequest<M> {
  /** cache folder name: site, variant and encoder */
  name: string;
  /** changes whenever the served site would change */
  key: string;
  /** builds the site to serve (only called when the scan is not reused) and what the evaluation keeps of it */
  build: () => { pages: Map<string, string>; serve: ServeOptions; kept: M };
  assetsDir: string;
  /** crawl and store the pages only: no encoder (vectors come from another scan of the same pages) */
  crawlOnly: boolean;
  reuse: boolean;
  /** the sequence model the scan runs (the product's default when absent) */
  encoder?: EncoderName;
}

/**
 * Serves the built site, scans it and returns what the scan stored with what the evaluation keeps of the variant; with
 * `reuse`, a kept scan of the same key (and the variant's kept data) without building the site.
 */
export async function scanSite<M>(req: ScanRequest<M>): Promise<{ scan: ScannedSite; kept: M }> {
  const dir = path.join(SCAN_CACHE, req.name);
  const dbFile = path.join(dir, "scan.db");
  const metaFile = path.join(dir, "meta.json");
  const keptFile = path.join(dir, "variant.json");
  if (req.reuse && existsSync(metaFile) && existsSync(dbFile) && existsSync(keptFile)) {
    const meta = JSON.parse(readFileSync(metaFile, "utf8")) as ScanMeta;
    if (meta.key === req.key) return { scan: await readScan(dbFile, meta), kept: JSON.parse(readFileSync(keptFile, "utf8")) as M };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const built = req.build();
  writeFileSync(keptFile, JSON.stringify(built.kept));
  const site = await serveSite(built.pages, req.assetsDir, built.serve);
  const rt = await openRuntime(dbFile);
  let meta: ScanMeta;
  try {
    const created = await createScanRecord(rt, { url: site.startUrl, maxPages: MAX_PAGES, maxDepth: MAX_DEPTH, concurrency: CONCURRENCY, allowPrivate: true, encoder: req.encoder, trigger: "cli" });
    if (req.crawlOnly) {
      await runCrawl(crawlStore(rt.db), created.id, defaultCrawlOptions(created.url, { maxPages: MAX_PAGES, maxDepth: MAX_DEPTH, concurrency: CONCURRENCY, allowPrivate: true }), {
        logger: rt.logger,
      });
      meta = { key: req.key, scanId: created.id, origin: site.origin, encoder: null, timings: {}, seconds: (Date.now() - started) / 1000 };
    } else {
      const scan = await runScan({ db: rt.db, config: rt.config, logger: rt.logger }, created.id);
      if (scan.status !== "done") throw new Error(`scan of ${req.name} ended ${scan.status}: ${scan.error ?? ""}`);
      meta = {
        key: req.key,
        scanId: created.id,
        origin: site.origin,
        encoder: scan.encoder,
        timings: { ...(scan.timings ?? {}) } as Record<string, number>,
        seconds: (Date.now() - started) / 1000,
      };
    }
  } finally {
    await rt.close();
    await site.close();
  }
  writeFileSync(metaFile, JSON.stringify(meta, null, 2));
  return { scan: await readScan(dbFile, meta), kept: built.kept };
}
