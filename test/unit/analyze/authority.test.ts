import { describe, expect, it } from "vitest";
import { analyzeSite } from "../../../lib/analyze";
import { AUTHORITY_FORMULA, authorityOf, GATE_WEIGHTS } from "../../../lib/analyze/authority";
import { coffeeSite, link, page, SITE_TOPICS, subtopicText, threeTopicSite, TOPICS, topicText } from "./sites";

describe("topical authority", () => {
  const healthy = analyzeSite(threeTopicSite());

  it("scores a degraded site (links removed, off-topic pages added) lower, gate by gate", () => {
    const degraded = threeTopicSite({ links: false });
    degraded.pages.push(
      page("/blog/knitting", "Knitting patterns", topicText("knitting", "knitting patterns", 3)),
      page("/blog/stars", "Star gazing", topicText("astronomy", "star gazing", 4)),
      page("/blog/data", "Data notes", topicText("legal", "data notes", 5)),
    );
    degraded.links.push(link("/", "/blog/knitting", "knitting", "navigation"));
    const r = analyzeSite(degraded);
    expect(r.site.authority).toBeLessThan(healthy.site.authority - 10);
    expect(r.site.gates.output).toBeLessThan(healthy.site.gates.output);
    expect(r.site.gates.forget).toBeLessThan(healthy.site.gates.forget);
    expect(r.site.gates.core).toBeLessThan(healthy.site.gates.core);
  });

  it("lowers the forget gate, the core gate and the authority when a cluster of off-topic pages joins the site", () => {
    const before = analyzeSite(coffeeSite());
    const site = coffeeSite();
    // each linked from one coffee page and linking nowhere, as pages dropped into a site are
    ["socks", "hats", "scarves", "gloves"].forEach((kind, j) => {
      const words = [0, 1, 2, 3, 4, 5, 6].map((k) => TOPICS.knitting[(j * 3 + k) % TOPICS.knitting.length]);
      site.pages.push(page(`/blog/knitting-${kind}`, `Knitting ${kind}`, subtopicText(words, `knitting ${kind}`, 60 + j)));
      site.links.push(link(["/espresso/basics", "/filter/basics", "/milk/basics", "/roasting/basics"][j], `/blog/knitting-${kind}`, kind));
    });
    const after = analyzeSite(site);
    expect(after.pages.filter((p) => p.forget.action === "prune")).toHaveLength(4);
    expect(after.site.gates.forget).toBeLessThan(before.site.gates.forget);
    expect(after.site.gates.core).toBeLessThan(before.site.gates.core);
    expect(after.site.authority).toBeLessThan(before.site.authority);
  });

  it("stays within 0-100 and follows the published formula", () => {
    const { gates, authority } = healthy.site;
    for (const v of [authority, gates.core, gates.input, gates.forget, gates.output]) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(100);
    }
    const expected = GATE_WEIGHTS.core * gates.core + GATE_WEIGHTS.input * gates.input + GATE_WEIGHTS.forget * gates.forget + GATE_WEIGHTS.output * gates.output;
    expect(authority).toBeCloseTo(expected, 0);
    expect(authorityOf({ core: 100, input: 100, forget: 100, output: 100 })).toBe(100);
    expect(healthy.site.formula).toBe(AUTHORITY_FORMULA);
    expect(healthy.site.explanation).toMatch(/Topical Authority \d+\/100/);
    for (const t of healthy.topics) expect(t.authority).toBeGreaterThan(0);
  });

  it("reports every analysable page once and skips non-200 pages", () => {
    const site = threeTopicSite();
    site.pages.push({ ...page("/gone", "Gone", "gone"), status: 404 });
    const r = analyzeSite(site);
    expect(r.pages.map((p) => p.url)).toEqual(site.pages.filter((p) => p.status === 200).map((p) => p.url));
    expect(new Set(r.pages.map((p) => p.url)).size).toBe(r.pages.length);
    expect(r.topics.length).toBe(SITE_TOPICS.length);
  });

  it("records the ablation per vector variant when LSTM vectors are given", () => {
    const site = threeTopicSite();
    site.pages = site.pages.map((p, i) => ({ ...p, lstmVector: Float32Array.from({ length: 8 }, (_, d) => Math.sin(i * 7 + d) + (p.url.includes("coffee") ? 2 : 0) * (d === 0 ? 1 : 0)) }));
    const r = analyzeSite({ ...site, options: { lstmWeight: 0.3 } });
    expect(Object.keys(r.ablation ?? {}).sort()).toEqual(["hybrid", "lexical", "lstm"]);
    expect((r.ablation!.hybrid as { lstmWeight: number }).lstmWeight).toBe(0.3);
  });
});
