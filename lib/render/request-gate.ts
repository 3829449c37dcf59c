import type { Route } from "playwright-core";

/**
 * The only way a rendered page reaches the network. Chromium itself resolves no name and opens no connection (it runs
 * with every host mapped to NOTFOUND); each request its page makes is intercepted here and either refused or fetched
 * by the crawler's own fetcher (the private-address guard at connect time, scope, robots.txt, size caps) and handed
 * back. The page's document is the HTML the crawler already fetched, served as it was read.
 */

/** Where a rendered page's requests are judged and fetched (the crawl's rules). */
export interface SubresourceSource {
  /** why the crawl may not fetch this URL (out of scope, another port, robots.txt), or null when it may */
  refuse(url: string): Promise<string | null>;
  /** the response, fetched through the crawl's guarded fetcher; null when it could not be fetched */
  fetch(url: string, signal: AbortSignal): Promise<Subresource | null>;
}

export interface Subresource {
  status: number;
  contentType: string | null;
  body: Buffer;
}

/** Resource types a render loads: scripts, styles (layout decides nothing we read, but scripts may wait on them) and data. */
export const LOADED_TYPES = new Set(["script", "stylesheet", "fetch", "xhr"]);
/** Requests one page's scripts may make at most; past it they are refused (a page polling forever stops costing). */
export const MAX_REQUESTS_PER_RENDER = 150;
/** Bytes one page's requests may bring at most. */
export const MAX_BYTES_PER_RENDER = 20 * 1024 * 1024;
/** Static resources kept between renders (scripts and styles a site's pages share), in bytes. */
export const RESOURCE_CACHE_BYTES = 32 * 1024 * 1024;

/** Scripts and styles by URL, least recently used dropped first, within RESOURCE_CACHE_BYTES. */
export class ResourceCache {
  private readonly entries = new Map<string, Subresource>();
  private bytes = 0;
  constructor(private readonly maxBytes = RESOURCE_CACHE_BYTES) {}

  get(url: string): Subresource | undefined {
    const hit = this.entries.get(url);
    if (hit) {
      this.entries.delete(url);
      this.entries.set(url, hit);
    }
    return hit;
  }

  set(url: string, r: Subresource): void {
    if (r.body.length > this.maxBytes / 8 || this.entries.has(url)) return;
    this.entries.set(url, r);
    this.bytes += r.body.length;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.body.length;
    }
  }
}

/** The requests of one render: counts them, and tells when the page's network has gone quiet. */
export class RenderRequests {
  inflight = 0;
  lastActivity = Date.now();
  fetched = 0;
  refused = 0;
  private bytes = 0;
  private documentServed = false;

  constructor(
    private readonly document: { url: string; html: string },
    private readonly source: SubresourceSource,
    private readonly cache: ResourceCache,
    private readonly signal: AbortSignal,
  ) {}

  readonly handle = async (route: Route): Promise<void> => {
    this.inflight++;
    this.lastActivity = Date.now();
    try {
      await this.answer(route);
    } catch {
      // the page or its context closed while the answer was on its way
    } finally {
      this.inflight--;
      this.lastActivity = Date.now();
    }
  };

  private refuse(route: Route): Promise<void> {
    this.refused++;
    return route.abort("blockedbyclient");
  }

  private async answer(route: Route): Promise<void> {
    const req = route.request();
    if (req.isNavigationRequest()) {
      // the page's own document once; scripts that navigate away (location.href, meta refresh) or frames go nowhere:
      // a 204 leaves the current document in place (an aborted navigation would show Chromium's error page instead)
      if (this.documentServed || req.frame().parentFrame() !== null) {
        this.refused++;
        return route.fulfill({ status: 204, body: "" });
      }
      this.documentServed = true;
      return route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: this.document.html });
    }
    const url = req.url();
    const method = req.method();
    if ((method !== "GET" && method !== "HEAD") || !LOADED_TYPES.has(req.resourceType()) || !/^https?:/.test(url)) return this.refuse(route);
    if (this.fetched >= MAX_REQUESTS_PER_RENDER || this.bytes >= MAX_BYTES_PER_RENDER || this.signal.aborted) return this.refuse(route);
    const cacheable = req.resourceType() === "script" || req.resourceType() === "stylesheet";
    let r = cacheable ? this.cache.get(url) : undefined;
    if (!r) {
      if ((await this.source.refuse(url)) !== null) return this.refuse(route);
      this.fetched++;
      const got = await this.source.fetch(url, this.signal);
      if (!got) return this.refuse(route);
      r = got;
      this.bytes += r.body.length;
      if (cacheable && r.status === 200) this.cache.set(url, r);
    }
    await route.fulfill({ status: r.status, contentType: r.contentType ?? "application/octet-stream", body: method === "HEAD" ? "" : r.body });
  }
}
