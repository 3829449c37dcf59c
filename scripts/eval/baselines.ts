/**
 * The baselines TopicGate is measured against: unigram TF-IDF of the main text (min_df 2, max_df 0.5, sublinear tf,
 * smooth idf, rows L2-normalised: the scikit-learn TfidfVectorizer settings a data scientist would start from) with
 * spherical k-means for topics, and nearest neighbours by TF-IDF cosine for link suggestions; and a stronger lexical
 * baseline for topics: the same TF-IDF with the title's words counted three times, reduced by LSA (truncated SVD,
 * Deerwester et al. 1990) before k-means.
 */
import { sphericalKmeans } from "../../lib/analyze/kmeans";
import { truncatedSvd } from "../../lib/analyze/svd";
import { isStopword } from "../../lib/analyze/tokenize";
import { l2normalize } from "../../lib/analyze/vectors";

export interface SparseVector {
  idx: Int32Array;
  val: Float64Array;
}

export function tfidfVectors(texts: string[]): { rows: SparseVector[]; dimensions: number } {
  const docs = texts.map((t) => (t.toLowerCase().match(/[\p{L}][\p{L}\p{N}_]+/gu) ?? []).filter((w) => !isStopword(w)));
  const df = new Map<string, number>();
  for (const d of docs) for (const w of new Set(d)) df.set(w, (df.get(w) ?? 0) + 1);
  const n = docs.length;
  const vocab = [...df.entries()].filter(([, c]) => c >= 2 && c <= n * 0.5).map(([w]) => w).sort();
  const col = new Map(vocab.map((w, j) => [w, j]));
  const rows = docs.map((d) => {
    const tf = new Map<number, number>();
    for (const w of d) {
      const j = col.get(w);
      if (j !== undefined) tf.set(j, (tf.get(j) ?? 0) + 1);
    }
    const entries = [...tf.entries()].sort((a, b) => a[0] - b[0]);
    const val = Float64Array.from(entries, ([j, c]) => (1 + Math.log(c)) * (Math.log((1 + n) / (1 + df.get(vocab[j])!)) + 1));
    let norm = 0;
    for (const x of val) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    for (let t = 0; t < val.length; t++) val[t] /= norm;
    return { idx: Int32Array.from(entries, ([j]) => j), val };
  });
  return { rows, dimensions: vocab.length };
}

export function sparseCosine(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < a.idx.length && j < b.idx.length) {
    if (a.idx[i] === b.idx[j]) s += a.val[i++] * b.val[j++];
    else if (a.idx[i] < b.idx[j]) i++;
    else j++;
  }
  return s;
}

// The title says what a page is about: its words count three times (the field weight search engines give titles).
export const BASELINE_TITLE_BOOST = 3;
// LSA dimensions of the stronger baseline: Deerwester et al.'s ~100.
export const BASELINE_LSA_DIMENSIONS = 100;

/** TF-IDF with the title boosted, reduced by LSA, + spherical k-means with k clusters; one assignment per page. */
export function lsaKmeans(pages: { title: string; text: string }[], k: number, seed: number): Int32Array {
  const texts = pages.map((p) => `${`${p.title}\n`.repeat(BASELINE_TITLE_BOOST)}${p.text}`);
  const { rows, dimensions } = tfidfVectors(texts);
  const { coordinates } = truncatedSvd(rows, dimensions, Math.min(BASELINE_LSA_DIMENSIONS, rows.length - 1, dimensions), seed);
  return sphericalKmeans(coordinates.map(l2normalize), k, seed).assignments;
}

/** TF-IDF + spherical k-means with k clusters; one assignment per text. */
export function tfidfKmeans(texts: string[], k: number, seed: number): Int32Array {
  const { rows, dimensions } = tfidfVectors(texts);
  const dense = rows.map((r) => {
    const v = new Float64Array(dimensions);
    r.idx.forEach((j, t) => (v[j] = r.val[t]));
    return l2normalize(v);
  });
  return sphericalKmeans(dense, k, seed).assignments;
}

/**
 * For each source, its `k` most TF-IDF-similar pages it does not already link to (ties by index), the
 * suggestion list a plain "related pages" widget would make.
 */
export function tfidfNeighbours(texts: string[], sources: number[], linked: (from: number, to: number) => boolean, k: number): Map<number, number[]> {
  const { rows } = tfidfVectors(texts);
  const out = new Map<number, number[]>();
  for (const s of sources) {
    const scored: [number, number][] = [];
    rows.forEach((r, t) => {
      if (t !== s && !linked(s, t)) scored.push([t, sparseCosine(rows[s], r)]);
    });
    scored.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    out.set(s, scored.slice(0, k).map(([t]) => t));
  }
  return out;
}
