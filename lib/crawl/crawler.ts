import os from "node:os";
import crypto from "node:crypto";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import {
  claimFrontierEntries,
  countFrontierByState,
  crawlTotals,
  enqueueFrontierUrls,
  findUnlinkedPages,
  finishFrontierEntry,
  listFrontierUrls,
  markPagesInSitemap,
  renewClaims,
  requeueStaleClaims,
  type ClaimedEntry,
  type CommitOutcome,
  type LinkRecord,
  type NewFrontierUrl,
  type PageCommit,
  type PageRecord,
} from "../db/crawl-store";
import { validateStartUrl } from "./address-guard";
import { removeRepeatedBlocks } from "./boilerplate";
import { COMMIT_BATCH_PAGES, CommitQueue } from "./commit-queue";
import { extractPage } from "./extract";
import { Fetcher, type FetchResult } from "./fetch";
import { HostGate, sleep } from "./politeness";
import { FailureTally } from "./failures";
import { RobotsCache } from "./robots";
import { robotsDirectives } from "./robots-directives";
import { collectSitemapUrls } from "./sitemaps";
import { TrapGuard } from "./traps";
import type { CrawlContext, CrawlOptions, CrawlProgress, CrawlSummary } from "./types";
import { normalizeUrl, scopeOf } from "./urls";

/** A claim not renewed for this long belongs to a dead worker; heartbeats renew every third of it. */
export const CLAIM_LEASE_MS = 30_000;
/** onProgress is called at most this often. */
export const PROGRESS_INTERVAL_MS = 250;
/** Wait between looks at the frontier while other workers hold the remaining URLs. */
const IDLE_POLL_MS = 100;
/** Fetched pages waiting for the database beyond which fetching pauses until they are stored. */
const MAX_UNWRITTEN_PAGES = 4 * COMMIT_BATCH_PAGES;
/**
 * Frontier depth of URLs known only from a sitemap: sorts them after every link-reachable URL, so a link found later
 * still gives them their true click depth. Their pages are stored with depth -1 (not reachable by links).
 */
export const SITEMAP_ONLY_DEPTH = 1_000_000;

function botToken(userAgent: string): string {
  return (userAgent.split(/[/\s]/)[0] || "topicgatebot").toLowerCase();
}

