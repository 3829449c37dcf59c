import os from "node:os";
import crypto from "node:crypto";
import { AppError } from "../errors";
import { validateStartUrl } from "./address-guard";
import { removeRepeatedBlocks } from "./boilerplate";
import { CommitQueue } from "./commit-queue";
import { progressReporter, type CrawlStats } from "./crawl-progress";
import { CrawlStop } from "./crawl-stop";
import { Fetcher, type FetchResult } from "./fetch";
import { fetchUntilDone } from "./fetch-loop";
import { FailureTally } from "./failures";
import { Frontier } from "./frontier";
import { buildPageCommit, type PageRecordContext } from "./page-record";
import { createPageReader, subresourceSource } from "./render-setup";
import { HostGate } from "./politeness";
import { RobotsCache } from "./robots";
import { SitemapSeed } from "./sitemap-seed";
import type { ClaimedEntry, CrawlStore } from "./store";
import type { CrawlContext, CrawlOptions, CrawlSummary } from "./types";

export { SITEMAP_ONLY_DEPTH } from "./frontier";
export { PROGRESS_INTERVAL_MS } from "./crawl-progress";

/** A claim not renewed for this long belongs to a dead worker; heartbeats renew every third of it. */
export const CLAIM_LEASE_MS = 30_000;

function botToken(userAgent: string): string {
  return (userAgent.split(/[/\s]/)[0] || "topicgatebot").toLowerCase();
}

/**
 * Crawls a scan's site into `store`, together with any other worker crawling the same scan: restores or starts the
 * frontier, reads sitemaps in the background, fetches until done, then marks sitemap pages and removes repeated blocks.
 */
