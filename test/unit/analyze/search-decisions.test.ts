import { describe, expect, it } from "vitest";
import { analyzeSite } from "../../../lib/analyze";
import { aggregateSearch, type SearchFact } from "../../../lib/analyze/search-aggregates";
import type { AnalysisInput } from "../../../lib/analyze/types";
import { link, page, threeTopicSite, topicText, urlOf } from "./sites";

/** The three-topic site with a linked off-topic page (pruned without search data). */
function site(): AnalysisInput {
  const base = threeTopicSite();
  return {
    ...base,
    pages: [...base.pages, page("/blog/knitting-patterns", "Knitting patterns", topicText("knitting", "knitting patterns", 5))],
    links: [...base.links, link("/", "/blog/knitting-patterns", "knitting", "content")],
  };
}

const DAYS = 28;
const pf = (path: string, clicks: number, impressions: number, position: number): SearchFact => ({ url: urlOf(path), query: null, clicks, impressions, position });
const qf = (path: string | null, query: string, clicks: number, impressions: number, position: number): SearchFact => ({ url: path === null ? null : urlOf(path), query, clicks, impressions, position });

function withSearch(input: AnalysisInput, pageFacts: SearchFact[], queryPageFacts: SearchFact[] = []): AnalysisInput {
  const aggregates = aggregateSearch(input.pages.map((p) => p.url), { pageFacts, queryPageFacts, queryFacts: [], traffic: [] });
  return { ...input, search: { aggregates, days: DAYS } };
}
const pageOf = (input: AnalysisInput, path: string) => analyzeSite(input).pages.find((p) => p.url === urlOf(path))!;

describe("forget gate with search data", () => {
  it("never prunes a page that earns clicks: it is updated with the numbers as the reason", () => {
    expect(pageOf(site(), "/blog/knitting-patterns").forget.action).toBe("prune");
    const withClicks = withSearch(site(), [pf("/blog/knitting-patterns", 38, 1204, 7.2)]);
    const f = pageOf(withClicks, "/blog/knitting-patterns").forget;
    expect(f.action).toBe("update");
    expect(f.reasons.join(" ")).toMatch(/off-topic/);
    expect(f.reasons.join(" ")).toContain("search value: 38 clicks, 1,204 impressions (avg. position 7.2) over 28 days; not pruned");
    expect(f.score).toBeLessThanOrEqual(0.5);
  });

  it("prunes a page without search value over the period, and says so", () => {
    const noValue = withSearch(site(), [pf("/coffee/grinder-settings", 10, 400, 4), pf("/blog/knitting-patterns", 0, 5, 40)]);
    const f = pageOf(noValue, "/blog/knitting-patterns").forget;
    expect(f.action).toBe("prune");
    expect(f.reasons.join(" ")).toContain("no search value: 0 clicks, 5 impressions (avg. position 40.0) over 28 days");
  });

  it("asks for a new title and description when a page is shown but clicked far less than the site's pages at its position", () => {
    const urls = ["/coffee/espresso-extraction", "/coffee/grinder-settings", "/coffee/roast-profiles", "/hiking/trail-planning", "/tax/income-filing", "/tax/refund-timing"];
    // six pages around position 3 with about 10% CTR; roast profiles gets 1%
    const facts = urls.map((u) => (u === "/coffee/roast-profiles" ? pf(u, 10, 1000, 3) : pf(u, 100, 1000, 3)));
    const f = pageOf(withSearch(site(), facts), "/coffee/roast-profiles").forget;
    expect(f.action).toBe("update");
    expect(f.reasons.join(" ")).toMatch(/^update title\/description: CTR 1\.0% on 1,000 impressions at position 3\.0, where the site's pages get 10\.0%/m);
    expect(pageOf(withSearch(site(), facts), "/coffee/grinder-settings").forget.action).toBe("keep");
  });

  it("reports two pages that split a query's clicks as cannibals with that query, whatever their titles, and merges the weaker", () => {
    const input = withSearch(
      site(),
      [pf("/coffee/espresso-extraction", 60, 2000, 4), pf("/coffee/grinder-settings", 30, 1500, 5)],
      [qf("/coffee/espresso-extraction", "espresso grind size", 50, 1200, 4.1), qf("/coffee/grinder-settings", "espresso grind size", 30, 1000, 5.3)],
    );
    expect(pageOf(site(), "/coffee/grinder-settings").forget.action).not.toBe("merge");
    const f = pageOf(input, "/coffee/grinder-settings").forget;
    expect(f.action).toBe("merge");
    expect(f.mergeInto).toBe(urlOf("/coffee/espresso-extraction"));
    expect(f.reasons[0]).toMatch(/^cannibalises .*shared top queries with split clicks: .*"espresso grind size" \(50 vs 30 clicks/);
    expect(f.reasons.join(" ")).toMatch(/search value: 30 clicks/);
    expect(pageOf(input, "/coffee/espresso-extraction").forget.action).toBe("keep");
  });

  it("never merges members of a numbered series that split a query", () => {
    const base = site();
    base.pages.push(page("/tax/guide-2025", "Tax filing 2025", topicText("tax", "filing 2025", 71)), page("/tax/guide-2026", "Tax filing 2026", topicText("tax", "filing 2026", 72)));
    const input = withSearch(base, [], [qf("/tax/guide-2026", "tax filing guide", 40, 900, 3), qf("/tax/guide-2025", "tax filing guide", 35, 900, 4)]);
    expect(pageOf(input, "/tax/guide-2025").forget.action).not.toBe("merge");
  });

  it("lists a query with impressions and no page as a gap, and queries at positions 8-20 as quick wins", () => {
    const input = withSearch(site(), [pf("/hiking/tent-pitching", 5, 900, 12)], [qf(null, "winter camping stove", 0, 700, 30), qf("/hiking/tent-pitching", "tent pegs", 5, 900, 12)]);
    const result = analyzeSite(input);
    const gap = result.gaps.find((g) => g.keyphrase === "winter camping stove");
    expect(gap).toMatchObject({ source: "query", evidence: [], query: { impressions: 700, reason: "no-page" } });
    expect(result.search?.quickWins).toEqual([expect.objectContaining({ query: "tent pegs", url: urlOf("/hiking/tent-pitching"), position: 12 })]);
  });

  it("decides as without search data when there is none, and says nothing about search", () => {
    const result = analyzeSite(site());
    expect(result.search).toBeUndefined();
    expect(result.gaps.some((g) => g.source === "query")).toBe(false);
  });
});

describe("link suggestions with search data", () => {
  it("favour targets shown in search at weak positions", () => {
    const base = site();
    const plain = analyzeSite(base).linkSuggestions;
    const target = plain.find((s) => s.toUrl.includes("/coffee/"))?.toUrl;
    if (!target) throw new Error("the fixture has no suggestion into a coffee page");
    const withDemand = analyzeSite(withSearch(base, [{ url: target, query: null, clicks: 2, impressions: 5000, position: 15 }])).linkSuggestions;
    const before = plain.filter((s) => s.toUrl === target).map((s) => s.score);
    const after = withDemand.filter((s) => s.toUrl === target);
    expect(after.length).toBeGreaterThan(0);
    expect(Math.max(...after.map((s) => s.score))).toBeGreaterThan(Math.max(...before));
    expect(after[0].reason).toMatch(/shown in search at a weak position/);
  });
});
