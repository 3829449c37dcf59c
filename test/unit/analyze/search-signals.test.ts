import { describe, expect, it } from "vitest";
import { aggregateSearch, type SearchFact } from "@/lib/analyze/search-aggregates";
import { cannibalPairs, isDedicated, queryGaps, queryTerms, splitQueries, type GapPage } from "@/lib/analyze/query-signals";
import { linkTargetDemand, lowCtrPages, periodDays, positionBand, quickWins, searchValues } from "@/lib/analyze/search-signals";

const U = (p: string) => `https://bakery.example${p}`;
const qp = (path: string, query: string, clicks: number, impressions: number, position: number): SearchFact => ({ url: U(path), query, clicks, impressions, position });
const pg = (path: string, clicks: number, impressions: number, position: number | null): SearchFact => ({ url: U(path), query: null, clicks, impressions, position });

/** Five pages of a bakery site over 28 days: a strong guide, two recipes that share a query, a thin page nobody finds, an off-topic page. */
const URLS = ["/sourdough-guide", "/rye-bread", "/rye-bread-recipe", "/thin-note", "/company-picnic"].map(U);
const DAYS = 28;
const agg = aggregateSearch(URLS, {
  pageFacts: [pg("/sourdough-guide", 300, 9000, 3.2), pg("/rye-bread", 40, 2000, 9.5), pg("/rye-bread-recipe", 35, 1800, 10.1), pg("/company-picnic", 0, 600, 35)],
  queryPageFacts: [
    qp("/sourdough-guide", "sourdough starter", 250, 6000, 2.8),
    qp("/sourdough-guide", "sourdough hydration", 0, 900, 14),
    qp("/rye-bread", "rye bread recipe", 30, 1200, 9.2),
    qp("/rye-bread-recipe", "rye bread recipe", 28, 1100, 10.4),
    qp("/rye-bread", "dark rye", 10, 800, 11),
    qp("/company-picnic", "bread baking class", 0, 500, 36),
  ],
  queryFacts: [],
  traffic: [],
});
const GAP_PAGES: GapPage[] = [
  { url: U("/sourdough-guide"), title: "The sourdough guide", headings: ["Sourdough starter", "Feeding"], offTopic: false },
  { url: U("/rye-bread"), title: "Rye bread", headings: [], offTopic: false },
  { url: U("/rye-bread-recipe"), title: "Rye bread recipe", headings: [], offTopic: false },
  { url: U("/thin-note"), title: "Note", headings: [], offTopic: false },
  { url: U("/company-picnic"), title: "Our company picnic", headings: [], offTopic: true },
];

describe("search value per page", () => {
  it("marks pages with clicks or daily impressions as valuable, with the numbers as evidence, and the rest as not", () => {
    const v = searchValues(agg, { days: DAYS });
    expect(v.get(U("/sourdough-guide"))).toMatchObject({ hasValue: true, clicks: 300 });
    expect(v.get(U("/sourdough-guide"))?.evidence).toBe("300 clicks, 9,000 impressions (avg. position 3.2) over 28 days");
    // no clicks but 600 impressions in 28 days: Google shows it most days
    expect(v.get(U("/company-picnic"))?.hasValue).toBe(true);
    expect(v.get(U("/thin-note"))).toMatchObject({ hasValue: false, clicks: 0, impressions: 0 });
  });

  it("scales the impression floor with the period (600 impressions over 2 years is not daily)", () => {
    expect(searchValues(agg, { days: 730 }).get(U("/company-picnic"))?.hasValue).toBe(false);
    expect(periodDays("2026-10-01", "2026-10-28")).toBe(28);
  });

  it("is empty without any search data, so decisions stay as they are", () => {
    expect(searchValues(aggregateSearch(URLS, { pageFacts: [], queryPageFacts: [], queryFacts: [], traffic: [] })).size).toBe(0);
  });
});

describe("quick wins", () => {
  it("lists queries at positions 8-20 with enough impressions, most impressions first, with the page to improve", () => {
    const wins = quickWins(agg, { days: DAYS });
    expect(wins.map((w) => [w.query, w.url])).toEqual([
      ["rye bread recipe", U("/rye-bread")],
      ["rye bread recipe", U("/rye-bread-recipe")],
      ["sourdough hydration", U("/sourdough-guide")],
      ["dark rye", U("/rye-bread")],
    ]);
    expect(wins[0].evidence).toContain("position 9.2");
  });
});

