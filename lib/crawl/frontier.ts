import { TrapGuard } from "./traps";
import type { NewFrontierUrl } from "./store";
import type { CrawlOptions } from "./types";
import { normalizeUrl, scopeOf } from "./urls";

/**
 * Frontier depth of URLs known only from a sitemap: sorts them after every link-reachable URL, so a link found later
 * still gives them their true click depth. Their pages are stored with depth -1 (not reachable by links).
 */
export const SITEMAP_ONLY_DEPTH = 1_000_000;

/**
 * This worker's view of the crawl frontier: the URLs it knows (each at the smallest depth it queued it), the scope
 * rules and the trap guard. Pure and in memory; the shared frontier is the store's, and a resumed worker rebuilds
 * this view from it.
 */
export class Frontier {
  readonly startUrl: string;
  readonly start: URL;
  readonly traps = new TrapGuard();
  private readonly known = new Map<string, number>();

  constructor(
    startHref: string,
    private readonly options: Pick<CrawlOptions, "includeSubdomains" | "include" | "exclude" | "stripTrackingParams" | "sortQueryParams">,
  ) {
    this.startUrl = this.normalize(startHref)!;
    this.start = new URL(this.startUrl);
  }

  normalize(url: string, base?: string): string | null {
    return normalizeUrl(url, base, this.options);
  }

  inScope(url: string): boolean {
    return scopeOf(url, this.start, this.options) === "in";
  }

  /** The start URL when the store knows nothing yet, or the stored URLs taken back (nothing to queue then). */
  restore(stored: { url: string; depth: number }[]): NewFrontierUrl[] {
    if (stored.length === 0) {
      this.known.set(this.startUrl, 0);
      return [{ url: this.startUrl, depth: 0, source: "start", parentUrl: null }];
    }
    for (const e of stored) {
      this.known.set(e.url, e.depth);
      this.traps.seed(e.url);
    }
    return [];
  }

  /**
   * Whether to queue `url` at `depth`: not already queued as shallow, in scope, and (when new) not a trap.
   * `fromContentPage` is the trap guard's verdict on the page it was found on (undefined: found on no page).
   */
  offer(url: string, depth: number, fromContentPage?: boolean): boolean {
    const knownDepth = this.known.get(url);
    if (knownDepth !== undefined && knownDepth <= depth) return false;
    if (!this.inScope(url)) return false;
    if (knownDepth === undefined && !this.traps.admit(url, fromContentPage)) return false;
    this.known.set(url, depth);
    return true;
  }

  /** Sitemap URLs (already normalised and in scope) to queue after every linked one, at most `limit` of them. */
  offerSitemapUrls(urls: Iterable<string>, limit: number): NewFrontierUrl[] {
    const fresh: NewFrontierUrl[] = [];
    for (const url of urls) {
      if (fresh.length >= limit) break;
      if (this.offer(url, SITEMAP_ONLY_DEPTH)) fresh.push({ url, depth: SITEMAP_ONLY_DEPTH, source: "sitemap", parentUrl: null });
    }
    return fresh;
  }

  /** A redirect's final URL was reached at `depth` (the store marks it done). */
  reachedThroughRedirect(url: string, depth: number): void {
    this.known.set(url, Math.min(this.known.get(url) ?? Infinity, depth));
  }
}
