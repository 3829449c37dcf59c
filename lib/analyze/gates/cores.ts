import { clusterWithChosenK } from "../kmeans";
import { distinctivePhrases, labelFromPhrases, type ScoredPhrase } from "../keyphrases";
import type { LinkGraph } from "../link-graph";
import type { Corpus } from "../tokenize";
import { dot, type Vector } from "../vectors";

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
  const similarity = new Float64Array(n);
  const fair = 1 / Math.max(1, order.length);
  const topics: CoreTopic[] = order.map((c, id) => {
    const centroid = clustering.centroids[c];
    const m = members[c];
    let cohesion = 0;
    for (const i of m) cohesion += (similarity[i] = dot(vectors[i], centroid));
    cohesion = m.length ? Math.max(0, cohesion / m.length) : 0;
    const isCore = id === 0 || (weights[c].weight >= CORE_MIN_FAIR_SHARE * fair && m.length >= CORE_MIN_PAGES);
    return {
      id,
      label: labelFromPhrases(phrases[id]),
      phrases: phrases[id],
      isCore,
      centroid,
      members: m,
      pillar: choosePillar(m, vectors, centroid, pagerank, graph, topicOf, id),
      cohesion,
      pageShare: weights[c].pageShare,
      pagerankShare: weights[c].prShare,
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
