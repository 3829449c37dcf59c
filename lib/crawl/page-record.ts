import { extractPage } from "./extract";
import { hreflangFromLinkHeader, mergeAlternates } from "./hreflang";
import type { FetchResult } from "./fetch";
import { SITEMAP_ONLY_DEPTH, type Frontier } from "./frontier";
import type { PageReading } from "./page-reader";
import { robotsDirectives } from "./robots-directives";
import type { ClaimedEntry, JsonValue, LinkRecord, NewFrontierUrl, PageCommit, PageRecord } from "./store";

export interface PageRecordContext {
  scanId: string;
  workerId: string;
  /** the crawler's robots token (for meta robots and X-Robots-Tag directives aimed at it) */
  botToken: string;
  maxDepth: number;
  /** this worker's frontier: normalises URLs, admits the page's links (and learns them) */
  frontier: Frontier;
  /** whether a URL was listed in a sitemap */
  inSitemap: (url: string) => boolean;
}

/** The record of a page fetched with no content read yet (failed fetches, non-HTML responses, failed extraction). */
function baseRecord(e: ClaimedEntry, r: FetchResult, depth: number, headerRobots: { noindex: boolean; nofollow: boolean }, inSitemap: boolean): PageRecord {
  const lastModified = r.headers["last-modified"] ? new Date(r.headers["last-modified"]) : null;
  return {
    url: r.finalUrl,
    requestedUrl: e.url,
    depth,
    status: r.status,
    contentType: r.contentType,
    charset: r.charset,
    bytes: r.bytes,
    responseMs: r.responseMs,
    redirectChain: r.redirectChain.length ? (r.redirectChain as unknown as JsonValue) : null,
    title: null,
    metaDescription: null,
    canonical: null,
    headings: null,
    mainText: null,
    wordCount: 0,
    language: null,
    publishedAt: null,
    modifiedAt: lastModified && !Number.isNaN(lastModified.getTime()) ? lastModified : null,
    contentHash: null,
    simhash: null,
    noindex: headerRobots.noindex,
    nofollow: headerRobots.nofollow,
    inSitemap,
    extra: {},
  };
}

/**
 * Turns a claimed URL and its fetch into what storage keeps: the page record, its links, the URLs it adds to the
 * frontier, and the claim's outcome. No I/O: the frontier it is given is the only state it changes.
 */
export function buildPageCommit(e: ClaimedEntry, r: FetchResult, ctx: PageRecordContext, reading?: PageReading | { error: string }): PageCommit {
  const { frontier } = ctx;
  const sitemapOnly = e.depth >= SITEMAP_ONLY_DEPTH;
  const failed = r.errorCode !== null || r.status === 0 || r.status >= 400;
  const extra: Record<string, unknown> = { attempts: r.attempts };
  if (r.error) Object.assign(extra, { error: r.error, errorCode: r.errorCode });
  if (r.headers["last-modified"]) extra.lastModified = r.headers["last-modified"];
  if (r.headers["content-encoding"]) extra.contentEncoding = r.headers["content-encoding"];
  const xRobots = r.headers["x-robots-tag"] ?? null;
  if (xRobots) extra.xRobotsTag = xRobots;
  const headerRobots = robotsDirectives(xRobots ? [xRobots] : [], ctx.botToken);
  const page = baseRecord(e, r, sitemapOnly ? -1 : e.depth, headerRobots, ctx.inSitemap(r.finalUrl) || ctx.inSitemap(e.url));
  const links: LinkRecord[] = [];
  const discovered: NewFrontierUrl[] = [];
  let fields: PageCommit["fields"] = null;
  if (r.html !== null && !failed) {
    // the page reader's reading (raw or rendered HTML, custom extraction) when the crawl has one, else the raw HTML's
    let ex;
    try {
      if (reading && "error" in reading) throw new Error(reading.error);
      ex = reading ? reading.ex : extractPage(r.html, r.finalUrl, { botToken: ctx.botToken, lastModified: r.headers["last-modified"] });
    } catch (err) {
      extra.error = `extraction failed: ${(err as Error).message}`;
      extra.errorCode = "extract";
    }
    if (reading && !("error" in reading)) {
      const render = reading.render;
      if (render.rendered || render.shell || render.error) extra.render = render;
      fields = reading.fields;
    }
    if (ex) {
      Object.assign(page, {
        title: ex.title,
        metaDescription: ex.metaDescription,
        canonical: ex.canonical ? (frontier.normalize(ex.canonical) ?? ex.canonical) : null,
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
      const fromContentPage = frontier.traps.broughtContent(r.finalUrl, ex.mainText);
      // alternates from link elements and the Link header, URLs normalised so they compare with page URLs
      const alternates = mergeAlternates(ex.hreflang, hreflangFromLinkHeader(r.headers["link"], r.finalUrl)).map((a) => ({ lang: a.lang, href: frontier.normalize(a.href) ?? a.href }));
      if (alternates.length) extra.hreflang = alternates;
      if (ex.schemaTypes.length) extra.schemaTypes = ex.schemaTypes;
      extra.blockHashes = ex.blockHashes;
      const childDepth = sitemapOnly ? SITEMAP_ONLY_DEPTH : e.depth + 1;
      const follow = !page.nofollow && (sitemapOnly || e.depth + 1 <= ctx.maxDepth);
      const seen = new Set<string>();
      for (const l of ex.links) {
        const to = frontier.normalize(l.href);
        if (!to || to === r.finalUrl) continue; // fragment and self links carry no authority
        links.push({ toUrl: to, anchor: l.anchor, rel: l.rel, nofollow: l.nofollow, position: l.position, context: l.context });
        if (!follow || l.nofollow || seen.has(to)) continue;
        seen.add(to);
        if (frontier.offer(to, childDepth, fromContentPage)) discovered.push({ url: to, depth: childDepth, source: "link", parentUrl: r.finalUrl });
      }
      // a page's language versions are pages of the site even when only hreflang names them
      for (const a of alternates) {
        if (!follow || seen.has(a.href) || a.href === r.finalUrl) continue;
        seen.add(a.href);
        if (frontier.offer(a.href, childDepth, fromContentPage)) discovered.push({ url: a.href, depth: childDepth, source: "link", parentUrl: r.finalUrl });
      }
    }
  }
  page.extra = extra as JsonValue;
  const redirected = r.finalUrl !== e.url;
  if (redirected) frontier.reachedThroughRedirect(r.finalUrl, e.depth);
  return {
    scanId: ctx.scanId,
    entryId: e.id,
    workerId: ctx.workerId,
    entryState: failed ? "failed" : "done",
    entryError: r.error ?? (r.status >= 400 ? `HTTP ${r.status}` : null),
    page,
    links,
    discovered,
    fields,
    redirectTarget: redirected ? { url: r.finalUrl, depth: e.depth, parentUrl: e.url } : null,
  };
}
