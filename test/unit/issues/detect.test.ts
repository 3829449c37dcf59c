import { describe, expect, it } from "vitest";
import { detectIssues, type IssueInput } from "@/lib/issues";

const U = (p: string) => `https://site.test${p}`;
const page = (p: string, extra: Partial<IssueInput["crawl"]["pages"][number]> = {}) => ({ url: U(p), title: `Title of ${p}`, metaDescription: `About ${p}`, canonical: null, noindex: false, inSitemap: false, ...extra });
const fetched = (p: string, status = 200, extra: Partial<IssueInput["crawl"]["fetched"][number]> = {}) => ({ url: U(p), requestedUrl: U(p), status, redirectChain: null, inSitemap: false, ...extra });
const audited = (p: string, reasons: string[] = [], extra: Partial<IssueInput["report"]["pages"][number]> = {}) => ({ url: U(p), title: `Title of ${p}`, noindex: false, canonical: null, isUtility: false, forget: { reasons }, ...extra });

/** Five pages: a home, two articles, a page whose title another repeats, and a noindex page listed in the sitemap. */
function site(): IssueInput {
  return {
    analysisFindings: [],
    crawl: {
      pages: [page("/"), page("/a", { metaDescription: null }), page("/b", { title: "Same" }), page("/c", { title: "same " }), page("/d", { noindex: true, inSitemap: true })],
      fetched: [
        fetched("/"), fetched("/a"), fetched("/b"), fetched("/c"), fetched("/d"),
        fetched("/gone", 404, { inSitemap: true }),
        fetched("/new", 200, { requestedUrl: U("/old"), redirectChain: [{ url: U("/old"), status: 301, location: U("/new") }] }),
        fetched("/final", 200, { requestedUrl: U("/x1"), redirectChain: [{ url: U("/x1"), status: 301, location: U("/x2") }, { url: U("/x2"), status: 302, location: U("/final") }] }),
        fetched("/menu-missing", 500),
      ],
    },
    report: {
      pages: [
        audited("/"),
        audited("/a", ["thin: 40 words (< 120)", "orphan: no inbound content links"]),
        audited("/b", ["off-topic: its topic \"x\" does not belong to the site: far"], { title: "Same" }),
        audited("/c", [`cannibalises ${U("/b")} (same topic, similar title)`], { title: "same " }),
        audited("/d", [], { noindex: true }),
      ],
      topics: [{ id: 0, label: "gardening", pillarUrl: U("/") }],
      gaps: [{ topicId: 0, keyphrase: "raised beds", evidence: [U("/a"), U("/b")] }],
    },
  };
}

const find = (input: IssueInput, code: string) => detectIssues(input).filter((o) => o.code === code);

describe("issue detection", () => {
  it("finds missing descriptions, duplicate titles (case and spacing aside), noindex pages in the sitemap and error URLs in it", () => {
    expect(find(site(), "missing_description").map((o) => o.pageUrl)).toEqual([U("/a")]);
    expect(find(site(), "duplicate_title").map((o) => o.pageUrl)).toEqual([U("/b"), U("/c")]);
    expect(find(site(), "noindex_in_sitemap").map((o) => o.pageUrl)).toEqual([U("/d")]);
    expect(find(site(), "noindex_page").map((o) => o.pageUrl)).toEqual([U("/d")]);
    expect(find(site(), "sitemap_error_url")).toEqual([{ code: "sitemap_error_url", key: U("/gone"), pageUrl: U("/gone"), detail: "HTTP 404" }]);
    expect(find(site(), "missing_title")).toEqual([]);
  });

  it("turns the gates' verdicts into issues with the gate's reason as detail", () => {
    expect(find(site(), "thin_page").map((o) => o.detail)).toEqual(["thin: 40 words (< 120)"]);
    expect(find(site(), "orphan_page").map((o) => o.pageUrl)).toEqual([U("/a")]);
    expect(find(site(), "off_topic_page").map((o) => o.pageUrl)).toEqual([U("/b")]);
    expect(find(site(), "cannibalisation").map((o) => o.pageUrl)).toEqual([U("/c")]);
  });

  it("keeps a gap by its topic and keyphrase, on the topic's pillar page", () => {
    expect(find(site(), "content_gap")).toEqual([
      { code: "content_gap", key: "gardening: raised beds", pageUrl: U("/"), detail: `"raised beds" (topic "gardening") is mentioned on ${U("/a")}, ${U("/b")} without a page of its own` },
    ]);
  });

  it("turns each of the analysis's findings into an occurrence per page, joining the details of one code on one page", () => {
    const input = {
      ...site(),
      analysisFindings: [
        { code: "internal_redirect", pageUrls: [U("/b"), U("/c")], detail: "links through 301s" },
        { code: "broken_link", pageUrls: [U("/a")], detail: `links to ${U("/gone")} (HTTP 404)` },
        { code: "broken_link", pageUrls: [U("/a")], detail: `links to ${U("/lost")} (HTTP 410)` },
      ],
    };
    expect(find(input, "internal_redirect").map((o) => [o.pageUrl, o.detail])).toEqual([[U("/b"), "links through 301s"], [U("/c"), "links through 301s"]]);
    expect(find(input, "broken_link")).toEqual([{ code: "broken_link", key: U("/a"), pageUrl: U("/a"), detail: `links to ${U("/gone")} (HTTP 404); links to ${U("/lost")} (HTTP 410)` }]);
    expect(find(site(), "broken_link")).toEqual([]); // the crawl's records alone never make a link finding
    expect(find(input, "missing_description")).toHaveLength(1); // the pages' own issues stay
  });

  it("flags canonicals that cannot hold", () => {
    const conflict = site();
    conflict.crawl.pages[1] = { ...conflict.crawl.pages[1], canonical: U("/gone") };
    conflict.crawl.pages[2] = { ...conflict.crawl.pages[2], canonical: U("/old") };
    conflict.crawl.pages[0] = { ...conflict.crawl.pages[0], canonical: U("/d") };
    expect(find(conflict, "canonical_conflict").map((o) => [o.pageUrl, o.detail])).toEqual([
      [U("/"), `the canonical ${U("/d")} is noindex`],
      [U("/a"), `the canonical ${U("/gone")} answers HTTP 404`],
      [U("/b"), `the canonical ${U("/old")} redirects to ${U("/new")}`],
    ]);
  });
});
