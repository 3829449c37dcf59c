import type { Logger } from "pino";
import { analyzeSite } from "../analyze";
import type { AnalysisResult } from "../analyze/types";
import type { Config } from "../config";
import { defaultCrawlOptions, runCrawl, type CrawlOptions } from "../crawl";
import { saveAnalysis } from "../db/analysis";
import type { Db } from "../db/client";
import { loadEmbeddings } from "../db/embeddings";
import { firstCrawlError, listFetchOutcomes, listHtmlPages, listLinks, type StoredLink, type StoredPage } from "../db/pages";
import { finishScan, getScan, setScanEncoder, setScanStatus, setScanTimings, type ScanRow, type ScanTimings } from "../db/scans";
import { getSite } from "../db/sites";
import { AppError } from "../errors";
import { savePageMapPositions } from "../db/page-map";
import { fieldsOfPages } from "../db/page-fields";
import { buildScanReport } from "../report/scan-report";
import { topicMapPositions } from "../report/topic-map";
import { buildChangeReport } from "./change-reports";
import { runEncodePhase } from "./encode-phase";
import { toAnalysisInput } from "./analysis-input";
import { ProgressRecorder } from "./progress";
import { prepareSearch, searchForReport, type PreparedSearch } from "./search-evidence";
import { recordWorklist } from "./worklist";
import { crawlStore } from "../db/crawl-store";

export interface PipelineContext {
  db: Db;
  config: Config;
  logger: Logger;
  signal?: AbortSignal;
  workerId?: string;
  /** called as the crawl phase starts, e.g. to ask other workers to join the crawl */
  onCrawlStarted?: (scanId: string) => Promise<void>;
}

/** The order of phases; a resumed scan starts again at the phase it was in. */
const PHASES = ["queued", "crawling", "encoding", "analyzing", "done"] as const;

function reached(status: ScanRow["status"], phase: (typeof PHASES)[number]): boolean {
  return PHASES.indexOf(status as (typeof PHASES)[number]) >= PHASES.indexOf(phase);
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError("cancelled", "The scan was cancelled");
}

function crawlOptionsFor(ctx: PipelineContext, scan: ScanRow): CrawlOptions {
  return defaultCrawlOptions(scan.url, {
    maxPages: scan.options.maxPages,
    maxDepth: scan.options.maxDepth,
    concurrency: scan.options.concurrency,
    allowPrivate: scan.options.allowPrivate || ctx.config.allowPrivateHosts,
    userAgent: ctx.config.userAgent,
    render: scan.options.render ?? "off",
    extract: scan.options.extract ?? [],
    chromiumPath: ctx.config.chromiumPath,
  });
}

/**
 * Joins a running crawl from another worker: the frontier is shared in the database, so this worker claims and
 * fetches pages beside the scan's own worker until the frontier is exhausted. Does nothing once the crawl is over.
 */
export async function assistCrawl(ctx: PipelineContext, scanId: string): Promise<boolean> {
  const scan = await getScan(ctx.db, scanId);
  if (!scan || scan.status !== "crawling") return false;
  await runCrawl(crawlStore(ctx.db), scanId, crawlOptionsFor(ctx, scan), {
    signal: ctx.signal,
    logger: ctx.logger.child({ scanId, role: "crawl-helper" }),
    workerId: ctx.workerId,
    leaseMs: ctx.config.jobLeaseMs,
  });
  return true;
}

/**
 * Runs one scan from wherever it stands to the end: crawl, encode, analyse, report. Every phase writes its results
 * before the scan moves on, so a killed worker's successor resumes at the phase that was running.
 */
