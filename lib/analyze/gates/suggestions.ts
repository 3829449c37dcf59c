import { normaliseAnchor, TextSearch } from "../anchors";
import { linkGraphOf, pairKey, type LinkGraph } from "../link-graph";
import { createRng } from "../random";
import type { ResolvedLink } from "../resolve-links";
import { sparseDot, type TfidfMatrix } from "../tfidf";
import type { Corpus } from "../tokenize";
import type { AnalysisPage, LinkSuggestion } from "../types";
import { dot, type Vector } from "../vectors";
import {
  ANCHOR_REASON,
  dominantTargets,
  findMentions,
  isCodeLike,
  MAX_PHRASE_PAGE_SHARE,
  MAX_PHRASE_POSTINGS,
  MIN_LINK_PROBABILITY,
  MIN_PHRASE_POSTINGS,
  targetAnchors,
  wilsonLowerBound,
  type AnchorEntry,
  type AnchorKind,
} from "./anchor-offers";
import type { CoreTopic } from "./cores";
import { defaultModel, describeModel, FEATURES, fitRanking, HOLD_OUT_SHARE, scoreOf, type RankingModel } from "./suggestion-ranking";

/**
 * The link suggestion engine: pairs (source, target) where the source's text holds an anchor that names the target
 * (anchor-offers.ts), ranked by a model learned from the site's own links (suggestion-ranking.ts), then accepted
 * greedily under per-page caps, one target per anchor text across the site, each anchor found verbatim in a prose
 * sentence of the source.
 */

// Candidates kept per target before the site-wide greedy pass (5x the per-target cap leaves room for candidates lost
// to source caps and anchor conflicts).
export const CANDIDATES_PER_TARGET_FACTOR = 5;
// Anchors kept per (source, target) pair, tried in order when a better one is not in the source's prose.
export const MAX_ANCHORS_PER_PAIR = 4;
// Training candidates kept at most (negatives sampled beyond it): bounds the fit on 20k-page sites.
export const MAX_TRAINING_EXAMPLES = 60_000;

export interface SuggestionInput {
  pages: AnalysisPage[];
  corpus: Corpus;
  tfidf: TfidfMatrix;
  vectors: Vector[];
  topics: CoreTopic[];
  topicOf: Int32Array;
  graph: LinkGraph;
  /** pages that may receive suggested links (indexable, canonical to themselves, not slated for removal) */
  targetable: boolean[];
  /** pages that may carry suggested links */
  sourceable: boolean[];
  maxPerSource: number;
  maxPerTarget: number;
  seed: number;
  /** the resolved links the graph was built from: a share is held out to learn the ranking (absent: hand-set ranking) */
  links?: ResolvedLink[];
  /** per page, 0-1: how much links would lift it in search (impressions at weak positions); absent without search data */
  demand?: Float64Array;
}

// A target with full search demand (shown a lot, ranking weakly) scores this much more: enough to order candidates of
// similar evidence, not to put a weak anchor ahead of an established one. A prior: no evaluation site has search data.
export const SEARCH_DEMAND_BOOST = 0.25;

interface Offer {
  entry: number;
  kind: AnchorKind;
  evidence: number;
}

interface Candidate {
  from: number;
  to: number;
  /** anchors to try, best evidence first */
  anchors: Offer[];
  /** index in `anchors` of the one the score was computed with */
  tried: number;
  similarity: number;
  score: number;
}

