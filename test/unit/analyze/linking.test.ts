import { describe, expect, it } from "vitest";
import { analyzeSite } from "../../../lib/analyze";
import type { AnalysisInput, AnalysisResult } from "../../../lib/analyze/types";
import { link, threeTopicSite, urlOf } from "./sites";

const textOf = (input: AnalysisInput, url: string) => input.pages.find((p) => p.url === url)!.mainText;

function anchorsToTargets(r: AnalysisResult): Map<string, Set<string>> {
  const m = new Map<string, Set<string>>();
  for (const s of r.linkSuggestions) {
    const key = s.anchor.toLowerCase();
    if (!m.has(key)) m.set(key, new Set());
    m.get(key)!.add(s.toUrl);
  }
  return m;
}

describe("output gate", () => {
  const input = threeTopicSite();
  const result = analyzeSite(input);

  it("suggests links whose anchor is verbatim in the source text and whose context is the sentence holding it", () => {
    expect(result.linkSuggestions.length).toBeGreaterThan(0);
    for (const s of result.linkSuggestions) {
      const text = textOf(input, s.fromUrl);
      expect(text).toContain(s.anchor);
      expect(s.context).toContain(s.anchor);
      expect(text).toContain(s.context);
      expect(s.context).not.toMatch(/[.!?]\s+\S/); // one sentence
      expect(s.fromUrl).not.toBe(s.toUrl);
      expect(s.reason.length).toBeGreaterThan(0);
    }
  });

  it("never suggests a link that already exists, in any position", () => {
    const existing = new Set(input.links.map((l) => `${l.fromUrl} ${l.toUrl}`));
    for (const s of result.linkSuggestions) expect(existing.has(`${s.fromUrl} ${s.toUrl}`)).toBe(false);
    // a suggested pair disappears once the site links it from the footer
    const first = result.linkSuggestions[0];
    const linked = { ...input, links: [...input.links, link(first.fromUrl, first.toUrl, "x", "footer")] };
    expect(analyzeSite(linked).linkSuggestions.some((s) => s.fromUrl === first.fromUrl && s.toUrl === first.toUrl)).toBe(false);
  });

  it("never uses one anchor text for two targets, including anchors the site already uses", () => {
    for (const targets of anchorsToTargets(result).values()) expect(targets.size).toBe(1);
    // the site already uses the first suggestion's anchor for another page: that anchor may only point there
    const first = result.linkSuggestions[0];
    const other = input.pages.find((p) => p.url !== first.toUrl && p.url !== first.fromUrl)!.url;
    const taken = { ...input, links: [...input.links, link("/", other, first.anchor, "content")] };
    for (const s of analyzeSite(taken).linkSuggestions) if (s.anchor.toLowerCase() === first.anchor.toLowerCase()) expect(s.toUrl).toBe(other);
  });

  it("suggests an anchor text the site already uses for a page from a page that mentions it without linking", () => {
    const leaves = input.pages.filter((p) => /^https:\/\/example\.test\/coffee\/.+/.test(p.url)).map((p) => p.url);
    const [target, source, referrer] = [leaves[1], leaves[2], leaves[3]];
    const pages = input.pages.map((p) => (p.url === source ? { ...p, mainText: `${p.mainText} Ask the barista about zephyrine before you order.` } : p));
    const site = { ...input, pages, links: [...input.links, link(referrer, target, "Zephyrine", "content")], options: { maxSuggestionsPerSource: 50 } };
    const found = analyzeSite(site).linkSuggestions.find((s) => s.fromUrl === source && s.toUrl === target && s.anchor === "zephyrine");
    expect(found?.context).toBe("Ask the barista about zephyrine before you order.");
    // without the established anchor the word belongs to no target: no such suggestion
    const unlinked = analyzeSite({ ...site, links: input.links });
    expect(unlinked.linkSuggestions.some((s) => s.anchor === "zephyrine")).toBe(false);
  });

  describe("anchors that name the target", () => {
    const leaves = input.pages.filter((p) => /^https:\/\/example\.test\/coffee\/.+/.test(p.url)).map((p) => p.url);
    const [target, source, referrer, coder] = [leaves[1], leaves[2], leaves[3], leaves[0]];
    const withText = (site: AnalysisInput, extra: Record<string, string>): AnalysisInput => ({
      ...site,
      pages: site.pages.map((p) => (extra[p.url] ? { ...p, mainText: `${p.mainText}\n${extra[p.url]}` } : p)),
    });
    const suggestionsOf = (site: AnalysisInput) => analyzeSite({ ...site, options: { maxSuggestionsPerSource: 50 } }).linkSuggestions;

    it("suggests a code-like anchor the site already links, verbatim, from prose but not from a code line", () => {
      const site = withText(
        { ...input, links: [...input.links, link(referrer, target, "grind.calibrate()", "content")] },
        {
          [referrer]: "Calibrate first with grind.calibrate() as shown.",
          [source]: "Call grind.calibrate() before each session.",
          [coder]: "setting = grind.calibrate(burrs)",
        },
      );
      const found = suggestionsOf(site).filter((s) => s.anchor === "grind.calibrate()");
      expect(found.map((s) => [s.fromUrl, s.toUrl, s.context])).toEqual([[source, target, "Call grind.calibrate() before each session."]]);
    });

    it("suggests the target's name (the lead of its H1) where another page mentions it", () => {
      const pages = input.pages.map((p) => (p.url === target ? { ...p, title: "Zephyrine — a hand grinder", headings: [{ level: 1, text: "Zephyrine — a hand grinder¶" }] } : p));
      const site = withText({ ...input, pages }, { [source]: "Our zephyrine sits next to the kettle." });
      const found = suggestionsOf(site).find((s) => s.anchor === "zephyrine");
      expect(found).toMatchObject({ fromUrl: source, toUrl: target, context: "Our zephyrine sits next to the kettle." });
      expect(found!.reason).toContain("name");
      // a noindex page is never a target, however well it is named
      const hidden = { ...site, pages: site.pages.map((p) => (p.url === target ? { ...p, noindex: true } : p)) };
      expect(suggestionsOf(hidden).some((s) => s.toUrl === target)).toBe(false);
    });

    it("does not take a common word the site happens to link once for the name of a page", () => {
      // "crema" is topic vocabulary on every coffee page; one page linking it proves little
      const site = { ...input, links: [...input.links, link(referrer, target, "crema", "content")] };
      expect(suggestionsOf(site).some((s) => s.anchor.toLowerCase() === "crema")).toBe(false);
    });

    it("uses a text the site links to two pages only for the one most of its links go to", () => {
      const [a, b] = [leaves[1], leaves[4]];
      const mention = withText(input, { [source]: "The house blend is roasted on Mondays." });
      const uses = (toA: number, toB: number) => [
        ...Array.from({ length: toA }, (_, i) => link(input.pages[i + 6].url, a, "house blend", "content")),
        ...Array.from({ length: toB }, (_, i) => link(input.pages[i + 11].url, b, "house blend", "content")),
      ];
      const ambiguous = suggestionsOf({ ...mention, links: [...mention.links, ...uses(2, 2)] });
      expect(ambiguous.some((s) => s.anchor.toLowerCase() === "house blend")).toBe(false);
      const dominant = suggestionsOf({ ...mention, links: [...mention.links, ...uses(3, 1)] }).filter((s) => s.anchor.toLowerCase() === "house blend");
      expect(dominant.map((s) => s.toUrl)).toEqual([a]);
    });
  });

  it("caps suggestions per source page and never targets noindex or canonicalised pages", () => {
    const capped = analyzeSite({ ...input, options: { maxSuggestionsPerSource: 1 } });
    const perSource = new Map<string, number>();
    for (const s of capped.linkSuggestions) perSource.set(s.fromUrl, (perSource.get(s.fromUrl) ?? 0) + 1);
    expect(Math.max(...perSource.values())).toBe(1);

    const targets = [...new Set(result.linkSuggestions.map((s) => s.toUrl))];
    expect(targets.length).toBeGreaterThanOrEqual(2);
    const [noindexUrl, canonicalUrl] = targets;
    const restricted = {
      ...input,
      pages: input.pages.map((p) =>
        p.url === noindexUrl ? { ...p, noindex: true } : p.url === canonicalUrl ? { ...p, canonical: urlOf("/") } : p,
      ),
    };
    const r = analyzeSite(restricted);
    expect(r.linkSuggestions.some((s) => s.toUrl === noindexUrl || s.toUrl === canonicalUrl)).toBe(false);
  });

  it("reports content links separately from navigation, finds orphans and broken links", () => {
    const site = threeTopicSite();
    site.links.push(link("/coffee/roast-profiles", "/coffee/missing-page", "missing"), link("/coffee/roast-profiles", "https://other.test/x", "elsewhere"));
    site.links = site.links.filter((l) => l.toUrl !== urlOf("/tax/audit-preparation"));
    const r = analyzeSite(site);
    expect(r.site.linking.templateLinks).toBe(3);
    expect(r.site.linking.contentLinks).toBe(24 - 1);
    expect(r.site.linking.brokenLinks).toBe(1);
    const roast = r.pages.find((p) => p.url === urlOf("/coffee/roast-profiles"))!;
    expect(roast.brokenOutlinks).toBe(1);
    expect(r.pages.filter((p) => p.isOrphan).map((p) => p.url)).toEqual([urlOf("/tax/audit-preparation")]);
    const hub = r.pages.find((p) => p.url === urlOf("/coffee/espresso-extraction"))!;
    expect(hub.templateInlinks).toBe(1);
    expect(hub.inlinks).toBe(4);
  });

  it("finds link communities that match the topics when links follow topics", () => {
    expect(result.site.linking.alignment).toBe(1);
    expect(result.site.linking.communityTopicNmi).toBeCloseTo(1, 6);
    expect(result.linkClusters).toHaveLength(3);
  });
});
