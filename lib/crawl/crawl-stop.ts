import type { CrawlSummary } from "./types";

/** Why and when a crawl stops: the caller's cancellation, the time budget, or the loop's own verdict. */
export class CrawlStop {
  /** aborts in-flight fetches on cancellation or when the time budget runs out */
  private readonly controller = new AbortController();
  reason: CrawlSummary["stoppedBy"] = "done";
  private readonly budgetTimer: NodeJS.Timeout;
  private readonly onAbort = (): void => {
    this.reason = "cancelled";
    this.controller.abort();
  };

  constructor(
    private readonly cancel: AbortSignal | undefined,
    timeBudgetMs: number,
  ) {
    if (cancel?.aborted) this.onAbort();
    cancel?.addEventListener("abort", this.onAbort, { once: true });
    this.budgetTimer = setTimeout(() => {
      if (!this.controller.signal.aborted) {
        this.reason = "timeBudget";
        this.controller.abort();
      }
    }, Math.max(0, timeBudgetMs));
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Stops the timer and listeners and aborts whatever still runs. */
  close(): void {
    clearTimeout(this.budgetTimer);
    this.cancel?.removeEventListener("abort", this.onAbort);
    this.controller.abort();
  }
}
