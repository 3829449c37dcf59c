import { describe, expect, it } from "vitest";
import { aggregateSearch, type SearchFact } from "@/lib/analyze/search-aggregates";

const U = (p: string) => `https://example.com${p}`;
const fact = (url: string | null, query: string | null, clicks: number, impressions: number, position: number | null): SearchFact => ({ url, query, clicks, impressions, position });

describe("search aggregates", () => {
  it("takes page totals from page rows and queries from query+page rows, positions weighted by impressions", () => {
    const agg = aggregateSearch([U("/a"), U("/b"), U("/c")], {
      pageFacts: [fact(U("/a"), null, 40, 1000, 4), fact(U("/a"), null, 10, 1000, 8), fact(U("/b"), null, 5, 100, 12)],
      queryPageFacts: [fact(U("/a"), "bread", 30, 500, 3), fact(U("/a"), "Bread ", 5, 500, 5), fact(U("/b"), "bread", 5, 100, 12), fact(U("/a"), "rye", 1, 10, 20)],
      queryFacts: [],
      traffic: [],
    });
    const a = agg.pages.get(U("/a"))!;
    expect(a).toMatchObject({ clicks: 50, impressions: 2000, position: 6 });
    expect(a.ctr).toBeCloseTo(0.025);
    expect(a.queries.map((q) => [q.query, q.clicks, q.position])).toEqual([["bread", 35, 4], ["rye", 1, 20]]);
    // a page without rows has no clicks and no impressions, not "unknown"
    expect(agg.pages.get(U("/c"))).toMatchObject({ clicks: 0, impressions: 0, position: null, sessions: null });
    const bread = agg.queries.get("bread")!;
    expect(bread).toMatchObject({ clicks: 40, impressions: 1100 });
    expect(bread.pages.map((p) => [p.url, p.clickShare])).toEqual([[U("/a"), 35 / 40], [U("/b"), 5 / 40]]);
  });

  it("falls back to query+page rows for page totals when there are no page rows", () => {
    const agg = aggregateSearch([U("/a")], { pageFacts: [], queryPageFacts: [fact(U("/a"), "x", 2, 20, 2), fact(U("/a"), "y", 1, 80, 7)], queryFacts: [], traffic: [] });
    expect(agg.pages.get(U("/a"))).toMatchObject({ clicks: 3, impressions: 100, position: 6 });
  });

  it("keeps query-only rows as queries without pages, and unmatched rows in the query's totals", () => {
    const agg = aggregateSearch([U("/a")], { pageFacts: [], queryPageFacts: [fact(null, "lost", 3, 30, 5)], queryFacts: [fact(null, "sourdough starter", 0, 400, 15)], traffic: [] });
    expect(agg.queries.get("lost")).toMatchObject({ clicks: 3, pages: [] });
    expect(agg.queries.get("sourdough starter")).toMatchObject({ impressions: 400, position: 15, pages: [] });
  });

  it("adds GA4 sessions and engagement, with no Search Console figures when only GA4 data exists", () => {
    const agg = aggregateSearch([U("/a"), U("/b")], {
      pageFacts: [], queryPageFacts: [], queryFacts: [],
      traffic: [{ url: U("/a"), sessions: 100, engagedSessions: 60, engagementRate: null, engagementSeconds: 30 }, { url: U("/a"), sessions: 100, engagedSessions: 20, engagementRate: null, engagementSeconds: 10 }],
    });
    expect(agg.hasSearchConsole).toBe(false);
    expect(agg.pages.get(U("/a"))).toMatchObject({ clicks: null, impressions: null, sessions: 200, engagedSessions: 80, engagementRate: 0.4, engagementSeconds: 20 });
    expect(agg.pages.get(U("/b"))).toMatchObject({ sessions: 0, engagementRate: null });
  });
});
