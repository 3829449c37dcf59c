import { describe, expect, it } from "vitest";
import { analyzeSite } from "../../../lib/analyze";
import type { AnalysisInput } from "../../../lib/analyze/types";
import { link, page, threeTopicSite, topicText, urlOf } from "./sites";

const MENTION = "Many readers now ask about cold brew, and cold brew keeps well in the fridge.";
const MENTIONING = ["/coffee/grinder-settings", "/coffee/roast-profiles", "/coffee/milk-steaming"];

function siteMentioningColdBrew(): AnalysisInput {
  const base = threeTopicSite();
  base.pages = base.pages.map((p) => (MENTIONING.some((m) => p.url === urlOf(m)) ? { ...p, mainText: `${p.mainText} ${MENTION}` } : p));
  return { ...base, options: { subtopicsPerCore: 40 } };
}

describe("input gate", () => {
  it("reports a subtopic the core's pages mention repeatedly without a dedicated page as a gap, with the mentioning pages as evidence", () => {
    const r = analyzeSite(siteMentioningColdBrew());
    const gap = r.gaps.find((g) => g.keyphrase === "cold brew");
    expect(gap).toBeDefined();
    expect([...gap!.evidence].sort()).toEqual(MENTIONING.map(urlOf).sort());
    const coffee = r.topics.find((t) => t.pillarUrl === urlOf("/coffee/espresso-extraction"))!;
    expect(gap!.topicId).toBe(coffee.id);
    expect(coffee.subtopics!.find((s) => s.keyphrase === "cold brew")!.dedicatedUrl).toBeNull();
  });

  it("counts the subtopic as covered once a page has it in its title, and coverage rises", () => {
    const without = siteMentioningColdBrew();
    const withPage = siteMentioningColdBrew();
    withPage.pages.push(page("/coffee/cold-brew", "Cold brew at home", topicText("coffee", "cold brew", 321)));
    withPage.links.push(link("/coffee/espresso-extraction", "/coffee/cold-brew"), link("/coffee/cold-brew", "/coffee/espresso-extraction"));
    const before = analyzeSite(without);
    const after = analyzeSite(withPage);
    expect(after.gaps.some((g) => g.keyphrase === "cold brew")).toBe(false);
    const coffeeOf = (r: typeof before) => r.topics.find((t) => t.pillarUrl === urlOf("/coffee/espresso-extraction"))!;
    expect(coffeeOf(after).subtopics!.find((s) => s.keyphrase === "cold brew")!.dedicatedUrl).toBe(urlOf("/coffee/cold-brew"));
    expect(coffeeOf(after).coverage).toBeGreaterThan(coffeeOf(before).coverage);
  });

  it("does not report a phrase mentioned by a single page", () => {
    const base = threeTopicSite();
    base.pages = base.pages.map((p) => (p.url === urlOf("/coffee/roast-profiles") ? { ...p, mainText: `${p.mainText} ${MENTION} ${MENTION}` } : p));
    const r = analyzeSite({ ...base, options: { subtopicsPerCore: 40 } });
    expect(r.gaps.some((g) => g.keyphrase === "cold brew")).toBe(false);
  });

  // "Thermos" is written about across the coffee and hiking pages and has sections on two of them, but no page.
  const THERMOS = "A good thermos keeps the drink hot for hours.";
  function siteWithThermosSections(opts: { withPage?: boolean; heading?: string; mention?: boolean } = {}): AnalysisInput {
    const base = threeTopicSite();
    const mentioning = ["/coffee/grinder-settings", "/coffee/roast-profiles", "/hiking/trail-planning", "/hiking/summit-days", "/coffee/milk-steaming"];
    const sections = ["/coffee/roast-profiles", "/hiking/summit-days"];
    base.pages = base.pages.map((p) => {
      const path = p.url.slice(urlOf("").length);
      const mainText = opts.mention !== false && mentioning.includes(path) ? `${p.mainText} ${THERMOS}` : p.mainText;
      const headings = sections.includes(path) ? [...p.headings, { level: 2, text: opts.heading ?? "Thermos" }] : p.headings;
      return { ...p, mainText, headings };
    });
    if (opts.withPage) base.pages.push(page("/coffee/thermos", "Thermos flasks", `${topicText("coffee", "thermos flasks", 401)} ${THERMOS}`));
    return base;
  }

  it("reports a subject the site gives sections to and mentions across topics, without a page of its own, as a gap of a core", () => {
    const r = analyzeSite(siteWithThermosSections());
    const gap = r.gaps.find((g) => g.keyphrase === "thermos");
    expect(gap).toBeDefined();
    expect(r.topics[gap!.topicId].isCore).toBe(true);
    expect(gap!.evidence.length).toBeGreaterThanOrEqual(2);
    expect(analyzeSite(siteWithThermosSections({ withPage: true })).gaps.some((g) => g.keyphrase === "thermos")).toBe(false);
  });

  it("does not take a section heading the text never mentions for a subject (a template section such as \"Further reading\")", () => {
    const r = analyzeSite(siteWithThermosSections({ heading: "Further reading", mention: false }));
    expect(r.gaps.some((g) => /further|reading/.test(g.keyphrase))).toBe(false);
  });
});
