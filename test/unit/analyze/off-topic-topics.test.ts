import { describe, expect, it } from "vitest";
import { vocabularyCoverage } from "../../../lib/analyze/gates/off-topic";
import type { CoreTopic } from "../../../lib/analyze/gates/cores";
import { decidePruning } from "../../../lib/analyze/gates/pruning";
import { linkGraphOf } from "../../../lib/analyze/link-graph";
import { resolveOptions } from "../../../lib/analyze/options";
import { pagerank } from "../../../lib/analyze/pagerank";
import { resolveLinks } from "../../../lib/analyze/resolve-links";
import { buildTfidf } from "../../../lib/analyze/tfidf";
import { buildCorpus } from "../../../lib/analyze/tokenize";
import { buildLexicalVectors, type Vector } from "../../../lib/analyze/vectors";
import { page, SITE, threeTopicSite, topicText } from "./sites";

/** Words no other page uses: prose written elsewhere (each word on one page, so none is the site's vocabulary). */
function foreignText(seed: number, words = 220): string {
  return Array.from({ length: words }, (_, i) => `zq${seed}w${(i * 7919) % 97}x`).join(" ");
}

/**
 * The pruning of a page the clustering put beside off-topic prose, with the topic's verdict set by hand: the rule under
 * test is how a topic's verdict reaches a page that is written in the site's own words and that no page links to.
 */
function pruneWithTopic(offTopicBy: "vocabulary" | "detached") {
  const base = threeTopicSite();
  const pages = [
    ...base.pages,
    page("/blog/fortune-1", "Fortune one", foreignText(1)),
    page("/blog/fortune-2", "Fortune two", foreignText(2)),
    page("/blog/fortune-3", "Fortune three", foreignText(3)),
    // a short coffee note nothing links to
    page("/blog/roast-note", "Roast note", topicText("coffee", "roast notes", 91, 8)),
  ];
  const n = pages.length;
  const corpus = buildCorpus(pages);
  const tfidf = buildTfidf(corpus);
  const vectors: Vector[] = buildLexicalVectors(tfidf, 20, 42);
  const resolution = resolveLinks(SITE, pages, base.links);
  const graph = linkGraphOf(n, resolution.links);
  const content = pages.map((_, i) => i).filter((i) => i > 0);
  const coverage = vocabularyCoverage(corpus, content);
  const byTopic = (prefix: string) => content.filter((i) => pages[i].url.includes(prefix));
  const topic = (id: number, members: number[], offTopic: string | null, by: CoreTopic["offTopicBy"]): CoreTopic => ({
    id, label: `t${id}`, phrases: [], isCore: offTopic === null, centroid: vectors[members[0]], members, pillar: members[0], cohesion: 1,
    pageShare: members.length / content.length, pagerankShare: 0, offTopic, offTopicBy: by, closeness: 1, linkingShare: 1,
  });
  const topics = [
    topic(0, byTopic("/coffee/"), null, null),
    topic(1, byTopic("/hiking/"), null, null),
    topic(2, byTopic("/tax/"), null, null),
    topic(3, byTopic("/blog/"), "judged by hand", offTopicBy),
  ];
  const topicOf = new Int32Array(n).fill(-1);
  for (const t of topics) for (const i of t.members) topicOf[i] = t.id;
  const forget = decidePruning({
    pages, corpus, tfidf: tfidf.rows, vectors, topics, topicOf, utility: pages.map((_, i) => (i === 0 ? "home" : null)), excluded: pages.map(() => null),
    coverage, graph, pagerank: pagerank(n, graph.followEdges), options: resolveOptions({}), now: base.now,
  });
  const at = (path: string) => forget[pages.findIndex((p) => p.url === `${SITE}${path}`)];
  return { note: at("/blog/roast-note"), fortune: at("/blog/fortune-2") };
}

describe("a topic's off-topic verdict reaching its pages", () => {
  it("judges the pages of a topic found off-topic by its vocabulary by their own words", () => {
    const { note, fortune } = pruneWithTopic("vocabulary");
    expect(fortune.offTopic).toBe(true);
    expect(note.offTopic).toBe(false);
    expect(note.reasons.join(" ")).not.toMatch(/off-topic/);
  });

  it("still prunes a page of a detached topic that the site's links do not hold", () => {
    const { note, fortune } = pruneWithTopic("detached");
    expect(fortune.offTopic).toBe(true);
    expect(note.offTopic).toBe(true);
    expect(note.reasons.join(" ")).toMatch(/its topic "t3" does not belong to the site/);
  });
});