export async function runCrawl(store: CrawlStore, scanId: string, options: CrawlOptions, ctx: CrawlContext = {}): Promise<CrawlSummary> {
  const t0 = Date.now();
  const log = ctx.logger?.child({ scanId, stage: "crawl" });
  const workerId = ctx.workerId ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString("hex")}`;
  const leaseMs = ctx.leaseMs ?? CLAIM_LEASE_MS;
  const start = await validateStartUrl(options.startUrl, options.allowPrivate, ctx.lookup);
  const frontier = new Frontier(start.href, options);
  const inScope = (u: string): boolean => frontier.inScope(u);
  const gate = new HostGate(Math.max(1, options.concurrency));
  const stop = new CrawlStop(ctx.signal, options.timeBudgetMs);

  const fetcher: Fetcher = new Fetcher({
    userAgent: options.userAgent,
    allowPrivate: options.allowPrivate,
    maxBytesPerPage: options.maxBytesPerPage,
    maxRedirects: options.maxRedirects,
    retries: options.retries,
    concurrency: options.concurrency,
    requestTimeoutMs: options.requestTimeoutMs,
    normalize: (u, base) => frontier.normalize(u, base),
    checkRedirect: (u): "out_of_scope" | "robots" | null => (!inScope(u) ? "out_of_scope" : robots.isAllowedSync(u) === false ? "robots" : null),
    throttle: gate,
    lookup: ctx.lookup,
  });
  // checkRedirect above only runs during fetches, after this line
  const robots: RobotsCache = new RobotsCache(fetcher, options.userAgent, options.respectRobots, inScope);
  const reader = await createPageReader(options, {
    botToken: botToken(options.userAgent),
    normalize: (u) => frontier.normalize(u),
    source: subresourceSource(fetcher, robots, options, (u) => frontier.normalize(u)),
    logger: log,
  });

  const stored = await store.listFrontierUrls(scanId);
  const toQueue = frontier.restore(stored);
  if (toQueue.length > 0) {
    await store.enqueueFrontierUrls(scanId, toQueue);
  } else {
    const requeued = await store.requeueStaleClaims(scanId, new Date(Date.now() - leaseMs), workerId);
    log?.info({ known: stored.length, requeued }, "resuming crawl");
  }

  const initial = await store.crawlTotals(scanId);
  const stats: CrawlStats = { pages: initial.pages, failed: initial.failed, bytes: initial.bytes, fetchedThisRun: 0 };
  const sitemaps = new SitemapSeed(fetcher, robots, frontier, store, {
    scanId,
    respectRobots: options.respectRobots,
    maxPages: options.maxPages,
    signal: stop.signal,
    log,
  });
  const emitProgress = progressReporter(store, scanId, stats, ctx.onProgress, t0);
  const heartbeat = setInterval(
    () => void store.renewClaims(scanId, workerId, new Date()).catch((err) => log?.warn({ err }, "claim heartbeat failed")),
    Math.max(50, leaseMs / 3),
  );
  const failures = new FailureTally();
  const commits = new CommitQueue(store, (c, outcome) => {
    if (outcome !== "saved" || !c.page) return;
    stats.pages++;
    stats.fetchedThisRun++;
    stats.bytes += c.page.bytes;
    if (c.entryState === "failed") {
      stats.failed++;
      failures.add(c.page);
    }
    void emitProgress().catch((err) => log?.warn({ err }, "progress report failed"));
  });
  const recordContext: PageRecordContext = {
    scanId,
    workerId,
    botToken: botToken(options.userAgent),
    maxDepth: options.maxDepth,
    frontier,
    inSitemap: (u) => sitemaps.has(u),
  };

  const processEntry = async (e: ClaimedEntry): Promise<void> => {
    if (options.respectRobots && !(await robots.isAllowed(e.url))) {
      await store.finishFrontierEntry(e.id, workerId, "skipped", "disallowed by robots.txt");
      return;
    }
    const delay = Math.max(options.perHostDelayMs, await robots.crawlDelayMs(e.url));
    const release = await gate.acquire(new URL(e.url).host, delay, stop.signal);
    let r: FetchResult;
    try {
      if (stop.signal.aborted) {
        await store.finishFrontierEntry(e.id, workerId, "queued", null);
        return;
      }
      r = await fetcher.fetch(e.url, stop.signal);
    } finally {
      release();
    }
    if (r.errorCode === "cancelled" || (stop.signal.aborted && r.errorCode !== null)) {
      await store.finishFrontierEntry(e.id, workerId, "queued", null);
      return;
    }
    let reading: Parameters<typeof buildPageCommit>[3];
    if (r.html !== null && r.errorCode === null && r.status > 0 && r.status < 400) {
      try {
        reading = await reader.read(r.html, r.finalUrl, r.headers["last-modified"], stop.signal);
      } catch (err) {
        if (err instanceof AppError) throw err;
        reading = { error: (err as Error).message };
      }
    }
    commits.add(buildPageCommit(e, r, recordContext, reading));
  };

  try {
    await fetchUntilDone({
      store,
      scanId,
      workerId,
      leaseMs,
      maxPages: options.maxPages,
      concurrency: Math.max(1, options.concurrency),
      stats,
      stop,
      commits,
      sitemapsDone: () => sitemaps.done,
      process: processEntry,
    });
  } finally {
    clearInterval(heartbeat);
    stop.close();
    await sitemaps.task;
    await reader.close().catch((err: unknown) => log?.warn({ err }, "Chromium did not close cleanly"));
    await fetcher.close().catch((err: unknown) => log?.warn({ err }, "fetcher did not close cleanly"));
  }

  let sitemapOrphans: string[] = [];
  if (stop.reason !== "cancelled") {
    // only URLs some worker queued can have a page: the rest of a 50,000-URL sitemap need not go to the database
    const queued = sitemaps.urls.size > 0 ? new Set((await store.listFrontierUrls(scanId)).map((e) => e.url)) : new Set<string>();
    const urls = [...sitemaps.urls].filter((u) => queued.has(u));
    await store.markPagesInSitemap(scanId, urls);
    // pages may be stored before the sitemaps are read: their sitemap alternates join them now
    const alternates = new Map([...sitemaps.alternates].filter(([u]) => queued.has(u)));
    if (alternates.size > 0) await store.addPageAlternates(scanId, alternates);
    sitemapOrphans = await store.findUnlinkedPages(scanId, urls.filter((u) => u !== frontier.startUrl));
    const bp = await removeRepeatedBlocks(store, scanId);
    log?.info(bp, "repeated blocks removed");
  }
  await emitProgress(true).catch((err: unknown) => log?.warn({ err }, "progress report failed"));
  const totals = await store.crawlTotals(scanId);
  const robotsSummary = await robots.summary();
  // An unreachable robots.txt means "disallow all" (RFC 9309 2.3.1.4); when nothing at all could be fetched the
  // site is down or refusing us, which the caller must hear as an error rather than as an empty scan.
  const origin = frontier.start.origin;
  if (totals.pages === 0 && robotsSummary.status[origin] === 0 && stop.reason === "done") {
    const why = robotsSummary.errors[origin];
    throw new AppError("unreachable", `Cannot reach ${origin} (robots.txt could not be fetched${why ? `: ${why}` : ""})`);
  }
  return {
    pagesFetched: totals.pages,
    htmlPages: totals.htmlPages,
    failed: totals.failed,
    bytes: totals.bytes,
    elapsedMs: Date.now() - t0,
    stoppedBy: stop.reason,
    trapsCapped: frontier.traps.report(),
    failures: failures.report(),
    sitemaps: sitemaps.summary,
    sitemapOrphans,
    robots: robotsSummary,
    render: reader.summary(),
  };
}
