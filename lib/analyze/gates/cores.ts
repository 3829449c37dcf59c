import { clusterWithChosenK } from "../kmeans";
import { distinctivePhrases, type ScoredPhrase } from "../keyphrases";
import { topicLabels } from "../topic-labels";
import type { LinkGraph } from "../link-graph";
import type { Corpus } from "../tokenize";
import { dot, type Vector } from "../vectors";
import { median } from "../order-statistics";

/**
 * Cell state: what the site is about. Clusters content pages into topics, labels them with
 * distinctive keyphrases, picks a pillar per topic and marks the core topics.
 */

// A topic is core when its weight (mean of its page share and PageRank share) reaches half of a
// fair 1/k share: the same "at least half the average" cut used for dominant clusters in topic audits.
export const CORE_MIN_FAIR_SHARE = 0.5;
// A core needs a few pages to be a body of content rather than a page or two.
export const CORE_MIN_PAGES = 3;
// Pillar choice: closeness to the centroid, PageRank in the topic, inbound links from the topic.
export const PILLAR_WEIGHTS = { similarity: 0.4, pagerank: 0.3, topicInlinks: 0.3 } as const;
export const KEYPHRASES_REPORTED = 8;
// Off-topic topics. Clustering gives an off-topic subject its own topic once a site has a few pages on it, and
// then those pages sit close to their own centroid like any others; whether the topic belongs to the site is a
// question about the topic as a whole, answered against the site's other topics:
// - far: its pages' best cosine to another topic's centroid (median over its pages) is under half the site's
//   (median over all content pages). On the python3.11 docs (scripts/eval) real topics sit at 0.7-1.3 of the site's
//   value (tkinter, C API and audio lowest); a topic of pages sharing no vocabulary with the rest sits near 0.
export const TOPIC_FAR_RELATIVE = 0.5;
// ...on a site whose topics are related at all: its pages' best cosine to another topic reaches a quarter of their
// cosine to their own topic (0.6-0.7 on the python3.11 docs). A site of unrelated subjects side by side (coffee,
// hiking and tax in the unit tests: 0) has no common ground a topic could be far from; its shares decide its cores.
export const SITE_RELATED_MIN = 0.25;
// - detached: few of its pages link to another content page of the site AND few are linked from two or more
//   content pages: under a quarter of the site's shares, both. On the python3.11 docs (scripts/eval) every real
//   topic has 0.64-1.0 of its pages linking out (tkinter lowest, median 0.97) and 92-96% of the site's pages are
//   linked from two or more pages; pages written elsewhere and dropped
//   into a site (imported, syndicated or injected content) link nowhere and hang from a single link. Either side
//   alone is common on real sites (reference pages that link nowhere, posts linked from one hub); both at once
//   mean the site's structure does not hold the topic.
export const TOPIC_DETACHED_RELATIVE = 0.25;
// A page hanging from fewer linking pages than this is reached one way, by a single link.
export const REACHED_MIN_LINKING_PAGES = 2;

export interface CoreTopic {
  id: number;
  label: string;
  phrases: ScoredPhrase[];
  isCore: boolean;
  centroid: Vector;
  members: number[];
  pillar: number | null;
  cohesion: number;
  pageShare: number;
  pagerankShare: number;
  /** the topic as a whole does not belong to the site (never core): why, else null */
  offTopic: string | null;
  /** which rule found it off-topic: its vocabulary, its distance from the other topics, or the site's links */
  offTopicBy: "vocabulary" | "far" | "detached" | null;
  /** median over the topic's pages of their best cosine to another topic's centroid */
  closeness: number;
  /** share of the topic's pages with a content link to another content page */
  linkingShare: number;
}

export interface CoresResult {
  topics: CoreTopic[];
  /** topic id of each page, -1 for pages outside every topic (utility pages) */
  topicOf: Int32Array;
  /** cosine of each page to its topic centroid (to the nearest centroid for utility pages) */
  similarity: Float64Array;
  k: number;
  silhouette: number;
  silhouetteByK: Record<number, number>;
}

