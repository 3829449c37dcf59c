import { describe, expect, it } from "vitest";
import { analyzeSite } from "../../../lib/analyze";
import { distinctivePhrases } from "../../../lib/analyze/keyphrases";
import { nmi } from "../../../lib/analyze/nmi";
import { buildCorpus } from "../../../lib/analyze/tokenize";
import { FOCUS, footerLinks, page, SITE_TOPICS, threeTopicSite, TOPICS, urlOf, slug } from "./sites";

const SITE_WIDE_WORDS = ["guide", "complete", "practical", "tips", "readers", "experts", "season", "patience"];

describe("cores gate", () => {
  const input = threeTopicSite();
  const result = analyzeSite(input);

  it("finds 3 topics on a site with 3 clear topics, matching them exactly", () => {
    expect(result.topics).toHaveLength(3);
    const topical = result.pages.filter((p) => p.url.split("/").length > 4);
    const truth = topical.map((p) => p.url.split("/")[3]);
    expect(nmi(topical.map((p) => p.topicId ?? -1), truth)).toBeCloseTo(1, 9);
    expect(result.topics.every((t) => t.isCore)).toBe(true);
  });

  it("labels topics with distinctive keyphrases, not words every page uses", () => {
    for (const t of result.topics) {
      for (const w of SITE_WIDE_WORDS) expect(t.label).not.toContain(w);
      const members = result.pages.filter((p) => p.topicId === t.id && p.url !== urlOf("/"));
      const topic = members[0].url.split("/")[3] as (typeof SITE_TOPICS)[number];
      const vocab = new Set<string>([...TOPICS[topic], ...FOCUS[topic].flatMap((f) => f.split(" "))]);
      for (const word of t.keyphrases[0].split(" ")) expect(vocab.has(word)).toBe(true);
    }
  });

  it("ranks a phrase frequent only in its group above a phrase frequent everywhere", () => {
    // "guide" is the most frequent word of both groups; "espresso" and "summit" belong to one group each
    const pages = [
      ...[1, 2, 3].map((s) => page(`/a${s}`, "Guide", `Guide. Guide. Guide. Guide. Espresso. Crema ${s}. Guide.`)),
      ...[4, 5, 6].map((s) => page(`/b${s}`, "Guide", `Guide. Guide. Guide. Guide. Summit. Ridge ${s}. Guide.`)),
    ];
    const corpus = buildCorpus(pages);
    const [a, b] = distinctivePhrases(corpus, [0, 0, 0, 1, 1, 1], 2, 5);
    expect(a[0].text).toBe("espresso");
    expect(b[0].text).toBe("summit");
    expect([...a, ...b].map((p) => p.text)).not.toContain("guide");
  });

  it("picks the hub of each topic as its pillar", () => {
    const hubs = SITE_TOPICS.map((t) => urlOf(`/${t}/${slug(FOCUS[t][0])}`)).sort();
    expect(result.topics.map((t) => t.pillarUrl).sort()).toEqual(hubs);
  });

  it("keeps utility pages out of topics and gives the same result on every run", () => {
    const withContact = { ...input, pages: [...input.pages, page("/contact", "Contact us", "Write to us at hello@example.test or call during office hours.")] };
    withContact.links = [...input.links, ...footerLinks(withContact, "/contact", "Contact")];
    const r1 = analyzeSite(withContact);
    const r2 = analyzeSite(withContact);
    const contact = r1.pages.find((p) => p.url === urlOf("/contact"))!;
    expect(contact.isUtility).toBe(true);
    expect(contact.topicId).toBeNull();
    expect(JSON.stringify(r1)).toBe(JSON.stringify(r2));
  });
});
