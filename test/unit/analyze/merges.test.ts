import { describe, expect, it } from "vitest";
import { analyzeSite } from "../../../lib/analyze";
import { pageIntents, seriesSiblings } from "../../../lib/analyze/gates/cannibals";
import type { AnalysisInput } from "../../../lib/analyze/types";
import { coffeeSite, link, page, threeTopicSite, TOPICS, topicText, urlOf } from "./sites";

function withExtras(extra: Partial<AnalysisInput>): AnalysisInput {
  const base = threeTopicSite();
  return { ...base, pages: [...base.pages, ...(extra.pages ?? [])], links: [...base.links, ...(extra.links ?? [])] };
}

const intentsOf = (...pages: { url: string; title: string }[]) => pageIntents(pages.map((p) => ({ ...p, headings: [] })), () => true);

describe("merges a content lead would sign", () => {
  it("never merges siblings of a series, however alike their text", () => {
    const text = topicText("coffee", "espresso extraction", 7);
    const input = withExtras({
      pages: [
        page("/coffee/releases/3.2.1", "Grinder firmware 3.2.1 release notes", text, { simhash: "0f0f0f0f0f0f0f0f" }),
        page("/coffee/releases/3.2.2", "Grinder firmware 3.2.2 release notes", `${text} A fix for the timer.`, { simhash: "0f0f0f0f0f0f0f0e" }),
      ],
      links: [link("/coffee/espresso-extraction", "/coffee/releases/3.2.1"), link("/coffee/espresso-extraction", "/coffee/releases/3.2.2")],
    });
    const r = analyzeSite(input);
    for (const path of ["/coffee/releases/3.2.1", "/coffee/releases/3.2.2"]) expect(r.pages.find((p) => p.url === urlOf(path))!.forget.action).not.toBe("merge");
  });

  it("tells siblings (a term put in place of another, or a number) from pages that compete for one intent", () => {
    const [gist, gin, install, installing, v1, v2] = intentsOf(
      { url: "https://a.test/docs/gist.html", title: "GiST Indexes" },
      { url: "https://a.test/docs/gin.html", title: "GIN Indexes" },
      { url: "https://a.test/blog/install-django-windows", title: "How to install Django on Windows" },
      { url: "https://a.test/blog/installing-django-on-windows-guide", title: "Installing Django on Windows: a guide" },
      { url: "https://a.test/c3ref/wal_checkpoint.html", title: "Checkpoint a database" },
      { url: "https://a.test/c3ref/data_count.html", title: "Checkpoint a database" },
    );
    expect(seriesSiblings(gist, gin)).toBe(true);
    expect(seriesSiblings(install, installing)).toBe(false);
    // the same title, but the URL names another function
    expect(seriesSiblings(v1, v2)).toBe(true);
  });

  it("pairs a page whose subject narrows another's by one term when their headings and text say the same, never siblings", () => {
    const headings = [{ level: 1, text: "x" }, { level: 2, text: "Grind size" }, { level: 2, text: "Dose and yield" }, { level: 2, text: "Shot time" }];
    // close (TF-IDF similarity over 0.8 with the shared headings), not near-duplicates
    const texts = [topicText("coffee", "dialling in", 51, 20), topicText("coffee", "dialling in", 52, 20, "Taste the shot, then adjust the grind finer or coarser and pull another shot.")];
    const input = withExtras({
      pages: [
        page("/coffee/dialling-in", "Dialling in", texts[0], { headings: [{ level: 1, text: "Dialling in" }, ...headings.slice(1)] }),
        page("/coffee/dialling-in-espresso", "Dialling in espresso", texts[1], { headings: [{ level: 1, text: "Dialling in espresso" }, ...headings.slice(1)] }),
        page("/coffee/dialling-in-filter", "Dialling in filter coffee brewers", texts[1], { headings: [{ level: 1, text: "Dialling in filter coffee brewers" }, ...headings.slice(1)] }),
      ],
      links: [
        ...["/coffee/espresso-extraction", "/coffee/roast-profiles", "/coffee/milk-steaming"].map((f) => link(f, "/coffee/dialling-in")),
        link("/coffee/grinder-settings", "/coffee/dialling-in-espresso"),
        link("/coffee/grinder-settings", "/coffee/dialling-in-filter"),
      ],
    });
    const r = analyzeSite(input);
    const at = (path: string) => r.pages.find((p) => p.url === urlOf(path))!.forget;
    expect(at("/coffee/dialling-in-espresso"), at("/coffee/dialling-in-espresso").reasons.join(" | ")).toMatchObject({ action: "merge", mergeInto: urlOf("/coffee/dialling-in") });
    expect(at("/coffee/dialling-in-espresso").reasons[0]).toMatch(/"diall espresso" narrows "diall" in title\/H1, section headings 100% shared/);
    // three added terms ("filter", "coffee", "brewers"): a subtopic of its own
    expect(at("/coffee/dialling-in-filter").action).not.toBe("merge");
    // "read" is a stopword, "write" is not: the subject terms alone would show "write" narrowing "read"
    const series = withExtras({
      pages: [
        page("/coffee/log_read", "Read a roast log", texts[0], { headings: [{ level: 1, text: "Read a roast log" }, ...headings.slice(1)] }),
        page("/coffee/log_write", "Write a roast log", texts[1], { headings: [{ level: 1, text: "Write a roast log" }, ...headings.slice(1)] }),
      ],
      links: [link("/coffee/espresso-extraction", "/coffee/log_read"), link("/coffee/grinder-settings", "/coffee/log_write")],
    });
    const log = analyzeSite(series).pages.filter((p) => p.url.includes("/coffee/log_"));
    expect(log.map((p) => p.forget.action)).not.toContain("merge");
    const [espresso, filter] = intentsOf({ url: "https://a.test/espresso", title: "Dialling in espresso" }, { url: "https://a.test/filter", title: "Dialling in filter" });
    expect(seriesSiblings(espresso, filter)).toBe(true);
  });

  it("merges every near-duplicate into one final keeper: no chains, no cycles, each with its evidence", () => {
    const text = topicText("coffee", "grinder settings", 99);
    const input = withExtras({
      pages: [
        page("/coffee/grinder-a", "Grinder settings explained", `${text} The grinder needs care. Clean it weekly.`, { simhash: "00ff00ff00ff00ff" }),
        page("/coffee/grinder-b", "Grinder settings explained", `${text} The grinder needs care.`, { simhash: "00ff00ff00ff00fe" }),
        page("/coffee/grinder-c", "Grinder settings explained", text, { simhash: "00ff00ff00ff00fc" }),
      ],
      links: [
        ...["/coffee/espresso-extraction", "/coffee/roast-profiles", "/coffee/milk-steaming"].map((f) => link(f, "/coffee/grinder-a")),
        ...["/coffee/espresso-extraction", "/coffee/roast-profiles"].map((f) => link(f, "/coffee/grinder-b")),
        link("/coffee/espresso-extraction", "/coffee/grinder-c"),
      ],
    });
    const r = analyzeSite(input);
    const at = (path: string) => r.pages.find((p) => p.url === urlOf(path))!.forget;
    expect(at("/coffee/grinder-a").action).toBe("keep");
    for (const path of ["/coffee/grinder-b", "/coffee/grinder-c"]) {
      expect(at(path).action).toBe("merge");
      expect(at(path).mergeInto).toBe(urlOf("/coffee/grinder-a"));
      expect(at(path).reasons[0]).toMatch(/near-duplicate text \((simhash|TF-IDF)/);
    }
    const action = new Map(r.pages.map((p) => [p.url, p.forget.action]));
    expect(r.pages.filter((p) => p.forget.mergeInto !== undefined).every((p) => action.get(p.forget.mergeInto!) === "keep" || action.get(p.forget.mergeInto!) === "update")).toBe(true);
  });
});

describe("off-topic that holds", () => {
  // A coffee site with prose in another vocabulary, each page linked from two real pages and to the next: an imported
  // section the site links into, which clusters on its own.
  function withLinkedKnitting(): AnalysisInput {
    const site = coffeeSite();
    const knitting = ["/blog/knitting-basics", "/blog/knitting-cables", "/blog/knitting-scarves", "/blog/knitting-gauge"];
    const real = ["/espresso/basics", "/milk/gear", "/roasting/history", "/filter/science"];
    site.pages.push(...knitting.map((u, i) => page(u, `Knitting ${u.split("-").pop()}`, topicText("knitting", `knitting ${TOPICS.knitting[i]}`, 200 + i))));
    site.links.push(...knitting.flatMap((u, i) => [link(real[i], u, "knitting"), link(real[(i + 1) % real.length], u, "knitting"), link(u, knitting[(i + 1) % knitting.length], "next")]));
    return site;
  }

  it("prunes off-topic pages that form their own cluster the site's real pages link to", () => {
    const r = analyzeSite(withLinkedKnitting());
    const knitting = r.pages.filter((p) => p.url.includes("/blog/knitting-"));
    expect(knitting).toHaveLength(4);
    for (const p of knitting) {
      expect(p.forget.action, p.url).toBe("prune");
      expect(p.forget.reasons.join(" ")).toMatch(/off-topic/);
    }
    expect(r.pages.filter((p) => !p.isUtility && !p.url.includes("/blog/")).every((p) => p.forget.action !== "prune" && p.forget.action !== "merge")).toBe(true);
  });
});
