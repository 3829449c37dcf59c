import { COMMIT_BATCH_PAGES, type CommitQueue } from "./commit-queue";
import type { CrawlStop } from "./crawl-stop";
import type { CrawlStats } from "./crawl-progress";
import { sleep } from "./politeness";
import type { ClaimedEntry, FrontierStore } from "./store";

/** Wait between looks at the frontier while other workers hold the remaining URLs. */
const IDLE_POLL_MS = 100;
/** Fetched pages waiting for the database beyond which fetching pauses until they are stored. */
const MAX_UNWRITTEN_PAGES = 4 * COMMIT_BATCH_PAGES;

export interface FetchLoop {
  store: FrontierStore;
  scanId: string;
  workerId: string;
  leaseMs: number;
  maxPages: number;
  concurrency: number;
  stats: CrawlStats;
  stop: CrawlStop;
  commits: CommitQueue;
  /** whether the sitemaps have been read (their URLs may still arrive until then) */
  sitemapsDone: () => boolean;
  /** fetches one claimed URL and hands its page to `commits` */
  process: (e: ClaimedEntry) => Promise<void>;
}

/**
 * Claims URLs and fetches them, `concurrency` at a time, until the frontier is empty (for every worker), the page cap
 * is reached, or the crawl is stopped; then stores what was fetched and gives back what was claimed and not fetched.
 */
export async function fetchUntilDone(l: FetchLoop): Promise<void> {
  const { store, scanId, workerId, stats, stop, commits } = l;
  const inflight = new Set<Promise<void>>();
  const buffer: ClaimedEntry[] = [];
  let fatal: unknown = null;
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
    if (stats.pages + busy >= l.maxPages) {
      if (busy === 0) {
        stop.reason = "maxPages";
        break;
      }
      await (inflight.size > 0 ? Promise.race(inflight) : commits.flush());
      continue;
    }
    // claim in batches (a claim costs a few queries) once the local buffer is empty
    let capFilled = false;
    if (buffer.length === 0 && inflight.size < l.concurrency) {
      const want = Math.min(2 * l.concurrency - inflight.size, l.maxPages - stats.pages - busy);
      const claim = await store.claimFrontierEntries(scanId, workerId, want, new Date(), l.maxPages);
      buffer.push(...claim.entries);
      capFilled = claim.stored >= l.maxPages;
      // the URLs to claim next may be waiting in this worker's own unwritten pages
      if (claim.entries.length === 0 && commits.size > 0) void commits.flush();
    }
    while (buffer.length > 0 && inflight.size < l.concurrency) {
      const e = buffer.shift()!;
      const p: Promise<void> = l
        .process(e)
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
      stop.reason = "maxPages";
      break;
    }
    // nothing claimable and nothing running here: finished, or waiting on sitemaps or on other workers
    const counts = await store.countFrontierByState(scanId);
    if (counts.queued === 0 && counts.fetching === 0 && l.sitemapsDone()) break;
    if (counts.fetching > 0) await store.requeueStaleClaims(scanId, new Date(Date.now() - l.leaseMs), workerId);
    await sleep(IDLE_POLL_MS, stop.signal);
  }
  // keep what was fetched, then leave nothing claimed by us: unclaimed buffer rows go back to the queue
  await Promise.allSettled(inflight);
  await commits.flush();
  fatal ??= commits.failure;
  try {
    for (const e of buffer) await store.finishFrontierEntry(e.id, workerId, "queued", null);
  } catch (err) {
    fatal ??= err;
  }
  if (fatal) throw fatal;
}
