import type { CrawlSummary } from "./types";

type Failure = CrawlSummary["failures"][number];

/** Pages that failed, counted by error code with the first one of each as an example (what the crawl summary shows). */
export class FailureTally {
  private readonly byCode = new Map<string, Failure>();

  add(page: { url: string; status: number; extra: unknown }): void {
    const extra = (page.extra ?? {}) as { errorCode?: string; error?: string };
    const code = extra.errorCode ?? (page.status >= 500 ? "http_5xx" : page.status >= 400 ? "http_4xx" : "failed");
    const f = this.byCode.get(code);
    if (f) f.count++;
    else this.byCode.set(code, { code, count: 1, example: { url: page.url, status: page.status, error: extra.error ?? null } });
  }

  report(): Failure[] {
    return [...this.byCode.values()].sort((a, b) => b.count - a.count);
  }
}
