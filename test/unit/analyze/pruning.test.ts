import { describe, expect, it } from "vitest";
import { analyzeSite } from "../../../lib/analyze";
import type { AnalysisInput } from "../../../lib/analyze/types";
import { coffeeSite, footerLinks, link, page, subtopicText, threeTopicSite, TOPICS, topicText, urlOf } from "./sites";

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
        page("/coffee/grinder-old", "Grinder settings explained", text, { simhash: "00ff00ff00ff00ff" }),
        page("/coffee/grinder-v2", "Grinder settings explained", dupText, { simhash: "00ff00ff00ff00fe" }),
      ],
      links: ["/coffee/espresso-extraction", "/coffee/roast-profiles", "/coffee/milk-steaming"].map((f) => link(f, "/coffee/grinder-old")),
    });
    expect(forgetOf(input, "/coffee/grinder-v2").mergeInto).toBe(urlOf("/coffee/grinder-old"));
    expect(forgetOf(input, "/coffee/grinder-old").action).not.toBe("merge");
  });

  it("treats the same text at two URLs as one page: a site issue, not a merge, and links to either count for the one the site links", () => {
    const input = withExtras({
      pages: [
        page("/coffee/grinder-guide", "Grinder settings explained", text, { contentHash: "h1" }),
        page("/?p=123", "Grinder settings explained", text, { contentHash: "h1" }),
      ],
      links: [
        ...["/coffee/espresso-extraction", "/coffee/roast-profiles"].map((f) => link(f, "/coffee/grinder-guide")),
        link("/coffee/milk-steaming", "/?p=123"),
      ],
    });
    const r = analyzeSite(input);
    const variant = r.pages.find((p) => p.url === urlOf("/?p=123"))!;
    expect(variant.forget.action).toBe("keep");
    expect(variant.forget.reasons.join(" ")).toMatch(/same content as .*grinder-guide/);
    expect(variant.topicId).toBeNull();
    const guide = r.pages.find((p) => p.url === urlOf("/coffee/grinder-guide"))!;
    expect(guide.forget.action).toBe("keep");
    expect(guide.inlinks).toBe(3);
    const finding = r.findings.find((f) => f.code === "duplicate_url")!;
    expect(finding.pageUrls).toEqual([urlOf("/?p=123"), urlOf("/coffee/grinder-guide")].sort());
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
      links: [link("/", "/blog/data-notes", "notes", "content")],
    });
    input.links.push(...footerLinks(input, "/privacy-policy", "privacy"));
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

  it("counts a page found only through the sitemap (depth -1, no link reaches it) as an orphan", () => {
    const input = withExtras({ pages: [page("/coffee/sitemap-tip", "Sitemap milk tip", topicText("coffee", "milk steaming", 79, 4), { depth: -1 })] });
    const f = forgetOf(input, "/coffee/sitemap-tip");
    expect(f.action).toBe("prune");
    expect(f.reasons.join(" ")).toMatch(/orphan/);
    expect(analyzeSite(input).pages.find((p) => p.url === urlOf("/coffee/sitemap-tip"))?.isOrphan).toBe(true);
  });

  it("asks to update a stale page and keeps a canonicalised one", () => {
    const base = threeTopicSite();
    // pages edited on different days (one a month), so their dates tell edits apart
    base.pages = base.pages.map((p, i) => ({ ...p, modifiedAt: `2026-${String(1 + (i % 10)).padStart(2, "0")}-15T00:00:00Z` }));
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
      // the page holding the text is part of the site: linked into the coffee pages both ways
      links: [link("/coffee/espresso-extraction", "/coffee/dialling-in"), link("/coffee/dialling-in", "/coffee/espresso-extraction"), link("/coffee/grinder-settings", "/coffee/dialling-teaser")],
    });
    const teaser = forgetOf(input, "/coffee/dialling-teaser");
    expect(teaser.action).toBe("merge");
    expect(teaser.mergeInto).toBe(urlOf("/coffee/dialling-in"));
    expect(teaser.reasons.join(" ")).toMatch(/of its text is on/);
    expect(forgetOf(input, "/coffee/dialling-in").action).not.toBe("merge");
  });

  it("merges a thin excerpt titled after a numbered section of a book: the section number is not a series", () => {
    const excerpt = ESSAY.split(" ").slice(0, 60).join(" ");
    const input = withExtras({
      pages: [
        page("/coffee/sect.dialling-in", "8.8. Dialling in espresso", `${topicText("coffee", "dialling in", 41)} ${ESSAY}`),
        page("/coffee/sect.dialling-in-summary", "Dialling in espresso in brief", excerpt),
      ],
      links: [link("/coffee/espresso-extraction", "/coffee/sect.dialling-in"), link("/coffee/sect.dialling-in", "/coffee/espresso-extraction"), link("/coffee/grinder-settings", "/coffee/sect.dialling-in-summary")],
    });
    const teaser = forgetOf(input, "/coffee/sect.dialling-in-summary");
    expect(teaser.action, teaser.reasons.join(" | ")).toBe("merge");
    expect(teaser.mergeInto).toBe(urlOf("/coffee/sect.dialling-in"));
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

  it("keeps an orphan the site's navigation links to (to update), and prunes a thin page nothing links to", () => {
    const input = withExtras({
      pages: [page("/coffee/download", "Download the guides", topicText("coffee", "download guides", 79, 12)), page("/coffee/lost-tip", "Lost milk tip", topicText("coffee", "milk steaming", 78, 4))],
      links: [link("/", "/coffee/download", "download", "navigation")],
    });
    const download = forgetOf(input, "/coffee/download");
    expect(download.action).toBe("update");
    expect(download.reasons.join(" ")).toMatch(/navigation only/);
    expect(forgetOf(input, "/coffee/lost-tip").action).toBe("prune");
  });
});