/** Every candidate pair of the site seen through `graph` (its existing links, its anchor statistics). */
function candidatesOf(input: SuggestionInput, graph: LinkGraph): { candidates: Candidate[]; entries: AnchorEntry[]; allowedTarget: Map<string, number> } {
  const { pages, vectors } = input;
  const n = pages.length;
  const shareLimit = Math.min(MAX_PHRASE_POSTINGS, Math.max(MIN_PHRASE_POSTINGS, Math.floor(n * MAX_PHRASE_PAGE_SHARE)));
  const allowedTarget = dominantTargets(graph);
  const entries = targetAnchors(input, graph, allowedTarget);
  findMentions(entries, input.corpus, input.sourceable);
  const byTarget = new Map<number, Offer[]>();
  entries.forEach((e, idx) => {
    if (e.pages.length > MAX_PHRASE_POSTINGS) return;
    const linked = graph.anchors.get(e.key)?.contentSources.size ?? 0;
    const mentions = Math.max(linked, e.pages.length, 1);
    // A single prose word may be a common word the site happens to link twice ("row", "auto"): its link probability is
    // taken at the lower end of what its counts support.
    const linkProbability = e.singleWord && !isCodeLike(e.text) ? wilsonLowerBound(linked, mentions) : linked / mentions;
    for (const offer of e.offers) {
      let evidence = offer.evidence;
      if (offer.kind === "established") {
        if (linkProbability < MIN_LINK_PROBABILITY) continue;
        evidence += (1 - evidence) * linkProbability;
      } else if (e.singleWord && e.pages.length > shareLimit) continue;
      let list = byTarget.get(offer.target);
      if (!list) byTarget.set(offer.target, (list = []));
      list.push({ entry: idx, kind: offer.kind, evidence });
    }
  });
  const candidates: Candidate[] = [];
  for (const [t, offers] of byTarget) {
    offers.sort((a, b) => b.evidence - a.evidence || a.entry - b.entry);
    const perSource = new Map<number, Candidate>();
    for (const offer of offers) {
      for (const s of entries[offer.entry].pages) {
        if (s === t || graph.existing.has(pairKey(graph, s, t))) continue;
        let c = perSource.get(s);
        if (!c) perSource.set(s, (c = { from: s, to: t, anchors: [], tried: 0, similarity: Math.max(0, dot(vectors[s], vectors[t])), score: 0 }));
        // offers come best evidence first, so the first anchor of a pair is its best
        if (c.anchors.length < MAX_ANCHORS_PER_PAIR) c.anchors.push(offer);
      }
    }
    for (const c of perSource.values()) candidates.push(c);
  }
  return { candidates, entries, allowedTarget };
}

/** The features of a candidate with its `tried` anchor, in FEATURES order. */
function featuresOf(input: SuggestionInput, graph: LinkGraph, maxIn: number, c: Candidate): Float64Array {
  const { topicOf } = input;
  const offer = c.anchors[c.tried];
  const x = new Float64Array(FEATURES.length);
  const set = (name: (typeof FEATURES)[number], v: number) => (x[FEATURES.indexOf(name)] = v);
  const inbound = graph.contentIn[c.to].size;
  set("similarity", c.similarity);
  set("lexical", sparseDot(input.tfidf.rows[c.from], input.tfidf.rows[c.to]));
  set("evidence", offer.evidence);
  set("established", offer.kind === "established" ? 1 : 0);
  set("name", offer.kind === "name" ? 1 : 0);
  set("heading", offer.kind === "heading" ? 1 : 0);
  set("sameTopic", topicOf[c.from] >= 0 && topicOf[c.from] === topicOf[c.to] ? 1 : 0);
  set("need", 1 / (1 + inbound));
  set("popularity", Math.log1p(inbound) / Math.log1p(Math.max(1, maxIn)));
  set("anchors", c.anchors.length / MAX_ANCHORS_PER_PAIR);
  return x;
}

const maxInbound = (graph: LinkGraph) => graph.contentIn.reduce((m, s) => Math.max(m, s.size), 0);

/**
 * Learns the ranking from the site's links: a share of its editorial content links (content position only, between
 * pages that may carry and receive suggestions) is held out, candidates are made from the rest, and the held-out
 * links among them are the positives.
 */
export function learnRanking(input: SuggestionInput): RankingModel {
  const { graph, links, sourceable, targetable } = input;
  if (!links) return defaultModel();
  const n = input.pages.length;
  const pairs: number[] = [];
  for (let s = 0; s < n; s++) {
    if (!sourceable[s]) continue;
    for (const t of graph.contentOut[s]) if (targetable[t] && !graph.templateOut[s].has(t)) pairs.push(pairKey(graph, s, t));
  }
  const rng = createRng(input.seed);
  const held = new Set(pairs.filter(() => rng() < HOLD_OUT_SHARE));
  if (held.size === 0) return defaultModel();
  const training = linkGraphOf(n, links.filter((r) => r.to < 0 || !held.has(pairKey(graph, r.from, r.to))));
  const { candidates } = candidatesOf(input, training);
  const maxIn = maxInbound(training);
  let examples = candidates.map((c) => ({ x: featuresOf(input, training, maxIn, c), y: held.has(pairKey(graph, c.from, c.to)) ? 1 : 0 }));
  if (examples.length > MAX_TRAINING_EXAMPLES) {
    const positives = examples.filter((e) => e.y === 1);
    const negatives = examples.filter((e) => e.y === 0);
    const keep = (MAX_TRAINING_EXAMPLES - positives.length) / negatives.length;
    examples = [...positives, ...negatives.filter(() => rng() < keep)];
  }
  return fitRanking(examples);
}