export async function runCrawl(db: Db, scanId: string, options: CrawlOptions, ctx: CrawlContext = {}): Promise<CrawlSummary> {
  const t0 = Date.now();
  const log = ctx.logger?.child({ scanId, stage: "crawl" });
  const workerId = ctx.workerId ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString("hex")}`;
  const leaseMs = ctx.leaseMs ?? CLAIM_LEASE_MS;
  const start = await validateStartUrl(options.startUrl, options.allowPrivate, ctx.lookup);
  const norm = (u: string, base?: string): string | null => normalizeUrl(u, base, options);
  const startUrl = norm(start.href)!;
  const startU = new URL(startUrl);
  const token = botToken(options.userAgent);
  const inScope = (u: string): boolean => scopeOf(u, startU, options) === "in";
  const gate = new HostGate(Math.max(1, options.concurrency));

  // Aborts in-flight fetches on cancellation or when the time budget runs out.
  const stop = new AbortController();
  let stoppedBy: CrawlSummary["stoppedBy"] = "done";
  const onAbort = (): void => {
    stoppedBy = "cancelled";
    stop.abort();
  };
  if (ctx.signal?.aborted) onAbort();
  ctx.signal?.addEventListener("abort", onAbort, { once: true });
  const budgetTimer = setTimeout(() => {
    if (!stop.signal.aborted) {
      stoppedBy = "timeBudget";
      stop.abort();
    }
  }, Math.max(0, options.timeBudgetMs));

  const fetcher: Fetcher = new Fetcher({
    userAgent: options.userAgent,
    allowPrivate: options.allowPrivate,
    maxBytesPerPage: options.maxBytesPerPage,
    maxRedirects: options.maxRedirects,
    retries: options.retries,
    concurrency: options.concurrency,
    requestTimeoutMs: options.requestTimeoutMs,
    normalize: (u, base) => norm(u, base),
    checkRedirect: (u): "out_of_scope" | "robots" | null => (!inScope(u) ? "out_of_scope" : robots.isAllowedSync(u) === false ? "robots" : null),
    throttle: gate,
    lookup: ctx.lookup,
  });
  // checkRedirect above only runs during fetches, after this line
  const robots: RobotsCache = new RobotsCache(fetcher, options.userAgent, options.respectRobots, inScope);
  const traps = new TrapGuard();

  // url -> smallest depth this worker has queued it at (a resumed worker rebuilds it from the frontier)
  const known = new Map<string, number>();
  const existing = await listFrontierUrls(db, scanId);
  if (existing.length === 0) {
    await enqueueFrontierUrls(db, scanId, [{ url: startUrl, depth: 0, source: "start", parentUrl: null }]);
    known.set(startUrl, 0);
  } else {
    for (const e of existing) {
      known.set(e.url, e.depth);
      traps.seed(e.url);
    }
    const requeued = await requeueStaleClaims(db, scanId, new Date(Date.now() - leaseMs), workerId);
    log?.info({ known: existing.length, requeued }, "resuming crawl");
  }

  const initial = await crawlTotals(db, scanId);
  const stats = { pages: initial.pages, failed: initial.failed, bytes: initial.bytes, fetchedThisRun: 0 };

  // Sitemaps load in the background; their URLs sort last (SITEMAP_ONLY_DEPTH) so they never delay link discovery.
  const sitemapUrls = new Set<string>();
  let sitemapsDone = false;
  let sitemapSummary: CrawlSummary["sitemaps"] = null;
  const sitemapTask = (async () => {
    try {
      const origin = await robots.forUrl(startUrl);
      if (options.respectRobots && origin.mode === "disallow-all") return; // not even sitemaps (RFC 9309 2.3.1.4)
      const roots = [...origin.sitemaps, `${startU.origin}/sitemap.xml`];
      const accept = (loc: string): string | null => ((u) => (u && inScope(u) ? u : null))(norm(loc));
      const found = await collectSitemapUrls(fetcher, roots, { signal: stop.signal, accept, robots });
      sitemapSummary = found.summary;
      if (found.errors.length) log?.warn({ errors: found.errors.slice(0, 10) }, "sitemap errors");
      const fresh: NewFrontierUrl[] = [];
      for (const u of found.urls) {
        sitemapUrls.add(u);
        // sitemap-only URLs come after every linked one: more than the page cap could never be fetched
        if (fresh.length < options.maxPages && !known.has(u) && traps.admit(u)) {
          known.set(u, SITEMAP_ONLY_DEPTH);
          fresh.push({ url: u, depth: SITEMAP_ONLY_DEPTH, source: "sitemap", parentUrl: null });
        }
      }
      if (fresh.length) await enqueueFrontierUrls(db, scanId, fresh);
    } catch (e) {
      log?.warn({ err: e }, "sitemaps could not be read");
    } finally {
      sitemapsDone = true;
    }
  })();

  let lastProgress = 0;
  const emitProgress = async (force = false): Promise<void> => {
    if (!ctx.onProgress) return;
    const now = Date.now();
    if (!force && now - lastProgress < PROGRESS_INTERVAL_MS) return;
    lastProgress = now;
    const counts = await countFrontierByState(db, scanId);
    const elapsedMs = now - t0;
    const p: CrawlProgress = {
      fetched: stats.pages,
      queued: counts.queued + counts.fetching,
      failed: stats.failed,
      bytes: stats.bytes,
      pagesPerSecond: elapsedMs > 0 ? Math.round((stats.fetchedThisRun / elapsedMs) * 10_000) / 10 : 0,
      elapsedMs,
    };
    ctx.onProgress(p);
  };
  const heartbeat = setInterval(
    () => void renewClaims(db, scanId, workerId, new Date()).catch((err) => log?.warn({ err }, "claim heartbeat failed")),
    Math.max(50, leaseMs / 3),
  );

  const processEntry = async (e: ClaimedEntry): Promise<void> => {
    if (options.respectRobots && !(await robots.isAllowed(e.url))) {
      await finishFrontierEntry(db, e.id, workerId, "skipped", "disallowed by robots.txt");
      return;
    }
    const host = new URL(e.url).host;
    const delay = Math.max(options.perHostDelayMs, await robots.crawlDelayMs(e.url));
    const release = await gate.acquire(host, delay, stop.signal);
    let r: FetchResult;
    try {
      if (stop.signal.aborted) {
        await finishFrontierEntry(db, e.id, workerId, "queued", null);
        return;
      }
      r = await fetcher.fetch(e.url, stop.signal);
    } finally {
      release();
    }
    if (r.errorCode === "cancelled" || (stop.signal.aborted && r.errorCode !== null)) {
      await finishFrontierEntry(db, e.id, workerId, "queued", null);
      return;
    }
    commits.add(buildCommit(e, r));
  };

  const onStored = (c: PageCommit, outcome: CommitOutcome): void => {
    if (outcome !== "saved" || !c.page) return;
    stats.pages++;
    stats.fetchedThisRun++;
    stats.bytes += c.page.bytes;
    if (c.entryState === "failed") {
      stats.failed++;
      failures.add(c.page);
    }
    void emitProgress().catch((err) => log?.warn({ err }, "progress report failed"));
  };
  const commits = new CommitQueue(db, onStored);
  const failures = new FailureTally();

  const buildCommit = (e: ClaimedEntry, r: FetchResult): PageCommit => {
    const sitemapOnly = e.depth >= SITEMAP_ONLY_DEPTH;
    const depth = sitemapOnly ? -1 : e.depth;
    const failed = r.errorCode !== null || r.status === 0 || r.status >= 400;
    const extra: Record<string, unknown> = { attempts: r.attempts };
    if (r.error) Object.assign(extra, { error: r.error, errorCode: r.errorCode });
    if (r.headers["last-modified"]) extra.lastModified = r.headers["last-modified"];
    if (r.headers["content-encoding"]) extra.contentEncoding = r.headers["content-encoding"];
    const xRobots = r.headers["x-robots-tag"] ?? null;
    if (xRobots) extra.xRobotsTag = xRobots;
    const headerRobots = robotsDirectives(xRobots ? [xRobots] : [], token);
    const page: PageRecord = {
      url: r.finalUrl,
      requestedUrl: e.url,
      depth,
      status: r.status,
      contentType: r.contentType,
      charset: r.charset,
      bytes: r.bytes,
      responseMs: r.responseMs,
      redirectChain: r.redirectChain.length ? (r.redirectChain as unknown as PageRecord["redirectChain"]) : null,
      title: null,
      metaDescription: null,
      canonical: null,
      headings: null,
      mainText: null,
      wordCount: 0,
      language: null,
      publishedAt: null,
      modifiedAt: r.headers["last-modified"] ? new Date(r.headers["last-modified"]) : null,
      contentHash: null,
      simhash: null,
      noindex: headerRobots.noindex,
      nofollow: headerRobots.nofollow,
      inSitemap: sitemapUrls.has(r.finalUrl) || sitemapUrls.has(e.url),
      extra: {},
    };
    if (page.modifiedAt && Number.isNaN(page.modifiedAt.getTime())) page.modifiedAt = null;
    const links: LinkRecord[] = [];
    const discovered: NewFrontierUrl[] = [];
    if (r.html !== null && !failed) {
      let ex;
      try {
        ex = extractPage(r.html, r.finalUrl, { botToken: token, lastModified: r.headers["last-modified"] });
      } catch (err) {
        extra.error = `extraction failed: ${(err as Error).message}`;
        extra.errorCode = "extract";
      }
      if (ex) {
        Object.assign(page, {
          title: ex.title,
          metaDescription: ex.metaDescription,
          canonical: ex.canonical ? (norm(ex.canonical) ?? ex.canonical) : null,
          headings: ex.headings,
          mainText: ex.mainText,
          wordCount: ex.wordCount,
          language: ex.language,
          publishedAt: ex.publishedAt,
          modifiedAt: ex.modifiedAt,
          contentHash: ex.contentHash,
          simhash: ex.simhash,
          noindex: page.noindex || ex.metaRobots.noindex,
          nofollow: page.nofollow || ex.metaRobots.nofollow,
        });
        if (ex.metaRobots.raw) extra.metaRobots = ex.metaRobots.raw;
        if (ex.linksDropped) extra.linksDropped = ex.linksDropped;
        const fromContentPage = traps.broughtContent(r.finalUrl, ex.mainText);
        if (ex.hreflang.length) extra.hreflang = ex.hreflang;
        if (ex.schemaTypes.length) extra.schemaTypes = ex.schemaTypes;
        extra.blockHashes = ex.blockHashes;
        const childDepth = sitemapOnly ? SITEMAP_ONLY_DEPTH : e.depth + 1;
        const follow = !page.nofollow && (sitemapOnly || e.depth + 1 <= options.maxDepth);
        const seen = new Set<string>();
        for (const l of ex.links) {
          const to = norm(l.href);
          if (!to || to === r.finalUrl) continue; // fragment and self links carry no authority
          links.push({ toUrl: to, anchor: l.anchor, rel: l.rel, nofollow: l.nofollow, position: l.position, context: l.context });
          if (!follow || l.nofollow || seen.has(to)) continue;
          seen.add(to);
          const knownDepth = known.get(to);
          if (knownDepth !== undefined && knownDepth <= childDepth) continue;
          if (!inScope(to)) continue;
          if (knownDepth === undefined && !traps.admit(to, fromContentPage)) continue;
          known.set(to, childDepth);
          discovered.push({ url: to, depth: childDepth, source: "link", parentUrl: r.finalUrl });
        }
      }
    }
    page.extra = extra as PageRecord["extra"];
    const redirected = r.finalUrl !== e.url;
    if (redirected) known.set(r.finalUrl, Math.min(known.get(r.finalUrl) ?? Infinity, e.depth));
    return {
      scanId,
      entryId: e.id,
      workerId,
      entryState: failed ? ("failed" as const) : ("done" as const),
      entryError: r.error ?? (r.status >= 400 ? `HTTP ${r.status}` : null),
      page,
      links,
      discovered,
      redirectTarget: redirected ? { url: r.finalUrl, depth: e.depth, parentUrl: e.url } : null,
    };
  };

  const inflight = new Set<Promise<void>>();
  const buffer: ClaimedEntry[] = [];
  const concurrency = Math.max(1, options.concurrency);
  let fatal: unknown = null;
  try {
    for (;;) {
      fatal ??= commits.failure;
      if (fatal || stop.signal.aborted) break;
      // backpressure: a database slower than the fetching must not pile fetched pages up in memory with their claims
      // held (a 100,000-page crawl on PostgreSQL held 11,000 of them)
      if (commits.size >= MAX_UNWRITTEN_PAGES) {
        await commits.flush();
        continue;
      }
      // pages fetched and not yet stored count against the cap like those being fetched
      const busy = inflight.size + commits.size;
      if (stats.pages + busy >= options.maxPages) {
        if (busy === 0) {
          stoppedBy = "maxPages";
          break;
        }
        await (inflight.size > 0 ? Promise.race(inflight) : commits.flush());
        continue;
      }
      // claim in batches (a claim costs a few queries) once the local buffer is empty
      let capFilled = false;
      if (buffer.length === 0 && inflight.size < concurrency) {
        const want = Math.min(2 * concurrency - inflight.size, options.maxPages - stats.pages - busy);
        const claim = await claimFrontierEntries(db, scanId, workerId, want, new Date(), options.maxPages);
        buffer.push(...claim.entries);
        capFilled = claim.stored >= options.maxPages;
        // the URLs to claim next may be waiting in this worker's own unwritten pages
        if (claim.entries.length === 0 && commits.size > 0) void commits.flush();
      }
      while (buffer.length > 0 && inflight.size < concurrency) {
        const e = buffer.shift()!;
        const p: Promise<void> = processEntry(e)
          .catch((err) => {
            fatal ??= err;
          })
          .finally(() => inflight.delete(p));
        inflight.add(p);
      }
      if (inflight.size > 0) {
        await Promise.race(inflight);
        continue;
      }
      if (commits.size > 0) {
        await commits.flush();
        continue;
      }
      // other workers stored the last pages the cap allows
      if (capFilled) {
        stoppedBy = "maxPages";
        break;
      }
      // nothing claimable and nothing running here: finished, or waiting on sitemaps or on other workers
      const counts = await countFrontierByState(db, scanId);
      if (counts.queued === 0 && counts.fetching === 0 && sitemapsDone) break;
      if (counts.fetching > 0) await requeueStaleClaims(db, scanId, new Date(Date.now() - leaseMs), workerId);
      await sleep(IDLE_POLL_MS, stop.signal);
    }
    // keep what was fetched, then leave nothing claimed by us: unclaimed buffer rows go back to the queue
    await Promise.allSettled(inflight);
    await commits.flush();
    fatal ??= commits.failure;
    try {
      for (const e of buffer) await finishFrontierEntry(db, e.id, workerId, "queued", null);
    } catch (err) {
      fatal ??= err;
    }
    if (fatal) throw fatal;
  } finally {
    clearTimeout(budgetTimer);
    clearInterval(heartbeat);
    ctx.signal?.removeEventListener("abort", onAbort);
    stop.abort();
    await sitemapTask;
    await fetcher.close().catch(() => undefined);
  }

  let sitemapOrphans: string[] = [];
  if ((stoppedBy as CrawlSummary["stoppedBy"]) !== "cancelled") {
    // only URLs some worker queued can have a page: the rest of a 50,000-URL sitemap need not go to the database
    const queued = sitemapUrls.size > 0 ? new Set((await listFrontierUrls(db, scanId)).map((e) => e.url)) : new Set<string>();
    const urls = [...sitemapUrls].filter((u) => queued.has(u));
    await markPagesInSitemap(db, scanId, urls);
    sitemapOrphans = await findUnlinkedPages(db, scanId, urls.filter((u) => u !== startUrl));
    const bp = await removeRepeatedBlocks(db, scanId);
    log?.info(bp, "repeated blocks removed");
  }
  await emitProgress(true).catch(() => undefined);
  const totals = await crawlTotals(db, scanId);
  const robotsSummary = await robots.summary();
  // An unreachable robots.txt means "disallow all" (RFC 9309 2.3.1.4); when nothing at all could be fetched the
  // site is down or refusing us, which the caller must hear as an error rather than as an empty scan.
  if (totals.pages === 0 && robotsSummary.status[startU.origin] === 0 && (stoppedBy as string) === "done") {
    const why = robotsSummary.errors[startU.origin];
    throw new AppError("unreachable", `Cannot reach ${startU.origin} (robots.txt could not be fetched${why ? `: ${why}` : ""})`);
  }
  return {
    pagesFetched: totals.pages,
    htmlPages: totals.htmlPages,
    failed: totals.failed,
    bytes: totals.bytes,
    elapsedMs: Date.now() - t0,
    stoppedBy,
    trapsCapped: traps.report(),
    failures: failures.report(),
    sitemaps: sitemapSummary,
    sitemapOrphans,
    robots: robotsSummary,
  };
}
