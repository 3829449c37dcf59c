import type { LinkGraph } from "../link-graph";
import { canonicalisedElsewhere } from "../link-graph";
import { closeSimhashPairs } from "../simhash";
import { sparseDot, type SparseRow } from "../tfidf";
import { BREAK, type Corpus } from "../tokenize";
import type { AnalysisOptions, AnalysisPage, ForgetAction } from "../types";
import { dot, type Vector } from "../vectors";
import { CORE_MIN_PAGES, linkedFromContent, REACHED_MIN_LINKING_PAGES, type CoreTopic } from "./cores";

/**
 * Forget gate: what to remove, merge or refresh. One action per page with its reasons; the
 * strongest reason sets the action: merge > prune > update > keep.
 */

// Off-topic: the best cosine to any core centroid is under 0.25 of the median cosine of core pages to
// their own centroid (leave-one-out), both in vector space and in TF-IDF space. Relative, so it holds
// for LSA, LSTM and hybrid vectors alike. On the test fixtures short on-topic pages sit near 0.5 of
// the median and unrelated pages near 0; on the python3.11 docs (scripts/eval) pages of small non-core
// topics (tkinter dialogs, tty) sit at 0.3-0.45, so 0.35 pruned real documentation and 0.25 does not.
export const OFF_TOPIC_RELATIVE = 0.25;
// Near-duplicates by text when no simhash is available: TF-IDF cosine 0.9 (Broder 1997 uses 0.9 resemblance).
export const NEAR_DUPLICATE_TFIDF = 0.9;
// Only pairs this close in vector space are compared by TF-IDF (keeps the check sub-quadratic in practice).
export const DUPLICATE_PREFILTER = 0.8;
// Topics larger than this skip the pairwise TF-IDF check (1,500^2 / 2 dot products take ~1 s).
export const DUPLICATE_PAIRWISE_MAX = 1500;
// Cannibalising: same topic, titles sharing half their words, vectors this close.
export const CANNIBAL_TITLE_JACCARD = 0.5;
export const CANNIBAL_VECTOR_COSINE = 0.8;
// Title words on more than a fifth of the pages are the site's title template, not the page's subject.
export const TITLE_BOILERPLATE_SHARE = 0.2;
// Title words used by more pages than this are site-wide words, not evidence of cannibalisation.
export const CANNIBAL_MAX_TITLE_POSTINGS = 200;
// A thin page whose word 3-shingles are at least half inside one other page says nothing that page does not
// (Broder 1997's containment; 0.5 is his "roughly contained" cut): it is merged into that page.
export const SUBSUMED_CONTAINMENT = 0.5;
// Shingles of 4 content words (stopwords skipped, so about 7 words of prose): long enough that two pages share
// one by copying, not by talking about the same thing.
export const SHINGLE_WORDS = 4;
// A shingle on more than this many pages is site template; a copied passage is on its source and its copies.
export const SHINGLE_MAX_PAGES = 3;
// Fewer distinctive shingles than this is too little text to call it copied.
export const SUBSUMED_MIN_SHINGLES = 5;
// A page whose words are mostly the anchors of its content links is a list of links (a chapter's table of
// contents): its text is bound to be in the site's other lists, which does not make it a copy, and its own
// few words say little about its subject, which does not make it off-topic.
export const LISTING_LINK_TEXT_SHARE = 0.5;
// "Weak" orphans are below the median PageRank and under twice the thin threshold in words.
export const WEAK_WORDS_FACTOR = 2;
const DAY_MS = 86_400_000;

// How strongly each reason asks to forget the page (the page's forget score is the largest).
export const SEVERITY = {
  offTopic: 0.9,
  thinOrphan: 0.85,
  orphanWeak: 0.8,
  duplicate: 0.75,
  cannibal: 0.7,
  thin: 0.5,
  orphan: 0.3,
  stale: 0.3,
  broken: 0.2,
} as const;

export interface PageForget {
  score: number;
  action: ForgetAction;
  reasons: string[];
  mergeInto?: number;
  offTopic: boolean;
}

export interface PruningContext {
  pages: AnalysisPage[];
  corpus: Corpus;
  tfidf: SparseRow[];
  vectors: Vector[];
  topics: CoreTopic[];
  topicOf: Int32Array;
  utility: (string | null)[];
  graph: LinkGraph;
  pagerank: Float64Array;
  options: AnalysisOptions;
  now: string;
}

