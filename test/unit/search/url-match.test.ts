import { describe, expect, it } from "vitest";
import { matchSearchData } from "@/lib/pipeline/search-evidence";
import { emptyRow } from "@/lib/search/types";
import { createUrlMatcher, looseKey, type CrawledAddress } from "@/lib/search/url-match";

const page = (url: string, extra: Partial<CrawledAddress> = {}): CrawledAddress => ({ url, requestedUrl: url, status: 200, analysed: true, canonical: null, redirectChain: null, ...extra });

const PAGES: CrawledAddress[] = [
  page("https://example.com/"),
  page("https://example.com/guide/", { requestedUrl: "https://example.com/old-guide", redirectChain: [{ url: "https://example.com/old-guide" }, { url: "https://example.com/guide" }] }),
  page("https://example.com/shop?color=red&size=m", { canonical: "https://example.com/shop" }),
  page("https://example.com/gone", { status: 404, analysed: false }),
  page("https://example.com/a"),
  page("https://example.com/a/"),
];
const match = createUrlMatcher("https://example.com/", PAGES);

describe("matching reported URLs to crawled pages", () => {
  it("matches the same URL after the crawler's normalisation (tracking parameters, query order, fragment)", () => {
    expect(match("https://example.com/?utm_source=news#top")).toEqual({ url: "https://example.com/", via: "exact" });
    expect(match("https://EXAMPLE.com/shop?size=m&color=red")).toEqual({ url: "https://example.com/shop?color=red&size=m", via: "exact" });
  });

  it("follows the redirects the crawl followed", () => {
    expect(match("https://example.com/old-guide")).toEqual({ url: "https://example.com/guide/", via: "redirect" });
  });

  it("maps a canonical URL that was not crawled to the page declaring it", () => {
    expect(match("https://example.com/shop")).toEqual({ url: "https://example.com/shop?color=red&size=m", via: "canonical" });
  });

  it("matches http, www and trailing-slash variants when exactly one page fits", () => {
    expect(match("http://www.example.com/guide")).toEqual({ url: "https://example.com/guide/", via: "variant" });
    expect(match("https://example.com/index.html")).toEqual({ url: "https://example.com/", via: "variant" });
  });

  it("reports why a row did not match: not crawled, another host, a non-200 page, two candidates", () => {
    expect(match("https://example.com/never")).toEqual({ url: null, reason: "not-crawled" });
    expect(match("https://blog.example.org/x")).toEqual({ url: null, reason: "other-host" });
    expect(match("https://example.com/gone")).toEqual({ url: null, reason: "not-analysed", status: 404 });
    expect(match("http://example.com/a")).toEqual({ url: null, reason: "ambiguous" });
    expect(match("not a url")).toEqual({ url: null, reason: "invalid-url" });
  });

  it("keys variants without scheme, www, trailing slash or index file", () => {
    expect(looseKey("http://www.Example.com/docs/index.html")).toBe(looseKey("https://example.com/docs"));
  });
});

describe("sorting matched rows into evidence", () => {
  it("counts matched and unmatched rows and lists unmatched URLs once, most clicks first", () => {
    const rows = [
      { ...emptyRow(), page: "https://example.com/", query: "home", clicks: 5, impressions: 50, position: 2 },
      { ...emptyRow(), page: "https://example.com/never", query: "a", clicks: 1, impressions: 10, position: 9 },
      { ...emptyRow(), page: "https://example.com/never", query: "b", clicks: 2, impressions: 10, position: 9 },
      { ...emptyRow(), page: "https://example.com/gone", query: "c", clicks: 7, impressions: 70, position: 3 },
    ];
    const { evidence, stats } = matchSearchData("https://example.com/", PAGES, [{ set: { source: "gsc", kind: "query-page" }, rows }]);
    expect(stats).toMatchObject({ pageRows: 4, matchedRows: 1, unmatched: { count: 3, byReason: { "not-crawled": 2, "not-analysed": 1 } } });
    expect(stats.unmatched.examples.map((e) => [e.url, e.clicks])).toEqual([["https://example.com/gone", 7], ["https://example.com/never", 3]]);
    expect(evidence.queryPageFacts.map((f) => f.url)).toEqual(["https://example.com/", null, null, null]);
  });
});
