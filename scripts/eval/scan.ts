/**
 * One scan of a served site through the product pipeline (crawl, extract, train and encode the LSTM, analyse)
 * against a throwaway SQLite database, read back as the analysis input so the evaluation can re-analyse it with
 * other options. Scans can be kept under .cache/eval/scans to re-run the analysis without crawling and training.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AnalysisInput } from "../../lib/analyze/types";
import { parseConfig } from "../../lib/config";
import { createLogger } from "../../lib/logger";
import { loadAnalysisInput } from "../../lib/pipeline/analysis-input";
import { runScan } from "../../lib/pipeline/run-scan";
import { createScanRecord } from "../../lib/pipeline/scan-jobs";
import { createRuntime } from "../../lib/runtime";
import { serveSite } from "./site-server";

/** Large enough for the docs plus every injected page. */
const MAX_PAGES = 2000;
const MAX_DEPTH = 50;
const CONCURRENCY = 4;
/** Fixed "now" so re-analyses of one scan are identical. */
export const EVAL_NOW = "2026-11-25T00:00:00.000Z";

export interface ScannedSite {
  input: AnalysisInput;
  /** origin the variant was served from: URLs minus this are the site-relative paths */
  origin: string;
  encoder: Record<string, unknown> | null;
  timings: Record<string, number>;
  seconds: number;
}

const SCAN_CACHE = path.resolve(".cache/eval/scans");

interface CachedScan extends Omit<ScannedSite, "input"> {
  key: string;
  input: Omit<AnalysisInput, "pages"> & { pages: (Omit<AnalysisInput["pages"][number], "lstmVector"> & { lstmVector: number[] | null })[] };
}

function readCache(name: string, key: string): ScannedSite | null {
  const file = path.join(SCAN_CACHE, `${name}.json`);
  if (!existsSync(file)) return null;
  const cached = JSON.parse(readFileSync(file, "utf8")) as CachedScan;
  if (cached.key !== key) return null;
  return {
    ...cached,
    input: { ...cached.input, pages: cached.input.pages.map((p) => ({ ...p, lstmVector: p.lstmVector ? Float32Array.from(p.lstmVector) : null })) },
  };
}

function writeCache(name: string, key: string, scan: ScannedSite): void {
  mkdirSync(SCAN_CACHE, { recursive: true });
  const pages = scan.input.pages.map((p) => ({ ...p, lstmVector: p.lstmVector ? Array.from(p.lstmVector) : null }));
  writeFileSync(path.join(SCAN_CACHE, `${name}.json`), JSON.stringify({ ...scan, key, input: { ...scan.input, pages } }));
}

/**
 * Serves `pages` (with assets from `assetsDir`), scans the site and returns what the scan stored. With `reuse`, a
 * cached scan of the same variant (same `key`) is returned instead.
 */
export async function scanSite(name: string, key: string, pages: Map<string, string>, assetsDir: string, reuse: boolean): Promise<ScannedSite> {
  if (reuse) {
    const cached = readCache(name, key);
    if (cached) return cached;
  }
  const started = Date.now();
  const site = await serveSite(pages, assetsDir);
  const dir = mkdtempSync(path.join(os.tmpdir(), "topicgate-eval-"));
  const config = parseConfig({
    ...process.env,
    DATABASE_URL: `file:${path.join(dir, "eval.db")}`,
    TOPICGATE_ALLOW_PRIVATE_HOSTS: "1",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  });
  const rt = await createRuntime({ config, migrate: true, logger: createLogger(config.logLevel, "eval") });
  try {
    const created = await createScanRecord(rt, { url: site.startUrl, maxPages: MAX_PAGES, maxDepth: MAX_DEPTH, concurrency: CONCURRENCY, allowPrivate: true, trigger: "cli" });
    const scan = await runScan({ db: rt.db, config: rt.config, logger: rt.logger }, created.id);
    if (scan.status !== "done") throw new Error(`scan of ${name} ended ${scan.status}: ${scan.error ?? ""}`);
    const input = await loadAnalysisInput(rt.db, scan, EVAL_NOW);
    const result: ScannedSite = {
      input,
      origin: site.origin,
      encoder: scan.encoder,
      timings: { ...(scan.timings ?? {}) } as Record<string, number>,
      seconds: (Date.now() - started) / 1000,
    };
    writeCache(name, key, result);
    return result;
  } finally {
    await rt.close();
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
