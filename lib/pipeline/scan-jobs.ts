import { validateStartUrl } from "../crawl";
import { checkRules, compileRules, parseRuleMap, type ExtractionRule } from "../crawl/custom-extract";
import { DEFAULT_RENDER_MODE, type RenderMode } from "../render/types";
import { sleep } from "../crawl/politeness";
import { DEFAULT_ENCODER_KIND, type EncoderKind } from "../encode/options";
import { createScan, getScan, setScanStatus, type ScanOptions, type ScanRow } from "../db/scans";
import { upsertSite } from "../db/sites";
import { AppError, errorMessage } from "../errors";
import { PermanentJobError } from "../queue/types";
import type { Runtime } from "../runtime";
import { assistCrawl, runScan } from "./run-scan";
import { enqueueAlertsLogged } from "./alerts";
import { enqueueWebhook } from "./webhooks";

export const SCAN_QUEUE = "scan";
/** Attempts of a scan job: a worker killed mid-scan counts as one; the scan resumes where it stood. */
export const SCAN_MAX_ATTEMPTS = 3;

export function scanJobKey(scanId: string): string {
  return `scan:${scanId}`;
}

export interface ScanJob {
  scanId: string;
}

export interface ScanRequest {
  url: string;
  maxPages?: number;
  maxDepth?: number;
  concurrency?: number;
  allowPrivate?: boolean;
  encoder?: EncoderKind;
  render?: RenderMode;
  /** `{ NAME: "SELECTOR[@attribute]" }` (API) or parsed rules (command line); the site's rules when absent */
  extract?: Record<string, string> | ExtractionRule[];
  trigger?: "manual" | "api" | "schedule" | "cli";
  apiKeyId?: string;
  /** the workspace the site is added to (the default workspace for the local command line) */
  workspaceId?: string;
}

/** Defaults for a scan when the request names no limit. */
export const DEFAULT_SCAN_LIMITS = { maxPages: 500, maxDepth: 10, concurrency: 4 } as const;

/** Rules as a scan stores them, checked (count, names, selectors Cheerio reads) before anything is queued. */
async function scanRules(rules: Record<string, string> | ExtractionRule[] | undefined): Promise<ExtractionRule[]> {
  if (!rules) return [];
  const parsed = Array.isArray(rules) ? checkRules(rules) : parseRuleMap(rules);
  if (parsed.length > 0) await compileRules(parsed);
  return parsed;
}

/** Parses and checks a start URL and creates the site (if new) and a queued scan. */
export async function createScanRecord(rt: Runtime, request: ScanRequest): Promise<ScanRow> {
  const allowPrivate = rt.config.allowPrivateHosts || request.allowPrivate === true;
  const start = await validateStartUrl(request.url, allowPrivate);
  const site = await upsertSite(rt.db, start.href, {}, request.workspaceId);
  const options: ScanOptions = {
    maxPages: request.maxPages ?? site.settings.maxPages ?? DEFAULT_SCAN_LIMITS.maxPages,
    maxDepth: request.maxDepth ?? site.settings.maxDepth ?? DEFAULT_SCAN_LIMITS.maxDepth,
    concurrency: request.concurrency ?? site.settings.concurrency ?? DEFAULT_SCAN_LIMITS.concurrency,
    allowPrivate,
    encoder: request.encoder ?? site.settings.encoder ?? DEFAULT_ENCODER_KIND,
    render: request.render ?? site.settings.render ?? DEFAULT_RENDER_MODE,
    extract: await scanRules(request.extract ?? site.settings.extract),
  };
  return createScan(rt.db, { siteId: site.id, url: start.href, options, trigger: request.trigger ?? "manual", apiKeyId: request.apiKeyId });
}

/**
 * Runs a scan to its end in this process (the command line, which has no job queue to record the outcome): a failure
 * marks the scan failed with its error and an interruption marks it cancelled, so it is never left `crawling`.
 */
export async function runScanInProcess(rt: Runtime, scanId: string, signal: AbortSignal): Promise<ScanRow> {
  try {
    return await runScan({ db: rt.db, config: rt.config, logger: rt.logger, signal }, scanId);
  } catch (error) {
    const cancelled = signal.aborted || (error instanceof AppError && error.code === "cancelled");
    await setScanStatus(rt.db, scanId, cancelled ? "cancelled" : "failed", { ...(cancelled ? {} : { error: errorMessage(error) }), finishedAt: new Date() }).catch((err) =>
      rt.logger.error({ err, scanId }, "could not record the scan's failure"),
    );
    throw error;
  }
}