class UnionFind {
  readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  find(x: number): number {
    while (this.parent[x] !== x) x = this.parent[x] = this.parent[this.parent[x]];
    return x;
  }
  union(a: number, b: number): void {
    this.parent[this.find(a)] = this.find(b);
  }
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function decidePruning(ctx: PruningContext): PageForget[] {
  const { pages, graph, pagerank, options, topics, vectors, utility } = ctx;
  const n = pages.length;
  const canonicalisedAway = pages.map(canonicalisedElsewhere);
  const comparable = (i: number) => !canonicalisedAway[i] && utility[i] === null;

  // Off-topic against the topics that belong to the site: core topics, and smaller topics of a few pages that are
  // not off-topic as a whole (a family of related documentation pages is the site's subject, core or not). A page
  // alone in a tiny topic is measured against them, not against itself.
  // It must be far in the vector space AND in plain TF-IDF space: LSA on a small site can push a
  // small group of on-topic pages (say, short tips) into a dimension of their own.
  // Similarities are leave-one-out: a page's own vector is removed from its topic's centroid,
  // or a lone odd page in a small topic would look similar to the topic it distorts.
  const reference = topics.filter((t) => t.offTopic === null && (t.isCore || t.members.length >= CORE_MIN_PAGES));
  const onSite = new Uint8Array(n);
  for (const t of reference) for (const i of t.members) onSite[i] = 1;
  const dense = looSimilarity(
    reference.map((t) => t.members),
    vectors[0]?.length ?? 0,
    (i, add) => vectors[i].forEach((x, d) => add(d, x)),
  );
  const lexical = looSimilarity(
    reference.map((t) => t.members),
    ctx.tfidf.reduce((m, r) => (r.idx.length ? Math.max(m, r.idx[r.idx.length - 1] + 1) : m), 0),
    (i, add) => ctx.tfidf[i].idx.forEach((d, k) => add(d, ctx.tfidf[i].val[k])),
  );
  const offTopicThreshold = OFF_TOPIC_RELATIVE * median(reference.flatMap((t, c) => t.members.map((i) => dense.own(i, c))));
  const lexicalThreshold = OFF_TOPIC_RELATIVE * median(reference.flatMap((t, c) => t.members.map((i) => lexical.own(i, c))));
  const bestCoreSim = pages.map((_, i) => dense.best(i));

  // Near-duplicates: exact hash, simhash within k bits, or TF-IDF cosine over the vector prefilter.
  const uf = new UnionFind(n);
  const dupReason = new Map<number, string>();
  const byHash = new Map<string, number>();
  pages.forEach((p, i) => {
    if (!comparable(i) || !p.contentHash) return;
    const j = byHash.get(p.contentHash);
    if (j === undefined) byHash.set(p.contentHash, i);
    else uf.union(i, j);
  });
  for (const [i, j] of closeSimhashPairs(pages.map((p, i) => (comparable(i) ? p.simhash : null)), options.nearDuplicateHamming)) uf.union(i, j);
  const cannibalPairs: [number, number][] = [];
  const boilerplate = boilerplateTitleWords(ctx.corpus, comparable);
  for (const t of topics) {
    const m = t.members.filter(comparable);
    // Pairwise TF-IDF within a topic is quadratic; huge topics rely on simhash alone.
    if (m.length <= DUPLICATE_PAIRWISE_MAX) for (let x = 0; x < m.length; x++) {
      for (let y = x + 1; y < m.length; y++) {
        const i = m[x];
        const j = m[y];
        if (dot(vectors[i], vectors[j]) < DUPLICATE_PREFILTER) continue;
        if (sparseDot(ctx.tfidf[i], ctx.tfidf[j]) >= NEAR_DUPLICATE_TFIDF) uf.union(i, j);
      }
    }
    for (const pair of titleCannibals(m, ctx, boilerplate)) cannibalPairs.push(pair);
  }
  // A thin page inside another thin page is a near-duplicate pair (the stronger stays); inside a full page, it merges there.
  const subsumed: [number, number][] = [];
  for (const [i, j] of subsumedThinPages(ctx, comparable)) {
    if (pages[j].wordCount < options.thinWordCount) uf.union(i, j);
    else subsumed.push([i, j]);
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    if (!comparable(i)) continue;
    const r = uf.find(i);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = []));
    g.push(i);
  }
  const strength = (i: number, group: number[]) => {
    const maxIn = group.reduce((m, j) => Math.max(m, graph.contentIn[j].size + graph.templateIn[j].size), 1);
    const maxPr = group.reduce((m, j) => Math.max(m, pagerank[j]), 1e-12);
    const maxWords = group.reduce((m, j) => Math.max(m, pages[j].wordCount), 1);
    return (graph.contentIn[i].size + graph.templateIn[i].size) / maxIn + pagerank[i] / maxPr + pages[i].wordCount / maxWords;
  };
  const strongest = (group: number[]) =>
    group.reduce((best, i) => {
      const d = strength(i, group) - strength(best, group);
      return d > 1e-12 || (Math.abs(d) <= 1e-12 && pages[i].url.length < pages[best].url.length) ? i : best;
    });
  const mergeInto = new Int32Array(n).fill(-1);
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    const keep = strongest(g);
    for (const i of g) if (i !== keep) {
      mergeInto[i] = keep;
      dupReason.set(i, `near-duplicate of ${pages[keep].url}`);
    }
  }
  for (const [i, j] of subsumed) {
    if (mergeInto[i] >= 0) continue;
    // the page it would merge into may itself be merged: follow to the page that stays
    let into = j;
    while (mergeInto[into] >= 0) into = mergeInto[into];
    if (into === i) continue;
    mergeInto[i] = into;
    dupReason.set(i, `thin, and its text is on ${pages[into].url}`);
  }
  for (const [i, j] of cannibalPairs) {
    if (mergeInto[i] >= 0 || mergeInto[j] >= 0) continue;
    const keep = strongest([i, j]);
    const drop = keep === i ? j : i;
    mergeInto[drop] = keep;
    dupReason.set(drop, `cannibalises ${pages[keep].url} (same topic, similar title)`);
  }

  const medianPr = median(pages.map((_, i) => pagerank[i]).filter((_, i) => utility[i] === null));
  const nowMs = Date.parse(ctx.now);
  return pages.map((p, i): PageForget => {
    const reasons: string[] = [];
    let score = 0;
    const add = (severity: number, reason: string) => {
      reasons.push(reason);
      score = Math.max(score, severity);
    };
    if (canonicalisedAway[i]) return { score: 0, action: "keep", reasons: [`canonicalised to ${p.canonical}`], offTopic: false };
    if (utility[i] !== null) return { score: 0, action: "keep", reasons: [`utility page (${utility[i]})`], offTopic: false };

    const thin = p.wordCount < options.thinWordCount;
    const orphan = p.depth > 0 && graph.contentIn[i].size === 0;
    // An orphan the site's navigation links to was put there on purpose (a download or start page in the menu):
    // it needs content links, not removal. Only a page nothing links to is pruned for being orphaned.
    const inNavigation = graph.templateIn[i].size > 0;
    const unlinked = orphan && !inNavigation;
    // a list of links is navigation: its subject is the pages it lists, not its own few words
    const listing = ctx.graph.contentLinkWords[i] >= LISTING_LINK_TEXT_SHARE * p.wordCount;
    const farFromSite = !listing && reference.length > 0 && bestCoreSim[i] < offTopicThreshold && lexical.best(i) < lexicalThreshold;
    // A page of an off-topic topic shares its verdict unless the page itself is held by the site: it links to a page
    // of a topic that belongs, or two or more such pages link to it (a module page clustered beside imported pages
    // on its subject stays).
    const topic = ctx.topicOf[i] >= 0 ? topics[ctx.topicOf[i]] : undefined;
    const held = () => [...graph.contentOut[i]].some((j) => onSite[j] === 1) || linkedFromContent(i, graph, onSite) >= REACHED_MIN_LINKING_PAGES;
    const inOffTopic = !listing && topic?.offTopic != null && !held();
    const offTopic = farFromSite || inOffTopic;
    const weak = pagerank[i] <= medianPr && p.wordCount < WEAK_WORDS_FACTOR * options.thinWordCount;
    const modified = p.modifiedAt ? Date.parse(p.modifiedAt) : NaN;
    const stale = Number.isFinite(modified) && Number.isFinite(nowMs) && nowMs - modified > options.staleDays * DAY_MS;

    if (mergeInto[i] >= 0) add(dupReason.get(i)!.startsWith("cannibalises") ? SEVERITY.cannibal : SEVERITY.duplicate, dupReason.get(i)!);
    if (farFromSite) add(
        SEVERITY.offTopic,
        `off-topic: similarity to the nearest topic of the site ${bestCoreSim[i].toFixed(2)} (threshold ${offTopicThreshold.toFixed(2)}), ` +
          `by words ${lexical.best(i).toFixed(2)} (threshold ${lexicalThreshold.toFixed(2)})`,
      );
    else if (inOffTopic) add(SEVERITY.offTopic, `off-topic: its topic "${topic!.label}" does not belong to the site: ${topic!.offTopic}`);
    if (thin) add(unlinked ? SEVERITY.thinOrphan : SEVERITY.thin, `thin: ${p.wordCount} words (< ${options.thinWordCount})`);
    if (unlinked) add(weak ? SEVERITY.orphanWeak : SEVERITY.orphan, weak ? "orphaned and weak: no inbound content links, low PageRank, few words" : "orphan: no inbound content links");
    else if (orphan) add(SEVERITY.orphan, "orphan: no inbound content links (linked from navigation only)");
    if (stale) add(SEVERITY.stale, `stale: not modified since ${p.modifiedAt!.slice(0, 10)}`);
    if (graph.brokenOut[i] > 0) add(SEVERITY.broken, `${graph.brokenOut[i]} broken internal link(s)`);

    let action: ForgetAction = "keep";
    if (mergeInto[i] >= 0) action = "merge";
    else if (offTopic || (thin && unlinked) || (unlinked && weak)) action = "prune";
    else if (thin || stale || graph.brokenOut[i] > 0) action = "update";
    return {
      score: Math.round(score * 100) / 100,
      action,
      reasons,
      ...(mergeInto[i] >= 0 ? { mergeInto: mergeInto[i] } : {}),
      offTopic,
    };
  });
}

