import { describe, expect, it } from "vitest";
import type { FetchResult } from "@/lib/crawl/fetch";
import { Frontier, SITEMAP_ONLY_DEPTH } from "@/lib/crawl/frontier";
import { buildPageCommit, type PageRecordContext } from "@/lib/crawl/page-record";
import type { ClaimedEntry } from "@/lib/crawl/store";
import { defaultCrawlOptions } from "@/lib/crawl/types";

/** The page-record builder on hand-made fetch results: no database, no network. */

const START = "http://site.test/";
const entry = (url: string, depth: number, id = 1): ClaimedEntry => ({ id, url, depth, source: "link", parentUrl: null, attempts: 1 });

function fetched(url: string, html: string | null, over: Partial<FetchResult> = {}): FetchResult {
  return {
    requestedUrl: url,
    finalUrl: url,
    status: 200,
    headers: {},
    contentType: "text/html",
    charset: "utf-8",
    isHtml: html !== null,
    html,
    bytes: html?.length ?? 0,
    responseMs: 12,
    redirectChain: [],
    attempts: 1,
    error: null,
    errorCode: null,
    ...over,
  };
}

function context(over: Partial<PageRecordContext> = {}, sitemap: string[] = []): PageRecordContext {
  const frontier = new Frontier(START, defaultCrawlOptions(START));
  frontier.restore([]);
  return { scanId: "s1", workerId: "w1", botToken: "topicgatebot", maxDepth: 10, frontier, inSitemap: (u) => sitemap.includes(u), ...over };
}

const article = (links: string, head = "") =>
  `<html><head><title>Brewing guide</title>${head}</head><body><main><h1>Brewing</h1>` +
  `<p>Grind the beans just before brewing, weigh the dose and pour water at ninety-three degrees for an even extraction.</p>` +
  `${links}</main></body></html>`;

describe("buildPageCommit", () => {
  it("records the page's content and links, and queues the in-scope links it has not seen one level deeper", () => {
    const ctx = context({}, ["http://site.test/guide"]);
    const html = article(`<a href="/beans">Beans</a> <a href="/beans#roast">Roast</a> <a href="https://other.test/x">Elsewhere</a> <a href="/guide">Self</a>`);
    const c = buildPageCommit(entry("http://site.test/guide", 1), fetched("http://site.test/guide", html), ctx);
    expect(c).toMatchObject({ scanId: "s1", entryId: 1, workerId: "w1", entryState: "done", entryError: null, redirectTarget: null });
    expect(c.page).toMatchObject({ url: "http://site.test/guide", depth: 1, status: 200, title: "Brewing guide", inSitemap: true, noindex: false });
    expect(c.page!.mainText).toContain("Grind the beans");
    expect(c.page!.wordCount).toBeGreaterThan(10);
    // the fragment link is the same URL, the self link is dropped, the off-site link is kept as a link only
    expect(c.links.map((l) => l.toUrl)).toEqual(["http://site.test/beans", "http://site.test/beans", "https://other.test/x"]);
    expect(c.discovered).toEqual([{ url: "http://site.test/beans", depth: 2, source: "link", parentUrl: "http://site.test/guide" }]);
    // the frontier learnt the URL: found again from another page it is not queued twice
    const again = buildPageCommit(entry("http://site.test/other", 1, 2), fetched("http://site.test/other", article(`<a href="/beans">Beans</a>`)), ctx);
    expect(again.discovered).toEqual([]);
  });

  it("follows no links from a nofollow page or past the depth limit, but still records them", () => {
    const html = article(`<a href="/next">Next</a>`, `<meta name="robots" content="noindex, nofollow">`);
    const c = buildPageCommit(entry("http://site.test/a", 1), fetched("http://site.test/a", html), context());
    expect(c.page).toMatchObject({ noindex: true, nofollow: true });
    expect(c.links).toHaveLength(1);
    expect(c.discovered).toEqual([]);
    const deep = buildPageCommit(entry("http://site.test/b", 3), fetched("http://site.test/b", article(`<a href="/next">Next</a>`)), context({ maxDepth: 3 }));
    expect(deep.discovered).toEqual([]);
  });

  it("stores a page known only from a sitemap at depth -1 and keeps its links after every linked URL", () => {
    const c = buildPageCommit(entry("http://site.test/orphan", SITEMAP_ONLY_DEPTH), fetched("http://site.test/orphan", article(`<a href="/child">Child</a>`)), context());
    expect(c.page!.depth).toBe(-1);
    expect(c.discovered).toEqual([{ url: "http://site.test/child", depth: SITEMAP_ONLY_DEPTH, source: "link", parentUrl: "http://site.test/orphan" }]);
  });

  it("records a failed fetch as a failed entry with its error and no content", () => {
    const r = fetched("http://site.test/gone", null, { status: 404, isHtml: false, headers: { "x-robots-tag": "noindex", "last-modified": "not a date" } });
    const c = buildPageCommit(entry("http://site.test/gone", 2), r, context());
    expect(c.entryState).toBe("failed");
    expect(c.entryError).toBe("HTTP 404");
    expect(c.page).toMatchObject({ status: 404, mainText: null, title: null, noindex: true, modifiedAt: null, extra: { attempts: 1, xRobotsTag: "noindex" } });
    expect(c.links).toEqual([]);
  });

  it("marks a redirect's final URL as reached at the entry's depth", () => {
    const ctx = context();
    const r = fetched("http://site.test/new", article(""), { requestedUrl: "http://site.test/old", redirectChain: [{ url: "http://site.test/old", status: 301, location: "/new" }] });
    const c = buildPageCommit(entry("http://site.test/old", 2), r, ctx);
    expect(c.redirectTarget).toEqual({ url: "http://site.test/new", depth: 2, parentUrl: "http://site.test/old" });
    expect(c.page).toMatchObject({ url: "http://site.test/new", requestedUrl: "http://site.test/old" });
    expect(c.page!.redirectChain).toHaveLength(1);
    // a link to the final URL from a deeper page no longer queues it
    expect(ctx.frontier.offer("http://site.test/new", 3)).toBe(false);
  });
});