/** Creates a scan and queues it for a worker. */
export async function enqueueScan(rt: Runtime, request: ScanRequest): Promise<ScanRow> {
  const scan = await createScanRecord(rt, request);
  await rt.queue.send<ScanJob>(SCAN_QUEUE, { scanId: scan.id }, { maxAttempts: SCAN_MAX_ATTEMPTS, singletonKey: scanJobKey(scan.id) });
  return scan;
}

export async function cancelScan(rt: Runtime, scanId: string): Promise<ScanRow> {
  const scan = await getScan(rt.db, scanId);
  if (!scan) throw new AppError("not_found", `Scan ${scanId} not found`);
  if (scan.status === "done" || scan.status === "failed" || scan.status === "cancelled") {
    throw new AppError("conflict", `Scan ${scanId} is already ${scan.status}`);
  }
  await setScanStatus(rt.db, scanId, "cancelled", { finishedAt: new Date() });
  const jobId = await rt.queue.findOpen(SCAN_QUEUE, scanJobKey(scanId));
  if (jobId) await rt.queue.cancel(SCAN_QUEUE, jobId);
  return (await getScan(rt.db, scanId)) as ScanRow;
}

export const CRAWL_HELPER_QUEUE = "crawl-helper";

/** Asks `crawlHelpers` other workers to join a scan's crawl (scale-out: the frontier is shared in the database). */
async function requestCrawlHelpers(rt: Runtime, scanId: string): Promise<void> {
  for (let i = 0; i < rt.config.crawlHelpers; i++) {
    await rt.queue.send<ScanJob>(CRAWL_HELPER_QUEUE, { scanId }, { maxAttempts: 1, singletonKey: `crawl:${scanId}:${i}` });
  }
}

/** Scans this process is running as their main worker: a helper here would add nothing but load on the site. */
const scansRunHere = new Set<string>();
/**
 * A helper request that reached the scan's own process goes back to the queue at once, and this process stays busy
 * with it this long before it polls the queue again (workers poll every second): the other workers get their turn at
 * the request. Handing it back for later instead let this process win it again and again when its polls happened to
 * fall just after the request became due.
 */
const HELPER_HANDBACK_HOLD_MS = 3_000;

/** Registers the crawl-helper handler: fetches pages of other workers' scans while they crawl. */
export function startCrawlHelperWorker(rt: Runtime, workerId?: string): void {
  rt.queue.work<ScanJob>(
    CRAWL_HELPER_QUEUE,
    async (job, signal) => {
      const { scanId } = job.data;
      if (scansRunHere.has(scanId)) {
        if ((await getScan(rt.db, scanId))?.status === "crawling") {
          await rt.queue.send<ScanJob>(CRAWL_HELPER_QUEUE, { scanId }, { maxAttempts: 1 });
          await sleep(HELPER_HANDBACK_HOLD_MS, signal);
        }
        return;
      }
      await assistCrawl({ db: rt.db, config: rt.config, logger: rt.logger, signal, workerId }, scanId);
    },
    { workerId, leaseMs: rt.config.jobLeaseMs },
  );
}

const PERMANENT_CODES = new Set(["invalid_url", "invalid_input", "private_address", "unreachable", "not_found", "cancelled"]);

/** Registers the scan handler on the queue: runs the pipeline; marks the scan failed when no retry is left. */
export function startScanWorker(rt: Runtime, workerId?: string): void {
  rt.queue.work<ScanJob>(
    SCAN_QUEUE,
    async (job, signal) => {
      scansRunHere.add(job.data.scanId);
      try {
        await runScan({ db: rt.db, config: rt.config, logger: rt.logger, signal, workerId, onCrawlStarted: (id) => requestCrawlHelpers(rt, id) }, job.data.scanId);
        await enqueueWebhook(rt, job.data.scanId, "scan.completed");
        await enqueueAlertsLogged(rt, job.data.scanId);
      } catch (error) {
        if (signal.aborted && !(error instanceof AppError && error.code !== "cancelled")) throw error; // cancelled or shutting down
        const permanent = error instanceof AppError && PERMANENT_CODES.has(error.code);
        rt.logger.error({ scanId: job.data.scanId, attempt: job.attempt, err: error }, "scan attempt failed");
        if (permanent || job.attempt >= SCAN_MAX_ATTEMPTS) {
          await setScanStatus(rt.db, job.data.scanId, "failed", { error: errorMessage(error), finishedAt: new Date() });
          await enqueueWebhook(rt, job.data.scanId, "scan.failed");
          await enqueueAlertsLogged(rt, job.data.scanId);
          throw new PermanentJobError(errorMessage(error), { cause: error });
        }
        throw error;
      } finally {
        scansRunHere.delete(job.data.scanId);
      }
    },
    { workerId, leaseMs: rt.config.jobLeaseMs },
  );
}