export function findCores(args: {
  vectors: Vector[];
  contentPages: number[];
  corpus: Corpus;
  /**
   * share of each page's words that are the site's vocabulary (gates/off-topic.ts), and the share of the site's
   * median under which a topic is written in another vocabulary; without them topics are judged by vectors and links
   */
  vocabulary?: { coverage: Float64Array; ratio: number };
  pagerank: Float64Array;
  graph: LinkGraph;
  kMin: number;
  kMax: number | null;
  seed: number;
  phrasesPerTopic: number;
}): CoresResult {
  const { vectors, contentPages, corpus, pagerank, graph } = args;
  const n = vectors.length;
  const data = contentPages.map((i) => vectors[i]);
  const selection = clusterWithChosenK(data, args.kMin, args.kMax, args.seed);
  const { clustering } = selection;
  const rawTopicOf = new Int32Array(n).fill(-1);
  contentPages.forEach((page, j) => (rawTopicOf[page] = clustering.assignments[j]));

  const k = clustering.k;
  const members: number[][] = Array.from({ length: k }, () => []);
  contentPages.forEach((page) => members[rawTopicOf[page]].push(page));
  const totalPr = contentPages.reduce((s, i) => s + pagerank[i], 0) || 1;
  const weights = members.map((m) => {
    const pageShare = m.length / Math.max(1, contentPages.length);
    const prShare = m.reduce((s, i) => s + pagerank[i], 0) / totalPr;
    return { pageShare, prShare, weight: 0.5 * pageShare + 0.5 * prShare };
  });
  // Rank topics by weight; empty clusters vanish. New ids follow the rank.
  const order = [...Array(k).keys()].filter((c) => members[c].length > 0).sort((a, b) => weights[b].weight - weights[a].weight || a - b);
  const newId = new Int32Array(k).fill(-1);
  order.forEach((c, id) => (newId[c] = id));
  const topicOf = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) if (rawTopicOf[i] >= 0) topicOf[i] = newId[rawTopicOf[i]];

  const phrases = distinctivePhrases(corpus, topicOf, order.length, args.phrasesPerTopic);
  const labels = topicLabels(corpus, order.map((c) => members[c]), phrases);
  const similarity = new Float64Array(n);
  const fair = 1 / Math.max(1, order.length);
  const standing = topicStanding(
    order.map((c) => members[c]),
    order.map((c) => clustering.centroids[c]),
    vectors,
    contentPages,
    graph,
  );
  const largest = order.reduce((best, c) => (members[c].length > members[best].length ? c : best), order[0]);
  const topics: CoreTopic[] = order.map((c, id) => {
    const centroid = clustering.centroids[c];
    const m = members[c];
    let cohesion = 0;
    for (const i of m) cohesion += (similarity[i] = dot(vectors[i], centroid));
    cohesion = m.length ? Math.max(0, cohesion / m.length) : 0;
    const s = standing[id];
    // only a topic with fewer pages than the average one can be off-topic: what most of the site's pages are about is its
    // subject (counted in pages, not PageRank: a few off-topic pages linking in a circle hold rank they do not earn)
    const verdict = c !== largest && weights[c].pageShare < fair ? offTopicReason(s, m, contentPages, args.vocabulary) : null;
    const offTopic = verdict?.reason ?? null;
    const isCore = offTopic === null && (c === largest || (weights[c].weight >= CORE_MIN_FAIR_SHARE * fair && m.length >= CORE_MIN_PAGES));
    return {
      id,
      label: labels[id],
      phrases: phrases[id],
      isCore,
      centroid,
      members: m,
      pillar: choosePillar(m, vectors, centroid, pagerank, graph, topicOf, id),
      cohesion,
      pageShare: weights[c].pageShare,
      pagerankShare: weights[c].prShare,
      offTopic,
      offTopicBy: verdict?.by ?? null,
      closeness: s.closeness,
      linkingShare: s.linkingShare,
    };
  });
  // Pages outside the clustering (utility) still get their nearest centroid's similarity.
  for (let i = 0; i < n; i++) {
    if (topicOf[i] >= 0) continue;
    let best = 0;
    for (const t of topics) best = Math.max(best, dot(vectors[i], t.centroid));
    similarity[i] = best;
  }
  return { topics, topicOf, similarity, k: topics.length, silhouette: selection.silhouette, silhouetteByK: selection.silhouetteByK };
}

interface Standing {
  closeness: number;
  linkingShare: number;
  reachedShare: number;
  siteCloseness: number;
  /** median cosine of the site's content pages to their own topic's centroid */
  siteCohesion: number;
  siteLinkingShare: number;
  siteReachedShare: number;
  linking: number;
  reached: number;
  pages: number;
}


/**
 * How each topic stands in the site: how close its pages come to the other topics (content) and how many of
 * them link to the rest of the site (links), beside the same figures for the site's content pages.
 */
