import { StringDecoder } from "node:string_decoder";
import { Parser } from "htmlparser2";
import type { Fetcher } from "./fetch";
import { MAX_URL_LENGTH } from "./urls";

/** Sitemap files read per scan at most (index fan-out). */
export const MAX_SITEMAP_FILES = 50;
/** sitemaps.org: at most 50,000 URLs per sitemap; a scan keeps that many in all and stops reading once it has them. */
export const MAX_SITEMAP_URLS = 50_000;
/**
 * Decoded sitemap bytes read per scan, all files together: one maximal sitemaps.org file (50 MiB uncompressed). 50,000
 * URLs take 3-10 MB of XML, so a site reaching this budget is padding its sitemaps; the rest is not read.
 */
export const MAX_SITEMAP_BYTES = 50 * 1024 * 1024;
/** hreflang alternates (xhtml:link) kept per scan at most: 50,000 URLs in up to 10 languages each. */
export const MAX_SITEMAP_ALTERNATES = 500_000;

/**
 * A streaming reader of sitemaps and sitemap indexes (htmlparser2 in XML mode: nothing is held but the current
 * <loc>), so a file is parsed as it arrives and reading stops the moment the URL cap is reached. `<loc>` counts only
 * directly inside `<url>` or `<sitemap>` (not `image:loc` and other extensions); namespace prefixes are ignored.
 */
export class SitemapParser {
  private readonly decoder = new StringDecoder("utf8");
  private readonly stack: string[] = [];
  private loc: string | null = null;
  /** the current <url>'s <loc> and its xhtml:link alternates, handed over when the <url> closes */
  private urlLoc: string | null = null;
  private alternates: { lang: string; href: string }[] = [];
  private readonly parser: Parser;

  constructor(private readonly found: { url(loc: string): void; sitemap(loc: string): void; alternates?(loc: string, alternates: { lang: string; href: string }[]): void }) {
    this.parser = new Parser(
      {
        onopentag: (name, attribs) => {
          const local = localName(name);
          const parent = this.stack[this.stack.length - 1];
          this.stack.push(local);
          if (local === "loc" && (parent === "url" || parent === "sitemap")) this.loc = "";
          if (local === "url") [this.urlLoc, this.alternates] = [null, []];
          // <xhtml:link rel="alternate" hreflang="de" href="..."/> inside a <url> (Google's sitemap hreflang)
          if (local === "link" && parent === "url" && /\balternate\b/i.test(attribs.rel ?? "") && attribs.hreflang && attribs.href && this.alternates.length < 100) {
            this.alternates.push({ lang: attribs.hreflang, href: attribs.href });
          }
        },
        ontext: (text) => {
          // a <loc> longer than any URL we keep is not collected further (a 50 MB <loc> stays a few KB)
          if (this.loc !== null && this.loc.length <= MAX_URL_LENGTH) this.loc += text;
        },
        onclosetag: () => {
          const local = this.stack.pop();
          if (local === "url") {
            if (this.urlLoc !== null && this.alternates.length > 0) this.found.alternates?.(this.urlLoc, this.alternates);
            [this.urlLoc, this.alternates] = [null, []];
            return;
          }
          if (local !== "loc" || this.loc === null) return;
          const loc = this.loc.trim();
          const parent = this.stack[this.stack.length - 1];
          this.loc = null;
          if (loc === "" || loc.length > MAX_URL_LENGTH) return;
          if (parent === "url") {
            this.urlLoc = loc;
            this.found.url(loc);
          }
          else this.found.sitemap(loc);
        },
      },
      { xmlMode: true, decodeEntities: true },
    );
  }

  write(chunk: Buffer): void {
    this.parser.write(this.decoder.write(chunk));
  }

  end(): void {
    this.parser.end(this.decoder.end());
  }
}

function localName(name: string): string {
  const i = name.lastIndexOf(":");
  return (i >= 0 ? name.slice(i + 1) : name).toLowerCase();
}