/**
 * Cosine of each page to each group's centroid (sum of member vectors), leaving the page itself out
 * of its own group. `each(i, add)` feeds page i's coordinates; vectors are unit length.
 */
function looSimilarity(
  groups: number[][],
  width: number,
  each: (i: number, add: (d: number, x: number) => void) => void,
): { own: (i: number, c: number) => number; best: (i: number) => number } {
  const sums = groups.map((members) => {
    const s = new Float64Array(width);
    for (const i of members) each(i, (d, x) => (s[d] += x));
    return s;
  });
  const sqNorms = sums.map((s) => s.reduce((a, x) => a + x * x, 0));
  const memberOf = new Map<string, boolean>();
  groups.forEach((members, c) => members.forEach((i) => memberOf.set(`${i},${c}`, true)));
  const own = (i: number, c: number) => {
    let d = 0;
    let selfSq = 0;
    each(i, (k, x) => {
      d += x * sums[c][k];
      selfSq += x * x;
    });
    if (memberOf.has(`${i},${c}`)) {
      const restSq = sqNorms[c] - 2 * d + selfSq;
      const rest = d - selfSq;
      return restSq > 1e-12 ? rest / Math.sqrt(restSq * selfSq) : 0;
    }
    return sqNorms[c] > 0 && selfSq > 0 ? d / Math.sqrt(sqNorms[c] * selfSq) : 0;
  };
  return { own, best: (i) => groups.reduce((b, _, c) => Math.max(b, own(i, c)), -1) };
}