describe("forget gate: off-topic topics", () => {
  // Four knitting pages, each linked from a different coffee page and linking back: close to one another, so they
  // form a topic of their own, in which each page is near its centroid like any on-topic page.
  const SOURCES = ["/espresso/mistakes", "/filter/gear", "/milk/history", "/roasting/science"];
  const KINDS = ["socks", "hats", "scarves", "gloves"];
  const knittingText = (j: number) => subtopicText([0, 1, 2, 3, 4, 5, 6].map((k) => TOPICS.knitting[(j * 3 + k) % TOPICS.knitting.length]), `knitting ${KINDS[j]}`, 50 + j);
  function withKnitting(): AnalysisInput {
    const site = coffeeSite();
    KINDS.forEach((kind, j) => {
      const path = `/blog/knitting-${kind}`;
      site.pages.push(page(path, `Knitting ${kind}`, knittingText(j)));
      site.links.push(link(SOURCES[j], path, `knitting ${kind}`), link(SOURCES[(j + 1) % 4], path, `knitting ${kind}`), link(path, SOURCES[j], "coffee"));
    });
    return site;
  }

  it("prunes a small cluster of off-topic pages as a whole, and never makes it a core topic", () => {
    const r = analyzeSite(withKnitting());
    const knitting = r.pages.filter((p) => p.url.includes("/blog/knitting-"));
    expect(knitting).toHaveLength(4);
    const topic = r.topics.find((t) => t.id === knitting[0].topicId)!;
    expect(knitting.every((p) => p.topicId === topic.id)).toBe(true);
    expect(topic.isCore).toBe(false);
    expect(topic.offTopic).toMatch(/similarity to the site's other topics/);
    for (const p of knitting) {
      expect(p.forget.action).toBe("prune");
      expect(p.forget.reasons.join(" ")).toMatch(/off-topic/);
    }
    // the coffee pages stay, and their topics are the cores
    expect(r.pages.filter((p) => !p.isUtility && !p.url.includes("/blog/")).every((p) => p.forget.action === "keep")).toBe(true);
    expect(r.topics.filter((t) => t.isCore)).toHaveLength(4);
  });

  it("never prunes a utility page for being off-topic, even with the off-topic cluster's words", () => {
    const site = withKnitting();
    site.pages.push(page("/about-us", "About us", knittingText(0).replace("Notes on", "About")));
    site.links.push(...footerLinks(site, "/about-us", "about"));
    const about = analyzeSite(site).pages.find((p) => p.url === urlOf("/about-us"))!;
    expect(about.isUtility).toBe(true);
    expect(about.forget.action).toBe("keep");
    expect(about.forget.reasons.join(" ")).not.toMatch(/off-topic/);
  });

  it("does not judge a site of unrelated subjects side by side: each is one of its cores", () => {
    const r = analyzeSite(threeTopicSite());
    expect(r.topics.every((t) => t.offTopic === undefined && t.isCore)).toBe(true);
    expect(r.pages.some((p) => p.forget.reasons.join(" ").includes("off-topic"))).toBe(false);
  });
});
