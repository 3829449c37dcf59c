import { findAnchor } from "../anchors";
import { linkCommunities } from "../communities";
import { pairKey, type LinkGraph } from "../link-graph";
import { nmi } from "../nmi";
import type { TfidfMatrix } from "../tfidf";
import { BIGRAM_BASE, BREAK, phraseKey, phraseWords, tokenizeWords, type Corpus } from "../tokenize";
import type { AnalysisPage, LinkClusterResult, LinkSuggestion, LinkingSummary } from "../types";
import { dot, type Vector } from "../vectors";
import type { CoreTopic } from "./cores";

/**
 * Output gate: do internal links carry authority along topics? Alignment of content links with
 * topics, link communities against topics, hub completeness, orphans, and link suggestions whose
 * anchors occur verbatim in the source text.
 */

// Suggestion ranking: vector similarity of source and target, same topic, the target's need of links.
export const SUGGESTION_WEIGHTS = { similarity: 0.5, sameTopic: 0.2, need: 0.3 } as const;
// Unigram anchors are vaguer than bigrams; their suggestions rank a little lower.
export const UNIGRAM_ANCHOR_FACTOR = 0.85;
// Phrases tried per target: its highest-weighted TF-IDF phrases (title and H1 words are boosted there).
export const TARGET_PHRASES = 6;
// A phrase found on more than this share of pages is generic, not an anchor for one target.
export const MAX_PHRASE_PAGE_SHARE = 0.1;
// Smallest absolute posting limit, so tiny sites can still use phrases shared by a few pages.
export const MIN_PHRASE_POSTINGS = 5;
// Largest posting list scanned for one phrase: bounds the candidate pairs on 20k-page sites.
export const MAX_PHRASE_POSTINGS = 300;
// Candidates kept per target before the site-wide greedy pass (5x the per-target cap leaves room
// for candidates lost to source caps and anchor conflicts).
export const CANDIDATES_PER_TARGET_FACTOR = 5;
// Unigram anchors need some length to be specific ("api" is vague, "serialization" is not).
export const MIN_UNIGRAM_ANCHOR_CHARS = 4;

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

