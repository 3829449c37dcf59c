import type { Logger } from "pino";
import type { Fetcher } from "./fetch";
import type { Frontier } from "./frontier";
import type { RobotsCache } from "./robots";
import { collectSitemapUrls } from "./sitemaps";
import type { FrontierStore } from "./store";
import type { CrawlSummary } from "./types";

export interface SitemapSeedOptions {
  scanId: string;
  respectRobots: boolean;
  /** more sitemap-only URLs than the page cap could never be fetched */
  maxPages: number;
  signal: AbortSignal;
  log?: Logger;
}

/**
 * Reads the site's sitemaps in the background and queues the URLs no link has brought yet, after every linked one
 * (SITEMAP_ONLY_DEPTH), so they never delay link discovery. Every sitemap URL is remembered for the pages' inSitemap.
 */
export class SitemapSeed {
  readonly urls = new Set<string>();
  /** hreflang alternates the sitemaps give their URLs (xhtml:link), hrefs normalised */
  alternates = new Map<string, { lang: string; href: string }[]>();
  summary: CrawlSummary["sitemaps"] = null;
  done = false;
  readonly task: Promise<void>;

  constructor(fetcher: Fetcher, robots: RobotsCache, frontier: Frontier, store: FrontierStore, options: SitemapSeedOptions) {
    this.task = this.run(fetcher, robots, frontier, store, options);
  }

  has(url: string): boolean {
    return this.urls.has(url);
  }

  private async run(fetcher: Fetcher, robots: RobotsCache, frontier: Frontier, store: FrontierStore, o: SitemapSeedOptions): Promise<void> {
    try {
      const origin = await robots.forUrl(frontier.startUrl);
      if (o.respectRobots && origin.mode === "disallow-all") return; // not even sitemaps (RFC 9309 2.3.1.4)
      const roots = [...origin.sitemaps, `${frontier.start.origin}/sitemap.xml`];
      const accept = (loc: string): string | null => ((u) => (u && frontier.inScope(u) ? u : null))(frontier.normalize(loc));
      const found = await collectSitemapUrls(fetcher, roots, { signal: o.signal, accept, robots });
      this.summary = found.summary;
      this.alternates = new Map([...found.alternates].map(([u, list]) => [u, list.map((a) => ({ lang: a.lang, href: frontier.normalize(a.href) ?? a.href }))]));
      if (found.errors.length) o.log?.warn({ errors: found.errors.slice(0, 10) }, "sitemap errors");
      for (const u of found.urls) this.urls.add(u);
      const fresh = frontier.offerSitemapUrls(found.urls, o.maxPages);
      if (fresh.length) await store.enqueueFrontierUrls(o.scanId, fresh);
    } catch (e) {
      o.log?.warn({ err: e }, "sitemaps could not be read");
    } finally {
      this.done = true;
    }
  }
}