/** Hashes of a token sequence's SHINGLE_WORDS-word shingles, stopwords and punctuation skipped. */
function shingles(tokens: Int32Array): Set<number> {
  const words = Array.from(tokens).filter((t) => t !== BREAK);
  const out = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) {
    let h = 0x811c9dc5;
    for (let k = 0; k < SHINGLE_WORDS; k++) h = Math.imul(h ^ words[i + k], 0x01000193) >>> 0;
    out.add(h);
  }
  return out;
}

/**
 * Thin pages whose text is mostly inside one other page, with that page: [thin page, page holding its text].
 * Only shingles found on at most SHINGLE_MAX_PAGES pages count: phrases the site repeats everywhere ("return
 * value: new reference", a standard intro sentence) are template, not text one page took from another.
 */
function subsumedThinPages(ctx: PruningContext, comparable: (i: number) => boolean): [number, number][] {
  const { pages, corpus, options } = ctx;
  const thin = pages
    .map((_, i) => i)
    .filter((i) => comparable(i) && pages[i].wordCount < options.thinWordCount && ctx.graph.contentLinkWords[i] < LISTING_LINK_TEXT_SHARE * pages[i].wordCount);
  const holders = new Map<number, number[]>();
  for (const i of thin) {
    for (const h of shingles(corpus.docs[i].body)) {
      let list = holders.get(h);
      if (!list) holders.set(h, (list = []));
      list.push(i);
    }
  }
  if (holders.size === 0) return [];
  const pagesWith = new Map<number, number[]>();
  pages.forEach((_, j) => {
    if (!comparable(j)) return;
    for (const h of shingles(corpus.docs[j].body)) {
      if (!holders.has(h)) continue;
      let list = pagesWith.get(h);
      if (!list) pagesWith.set(h, (list = []));
      if (list.length <= SHINGLE_MAX_PAGES) list.push(j);
    }
  });
  const own = new Map<number, number>();
  const shared = new Map<number, Map<number, number>>();
  for (const [h, list] of pagesWith) {
    if (list.length > SHINGLE_MAX_PAGES) continue;
    for (const i of holders.get(h)!) {
      own.set(i, (own.get(i) ?? 0) + 1);
      for (const j of list) {
        if (j === i) continue;
        let counts = shared.get(i);
        if (!counts) shared.set(i, (counts = new Map()));
        counts.set(j, (counts.get(j) ?? 0) + 1);
      }
    }
  }
  const out: [number, number][] = [];
  for (const [i, counts] of shared) {
    if (own.get(i)! < SUBSUMED_MIN_SHINGLES) continue;
    let best = -1;
    let bestShare = 0;
    for (const [j, c] of counts) {
      const share = c / own.get(i)!;
      // ties go to the longer page: the one that says more
      if (share > bestShare + 1e-12 || (Math.abs(share - bestShare) <= 1e-12 && best >= 0 && pages[j].wordCount > pages[best].wordCount)) {
        best = j;
        bestShare = share;
      }
    }
    if (best >= 0 && bestShare >= SUBSUMED_CONTAINMENT && pages[best].wordCount >= pages[i].wordCount) out.push([i, best]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** Title words on more than TITLE_BOILERPLATE_SHARE of the pages: site name and suffixes ("Python 3.11 documentation"). */
function boilerplateTitleWords(corpus: Corpus, counted: (i: number) => boolean): Set<number> {
  const df = new Map<number, number>();
  let pages = 0;
  corpus.docs.forEach((d, i) => {
    if (!counted(i)) return;
    pages++;
    for (const w of new Set(d.title)) if (w !== BREAK) df.set(w, (df.get(w) ?? 0) + 1);
  });
  return new Set([...df.entries()].filter(([, c]) => pages >= 5 && c > TITLE_BOILERPLATE_SHARE * pages).map(([w]) => w));
}

/** Pairs in one topic whose titles share most words and whose vectors are close. */
function titleCannibals(members: number[], ctx: PruningContext, boilerplate: Set<number>): [number, number][] {
  const titleSets = new Map<number, Set<number>>();
  const postings = new Map<number, number[]>();
  for (const i of members) {
    const set = new Set<number>();
    for (const w of ctx.corpus.docs[i].title) if (w !== BREAK && !boilerplate.has(w)) set.add(w);
    titleSets.set(i, set);
    for (const w of set) {
      let list = postings.get(w);
      if (!list) postings.set(w, (list = []));
      list.push(i);
    }
  }
  const seen = new Set<string>();
  const out: [number, number][] = [];
  for (const list of postings.values()) {
    if (list.length > CANNIBAL_MAX_TITLE_POSTINGS) continue;
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const i = list[x];
        const j = list[y];
        const key = `${i},${j}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const a = titleSets.get(i)!;
        const b = titleSets.get(j)!;
        let inter = 0;
        for (const w of a) if (b.has(w)) inter++;
        const jaccard = inter / Math.max(1, a.size + b.size - inter);
        if (jaccard >= CANNIBAL_TITLE_JACCARD && dot(ctx.vectors[i], ctx.vectors[j]) >= CANNIBAL_VECTOR_COSINE) out.push([i, j]);
      }
    }
  }
  return out;
}
