import type { FrontierStore } from "./store";
import type { CrawlProgress } from "./types";

/** onProgress is called at most this often. */
export const PROGRESS_INTERVAL_MS = 250;

/** Pages stored for the scan (by any worker, counted when this worker started) and this worker's own. */
export interface CrawlStats {
  pages: number;
  failed: number;
  bytes: number;
  fetchedThisRun: number;
}

/** Reports the crawl's progress, at most every PROGRESS_INTERVAL_MS unless forced. */
export function progressReporter(
  store: FrontierStore,
  scanId: string,
  stats: CrawlStats,
  onProgress: ((p: CrawlProgress) => void) | undefined,
  t0: number,
): (force?: boolean) => Promise<void> {
  let last = 0;
  return async (force = false) => {
    if (!onProgress) return;
    const now = Date.now();
    if (!force && now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    const counts = await store.countFrontierByState(scanId);
    const elapsedMs = now - t0;
    onProgress({
      fetched: stats.pages,
      queued: counts.queued + counts.fetching,
      failed: stats.failed,
      bytes: stats.bytes,
      pagesPerSecond: elapsedMs > 0 ? Math.round((stats.fetchedThisRun / elapsedMs) * 10_000) / 10 : 0,
      elapsedMs,
    });
  };
}