/** What a sitemap file may be read from and what its URLs must be. */
export interface SitemapScope {
  signal?: AbortSignal;
  /** the normalised form of a listed URL (a page, or a sitemap file) when it is in the crawl's scope, or null */
  accept(loc: string): string | null;
  /** robots.txt of the crawl: a sitemap file it disallows is not fetched (redirect hops: null = not known yet) */
  robots: { isAllowed(url: string): Promise<boolean>; isAllowedSync(url: string): boolean | null };
}

export interface SitemapResult {
  urls: string[];
  /** hreflang alternates the sitemaps give each of their (normalised) URLs, hrefs as written */
  alternates: Map<string, { lang: string; href: string }[]>;
  errors: string[];
  /** what the crawl summary reports */
  summary: {
    files: number;
    urls: number;
    /** decoded bytes read, all files together */
    bytes: number;
    /** reading stopped at a cap (URLs, bytes or files) before every named file was read whole */
    truncated: boolean;
    /** sitemap files named but not fetched (out of the crawl's scope, or disallowed by robots.txt), the first 20 */
    skipped: string[];
  };
}

/**
 * Reads sitemaps breadth-first from the given roots, following indexes, within the file, URL and byte caps. Every file
 * is checked before it is fetched (same site, allowed by robots.txt), and so is every redirect hop.
 */
export async function collectSitemapUrls(fetcher: Fetcher, roots: string[], scope: SitemapScope): Promise<SitemapResult> {
  const summary: SitemapResult["summary"] = { files: 0, urls: 0, bytes: 0, truncated: false, skipped: [] };
  const errors: string[] = [];
  const urls = new Set<string>();
  const alternates = new Map<string, { lang: string; href: string }[]>();
  let alternateCount = 0;
  const queue: string[] = [];
  const seen = new Set<string>();
  const skip = (loc: string): void => void (summary.skipped.length < 20 && summary.skipped.push(loc));
  const enqueue = (loc: string): void => {
    const file = scope.accept(loc);
    if (file === null) skip(loc);
    else if (!seen.has(file) && seen.size < MAX_SITEMAP_FILES) {
      seen.add(file);
      queue.push(file);
    }
  };
  roots.forEach(enqueue);
  while (queue.length > 0 && !scope.signal?.aborted) {
    if (urls.size >= MAX_SITEMAP_URLS || summary.bytes >= MAX_SITEMAP_BYTES) {
      summary.truncated = true;
      break;
    }
    const url = queue.shift()!;
    if (!(await scope.robots.isAllowed(url))) {
      skip(url);
      continue;
    }
    const parser = new SitemapParser({
      url: (loc) => {
        const u = scope.accept(loc);
        if (u !== null && urls.size < MAX_SITEMAP_URLS) urls.add(u);
      },
      alternates: (loc, alts) => {
        const u = scope.accept(loc);
        if (u === null || alternateCount + alts.length > MAX_SITEMAP_ALTERNATES) return;
        alternateCount += alts.length;
        alternates.set(u, alts);
      },
      sitemap: (loc) => {
        try {
          enqueue(new URL(loc, url).href);
        } catch {
          errors.push(`${url}: invalid sitemap URL ${loc.slice(0, 200)}`);
        }
      },
    });
    const r = await fetcher.fetchResource(url, scope.signal, {
      maxBytes: MAX_SITEMAP_BYTES - summary.bytes,
      sniffGzip: true,
      checkRedirect: (next) => (scope.accept(next) === null ? "out_of_scope" : scope.robots.isAllowedSync(next) === false ? "robots" : null),
      onData: (chunk) => {
        parser.write(chunk);
        return urls.size < MAX_SITEMAP_URLS;
      },
    });
    summary.bytes += r.decodedBytes;
    if (r.errorCode || r.status >= 400) {
      if (r.status !== 404) errors.push(`${url}: ${r.error ?? `HTTP ${r.status}`}`);
      continue;
    }
    if (r.truncated) summary.truncated = true;
    else parser.end();
    summary.files++;
  }
  summary.urls = urls.size;
  return { urls: [...urls], alternates, errors, summary };
}