function topicStanding(members: number[][], centroids: Vector[], vectors: Vector[], contentPages: number[], graph: LinkGraph): Standing[] {
  const isContent = new Uint8Array(vectors.length);
  for (const i of contentPages) isContent[i] = 1;
  const topicOf = new Int32Array(vectors.length).fill(-1);
  members.forEach((m, t) => m.forEach((i) => (topicOf[i] = t)));
  // a page's best cosine to a centroid other than its own topic's
  const across = new Float64Array(vectors.length);
  const links = new Uint8Array(vectors.length);
  const reached = new Uint8Array(vectors.length);
  for (const i of contentPages) {
    let best = members.length > 1 ? -1 : 0;
    centroids.forEach((c, t) => {
      if (t !== topicOf[i] && members[t].length > 0) best = Math.max(best, dot(vectors[i], c));
    });
    across[i] = best;
    for (const j of graph.contentOut[i]) if (isContent[j]) {
      links[i] = 1;
      break;
    }
    reached[i] = linkedFromContent(i, graph, isContent) >= REACHED_MIN_LINKING_PAGES ? 1 : 0;
  }
  const siteCloseness = median(contentPages.map((i) => across[i]));
  const siteCohesion = median(contentPages.map((i) => (topicOf[i] >= 0 ? dot(vectors[i], centroids[topicOf[i]]) : 0)));
  const share = (flags: Uint8Array, m: number[]) => m.reduce((s, i) => s + flags[i], 0) / Math.max(1, m.length);
  const siteLinkingShare = share(links, contentPages);
  const siteReachedShare = share(reached, contentPages);
  return members.map((m) => ({
    closeness: median(m.map((i) => across[i])),
    linkingShare: share(links, m),
    reachedShare: share(reached, m),
    siteCloseness,
    siteCohesion,
    siteLinkingShare,
    siteReachedShare,
    linking: m.reduce((s, i) => s + links[i], 0),
    reached: m.reduce((s, i) => s + reached[i], 0),
    pages: m.length,
  }));
}

/** Distinct content pages linking to page i from any position (content or site template). */
export function linkedFromContent(i: number, graph: LinkGraph, isContent: ArrayLike<number>): number {
  let count = 0;
  for (const j of graph.contentIn[i]) if (isContent[j]) count++;
  for (const j of graph.templateIn[i]) if (isContent[j] && !graph.contentIn[i].has(j)) count++;
  return count;
}

/** Why a topic smaller than the average one does not belong to the site, or null when it does. */
function offTopicReason(
  s: Standing,
  members: number[],
  contentPages: number[],
  vocabulary: { coverage: Float64Array; ratio: number } | undefined,
): { by: NonNullable<CoreTopic["offTopicBy"]>; reason: string } | null {
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  if (s.pages === 0) return null;
  if (vocabulary) {
    // written in another vocabulary: most of its pages use few of the words the site uses across its pages
    const own = median(members.map((i) => vocabulary.coverage[i]));
    const site = median(contentPages.map((i) => vocabulary.coverage[i]));
    if (own < vocabulary.ratio * site) {
      return { by: "vocabulary", reason: `its pages are written in another vocabulary: ${pct(own)} of their words are words the site uses across its pages, against ${pct(site)} for the site's pages` };
    }
  }
  if (s.siteCloseness >= SITE_RELATED_MIN * s.siteCohesion && s.closeness < TOPIC_FAR_RELATIVE * s.siteCloseness) {
    return { by: "far", reason: `its pages' similarity to the site's other topics is ${s.closeness.toFixed(2)}, against ${s.siteCloseness.toFixed(2)} for the site's pages` };
  }
  if (s.linkingShare < TOPIC_DETACHED_RELATIVE * s.siteLinkingShare && s.reachedShare < TOPIC_DETACHED_RELATIVE * s.siteReachedShare) {
    return {
      by: "detached",
      reason:
        `the site's links do not hold it: ${s.linking} of its ${s.pages} pages link to other pages of the site (${pct(s.linkingShare)}, against ${pct(s.siteLinkingShare)} site-wide) ` +
        `and ${s.reached} are linked from ${REACHED_MIN_LINKING_PAGES} or more pages (${pct(s.reachedShare)}, against ${pct(s.siteReachedShare)})`,
    };
  }
  return null;
}

function choosePillar(
  m: number[],
  vectors: Vector[],
  centroid: Vector,
  pagerank: Float64Array,
  graph: LinkGraph,
  topicOf: Int32Array,
  id: number,
): number | null {
  if (m.length === 0) return null;
  const topicIn = m.map((i) => {
    let c = 0;
    for (const from of graph.contentIn[i]) if (topicOf[from] === id) c++;
    return c;
  });
  const maxPr = m.reduce((x, i) => Math.max(x, pagerank[i]), 0) || 1;
  const maxIn = topicIn.reduce((x, c) => Math.max(x, c), 0) || 1;
  let best = m[0];
  let bestScore = -Infinity;
  m.forEach((i, j) => {
    const s =
      PILLAR_WEIGHTS.similarity * dot(vectors[i], centroid) +
      PILLAR_WEIGHTS.pagerank * (pagerank[i] / maxPr) +
      PILLAR_WEIGHTS.topicInlinks * (topicIn[j] / maxIn);
    if (s > bestScore) {
      bestScore = s;
      best = i;
    }
  });
  return best;
}