export async function runScan(ctx: PipelineContext, scanId: string): Promise<ScanRow> {
  const log = ctx.logger.child({ scanId });
  let scan = await getScan(ctx.db, scanId);
  if (!scan) throw new AppError("not_found", `Scan ${scanId} not found`);
  if (scan.status === "done" || scan.status === "failed" || scan.status === "cancelled") return scan;
  const progress = new ProgressRecorder(ctx.db, scanId, scan.progress, log);
  const timings: ScanTimings = { ...(scan.timings ?? {}) };

  if (!reached(scan.status, "encoding")) {
    await setScanStatus(ctx.db, scanId, "crawling", scan.startedAt ? {} : { startedAt: new Date() });
    const started = Date.now();
    log.info({ url: scan.url }, "crawl started");
    await ctx.onCrawlStarted?.(scanId);
    const summary = await runCrawl(crawlStore(ctx.db), scanId, crawlOptionsFor(ctx, scan), {
      signal: ctx.signal,
      logger: log,
      workerId: ctx.workerId,
      leaseMs: ctx.config.jobLeaseMs,
      onProgress: (p) => void progress.update("crawl", { ...p }),
    });
    throwIfCancelled(ctx.signal);
    timings.crawlMs = (timings.crawlMs ?? 0) + (Date.now() - started);
    await progress.update("crawl", { ...(progress.current.crawl as object), summary, done: true }, true);
    await setScanTimings(ctx.db, scanId, timings);
    log.info({ pages: summary.htmlPages, ms: timings.crawlMs }, "crawl finished");
    if (summary.htmlPages === 0) {
      const cause = await firstCrawlError(ctx.db, scanId);
      throw new AppError("unreachable", `The site is unreachable: no HTML page could be fetched from ${scan.url}${cause ? ` (${cause})` : ""}`);
    }
    await setScanStatus(ctx.db, scanId, "encoding");
    scan = (await getScan(ctx.db, scanId)) as ScanRow;
  }

  let pages = await listHtmlPages(ctx.db, scanId);

  if (!reached(scan.status, "analyzing")) {
    const started = Date.now();
    const stats = await encodePhase(ctx, scan, pages, progress);
    throwIfCancelled(ctx.signal);
    timings.encodeMs = Date.now() - started;
    await setScanTimings(ctx.db, scanId, timings);
    await setScanEncoder(ctx.db, scanId, stats);
    log.info({ kind: stats.kind, backend: stats.backend, perplexity: stats.heldOutPerplexity, ms: timings.encodeMs }, "encode finished");
    await setScanStatus(ctx.db, scanId, "analyzing");
    scan = (await getScan(ctx.db, scanId)) as ScanRow;
    // read again: the encode phase added each page's coherence
    pages = await listHtmlPages(ctx.db, scanId);
  }

  const started = Date.now();
  await progress.update("analyze", { step: "analysing" }, true);
  const site = await getSite(ctx.db, scan.siteId);
  const search = await prepareSearch(ctx.db, scan, site?.url ?? scan.url, pages.map((p) => p.url));
  const { analysis, links } = await analyzePhase(ctx, scan, pages, site?.url ?? scan.url, search);
  throwIfCancelled(ctx.signal);
  timings.analyzeMs = Date.now() - started;
  await setScanTimings(ctx.db, scanId, timings);
  const worklist = await recordWorklist(ctx.db, scan, pages, links, analysis);
  const finishedAt = new Date();
  const extracted = { names: (scan.options.extract ?? []).map((r) => r.name), byPage: scan.options.extract?.length ? await fieldsOfPages(ctx.db, pages.map((p) => p.id)) : new Map() };
  const report = buildScanReport({ scan: { ...scan, timings, finishedAt }, pages, analysis, search: await searchForReport(ctx.db, scan.id, search, analysis.search?.usedByDecisions === true), worklist, extracted });
  await progress.update("analyze", { step: "done" }, true);
  // a scan cancelled at the last moment stays cancelled and gets no change report
  if (await finishScan(ctx.db, scanId, { report, authority: analysis.site.authority })) await buildChangeReport(ctx.db, scanId);
  log.info({ authority: analysis.site.authority, ms: timings.analyzeMs }, "scan finished");
  return (await getScan(ctx.db, scanId)) as ScanRow;
}

async function encodePhase(ctx: PipelineContext, scan: ScanRow, pages: StoredPage[], progress: ProgressRecorder): Promise<Record<string, unknown>> {
  return runEncodePhase({ db: ctx.db, logger: ctx.logger.child({ scanId: scan.id }), backend: ctx.config.tfBackend, timeBudgetMs: ctx.config.encoderTimeBudgetMs, signal: ctx.signal }, scan, pages, progress);
}

async function analyzePhase(ctx: PipelineContext, scan: ScanRow, pages: StoredPage[], siteUrl: string, search: PreparedSearch): Promise<{ analysis: AnalysisResult; links: StoredLink[] }> {
  const vectors = await loadEmbeddings(ctx.db, scan.id);
  const links = await listLinks(ctx.db, scan.id);
  const fetches = await listFetchOutcomes(ctx.db, scan.id);
  const input = { ...toAnalysisInput(siteUrl, new Date().toISOString(), pages, links, vectors, fetches), search: search.input };
  const result = analyzeSite(input);
  await saveAnalysis(ctx.db, scan.id, new Map(pages.map((p) => [p.url, p.id])), result);
  // the map draws the vectors the topics come from, so a page sits among the pages of its topic
  const placed = pages.filter((p) => result.vectorsByUrl?.has(p.url));
  const positions = topicMapPositions(placed.map((p) => Float32Array.from(result.vectorsByUrl?.get(p.url) as Float64Array)));
  await savePageMapPositions(ctx.db, scan.id, placed.map((p, i) => ({ pageId: p.id, ...positions[i] })));
  return { analysis: result, links };
}