export function suggestLinks(input: SuggestionInput): { suggestions: LinkSuggestion[]; ranking: ReturnType<typeof describeModel> } {
  const { pages, topics, topicOf, graph } = input;
  const n = pages.length;
  if (input.maxPerSource <= 0 || input.maxPerTarget <= 0) return { suggestions: [], ranking: describeModel(defaultModel()) };
  const model = learnRanking(input);
  const { candidates: all, entries, allowedTarget } = candidatesOf(input, graph);
  const maxIn = maxInbound(graph);
  const demand = (t: number) => input.demand?.[t] ?? 0;
  const score = (c: Candidate) => (c.score = scoreOf(model, featuresOf(input, graph, maxIn, c)) * (1 + SEARCH_DEMAND_BOOST * demand(c.to)));
  for (const c of all) score(c);
  const keep = CANDIDATES_PER_TARGET_FACTOR * input.maxPerTarget;
  const byTarget = new Map<number, Candidate[]>();
  for (const c of all) {
    let list = byTarget.get(c.to);
    if (!list) byTarget.set(c.to, (list = []));
    list.push(c);
  }
  const candidates = [...byTarget.values()].flatMap((list) => list.sort(byScore).slice(0, keep));

  // Greedy acceptance under the caps; an anchor text never points to two targets across the site. When a pair's
  // best anchor is not in a prose sentence of the source, its next anchor is tried at that anchor's own score.
  const anchorTarget = new Map(allowedTarget);
  const perSource = new Int32Array(n);
  const perTarget = new Int32Array(n);
  const out: LinkSuggestion[] = [];
  const queue = new CandidateQueue(candidates);
  const searches = new Map<number, TextSearch>();
  const searchOf = (s: number) => {
    let search = searches.get(s);
    if (!search) searches.set(s, (search = new TextSearch(pages[s].mainText, new Set(pages[s].headings.map((h) => h.text.trim())))));
    return search;
  };
  for (let c = queue.pop(); c !== undefined; c = queue.pop()) {
    if (perSource[c.from] >= input.maxPerSource || perTarget[c.to] >= input.maxPerTarget) continue;
    const { entry: idx, kind } = c.anchors[c.tried];
    const entry = entries[idx];
    const owner = anchorTarget.get(entry.key);
    const hit = owner === undefined || owner === c.to ? searchOf(c.from).find(entry.text, entry.exactCase) : null;
    if (!hit || normaliseAnchor(hit.anchor) !== entry.key) {
      if (++c.tried < c.anchors.length) {
        score(c);
        queue.push(c);
      }
      continue;
    }
    anchorTarget.set(entry.key, c.to);
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
        `${ANCHOR_REASON[kind]}; ${same && topic ? `same topic "${topic.label}"` : "related topic"}; similarity ${c.similarity.toFixed(2)}; ` +
        `target has ${graph.contentIn[c.to].size} inbound content link(s)` +
        (demand(c.to) > 0 ? `; the target is shown in search at a weak position (search demand ${demand(c.to).toFixed(2)})` : ""),
    });
  }
  return { suggestions: out, ranking: describeModel(model) };
}

function byScore(a: Candidate, b: Candidate): number {
  return b.score - a.score || a.from - b.from || a.to - b.to;
}

/** Max-heap of candidates by score (ties by source, then target, so the order is deterministic). */
class CandidateQueue {
  private readonly heap: Candidate[] = [];
  constructor(items: Candidate[]) {
    for (const c of items) this.push(c);
  }
  push(c: Candidate): void {
    const h = this.heap;
    h.push(c);
    for (let i = h.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (byScore(h[i], h[p]) >= 0) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }
  pop(): Candidate | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last !== undefined) {
      h[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && byScore(h[l], h[m]) < 0) m = l;
        if (r < h.length && byScore(h[r], h[m]) < 0) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}
