import { linkCommunities } from "../communities";
import type { LinkGraph } from "../link-graph";
import { nmi } from "../nmi";
import type { LinkClusterResult, LinkSuggestion, LinkingSummary } from "../types";
import type { CoreTopic } from "./cores";
import { suggestLinks, type SuggestionInput } from "./suggestions";

/**
 * Output gate: do internal links carry authority along topics? Alignment of content links with topics, link
 * communities against topics, hub completeness and orphans; the link suggestions come from the suggestion engine
 * (suggestions.ts).
 */

export interface TopicLinking {
  hubCompleteness: number;
  alignment: number;
}

export interface LinkingResult {
  summary: LinkingSummary;
  perTopic: TopicLinking[];
  orphan: boolean[];
  clusters: LinkClusterResult[];
  suggestions: LinkSuggestion[];
}

export function analyseLinking(args: SuggestionInput & { utility: (string | null)[] }): LinkingResult {
  const { pages, graph, topics, topicOf, utility } = args;
  const n = pages.length;
  const pillars = new Set(topics.map((t) => t.pillar).filter((p): p is number => p !== null));

  // Alignment: content links between topical pages that stay in the topic or point to a pillar.
  let aligned = 0;
  let considered = 0;
  const topicAligned = new Float64Array(topics.length);
  const topicConsidered = new Float64Array(topics.length);
  const edges: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    for (const j of graph.contentOut[i]) {
      edges.push([i, j]);
      if (topicOf[i] < 0 || topicOf[j] < 0) continue;
      const ok = topicOf[i] === topicOf[j] || pillars.has(j);
      considered++;
      topicConsidered[topicOf[i]]++;
      if (ok) {
        aligned++;
        topicAligned[topicOf[i]]++;
      }
    }
  }

  const community = linkCommunities(n, edges, args.seed);
  const linked = [...Array(n).keys()].filter((i) => topicOf[i] >= 0 && graph.contentIn[i].size + graph.contentOut[i].size > 0);
  const communityTopicNmi = linked.length > 1 ? nmi(linked.map((i) => community[i]), linked.map((i) => topicOf[i])) : 0;
  const byCommunity = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    let list = byCommunity.get(community[i]);
    if (!list) byCommunity.set(community[i], (list = []));
    list.push(i);
  }
  const clusters: LinkClusterResult[] = [];
  for (const list of byCommunity.values()) {
    if (list.length < 2) continue;
    const counts = new Map<number, number>();
    for (const i of list) if (topicOf[i] >= 0) counts.set(topicOf[i], (counts.get(topicOf[i]) ?? 0) + 1);
    clusters.push({
      id: clusters.length,
      pageUrls: list.map((i) => pages[i].url),
      topicIds: [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([t]) => t),
    });
  }

  const perTopic: TopicLinking[] = topics.map((t) => ({
    hubCompleteness: hubCompleteness(t, graph),
    alignment: topicConsidered[t.id] > 0 ? topicAligned[t.id] / topicConsidered[t.id] : 0,
  }));
  const cores = topics.filter((t) => t.isCore);
  const corePages = cores.reduce((s, t) => s + t.members.length, 0) || 1;
  const hub = cores.reduce((s, t) => s + perTopic[t.id].hubCompleteness * t.members.length, 0) / corePages;

  // depth -1: found only through the sitemap, reachable by no link: an orphan too
  const orphan = pages.map((p, i) => utility[i] === null && p.depth !== 0 && graph.contentIn[i].size === 0);
  const contentPages = [...Array(n).keys()].filter((i) => utility[i] === null);
  const orphanShare = contentPages.length ? contentPages.filter((i) => orphan[i]).length / contentPages.length : 0;

  const { suggestions, ranking } = suggestLinks(args);
  return {
    summary: {
      suggestionRanking: ranking,
      contentLinks: graph.contentLinkCount,
      templateLinks: graph.templateLinkCount,
      brokenLinks: graph.brokenLinkCount,
      alignment: considered > 0 ? aligned / considered : 0,
      communityTopicNmi,
      hubCompleteness: hub,
      orphanShare,
    },
    perTopic,
    orphan,
    clusters,
    suggestions,
  };
}

/** Share of the topic's pages the pillar links to, averaged with the share linking back. */
export function hubCompleteness(topic: CoreTopic, graph: LinkGraph): number {
  if (topic.pillar === null) return 0;
  const others = topic.members.filter((i) => i !== topic.pillar);
  if (others.length === 0) return 1;
  const p = topic.pillar;
  const out = others.filter((i) => graph.contentOut[p].has(i)).length;
  const back = others.filter((i) => graph.contentOut[i].has(p)).length;
  return (out + back) / (2 * others.length);
}