export function analyseLinking(args: {
  pages: AnalysisPage[];
  corpus: Corpus;
  tfidf: TfidfMatrix;
  vectors: Vector[];
  topics: CoreTopic[];
  topicOf: Int32Array;
  graph: LinkGraph;
  utility: (string | null)[];
  /** pages that may receive suggested links (indexable, canonical to themselves, not slated for removal) */
  targetable: boolean[];
  /** pages that may carry suggested links */
  sourceable: boolean[];
  existingAnchors: Map<string, Set<number>>;
  maxPerSource: number;
  maxPerTarget: number;
  seed: number;
}): LinkingResult {
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

  const orphan = pages.map((p, i) => p.depth > 0 && graph.contentIn[i].size === 0);
  const contentPages = [...Array(n).keys()].filter((i) => utility[i] === null);
  const orphanShare = contentPages.length ? contentPages.filter((i) => orphan[i]).length / contentPages.length : 0;

  return {
    summary: {
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
    suggestions: suggestLinks(args),
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

interface Candidate {
  from: number;
  to: number;
  phrase: number;
  score: number;
}

function suggestLinks(args: Parameters<typeof analyseLinking>[0]): LinkSuggestion[] {
  const { pages, corpus, tfidf, vectors, topics, topicOf, graph, targetable, sourceable } = args;
  const n = pages.length;
  const maxPostings = Math.min(MAX_PHRASE_POSTINGS, Math.max(MIN_PHRASE_POSTINGS, Math.floor(n * MAX_PHRASE_PAGE_SHARE)));

  // Anchor texts the site already uses for exactly one target are the names readers know it by: tried first.
  const established = establishedAnchorPhrases(args.existingAnchors, corpus, targetable);
  // Each target's best phrases: the established ones, then its top TF-IDF columns that read as anchors.
  const targetPhrases: number[][] = pages.map((_, t) => {
    if (!targetable[t]) return [];
    const known = established.get(t) ?? [];
    const row = tfidf.rows[t];
    const order = [...row.idx.keys()].sort((a, b) => row.val[b] - row.val[a] || row.idx[a] - row.idx[b]);
    const out: number[] = [...known];
    for (const e of order) {
      if (out.length >= TARGET_PHRASES + known.length) break;
      const key = tfidf.columns[row.idx[e]];
      if (key < BIGRAM_BASE && corpus.dict.words[key].length < MIN_UNIGRAM_ANCHOR_CHARS) continue;
      if (!out.includes(key)) out.push(key);
    }
    return out;
  });

  // Postings of the wanted phrases in page bodies, from one pass over the text.
  const wanted = new Set<number>(targetPhrases.flat());
  const postings = new Map<number, number[]>();
  for (let s = 0; s < n; s++) {
    if (!sourceable[s]) continue;
    const body = corpus.docs[s].body;
    const seen = new Set<number>();
    for (let i = 0; i < body.length; i++) {
      const a = body[i];
      if (a === BREAK) continue;
      if (wanted.has(a)) seen.add(a);
      const b = body[i + 1];
      if (b !== undefined && b !== BREAK) {
        const key = (a + 1) * BIGRAM_BASE + b;
        if (wanted.has(key)) seen.add(key);
      }
    }
    for (const key of seen) {
      let list = postings.get(key);
      if (!list) postings.set(key, (list = []));
      list.push(s);
    }
  }

  const candidates: Candidate[] = [];
  const keep = CANDIDATES_PER_TARGET_FACTOR * args.maxPerTarget;
  targetPhrases.forEach((phrases, t) => {
    const need = 1 / (1 + graph.contentIn[t].size);
    const best = new Map<number, Candidate>();
    for (const key of phrases) {
      const list = postings.get(key) ?? [];
      if (list.length > maxPostings) continue;
      for (const s of list) {
        if (s === t || graph.existing.has(pairKey(graph, s, t))) continue;
        const sameTopic = topicOf[s] >= 0 && topicOf[s] === topicOf[t] ? 1 : 0;
        let score =
          SUGGESTION_WEIGHTS.similarity * Math.max(0, dot(vectors[s], vectors[t])) +
          SUGGESTION_WEIGHTS.sameTopic * sameTopic +
          SUGGESTION_WEIGHTS.need * need;
        if (key < BIGRAM_BASE && !(established.get(t)?.includes(key) ?? false)) score *= UNIGRAM_ANCHOR_FACTOR;
        const prev = best.get(s);
        if (!prev || score > prev.score) best.set(s, { from: s, to: t, phrase: key, score });
      }
    }
    const top = [...best.values()].sort((a, b) => b.score - a.score || a.from - b.from).slice(0, keep);
    for (const c of top) candidates.push(c);
  });
  candidates.sort((a, b) => b.score - a.score || a.from - b.from || a.to - b.to);

  // Greedy acceptance under the caps; an anchor text never points to two targets across the site.
  const anchorTargets = new Map<string, Set<number>>();
  for (const [anchor, targets] of args.existingAnchors) anchorTargets.set(anchor, new Set(targets));
  const perSource = new Int32Array(n);
  const perTarget = new Int32Array(n);
  const out: LinkSuggestion[] = [];
  for (const c of candidates) {
    if (perSource[c.from] >= args.maxPerSource || perTarget[c.to] >= args.maxPerTarget) continue;
    const words = phraseWords(c.phrase).map((w) => corpus.dict.words[w]);
    // The anchor's normal form is its words joined by spaces, so the uniqueness check runs before the regex.
    const anchorKey = normaliseAnchor(words.join(" "));
    const used = anchorTargets.get(anchorKey);
    if (used && (used.size > 1 || !used.has(c.to))) continue;
    const hit = findAnchor(pages[c.from].mainText, words);
    if (!hit || normaliseAnchor(hit.anchor) !== anchorKey) continue;
    anchorTargets.set(anchorKey, used ?? new Set([c.to]));
    perSource[c.from]++;
    perTarget[c.to]++;
    const topic = topicOf[c.to] >= 0 ? topics[topicOf[c.to]] : null;
    const same = topicOf[c.from] >= 0 && topicOf[c.from] === topicOf[c.to];
    out.push({
      fromUrl: pages[c.from].url,
      toUrl: pages[c.to].url,
      anchor: hit.anchor,
      context: hit.context,
      score: Math.round(c.score * 1000) / 1000,
      reason:
        `${same && topic ? `same topic "${topic.label}"` : "related topic"}; similarity ${dot(vectors[c.from], vectors[c.to]).toFixed(2)}; ` +
        `target has ${graph.contentIn[c.to].size} inbound content link(s)`,
    });
  }
  return out;
}

/**
 * Per target, the phrase keys of anchor texts that already point to it and to no other page: one or two words, all
 * of them words of the site (anchors of code, numbers or stopwords only are left out).
 */
function establishedAnchorPhrases(existingAnchors: Map<string, Set<number>>, corpus: Corpus, targetable: boolean[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const [anchor, targets] of existingAnchors) {
    if (targets.size !== 1) continue;
    const [t] = targets;
    if (!targetable[t]) continue;
    const words = tokenizeWords(anchor);
    if (words.length < 1 || words.length > 2 || words.some((w) => w === null)) continue;
    const ids = (words as string[]).map((w) => corpus.dict.ids.get(w));
    if (ids.some((id) => id === undefined)) continue;
    if (ids.length === 1 && (words[0] as string).length < MIN_UNIGRAM_ANCHOR_CHARS) continue;
    const key = phraseKey(ids[0] as number, ids[1]);
    let list = out.get(t);
    if (!list) out.set(t, (list = []));
    if (!list.includes(key)) list.push(key);
  }
  return out;
}

export function normaliseAnchor(anchor: string): string {
  return anchor.toLowerCase().replace(/[\s\u00a0-]+/g, " ").replace(/’/g, "'").trim();
}
