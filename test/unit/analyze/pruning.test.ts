import { describe, expect, it } from "vitest";
import { analyzeSite } from "../../../lib/analyze";
import type { AnalysisInput } from "../../../lib/analyze/types";
import { link, page, threeTopicSite, topicText, urlOf } from "./sites";

function withExtras(extra: Partial<AnalysisInput>): AnalysisInput {
  const base = threeTopicSite();
  return { ...base, pages: [...base.pages, ...(extra.pages ?? [])], links: [...base.links, ...(extra.links ?? [])] };
}
const forgetOf = (input: AnalysisInput, path: string) => analyzeSite(input).pages.find((p) => p.url === urlOf(path))!.forget;

describe("forget gate", () => {
  const text = topicText("coffee", "grinder settings", 99);
  const dupText = text.replace("practical tips", "useful tips");

  it("merges the weaker of two near-duplicates into the stronger one", () => {
    // /coffee/grinder-v2 has more inlinks and words than /coffee/grinder-old: the old one merges into it
    const input = withExtras({
      pages: [
        page("/coffee/grinder-old", "Grinder settings explained", dupText, { simhash: "00ff00ff00ff00ff" }),
        page("/coffee/grinder-v2", "Grinder settings explained", `${text} The grinder needs care.`, { simhash: "00ff00ff00ff00fe" }),
      ],
      links: [
        link("/coffee/espresso-extraction", "/coffee/grinder-old"),
        ...["/coffee/espresso-extraction", "/coffee/roast-profiles", "/coffee/milk-steaming"].map((f) => link(f, "/coffee/grinder-v2")),
      ],
    });
    const old = forgetOf(input, "/coffee/grinder-old");
    expect(old.action).toBe("merge");
    expect(old.mergeInto).toBe(urlOf("/coffee/grinder-v2"));
    expect(old.reasons.join(" ")).toMatch(/near-duplicate/);
    expect(forgetOf(input, "/coffee/grinder-v2").action).not.toBe("merge");
  });

  it("picks the merge target by strength, not by order: swapping the inlinks swaps the target", () => {
    const input = withExtras({
      pages: [
        page("/coffee/grinder-old", "Grinder settings explained", text, { contentHash: "h1" }),
        page("/coffee/grinder-v2", "Grinder settings explained", text, { contentHash: "h1" }),
      ],
      links: ["/coffee/espresso-extraction", "/coffee/roast-profiles", "/coffee/milk-steaming"].map((f) => link(f, "/coffee/grinder-old")),
    });
    expect(forgetOf(input, "/coffee/grinder-v2").mergeInto).toBe(urlOf("/coffee/grinder-old"));
    expect(forgetOf(input, "/coffee/grinder-old").action).not.toBe("merge");
  });

  it("prunes an off-topic page even when it is linked", () => {
    const input = withExtras({
      pages: [page("/blog/knitting-patterns", "Knitting patterns", topicText("knitting", "knitting patterns", 5))],
      links: [link("/", "/blog/knitting-patterns", "knitting", "content")],
    });
    const f = forgetOf(input, "/blog/knitting-patterns");
    expect(f.action).toBe("prune");
    expect(f.reasons.join(" ")).toMatch(/off-topic/);
    expect(forgetOf(input, "/coffee/roast-profiles").action).toBe("keep");
  });

  it("never prunes a utility page for being off-topic, while the same text elsewhere is pruned", () => {
    const legal = topicText("legal", "personal data processing", 8);
    const input = withExtras({
      pages: [
        page("/privacy-policy", "Privacy Policy", legal),
        page("/blog/data-notes", "Data notes", legal.replace("practical", "useful")),
      ],
      links: [link("/", "/privacy-policy", "privacy", "footer"), link("/", "/blog/data-notes", "notes", "content")],
    });
    const r = analyzeSite(input);
    const privacy = r.pages.find((p) => p.url === urlOf("/privacy-policy"))!;
    expect(privacy.isUtility).toBe(true);
    expect(privacy.utilityKind).toBe("legal");
    expect(privacy.forget.action).not.toBe("prune");
    expect(privacy.forget.reasons.join(" ")).not.toMatch(/off-topic/);
    expect(r.pages.find((p) => p.url === urlOf("/blog/data-notes"))!.forget.action).toBe("prune");
  });

  it("asks to update a thin linked page and to prune a thin orphan", () => {
    const input = withExtras({
      pages: [page("/coffee/quick-tip", "Quick espresso tip", topicText("coffee", "espresso extraction", 77, 4)), page("/coffee/lost-tip", "Lost milk tip", topicText("coffee", "milk steaming", 78, 4))],
      links: [link("/coffee/espresso-extraction", "/coffee/quick-tip")],
    });
    const linked = forgetOf(input, "/coffee/quick-tip");
    expect(linked.action).toBe("update");
    expect(linked.reasons.join(" ")).toMatch(/thin/);
    const orphan = forgetOf(input, "/coffee/lost-tip");
    expect(orphan.action).toBe("prune");
    expect(orphan.score).toBeGreaterThan(linked.score);
  });

  it("asks to update a stale page and keeps a canonicalised one", () => {
    const base = threeTopicSite();
    base.pages = base.pages.map((p) =>
      p.url === urlOf("/hiking/summit-days") ? { ...p, modifiedAt: "2020-01-01T00:00:00Z" } : p.url === urlOf("/tax/refund-timing") ? { ...p, canonical: urlOf("/tax/income-filing") } : p,
    );
    const r = analyzeSite(base);
    const stale = r.pages.find((p) => p.url === urlOf("/hiking/summit-days"))!.forget;
    expect(stale.action).toBe("update");
    expect(stale.reasons.join(" ")).toMatch(/stale/);
    expect(r.pages.find((p) => p.url === urlOf("/tax/refund-timing"))!.forget.action).toBe("keep");
    expect(r.pages.find((p) => p.url === urlOf("/tax/payroll-records"))!.forget.action).toBe("keep");
  });

  // Prose with words of its own, so shingles shared with another page come from copying, not from the template.
  const ESSAY =
    "Dialling in a new bag starts with weighing eighteen grams into the basket. Pull a shot, taste it, then move " +
    "one notch finer when sourness dominates or coarser when bitterness lingers. Keep a notebook: write the dose, " +
    "yield, seconds and a one-word tasting note for every pull. After five pulls the notebook usually shows a " +
    "narrow window where sweetness peaks. Temperature matters less than grind size for most medium roasts, yet " +
    "very light roasts reward a hotter brew head. Distribution tools help when channelling leaves pale streaks " +
    "on the puck. Retire beans older than six weeks, because stale coffee masks every adjustment you make. " +
    "Baristas who log each variable find their mistakes faster than those who trust memory.";

  it("merges a thin excerpt of a longer page into that page, not into the page that links to it", () => {
    const excerpt = ESSAY.split(" ").slice(0, 60).join(" ");
    const input = withExtras({
      pages: [page("/coffee/dialling-in", "Dialling in espresso", `${topicText("coffee", "dialling in", 41)} ${ESSAY}`), page("/coffee/dialling-teaser", "Dialling in, briefly", excerpt)],
      links: [link("/coffee/espresso-extraction", "/coffee/dialling-in"), link("/coffee/grinder-settings", "/coffee/dialling-teaser")],
    });
    const teaser = forgetOf(input, "/coffee/dialling-teaser");
    expect(teaser.action).toBe("merge");
    expect(teaser.mergeInto).toBe(urlOf("/coffee/dialling-in"));
    expect(teaser.reasons.join(" ")).toMatch(/its text is on/);
    expect(forgetOf(input, "/coffee/dialling-in").action).not.toBe("merge");
  });

  it("does not merge a thin page that is mostly a list of links, though a longer page lists the same links", () => {
    const titles = ["Dialling in a grinder for espresso", "Weighing doses on a scale", "Tasting notes for light roasts", "Steaming milk for flat whites"];
    const list = titles.join("\n");
    const input = withExtras({
      pages: [
        page("/coffee/chapter", "Coffee chapter", `Guides in this chapter:\n${list}`),
        page("/coffee/all-guides", "All coffee guides", `${topicText("coffee", "all guides", 43)}\n${list}\n${ESSAY}`),
      ],
      links: [
        ...titles.map((t, j) => link("/coffee/chapter", `/coffee/guide-${j}`, t)),
        ...titles.map((t, j) => link("/coffee/all-guides", `/coffee/guide-${j}`, t)),
        link("/coffee/espresso-extraction", "/coffee/chapter"),
      ],
    });
    const chapter = forgetOf(input, "/coffee/chapter");
    expect(chapter.action).not.toBe("merge");
    expect(chapter.reasons.join(" ")).not.toMatch(/its text is on/);
  });

  it("ignores a canonical that is not a web address: the page is analysed like any other", () => {
    const base = threeTopicSite();
    base.pages = base.pages.map((p) => (p.url === urlOf("/tax/refund-timing") ? { ...p, canonical: "file:///usr/share/doc/site/refund-timing.html" } : p));
    const r = analyzeSite(base);
    const refund = r.pages.find((p) => p.url === urlOf("/tax/refund-timing"))!;
    expect(refund.topicId).not.toBeNull();
    expect(refund.forget.reasons.join(" ")).not.toMatch(/canonicalised/);
  });

  it("never prunes a list of links as off-topic: its subject is the pages it lists", () => {
    const anchors = ["Wool yarn stitch gauge", "Purl cable cardigan", "Skein needles crochet", "Scarf pattern wool"];
    const listed = ["/coffee/roast-profiles", "/hiking/summit-days", "/tax/refund-timing", "/coffee/milk-steaming"];
    const text = anchors.join("\n");
    const withList = withExtras({
      pages: [page("/reading-list", "Reading list", text)],
      links: [link("/coffee/espresso-extraction", "/reading-list"), ...anchors.map((a, j) => link("/reading-list", listed[j], a))],
    });
    expect(forgetOf(withList, "/reading-list").reasons.join(" ")).not.toMatch(/off-topic/);
    // the same words as prose (not links) are off-topic
    const prose = withExtras({ pages: [page("/reading-list", "Reading list", text)], links: [link("/coffee/espresso-extraction", "/reading-list")] });
    expect(forgetOf(prose, "/reading-list").reasons.join(" ")).toMatch(/off-topic/);
  });
});
