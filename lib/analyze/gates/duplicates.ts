import type { LinkGraph } from "../link-graph";
import { closeSimhashPairs } from "../simhash";
import { sparseDot, type SparseRow } from "../tfidf";
import { BREAK, type Corpus } from "../tokenize";
import type { AnalysisPage } from "../types";
import { dot, type Vector } from "../vectors";

/**
 * Duplicated text: near-duplicates (simhash within a few bits, or TF-IDF cosine over a vector prefilter) and thin
 * pages whose text is mostly inside one other page. Identical pages at several URLs are one page (resolve-links.ts
 * folds them); here the texts differ.
 */

// Near-duplicates by text: TF-IDF cosine 0.9 (Broder 1997 uses 0.9 resemblance).
export const NEAR_DUPLICATE_TFIDF = 0.9;
// Only pairs this close in vector space are compared by TF-IDF (keeps the check sub-quadratic in practice).
export const DUPLICATE_PREFILTER = 0.8;
// Topics larger than this skip the pairwise TF-IDF check (1,500^2 / 2 dot products take ~1 s).
export const DUPLICATE_PAIRWISE_MAX = 1500;
// A thin page whose word 4-shingles are at least half inside one other page says nothing that page does not
// (Broder 1997's containment; 0.5 is his "roughly contained" cut): it is merged into that page.
export const SUBSUMED_CONTAINMENT = 0.5;
// Shingles of 4 content words (stopwords skipped, so about 7 words of prose): long enough that two pages share
// one by copying, not by talking about the same thing.
export const SHINGLE_WORDS = 4;
// A shingle on more than this many pages, or on more than 1% of a large site's pages, is site template; a copied passage
// is on its source and its copies (and on a combined reference page or two: sqlite3-doc's capi3ref.html repeats every
// C API page, so its passages sit on 3-4 pages).
export const SHINGLE_MAX_PAGES = 3;
export const SHINGLE_MAX_SHARE = 0.01;
// Fewer distinctive shingles than this is too little text to call it copied.
export const SUBSUMED_MIN_SHINGLES = 5;
// A page whose words are mostly the anchors of its content links is a list of links (a chapter's table of
// contents): its text is bound to be in the site's other lists, which does not make it a copy.
export const LISTING_LINK_TEXT_SHARE = 0.5;

export interface DuplicatePair {
  /** the page that would be merged when the other stays */
  a: number;
  b: number;
  evidence: string;
  /** a is thin and its text is inside b: only a can be merged, into b */
  directed: boolean;
}

export interface DuplicateContext {
  pages: AnalysisPage[];
  corpus: Corpus;
  tfidf: SparseRow[];
  vectors: Vector[];
  graph: LinkGraph;
  thinWordCount: number;
  nearDuplicateHamming: number;
}

/** Is the page mostly the anchors of its content links (a list of links)? */
export function isLinkList(graph: LinkGraph, i: number, wordCount: number): boolean {
  return graph.contentLinkWords[i] >= LISTING_LINK_TEXT_SHARE * wordCount;
}

/** Near-duplicate pairs among comparable pages, in groups (topics) compared pairwise by TF-IDF. */
export function nearDuplicatePairs(ctx: DuplicateContext, groups: number[][], comparable: (i: number) => boolean): DuplicatePair[] {
  const out: DuplicatePair[] = [];
  const seen = new Set<string>();
  const push = (a: number, b: number, evidence: string) => {
    const key = a < b ? `${a},${b}` : `${b},${a}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ a, b, evidence, directed: false });
  };
  for (const [i, j] of closeSimhashPairs(ctx.pages.map((p, k) => (comparable(k) ? p.simhash : null)), ctx.nearDuplicateHamming)) {
    push(i, j, `near-duplicate text (simhash within ${ctx.nearDuplicateHamming} bits, TF-IDF similarity ${sparseDot(ctx.tfidf[i], ctx.tfidf[j]).toFixed(2)})`);
  }
  for (const group of groups) {
    const m = group.filter(comparable);
    // Pairwise TF-IDF within a group is quadratic; huge groups rely on simhash alone.
    if (m.length > DUPLICATE_PAIRWISE_MAX) continue;
    for (let x = 0; x < m.length; x++) {
      for (let y = x + 1; y < m.length; y++) {
        const [i, j] = [m[x], m[y]];
        if (dot(ctx.vectors[i], ctx.vectors[j]) < DUPLICATE_PREFILTER) continue;
        const sim = sparseDot(ctx.tfidf[i], ctx.tfidf[j]);
        if (sim >= NEAR_DUPLICATE_TFIDF) push(i, j, `near-duplicate text (TF-IDF similarity ${sim.toFixed(2)})`);
      }
    }
  }
  return out;
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
 * Thin pages whose text is mostly inside one other page, as directed pairs (thin page, page holding its text). Only
 * shingles found on at most SHINGLE_MAX_PAGES pages count: phrases the site repeats everywhere ("return value: new
 * reference", a standard intro sentence) are template, not text one page took from another.
 */
export function subsumedThinPages(ctx: DuplicateContext, comparable: (i: number) => boolean): DuplicatePair[] {
  const { pages, corpus } = ctx;
  const maxPages = Math.max(SHINGLE_MAX_PAGES, Math.ceil(SHINGLE_MAX_SHARE * pages.length));
  const thin = pages
    .map((_, i) => i)
    .filter((i) => comparable(i) && pages[i].wordCount < ctx.thinWordCount && !isLinkList(ctx.graph, i, pages[i].wordCount));
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
      if (list.length <= maxPages) list.push(j);
    }
  });
  const own = new Map<number, number>();
  const shared = new Map<number, Map<number, number>>();
  for (const [h, list] of pagesWith) {
    if (list.length > maxPages) continue;
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
  const out: DuplicatePair[] = [];
  for (const [i, counts] of shared) {
    if (own.get(i)! < SUBSUMED_MIN_SHINGLES) continue;
    let best = -1;
    let bestShare = 0;
    for (const [j, c] of counts) {
      const share = c / own.get(i)!;
      // ties go to the shorter page: the one the passage is most of (a page, not a combined reference repeating it)
      if (share > bestShare + 1e-12 || (Math.abs(share - bestShare) <= 1e-12 && best >= 0 && pages[j].wordCount < pages[best].wordCount)) {
        best = j;
        bestShare = share;
      }
    }
    if (best >= 0 && bestShare >= SUBSUMED_CONTAINMENT && pages[best].wordCount >= pages[i].wordCount) {
      out.push({ a: i, b: best, evidence: `thin (${pages[i].wordCount} words), and ${Math.round(bestShare * 100)}% of its text is on ${pages[best].url}`, directed: true });
    }
  }
  return out.sort((x, y) => x.a - y.a);
}
