import type { SparseRow } from "../tfidf";
import { BREAK, type Corpus } from "../tokenize";
import type { Vector } from "../vectors";
import { CORE_MIN_PAGES, type CoreTopic } from "./cores";
import { median } from "../order-statistics";

/**
 * Off-topic pages, judged against what the site is about rather than against the cluster a page landed in (off-topic
 * pages the site links to can form a cluster of their own, or join a cluster of real pages):
 * - far: far from every topic that belongs to the site, in the page vectors and in plain TF-IDF alike;
 * - foreign: written in another vocabulary than the site's (few of its words are words the site uses across its
 *   pages), and not close to the site's topics by its words either.
 * Similarities are leave-one-out: a page's own vector is removed from its topic's centroid, or a lone odd page in a
 * small topic would look similar to the topic it distorts.
 */

// The best cosine to any reference centroid is under this share of the median cosine of the reference pages to their
// own centroid (leave-one-out), in both spaces. Relative, so it holds for LSA, LSTM and hybrid vectors alike.
export const OFF_TOPIC_RELATIVE = 0.25;
// The site's vocabulary: words on at least 2% of its content pages (and 3 pages), the words a page of the site is
// written in whatever its subject ("function", "return", "module" on a documentation site; "recipe", "oven" on a food
// blog). A page's coverage is the share of its words in that vocabulary, counted without the page itself.
export const SITE_VOCABULARY_SHARE = 0.02;
export const SITE_VOCABULARY_MIN_PAGES = 3;
// Foreign: coverage under this share of the site's median coverage... (chosen leave-one-site-out by scripts/eval)
export const FOREIGN_VOCABULARY_RATIO = 0.6;
// ...and TF-IDF similarity to the nearest topic under this multiple of the lexical off-topic threshold (see above).
export const FOREIGN_LEXICAL_RATIO = 1.25;

export interface OffTopicMeasure {
  /** pages of the topics the site is judged against */
  onSite: Uint8Array;
  /** share of each page's words that are the site's vocabulary */
  coverage: Float64Array;
  /** the site's median coverage over its content pages */
  siteCoverage: number;
  vocabularyRatio: number;
  lexicalRatio: number;
  reference: CoreTopic[];
  denseBest: Float64Array;
  lexicalBest: Float64Array;
  denseThreshold: number;
  lexicalThreshold: number;
}


/**
 * Each page's similarity to the topics that belong to the site: core topics, and smaller topics of a few pages that
 * are not off-topic as a whole (a family of related pages is the site's subject, core or not).
 */
export function measureOffTopic(args: {
  n: number;
  topics: CoreTopic[];
  vectors: Vector[];
  tfidf: SparseRow[];
  corpus: Corpus;
  /** the site's content pages: its vocabulary is theirs */
  content: number[];
  /** vocabulary coverage of every page, when already measured (see vocabularyCoverage) */
  coverage?: Float64Array;
  relative?: number;
  vocabularyRatio?: number;
  lexicalRatio?: number;
}): OffTopicMeasure {
  const { n, topics, vectors, tfidf } = args;
  const relative = args.relative ?? OFF_TOPIC_RELATIVE;
  const coverage = args.coverage ?? vocabularyCoverage(args.corpus, args.content);
  const siteCoverage = median(args.content.map((i) => coverage[i]));
  const vocabularyRatio = args.vocabularyRatio ?? FOREIGN_VOCABULARY_RATIO;
  // A topic's centroid is made of its pages in the site's vocabulary: off-topic pages that joined a topic of real pages
  // (lifestyle prose clustered with tutorials) do not pull its centroid towards themselves and are measured against
  // the real pages they sit beside.
  const native = (i: number) => coverage[i] >= vocabularyRatio * siteCoverage;
  const reference = topics.filter((t) => t.offTopic === null && (t.isCore || t.members.length >= CORE_MIN_PAGES) && t.members.some(native));
  const onSite = new Uint8Array(n);
  for (const t of reference) for (const i of t.members) onSite[i] = 1;
  const groups = reference.map((t) => t.members.filter(native));
  const dense = looSimilarity(groups, vectors[0]?.length ?? 0, (i, add) => vectors[i].forEach((x, d) => add(d, x)));
  const width = tfidf.reduce((m, r) => (r.idx.length ? Math.max(m, r.idx[r.idx.length - 1] + 1) : m), 0);
  const lexical = looSimilarity(groups, width, (i, add) => tfidf[i].idx.forEach((d, k) => add(d, tfidf[i].val[k])));
  const denseThreshold = relative * median(groups.flatMap((g, c) => g.map((i) => dense.own(i, c))));
  const lexicalThreshold = relative * median(groups.flatMap((g, c) => g.map((i) => lexical.own(i, c))));
  return {
    onSite,
    coverage,
    siteCoverage,
    vocabularyRatio,
    lexicalRatio: args.lexicalRatio ?? FOREIGN_LEXICAL_RATIO,
    reference,
    denseBest: Float64Array.from({ length: n }, (_, i) => dense.best(i)),
    lexicalBest: Float64Array.from({ length: n }, (_, i) => lexical.best(i)),
    denseThreshold,
    lexicalThreshold,
  };
}