describe("split queries and cannibal pairs", () => {
  it("finds two pages that split a query's clicks at alternating positions, with the query as evidence", () => {
    const splits = splitQueries(agg, { days: DAYS });
    expect(splits.map((s) => s.query)).toEqual(["rye bread recipe"]);
    const [pair] = cannibalPairs(splits);
    expect(pair.urls).toEqual([U("/rye-bread"), U("/rye-bread-recipe")]);
    expect(pair.queries).toEqual(["rye bread recipe"]);
    expect(pair.evidence).toContain('"rye bread recipe" (30 vs 28 clicks');
  });

  it("does not call a page with a sliver of the clicks, or a far position, a split", () => {
    const lopsided = aggregateSearch([U("/a"), U("/b")], { pageFacts: [], queryPageFacts: [{ url: U("/a"), query: "q", clicks: 95, impressions: 900, position: 2 }, { url: U("/b"), query: "q", clicks: 5, impressions: 100, position: 3 }], queryFacts: [], traffic: [] });
    expect(splitQueries(lopsided)).toEqual([]);
    const far = aggregateSearch([U("/a"), U("/b")], { pageFacts: [], queryPageFacts: [{ url: U("/a"), query: "q", clicks: 50, impressions: 900, position: 2 }, { url: U("/b"), query: "q", clicks: 40, impressions: 900, position: 15 }], queryFacts: [], traffic: [] });
    expect(splitQueries(far)).toEqual([]);
  });
});

describe("query gaps", () => {
  it("reports queries whose best page is off-topic, and queries no page is about", () => {
    const withQueryOnly = aggregateSearch(URLS, {
      pageFacts: [], queryPageFacts: [qp("/company-picnic", "bread baking class", 0, 500, 36), qp("/sourdough-guide", "sourdough starter", 250, 6000, 2.8)],
      queryFacts: [{ url: null, query: "gluten free bread", clicks: 0, impressions: 700, position: 18 }, { url: null, query: "rye bread", clicks: 1, impressions: 300, position: 9 }],
      traffic: [],
    });
    const gaps = queryGaps(withQueryOnly, GAP_PAGES, { days: DAYS });
    expect(gaps.map((g) => [g.query, g.reason])).toEqual([["gluten free bread", "no-page"], ["bread baking class", "off-topic-page"]]);
    expect(gaps[1].evidence).toContain("is off-topic");
  });

  it("reads a page as dedicated when every term of the query is in its title or headings", () => {
    expect(queryTerms("How to make a sourdough starter")).toEqual(["make", "sourdough", "starter"]);
    expect(isDedicated(GAP_PAGES[0], queryTerms("sourdough starter"))).toBe(true);
    expect(isDedicated(GAP_PAGES[1], queryTerms("dark rye bread"))).toBe(false);
  });
});

describe("low CTR and link demand", () => {
  it("flags pages clicked far less than the site's pages at the same position", () => {
    const facts = [1, 2, 3, 4, 5].map((i) => pg(`/p${i}`, 50, 1000, 4)).concat([pg("/weak", 2, 1000, 4)]);
    const a = aggregateSearch(facts.map((f) => f.url as string), { pageFacts: facts, queryPageFacts: [], queryFacts: [], traffic: [] });
    const low = lowCtrPages(a, { days: DAYS });
    expect(low.map((l) => l.url)).toEqual([U("/weak")]);
    expect(low[0].expectedCtr).toBeCloseTo(0.05);
    expect(positionBand(12.4)).toBe("11-20");
  });

  it("gives link demand to shown but weakly ranked pages, none to top-3 pages or pages nobody sees", () => {
    const d = linkTargetDemand(agg, { days: DAYS });
    expect(d.has(U("/thin-note"))).toBe(false);
    expect(d.get(U("/sourdough-guide")) ?? 0).toBeLessThan(0.05);
    expect(d.get(U("/rye-bread")) ?? 0).toBeGreaterThan(0.3);
  });
});