/** Is the page far from every reference topic in both spaces? */
export function farFromSite(m: OffTopicMeasure, i: number): boolean {
  return m.reference.length > 0 && m.denseBest[i] < m.denseThreshold && m.lexicalBest[i] < m.lexicalThreshold;
}

/** Is the page written in another vocabulary than the site's, and not close to its topics by its words? */
export function foreignToSite(m: OffTopicMeasure, i: number): boolean {
  return m.reference.length > 0 && m.coverage[i] < m.vocabularyRatio * m.siteCoverage && m.lexicalBest[i] < m.lexicalRatio * m.lexicalThreshold;
}

/** Why the page is off-topic, or null: far from the site's topics, or foreign to its vocabulary. */
export function offTopicPageReason(m: OffTopicMeasure, i: number): string | null {
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  if (farFromSite(m, i)) {
    return (
      `off-topic: similarity to the nearest topic of the site ${m.denseBest[i].toFixed(2)} (threshold ${m.denseThreshold.toFixed(2)}), ` +
      `by words ${m.lexicalBest[i].toFixed(2)} (threshold ${m.lexicalThreshold.toFixed(2)})`
    );
  }
  if (foreignToSite(m, i)) {
    return (
      `off-topic: ${pct(m.coverage[i])} of its words are words the site uses across its pages (the site's pages: ${pct(m.siteCoverage)}), ` +
      `and its similarity to the nearest topic by words is ${m.lexicalBest[i].toFixed(2)} (the site's usual: ${(m.lexicalThreshold / OFF_TOPIC_RELATIVE).toFixed(2)})`
    );
  }
  return null;
}

/** Share of each page's words that are words of the site's vocabulary (see SITE_VOCABULARY_SHARE), leave-one-out. */
export function vocabularyCoverage(corpus: Corpus, content: number[]): Float64Array {
  const df = new Int32Array(corpus.dict.words.length);
  for (const i of content) for (const w of new Set(corpus.docs[i].body)) if (w !== BREAK) df[w]++;
  const cut = Math.max(SITE_VOCABULARY_MIN_PAGES, SITE_VOCABULARY_SHARE * content.length);
  const isContent = new Uint8Array(corpus.docs.length);
  for (const i of content) isContent[i] = 1;
  return Float64Array.from(corpus.docs, (doc, i) => {
    let words = 0;
    let covered = 0;
    const own = isContent[i] ? new Set(doc.body) : null;
    for (const w of doc.body) {
      if (w === BREAK) continue;
      words++;
      if (df[w] - (own?.has(w) ? 1 : 0) >= cut) covered++;
    }
    return words > 0 ? covered / words : 1;
  });
}

/**
 * Cosine of each page to each group's centroid (sum of member vectors), leaving the page itself out of its own
 * group. `each(i, add)` feeds page i's coordinates; vectors are unit length.
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
